"""GoalBoard: a column of goals per member, the find line above them, and the wins view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, Input, Label, Static

from tui.widgets.goal_column import ColumnContent, GoalColumn
from tui.widgets.wins_list import WinsList


class GoalBoard(Vertical):
    """The goals pane's body: the find line, then the board of columns or the wins.

    The screen pushes each member's `ColumnContent` down through `show`; the board keeps
    the column with the cursor (the one focused, or focused last), moves between columns,
    and owns the find line, whose text it reports with `FindChanged`.
    """

    @dataclass
    class FindChanged(Message):
        """The find line's text changed; the columns should show only matching goals."""

        query: str
        """The text typed, stripped (empty: every goal)."""

    @dataclass
    class FindSubmitted(Message):
        """`enter` in the find line: the focus went back to the columns, the filter stays."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.query_text = ""
        """The title filter typed after `/`."""
        self._column: GoalColumn | None = None

    def compose(self) -> ComposeResult:
        """The find line, then the board or the wins."""
        with Horizontal(id="goals-find-row"):
            yield Label("Find:", id="goals-find-label")
            yield Input(placeholder="part of a title", id="goals-find", compact=True)
        with ContentSwitcher(initial="goals-board", id="goals-views"):
            yield Horizontal(id="goals-board")
            with Vertical(id="goals-wins"):
                yield Static(
                    "Wins · enter opens one · w goes back to the board",
                    id="goals-wins-heading",
                )
                yield WinsList(id="goals-wins-list")

    # -- the columns -----------------------------------------------------------------------

    @property
    def showing_wins(self) -> bool:
        """Whether the wins are shown instead of the board."""
        return self.query_one(ContentSwitcher).current == "goals-wins"

    @property
    def find_open(self) -> bool:
        """Whether the find line is shown."""
        return self.query_one("#goals-find-row").has_class("-open")

    def columns(self) -> list[GoalColumn]:
        """The board's columns, left to right."""
        return list(self.query_one("#goals-board").query_children(GoalColumn))

    @property
    def selected_id(self) -> str | None:
        """The goal under the cursor of the column with focus (or that had it last)."""
        focused = self.screen.focused
        column = focused if isinstance(focused, GoalColumn) else self._column
        if column is None or column not in self.columns():
            return None
        return column.selected_id

    def show(self, contents: Sequence[tuple[str, ColumnContent]], viewer: str | None) -> None:
        """Show each member's column; the same members keep their columns and cursors.

        Args:
            contents: (member id, what the column shows), left to right.
            viewer: the member at the keyboard, whose column takes the focus when the
                columns are built anew (if it has a card).
        """
        columns = self.columns()
        if [c.member_id for c in columns] == [member_id for member_id, _ in contents]:
            for column, (_, content) in zip(columns, contents, strict=True):
                column.show(content)
        else:
            self._build_columns(contents, viewer)

    def _build_columns(
        self, contents: Sequence[tuple[str, ColumnContent]], viewer: str | None
    ) -> None:
        board = self.query_one("#goals-board")
        board.remove_children()
        columns = [GoalColumn(member_id, content) for member_id, content in contents]
        board.mount_all(columns)
        first = next((c for c in columns if c.member_id == viewer and c.cards), None)
        self._column = first or next((c for c in columns if c.cards), next(iter(columns), None))
        if self._column is not None:
            self.screen.call_after_refresh(self._column.focus)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Remember the column last focused, for while the find line has focus."""
        if isinstance(event.widget, GoalColumn):
            self._column = event.widget

    def move(self, step: int) -> None:
        """Focus the column `step` places to the right (left when negative), within bounds."""
        if columns := self.columns():
            here = columns.index(self._column) if self._column in columns else 0
            columns[max(0, min(here + step, len(columns) - 1))].focus()

    def select(self, goal_id: str) -> None:
        """Put the cursor on a goal and focus its column (if a column shows it)."""
        for column in self.columns():
            if column.select(goal_id):
                self._column = column
                column.focus()

    def show_wins(self, wins: bool) -> None:
        """Switch to the wins, or back to the board and its column with the cursor."""
        self.query_one(ContentSwitcher).current = "goals-wins" if wins else "goals-board"
        if not wins and self._column is not None:
            self._column.focus()

    # -- the find line ---------------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find line and put the cursor in it."""
        self.query_one("#goals-find-row").add_class("-open")
        self.query_one("#goals-find", Input).focus()

    def set_query(self, text: str) -> None:
        """Set the filter (without a `FindChanged`); the find line shows while it is set."""
        field = self.query_one("#goals-find", Input)
        if field.value != text:
            with field.prevent(Input.Changed):
                field.value = text
        self.query_text = text
        self.query_one("#goals-find-row").set_class(bool(text), "-open")

    @on(Input.Changed, "#goals-find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value.strip()
        self.post_message(self.FindChanged(self.query_text))

    @on(Input.Submitted, "#goals-find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_query(self.query_text)
        self.show_wins(False)
        self.post_message(self.FindSubmitted())
