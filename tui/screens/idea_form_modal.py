"""IdeaFormModal: add the family's own idea; returns a draft for the store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from store.errors import RejectedInput
from store.validation import clean_note, clean_title
from tui.paths import ASSETS_DIR
from tui.widgets.idea_detail import AGE_WORDS, COST_WORDS, ENERGY_WORDS, SETTING_WORDS


@dataclass(frozen=True, slots=True)
class IdeaDraft:
    """A new idea as the form holds it: the arguments of `Store.add_idea`."""

    title: str
    category: str
    blurb: str
    duration: str
    cost: str
    setting: str
    energy: str
    age: str
    leads: str


class IdeaFormModal(ModalScreen[IdeaDraft | None]):
    """A title, a category, a sentence or two, and the same facts as the catalogue's ideas."""

    CSS_PATH = ASSETS_DIR / "forms.tcss"

    HELP = (
        "Only the title is needed; the rest helps the filters find it. "
        "`ctrl+s` adds the idea, `escape` leaves."
    )

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    """On a short terminal the form closes up so that it fits."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Add it", tooltip="Add this idea", id="idea-form-save"),
        Binding("escape", "cancel", "Cancel", tooltip="Add nothing", id="idea-form-cancel"),
    ]

    def __init__(
        self,
        categories: Sequence[tuple[str, str]],
        category: str | None,
        leads: Mapping[str, str],
    ) -> None:
        """Build the form.

        Args:
            categories: (key, title) of the categories to choose from.
            category: the category offered first (the one on screen), if any.
            leads: who-leads value to words with names ("son": "Leo teaches").
        """
        super().__init__()
        self.categories = tuple(categories)
        """(key, title) pairs."""
        self.category = category
        """The category chosen to begin with."""
        self.leads = dict(leads)
        """Who leads, in words with the family's names."""

    def compose(self) -> ComposeResult:
        """Labelled fields and the buttons."""
        first = self.category or (self.categories[0][0] if self.categories else "")
        with Vertical(id="idea-form", classes="form"):
            yield Static("Your own idea", classes="form-title")
            with Horizontal(classes="form-row"):
                yield Label("Title", classes="form-label")
                yield Input(id="idea-title", compact=True, placeholder="Make a kite")
            with Horizontal(classes="form-row"):
                yield Label("About", classes="form-label")
                yield Input(
                    id="idea-blurb", compact=True, placeholder="A sentence or two (optional)"
                )
            with Horizontal(classes="form-row"):
                yield Label("Time", classes="form-label")
                yield Input(id="idea-duration", compact=True, placeholder="2 hours")
            with Horizontal(classes="form-row"):
                yield Label("Category", classes="form-label")
                yield self._select(
                    "idea-category", [(title, key) for key, title in self.categories], first
                )
            with Horizontal(classes="form-row"):
                yield Label("Cost", classes="form-label")
                yield self._select("idea-cost", _pairs(COST_WORDS), "free")
                yield Label("Where", classes="form-label")
                yield self._select("idea-setting", _pairs(SETTING_WORDS), "either")
            with Horizontal(classes="form-row"):
                yield Label("Energy", classes="form-label")
                yield self._select("idea-energy", _pairs(ENERGY_WORDS), "calm")
                yield Label("Suits", classes="form-label")
                yield self._select("idea-age", _pairs(AGE_WORDS), "any")
            with Horizontal(classes="form-row"):
                yield Label("Leads", classes="form-label")
                yield self._select("idea-leads", _pairs(self.leads), "either")
            yield Static(id="idea-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Add it", id="idea-save", variant="primary", compact=True)
                yield Button("Cancel", id="idea-cancel", compact=True)

    @staticmethod
    def _select(select_id: str, options: list[tuple[str, str]], value: str) -> Select[str]:
        return Select(options, value=value, allow_blank=False, id=select_id, compact=True)

    def on_mount(self) -> None:
        """Start with the title."""
        self.query_one("#idea-title", Input).focus()

    def read(self) -> IdeaDraft:
        """The form's values, checked.

        Raises:
            RejectedInput: a value the store would refuse, in one sentence.
        """

        def choice(select_id: str) -> str:
            return str(self.query_one(f"#{select_id}", Select).value)

        return IdeaDraft(
            title=clean_title(self.query_one("#idea-title", Input).value),
            category=choice("idea-category"),
            blurb=clean_note(self.query_one("#idea-blurb", Input).value, "description"),
            duration=clean_note(self.query_one("#idea-duration", Input).value, "duration"),
            cost=choice("idea-cost"),
            setting=choice("idea-setting"),
            energy=choice("idea-energy"),
            age=choice("idea-age"),
            leads=choice("idea-leads"),
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#idea-save")
    def action_save(self) -> None:
        """Add the idea, or say what is wrong."""
        try:
            draft = self.read()
        except RejectedInput as problem:
            self.query_one("#idea-error", Static).update(str(problem))
            return
        self.dismiss(draft)

    @on(Button.Pressed, "#idea-cancel")
    def action_cancel(self) -> None:
        """Add nothing."""
        self.dismiss(None)


def _pairs(words: Mapping[str, str]) -> list[tuple[str, str]]:
    """Select options (words, value) from a value-to-words mapping."""
    return [(text, value) for value, text in words.items()]
