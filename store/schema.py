"""The on-disk layout of a Tandem data file: table names, schema version and tick encoding.

A data file is one TinyDB JSON document::

    {
      "_meta":    {"1": {"schema_version": 1, "created_at": ISO, "created_by": "tandem 0.1.0"}},
      "members":  {"1": {id, name, role, colour, created_at, updated_at, deleted}},
      "rituals":  {"1": {id, title, rule, start, members: [member ids], needs, note, archived,
                         created_at, updated_at, deleted}},
      "ticks":    {"1": {"ritual_id": ID, "log": {MEMBER_ID: "TICK\\nTICK..."},
                         "notes": {"MEMBER_ID DATE KIND": TEXT}, "stats": {...} | null}},
      "ideas":    {"1": {id, idea_key, custom: {...} | null, favourite_by: [member ids], hidden,
                         created_at, updated_at, deleted}},
      "moments":  {"1": {id, idea_key, title, date, planned, members, note, mood, by,
                         created_at, updated_at, deleted}},
      "goals":    {"1": {id, owner, title, why, target_date, status, achieved_at,
                         steps: [{id, title, done}], supports: [{id, by, pledge, at}],
                         cheers: [{id, by, text, at}], created_at, updated_at, deleted}}
    }

Identity is always the record's `id` (a UUID4 string), never TinyDB's document id.
Timestamps (`created_at`, `updated_at`, `at`) are ISO-8601 UTC with a `Z` suffix;
dates are ISO `YYYY-MM-DD`.

Ticks are kept compactly, one `ticks` document per ritual (notes/performance.md: one
document per tick costs 456 ms a write at ten years). `log` maps a member id to one string
of entries sorted by date and joined by newlines, one entry per tick identity (ritual,
date, by, kind)::

    "2026-11-22 d 1763776326"      a live "done" tick, updated at that UNIX second
    "2026-11-22 s 1763776326"      a live "skip"
    "2026-11-22 d 1763776400 x"    a tombstone: the tick was removed at that second

One string per log rather than a list of strings (schema 1) keeps ten years of a family's
ticks as 40 Python objects instead of 73,000: 3 MB less in memory and a faster parse of
the file (`python -m bench`); readers take recent entries from the end without splitting
the rest (`log_since`).

A tick's note (or a skip's reason) lives in `notes`, keyed by "MEMBER_ID DATE KIND".
`stats` is derived data (a streak cache owned by `store.streaks`); merging drops it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

SCHEMA_VERSION = 2
"""The schema this version of Tandem reads and writes (1 -> 2: tick logs became strings)."""

META = "_meta"
MEMBERS = "members"
RITUALS = "rituals"
TICKS = "ticks"
IDEAS = "ideas"
MOMENTS = "moments"
GOALS = "goals"

RECORD_TABLES = (MEMBERS, RITUALS, IDEAS, MOMENTS, GOALS)
"""Tables whose documents are records with `id`, `updated_at` and `deleted`."""

ALL_TABLES = (META, *RECORD_TABLES, TICKS)

KIND_CODES = {"done": "d", "skip": "s"}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}


@dataclass(frozen=True, slots=True)
class TickEntry:
    """One decoded entry of a ritual's tick log (live or tombstoned)."""

    day: date
    kind: str
    """`done` or `skip`."""
    updated: int
    """UNIX seconds of the last change to this tick identity."""
    deleted: bool


def encode_tick(day: date | str, kind: str, updated: int, deleted: bool = False) -> str:
    """Encode one tick identity's state as stored in a member's log."""
    text = f"{day if isinstance(day, str) else day.isoformat()} {KIND_CODES[kind]} {updated}"
    return text + " x" if deleted else text


def decode_tick(text: str) -> TickEntry:
    """Decode one log string; raises ValueError when it is not of the documented form."""
    parts = text.split(" ")
    if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] != "x"):
        raise ValueError(f"not a tick entry: {text!r}")
    return TickEntry(
        day=date.fromisoformat(parts[0]),
        kind=CODE_KINDS[parts[1]],
        updated=int(parts[2]),
        deleted=len(parts) == 4,
    )


LOG_SEPARATOR = "\n"


def log_entries(log: str | Sequence[str]) -> list[str]:
    """A member's log as a list of entries (also takes a schema-1 list, before migration)."""
    if isinstance(log, str):
        return log.split(LOG_SEPARATOR) if log else []
    return list(log)


def log_since(log: str | Sequence[str], first: str) -> list[str]:
    """The entries dated `first` (an ISO date) or later, oldest first; all of them for "".

    Walks back from the end of the string, so a recent window costs what it holds, not the
    length of the history.
    """
    if not isinstance(log, str):
        return list(log[bisect_left(log, first) :])
    if not first:
        return log_entries(log)
    found: list[str] = []
    end = len(log)
    while end > 0:
        start = log.rfind(LOG_SEPARATOR, 0, end) + 1
        entry = log[start:end]
        if entry < first:
            break
        found.append(entry)
        end = start - 1
    found.reverse()
    return found


def join_log(entries: Iterable[str]) -> str:
    """The stored form of a member's log (`entries` sorted)."""
    return LOG_SEPARATOR.join(entries)


def note_key(member_id: str, day: date | str, kind: str) -> str:
    """The key of a tick's note in a ticks document's `notes`."""
    return f"{member_id} {day if isinstance(day, str) else day.isoformat()} {kind}"
