"""GoalFormModal: add or edit a goal: its title, why it matters, and a target date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from store.errors import TandemError
from store.models import Goal, Member
from tui.paths import ASSETS_DIR
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import TandemApp


def parse_target(text: str) -> date | None:
    """A target date from the form: empty for none, else YYYY-MM-DD.

    Raises:
        ValueError: with a sentence for the form when the text is not such a date.
    """
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"“{text}” is not a date: write it as YYYY-MM-DD (2027-03-22), or leave it empty."
        ) from None


class GoalFormModal(ModalScreen[Goal | None]):
    """Add a goal for `owner`, or edit `goal`; returns the goal as saved (None if cancelled).

    The store checks what is typed; a refusal is shown in the form, which stays open.
    """

    CSS_PATH = ASSETS_DIR / "goal_modals.tcss"

    HELP = """
### A goal

The **title** says what (*Learn to drive*), **why** says what it means to you,
and the **target date** (YYYY-MM-DD, optional) puts it on the calendar.
`tab` or `enter` moves to the next field; `enter` on the last one saves.
"""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving",
                id="goal-form-cancel"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the goal", id="goal-form-save"),
    ]

    def __init__(self, owner: Member, goal: Goal | None = None) -> None:
        """Build the form.

        Args:
            owner: Whose goal it is (a new goal is added for them).
            goal: The goal to edit; None to add one.
        """
        super().__init__()
        self.owner = owner
        """Whose goal it is."""
        self.goal = goal
        """The goal being edited (None while adding)."""

    def compose(self) -> ComposeResult:
        """Title, why and target date fields, an error line, Save and Cancel."""
        goal = self.goal
        heading = f"Edit {self.owner.name}'s goal" if goal else f"A new goal for {self.owner.name}"
        target = goal.target_date.isoformat() if goal and goal.target_date else ""
        with Vertical(id="goal-form"):
            yield Static(heading, id="goal-form-heading", markup=False)
            yield Label("What is the goal?", classes="goal-form-label")
            yield Input(
                goal.title if goal else "", placeholder="e.g. Learn to drive", id="goal-form-title",
                compact=True,
            )
            yield Label("Why does it matter? (optional)", classes="goal-form-label")
            yield Input(
                goal.why if goal else "", placeholder="what it would mean to you",
                id="goal-form-why", compact=True,
            )
            yield Label("Target date (optional)", classes="goal-form-label")
            yield Input(
                target, placeholder="YYYY-MM-DD, e.g. 2027-03-22", id="goal-form-target",
                compact=True,
            )
            yield Static(id="goal-form-error", markup=False)
            with Horizontal(id="goal-form-buttons"):
                yield Button("Save", variant="primary", id="goal-form-save", compact=True)
                yield Button("Cancel", id="goal-form-cancel", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Start in the title field."""
        self.query_one("#goal-form-title", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """`enter`: the next field, or save from the last one."""
        event.stop()
        if event.input.id == "goal-form-target":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#goal-form-save")
    def save_pressed(self) -> None:
        """The Save button."""
        self.action_save()

    @on(Button.Pressed, "#goal-form-cancel")
    def cancel_pressed(self) -> None:
        """The Cancel button."""
        self.action_cancel()

    def action_save(self) -> None:
        """Save through the store and close; a refusal stays in the form, in words."""
        store = cast("TandemApp", self.app).store
        title = self.query_one("#goal-form-title", Input).value
        why = self.query_one("#goal-form-why", Input).value
        try:
            target = parse_target(self.query_one("#goal-form-target", Input).value)
        except ValueError as error:
            self._refuse(str(error), "#goal-form-target")
            return
        if not title.strip():
            self._refuse("Give the goal a title: what do you want to do?", "#goal-form-title")
            return
        try:
            if self.goal is None:
                saved = store.add_goal(title, self.owner.id, why, target)
            else:
                saved = store.edit_goal(self.goal.id, title=title, why=why, target_date=target)
        except TandemError as error:
            self._refuse(str(error), "#goal-form-title")
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def _refuse(self, message: str, field: str) -> None:
        self.query_one("#goal-form-error", Static).update(message)
        self.query_one(field, Input).focus()
