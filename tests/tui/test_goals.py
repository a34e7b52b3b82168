"""The Goals pane driven by keys and clicks: the board, finding, dropping, wins."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from store.clock import FixedClock
from store.repository import Store
from tests.tui.conftest import TODAY, app_for, demo_store, empty_store
from tui.app import TandemApp
from tui.screens.celebration_modal import Celebration, CelebrationModal
from tui.screens.goal_form_modal import GoalFormModal
from tui.screens.goal_modal import GoalModal
from tui.screens.goals import GoalsScreen
from tui.widgets.goal_card import GoalCard
from tui.widgets.goal_column import GoalColumn
from tui.widgets.wins_list import WinsList

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _open_on_goals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start on the Goals pane, as when it was the pane last used (and skip building Ideas)."""
    monkeypatch.setattr("tui.app.load_last_pane", lambda path: "goals")


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
