"""Snapshots of the Ideas and Moments panes and their forms, with the demo family."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.tui.conftest import app_for, demo_store
from tui.app import TandemApp


def still(pilot: Pilot[None]) -> None:
    """Stop every cursor blinking, so that a snapshot does not depend on the instant."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False


def demo() -> TandemApp:
    """The demo family on the fixed day, Sarah at the keyboard, the theme pinned."""
    return app_for(demo_store())


class TestIdeas:
    """The Ideas pane."""

    def test_ideas_80x24(self, snap_compare: Callable[..., Any]) -> None:
        """A small terminal: categories and ideas; the idea opens in their place."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("1")
            await pilot.pause()

        assert snap_compare(demo(), terminal_size=(80, 24), run_before=run_before)

    def test_idea_open_80x24(self, snap_compare: Callable[..., Any]) -> None:
        """A small terminal with an idea open (after `enter`)."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("1", "down", "down", "enter")
            await pilot.pause()

        assert snap_compare(demo(), terminal_size=(80, 24), run_before=run_before)

    def test_ideas_120x40(self, snap_compare: Callable[..., Any]) -> None:
        """Outdoors, free, favourited by Sarah: categories, the list and the idea side by side."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("1", "shift+tab", "down", "down", "ctrl+f", "space", "escape")
            await pilot.press("down", "f")
            await pilot.pause()

        assert snap_compare(demo(), terminal_size=(120, 40), run_before=run_before)

    def test_mark_done_form_120x40(self, snap_compare: Callable[..., Any]) -> None:
        """`d`: the form that keeps the note, who took part and the mood."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("1", "d")
            await pilot.pause()
            await pilot.press(*"The laughter from the cooking mishap", "tab", "right")
            await pilot.press("right", "right", "right", "right", "space")
            still(pilot)
            await pilot.pause()

        assert snap_compare(demo(), terminal_size=(120, 40), run_before=run_before)

    def test_plan_form_80x24(self, snap_compare: Callable[..., Any]) -> None:
        """`p` on a small terminal: the day, in words."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("1", "p")
            await pilot.pause()
            still(pilot)

        assert snap_compare(demo(), terminal_size=(80, 24), run_before=run_before)


class TestMoments:
    """The Moments pane."""

    def test_moments_80x24(self, snap_compare: Callable[..., Any]) -> None:
        """A small terminal: the timeline by month, the note under the cursor in full."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("4", "down")
            await pilot.pause()

        assert snap_compare(demo(), terminal_size=(80, 24), run_before=run_before)

    def test_moments_120x40(self, snap_compare: Callable[..., Any]) -> None:
        """A plan whose day has passed asks "did this happen?"."""
        store = demo_store()
        store.add_moment(
            "Fly the kite", date(2026, 11, 15), "Leo", note="Bring string.", planned=True
        )
        app = app_for(store)

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("4", "down")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
