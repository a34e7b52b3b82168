"""The app shell: first run, who is at the keyboard, panes, undo, palette, help page."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from tests.tui.conftest import app_for, demo_store, empty_store
from tui.app import TandemApp
from tui.screens.goals import GoalsScreen
from tui.screens.help_page import HelpPage
from tui.screens.ideas import IdeasScreen
from tui.screens.moments import MomentsScreen
from tui.screens.rituals import RitualsScreen
from tui.screens.setup_screen import SetupScreen
from tui.screens.who_modal import WhoModal
from tui.widgets.pane_tabs import PaneTabs
from tui.widgets.today_strip import TodayStrip


async def test_first_run_asks_for_names_then_who_is_here() -> None:
    store = empty_store(members=False)
    app = app_for(store, as_name=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.focused is app.screen.query_one("#member-1", Input)
        await pilot.press(*"Ann", "tab", *"Sam", "enter")
        await pilot.pause()
        assert [(m.name, m.role) for m in store.list_members()] == [
            ("Ann", "mother"),
            ("Sam", "son"),
        ]
        assert isinstance(app.screen, WhoModal)
        await pilot.press("2")
        await pilot.pause()
        assert app.member is not None and app.member.name == "Sam"
        assert isinstance(app.screen, IdeasScreen)
        assert app.sub_title == "Sam at the keyboard"
        await pilot.press("ctrl+z")  # a slip just after: the family stays
        await pilot.pause()
        assert [m.name for m in store.list_members()] == ["Ann", "Sam"]
        assert isinstance(app.screen, IdeasScreen) and app.member.name == "Sam"


async def test_first_run_refuses_an_empty_name_in_words() -> None:
    store = empty_store(members=False)
    app = app_for(store, as_name=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Ann", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "cannot be empty" in str(app.screen.query_one("#setup-error").render())
        assert store.list_members() == ()


async def test_as_name_skips_the_question_and_m_switches() -> None:
    app = app_for(demo_store(), as_name="Sarah")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, WhoModal)
        assert app.member is not None and app.member.name == "Sarah"
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, WhoModal)
        await pilot.press("2")
        await pilot.pause()
        assert app.member.name == "Leo"
        assert app.sub_title == "Leo at the keyboard"


async def test_number_keys_and_tab_clicks_switch_panes() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key, screen in (("2", GoalsScreen), ("3", RitualsScreen), ("4", MomentsScreen),
                            ("1", IdeasScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
        [(start, end)] = [(a, b) for pane, _, a, b in PaneTabs.spans() if pane == "rituals"]
        assert await pilot.click(PaneTabs, offset=(end - 2, 1))  # on the underline
        await pilot.pause()
        assert isinstance(app.screen, RitualsScreen)
        assert await pilot.click(PaneTabs, offset=(1, 0))  # on the "1" of "1 Ideas"
        await pilot.pause()
        assert isinstance(app.screen, IdeasScreen)
        assert await pilot.click(PaneTabs, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, RitualsScreen)


async def test_the_pane_name_under_the_mouse_is_lit_and_a_click_at_its_edge_counts() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(PaneTabs)
        spans = {pane: (start, end) for pane, _, start, end in PaneTabs.spans()}

        def colour(x: int) -> object:
            """The text colour of the cell at `x` on the row of names."""
            for segment in tabs.render_line(0):
                if x < segment.cell_length:
                    return segment.style.color if segment.style else None
                x -= segment.cell_length
            return None

        shown, other = colour(spans["ideas"][0] + 1), colour(spans["goals"][0] + 1)
        assert shown != other
        await pilot.hover(PaneTabs, offset=(spans["goals"][0] + 1, 0))
        await pilot.pause()
        assert tabs.hovered == "goals" and colour(spans["goals"][0] + 1) == shown
        await pilot.hover(PaneTabs, offset=(spans["moments"][1] + 5, 0))  # past the names
        await pilot.pause()
        assert tabs.hovered is None and colour(spans["goals"][0] + 1) == other
        assert await pilot.click(PaneTabs, offset=(spans["rituals"][1], 0))  # first cell after
        await pilot.pause()
        assert isinstance(app.screen, MomentsScreen)


async def test_panes_are_built_once_and_each_shows_a_theme_chosen_on_another() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "3", "4")
        await pilot.pause()
        panes = {screen.PANE: screen for screen in (app.get_screen(name) for name in
                 ("goals", "rituals", "moments"))}
        await pilot.press("1")
        await pilot.pause()
        evening = app.screen.query_one(TodayStrip).visual_style
        app.theme = "tandem-morning"  # chosen on Ideas; the others are not on screen
        await pilot.pause()
        morning = app.screen.query_one(TodayStrip).visual_style
        assert morning != evening
        for key, pane in (("2", "goals"), ("3", "rituals"), ("4", "moments")):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is panes[pane]  # the same pane, not a second one
            assert app.screen_stack[0] is app.get_screen("ideas")
            assert app.screen.query_one(TodayStrip).visual_style == morning, pane


@pytest.mark.parametrize("keys", ["2341", "23", "4", "232", "3434", "21"])
async def test_pane_keys_typed_ahead_end_on_the_last_pane_asked_for(keys: str) -> None:
    """Pane keys pressed faster than the panes are built (no pause between them)."""
    app = app_for(demo_store())
    panes = {"1": IdeasScreen, "2": GoalsScreen, "3": RitualsScreen, "4": MomentsScreen}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys)
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, panes[keys[-1]])
        assert isinstance(app.screen_stack[0], IdeasScreen)  # the first pane stays under
        assert len(app.screen_stack) == (1 if keys[-1] == "1" else 2)
        assert app.screen.is_mounted and app.screen.query(TodayStrip)


async def test_the_question_of_who_is_here_comes_before_any_key_typed_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Asked as the app mounts, so a key typed while `tandem` starts meets the question:
    `2` picks Leo, instead of switching pane (or `m` asking a second time)."""
    in_front: list[type[object]] = []
    mounted = TandemApp.on_mount

    def watched(app: TandemApp) -> None:
        mounted(app)
        in_front.extend(type(screen) for screen in app.screen_stack)

    monkeypatch.setattr(TandemApp, "on_mount", watched)
    app = app_for(demo_store(), as_name=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert in_front == [IdeasScreen, WhoModal]
        await pilot.press("2")
        await pilot.pause()
        assert app.member is not None and app.member.name == "Leo"
        assert app.current_pane == "ideas" and len(app.screen_stack) == 1


async def test_a_pane_chosen_in_the_palette_over_a_dialog_says_to_close_it_first() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("m")  # who is at the keyboard: a dialog
        await pilot.pause()
        app.show_pane("goals")  # what "Show Goals" in the palette does
        await pilot.pause()
        assert isinstance(app.screen, WhoModal) and app.current_pane == "ideas"
        assert any("Close this first" in n.message for n in app._notifications)


def test_the_goals_pane_answers_about_its_keys_before_its_board_is_built() -> None:
    assert GoalsScreen().check_action("copy_text", ()) is None  # keys typed ahead


async def test_today_strip_names_what_is_due() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(TodayStrip).render())
        assert "Sun 22 Nov" in text
        due = [r.title for r, _ in app.store.agenda().due]
        assert due and all(title in text for title in due)
        assert "Climbing wall" in text  # a planned moment this week


