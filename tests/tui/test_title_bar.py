"""The title bar: who is at the keyboard, kept up to date; its icon opens the palette."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.tui.conftest import app_for, demo_store
from tui.app import TandemApp
from tui.widgets.title_bar import TitleBar


def top_line(app: TandemApp) -> str:
    """The top line of the screen, as shown."""
    return app.screen._compositor.render_strips()[0].text


async def test_the_title_says_who_is_at_the_keyboard_and_follows_a_switch() -> None:
    app = app_for(demo_store(), as_name="Sarah")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        line = top_line(app)
        assert line.startswith(" ⭘ ") and "Tandem — Sarah at the keyboard" in line
        centre = (8 + 100 - 10) // 2  # between the icon's cells and the clock's, as Textual's
        assert abs(line.index("Tandem") + len("Tandem — Sarah at the keyboard") // 2 - centre) <= 1
        await pilot.press("m", "2")
        await pilot.pause()
        assert "Tandem — Leo at the keyboard" in top_line(app)


async def test_the_icon_opens_the_command_palette_and_says_so() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        await pilot.hover(bar, offset=(1, 0))
        await pilot.pause()
        assert bar.tooltip == "Open the command palette" and bar.has_class("-over-icon")
        assert app.screen._pointer_shape == "pointer"
        await pilot.hover(bar, offset=(40, 0))
        await pilot.pause()
        assert bar.tooltip is None and not bar.has_class("-over-icon")
        assert app.screen._pointer_shape == "default"  # at once, not a move later
        await pilot.click(bar, offset=(40, 0))  # the title: nothing happens
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(bar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
