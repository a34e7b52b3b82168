"""Snapshots of the Rituals pane: the demo family at two sizes, the empty pane, the add form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import app_for, demo_store, empty_store


async def show_rituals(pilot: Pilot[None]) -> None:
    """Open the Rituals pane and let it settle (no cursor blink: the list has the focus)."""
    await pilot.press("3")
    await pilot.pause()


async def open_add_form(pilot: Pilot[None]) -> None:
    """The pane, then `a` and a name: the words and the five-date preview show."""
    await show_rituals(pilot)
    await pilot.press("a")
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.press(*"Sunday", "space", *"dinner")
    await pilot.pause()


class TestRituals:
    """The Rituals pane and its add form."""

    def test_demo_family_80x24(self, snap_compare: Callable[..., Any]) -> None:
        """The demo family at the smallest size: list above, detail below."""
        assert snap_compare(app_for(demo_store()), terminal_size=(80, 24), run_before=show_rituals)

    def test_demo_family_120x40(self, snap_compare: Callable[..., Any]) -> None:
        """The demo family at a comfortable size: list and detail side by side."""
        assert snap_compare(
            app_for(demo_store()), terminal_size=(120, 40), run_before=show_rituals
        )

    def test_empty_pane(self, snap_compare: Callable[..., Any]) -> None:
        """No rituals yet: what they are and how to add the first."""
        assert snap_compare(
            app_for(empty_store()), terminal_size=(120, 40), run_before=show_rituals
        )

    def test_add_form_with_preview(self, snap_compare: Callable[..., Any]) -> None:
        """The add form with a name typed: the rule in words and the next five Sundays."""
        assert snap_compare(
            app_for(demo_store()), terminal_size=(120, 40), run_before=open_add_form
        )
