"""The goals board: wording and wins as pure functions, then the pane driven by keys."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import Static

from store.clock import FixedClock
from store.models import Cheer, Goal, Member, Ritual, Step, Support
from store.repository import Store
from store.streaks import Figures, RitualStats
from tests.tui.conftest import TODAY, app_for, demo_store, empty_store
from tui.app import TandemApp
from tui.screens.celebration_modal import Celebration, CelebrationModal, confetti_row
from tui.screens.goal_form_modal import GoalFormModal, parse_target
from tui.screens.goal_modal import GoalModal
from tui.screens.goals import GoalsScreen
from tui.widgets.goal_card import GoalCard, card_facts, due_words, progress_bar
from tui.widgets.goal_column import GoalColumn, column_content
from tui.widgets.wins_list import WinsList, goal_wins, streak_milestones

SIZE = (120, 40)
NAMES = {"s": "Sarah", "l": "Leo"}
STAMP = datetime(2026, 11, 1, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _open_on_goals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start on the Goals pane, as when it was the pane last used (and skip building Ideas)."""
    monkeypatch.setattr("tui.app.load_last_pane", lambda path: "goals")


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


# -- the pane --------------------------------------------------------------------------------


def board(app: TandemApp) -> GoalsScreen:
    """The goals pane (when it is in front)."""
    assert isinstance(app.screen, GoalsScreen)
    return app.screen


def titles(column: GoalColumn) -> list[str]:
    """The titles on a column's cards, top to bottom."""
    return [card.facts.title for card in column.query(GoalCard) if card.facts]


def card_text(card: GoalCard) -> str:
    """Everything a card says, as plain text."""
    return "\n".join(str(static.render()) for static in card.query(Static))


def notes(app: TandemApp) -> list[str]:
    """The messages the app has shown."""
    return [n.message for n in app._notifications]


async def test_the_board_has_a_column_per_member() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        sarah, leo = board(app).columns()
        assert titles(sarah) == ["Run a 10k"]
        assert titles(leo) == ["Make the school football team", "Learn to drive"]
        football, driving = leo.query(GoalCard)
        assert "⚑ needs a supporter · p to pledge" in card_text(football)
        assert "Sarah helps: Sunday practice" in card_text(driving)
        assert "needs a supporter" not in card_text(driving)
        assert "Bake sourdough" not in titles(sarah)  # achieved: it is among the wins
        assert app.focused is sarah
        assert sarah.content.heading == "Sarah (you) · 1 goal on the go"
        app.member = app.store.member("Leo")
        await pilot.pause()
        assert sarah.content.heading == "Sarah · 1 goal on the go"
        assert leo.content.heading == "Leo (you) · 2 goals on the go"


async def test_arrows_tab_and_the_palette_move_the_selection() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = board(app)
        await pilot.press("right", "down")
        assert screen.selected_goal() is not None
        assert screen.selected_goal().title == "Learn to drive"  # type: ignore[union-attr]
        await pilot.press("left")
        assert screen.selected_goal().title == "Run a 10k"  # type: ignore[union-attr]
        await pilot.press("tab")
        assert screen.selected_goal().title == "Learn to drive"  # type: ignore[union-attr]
        football = app.store.goal("Make the school football team")
        assert screen.select_record(football.id)  # the command palette's jump
        await pilot.pause()
        assert screen.selected_goal() == football
        assert not screen.select_record("no-such-goal")
        sarah_card = screen.columns()[0].query_one(GoalCard)
        assert await pilot.click(sarah_card)
        assert screen.selected_goal() == app.store.goal("Run a 10k")
        assert await pilot.click(sarah_card, times=2)
        await pilot.pause()
        assert isinstance(app.screen, GoalModal)


async def test_a_goal_from_start_to_celebration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CelebrationModal, "ANIMATE", False)
    store = empty_store()
    app = app_for(store, as_name="Leo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormModal)
        await pilot.press(*"Oboe")
        await pilot.press("enter", *"Band", "enter", *"2027-03-01", "enter")
        await pilot.pause()
        (won,) = store.list_goals()
        assert (won.title, won.why, won.target_date) == ("Oboe", "Band", date(2027, 3, 1))
        assert won.owner == store.member("Leo").id
        for step in ("Reed", "Song"):
            await pilot.press("enter", "a", *step, "enter", "escape")
            await pilot.pause()
        assert [s.title for s in store.goal(won.id).steps] == ["Reed", "Song"]

        app.member = store.member("Sarah")
        await pilot.pause()
        await pilot.press("right", "p", *"Lifts", "enter")
        await pilot.pause()
        await pilot.press("c", *"Proud", "enter")
        await pilot.pause()
        backed = store.goal(won.id)
        assert [(s.by, s.pledge) for s in backed.supports] == [
            (store.member("Sarah").id, "Lifts")
        ]
        assert [c.text for c in backed.cheers] == ["Proud"]

        app.member = store.member("Leo")
        await pilot.pause()
        await pilot.press("x", "enter", "down", "space")
        await pilot.pause()
        assert store.goal(won.id).progress == 1.0
        assert "Every step is done" in notes(app)[-1]
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, CelebrationModal)
        assert app.screen.celebration.supporters == (("Sarah", "Lifts"),)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert store.goal(won.id).status == "achieved"
        assert titles(board(app).columns()[1]) == []
        await pilot.press("w")
        await pilot.pause()
        wins = app.screen.query_one(WinsList)
        assert wins.highlighted_option is not None
        assert wins.highlighted_option.id == f"goal:{won.id}"


