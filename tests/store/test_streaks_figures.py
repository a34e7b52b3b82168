"""Per-member figures, and strength as Loop Habit Tracker's score."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from store.streaks import Figures, RitualSpec, TickFact, ritual_stats
from tests.store.streak_helpers import (
    D,
    M,
    assert_figures,
    done,
    figures,
    nov,
    skip,
    spec,
    strength_of,
)


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
