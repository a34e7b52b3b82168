"""IdeaList: the ideas that pass the filters, one line each, the cursor kept by idea key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.models import Idea

MINE = "♥"
"""Marks an idea the member at the keyboard favourited."""
THEIRS = "♡"
"""Marks an idea only someone else favourited."""


@dataclass(frozen=True, slots=True)
class IdeaRow:
    """What one line of the list shows."""

    key: str
    """The idea's key (catalogue slug or custom id)."""
    title: str
    mark: str
    """`MINE`, `THEIRS` or a space: favourites by shape, not colour."""
    facts: str
    """A few words after the title: "3 hours · free · planned Sat 28 Nov"."""

    @classmethod
    def of(cls, idea: Idea, member_id: str | None, planned: date | None) -> IdeaRow:
        """The row for an idea, as seen by the member at the keyboard.

        Args:
            idea: the idea, with its favourites.
            member_id: who is at the keyboard (their favourites get `MINE`).
            planned: the next day it is planned for, if any.
        """
        mark = MINE if member_id in idea.favourite_by else THEIRS if idea.favourite_by else " "
        facts = [idea.duration, "free" if idea.cost == "free" else ""]
        if planned is not None:
            facts.append(f"planned {planned:%a %d}")
        return cls(idea.key, idea.title, mark, " · ".join(fact for fact in facts if fact))


class IdeaList(OptionList):
    """The filtered ideas; `enter` opens the highlighted one."""

    BINDINGS = [
        Binding("enter", "select", "Open", tooltip="Everything about this idea", id="idea-open"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another idea (or the list emptied)."""

        key: str | None
        """The idea under the cursor, None when nothing is listed."""

    @dataclass
    class Opened(Message):
        """`enter` or a click on an idea."""

        key: str
        """The idea to open."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._rows: tuple[IdeaRow, ...] = ()
        self._keys: list[str] = []

    @property
    def key(self) -> str | None:
        """The idea under the cursor, None when nothing is listed."""
        index = self.highlighted
        return self._keys[index] if index is not None and index < len(self._keys) else None

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys listed, in order."""
        return tuple(self._keys)

    @property
    def rows(self) -> tuple[IdeaRow, ...]:
        """The rows listed, in order."""
        return self._rows

    def show(self, rows: Sequence[IdeaRow], keep: str | None, empty: str) -> None:
        """List `rows`, keeping the cursor on `keep` (or near where it was).

        Args:
            rows: the ideas to show, in order.
            keep: the idea to keep the cursor on, when it is still listed.
            empty: what to say when there are no rows.
        """
        before = self.highlighted or 0
        keys = [row.key for row in rows]
        with self.prevent(OptionList.OptionHighlighted):
            if rows:
                width = self._width()
                self.set_options(Option(self._label(row, width)) for row in rows)
            else:
                self.set_options([Option(Content.styled(empty, "italic"), disabled=True)])
            self._keys = keys
            self._rows = tuple(rows)
            if keep in keys:
                self.highlighted = keys.index(keep)
            elif keys:
                self.highlighted = min(before, len(keys) - 1)
            else:
                self.highlighted = None
        self.post_message(self.Highlighted(self.key))

    def select_key(self, key: str, *, top: bool = False) -> bool:
        """Move the cursor to an idea; False when it is not listed.

        Args:
            key: the idea to move to.
            top: scroll it to the top of the list (clear of notifications at the bottom).
        """
        if key not in self._keys:
            return False
        self.highlighted = self._keys.index(key)
        self.scroll_to_highlight(top=top)
        return True

    def on_resize(self) -> None:
        """Keep the facts flush right at the new width."""
        self._relabel()

    def watch_show_vertical_scrollbar(self) -> None:
        """The scrollbar took (or gave back) two columns, with no resize to say so.

        It comes and goes as the options change, so the labels are redone after that.
        """
        self.call_later(self._relabel)

    def _relabel(self) -> None:
        if self._rows and len(self._rows) == self.option_count:
            width = self._width()
            for index, row in enumerate(self._rows):
                self.replace_option_prompt_at_index(index, self._label(row, width))

    def _width(self) -> int:
        """Cells for one row's text (0 before the first layout)."""
        padding = self.get_component_styles("option-list--option").padding.width
        return max(self.scrollable_content_region.width - padding - 1, 0)  # 1: breathing room

    @staticmethod
    def _label(row: IdeaRow, width: int) -> Content:
        """Mark and title, then the facts flush right; the title keeps at least 3/5 of the row.

        Whatever does not fit is cut short with "…": the facts first, then the title.
        """
        facts = Content.styled(row.facts, "dim")
        title = Content(row.title)
        if not width:
            return Content.assemble(f"{row.mark} ", title, "  ", facts)
        text = width - 3  # the mark and two spaces
        title_room = max(text - facts.cell_length, min(title.cell_length, text * 3 // 5))
        facts = facts.truncate(max(text - title_room, 0), ellipsis=True)
        title = title.truncate(text - facts.cell_length, ellipsis=True, pad=True)
        return Content.assemble(f"{row.mark} ", title, " ", facts)

    @on(OptionList.OptionHighlighted)
    def announce(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which idea is under the cursor."""
        event.stop()
        self.post_message(self.Highlighted(self.key))

    @on(OptionList.OptionSelected)
    def open_idea(self, event: OptionList.OptionSelected) -> None:
        """`enter` or a click opens the idea."""
        event.stop()
        if (key := self.key) is not None:
            self.post_message(self.Opened(key))
