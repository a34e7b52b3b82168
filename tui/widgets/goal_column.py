"""GoalColumn: one member's goals as a scrollable column of cards, with a cursor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from store.models import Goal, Member
from tui.widgets.goal_card import CardFacts, GoalCard, card_facts


@dataclass(frozen=True, slots=True)
class ColumnContent:
    """What a column shows: its heading, its cards, and what to say when it has none."""

    heading: str
    cards: tuple[CardFacts, ...]
    empty_note: str


def column_content(
    member: Member,
    goals: Iterable[Goal],
    names: Mapping[str, str],
    today: date,
    viewer: str | None,
    query: str = "",
    show_dropped: bool = False,
) -> ColumnContent:
    """A member's column: their active goals (and dropped ones if asked) matching `query`.

    Args:
        member: Whose column it is.
        goals: Goals in the store's order; only `member`'s are used.
        names: Member id to name.
        today: The day the board is drawn for.
        viewer: Id of the member at the keyboard.
        query: Text the titles must contain (any case); empty for all.
        show_dropped: Show dropped goals too (achieved ones are always left to the wins).
    """
    own = [g for g in goals if g.owner == member.id]
    shown = [
        g
        for g in own
        if (g.status == "active" or (show_dropped and g.status == "dropped"))
        and query.casefold() in g.title.casefold()
    ]
    heading = f"{member.name} (you)" if member.id == viewer else member.name
    if count := sum(g.status == "active" for g in own):
        heading += f" · {count} goal{'s' if count != 1 else ''} on the go"
    if query:
        empty = f"No goal of {member.name}'s matches “{query}”."
    elif any(g.status == "achieved" for g in own):
        empty = "Nothing on the go. Press w to see the wins."
    elif member.id == viewer:
        empty = (
            "No goals yet. Press a to add one: something to learn, do or change. "
            "The others can then pledge how they'll help."
        )
    else:
        empty = f"No goals from {member.name} yet. When one appears, press p on it to help."
    cards = tuple(card_facts(g, names, today, viewer) for g in shown)
    return ColumnContent(heading, cards, empty)


class GoalColumn(VerticalScroll, can_focus=True):
    """A member's goals, top to bottom; up and down move the cursor, which scrolls along.

    The column (not the card) takes focus, so `tab` and left/right go column to column
    (the screen moves the focus); the selected card has a heavier border while the column
    has focus. Its keys are explained in the screen's `HELP`.
    """

    BINDINGS = [
        Binding("left", "screen.next_column(-1)", "Person on the left", show=False,
                id="goal-column-left"),
        Binding("right", "screen.next_column(1)", "Person on the right", show=False,
                id="goal-column-right"),
        Binding("up", "move(-1)", "Up", show=False, id="goal-column-up"),
        Binding("down", "move(1)", "Down", show=False, id="goal-column-down"),
        Binding("pageup", "move(-5)", "Page up", show=False, id="goal-column-page-up"),
        Binding("pagedown", "move(5)", "Page down", show=False, id="goal-column-page-down"),
        Binding("home", "move(-9999)", "First", show=False, id="goal-column-first"),
        Binding("end", "move(9999)", "Last", show=False, id="goal-column-last"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another card (or the column's cards changed)."""

        column: GoalColumn
        goal_id: str | None

    @dataclass
    class Opened(Message):
        """A card was double-clicked: open that goal."""

        column: GoalColumn
        goal_id: str

    cursor: var[int] = var(0)
    """Index of the selected card."""

    def __init__(self, member_id: str, content: ColumnContent) -> None:
        super().__init__()
        self.member_id = member_id
        """The member whose goals these are."""
        self.content = content
        """What the column shows."""

    @property
    def cards(self) -> tuple[CardFacts, ...]:
        """The facts of the cards shown, top to bottom."""
        return self.content.cards

    @property
    def selected_id(self) -> str | None:
        """The selected goal's id (None in an empty column)."""
        if not self.cards:
            return None
        return self.cards[min(self.cursor, len(self.cards) - 1)].goal_id

    def compose(self) -> ComposeResult:
        """The heading, then a card per goal (or a note on what to do when there are none)."""
        yield Static(self.content.heading, classes="column-heading", markup=False)
        if not self.cards:
            yield Static(self.content.empty_note, classes="column-empty", markup=False)
        for index, facts in enumerate(self.cards):
            card = GoalCard(facts)
            card.set_class(index == self.cursor, "-selected")
            yield card

    def show(self, content: ColumnContent, selected_id: str | None = None) -> None:
        """Show fresh content, keeping the cursor on `selected_id` (or where it was).

        Cards showing the same goals in the same order are updated in place (no flicker,
        no jump in scrolling); otherwise the column is rebuilt.
        """
        before = self.selected_id
        keep = selected_id or before
        ids = [c.goal_id for c in content.cards]
        cards = list(self.query_children(GoalCard))
        same_goals = ids == [card.goal_id for card in cards]
        self.content = content
        wanted = ids.index(keep) if keep in ids else self.cursor
        self.set_reactive(GoalColumn.cursor, max(0, min(wanted, len(ids) - 1)))
        if same_goals and self.is_mounted:
            self.query_one(".column-heading", Static).update(content.heading)
            for note in self.query_children(".column-empty").results(Static):
                note.update(content.empty_note)
            for card, facts in zip(cards, content.cards, strict=True):
                card.facts = facts
            self._mark_cursor()
        else:
            self.refresh(recompose=True)
            self.call_after_refresh(self._mark_cursor)
        if self.selected_id != before:
            self.post_message(self.Highlighted(self, self.selected_id))

    def select(self, goal_id: str) -> bool:
        """Put the cursor on a goal's card; False if the goal is not in this column."""
        ids = [c.goal_id for c in self.cards]
        if goal_id not in ids:
            return False
        self.cursor = ids.index(goal_id)
        return True

    def action_move(self, delta: int) -> None:
        """Move the cursor up or down, stopping at either end."""
        if self.cards:
            self.cursor = max(0, min(self.cursor + delta, len(self.cards) - 1))

    def watch_cursor(self) -> None:
        """Mark the selected card, scroll it into view and tell the screen."""
        self._mark_cursor()
        self.post_message(self.Highlighted(self, self.selected_id))

    def _mark_cursor(self) -> None:
        cards = list(self.query_children(GoalCard))
        for index, card in enumerate(cards):
            card.set_class(index == self.cursor, "-selected")
        if cards and self.cursor < len(cards):
            self.scroll_to_widget(cards[self.cursor], animate=False, top=False)

    @on(GoalCard.Clicked)
    def choose_card(self, event: GoalCard.Clicked) -> None:
        """A click selects a card (and the column); a double click opens it."""
        event.stop()
        self.focus()
        self.select(event.card.goal_id)
        if event.times >= 2:
            self.post_message(self.Opened(self, event.card.goal_id))
