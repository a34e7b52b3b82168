"""Streaks, completion and strength (DESIGN section 4), and the incremental fold's cache."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]
from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import recurrence
from store.streaks import (
    Figures,
    RitualSpec,
    RitualStats,
    TickFact,
    cache_cutoff,
    ritual_stats,
)

D = date
M = 0.5 ** (1 / 13)
"""Loop Habit Tracker's daily multiplier (half-life 13 days)."""

DAILY = "FREQ=DAILY"
SUNDAYS = "FREQ=WEEKLY;BYDAY=SU"
FAMILY = ("mum", "leo")


NOV_1 = D(2026, 11, 1)


def spec(rule: str = DAILY, start: date = NOV_1, needs: str = "any",
         members: tuple[str, ...] = FAMILY) -> RitualSpec:
    return RitualSpec(rule=rule, start=start, members=members, needs=needs)


def done(day: date, by: str = "mum") -> TickFact:
    return TickFact(day=day, by=by, kind="done")


def skip(day: date, by: str = "mum") -> TickFact:
    return TickFact(day=day, by=by, kind="skip")


def nov(*days: int, by: str = "mum") -> list[TickFact]:
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
    return Figures(current, longest, satisfied, missed, skipped, completion, strength, due_now,
                   next_due)


def assert_figures(actual: Figures, expected: Figures) -> None:
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


# --------------------------------------------------------------------------- the rules, by example

