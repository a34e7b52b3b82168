"""A tick redraws its row, the panel and the strip in place: no layout of the screen.

A layout re-renders every widget whose box it touches; on the Rituals pane that was a
third of the way from `space` to the updated screen (DESIGN section 7: at most 50 ms).
These tests count the layouts a change asks for, not the time it takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from store.repository import Store
from tests.tui.conftest import TODAY, app_for, empty_store
from tui.screens.rituals import RitualsScreen
from tui.widgets.redraw import update_in_place
from tui.widgets.ritual_list import RitualList
from tui.widgets.streak_panel import StreakPanel
from tui.widgets.today_strip import TodayStrip


@contextmanager
def layouts_asked(
    monkeypatch: pytest.MonkeyPatch, repainted: list[str] | None = None
) -> Iterator[list[str]]:
    """The widgets that ask for a layout of the screen while the block runs (and, into
    `repainted`, those that ask to be drawn again)."""
    asked: list[str] = []
    refresh = Widget.refresh

    def counting(self: Widget, *regions: object, **options: bool) -> Widget:
        name = f"{type(self).__name__}#{self.id}"
        if options.get("layout"):
            asked.append(name)
        if repainted is not None:
            repainted.append(name)
        return refresh(self, *regions, **options)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(Widget, "refresh", counting)
        yield asked


def three_daily_rituals() -> Store:
    """Sarah and Leo with three daily rituals, all due today and none kept yet."""
    store = empty_store()
    for title in ("Walk the dog", "Call Gran", "Tidy up"):
        store.add_ritual(title, "FREQ=DAILY", TODAY)
    return store


async def open_rituals(pilot: Pilot[None]) -> RitualsScreen:
    """Press 3: the Rituals pane, filled."""
    await pilot.press("3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RitualsScreen)
    return screen


async def test_a_tick_moves_its_row_and_redraws_without_a_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The row says kept and goes below the due ones, the cursor with it; columns stay put."""
    store = three_daily_rituals()
    call = store.ritual("Call Gran").id
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_rituals(pilot)
        listing = screen.query_one(RitualList)
        assert listing.ritual_ids[0] == call and listing.selected_id == call  # A to Z
        headings = str(listing.query_one("#ritual-headings", Static).render())

        repainted: list[str] = []
        with layouts_asked(monkeypatch, repainted) as asked:
            screen.action_tick()
        assert asked == []
        assert "StreakPanel#streak-panel" not in repainted  # its box and title stay
        await pilot.pause()

        assert listing.ritual_ids[-1] == call and listing.selected_id == call
        line = listing.options.get_option_at_index(2).prompt
        assert "kept · next Mon 23 Nov" in str(line) and "1 in a row" in str(line)
        assert str(listing.query_one("#ritual-headings", Static).render()) == headings
        assert screen.query_one(StreakPanel).border_title is not None
        assert "1 in a row" in str(screen.query_one("#streak-detail", Static).render())
        strip = str(screen.query_one(TodayStrip).render())
        assert "Call Gran" not in strip.partition("Due:")[2].partition(" · ")[0]
        assert store.ticks(call)[0].date == TODAY


async def test_a_wider_streak_widens_the_list_and_untick_narrows_it() -> None:
    """`9 in a row` becoming `10 in a row` widens the column and the list, nothing cut;
    taking the tick back gives the list its width back (no blank column left)."""
    store = empty_store()
    ritual = store.add_ritual("Read", "FREQ=DAILY", TODAY - timedelta(days=9))
    sarah = store.member("Sarah").id
    for days_ago in range(1, 10):
        store.tick(ritual.id, TODAY - timedelta(days=days_ago), sarah)
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = (await open_rituals(pilot)).query_one(RitualList)
        width = listing.options.size.width
        await pilot.press("space")
        await pilot.pause()
        assert listing.options.size.width == width + 1
        shown = listing.options.render_line(0).text
        assert shown.rstrip().endswith("10 in a row    10")

        await pilot.press("u")
        await pilot.pause()
        assert listing.options.size.width == width
        assert listing.size.width == listing.query_one("#ritual-headings").size.width


async def test_a_filter_to_as_many_rituals_and_a_click_after_a_reorder() -> None:
    """Lines kept, words changed: the list, the cursor, the panel and a click all follow."""
    store = three_daily_rituals()
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_rituals(pilot)
        listing, panel = screen.query_one(RitualList), screen.query_one(StreakPanel)
        await pilot.press("slash", *"a")  # Call Gran, Walk the dog: two lines
        await pilot.pause()
        assert [store.ritual(rid).title for rid in listing.ritual_ids] == [
            "Call Gran",
            "Walk the dog",
        ]
        screen.filter_box().value = "t"  # Tidy up, Walk the dog: as many lines, others
        await pilot.pause()
        titles = [store.ritual(rid).title for rid in listing.ritual_ids]
        assert titles == ["Tidy up", "Walk the dog"]
        assert str(panel.border_title) == "Tidy up"
        assert "Tidy up" in listing.options.render_line(0).text

        screen.filter_box().value = ""
        await pilot.pause()
        assert store.ritual(listing.selected_id or "").title == "Tidy up"  # the cursor stayed
        listing.options.focus()
        await pilot.press("space")  # Tidy up kept: it goes last, the one after it moves up
        await pilot.pause()
        titles = [store.ritual(rid).title for rid in listing.ritual_ids]
        assert titles == ["Call Gran", "Walk the dog", "Tidy up"]
        await pilot.click(listing.options, offset=(2, 1))  # the second line: Walk the dog now
        await pilot.pause()
        assert store.ritual(listing.selected_id or "").title == "Walk the dog"
        assert str(panel.border_title) == "Walk the dog"


class OneStatic(App[None]):
    """A static 20 columns wide, as a pane's text is."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("two\nlines", id="words")

    CSS = "Vertical { width: 20; } #words { height: auto; }"


async def test_update_in_place_lays_out_only_for_another_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Other words in as many lines: a repaint; one line more: a layout, and the height."""
    app = OneStatic()
    async with app.run_test(size=(40, 10)) as pilot:
        words = app.query_one("#words", Static)
        assert words.size.height == 2
        with layouts_asked(monkeypatch) as asked:
            update_in_place(words, "other\nwords")
        assert asked == []
        await pilot.pause()
        assert str(words.render()) == "other\nwords"

        with layouts_asked(monkeypatch) as asked:
            update_in_place(words, "now\nthree\nlines")
        assert asked == ["Static#words"]
        await pilot.pause()
        assert words.size.height == 3

        with layouts_asked(monkeypatch) as asked:
            update_in_place(words, "one line longer than twenty cells")  # wraps to two
        assert asked == ["Static#words"]
        await pilot.pause()
        assert words.size.height == 2
