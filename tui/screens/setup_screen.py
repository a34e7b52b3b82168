"""SetupScreen: the first run, one name field per member (the mother's first)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from store.errors import RejectedInput
from store.validation import clean_title
from tui.widgets.keys_footer import KeysFooter

ROLE_LABELS = {"mother": "Mum's name", "son": "Son's name", "other": "Another member's name"}


class SetupScreen(Screen[list[tuple[str, str]]]):
    """Asks for the family's names; returns [(name, role), ...] through `dismiss`."""

    HELP = """\
## Welcome to Tandem

Type the mother's name, press **Tab**, type the son's name, and press **Enter**.
Add more people with **ctrl+n**. Names can be changed later.
"""

    BINDINGS = [
        Binding("ctrl+n", "add_member", "Add a member", id="setup-add-member"),
        Binding("ctrl+q", "app.quit", "Quit", id="setup-quit"),
    ]

    def compose(self) -> ComposeResult:
        """A short welcome, the name fields and a button to add more."""
        with VerticalScroll(id="setup"):
            yield Static("Welcome to [b]Tandem[/b]", id="setup-title")
            yield Static(
                "Tandem keeps your rituals, goals and time together. "
                "Who is in the family? (Tab moves, Enter on the last name finishes.)",
                id="setup-intro",
            )
            with VerticalScroll(id="setup-fields"):
                yield from self._field("mother", 1)
                yield from self._field("son", 2)
            yield Static("", id="setup-error")
            yield Button("Start", variant="primary", id="setup-start")
        yield KeysFooter()

    def _field(self, role: str, number: int) -> ComposeResult:
        yield Label(ROLE_LABELS[role], classes="setup-label")
        yield Input(placeholder=ROLE_LABELS[role], id=f"member-{number}", name=role)

    def on_mount(self) -> None:
        """Start typing the mother's name at once."""
        self.query_one("#member-1", Input).focus()

    def action_add_member(self) -> None:
        """Add a field for one more member."""
        fields = self.query_one("#setup-fields")
        number = len(self.query(Input)) + 1
        fields.mount_all(list(self._field("other", number)))
        self.call_after_refresh(self.query_one(f"#member-{number}", Input).focus)

    @on(Input.Submitted)
    def next_or_finish(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it finishes."""
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.finish()

    @on(Button.Pressed, "#setup-start")
    def finish(self) -> None:
        """Check the names and hand them back; say what is wrong otherwise."""
        people: list[tuple[str, str]] = []
        error = self.query_one("#setup-error", Static)
        for field in self.query(Input):
            if not field.value.strip() and field.name == "other":
                continue
            try:
                people.append((clean_title(field.value, "name"), field.name or "other"))
            except RejectedInput as problem:
                label = ROLE_LABELS.get(field.name or "other", "name")
                error.update(f"{label}: {problem}")
                field.focus()
                return
        names = [name.casefold() for name, _ in people]
        if len(set(names)) != len(names):
            error.update("Two members cannot have the same name.")
            return
        self.dismiss(people)
