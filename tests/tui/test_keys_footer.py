"""The footer as the mouse meets it: a click presses a key, the key under it is lit and says
what it does, an unavailable key rings the bell."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import app_for, empty_store
from tui.app import TandemApp
from tui.screens.moment_form_modal import MomentFormModal
from tui.widgets.keys_footer import KeysFooter


def footer_line(app: TandemApp) -> str:
    """The bottom line of the screen, as shown."""
    return app.screen._compositor.render_strips()[-1].text


async def on_moments(pilot: Pilot[None]) -> KeysFooter:
    """The Moments pane of a family with no moments yet (nothing to edit or delete)."""
    await pilot.press("4")
    await pilot.pause()
    return pilot.app.screen.query_one(KeysFooter)


async def test_a_click_presses_the_key_and_an_unavailable_one_rings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = app_for(empty_store())
    rang: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rang.append(True))
    async with app.run_test(size=(120, 30)) as pilot:
        footer = await on_moments(pilot)
        line = footer_line(app)
        assert not next(key for key in footer.keys if key.key == "e").enabled

        await pilot.click(footer, offset=(line.index("e Edit"), 0))
        await pilot.pause()
        assert rang == [True] and not isinstance(app.screen, MomentFormModal)

        await pilot.click(footer, offset=(line.index("a Log a moment") + 4, 0))
        await pilot.pause()
        assert isinstance(app.screen, MomentFormModal)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.click(footer, offset=(line.index("? Keys"), 0))
        await pilot.pause()
        assert app.screen.query("HelpPanel")  # the keys and help panel


async def test_the_key_under_the_mouse_is_lit_and_says_what_it_does() -> None:
    app = app_for(empty_store())
    async with app.run_test(size=(120, 30)) as pilot:
        footer = await on_moments(pilot)
        line = footer_line(app)
        plain = footer.render().spans

        await pilot.hover(footer, offset=(line.index("a Log a moment"), 0))
        await pilot.pause()
        assert footer.tooltip == "Keep a new memory"
        assert footer.has_class("-over-key")
        assert footer.render().spans != plain  # drawn lit
        await pilot.hover(footer, offset=(line.index("^p palette") + 1, 0))
        await pilot.pause()
        assert footer.tooltip == "Open the command palette"

        await pilot.hover(footer, offset=(line.index("? Keys") + 8, 0))  # the gap after it
        await pilot.pause()
        assert footer.tooltip is None and not footer.has_class("-over-key")
        assert footer.render().spans == plain
