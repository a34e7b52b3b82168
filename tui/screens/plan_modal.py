"""PlanModal: pick the day to do an idea; returns the date."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from store.errors import RejectedInput
from store.validation import parse_day
from tui.paths import ASSETS_DIR

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def next_saturday(today: date) -> date:
    """The coming Saturday (a week ahead when today is one): the default day for a plan."""
    return today + timedelta(days=(5 - today.weekday()) % 7 or 7)


def read_day(text: str, today: date) -> date:
    """Read a day as typed: `2026-11-28`, `today`, `tomorrow`, or a weekday (`sat`, `Friday`).

    A weekday means the next one after today.

    Raises:
        RejectedInput: the text names no day.
    """
    word = text.strip().lower()
    if word == "tomorrow":
        return today + timedelta(days=1)
    if len(word) >= 3:
        for number, name in enumerate(WEEKDAYS):
            if name.startswith(word):
                return today + timedelta(days=(number - today.weekday()) % 7 or 7)
    return parse_day(word, today)


class PlanModal(ModalScreen[date | None]):
    """When shall we do it? `↑` `↓` move a day, `page up` `page down` a week."""

    CSS_PATH = ASSETS_DIR / "forms.tcss"

    HELP = (
        "Type a date (`2026-11-28`), `tomorrow` or a weekday (`sat`), or move the day with "
        "`↑` `↓` (a day) and `page up` `page down` (a week). `enter` plans it."
    )

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    """On a short terminal the form closes up so that it fits."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Plan nothing", id="plan-cancel"),
        Binding("up", "shift(-1)", "Day earlier", tooltip="A day earlier", id="plan-earlier"),
        Binding("down", "shift(1)", "Day later", tooltip="A day later", id="plan-later"),
        Binding("pageup", "shift(-7)", "Week earlier", tooltip="A week earlier", id="plan-week-up"),
        Binding("pagedown", "shift(7)", "Week later", tooltip="A week later", id="plan-week-down"),
    ]

    def __init__(self, title: str, default: date, today: date) -> None:
        super().__init__()
        self.idea_title = title
        """What is being planned."""
        self.default = default
        """The day offered first."""
        self.today = today
        """Plans start from today."""

    def compose(self) -> ComposeResult:
        """The question, the day (typed and in words), and the buttons."""
        with Vertical(id="plan", classes="form"):
            yield Static("When shall we do it?", classes="form-title")
            yield Static(self.idea_title, id="plan-idea")
            with Horizontal(classes="form-row"):
                yield Label("Day", classes="form-label")
                yield Input(self.default.isoformat(), id="plan-day", compact=True)
            yield Static(id="plan-words", classes="form-hint")
            yield Static(
                "Type a date, tomorrow or a weekday; ↑ ↓ move a day, page up/down a week.",
                id="plan-keys",
                classes="form-hint",
            )
            yield Static(id="plan-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Plan it", id="plan-save", variant="primary", compact=True)
                yield Button("Cancel", id="plan-cancel", compact=True)

    def on_mount(self) -> None:
        """Start in the day field with the whole date selected, ready to retype."""
        self.query_one("#plan-day", Input).focus()
        self._describe()

    def _read(self) -> date:
        day = read_day(self.query_one("#plan-day", Input).value, self.today)
        if day < self.today:
            raise RejectedInput("That day has passed; a plan needs today or a day ahead.")
        return day

    @on(Input.Changed, "#plan-day")
    def _describe(self) -> None:
        """Say the typed day in words, or what is wrong with it."""
        words = self.query_one("#plan-words", Static)
        error = self.query_one("#plan-error", Static)
        try:
            day = self._read()
        except RejectedInput as problem:
            words.update("")
            error.update(str(problem))
            return
        error.update("")
        days = (day - self.today).days
        when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        words.update(f"{day:%A %d %B %Y} ({when})")

    def action_shift(self, days: int) -> None:
        """Move the day earlier or later, never before today."""
        try:
            day = read_day(self.query_one("#plan-day", Input).value, self.today)
        except RejectedInput:
            day = self.default
        moved = max(day + timedelta(days=days), self.today)
        field = self.query_one("#plan-day", Input)
        field.value = moved.isoformat()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    @on(Button.Pressed, "#plan-save")
    def save(self) -> None:
        """Plan it, if the day is good."""
        try:
            day = self._read()
        except RejectedInput as problem:
            self.query_one("#plan-error", Static).update(str(problem))
            return
        self.dismiss(day)

    @on(Button.Pressed, "#plan-cancel")
    def action_cancel(self) -> None:
        """Plan nothing."""
        self.dismiss(None)
