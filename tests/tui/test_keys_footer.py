"""The footer as the mouse meets it: a click presses a key, the key under it is lit and says
what it does, an unavailable key rings the bell."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import app_for, demo_store, empty_store
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


async def test_the_lit_key_follows_keys_that_change_under_a_still_mouse() -> None:
    """`w Wins` clicked: the line becomes shorter, and what is under the mouse now (a gap)
    is not lit, says nothing and shows no hand; what moved is not lit either."""
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        x = footer_line(app).index("w Wins")
        await pilot.hover(footer, offset=(x, 0))
        await pilot.pause()
        assert footer.has_class("-over-key") and footer.tooltip
        plain_wins = footer.render().spans

        await pilot.click(footer, offset=(x, 0))
        await pilot.pause()
        line = footer_line(app)
        assert "w Board" in line and line[x : x + 2].strip() == ""
        assert not footer.has_class("-over-key") and footer.tooltip is None
        assert app.screen._pointer_shape == "default"
        lit = footer.render().spans
        await pilot.hover(footer, offset=(line.index("? Keys") + 8, 0))  # a gap
        await pilot.pause()
        assert footer.render().spans == lit != plain_wins  # nothing was lit


@pytest.mark.parametrize("width", [16, 10])
async def test_a_footer_too_narrow_for_keys_clicks_only_what_it_shows(width: int) -> None:
    app = app_for(empty_store())
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        line = footer_line(app)
        assert "? Keys" not in line  # it does not fit whole: left out, not cut
        await pilot.click(footer, offset=(0, 0))
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
