"""The Store's moments (what we did or plan to do together) and per-idea state."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from store import schema
from store.errors import NotFound
from store.models import Idea, IdeaState, Moment
from store.records import resolve
from store.repo_goals import GoalRecords
from store.serialization import custom_idea_from_doc, idea_state_from_doc, moment_from_doc
from store.validation import check_mood, choose, clean_note, clean_title


class MomentRecords(GoalRecords):
    """Moments and ideas: plan, log and remember time together."""

    # -- moments ------------------------------------------------------------------------

    def list_moments(self) -> tuple[Moment, ...]:
        """Moments, newest first."""
        moments = [moment_from_doc(doc) for doc in self._live(schema.MOMENTS)]
        return tuple(sorted(moments, key=lambda m: (m.date, m.created_at), reverse=True))

    def planned_moments(self, start: date, end: date) -> tuple[Moment, ...]:
        """Planned moments dated in [start, end), soonest first (the today strip's list).

        Filters the stored documents before building dataclasses: it runs after every
        tick, and a family's moments grow by hundreds a year.
        """
        first, last = start.isoformat(), end.isoformat()
        docs = [
            doc
            for doc in self._live(schema.MOMENTS)
            if doc.get("planned") and first <= doc.get("date", "") < last
        ]
        moments = (moment_from_doc(doc) for doc in docs)
        return tuple(sorted(moments, key=lambda m: (m.date, m.title.casefold())))

    def moment(self, ref: str) -> Moment:
        """The moment named by id, exact title or an unambiguous prefix."""
        return resolve(self.list_moments(), ref, lambda m: (m.id, m.title), "moment")

    def add_moment(
        self,
        title: str,
        day: date,
        by: str,
        *,
        members: Sequence[str] = (),
        note: str = "",
        mood: int | None = None,
        planned: bool = False,
        idea_key: str | None = None,
    ) -> Moment:
        """Log a moment (or plan one with `planned`); `members` default to everyone."""
        author = self.member(by)
        people = [self.member(m).id for m in members] or [m.id for m in self.list_members()]
        fields = {
            "idea_key": idea_key,
            "title": clean_title(title),
            "date": day.isoformat(),
            "planned": planned,
            "members": list(dict.fromkeys(people)),
            "note": clean_note(note),
            "mood": check_mood(mood),
            "by": author.id,
        }
        verb = "planned" if planned else "logged"
        with self._transaction(f"{verb} {fields['title']}"):
            doc = self._insert(schema.MOMENTS, fields)
        return moment_from_doc(doc)

    def edit_moment(self, ref: str, **changes: Any) -> Moment:
        """Change a moment's title, date, note, mood, members or planned flag."""
        moment = self.moment(ref)
        fields: dict[str, Any] = {}
        if "title" in changes:
            fields["title"] = clean_title(changes["title"])
        if "day" in changes:
            fields["date"] = changes["day"].isoformat()
        if "note" in changes:
            fields["note"] = clean_note(changes["note"])
        if "mood" in changes:
            fields["mood"] = check_mood(changes["mood"])
        if "planned" in changes:
            fields["planned"] = bool(changes["planned"])
        if "members" in changes:
            fields["members"] = [self.member(m).id for m in changes["members"]]
        with self._transaction(f"edited {moment.title}"):
            doc = self._update(schema.MOMENTS, moment.id, fields)
        return moment_from_doc(doc)

    def delete_moment(self, ref: str) -> None:
        """Delete a moment (a tombstone)."""
        moment = self.moment(ref)
        with self._transaction(f"deleted {moment.title}"):
            self._delete(schema.MOMENTS, moment.id)

    # -- ideas --------------------------------------------------------------------------

    def idea_states(self) -> dict[str, IdeaState]:
        """Favourites and hidden flags by idea key (catalogue and custom ideas)."""
        return {doc["idea_key"]: idea_state_from_doc(doc) for doc in self._live(schema.IDEAS)}

    def ideas(self, catalogue: Sequence[Idea]) -> tuple[Idea, ...]:
        """The catalogue's ideas and the family's own, with favourites and hidden flags."""
        states = self.idea_states()
        out = []
        for idea in (*catalogue, *self.custom_ideas()):
            state = states.get(idea.key)
            if state is not None:
                idea = replace(idea, favourite_by=state.favourite_by, hidden=state.hidden)
            out.append(idea)
        return tuple(out)

    def last_done(self) -> dict[str, date]:
        """The latest day each idea was done (not just planned), by idea key."""
        latest: dict[str, date] = {}
        for moment in self.list_moments():
            if moment.idea_key and not moment.planned:
                if moment.date > latest.get(moment.idea_key, date.min):
                    latest[moment.idea_key] = moment.date
        return latest

    def custom_ideas(self) -> tuple[Idea, ...]:
        """The family's own ideas."""
        ideas = (custom_idea_from_doc(doc) for doc in self._live(schema.IDEAS))
        return tuple(sorted((i for i in ideas if i), key=lambda i: i.title.casefold()))

    def add_idea(
        self,
        title: str,
        category: str,
        blurb: str = "",
        *,
        distance: bool = False,
        **facets: str,
    ) -> Idea:
        """Add the family's own idea; facets default to the most open value.

        `distance` says it works with the two of you in different homes.
        """
        custom: dict[str, Any] = {
            "title": clean_title(title),
            "category": clean_title(category, "category").lower(),
            "blurb": clean_note(blurb, "description"),
            "duration": clean_note(facets.pop("duration", ""), "duration"),
            "distance": bool(distance),
        }
        from store.catalogue import CHOICES  # the catalogue's module loads when it is needed

        defaults = {"cost": "free", "setting": "either", "energy": "calm", "age": "any"}
        defaults["leads"] = "either"
        for name, allowed in CHOICES.items():
            custom[name] = choose(facets.pop(name, defaults[name]), allowed, name)
        key = f"custom-{uuid.uuid4().hex[:12]}"
        with self._transaction(f"added the idea {custom['title']}"):
            doc = self._insert(
                schema.IDEAS,
                {"idea_key": key, "custom": custom, "favourite_by": [], "hidden": False},
            )
        idea = custom_idea_from_doc(doc)
        assert idea is not None
        return idea

    def toggle_favourite(self, idea_key: str, member: str) -> bool:
        """Favourite (or un-favourite) an idea for a member; returns the new state."""
        member_id = self.member(member).id
        with self._transaction(f"changed a favourite of {self.member(member).name}"):
            doc = self._idea_doc(idea_key)
            favs = list(doc.get("favourite_by", []))
            now_fav = member_id not in favs
            favs = [*favs, member_id] if now_fav else [m for m in favs if m != member_id]
            self._save_idea_state(idea_key, doc, {"favourite_by": favs})
        return now_fav

    def set_idea_hidden(self, idea_key: str, hidden: bool = True) -> None:
        """Hide an idea from lists and suggestions (or show it again)."""
        verb = "hid" if hidden else "showed"
        with self._transaction(f"{verb} an idea"):
            self._save_idea_state(idea_key, self._idea_doc(idea_key), {"hidden": hidden})

    def _idea_doc(self, idea_key: str) -> dict[str, Any]:
        for doc in self._live(schema.IDEAS):
            if doc["idea_key"] == idea_key:
                return dict(doc)
        if idea_key.startswith("custom-"):
            raise NotFound(f"No idea has the key {idea_key!r}.")
        return {}

    def _save_idea_state(self, key: str, doc: dict[str, Any], fields: dict[str, Any]) -> None:
        if doc:
            self._update(schema.IDEAS, doc["id"], fields)
        else:
            base: dict[str, Any] = {
                "idea_key": key,
                "custom": None,
                "favourite_by": [],
                "hidden": False,
            }
            self._insert(schema.IDEAS, {**base, **fields})
