"""Snapshots of the shell: first run, who is at the keyboard, the help page."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import app_for, demo_store, empty_store

SIZES = [(80, 24), (120, 40)]


async def _no_blink(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


class TestFirstRun:
    """The set-up screen a family sees the very first time."""

    @pytest.mark.parametrize("size", SIZES)
    def test_empty_form(self, snap_compare: Any, size: tuple[int, int]) -> None:
        """Two name fields, the mother's first, with the cursor in it."""
        app = app_for(empty_store(members=False), as_name=None)
        assert snap_compare(app, terminal_size=size, run_before=_no_blink)

    def test_refused_name(self, snap_compare: Any) -> None:
        """An empty son's name is refused in words, under the fields."""

        async def run_before(pilot: Pilot[Any]) -> None:
            await _no_blink(pilot)
            await pilot.press(*"Sarah", "tab", "enter")
            await pilot.pause()

        app = app_for(empty_store(members=False), as_name=None)
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


class TestHelpPage:
    """The 'When to get help' page from the command palette."""

    @pytest.mark.parametrize("size", SIZES)
    def test_page(self, snap_compare: Any, size: tuple[int, int]) -> None:
        """Signs, where to look, and emergency numbers; Escape goes back."""

        async def run_before(pilot: Pilot[Any]) -> None:
            from tui.screens.help_page import HelpPage

            await pilot.pause()
            await pilot.app.push_screen(HelpPage())
            await pilot.pause()

        assert snap_compare(app_for(demo_store()), terminal_size=size, run_before=run_before)


class TestWhoIsHere:
    """The question asked at every start (without --as), over the dimmed pane."""

    @pytest.mark.parametrize("size", SIZES)
    def test_question(self, snap_compare: Any, size: tuple[int, int]) -> None:
        """One numbered button per member."""
        assert snap_compare(app_for(demo_store(), as_name=None), terminal_size=size)
