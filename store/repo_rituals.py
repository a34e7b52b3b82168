"""The Store's rituals and their compact tick logs (see `store.schema`)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from store import recurrence, rule_words, schema, streak_cache, streaks
from store.errors import RejectedInput
from store.models import Ritual, Tick
from store.records import resolve
from store.repo_members import MemberRecords
from store.serialization import ritual_from_doc
from store.validation import choose, clean_note, clean_title


class RitualRecords(MemberRecords):
    """Rituals, ticks, skips and the streak figures computed from them."""

    # -- rituals ------------------------------------------------------------------------

    def list_rituals(self, include_archived: bool = False) -> tuple[Ritual, ...]:
        """Rituals by title; archived ones only when asked for."""
        rituals = (ritual_from_doc(doc) for doc in self._live(schema.RITUALS))
        kept = [r for r in rituals if include_archived or not r.archived]
        return tuple(sorted(kept, key=lambda r: (r.title.casefold(), r.id)))

    def ritual(self, ref: str) -> Ritual:
        """The ritual named by id, exact title or an unambiguous prefix."""
        return resolve(
            self.list_rituals(include_archived=True), ref, lambda r: (r.id, r.title), "ritual"
        )

    def add_ritual(
        self,
        title: str,
        rule: str,
        start: date,
        members: Sequence[str] = (),
        needs: str = "any",
        note: str = "",
    ) -> Ritual:
        """Add a ritual; `members` are member ids (default: everyone)."""
        fields = self._ritual_fields(title, rule, start, members, needs, note)
        with self._transaction(f"added {fields['title']}"):
            doc = self._insert(schema.RITUALS, fields)
        return ritual_from_doc(doc)

    def edit_ritual(self, ritual_id: str, **changes: Any) -> Ritual:
        """Change a ritual's title, rule, start, members, needs or note."""
        current = self.ritual(ritual_id)
        fields = self._ritual_fields(
            changes.get("title", current.title),
            changes.get("rule", current.rule),
            changes.get("start", current.start),
            changes.get("members", current.members),
            changes.get("needs", current.needs),
            changes.get("note", current.note),
        )
        with self._transaction(f"edited {fields['title']}"):
            doc = self._update(schema.RITUALS, current.id, fields)
        return ritual_from_doc(doc)

    def archive_ritual(self, ritual_id: str, archived: bool = True) -> Ritual:
        """Archive (or bring back) a ritual: its history stays, it leaves the lists."""
        current = self.ritual(ritual_id)
        verb = "archived" if archived else "restored"
        with self._transaction(f"{verb} {current.title}"):
            doc = self._update(schema.RITUALS, current.id, {"archived": archived})
        return ritual_from_doc(doc)

    def delete_ritual(self, ritual_id: str) -> None:
        """Delete a ritual (a tombstone, so that merging does not bring it back)."""
        current = self.ritual(ritual_id)
        with self._transaction(f"deleted {current.title}"):
            self._delete(schema.RITUALS, current.id)

    def _ritual_fields(
        self,
        title: str,
        rule: str,
        start: date,
        members: Sequence[str],
        needs: str,
        note: str,
    ) -> dict[str, Any]:
        try:
            clean_rule = recurrence.validate_rule(rule)
        except ValueError as error:
            raise RejectedInput(str(error)) from None
        known = {m.id for m in self.list_members()}
        chosen = tuple(dict.fromkeys(members)) or tuple(m.id for m in self.list_members())
        if not chosen:
            raise RejectedInput("Add a member before adding a ritual.")
        unknown = [m for m in chosen if m not in known]
        if unknown:
            raise RejectedInput("A ritual's members must be members of the family.")
        return {
            "title": clean_title(title),
            "rule": clean_rule,
            "start": start.isoformat(),
            "members": list(chosen),
            "needs": choose(needs, ("any", "all"), "needs"),
            "note": clean_note(note),
            "archived": False,
        }

    # -- ticks ----------------------------------------------------------------------------

    def _ticks_doc(self, ritual_id: str) -> tuple[int | None, dict[str, Any]]:
        for doc in self._table(schema.TICKS).all():
            if doc.get("ritual_id") == ritual_id:
                return doc.doc_id, doc
        return None, {"ritual_id": ritual_id, "log": {}, "notes": {}, "stats": None}

    def ticks(self, ritual_id: str, since: date | None = None) -> tuple[Tick, ...]:
        """The live ticks and skips of a ritual (from `since` on), oldest first.

        Each member's log is sorted by date, so `since` reads back from its end: a screen
        that shows recent windows never decodes ten years of ticks.
        """
        _, doc = self._ticks_doc(ritual_id)
        out: list[Tick] = []
        notes = doc.get("notes", {})
        first = since.isoformat() if since else ""
        for member_id, log in doc.get("log", {}).items():
            for text in schema.log_since(log, first):
                entry = schema.decode_tick(text)
                if entry.deleted:
                    continue
                out.append(
                    Tick(
                        ritual_id=ritual_id,
                        date=entry.day,
                        by=member_id,
                        kind=entry.kind,  # type: ignore[arg-type]
                        note=notes.get(schema.note_key(member_id, entry.day, entry.kind), ""),
                        updated_at=datetime.fromtimestamp(entry.updated, tz=UTC),
                    )
                )
        return tuple(sorted(out, key=lambda t: (t.date, t.kind, t.by)))

    def tick(
        self, ritual_id: str, day: date, by: str, note: str = "", kind: str = "done"
    ) -> bool:
        """Record that `by` did (or, with kind `skip`, excused) the ritual on `day`.

        Returns:
            False when that tick was already there (nothing changed), True otherwise.

        Raises:
            RejectedInput: a day in the future, before the start, or a stranger.
        """
        ritual = self.ritual(ritual_id)
        member = self.member(by)
        today = self.clock.today()
        if day > today:
            raise RejectedInput(f"{day.isoformat()} is in the future; tick a day up to today.")
        if day < ritual.start:
            raise RejectedInput(
                f"{ritual.title} starts on {ritual.start.isoformat()}; "
                f"{day.isoformat()} is before that."
            )
        if member.id not in ritual.members:
            raise RejectedInput(f"{member.name} is not one of the people who keep {ritual.title}.")
        text = clean_note(note, "reason" if kind == "skip" else "note")
        verb = "skipped" if kind == "skip" else "ticked"
        with self._transaction(f"{verb} {ritual.title} on {day.isoformat()}"):
            return self._set_tick(ritual.id, member.id, day.isoformat(), kind, live=True, note=text)

    def untick(self, ritual_id: str, day: date, by: str, kind: str = "done") -> bool:
        """Remove a tick (a tombstone); returns False when there was none to remove."""
        ritual = self.ritual(ritual_id)
        member = self.member(by)
        with self._transaction(f"removed the tick on {ritual.title}, {day.isoformat()}"):
            return self._set_tick(ritual.id, member.id, day.isoformat(), kind, live=False)

    def _set_tick(
        self, ritual_id: str, member_id: str, day: str, kind: str, *, live: bool, note: str = ""
    ) -> bool:
        doc_id, doc = self._ticks_doc(ritual_id)
        log: dict[str, str] = {
            member: value if isinstance(value, str) else schema.join_log(value)
            for member, value in doc.get("log", {}).items()
        }
        notes: dict[str, str] = dict(doc.get("notes", {}))
        entries = schema.log_entries(log.get(member_id, ""))
        index, old = _find_entry(entries, day, kind)
        was_live = old is not None and not schema.decode_tick(old).deleted
        key = schema.note_key(member_id, day, kind)
        if was_live == live and (not live or notes.get(key, "") == note or not note):
            return False
        if self._step is not None:
            self._step.ticks.append((ritual_id, member_id, day, kind, old, notes.get(key)))
        if index is not None:
            del entries[index]
        insort(entries, schema.encode_tick(day, kind, self._epoch(), deleted=not live))
        log[member_id] = schema.join_log(entries)
        if live and note:
            notes[key] = note
        elif not live:
            notes.pop(key, None)
        stats = doc.get("stats")
        cutoff = streak_cache.cache_cutoff(stats) if stats else None
        if cutoff is not None and date.fromisoformat(day) < cutoff:
            stats = None  # a change to the past: the cached fold no longer holds
        new = {"ritual_id": ritual_id, "log": log, "notes": notes, "stats": stats}
        ritual_doc = self._find(schema.RITUALS, ritual_id)
        if ritual_doc is not None:
            ritual = ritual_from_doc(ritual_doc)
            today = self.clock.today()
            now, new["stats"] = self._compute_stats(ritual, new, today)
            self._last_stats[ritual_id] = (_stats_key(ritual, new, today), now)
        if doc_id is None:
            self._table(schema.TICKS).insert(new)
        else:
            self._table(schema.TICKS).update(new, doc_ids=[doc_id])
        return True

    def _restore_tick(
        self,
        ritual_id: str,
        member_id: str,
        day: str,
        kind: str,
        entry: str | None,
        note: str | None,
    ) -> None:
        live = entry is not None and not schema.decode_tick(entry).deleted
        self._set_tick(ritual_id, member_id, day, kind, live=live, note=note or "")

    def _epoch(self) -> int:
        return int(self.clock.now().timestamp())

    # -- figures --------------------------------------------------------------------------

    def ritual_stats(self, ritual: Ritual, today: date | None = None) -> streaks.RitualStats:
        """Streaks, completion and strength of a ritual as of `today` (default: the clock).

        The figures depend only on the rule, start, members and `needs`, the day and the
        tick logs, so each ritual's latest figures are kept (one entry per ritual) with
        those inputs and given back while they are the same: after a tick, the agenda
        recomputes one ritual, not all of them.
        """
        _, doc = self._ticks_doc(ritual.id)
        as_of = today or self.clock.today()
        key = _stats_key(ritual, doc, as_of)
        kept = self._last_stats.get(ritual.id)
        if kept is not None and kept[0] == key:
            return kept[1]
        stats = self._compute_stats(ritual, doc, as_of)[0]
        self._last_stats[ritual.id] = (key, stats)
        return stats

    @staticmethod
    def _compute_stats(
        ritual: Ritual, doc: dict[str, Any], as_of: date
    ) -> tuple[streaks.RitualStats, dict[str, Any]]:
        """Fold the windows since the cached cutoff (or from the start without a cache)."""
        cache = doc.get("stats")
        spec = streaks.RitualSpec(ritual.rule, ritual.start, ritual.members, ritual.needs)
        # None when there is no cache, or it was made for another rule or a later day.
        cutoff = streak_cache.cache_cutoff(cache, spec, as_of) if cache else None
        since = cutoff.isoformat() if cutoff else ""
        facts = []
        for member_id, log in doc.get("log", {}).items():
            for text in schema.log_since(log, since):
                entry = schema.decode_tick(text)
                if not entry.deleted:
                    facts.append(streaks.TickFact(entry.day, member_id, entry.kind))
        return streaks.ritual_stats(spec, facts, as_of, cache if cutoff else None)

    def ritual_overview(
        self, today: date | None = None
    ) -> tuple[tuple[Ritual, streaks.RitualStats], ...]:
        """Active rituals with their figures: due first, then by next due date, then title."""
        as_of = today or self.clock.today()
        rows = [(r, self.ritual_stats(r, as_of)) for r in self.list_rituals()]
        return tuple(
            sorted(
                rows,
                key=lambda row: (
                    not row[1].overall.due_now,
                    row[1].overall.next_due or date.max,
                    row[0].title.casefold(),
                ),
            )
        )

    def describe_rule(self, ritual: Ritual) -> tuple[str, str]:
        """The rule in words and the window explanation shown beside a streak."""
        names = self.member_names()
        people = [names.get(m, "?") for m in ritual.members]
        return (
            rule_words.describe(ritual.rule, ritual.start),
            rule_words.window_text(ritual.rule, ritual.start, ritual.needs, people),
        )


def _stats_key(ritual: Ritual, doc: dict[str, Any], as_of: date) -> tuple[object, ...]:
    """What a ritual's figures are computed from (its logs are strings: cheap to compare)."""
    logs = tuple(doc.get("log", {}).items())
    return (ritual.rule, ritual.start, ritual.members, ritual.needs, as_of, logs)


def _find_entry(entries: list[str], day: str, kind: str) -> tuple[int | None, str | None]:
    code = schema.KIND_CODES[kind]
    index = bisect_left(entries, day)
    while index < len(entries) and entries[index].startswith(day):
        if entries[index][11] == code:
            return index, entries[index]
        index += 1
    return None, None
