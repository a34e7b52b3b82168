"""MomentTimeline: planned and done moments, newest first, under a heading per month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.models import Moment

MOOD_WORDS = {1: "hard", 2: "so-so", 3: "fine", 4: "good", 5: "wonderful"}
"""How a moment felt, in words, by mood 1 to 5."""

DONE, PLANNED, ASK = "✓", "◇", "?"
"""Symbols for a done moment, a plan to come, and a plan whose day has passed."""

PAGE = 150
"""Moments listed at a time; "show earlier" at the end lists the next page."""

INDENT = 12
"""Cells before a moment's title and note: the day ("Sun 08 Nov") and two spaces."""


def mood_text(mood: int | None) -> str:
    """A mood as dots and a word ("●●●●○ good"), or "" when there is none."""
    if mood is None:
        return ""
    return f"{'●' * mood}{'○' * (5 - mood)} {MOOD_WORDS[mood]}"


@dataclass(frozen=True, slots=True)
class MomentEntry:
    """One moment as the timeline shows it."""

    moment: Moment
    people: str
    """Who took part, in words: "Sarah and Leo"."""
    overdue: bool
    """A plan whose day has passed: "did this happen?"."""


class MomentTimeline(OptionList):
    """Moments grouped by month; the one under the cursor shows its whole note."""

    BINDINGS = [
        Binding("enter", "select", "Open", tooltip="Edit this moment", id="moment-open"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another moment (or the list emptied)."""

        moment_id: str | None

    @dataclass
    class Opened(Message):
        """`enter` or a click on a moment."""

        moment_id: str

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._all: tuple[MomentEntry, ...] = ()
        """Every moment to show, newest first (only the first `_limit` are listed)."""
        self._limit = PAGE
        self._empty = ""
        """What to say when there is nothing to show."""
        self._rows: list[MomentEntry | None] = []
        """One per option: the moment, or None for a heading or "show earlier"."""
        self._expanded: int | None = None

    @property
    def moment_id(self) -> str | None:
        """The moment under the cursor."""
        entry = self._entry(self.highlighted)
        return entry.moment.id if entry else None

    @property
    def entry(self) -> MomentEntry | None:
        """The moment under the cursor, as shown."""
        return self._entry(self.highlighted)

    @property
    def moment_ids(self) -> tuple[str, ...]:
        """Every moment of the timeline, newest first (listed or a page further down)."""
        return tuple(entry.moment.id for entry in self._all)

    def show(self, entries: Sequence[MomentEntry], keep: str | None, empty: str) -> None:
        """List the moments (already newest first) under month headings, a page at a time.

        Args:
            entries: the moments to show.
            keep: the moment to keep the cursor on, when it is still in `entries`.
            empty: what to say when there is nothing to show.
        """
        self._all, self._empty = tuple(entries), empty
        self._list_page(keep)

    def select_moment(self, moment_id: str) -> bool:
        """Move the cursor to a moment (listing earlier pages if need be); False if absent."""
        if moment_id not in self.moment_ids:
            return False
        if moment_id not in (entry.moment.id for entry in self._rows if entry):
            self._list_page(moment_id)
        for index, entry in enumerate(self._rows):
            if entry and entry.moment.id == moment_id:
                self.highlighted = index
                self.scroll_to_highlight()
        return True

    def _list_page(self, keep: str | None) -> None:
        ids = [entry.moment.id for entry in self._all]
        if keep in ids:
            self._limit = max(self._limit, (ids.index(keep) // PAGE + 1) * PAGE)
        listed, width = self._all[: self._limit], self._width()
        before = self.highlighted or 0
        rows: list[MomentEntry | None] = []
        options: list[Option] = []
        month = None
        for entry in listed:
            if (entry.moment.date.year, entry.moment.date.month) != month:
                month = (entry.moment.date.year, entry.moment.date.month)
                rows.append(None)
                heading = Content.styled(f"{entry.moment.date:%B %Y}", "bold underline")
                options.append(Option(heading, disabled=True))
            rows.append(entry)
            options.append(Option(self._prompt(entry, False, width)))
        if len(self._all) > len(listed):
            rows.append(None)
            more = len(self._all) - len(listed)
            options.append(Option(Content.styled(f"▼ {more} earlier: enter shows them", "bold")))
        if not listed:
            rows.append(None)
            options.append(Option(Content.styled(self._empty, "italic"), disabled=True))
        with self.prevent(OptionList.OptionHighlighted):
            self._rows = rows
            self._expanded = None
            self.set_options(options)
            self.highlighted = self._cursor(keep, before)
        self._expand(self.highlighted)
        self.post_message(self.Highlighted(self.moment_id))

    def _cursor(self, keep: str | None, before: int) -> int | None:
        """Where the cursor goes: on `keep`, else the nearest moment to where it was."""
        places = [i for i, entry in enumerate(self._rows) if entry]
        for index in places:
            if self._rows[index].moment.id == keep:  # type: ignore[union-attr]
                return index
        later = [index for index in places if index >= before]
        return later[0] if later else places[-1] if places else None

    def _entry(self, index: int | None) -> MomentEntry | None:
        if index is None or not 0 <= index < len(self._rows):
            return None
        return self._rows[index]

    def on_resize(self) -> None:
        """Wrap the notes again at the new width."""
        width = self._width()
        for index, entry in enumerate(self._rows):
            if entry is not None:
                prompt = self._prompt(entry, index == self._expanded, width)
                self.replace_option_prompt_at_index(index, prompt)

    def _width(self) -> int:
        """Cells for one moment's text (0 before the first layout)."""
        padding = self.get_component_styles("option-list--option").padding.width
        return max(self.scrollable_content_region.width - padding - 1, 0)  # 1: breathing room

    def _expand(self, index: int | None) -> None:
        """Show the whole note of the moment at `index`, and the first line of the others."""
        if self._expanded == index:
            return
        width = self._width()
        previous = self._entry(self._expanded)
        if previous is not None and self._expanded is not None:
            self.replace_option_prompt_at_index(
                self._expanded, self._prompt(previous, False, width)
            )
        current = self._entry(index)
        if current is not None and index is not None:
            self.replace_option_prompt_at_index(index, self._prompt(current, True, width))
            self._expanded = index
        else:
            self._expanded = None

    @staticmethod
    def _prompt(entry: MomentEntry, expanded: bool, width: int) -> Content:
        """The day, then the title, who, mood or question; the note below, indented.

        Args:
            entry: the moment.
            expanded: the whole note (wrapped), not just its first line.
            width: cells to fit in, or 0 when not known yet (nothing is cut).
        """
        moment = entry.moment
        if entry.overdue:
            symbol, status = ASK, Content.styled("did this happen?  y yes · n no", "bold")
        elif moment.planned:
            symbol, status = PLANNED, Content("planned")
        else:
            symbol, status = DONE, Content(mood_text(moment.mood))
        head = Content.assemble(
            (f"{symbol} ", "bold"), (moment.title, "bold"), (f" · {entry.people}", "dim")
        )
        if status.plain:
            head = Content.assemble(head, " · ", status)
        room = width - INDENT
        notes = moment.note.splitlines()
        if expanded:
            body = _fold(head, room) + [
                part for line in notes for part in _fold(Content.styled(line, "italic"), room)
            ]
        else:
            body = [_cut(head, room)]
            if notes:
                more = " …" if len(notes) > 1 else ""
                body.append(_cut(Content.styled(notes[0] + more, "italic dim"), room))
        day = Content.styled(f"{moment.date:%a %d %b}".ljust(INDENT), "dim")
        pad = Content(" " * INDENT)
        return Content("\n").join(
            Content.assemble(day if n == 0 else pad, line) for n, line in enumerate(body)
        )

    @on(OptionList.OptionHighlighted)
    def announce(self, event: OptionList.OptionHighlighted) -> None:
        """Open up the moment under the cursor and tell the screen."""
        event.stop()
        self._expand(self.highlighted)
        self.post_message(self.Highlighted(self.moment_id))

    @on(OptionList.OptionSelected)
    def open_moment(self, event: OptionList.OptionSelected) -> None:
        """`enter` or a click opens the moment."""
        event.stop()
        if (moment_id := self.moment_id) is not None:
            self.post_message(self.Opened(moment_id))
        elif event.option_index == len(self._rows) - 1 and len(self._all) > self._limit:
            first_new = self._all[self._limit].moment.id  # "show earlier": one more page
            self._limit += PAGE
            self._list_page(first_new)


def _fold(line: Content, width: int) -> list[Content]:
    """Wrap a line to `width` cells (not at all when the width is not known yet)."""
    return line.wrap(width) if width > 0 else [line]


def _cut(line: Content, width: int) -> Content:
    """Cut a line to `width` cells with … (not at all when the width is not known yet)."""
    return line.truncate(width, ellipsis=True) if width > 0 else line
