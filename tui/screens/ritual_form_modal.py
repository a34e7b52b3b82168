"""RitualFormModal: add or edit a ritual, with its rule in words and its next dates as you type."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store import recurrence, rule_presets, rule_words
from store.errors import TandemError
from store.models import Member, Ritual
from store.validation import clean_note, clean_title, parse_day
from tui.paths import ASSETS_DIR
from tui.widgets.streak_panel import short_day

PRESETS = (
    ("week", "every week on chosen days"),
    ("weeks", "every few weeks on chosen days"),
    ("day", "every day"),
    ("nth", "a weekday of the month (first Saturday, last Friday…)"),
    ("monthday", "the same day each month"),
    ("year", "every year on a date"),
    ("custom", "my own rule (RRULE, for experts)"),
)
"""The choices of "Repeats", as (kind, words)."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PLACES = (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", -1))


@dataclass(frozen=True, slots=True)
class Repeat:
    """The "Repeats" part of the form: a preset and its details, or a custom rule."""

    kind: str
    days: tuple[int, ...]
    """Weekdays, Monday = 0 (for `week` and `weeks`)."""
    interval: str = "2"
    """Every how many weeks, as typed (for `weeks`)."""
    place: int = 1
    """1..4 or -1 for last (for `nth`)."""
    weekday: int = 5
    month_day: str = "1"
    """1..31 or "last", as typed (for `monthday`)."""
    month: int = 1
    day: int = 1
    custom: str = ""

    @classmethod
    def starting(cls, start: date, kind: str = "week") -> Repeat:
        """Details that fit a start date: its weekday, day of the month and date."""
        return cls(
            kind, (start.weekday(),), place=min((start.day - 1) // 7 + 1, 4),
            weekday=start.weekday(), month_day=str(start.day), month=start.month, day=start.day,
        )


def build_rule(repeat: Repeat, start: date) -> str:
    """The RRULE for the form's choices; ValueError with one sentence when it cannot be made."""
    days = ",".join(WEEKDAYS[d] for d in sorted(repeat.days))
    if repeat.kind in ("week", "weeks") and not repeat.days:
        raise ValueError("Tick at least one day of the week.")
    if repeat.kind == "day":
        return rule_presets.rule_from_preset("day", None, 1, start)
    if repeat.kind == "week":
        return rule_presets.rule_from_preset("week", days, 1, start)
    if repeat.kind == "weeks":
        text = repeat.interval.strip()
        if not text.isdigit() or not 1 <= int(text) <= 52:
            raise ValueError("Every how many weeks? Give a whole number from 1 to 52.")
        return rule_presets.rule_from_preset("week", days, int(text), start)
    if repeat.kind == "nth":
        word = dict((n, w) for w, n in PLACES)[repeat.place]
        on = f"{word} {WEEKDAYS[repeat.weekday]}"
        return rule_presets.rule_from_preset("month", on, 1, start)
    if repeat.kind == "monthday":
        text = repeat.month_day.strip().lower()
        if text != "last" and not (text.isdigit() and 1 <= int(text) <= 31):
            raise ValueError("Give a day of the month from 1 to 31, or last.")
        return rule_presets.rule_from_preset("month", text, 1, start)
    if repeat.kind == "year":
        try:
            date(2000, repeat.month, repeat.day)  # a leap year: 29 February is a real date
        except ValueError:
            name = calendar.month_name[repeat.month]
            raise ValueError(f"{name} has no day {repeat.day}.") from None
        return rule_presets.rule_from_preset("year", f"{repeat.month}-{repeat.day}", 1, start)
    return recurrence.validate_rule(repeat.custom, start=start)


_WEEKLY = re.compile(r"FREQ=WEEKLY(?:;INTERVAL=(\d+))?;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU),?)+")
_NTH = re.compile(r"FREQ=MONTHLY;BYDAY=(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)")


def repeat_of(rule: str, start: date) -> Repeat:
    """The form's choices for an existing rule (`custom` when no preset makes it)."""
    base = Repeat.starting(start)
    if rule == "FREQ=DAILY":
        return replace(base, kind="day")
    if match := _WEEKLY.fullmatch(rule):
        days = tuple(_CODES.index(code) for code in rule.rpartition("BYDAY=")[2].split(","))
        kind = "weeks" if match[1] else "week"
        return replace(base, kind=kind, days=days, interval=match[1] or "2")
    if match := _NTH.fullmatch(rule):
        return replace(base, kind="nth", place=int(match[1]), weekday=_CODES.index(match[2]))
    if match := re.fullmatch(r"FREQ=MONTHLY;BYMONTHDAY=(-1|\d+)", rule):
        return replace(base, kind="monthday", month_day="last" if match[1] == "-1" else match[1])
    if match := re.fullmatch(r"FREQ=YEARLY;BYMONTH=(\d+);BYMONTHDAY=(\d+)", rule):
        return replace(base, kind="year", month=int(match[1]), day=int(match[2]))
    return replace(base, kind="custom", custom=rule)


@dataclass(frozen=True, slots=True)
class RitualDraft:
    """What the form returns: the fields of `Store.add_ritual` / `Store.edit_ritual`."""

    title: str
    rule: str
    start: date
    members: tuple[str, ...]
    needs: str
    note: str

    @classmethod
    def of(cls, ritual: Ritual) -> RitualDraft:
        """The draft of an existing ritual, to edit it."""
        return cls(ritual.title, ritual.rule, ritual.start, ritual.members, ritual.needs,
                   ritual.note)


class RitualFormModal(ModalScreen[RitualDraft | None]):
    """Title, repeat rule, start, members, together or each, note; returns a `RitualDraft`."""

    CSS_PATH = ASSETS_DIR / "ritual_modals.tcss"

    HELP = """\
## A ritual

Name it, say how often it repeats, and who keeps it. The words under the form say how
each time counts, and the next five dates show what you chose. A weekly ritual counts
on any day of its week, so a Sunday dinner eaten on Monday still keeps it.

`ctrl+s` (or `enter` in a field) saves, `escape` cancels.
"""
    AUTO_FOCUS = "#form-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the ritual", id="form-save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="form-cancel"),
    ]

    def __init__(
        self,
        members: tuple[Member, ...],
        today: date,
        draft: RitualDraft | None = None,
        error: str = "",
    ) -> None:
        super().__init__()
        self.members = members
        """The family: who can keep the ritual."""
        self.today = today
        """Today, the default start and the first day of the preview."""
        self.draft = draft
        """The ritual being edited (or a draft the store refused), None for a new one."""
        self.error = error
        """Why the store refused the draft, shown at once."""

    def compose(self) -> ComposeResult:
        """The fields in a scrolling grid, then the words, the preview, the error, the buttons."""
        draft, start = self.draft, self.draft.start if self.draft else self.today
        repeat = repeat_of(draft.rule, start) if draft else Repeat.starting(start)
        chosen = set(draft.members) if draft else {m.id for m in self.members}
        heading = f"Edit {draft.title}" if draft and draft.title else "Add a ritual"
        with Vertical(id="ritual-form"):
            yield Static(heading, id="form-title", markup=False)
            with VerticalScroll(id="form-fields"):
                yield Label("Name")
                yield Input(draft.title if draft else "", placeholder="Sunday dinner",
                            id="form-name", compact=True)
                yield Label("Repeats")
                with Vertical(id="form-repeat-box"):
                    yield Select([(w, k) for k, w in PRESETS], value=repeat.kind,
                                 allow_blank=False, id="form-repeat", compact=True)
                    with Horizontal(id="form-days", classes="preset week weeks"):
                        for n, name in enumerate(WEEKDAYS):
                            yield Checkbox(name.title(), n in repeat.days, id=f"day-{n}",
                                           compact=True)
                    with Horizontal(classes="preset weeks"):
                        yield Label("every ")
                        yield Input(repeat.interval, id="form-interval", compact=True)
                        yield Label(" weeks")
                    with Horizontal(classes="preset nth"):
                        yield Label("on the ")
                        yield Select(PLACES, value=repeat.place, allow_blank=False,
                                     id="form-place", compact=True)
                        yield Select([(d.title(), n) for n, d in enumerate(WEEKDAYS)],
                                     value=repeat.weekday, allow_blank=False,
                                     id="form-weekday", compact=True)
                        yield Label(" of every month")
                    with Horizontal(classes="preset monthday"):
                        yield Label("on day ")
                        yield Input(repeat.month_day, id="form-month-day", compact=True)
                        yield Label(" of every month (1-31, or last)")
                    with Horizontal(classes="preset year"):
                        yield Label("on ")
                        yield Select([(str(d), d) for d in range(1, 32)], value=repeat.day,
                                     allow_blank=False, id="form-day", compact=True)
                        yield Select([(calendar.month_name[m], m) for m in range(1, 13)],
                                     value=repeat.month, allow_blank=False, id="form-month",
                                     compact=True)
                    yield Input(repeat.custom, placeholder="FREQ=MONTHLY;BYDAY=1SA",
                                id="form-custom", classes="preset custom", compact=True)
                yield Label("Starts")
                yield Input(start.isoformat(), placeholder="YYYY-MM-DD or today",
                            id="form-start", compact=True)
                yield Label("Who")
                with Horizontal(id="form-members"):
                    for member in self.members:
                        yield Checkbox(Content(member.name), member.id in chosen,
                                       id=f"member-{member.id}", compact=True)
                yield Label("Counts when")
                yield Select(
                    [("one of you ticks (you do it together)", "any"),
                     ("each of you ticks (each on your own side)", "all")],
                    value=draft.needs if draft else "any", allow_blank=False,
                    id="form-needs", compact=True,
                )
                yield Label("Note")
                yield Input(draft.note if draft else "", placeholder="Phones in the basket",
                            id="form-note", compact=True)
            yield Static(id="form-words")
            yield Static(id="form-preview")
            yield Static(self.error, id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="form-save")
                yield Button("Cancel", id="form-cancel")
                yield Static("ctrl+s saves · escape cancels", id="form-keys")

    def on_mount(self) -> None:
        """Show the words and the preview for what the form starts with."""
        self.query_one("#form-error").set_class(bool(self.error), "-shown")
        for box in self.query(Checkbox):
            self.mark(box)
        self.show_rule()

    @on(Checkbox.Changed)
    def mark(self, box: Checkbox | Checkbox.Changed) -> None:
        """A tick in a ticked box, so that its state is not shown by colour alone."""
        box = box.checkbox if isinstance(box, Checkbox.Changed) else box
        box.BUTTON_INNER = "✓" if box.value else " "
        box.refresh()

    def _repeat(self) -> Repeat:
        def picked(selector: str) -> int:
            return int(self.query_one(selector, Select).value)  # type: ignore[arg-type]

        return Repeat(
            kind=str(self.query_one("#form-repeat", Select).value),
            days=tuple(n for n in range(7) if self.query_one(f"#day-{n}", Checkbox).value),
            interval=self.query_one("#form-interval", Input).value,
            place=picked("#form-place"),
            weekday=picked("#form-weekday"),
            month_day=self.query_one("#form-month-day", Input).value,
            month=picked("#form-month"),
            day=picked("#form-day"),
            custom=self.query_one("#form-custom", Input).value,
        )

    def _members(self) -> tuple[Member, ...]:
        return tuple(
            m for m in self.members if self.query_one(f"#member-{m.id}", Checkbox).value
        )

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def show_rule(self) -> None:
        """Say the rule in words and preview the next five dates, or say what is wrong."""
        repeat = self._repeat()
        for box in self.query(".preset"):
            box.display = box.has_class(repeat.kind)
        try:
            start = parse_day(self.query_one("#form-start", Input).value, self.today)
        except TandemError as error:
            start, problem = self.today, str(error)
        else:
            problem = ""
        words, preview = self.query_one("#form-words", Static), self.query_one("#form-preview")
        try:
            rule = build_rule(repeat, start)
        except ValueError as error:
            words.update(Content.from_markup("[b $text-error]⚠ $e[/]", e=str(error)))
            preview.update("")  # type: ignore[attr-defined]
            return
        needs = str(self.query_one("#form-needs", Select).value)
        names = [m.name for m in self._members()]
        words.update(
            Content.from_markup(
                "[b]Repeats $rule[/b]: $window.",
                rule=rule_words.describe(rule, start),
                window=rule_words.window_text(rule, start, needs, names),
            )
        )
        dates = recurrence.next_occurrences(rule, start, max(start, self.today), 5)
        shown = " · ".join(short_day(day, self.today) for day in dates) or "no dates"
        line = Content.from_markup("[b]Next five:[/b] $dates", dates=shown)
        if problem:
            line = Content.from_markup("[b $text-error]⚠ $e[/]", e=problem)
        preview.update(line)  # type: ignore[attr-defined]

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        """Check every field; dismiss with the draft, or show the first problem inline."""
        fields = self.query_one
        try:
            focus = "#form-name"
            title = clean_title(fields("#form-name", Input).value, "name")
            focus = "#form-start"
            start = parse_day(fields("#form-start", Input).value, self.today, "start date")
            focus = "#form-repeat"
            try:
                rule = build_rule(self._repeat(), start)
            except ValueError as error:
                raise TandemError(str(error)) from None
            focus = "#form-members"
            members = tuple(m.id for m in self._members())
            if not members:
                raise TandemError("Tick at least one person who keeps this ritual.")
            focus = "#form-note"
            note = clean_note(fields("#form-note", Input).value)
        except TandemError as error:
            shown = fields("#form-error", Static)
            shown.update(str(error))
            shown.add_class("-shown")
            fields(focus).focus()
            return
        needs = str(fields("#form-needs", Select).value)
        self.dismiss(RitualDraft(title, rule, start, members, needs, note))

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