CASES: list[tuple[str, RitualSpec, list[TickFact], date, Figures]] = [
    (
        "empty history",
        spec(),
        [],
        D(2026, 11, 5),
        figures(missed=4, completion=0.0, due_now=True, next_due=D(2026, 11, 5)),
    ),
    (
        "today before the start: nothing due yet",
        spec(start=D(2026, 11, 10)),
        [],
        D(2026, 11, 5),
        figures(next_due=D(2026, 11, 10)),
    ),
    (
        "first day, not yet ticked: due, completion still None",
        spec(),
        [],
        D(2026, 11, 1),
        figures(due_now=True, next_due=D(2026, 11, 1)),
    ),
    (
        "first day, ticked",
        spec(),
        nov(1),
        D(2026, 11, 1),
        figures(1, 1, 1, completion=1.0, strength=1 - M, next_due=D(2026, 11, 2)),
    ),
    (
        "daily with a gap",
        spec(),
        nov(1, 2, 3, 5, 6),
        D(2026, 11, 7),
        figures(2, 3, 5, 1, completion=5 / 6,
                strength=strength_of(*[(v, 1) for v in (1, 1, 1, 0, 1, 1)]),
                due_now=True, next_due=D(2026, 11, 7)),
    ),
    (
        "duplicate ticks count once",
        spec(),
        nov(1, 1, 2) + nov(1, 2, by="leo"),
        D(2026, 11, 3),
        figures(2, 2, 2, completion=1.0, strength=1 - M * M, due_now=True,
                next_due=D(2026, 11, 3)),
    ),
    (
        "Sunday dinner eaten on Monday (or Saturday) still counts",
        spec(SUNDAYS),
        [done(D(2026, 11, 2)), done(D(2026, 11, 8)), done(D(2026, 11, 21))],
        D(2026, 11, 23),
        figures(3, 3, 3, completion=1.0, strength=strength_of((1, 7), (1, 7), (1, 7)),
                due_now=True, next_due=D(2026, 11, 22)),
    ),
    (
        "the due window is not missed until it ends",
        spec(SUNDAYS),
        [],
        D(2026, 11, 7),
        figures(due_now=True, next_due=D(2026, 11, 1)),
    ),
    (
        "... and is missed the day after",
        spec(SUNDAYS),
        [],
        D(2026, 11, 8),
        figures(missed=1, completion=0.0, due_now=True, next_due=D(2026, 11, 8)),
    ),
    (
        "a satisfied due window counts and is not due any more",
        spec(SUNDAYS),
        [done(D(2026, 11, 3))],
        D(2026, 11, 7),
        figures(1, 1, 1, completion=1.0, strength=strength_of((1, 7)), next_due=D(2026, 11, 8)),
    ),
    (
        "skip in the first window",
        spec(),
        [skip(D(2026, 11, 1), "leo")] + nov(2, 3),
        D(2026, 11, 4),
        figures(2, 2, 2, skipped=1, completion=1.0, strength=1 - M * M, due_now=True,
                next_due=D(2026, 11, 4)),
    ),
    (
        "skip in the middle neither breaks nor extends",
        spec(),
        nov(1, 2) + [skip(D(2026, 11, 3))] + nov(4),
        D(2026, 11, 5),
        figures(3, 3, 3, skipped=1, completion=1.0, strength=1 - M**3, due_now=True,
                next_due=D(2026, 11, 5)),
    ),
    (
        "skip in the due window: not due, next occurrence next",
        spec(),
        nov(1, 2) + [skip(D(2026, 11, 3), "leo")],
        D(2026, 11, 3),
        figures(2, 2, 2, skipped=1, completion=1.0, strength=1 - M * M,
                next_due=D(2026, 11, 4)),
    ),
    (
        "skip after a miss does not heal it",
        spec(),
        nov(1) + [skip(D(2026, 11, 3))] + nov(4),
        D(2026, 11, 5),
        figures(1, 1, 2, 1, 1, completion=2 / 3,
                strength=strength_of((True, 1), (False, 1), (True, 1)), due_now=True,
                next_due=D(2026, 11, 5)),
    ),
    (
        "done and skip in one window: satisfied",
        spec(),
        nov(1) + [skip(D(2026, 11, 1), "leo")],
        D(2026, 11, 2),
        figures(1, 1, 1, completion=1.0, strength=1 - M, due_now=True, next_due=D(2026, 11, 2)),
    ),
    (
        "the 31st: windows run from one 31st to the next",
        spec("FREQ=MONTHLY;BYMONTHDAY=31", D(2026, 1, 31)),
        [done(D(2026, 2, 15))],
        D(2026, 4, 1),
        figures(1, 1, 1, completion=1.0, strength=strength_of((1, 59)), due_now=True,
                next_due=D(2026, 3, 31)),
    ),
    (
        "29 February: a four-year window",
        spec("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", D(2020, 2, 29)),
        [done(D(2020, 3, 1)), done(D(2025, 1, 1))],
        D(2026, 11, 22),
        figures(2, 2, 2, completion=1.0, strength=strength_of((1, 1461), (1, 1461)),
                next_due=D(2028, 2, 29)),
    ),
    (
        "day 29 monthly: February of a common year is skipped",
        spec("FREQ=MONTHLY;BYMONTHDAY=29", D(2027, 1, 29)),
        [done(D(2027, 2, 28))],
        D(2027, 3, 30),
        figures(1, 1, 1, completion=1.0, strength=strength_of((1, 59)), due_now=True,
                next_due=D(2027, 3, 29)),
    ),
    (
        "every other week",
        spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", D(2026, 11, 23)),
        [done(D(2026, 12, 5))],
        D(2026, 12, 27),
        figures(0, 1, 1, 1, completion=0.5, strength=strength_of((1, 14), (0, 14)),
                due_now=True, next_due=D(2026, 12, 26)),
    ),
    (
        "a tick between the start and the first occurrence counts for nothing",
        spec("FREQ=MONTHLY;BYDAY=1SA", D(2026, 11, 22)),
        [done(D(2026, 11, 25))],
        D(2026, 12, 1),
        figures(next_due=D(2026, 12, 5)),
    ),
    (
        "... nor later",
        spec("FREQ=MONTHLY;BYDAY=1SA", D(2026, 11, 22)),
        [done(D(2026, 11, 25))],
        D(2027, 1, 10),
        figures(missed=1, completion=0.0, due_now=True, next_due=D(2027, 1, 2)),
    ),
    (
        "ticks before the start count for nothing",
        spec(),
        [done(D(2026, 10, 31))],
        D(2026, 11, 1),
        figures(due_now=True, next_due=D(2026, 11, 1)),
    ),
    (
        "ticks in the future are ignored",
        spec(),
        nov(1, 2, 10, 11),
        D(2026, 11, 3),
        figures(2, 2, 2, completion=1.0, strength=1 - M * M, due_now=True,
                next_due=D(2026, 11, 3)),
    ),
    (
        "needs any: one tick by anyone",
        spec(),
        nov(1, 2) + nov(1, 3, by="leo"),
        D(2026, 11, 4),
        figures(3, 3, 3, completion=1.0, strength=1 - M**3, due_now=True,
                next_due=D(2026, 11, 4)),
    ),
    (
        "needs all: every member must tick",
        spec(needs="all"),
        nov(1, 2) + nov(1, 3, by="leo"),
        D(2026, 11, 4),
        figures(0, 1, 1, 2, completion=1 / 3, strength=(1 - M) * M * M, due_now=True,
                next_due=D(2026, 11, 4)),
    ),
    (
        "needs all: half done plus a skip is excused",
        spec(needs="all"),
        nov(1) + nov(1, by="leo") + nov(2) + [skip(D(2026, 11, 2), "leo")],
        D(2026, 11, 3),
        figures(1, 1, 1, skipped=1, completion=1.0, strength=1 - M, due_now=True,
                next_due=D(2026, 11, 3)),
    ),
    (
        "needs any: a tick by someone outside the ritual still counts",
        spec(members=("mum",)),
        nov(1, by="gran"),
        D(2026, 11, 2),
        figures(1, 1, 1, completion=1.0, strength=1 - M, due_now=True, next_due=D(2026, 11, 2)),
    ),
    (
        "COUNT: the last window is as long as the one before it",
        spec("FREQ=WEEKLY;BYDAY=SU;COUNT=3"),
        [done(D(2026, 11, 1)), done(D(2026, 11, 21))],
        D(2026, 11, 21),
        figures(1, 1, 2, 1, completion=2 / 3,
                strength=strength_of((1, 7), (0, 7), (1, 7)), next_due=None),
    ),
    (
        "COUNT: after the last window nothing is ever due",
        spec("FREQ=WEEKLY;BYDAY=SU;COUNT=3"),
        [done(D(2026, 11, 1)), done(D(2026, 11, 21)), done(D(2026, 11, 22))],
        D(2027, 6, 1),
        figures(1, 1, 2, 1, completion=2 / 3,
                strength=strength_of((1, 7), (0, 7), (1, 7)), next_due=None),
    ),
    (
        "COUNT, uneven windows: the last one is as long as the one before, not a week",
        spec("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3", D(2026, 11, 2)),
        [done(D(2026, 11, 2)), done(D(2026, 11, 6)), done(D(2026, 11, 14))],
        D(2026, 11, 20),
        figures(0, 2, 2, 1, completion=2 / 3, strength=strength_of((1, 3), (1, 4), (0, 4)),
                next_due=None),
    ),
    (
        "COUNT, uneven windows: due in the last one until it ends",
        spec("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3", D(2026, 11, 2)),
        [done(D(2026, 11, 2)), done(D(2026, 11, 6))],
        D(2026, 11, 12),
        figures(2, 2, 2, completion=1.0, strength=strength_of((1, 3), (1, 4)), due_now=True,
                next_due=D(2026, 11, 9)),
    ),
    (
        "COUNT=1: a single window of the nominal period",
        spec("FREQ=MONTHLY;BYMONTHDAY=1;COUNT=1"),
        [done(D(2026, 11, 30))],
        D(2026, 12, 5),
        figures(1, 1, 1, completion=1.0, strength=strength_of((1, 30)), next_due=None),
    ),
    (
        "UNTIL: due in the last window until it ends",
        spec("FREQ=DAILY;UNTIL=20261103"),
        nov(1, 2),
        D(2026, 11, 3),
        figures(2, 2, 2, completion=1.0, strength=1 - M * M, due_now=True,
                next_due=D(2026, 11, 3)),
    ),
    (
        "a ritual whose rule gives no date at all",
        spec("FREQ=DAILY;UNTIL=20261001"),
        nov(1, 2),
        D(2026, 11, 3),
        figures(),
    ),
]