async def test_pledging_to_your_own_goal_is_refused_with_a_reason() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "pledge" not in shown
        before = app.store.goal("Run a 10k").supports
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert "your own goal" in notes(app)[-1]
        assert app.store.goal("Run a 10k").supports == before
        await pilot.press("right")
        shown = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "pledge" in shown


async def test_edit_then_undo_keeps_the_card_selected() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("right", "down", "e")
        await pilot.pause()
        await pilot.press(*"Drive", "ctrl+s")
        await pilot.pause()
        edited = app.store.goal("Drive")
        screen = board(app)
        assert screen.selected_goal() == edited
        assert "Drive" in titles(screen.columns()[1])
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.goal(edited.id).title == "Learn to drive"
        assert "Learn to drive" in titles(screen.columns()[1])
        assert screen.selected_goal() is not None
        assert screen.selected_goal().id == edited.id  # type: ignore[union-attr]


async def test_drop_hides_a_goal_and_D_shows_it_again() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("right", "d")
        await pilot.pause()
        assert app.store.goal("Make the school football team").status == "dropped"
        leo = board(app).columns()[1]
        assert titles(leo) == ["Learn to drive"]
        await pilot.press("D")
        await pilot.pause()
        assert titles(leo) == ["Learn to drive", "Make the school football team"]
        assert leo.query(GoalCard).last().has_class("-dropped")
        await pilot.press("down", "d")
        await pilot.pause()
        assert app.store.goal("Make the school football team").status == "active"


async def test_x_ticks_the_next_step_and_undo_takes_it_back() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        steps = app.store.goal("Run a 10k").steps
        assert [s.done for s in steps] == [True, True, False]
        assert "Ticked “8k”: 2 of 3 done." in notes(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [s.done for s in app.store.goal("Run a 10k").steps] == [True, False, False]
        card = board(app).columns()[0].query_one(GoalCard)
        assert card.facts is not None and card.facts.steps_done == 1


async def test_undo_inside_the_goal_modal_shows_the_goal_as_it_was() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, GoalModal)
        await pilot.press("down", "space")
        assert modal.goal.steps[1].done
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not modal.goal.steps[1].done
        assert not app.store.goal("Run a 10k").steps[1].done


async def test_find_narrows_the_board_and_escape_clears_it() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("slash", *"driv")
        await pilot.pause()
        sarah, leo = board(app).columns()
        assert (titles(sarah), titles(leo)) == ([], ["Learn to drive"])
        await pilot.press("enter")
        assert app.focused is leo or app.focused is sarah
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(leo)) == 2


async def test_a_ritual_milestone_opens_the_ritual(monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_for(demo_store())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        wins = app.screen.query_one(WinsList)
        ritual_options = [o for o in wins.options if (o.id or "").startswith("ritual:")]
        assert ritual_options, "the demo family has kept Sunday dinner for months"
        jumps: list[tuple[str, str]] = []
        monkeypatch.setattr(app, "jump_to", lambda pane, record: jumps.append((pane, record)))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert jumps == [("rituals", (ritual_options[0].id or "").removeprefix("ritual:"))]


async def test_the_confetti_falls_then_settles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CelebrationModal, "FRAMES", 3)
    store = Store.in_memory(FixedClock(TODAY))
    store.set_up([("Sarah", "mother")])
    won = store.achieve_goal(store.add_goal("Paint the hall", "Sarah").id)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        modal = CelebrationModal(Celebration.of(won, store.member_names()))
        await app.push_screen(modal)
        for _ in range(50):  # three frames take 0.3 s; a busy machine may take longer
            if modal.frame >= 3:
                break
            await pilot.pause(0.1)
        await pilot.pause(0.3)
        assert modal.frame == 3  # it fell, then settled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CelebrationModal)
