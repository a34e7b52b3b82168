"""Streak figures window by window (DESIGN section 4): the rules, by example."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.streaks import Figures, RitualSpec, TickFact, ritual_stats
from tests.store.streak_helpers import (
    SUNDAYS,
    D,
    M,
    assert_figures,
    assert_matches_reference,
    done,
    figures,
    nov,
    reference_stats,
    skip,
    spec,
    strength_of,
)

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
