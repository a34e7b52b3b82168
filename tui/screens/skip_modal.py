"""SkipModal: excuse this time of a ritual, and say why."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.paths import ASSETS_DIR


class SkipModal(ModalScreen[str | None]):
    """Ask for the reason of a skip; returns it (possibly empty), or None when cancelled."""

    CSS_PATH = ASSETS_DIR / "ritual_modals.tcss"

    HELP = """\
## Skip this time

A skip excuses this time of the ritual for everyone: the streak neither breaks nor
grows. Say why (someone is ill, away at camp) so you remember later. `ctrl+z` undoes it.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Do not skip", id="skip-cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.ritual_title = title
        """The ritual being skipped, for the question."""

    def compose(self) -> ComposeResult:
        """The question, the reason and two buttons."""
        with Vertical(id="skip"):
            yield Static(f"Skip {self.ritual_title} this time?", id="skip-title", markup=False)
            yield Static(
                "The streak neither breaks nor grows. Why are you skipping?", id="skip-intro"
            )
            yield Input(placeholder="Leo is away at camp", id="skip-reason")
            with Horizontal(id="skip-buttons"):
                yield Button("Skip this time", variant="primary", id="skip-ok")
                yield Button("Cancel", id="skip-no")

    @on(Input.Submitted, "#skip-reason")
    @on(Button.Pressed, "#skip-ok")
    def confirm(self) -> None:
        """Skip, with whatever reason was typed."""
        self.dismiss(self.query_one("#skip-reason", Input).value.strip())

    @on(Button.Pressed, "#skip-no")
    def action_cancel(self) -> None:
        """Leave without skipping."""
        self.dismiss(None)
