"""What changed between two reads of the data file, in words ("Leo ticked Sunday dinner").

A `Glance` is a small summary of a data file: every record's `updated_at` and the tick
entries of the last few weeks. Taking one costs a few milliseconds at ten years (ticks are
read back from the end of each member's sorted log), so the app can take one whenever the file
changes under it and say what another terminal or the other home did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from store import schema

RECENT_DAYS = 45
"""Ticks older than this are not compared (a sync delivering older ticks still refreshes)."""

_NOUNS = {
    schema.MEMBERS: "member",
    schema.RITUALS: "ritual",
    schema.IDEAS: "idea",
    schema.MOMENTS: "moment",
    schema.GOALS: "goal",
}


@dataclass(frozen=True, slots=True)
class Glance:
    """The parts of a data file that change when people use it."""

    records: Mapping[tuple[str, str], tuple[str, bool, str]]
    """(table, id) -> (updated_at, deleted, title or name)."""
    ticks: Mapping[tuple[str, str], frozenset[str]]
    """(ritual id, member id) -> the recent log entries."""


def glance(data: Mapping[str, Any], today: date) -> Glance:
    """Summarise `data` (a raw data-file dict) as of `today`."""
    records: dict[tuple[str, str], tuple[str, bool, str]] = {}
    for table in schema.RECORD_TABLES:
        for doc in data.get(table, {}).values():
            label = doc.get("title") or doc.get("name") or doc.get("idea_key") or ""
            records[(table, doc.get("id", ""))] = (
                doc.get("updated_at", ""),
                bool(doc.get("deleted")),
                label,
            )
    since = (today - timedelta(days=RECENT_DAYS)).isoformat()
    ticks: dict[tuple[str, str], frozenset[str]] = {}
    for doc in data.get(schema.TICKS, {}).values():
        for member, log in doc.get("log", {}).items():
            ticks[(doc.get("ritual_id", ""), member)] = frozenset(schema.log_since(log, since))
    return Glance(records, ticks)


def describe(before: Glance, after: Glance, limit: int = 3) -> list[str]:
    """Sentences for what changed from `before` to `after`, most telling first."""
    names = {rid: label for (table, rid), (_, _, label) in after.records.items()
             if table == schema.MEMBERS}
    titles = {rid: label for (table, rid), (_, _, label) in after.records.items()
              if table == schema.RITUALS}
    lines: list[str] = []
    for key in sorted(after.ticks):
        ritual_id, member = key
        gained = after.ticks[key] - before.ticks.get(key, frozenset())
        for text in sorted(gained):
            entry = schema.decode_tick(text)
            who = names.get(member, "Someone")
            title = titles.get(ritual_id, "a ritual")
            if entry.deleted:
                lines.append(f"{who} took back a tick on {title}")
            elif entry.kind == "skip":
                lines.append(f"{who} skipped {title} ({entry.day:%a %d %b})")
            else:
                lines.append(f"{who} ticked {title} ({entry.day:%a %d %b})")
    for key, (stamp, deleted, label) in sorted(after.records.items()):
        table, _ = key
        old = before.records.get(key)
        noun = _NOUNS.get(table, "record")
        if old is None and not deleted:
            lines.append(f"New {noun}: {label}")
        elif old is not None and old[0] != stamp:
            lines.append(f"Deleted {noun}: {label}" if deleted and not old[1] else
                         f"Changed {noun}: {label}")
    if len(lines) > limit:
        lines = [*lines[: limit - 1], f"and {len(lines) - limit + 1} more changes"]
    return lines
