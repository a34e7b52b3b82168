"""StreakPanel: the selected ritual in full: its rule, streaks, recent windows and next dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store import recurrence
from store.models import Ritual, Tick
from store.streaks import Figures, RitualStats
from tui.widgets.redraw import update_in_place

WindowState = Literal["kept", "missed", "skipped", "due"]
"""What became of one occurrence window (the one holding today is `due` until kept)."""

SYMBOLS: dict[WindowState, tuple[str, str]] = {
    "kept": ("✓", "$text-success"),
    "missed": ("·", "$text-error"),
    "skipped": ("–", "$text-muted"),
    "due": ("○", "$text-warning"),
}
"""Symbol and colour of each window state; the symbol alone carries the meaning."""

LEGEND: tuple[tuple[WindowState, str], ...] = (
    ("kept", "kept"),
    ("missed", "missed"),
    ("skipped", "skipped"),
    ("due", "due now"),
)
"""The states in legend order, with their words."""

RECENT = 12
"""How many windows the picture of recent windows shows."""

BAR_WIDTH = 20
"""Cells in the strength bar."""


@dataclass(frozen=True, slots=True)
class WindowMark:
    """One occurrence window [start, end) and what became of it."""

    start: date
    end: date
    """The next occurrence (exclusive)."""
    state: WindowState


def recent_windows(
    ritual: Ritual, ticks: Iterable[Tick], today: date, count: int = RECENT
) -> tuple[WindowMark, ...]:
    """The last `count` windows up to the one holding today, by the rules of DESIGN section 4.

    A window is kept when one done tick by anyone lands in it (`needs: any`) or when every
    member of the ritual ticked in it (`needs: all`); otherwise a skip excuses it; otherwise it
    is missed once it has ended, and due while it holds today. Ticks after today count for
    nothing. Pure: the cost depends on `count`, not on the ritual's age.

    Args:
        ritual: the ritual (rule, start, members, needs).
        ticks: its live ticks, in any order; only those from the first window returned matter.
        today: the day the picture is drawn for.
        count: how many windows at most.

    Returns:
        The windows, oldest first; empty before the first occurrence.
    """
    starts = recent_starts(ritual, today, count)
    if not starts:
        return ()
    following = recurrence.next_occurrence(ritual.rule, ritual.start, starts[-1])
    if following is None:  # a finite rule's last window is as long as the one before it
        previous = recurrence.previous_occurrence(
            ritual.rule, ritual.start, starts[-1] - timedelta(days=1)
        )
        following = (
            starts[-1] + (starts[-1] - previous)
            if previous is not None
            else starts[-1] + recurrence.nominal_period(ritual.rule)
        )
    ends = [*starts[1:], following]
    facts = sorted((t.date, t.kind, t.by) for t in ticks if starts[0] <= t.date <= today)
    everyone = set(ritual.members)
    marks = []
    index = 0
    for start, end in zip(starts, ends, strict=True):
        who: set[str] = set()
        skipped = False
        while index < len(facts) and facts[index][0] < end:
            _, kind, by = facts[index]
            if kind == "skip":
                skipped = True
            else:
                who.add(by)
            index += 1
        kept = everyone <= who if ritual.needs == "all" else bool(who)
        state: WindowState
        if kept:
            state = "kept"
        elif skipped:
            state = "skipped"
        else:
            state = "due" if end > today else "missed"
        marks.append(WindowMark(start, end, state))
    return tuple(marks)


def recent_starts(ritual: Ritual, today: date, count: int) -> list[date]:
    """The last `count` occurrences on or before today, looking back only as far as needed."""
    period = recurrence.nominal_period(ritual.rule)
    span = count + 1
    while True:
        try:
            low = max(ritual.start, today - period * span)
        except (OverflowError, ValueError):  # looked back past the year 1
            low = ritual.start
        found = recurrence.occurrences(ritual.rule, ritual.start, low, today + timedelta(days=1))
        if len(found) >= count or low == ritual.start:
            return found[-count:]
        span *= 4


@dataclass(frozen=True, slots=True)
class RitualDetail:
    """Everything the panel shows about one ritual, read from the store by the screen."""

    ritual: Ritual
    stats: RitualStats
    rule_text: str
    """The rule in plain English ("every week on Sunday")."""
    window_text: str
    """How a window counts ("counts when either of you ticks between Sunday and ...")."""
    names: Mapping[str, str]
    """Member id to name."""
    next_dates: tuple[date, ...]
    """The next five occurrences after today."""
    recent: tuple[WindowMark, ...]
    """The last windows, oldest first."""
    today: date


def short_day(day: date, today: date) -> str:
    """`Sun 29 Nov`; with the year (`Tue 14 Mar 2028`) when it is more than 200 days away."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if abs((day - today).days) <= 200 else f"{text} {day.year}"


def in_a_row(figures: Figures) -> str:
    """`5 in a row` (streaks count occurrences, not days)."""
    return f"{figures.current_streak} in a row"


def percent(value: float | None) -> str:
    """`93%`, or a dash while nothing has been due yet."""
    return "–" if value is None else f"{round(value * 100)}%"


def strength_bar(strength: float, width: int = BAR_WIDTH) -> Content:
    """A bar of `width` cells and the percentage, so the figure is never colour alone."""
    filled = round(max(0.0, min(1.0, strength)) * width)
    return Content.assemble(
        ("█" * filled, "$text-success"),
        ("░" * (width - filled), "$text-muted"),
        f" {percent(strength)}",
    )


