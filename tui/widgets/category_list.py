"""CategoryList: the idea categories with their counts, "All" first; moving through them filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.table import Table
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def category_title(key: str) -> str:
    """Words for a category key: `movies-and-shows` is "Movies and shows"."""
    return key.replace("-", " ").strip().capitalize() or "Other"


class CategoryList(OptionList):
    """One line per category with how many ideas it holds under the other filters."""

    @dataclass
    class Chosen(Message):
        """The highlight moved to another category."""

        category: str | None
        """The category key, or None for "All"."""

    @dataclass
    class Confirmed(Message):
        """`enter` (or a click) on a category: go to its ideas."""

        category: str | None
        """The category key, or None for "All"."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._keys: list[str | None] = []
        self._counts: dict[str | None, int] = {}

    @property
    def category(self) -> str | None:
        """The highlighted category key (None for "All")."""
        index = self.highlighted
        return self._keys[index] if index is not None and index < len(self._keys) else None

    @property
    def counts(self) -> dict[str | None, int]:
        """The counts shown, by category key (None for "All")."""
        return dict(self._counts)

    def show(self, counts: Mapping[str, int], selected: str | None) -> None:
        """List "All" and every category with its count, highlighting `selected`."""
        keys: list[str | None] = [None, *counts]
        titles = ["All", *(category_title(key) for key in counts)]
        numbers = [sum(counts.values()), *counts.values()]
        self._counts = dict(zip(keys, numbers, strict=True))
        options = [
            Option(self._label(title, number))
            for title, number in zip(titles, numbers, strict=True)
        ]
        with self.prevent(OptionList.OptionHighlighted):
            if keys != self._keys:
                self._keys = keys
                self.set_options(options)
            else:
                for index, option in enumerate(options):
                    self.replace_option_prompt_at_index(index, option.prompt)
            self.highlighted = keys.index(selected) if selected in keys else 0

    @staticmethod
    def _label(title: str, number: int) -> Table:
        """The title (cut short with … when narrow) and its count, right-aligned."""
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(title, str(number), style="" if number else "dim")
        return grid

    @on(OptionList.OptionHighlighted)
    def announce(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen the family moved to another category."""
        event.stop()
        self.post_message(self.Chosen(self.category))

    @on(OptionList.OptionSelected)
    def confirm(self, event: OptionList.OptionSelected) -> None:
        """`enter` on a category: the family wants to look at its ideas."""
        event.stop()
        self.post_message(self.Confirmed(self.category))