@pytest.mark.parametrize(
    ("ritual", "ticks", "today", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_overall_figures(
    ritual: RitualSpec, ticks: list[TickFact], today: date, expected: Figures
) -> None:
    stats, cache = ritual_stats(ritual, ticks, today)
    assert_figures(stats.overall, expected)
    assert_matches_reference(stats, reference_stats(ritual, ticks, today))
    json.dumps(cache)  # plain JSON


@pytest.mark.parametrize(
    ("ritual", "ticks", "today", "expected"),
    [
        (
            spec(),
            nov(1, 2) + nov(1, 3, by="leo"),
            D(2026, 11, 4),
            {
                "mum": figures(0, 2, 2, 1, completion=2 / 3, strength=(1 - M * M) * M,
                               due_now=True, next_due=D(2026, 11, 4)),
                "leo": figures(1, 1, 2, 1, completion=2 / 3,
                               strength=strength_of((1, 1), (0, 1), (1, 1)), due_now=True,
                               next_due=D(2026, 11, 4)),
            },
        ),
        (
            # A skip by anyone excuses the window for every member; the due window is per member.
            spec(needs="all"),
            nov(1, 2, 4) + nov(1, by="leo") + [skip(D(2026, 11, 3), "leo")],
            D(2026, 11, 4),
            {
                "mum": figures(3, 3, 3, skipped=1, completion=1.0, strength=1 - M**3,
                               next_due=D(2026, 11, 5)),
                "leo": figures(0, 1, 1, 1, 1, completion=0.5, strength=(1 - M) * M,
                               due_now=True, next_due=D(2026, 11, 4)),
            },
        ),
    ],
)
def test_per_member_figures(
    ritual: RitualSpec, ticks: list[TickFact], today: date, expected: dict[str, Figures]
) -> None:
    stats, _ = ritual_stats(ritual, ticks, today)
    assert [member for member, _ in stats.per_member] == list(ritual.members)
    for member, actual in stats.per_member:
        assert_figures(actual, expected[member])


@pytest.mark.parametrize(
    ("days", "strength"),
    [
        (1, 0.05192248566082858),  # 1 - 0.5 ** (1/13)
        (2, 0.10114902680445825),  # 1 - m**2
        (13, 0.5),  # Loop's half-life: 13 days in a row
        (26, 0.75),
    ],
)
def test_strength_is_loop_habit_trackers_score(days: int, strength: float) -> None:
    ticks = [done(D(2026, 1, 1) + timedelta(days=i)) for i in range(days)]
    today = D(2026, 1, 1) + timedelta(days=days)  # the due window (today) is not counted
    stats, _ = ritual_stats(spec(start=D(2026, 1, 1)), ticks, today)
    assert stats.overall.strength == pytest.approx(strength, rel=1e-12)


def test_strength_hand_computed_with_a_miss() -> None:
    """done, done, missed, done: ((1 - m^2) * m) * m + (1 - m) with m = 0.5 ** (1/13)."""
    stats, _ = ritual_stats(spec(), nov(1, 2, 4), D(2026, 11, 5))
    assert stats.overall.strength == pytest.approx(0.1428403868417979, rel=1e-12)


# --------------------------------------------------------------------------- the cache


def test_cache_from_yesterday_gives_the_same_figures() -> None:
    ritual = spec(start=D(2016, 1, 1))
    ticks = [done(D(2016, 1, 1) + timedelta(days=i), "mum" if i % 3 else "leo")
             for i in range(0, 3970) if i % 17]
    today = D(2026, 11, 22)
    _, yesterday = ritual_stats(ritual, ticks, today - timedelta(days=1))
    assert cache_cutoff(yesterday) == today - timedelta(days=1)
    cache = json.loads(json.dumps(yesterday))
    incremental, new_cache = ritual_stats(ritual, ticks, today, cache)
    scratch, scratch_cache = ritual_stats(ritual, ticks, today)
    assert incremental == scratch
    assert new_cache == scratch_cache
    assert cache_cutoff(new_cache) == today


def test_with_a_cache_only_recent_windows_are_generated(monkeypatch: pytest.MonkeyPatch) -> None:
    ritual = spec(SUNDAYS, D(2016, 1, 3))
    ticks = [done(D(2016, 1, 3) + timedelta(days=7 * i)) for i in range(570)]
    _, cache = ritual_stats(ritual, ticks, D(2026, 11, 1))
    asked: list[date] = []
    real = recurrence.occurrences

    def spy(rule: str, start: date, after: date, before: date) -> list[date]:
        asked.append(after)
        return real(rule, start, after, before)

    monkeypatch.setattr(recurrence, "occurrences", spy)
    recent = [t for t in ticks if t.day >= D(2026, 11, 1)]
    stats, _ = ritual_stats(ritual, recent, D(2026, 11, 22), cache)
    assert asked and min(asked) >= D(2026, 11, 1)
    assert stats == ritual_stats(ritual, ticks, D(2026, 11, 22))[0]


@pytest.mark.parametrize(
    "changed",
    [
        spec(SUNDAYS),  # the rule was edited
        spec(start=D(2026, 11, 3)),
        spec(needs="all"),
        spec(members=("mum",)),
        spec(members=("leo", "mum")),
    ],
)
def test_a_cache_for_another_spec_is_ignored(changed: RitualSpec) -> None:
    ticks = nov(1, 2, 3, 5, 8, 9) + nov(2, 3, 4, by="leo") + [skip(D(2026, 11, 6))]
    _, cache = ritual_stats(spec(), ticks, D(2026, 11, 10))
    assert cache_cutoff(cache, changed, D(2026, 11, 12)) is None
    with_cache = ritual_stats(changed, ticks, D(2026, 11, 12), cache)
    assert with_cache == ritual_stats(changed, ticks, D(2026, 11, 12))


@pytest.mark.parametrize(
    "cache",
    [
        {},
        {"v": 1},
        {"v": 99, "cutoff": "2026-11-05"},
        {"v": 1, "spec": "nonsense", "cutoff": "2026-11-05"},
        "garbage",
        [1, 2, 3],
    ],
)
def test_a_malformed_cache_is_ignored(cache: Any) -> None:
    ticks = nov(1, 2, 4)
    assert cache_cutoff(cache) is None
    assert ritual_stats(spec(), ticks, D(2026, 11, 6), cache) == ritual_stats(
        spec(), ticks, D(2026, 11, 6)
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cutoff", "2026-13-01"),
        ("windows", -1),
        ("windows", "3"),
        ("overall", {"run": 1}),
        ("overall", {"run": 5, "longest": 2, "satisfied": 5, "missed": 0, "skipped": 0,
                     "strength": 0.2}),
        ("overall", {"run": 1, "longest": 2, "satisfied": 5, "missed": 0, "skipped": 0,
                     "strength": 7}),
        ("per_member", {"mum": {}}),
        ("per_member", {}),
    ],
)
def test_a_damaged_cache_is_ignored(field: str, value: Any) -> None:
    ticks = nov(1, 2, 4)
    _, cache = ritual_stats(spec(), ticks, D(2026, 11, 5))
    damaged = {**cache, field: value}
    assert ritual_stats(spec(), ticks, D(2026, 11, 6), damaged) == ritual_stats(
        spec(), ticks, D(2026, 11, 6)
    )


def test_a_cache_newer_than_today_is_ignored() -> None:
    ticks = nov(1, 2, 4)
    _, cache = ritual_stats(spec(), ticks, D(2026, 11, 6))
    assert cache_cutoff(cache) == D(2026, 11, 6)
    assert cache_cutoff(cache, spec(), D(2026, 11, 3)) is None
    assert cache_cutoff(cache, spec(), D(2026, 11, 6)) == D(2026, 11, 6)
    assert ritual_stats(spec(), ticks, D(2026, 11, 3), cache) == ritual_stats(
        spec(), ticks, D(2026, 11, 3)
    )


def test_cache_before_anything_is_due() -> None:
    ritual = spec(start=D(2026, 12, 1))
    _, cache = ritual_stats(ritual, [], D(2026, 11, 20))
    assert cache_cutoff(cache, ritual, D(2026, 11, 20)) == D(2026, 12, 1)
    ticks = [done(D(2026, 12, 1)), done(D(2026, 12, 2))]
    assert ritual_stats(ritual, ticks, D(2026, 12, 3), cache) == ritual_stats(
        ritual, ticks, D(2026, 12, 3)
    )


def test_cache_is_plain_json() -> None:
    _, cache = ritual_stats(spec(), nov(1, 2, 4) + [skip(D(2026, 11, 3))], D(2026, 11, 6))

    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert plain(cache)
    assert json.loads(json.dumps(cache)) == cache


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
    assert_figures(actual.overall, expected.overall)
    assert [m for m, _ in actual.per_member] == [m for m, _ in expected.per_member]
    for (_, a), (_, e) in zip(actual.per_member, expected.per_member, strict=True):
        assert_figures(a, e)


# --------------------------------------------------------------------------- properties

_RULES = st.sampled_from(
    [
        DAILY,
        "FREQ=DAILY;INTERVAL=3",
        SUNDAYS,
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
        "FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14",
        "FREQ=DAILY;COUNT=20",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=5",
        "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4",
        "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3",
        "FREQ=MONTHLY;BYDAY=2TU;COUNT=1",
        "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260301",
    ]
)
_STARTS = st.one_of(
    st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31)),
    st.sampled_from([D(2024, 2, 29), D(2025, 1, 31), D(2026, 1, 4), D(2024, 12, 31)]),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[RitualSpec, list[TickFact], list[date]]:
    start = draw(_STARTS)
    ritual = RitualSpec(
        rule=draw(_RULES),
        start=start,
        members=draw(st.sampled_from([("mum", "leo"), ("mum",), ("mum", "leo", "gran")])),
        needs=draw(st.sampled_from(["any", "all"])),
    )
    ticks = draw(
        st.lists(
            st.builds(
                TickFact,
                day=st.integers(-10, 500).map(lambda n: start + timedelta(days=n)),
                by=st.sampled_from(["mum", "leo", "gran", "stranger"]),
                kind=st.sampled_from(["done", "done", "done", "skip"]),
            ),
            max_size=120,
        )
    )
    todays = sorted(
        draw(st.lists(st.integers(-20, 520), min_size=2, max_size=4).map(
            lambda ns: [start + timedelta(days=n) for n in ns]
        ))
    )
    return ritual, ticks, todays


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_incremental_equals_from_scratch(
    history: tuple[RitualSpec, list[TickFact], list[date]],
) -> None:
    ritual, ticks, todays = history
    cache: dict[str, Any] | None = None
    for today in todays:
        cutoff = cache_cutoff(cache, ritual, today)
        recent = [t for t in ticks if cutoff is None or t.day >= cutoff]
        stats, new_cache = ritual_stats(ritual, recent, today, cache if cutoff else None)
        again, _ = ritual_stats(ritual, ticks, today, cache)  # all ticks given: same answer
        scratch, scratch_cache = ritual_stats(ritual, ticks, today)
        assert stats == scratch
        assert again == scratch
        assert new_cache == scratch_cache
        cache = json.loads(json.dumps(new_cache))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_fold_equals_the_reference_model(
    history: tuple[RitualSpec, list[TickFact], list[date]],
) -> None:
    ritual, ticks, todays = history
    today = todays[-1]
    stats, _ = ritual_stats(ritual, ticks, today)
    assert_matches_reference(stats, reference_stats(ritual, ticks, today))
