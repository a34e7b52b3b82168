"""The goals board's wording, cards, columns and wins, as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from store.models import Cheer, Goal, Member, Ritual, Step, Support
from store.streaks import Figures, RitualStats
from tests.tui.conftest import TODAY
from tui.screens.celebration_modal import Celebration, confetti_row
from tui.screens.goal_form_modal import parse_target
from tui.widgets.goal_card import card_facts, due_words, progress_bar
from tui.widgets.goal_column import column_content
from tui.widgets.wins_list import goal_wins, streak_milestones

NAMES = {"s": "Sarah", "l": "Leo"}
STAMP = datetime(2026, 11, 1, 12, tzinfo=UTC)


def goal(**fields: object) -> Goal:
    """A goal of Leo's, with any field overridden."""
    base: dict[str, object] = {
        "id": "g1", "owner": "l", "title": "Learn to drive", "why": "", "target_date": None,
        "status": "active", "achieved_at": None, "created_at": STAMP, "updated_at": STAMP,
    }
    return Goal(**{**base, **fields})  # type: ignore[arg-type]


def ritual_row(title: str, current: int, longest: int) -> tuple[Ritual, RitualStats]:
    """A ritual with the given streaks (the other figures do not matter here)."""
    ritual = Ritual(title.lower(), title, "FREQ=WEEKLY", TODAY, ("s", "l"), "any", "", False,
                    STAMP, STAMP)
    figures = Figures(current, longest, longest, 0, 0, 1.0, 0.5, False, None)
    return ritual, RitualStats(figures, ())


# -- pure functions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (None, "no target date"),
        (TODAY - timedelta(days=3), "overdue by 3 days"),
        (TODAY - timedelta(days=1), "overdue by 1 day"),
        (TODAY, "due today"),
        (TODAY + timedelta(days=1), "due tomorrow"),
        (TODAY + timedelta(days=3), "3 days left"),
        (TODAY + timedelta(days=14), "14 days left"),
        (date(2026, 12, 25), "by 25 Dec"),
        (date(2027, 3, 2), "by 2 Mar 2027"),
    ],
)
def test_due_words(target: date | None, words: str) -> None:
    assert due_words(target, TODAY) == words


@pytest.mark.parametrize(
    ("progress", "bar"),
    [(0.0, "░" * 10), (0.5, "█" * 5 + "░" * 5), (1 / 3, "███░░░░░░░"), (1.0, "█" * 10),
     (1.7, "█" * 10)],
)
def test_progress_bar_reads_without_colour(progress: float, bar: str) -> None:
    assert progress_bar(progress) == bar


def test_card_facts_names_pledges_and_the_latest_cheer() -> None:
    g = goal(
        steps=(Step("1", "Theory", True), Step("2", "Lessons", False)),
        supports=(Support("p", "s", "Sunday practice", STAMP),),
        cheers=(
            Cheer("c1", "s", "Old cheer", STAMP),
            Cheer("c2", "l", "New", STAMP.replace(day=5)),
        ),
        target_date=TODAY - timedelta(days=2),
    )
    facts = card_facts(g, NAMES, TODAY, viewer="s")
    assert facts.pledges == (("Sarah", "Sunday practice"),)
    assert facts.cheer == ("Leo", "New")
    assert (facts.steps_done, facts.steps_total, facts.progress) == (1, 2, 0.5)
    assert facts.overdue and facts.when == "overdue by 2 days"
    assert not facts.needs_supporter and not facts.mine


def test_a_goal_without_a_pledge_needs_a_supporter() -> None:
    facts = card_facts(goal(), NAMES, TODAY, viewer="l")
    assert facts.needs_supporter and facts.mine and facts.cheer is None


def test_column_content_keeps_achieved_and_dropped_goals_off_the_board() -> None:
    leo = Member("l", "Leo", "son", "teal", STAMP, STAMP)
    goals = [
        goal(id="a", title="Active"),
        goal(id="d", title="Dropped", status="dropped"),
        goal(id="w", title="Won", status="achieved"),
        goal(id="s", owner="s", title="Sarah's"),
    ]
    shown = column_content(leo, goals, NAMES, TODAY, viewer="s")
    assert [c.goal_id for c in shown.cards] == ["a"]
    assert shown.heading == "Leo · 1 goal on the go"
    with_dropped = column_content(leo, goals, NAMES, TODAY, viewer="l", show_dropped=True)
    assert [c.goal_id for c in with_dropped.cards] == ["a", "d"]
    assert with_dropped.heading.startswith("Leo (you)")
    found = column_content(leo, goals, NAMES, TODAY, viewer="l", query="zzz")
    assert found.cards == () and "matches “zzz”" in found.empty_note


@pytest.mark.parametrize(
    ("current", "longest", "reached", "detail"),
    [
        (4, 4, 4, "still going: 4 so far"),
        (13, 32, 26, "best run 32, now 13"),
        (0, 11, 4, "best run 11"),
        (412, 412, 100, "still going: 412 so far"),
        (52, 60, 52, "still going: 52 so far"),
    ],
)
def test_streak_milestones(current: int, longest: int, reached: int, detail: str) -> None:
    (milestone,) = streak_milestones([ritual_row("Sunday dinner", current, longest)])
    assert milestone.reached == reached
    assert milestone.text == f"Sunday dinner: {reached} in a row"
    assert milestone.detail == detail


def test_streak_milestones_skip_short_runs_and_put_the_biggest_first() -> None:
    rows = [ritual_row("Hike", 3, 3), ritual_row("Film", 5, 5), ritual_row("Dinner", 52, 52)]
    assert [m.title for m in streak_milestones(rows)] == ["Dinner", "Film"]


def test_goal_wins_are_newest_first_with_their_supporters() -> None:
    goals = [
        goal(id="old", status="achieved", achieved_at=date(2025, 1, 1)),
        goal(id="new", status="achieved", achieved_at=date(2026, 5, 1),
             supports=(Support("p", "s", "I'll drive", STAMP),)),
        goal(id="open"),
    ]
    wins = goal_wins(goals, NAMES)
    assert [w.goal_id for w in wins] == ["new", "old"]
    assert wins[0].supporters == (("Sarah", "I'll drive"),) and wins[0].owner == "Leo"


def test_celebration_says_who_helped_and_how_long_it_took() -> None:
    won = goal(
        status="achieved", achieved_at=date(2026, 11, 22), steps=(Step("1", "a", True),),
        supports=(Support("p", "s", "Lifts", STAMP),),
        cheers=(Cheer("c", "s", "Go!", STAMP), Cheer("d", "l", "Me!", STAMP)),
    )
    celebration = Celebration.of(won, NAMES)
    assert (celebration.owner, celebration.days) == ("Leo", 21)
    assert celebration.supporters == (("Sarah", "Lifts"),)
    assert celebration.cheerers == ("Sarah",)
    assert celebration.took == "It took 21 days · 1 step · 2 cheers"
    same_day = Celebration.of(goal(status="achieved", achieved_at=STAMP.date()), NAMES)
    assert same_day.took == "Done the same day it was set"


def test_confetti_is_the_same_for_the_same_frame() -> None:
    assert confetti_row(7, 40) == confetti_row(7, 40)
    assert confetti_row(7, 40).cell_length == 40
    assert confetti_row(7, 40).plain != confetti_row(8, 40).plain


def test_parse_target() -> None:
    assert parse_target("  ") is None
    assert parse_target("2027-03-22") == date(2027, 3, 22)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_target("next spring")
