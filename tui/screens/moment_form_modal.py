"""MomentFormModal: log what we did, edit a moment, or say a plan happened; returns a draft."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static, TextArea

from store.errors import RejectedInput
from store.validation import clean_note, clean_title
from tui.paths import ASSETS_DIR
from tui.screens.plan_modal import read_day
from tui.widgets.moment_timeline import MOOD_WORDS


@dataclass(frozen=True, slots=True)
class MomentDraft:
    """A moment as the form holds it: what the screen hands to the store."""

    title: str
    day: date
    members: tuple[str, ...]
    """Ids of who took part."""
    note: str
    mood: int | None
    """1 (hard) to 5 (wonderful); None when not said."""


class MomentFormModal(ModalScreen[MomentDraft | None]):
    """Title, day, who took part, a note to remember it by and how it felt."""

    CSS_PATH = ASSETS_DIR / "forms.tcss"

    HELP = (
        "`tab` moves between fields; the note takes several lines. "
        "`ctrl+s` keeps the moment, `escape` leaves without changing anything."
    )

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    """On a short terminal the form closes up so that it fits."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Keep it", tooltip="Save this moment", id="moment-save"),
        Binding("escape", "cancel", "Cancel", tooltip="Change nothing", id="moment-cancel"),
    ]

    def __init__(
        self,
        draft: MomentDraft,
        *,
        heading: str,
        people: Sequence[tuple[str, str]],
        today: date,
        done: bool = True,
    ) -> None:
        """Build the form.

        Args:
            draft: the values to start from.
            heading: the question at the top ("We did it!", "Did this happen?").
            people: (member id, name) of everyone who could take part.
            today: a done moment cannot be in the future.
            done: False while editing a plan (no mood; any day).
        """
        super().__init__()
        self.draft = draft
        """The values the form starts from."""
        self.heading = heading
        """The form's title."""
        self.people = tuple(people)
        """(member id, name) pairs, in family order."""
        self.today = today
        """The family's today."""
        self.done = done
        """Whether this moment has happened (a mood, and no day ahead)."""

    def compose(self) -> ComposeResult:
        """The fields, one labelled row each, then the buttons."""
        draft = self.draft
        with Vertical(id="moment-form", classes="form"):
            yield Static(self.heading, classes="form-title")
            with Horizontal(classes="form-row"):
                yield Label("What", classes="form-label")
                yield Input(draft.title, id="moment-title", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Day", classes="form-label")
                yield Input(draft.day.isoformat(), id="moment-day", compact=True)
            with Horizontal(classes="form-row", id="moment-people"):
                yield Label("Who", classes="form-label")
                for member_id, name in self.people:
                    yield Checkbox(
                        name, member_id in draft.members, id=f"moment-who-{member_id}", compact=True
                    )
            with Horizontal(classes="form-row -tall"):
                yield Label("Note", classes="form-label")
                yield TextArea(
                    draft.note,
                    id="moment-note",
                    compact=True,
                    placeholder="What do you want to remember? (several lines welcome)",
                )
            if self.done:
                with Horizontal(classes="form-row", id="moment-mood-row"):
                    yield Label("Mood", classes="form-label")
                    with RadioSet(id="moment-mood", compact=True):
                        yield RadioButton("not said", draft.mood is None, compact=True)
                        for mood, word in MOOD_WORDS.items():
                            yield RadioButton(word, draft.mood == mood, compact=True)
            yield Static(id="moment-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Keep it", id="moment-save", variant="primary", compact=True)
                yield Button("Cancel", id="moment-cancel", compact=True)

    def on_mount(self) -> None:
        """Start where there is most to say: the note when the title is known."""
        target = "#moment-note" if self.draft.title else "#moment-title"
        self.query_one(target).focus()

    def read(self) -> MomentDraft:
        """The form's values, checked.

        Raises:
            RejectedInput: a value the store would refuse, in one sentence.
        """
        title = clean_title(self.query_one("#moment-title", Input).value)
        day = read_day(self.query_one("#moment-day", Input).value, self.today)
        if self.done and day > self.today:
            raise RejectedInput(
                "That day has not come yet; plan it from Ideas, or pick a day up to today."
            )
        members = tuple(
            member_id
            for member_id, _ in self.people
            if self.query_one(f"#moment-who-{member_id}", Checkbox).value
        )
        if not members:
            raise RejectedInput("Tick at least one person who took part.")
        note = clean_note(self.query_one("#moment-note", TextArea).text)
        mood = self.draft.mood
        if self.done:
            pressed = self.query_one("#moment-mood", RadioSet).pressed_index
            mood = pressed if pressed > 0 else None
        return MomentDraft(title, day, members, note, mood)

    @on(Input.Submitted)
    @on(Button.Pressed, "#moment-save")
    def action_save(self) -> None:
        """Keep the moment, or say what is wrong."""
        try:
            draft = self.read()
        except RejectedInput as problem:
            self.query_one("#moment-error", Static).update(str(problem))
            return
        self.dismiss(draft)

    @on(Button.Pressed, "#moment-cancel")
    def action_cancel(self) -> None:
        """Leave without changing anything."""
        self.dismiss(None)