def window_picture(marks: Sequence[WindowMark]) -> Content:
    """The recent windows as symbols, oldest first, each followed by a space."""
    return Content.assemble(*(item for mark in marks for item in _symbol(mark.state)))


def _symbol(state: WindowState) -> tuple[tuple[str, str], str]:
    symbol, colour = SYMBOLS[state]
    return (symbol, f"bold {colour}"), " "


def legend() -> Content:
    """`✓ kept  · missed  – skipped  ○ due now`."""
    parts = [Content.assemble((SYMBOLS[s][0], f"bold {SYMBOLS[s][1]}"), f" {w}") for s, w in LEGEND]
    return Content("  ").join(parts)


class StreakPanel(VerticalScroll):
    """The detail of the selected ritual; scroll it with the arrows once `enter` focused it."""

    HELP = """\
## The ritual in detail

- **in a row**: how many times in a row you kept it (occurrences, not days).
- **Kept**: the share of the times that were due and not excused.
- **Strength**: how firmly the habit holds; recent times weigh most, so one miss
  dents it and a few kept times mend it.
- The picture shows the last times, oldest first: ✓ kept, · missed, – skipped, ○ due now.

`escape` goes back to the list.
"""

    def compose(self) -> ComposeResult:
        """One block of text: one widget to build, style and lay out, not one per part."""
        yield Static(id="streak-detail")

    _title: str | None = None
    """The ritual title on the border (setting a title repaints the whole box)."""

    def show(self, detail: RitualDetail | None, empty: str = "") -> None:
        """Show a ritual's detail, or the sentence `empty` when no ritual is selected."""
        self.set_class(detail is None, "-none")
        title = detail.ritual.title if detail else None
        if title != self._title:
            self._title = title
            self.border_title = Content(title) if title is not None else None
        update_in_place(
            self.query_one("#streak-detail", Static),
            detail_text(detail) if detail else Content.styled(empty, "$text-muted"),
        )


def detail_text(detail: RitualDetail) -> Content:
    """The parts of a ritual's detail, a blank line between them (the rule under its title)."""
    ritual, overall = detail.ritual, detail.stats.overall
    heading = Content.from_markup(
        "[b $text-primary]Repeats $rule[/]\n[i]$text[/i]",
        rule=detail.rule_text,
        text=_sentence(detail.window_text),
    )
    parts = [
        heading,
        _figures(overall),
        _recent(detail.recent, detail.today),
        _members(detail),
        _next(detail.next_dates, detail.today),
    ]
    if ritual.note:
        parts.append(Content.from_markup("[$text-muted][b]Note:[/b] $note[/]", note=ritual.note))
    return Content("\n\n").join(part for part in parts if part)


def _sentence(text: str) -> str:
    """`counts when ...` → `Counts when ....` (the rest of the words untouched)."""
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _figures(overall: Figures) -> Content:
    streak = Content.from_markup(
        "[b]$run[/b] · best $best", run=in_a_row(overall), best=str(overall.longest_streak)
    )
    share = (
        "Nothing has been due yet"
        if overall.completion is None
        else f"Kept {percent(overall.completion)} of the time"
    )
    counts = Content.from_markup(
        "$share\n$kept kept · $missed missed · $skipped skipped",
        share=share,
        kept=str(overall.satisfied),
        missed=str(overall.missed),
        skipped=str(overall.skipped),
    )
    strength = Content.assemble("Strength ", strength_bar(overall.strength))
    return Content("\n").join([streak, counts, strength])


def _recent(marks: Sequence[WindowMark], today: date) -> Content:
    if not marks:
        return Content("Nothing has been due yet.")
    since = short_day(marks[0].start, today)
    if len(marks) == 1:
        head = Content.from_markup("[b]The first time[/b], from $day:", day=since)
    else:
        head = Content.from_markup(
            "[b]The last $n times[/b], from $day:", n=str(len(marks)), day=since
        )
    return Content("\n").join([head, window_picture(marks), legend()])


def _next(dates: Sequence[date], today: date) -> Content:
    """`Next: Wed 25 Nov · Wed 2 Dec · Wed 9 Dec`, a few to a line so no date is split."""
    if not dates:
        return Content.from_markup("[b]Next:[/b] no more dates (the rule has ended)")
    words = [short_day(day, today) for day in dates]
    per_line = 3 if max(len(w) for w in words) <= 10 else 2
    lines = [" · ".join(words[n : n + per_line]) for n in range(0, len(words), per_line)]
    return Content.assemble(("Next: ", "bold"), "\n      ".join(lines))


def _members(detail: RitualDetail) -> Content:
    rows = detail.stats.per_member
    if not rows:
        return Content("")
    names = [detail.names.get(member, "?") for member, _ in rows]
    width = max(len(name) for name in names)
    lines = [Content.from_markup("[b]Each of you[/b] (on your own ticks)")]
    for name, (_, figures) in zip(names, rows, strict=True):
        lines.append(
            Content.from_markup(
                "$name  $run · best $best · kept $pct",
                name=name.ljust(width),
                run=in_a_row(figures),
                best=str(figures.longest_streak),
                pct=percent(figures.completion),
            )
        )
    return Content("\n").join(lines)
