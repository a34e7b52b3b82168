"""RitualList: the family's rituals, one line each: title, when it is due, streak and best."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.models import Ritual, Tick
from store.streaks import RitualStats
from tui.widgets.redraw import update_in_place
from tui.widgets.streak_panel import WindowState, in_a_row, recent_windows, short_day

TITLE_MAX = 28
"""Titles longer than this are cut with an ellipsis in the list (the panel shows them whole)."""

HEADINGS = ("Ritual", "When", "In a row", "Best")
"""The column headings above the list."""


@dataclass(frozen=True, slots=True)
class RitualRow:
    """One ritual as the list shows it."""

    ritual: Ritual
    stats: RitualStats
    current: WindowState | None
    """What became of the window holding today; None before the first or after the last."""
    waiting_for: tuple[str, ...]
    """Names still to tick in a due window that needs everyone (empty otherwise)."""
    today: date

    @classmethod
    def build(
        cls,
        ritual: Ritual,
        stats: RitualStats,
        names: Mapping[str, str],
        today: date,
        ticks: Callable[[], Iterable[Tick]],
    ) -> RitualRow:
        """The row for a ritual; `ticks` is called only when the figures cannot tell.

        The figures tell a due window, and a kept one while someone has not ticked (a skip
        would excuse everyone); a window that everyone ticked and one that was skipped look
        the same in them, so then the ticks decide.
        """
        overall, members = stats.overall, stats.per_member
        current: WindowState | None
        if overall.due_now:
            current = "due"
        elif not (overall.satisfied or overall.missed or overall.skipped):
            current = None  # nothing has been due yet
        elif any(figures.due_now for _, figures in members):
            current = "kept"
        else:
            marks = recent_windows(ritual, ticks(), today, 1)
            current = marks[-1].state if marks and marks[-1].end > today else None
        waiting: tuple[str, ...] = ()
        if ritual.needs == "all" and overall.due_now:
            due = [names.get(member, "?") for member, figures in members if figures.due_now]
            waiting = tuple(due) if len(due) < len(members) else ()
        return cls(ritual, stats, current, waiting, today)


_DUE = Content.from_markup("[$text-warning]○[/] [b]due now[/b]")
_LEADS = {
    "kept": Content.from_markup("[$text-success]✓[/] kept"),
    "skipped": Content("– skipped"),
}


_KEPT_ROOM = Content.assemble(_LEADS["kept"], " · next Wed 30 Nov").cell_length
"""Room for what a tick makes of `due now`: kept, and the next date (within 200 days).

