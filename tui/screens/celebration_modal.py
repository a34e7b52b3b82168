"""CelebrationModal: a goal was reached: who did it, who helped, how long it took, confetti."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

from store.models import Goal
from tui.paths import ASSETS_DIR

CONFETTI = "*+·•✦✧o"
"""Confetti pieces: plain, single-width characters."""

CONFETTI_STYLES = ("$primary", "$accent", "$success", "$warning", "$secondary")
"""Theme colours the pieces are drawn in."""


@dataclass(frozen=True, slots=True)
class Celebration:
    """What the celebration tells: whose goal, who helped, what it took."""

    owner: str
    title: str
    supporters: tuple[tuple[str, str], ...]
    """(name, pledge) of everyone who pledged help."""
    cheerers: tuple[str, ...]
    """Names of the people (other than the owner) who cheered it on."""
    days: int
    """Days from setting the goal to reaching it."""
    steps: int
    cheers: int

    @classmethod
    def of(cls, goal: Goal, names: Mapping[str, str]) -> Celebration:
        """The celebration of an achieved goal."""
        supporters = tuple(
            (names.get(s.by, "Someone"), s.pledge) for s in goal.supports if s.by != goal.owner
        )
        cheerers = tuple(
            dict.fromkeys(names.get(c.by, "Someone") for c in goal.cheers if c.by != goal.owner)
        )
        finished = goal.achieved_at or goal.updated_at.date()
        return cls(
            owner=names.get(goal.owner, "Someone"),
            title=goal.title,
            supporters=supporters,
            cheerers=cheerers,
            days=max(0, (finished - goal.created_at.date()).days),
            steps=len(goal.steps),
            cheers=len(goal.cheers),
        )

    @property
    def took(self) -> str:
        """"It took 47 days · 3 steps · 2 cheers"."""
        if self.days == 0:
            parts = ["Done the same day it was set"]
        else:
            parts = [f"It took {self.days} day{'s' if self.days != 1 else ''}"]
        if self.steps:
            parts.append(f"{self.steps} step{'s' if self.steps != 1 else ''}")
        if self.cheers:
            parts.append(f"{self.cheers} cheer{'s' if self.cheers != 1 else ''}")
        return " · ".join(parts)


def confetti_row(seed: int, width: int) -> Content:
    """One row of confetti, the same for the same seed (so a frame can be pinned)."""
    rng = random.Random(seed)
    pieces: list[str | tuple[str, str]] = []
    for _ in range(width):
        if rng.random() < 0.22:
            pieces.append((rng.choice(CONFETTI), rng.choice(CONFETTI_STYLES)))
        else:
            pieces.append(" ")
    return Content.assemble(*pieces)


class CelebrationModal(ModalScreen[None]):
    """A warm message under falling confetti; any key (or a click) closes it."""

    CSS_PATH = ASSETS_DIR / "goal_modals.tcss"

    ANIMATE: ClassVar[bool] = True
    """Let the confetti fall; tests turn it off to see the resting frame."""

    FRAMES: ClassVar[int] = 15
    """Frames of falling confetti (a tenth of a second each) before it settles."""

    ROWS: ClassVar[int] = 3
    """Rows of confetti above and below the message."""

    WIDTH: ClassVar[int] = 56
    """Width of the confetti rows, in cells (the dialog's inner width)."""

    HELP = "A goal was reached! Press any key to go back to the board."

    def __init__(self, celebration: Celebration) -> None:
        super().__init__()
        self.celebration = celebration
        """What to celebrate."""
        self.frame = 0
        """The confetti frame shown; it stops at `FRAMES`."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Confetti, the message, confetti, and how to go on."""
        win = self.celebration
        with Vertical(id="celebration"):
            yield Static(id="confetti-top", classes="confetti")
            yield Static(f"Well done, {win.owner}!", id="celebration-cheer", markup=False)
            yield Static(f"“{win.title}” is done.", id="celebration-title", markup=False)
            yield Static(self._helpers(), id="celebration-helpers")
            yield Static(win.took + ".", id="celebration-took", markup=False)
            yield Static(
                "It is in Wins now: press w on the board to see it.", id="celebration-wins"
            )
            yield Static(id="confetti-bottom", classes="confetti")
            yield Static("any key to continue", id="celebration-hint")

    def _helpers(self) -> Content:
        win = self.celebration
        lines = [
            Content.from_markup("[b]$name[/b] helped: $pledge", name=name, pledge=pledge)
            for name, pledge in win.supporters
        ]
        others = [name for name in win.cheerers if name not in {n for n, _ in win.supporters}]
        if others:
            lines.append(Content(f"Cheered on by {' and '.join(others)}."))
        if not lines:
            lines.append(Content("You did this one under your own steam."))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        """Start the confetti (or show where it settles, when animation is off)."""
        if self.ANIMATE:
            self._draw()
            self._timer = self.set_interval(0.1, self._fall)
        else:
            self.frame = self.FRAMES
            self._draw()

    def _fall(self) -> None:
        self.frame += 1
        self._draw()
        if self.frame >= self.FRAMES and self._timer is not None:
            self._timer.stop()

    def _draw(self) -> None:
        """Each frame shifts the rows down one and drops a new row in at the top."""
        rows = [confetti_row(self.frame - n, self.WIDTH) for n in range(self.ROWS * 2)]
        self.query_one("#confetti-top", Static).update(Content("\n").join(rows[: self.ROWS]))
        self.query_one("#confetti-bottom", Static).update(Content("\n").join(rows[self.ROWS :]))

    def on_key(self, event: events.Key) -> None:
        """Any key (escape included) goes back to the board."""
        event.stop()
        self._close()

    def on_click(self) -> None:
        """So does a click."""
        self._close()

    def _close(self) -> None:
        # Keys typed quickly can arrive after the first one closed the screen.
        if self.is_current:
            self.dismiss(None)
