"""What a merge brought into the first file: counts per table and lines in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from store.schema import GOALS, IDEAS, MEMBERS, MOMENTS, RECORD_TABLES, RITUALS

__all__ = ["MergeSummary", "TickKey", "TickState", "record_identity", "summarise"]

TickKey = tuple[str, str, str, str]
"""(ritual id, member id, date, kind)."""
TickState = tuple[int, bool, str]
"""(updated, deleted, note): the larger state wins."""

_NOUNS = {MEMBERS: "member", RITUALS: "ritual", IDEAS: "idea", MOMENTS: "moment", GOALS: "goal"}


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What a merge brought into the first file, counted and in words for messages."""

    new_records: Mapping[str, int]
    """Per record table: live records in the result that were not live in the first file."""
    updated_records: Mapping[str, int]
    """Per record table: live records of the first file that the merge changed."""
    deleted_records: Mapping[str, int]
    """Per record table: live records of the first file that the merge deleted."""
    new_ticks: int
    """Tick identities live in the result and not live in the first file."""
    removed_ticks: int
    """Tick identities live in the first file and tombstoned in the result."""
    lines: tuple[str, ...]
    """Human lines such as "2 ticks by Leo on Sunday dinner" or "1 new goal"."""


def record_identity(table: str, doc: Mapping[str, Any], where: str = "a record") -> str:
    """A record's identity across files: its `id`, or for an idea its `idea_key`."""
    key = doc.get("idea_key" if table == IDEAS else "id")
    if not isinstance(key, str) or not key:
        raise ValueError(f"{where} has no {'idea_key' if table == IDEAS else 'id'}")
    return key


def summarise(
    before: Mapping[str, Any], after: Mapping[str, Any],
    old_ticks: Mapping[TickKey, TickState], new_ticks: Mapping[TickKey, TickState],
) -> MergeSummary:
    """Count and describe what `after` has that `before` had not (both normalised)."""
    names = {d.get("id"): str(d.get("name", "someone")) for d in after.get(MEMBERS, {}).values()}
    titles = {d.get("id"): str(d.get("title", "a ritual")) for d in after.get(RITUALS, {}).values()}
    new: Counter[str] = Counter()
    updated: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    new_custom_ideas = 0
    for table in RECORD_TABLES:
        old = {record_identity(table, d): d for d in before.get(table, {}).values()}
        for doc in after.get(table, {}).values():
            was = old.get(record_identity(table, doc))
            was_live = was is not None and not was.get("deleted")
            if not doc.get("deleted") and not was_live:
                new[table] += 1
                if table == IDEAS and doc.get("custom") is not None:
                    new_custom_ideas += 1
            elif was_live and doc.get("deleted"):
                deleted[table] += 1
            elif was_live and was != doc:
                updated[table] += 1
    gained: Counter[tuple[str, str, str]] = Counter()
    lost: Counter[tuple[str, str, str]] = Counter()
    for key, state in new_ticks.items():
        was_live = key in old_ticks and not old_ticks[key][1]
        if not state[1] and not was_live:
            gained[(key[0], key[1], key[3])] += 1
        elif state[1] and was_live:
            lost[(key[0], key[1], key[3])] += 1

    def tick_lines(counts: Counter[tuple[str, str, str]], suffix: str) -> list[str]:
        rows = [(titles.get(r, "a ritual"), names.get(m, "someone"), k, n)
                for (r, m, k), n in counts.items()]
        return [f"{_count(n, 'skip' if k == 'skip' else 'tick')} by {who} on {what}{suffix}"
                for what, who, k, n in sorted(rows)]

    lines = [f"{_count(new[MEMBERS], 'new member')}"] if new[MEMBERS] else []
    lines += [f"{_count(new[RITUALS], 'new ritual')}"] if new[RITUALS] else []
    lines += tick_lines(gained, "") + tick_lines(lost, " removed")
    lines += [f"{_count(new_custom_ideas, 'new idea')}"] if new_custom_ideas else []
    for table in (MOMENTS, GOALS):
        lines += [f"{_count(new[table], 'new ' + _NOUNS[table])}"] if new[table] else []
    # A new doc for a catalogue idea only holds favourites or hiding: an update in words.
    shown = updated + Counter({IDEAS: new[IDEAS] - new_custom_ideas})
    for counts, verb in ((shown, "updated"), (deleted, "deleted")):
        lines += [f"{_count(counts[t], _NOUNS[t])} {verb}" for t in RECORD_TABLES if counts[t]]
    return MergeSummary(
        new_records=dict(new), updated_records=dict(updated), deleted_records=dict(deleted),
        new_ticks=sum(gained.values()), removed_ticks=sum(lost.values()), lines=tuple(lines))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