A skip (`– skipped · next ...`) or a next date further away may still widen the column."""


def when_words(row: RitualRow) -> Content:
    """The due marker in words: `due now`, `kept · next Sun 29 Nov`, `starts Sat 5 Dec`..."""
    overall = row.stats.overall
    if overall.due_now:
        if row.waiting_for:
            return Content.assemble(_DUE, f", {' and '.join(row.waiting_for)} to tick")
        return _DUE
    lead = _LEADS.get(row.current or "")
    if overall.next_due is None:
        return Content(" · ").join([lead, Content("ended")]) if lead else Content("ended")
    word = "next" if row.current is not None else "starts"
    upcoming = Content(f"{word} {short_day(overall.next_due, row.today)}")
    return Content(" · ").join([lead, upcoming]) if lead else upcoming


def _cells(row: RitualRow) -> tuple[Content, Content, Content, Content]:
    overall = row.stats.overall
    return (
        Content(row.ritual.title),
        when_words(row),
        Content(in_a_row(overall)),
        Content(str(overall.longest_streak)),
    )


class RitualList(Vertical):
    """Column headings over an option list; the cursor follows a ritual by its id."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another ritual (or off the list: None)."""

        ritual_id: str | None

    @dataclass
    class Opened(Message):
        """`enter` on a ritual: show it in full."""

        ritual_id: str

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._rows: dict[str, RitualRow] = {}
        self._cells: dict[str, tuple[Content, Content, Content, Content]] = {}
        """Each row's four cells, made once per row shown (a tick remakes one)."""
        self._order: list[str] = []
        self._prompts: dict[str, Content] = {}
        """Each row's line at the present widths, made when first shown."""
        self._widths: tuple[int, int, int, int] = (0, 0, 0, 0)

    def compose(self) -> ComposeResult:
        """The headings and the options."""
        yield Static(id="ritual-headings")
        yield OptionList(id="ritual-options")

    @property
    def options(self) -> OptionList:
        """The option list inside (it has the focus)."""
        return self.query_one("#ritual-options", OptionList)

    @property
    def selected_id(self) -> str | None:
        """The id of the ritual under the cursor."""
        return self._id_at(self.options.highlighted)

    def _id_at(self, index: int | None) -> str | None:
        """The ritual at a place in the list: option `i` shows `_order[i]`."""
        return self._order[index] if index is not None and index < len(self._order) else None

    @property
    def ritual_ids(self) -> tuple[str, ...]:
        """The ids shown, top to bottom."""
        return tuple(self._order)

    def show(self, rows: Sequence[RitualRow], keep: str | None = None) -> None:
        """Show these rows in this order, keeping the cursor on `keep` (or the current ritual)."""
        keep = keep or self.selected_id
        self._rows = {row.ritual.id: row for row in rows}
        self._cells = {row.ritual.id: _cells(row) for row in rows}
        self._prompts.clear()
        self._arrange([row.ritual.id for row in rows], keep, changed=set(self._rows))

    def update_row(self, row: RitualRow, order: Sequence[str]) -> None:
        """Refresh one ritual's line, and the order of the lines when its place changed."""
        ritual_id = row.ritual.id
        if ritual_id not in self._rows:
            return
        self._rows[ritual_id] = row
        self._cells[ritual_id] = _cells(row)
        shown = [rid for rid in order if rid in self._rows]
        self._arrange(shown, self.selected_id, changed={ritual_id})

    def select(self, ritual_id: str) -> bool:
        """Put the cursor on a ritual; False when it is not in the list."""
        if ritual_id not in self._rows:
            return False
        self.options.highlighted = self._order.index(ritual_id)
        return True

    def _arrange(self, order: list[str], keep: str | None, changed: set[str]) -> None:
        """Show `order`, giving new words only to the lines that changed.

        With as many lines as before, the options stay: a tick, which moves its ritual
        below the ones still due, repaints the list without laying out the screen (as long
        as the columns keep their widths, see `_measure`).
        """
        options = self.options
        was_order, was = self._order, options.highlighted
        was_id = self._id_at(was)
        self._order = order
        widths = self._measure()
        resized, self._widths = widths != self._widths, widths
        if resized:
            self._prompts.clear()
        for ritual_id in changed:
            self._prompts.pop(ritual_id, None)
        if resized or not options.option_count:
            update_in_place(
                self.query_one("#ritual-headings", Static),
                self._line(tuple(Content(h) for h in HEADINGS)),  # type: ignore[arg-type]
            )
        if order and options.option_count == len(order):
            for index, ritual_id in enumerate(order):
                if resized or ritual_id in changed or was_order[index] != ritual_id:
                    options.replace_option_prompt_at_index(index, self._prompt(ritual_id))
            if resized:  # new prompts only repaint: its width (cached by Textual) follows them
                options.refresh(layout=True)
        else:
            options.set_options(Option(self._prompt(ritual_id)) for ritual_id in order)
            was_id = None  # no option is highlighted now
        self._place(keep if keep in self._rows else None, was, was_id)

    def _place(self, keep: str | None, was: int | None, was_id: str | None) -> None:
        """The cursor on `keep`, or (when it left) on the line that took its place."""
        options = self.options
        if not self._order:
            self.post_message(self.Highlighted(None))
            return
        index = self._order.index(keep) if keep is not None else (was or 0)
        index = min(index, len(self._order) - 1)
        if options.highlighted != index:
            options.highlighted = index  # the option list tells `report_highlight`
        elif self._order[index] != was_id:
            self.post_message(self.Highlighted(self._order[index]))

    def _measure(self) -> tuple[int, int, int, int]:
        """The columns' widths; `When` keeps room for a kept ritual while any is due.

        Ticking turns `○ due now` into `✓ kept · next Mon 30 Nov`: with that room kept,
        the column stays put as rituals are ticked, for the eye and for the screen.
        """
        cells = [*self._cells.values(), tuple(Content(h) for h in HEADINGS)]
        widths = [max(c[i].cell_length for c in cells) for i in range(4)]
        if any(row.stats.overall.due_now for row in self._rows.values()):
            widths[1] = max(widths[1], _KEPT_ROOM)
        return (min(widths[0], TITLE_MAX), widths[1], widths[2], widths[3])

    def _prompt(self, ritual_id: str) -> Content:
        prompt = self._prompts.get(ritual_id)
        if prompt is None:
            prompt = self._line(self._cells[ritual_id])
            if self._rows[ritual_id].stats.overall.due_now:
                prompt = prompt.stylize("bold", 0, self._widths[0])
            self._prompts[ritual_id] = prompt
        return prompt

    def _line(self, cells: tuple[Content, Content, Content, Content]) -> Content:
        title, when, streak, best = cells
        t, w, s, b = self._widths
        return Content("  ").join(
            [
                title.truncate(t, ellipsis=True, pad=True),
                when.truncate(w, pad=True),
                streak.right(s),
                best.right(b),
            ]
        )

    @on(OptionList.OptionHighlighted, "#ritual-options")
    def report_highlight(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which ritual the cursor is on."""
        event.stop()
        self.post_message(self.Highlighted(self._id_at(event.option_index)))

    @on(OptionList.OptionSelected, "#ritual-options")
    def report_open(self, event: OptionList.OptionSelected) -> None:
        """`enter` (or a click) on a ritual."""
        event.stop()
        ritual_id = self._id_at(event.option_index)
        if ritual_id is not None:
            self.post_message(self.Opened(ritual_id))
