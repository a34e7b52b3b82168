"""Shared helpers of the streak tests: spec and tick builders, and a slow literal reference model.

The reference model reads DESIGN section 4 literally, walking dateutil from DTSTART; the
fast fold in `store.streaks` must agree with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]
from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]

from store.streaks import Figures, RitualSpec, RitualStats, TickFact

D = date
M = 0.5 ** (1 / 13)
"""Loop Habit Tracker's daily multiplier (half-life 13 days)."""

DAILY = "FREQ=DAILY"
SUNDAYS = "FREQ=WEEKLY;BYDAY=SU"
FAMILY = ("mum", "leo")


NOV_1 = D(2026, 11, 1)


def spec(rule: str = DAILY, start: date = NOV_1, needs: str = "any",
         members: tuple[str, ...] = FAMILY) -> RitualSpec:
    """A ritual of mum and leo, daily from 1 November 2026, unless told otherwise."""
    return RitualSpec(rule=rule, start=start, members=members, needs=needs)


def done(day: date, by: str = "mum") -> TickFact:
    """A tick."""
    return TickFact(day=day, by=by, kind="done")


def skip(day: date, by: str = "mum") -> TickFact:
    """A skip."""
    return TickFact(day=day, by=by, kind="skip")


def nov(*days: int, by: str = "mum") -> list[TickFact]:
    """Ticks on these days of November 2026."""
    return [done(D(2026, 11, d), by) for d in days]


def figures(
    current: int = 0,
    longest: int = 0,
    satisfied: int = 0,
    missed: int = 0,
    skipped: int = 0,
    completion: float | None = None,
    strength: float = 0.0,
    due_now: bool = False,
    next_due: date | None = None,
) -> Figures:
    """Figures, every one zero or empty unless given."""
    return Figures(current, longest, satisfied, missed, skipped, completion, strength, due_now,
                   next_due)


def assert_figures(actual: Figures, expected: Figures) -> None:
    """Equal figures; strength and completion up to floating-point rounding."""
    assert actual.strength == pytest.approx(expected.strength, rel=1e-12, abs=1e-15)
    if expected.completion is None:
        assert actual.completion is None
    else:
        assert actual.completion == pytest.approx(expected.completion, rel=1e-12)
    cleaned = (actual.current_streak, actual.longest_streak, actual.satisfied, actual.missed,
               actual.skipped, actual.due_now, actual.next_due)
    wanted = (expected.current_streak, expected.longest_streak, expected.satisfied,
              expected.missed, expected.skipped, expected.due_now, expected.next_due)
    assert cleaned == wanted


def strength_of(*windows: tuple[float, int]) -> float:
    """Hand-rolled EMA: (satisfied?, window length in days) per counted window."""
    s = 0.0
    for value, length in windows:
        m = 0.5 ** (math.sqrt(length) / 13)
        s = s * m + value * (1 - m)
    return s


# --------------------------------------------------------------------------- reference model


def _nominal(rule: str) -> relativedelta:
    freq = re.search(r"FREQ=(\w+)", rule)
    interval = re.search(r"INTERVAL=(\d+)", rule)
    assert freq is not None
    unit = {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}
    return relativedelta(**{unit[freq[1]]: int(interval[1]) if interval else 1})


def _reference_figures(
    statuses: Sequence[tuple[str, int]], due_start: date | None, following: date | None
) -> Figures:
    """From each window's status ("sat", "miss", "skip", "due-sat", "due-skip", "due-open")."""
    counted = [(s in ("sat", "due-sat"), length) for s, length in statuses
               if s in ("sat", "miss", "due-sat")]
    values = [v for v, _ in counted]
    current = 0
    for value in reversed(values):
        if not value:
            break
        current += 1
    longest = run = 0
    for value in values:
        run = run + 1 if value else 0
        longest = max(longest, run)
    satisfied = sum(values)
    missed = len(values) - satisfied
    open_due = bool(statuses) and statuses[-1][0] == "due-open"
    return Figures(
        current_streak=current,
        longest_streak=longest,
        satisfied=satisfied,
        missed=missed,
        skipped=sum(1 for s, _ in statuses if s in ("skip", "due-skip")),
        completion=satisfied / len(values) if values else None,
        strength=strength_of(*counted),
        due_now=open_due,
        next_due=due_start if open_due else following,
    )


def reference_stats(ritual: RitualSpec, ticks: Iterable[TickFact], today: date) -> RitualStats:
    """DESIGN section 4 read literally, with dateutil walking from DTSTART (slow, obvious)."""
    ticks = list(ticks)
    rr = rrulestr(ritual.rule, dtstart=datetime(ritual.start.year, ritual.start.month,
                                                 ritual.start.day))
    starts: list[date] = []
    following = None
    for dt in rr:
        if dt.date() > today:
            following = dt.date()
            break
        starts.append(dt.date())
    windows = []
    for i, begin in enumerate(starts):
        if i + 1 < len(starts):
            end = starts[i + 1]
        elif following is not None:
            end = following
        elif i >= 1:
            end = begin + (begin - starts[i - 1])
        else:
            end = begin + _nominal(ritual.rule)
        windows.append((begin, end))

    def track(is_done: Any) -> Figures:
        statuses = []
        due_start = None
        for begin, end in windows:
            inside = [t for t in ticks if begin <= t.day < end and t.day <= today]
            satisfied = is_done([t for t in inside if t.kind == "done"])
            skipped = any(t.kind == "skip" for t in inside)
            status = "sat" if satisfied else "skip" if skipped else "miss"
            if end > today:
                status = "due-" + {"miss": "open"}.get(status, status)
                due_start = begin
            statuses.append((status, (end - begin).days))
        return _reference_figures(statuses, due_start, following)

    members = tuple(dict.fromkeys(ritual.members))
    if ritual.needs == "all" and members:
        overall = track(lambda ds: set(members) <= {t.by for t in ds})
    else:
        overall = track(lambda ds: bool(ds))
    per_member = tuple(
        (m, track(lambda ds, m=m: any(t.by == m for t in ds))) for m in members
    )
    return RitualStats(overall, per_member)


def assert_matches_reference(actual: RitualStats, expected: RitualStats) -> None:
    """Overall and per-member figures equal those of the reference model."""
    assert_figures(actual.overall, expected.overall)
    assert [m for m, _ in actual.per_member] == [m for m, _ in expected.per_member]
    for (_, a), (_, e) in zip(actual.per_member, expected.per_member, strict=True):
        assert_figures(a, e)
