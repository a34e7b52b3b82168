"""Snapshots of the goals board: empty, typical and crowded, a goal, the form, a celebration."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from store.clock import FixedClock
from store.repository import Store
from tests.tui.conftest import TODAY, app_for, demo_store, empty_store
from tui.screens.celebration_modal import CelebrationModal

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]

CROWD = {
    "Sarah": [
        "Run a 10k", "Learn Italian for the trip", "Read twelve novels this year",
        "Finish the family photo album", "Swim a mile without stopping",
        "Grow tomatoes on the balcony", "Learn chess properly", "Paint the hallway",
        "Call Aunt Ruth every month", "Sew a quilt for Leo's room", "Walk the coast path",
        "Take a pottery class",
    ],
    "Leo": [
        "Learn to drive", "Make the school football team", "Pass the maths exam",
        "Save for a bike", "Three songs on guitar", "Build a birdhouse", "Cook a Sunday roast",
        "Read The Hobbit", "Run a 5k", "Learn to juggle", "Make a short film",
        "Volunteer at the food bank",
    ],
}
"""Twelve goals each: the crowded board."""


@pytest.fixture(autouse=True)
def _open_on_goals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start on the Goals pane (the pane last used) and let the confetti rest."""
    monkeypatch.setattr("tui.app.load_last_pane", lambda path: "goals")
    monkeypatch.setattr(CelebrationModal, "ANIMATE", False)


def crowded_store() -> Store:
    """Sarah and Leo with twelve goals each: steps part done, some pledges and cheers."""
    store = empty_store()
    for owner, helper in (("Sarah", "Leo"), ("Leo", "Sarah")):
        for n, title in enumerate(CROWD[owner]):
            goal = store.add_goal(title, owner, target_date=TODAY + timedelta(days=n * 11 - 5))
            for step in range(n % 4 + 1):
                store.add_step(goal.id, f"Step {step + 1}")
            for number in range(1, min(n % 3, n % 4 + 1) + 1):
                store.set_step_done(goal.id, number)
            if n % 3 == 0:
                store.support_goal(goal.id, helper, "I'll keep you company every Saturday")
            if n % 4 == 1:
                store.cheer_goal(goal.id, helper, "Keep going, you're nearly there")
    return store


def story_store() -> Store:
    """Leo's driving goal set in August, backed by Sarah, every step done by today."""
    august = Store.in_memory(FixedClock(date(2026, 8, 3)))
    august.set_up([("Sarah", "mother"), ("Leo", "son")])
    goal = august.add_goal("Learn to drive", "Leo", "So I can visit Dad on my own.")
    for step in ("Provisional licence", "Twenty lessons", "Practical test"):
        goal = august.add_step(goal.id, step)
    august.support_goal(goal.id, "Sarah", "Sunday practice in the supermarket car park")
    august.cheer_goal(goal.id, "Sarah", "You did the roundabout perfectly!")
    for number in (1, 2, 3):
        august.set_step_done(goal.id, number)
    store = Store.in_memory(FixedClock(TODAY))
    store.storage.write(copy.deepcopy(august.storage.read() or {}))
    return store


def press(*keys: str) -> RunBefore:
    """A `run_before` that presses `keys` and lets the screen settle."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


class TestGoalsBoard:
    """The board itself, at the smallest and a roomy terminal size."""

    @pytest.mark.parametrize("size", SIZES)
    def test_empty(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        """No goals yet: each column says what to do."""
        assert snap_compare(app_for(empty_store()), terminal_size=size, run_before=press())

    @pytest.mark.parametrize("size", SIZES)
    def test_typical(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        """The demo family; Leo's football goal needs a supporter."""
        assert snap_compare(app_for(demo_store()), terminal_size=size, run_before=press("right"))

    @pytest.mark.parametrize("size", SIZES)
    def test_crowded(self, snap_compare: SnapCompare, size: tuple[int, int]) -> None:
        """Twelve goals each: Leo's column scrolled down to his seventh."""
        run_before = press("right", *["down"] * 6)
        assert snap_compare(app_for(crowded_store()), terminal_size=size, run_before=run_before)

    def test_wins(self, snap_compare: SnapCompare) -> None:
        """`w`: goals reached, with who helped, and ritual streak milestones."""
        assert snap_compare(app_for(demo_store()), terminal_size=(80, 24), run_before=press("w"))


class TestGoalsModals:
    """A goal up close, the goal form and the celebration."""

    def test_goal_modal(self, snap_compare: SnapCompare) -> None:
        """`enter` on Leo's driving goal: steps, the pledge and the cheer."""
        run_before = press("right", "down", "enter")
        assert snap_compare(app_for(demo_store()), terminal_size=(80, 24), run_before=run_before)

    def test_pledge_entry(self, snap_compare: SnapCompare) -> None:
        """`p` on Leo's football goal: the pledge line, open and half typed."""
        run_before = press("right", "p", *"I'll drive you")
        assert snap_compare(app_for(demo_store()), terminal_size=(80, 24), run_before=run_before)

    def test_goal_form(self, snap_compare: SnapCompare) -> None:
        """`a`: a new goal for Sarah, with a date the form cannot read."""
        run_before = press("a", *"Swim a mile", "enter", "enter", *"June", "enter")
        assert snap_compare(app_for(demo_store()), terminal_size=(80, 24), run_before=run_before)

    def test_celebration(self, snap_compare: SnapCompare) -> None:
        """`A` on Leo's goal: well done, who helped, how long it took (confetti at rest)."""
        app = app_for(story_store(), as_name="Leo")
        assert snap_compare(app, terminal_size=(80, 24), run_before=press("A"))