async def test_undo_puts_back_the_last_change_and_says_so() -> None:
    store = demo_store()
    app = app_for(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        goal = store.list_goals()[0]
        store.edit_goal(goal.id, title="Something else")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.goal(goal.id).title == goal.title
        assert any("Undone: edited" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(n.message == "Nothing to undo." for n in app._notifications)


async def test_palette_jumps_to_a_ritual() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Friday film")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, RitualsScreen)


async def test_help_page_is_reached_from_the_palette() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"When to get help")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpPage)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, IdeasScreen)


async def test_a_change_made_elsewhere_refreshes_the_pane(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from store.clock import FixedClock
    from store.repository import Store

    path = tmp_path / "shared.json"
    clock = FixedClock(date(2026, 11, 22))
    mine = Store.open(path, clock)
    mine.set_up([("Sarah", "mother"), ("Leo", "son")])
    app = app_for(mine)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.watcher is not None  # started once the first frame is out
        app.watcher.timer.pause()
        assert not app.watcher.check()
        mine.add_goal("Read more", "Sarah")  # our own change is not news
        assert not app.watcher.check()
        other = Store.open(path, clock)  # another terminal
        ritual = other.add_ritual("Walk", "FREQ=DAILY", date(2026, 11, 1))
        other.tick(ritual.id, date(2026, 11, 22), other.member("Leo").id)
        other.close()
        assert app.watcher.check()
        await pilot.pause()
        assert [r.title for r in mine.list_rituals()] == ["Walk"]
        [message] = [n.message for n in app._notifications if n.title == "Changed elsewhere"]
        assert message.splitlines() == ["Leo ticked Walk (Sun 22 Nov)", "New ritual: Walk"]


async def test_a_conflict_copy_appearing_while_running_is_merged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from store.clock import FixedClock
    from store.repository import Store

    path = tmp_path / "shared.json"
    clock = FixedClock(date(2026, 11, 22))
    mine = Store.open(path, clock)
    mine.set_up([("Sarah", "mother"), ("Leo", "son")])
    ritual = mine.add_ritual("Weekly call", "FREQ=WEEKLY;BYDAY=SU", date(2026, 11, 1))
    copy = tmp_path / "shared (Leo's conflicted copy 2026-11-22).json"
    copy.write_bytes(path.read_bytes())
    theirs = Store.open(copy, clock)
    theirs.tick(ritual.id, date(2026, 11, 22), theirs.member("Leo").id)
    theirs.close()
    app = app_for(mine)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.watcher is not None  # started once the first frame is out
        app.watcher.timer.pause()
        [message] = app.watcher.merge_conflict_copies()
        await pilot.pause()
        assert "Merged" in message and "1 tick by Leo on Weekly call" in message
        assert not copy.exists()
        assert [t.by for t in mine.ticks(ritual.id)] == [mine.member("Leo").id]


async def test_year_book_is_reached_from_the_palette() -> None:
    from textual.widgets import Markdown

    from tui.screens.year_book_page import YearBookPage

    app = app_for(demo_store())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Year book")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YearBookPage)
        assert "Sarah" in app.screen.markdown and "2026" in app.screen.markdown
        assert app.screen.query_one(Markdown)


async def test_refresh_from_elsewhere_keeps_the_cursor_on_its_ritual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from store.clock import FixedClock
    from store.repository import Store
    from tui.widgets.ritual_list import RitualList

    path = tmp_path / "shared.json"
    clock = FixedClock(date(2026, 11, 22))
    mine = Store.open(path, clock)
    mine.set_up([("Sarah", "mother"), ("Leo", "son")])
    for title in ("Art club", "Bike ride", "Cards"):
        mine.add_ritual(title, "FREQ=DAILY", date(2026, 11, 1))
    app = app_for(mine)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert app.watcher is not None  # started once the first frame is out
        app.watcher.timer.pause()
        await pilot.press("down")
        await pilot.pause()
        listing = app.screen.query_one(RitualList)
        chosen = listing.selected_id
        assert chosen is not None
        other = Store.open(path, clock)  # Leo ticks the first ritual in another terminal
        first = other.list_rituals()[0]
        other.tick(first.id, date(2026, 11, 22), other.member("Leo").id)
        other.close()
        assert app.watcher.check()
        await pilot.pause()
        assert listing.selected_id == chosen
        assert mine.ritual_stats(first).overall.current_streak == 1
