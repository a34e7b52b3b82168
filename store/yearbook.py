"""The year book: what a family kept, did, reached and cheered in one year.

`build_yearbook` is pure (records in, a `YearBook` out; "today" is an argument);
`store.yearbook_render` writes a book out as Markdown or HTML.

Ritual figures follow DESIGN section 4: occurrence k covers the window [occ_k, occ_k+1); a
window belongs to the month (and year) its occurrence falls in, even when it is kept in the
next; a skipped window is left out of both counts; the window holding "today" counts only
once it is kept. The best streak is the longest run of kept windows within the year (a skip
neither breaks nor extends it).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from store import recurrence, rule_words
from store.models import Goal, Member, Moment, Ritual, Tick

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RitualYear:
    """One ritual's year: kept and possible windows per month, and its best streak."""

    title: str
    rule_text: str
    kept: tuple[int, ...]
    """Kept windows by month (12 numbers, January first)."""
    possible: tuple[int, ...]
    """Windows that counted by month: elapsed and not skipped, or kept."""
    best_streak: int

    @property
    def kept_total(self) -> int:
        """Windows kept in the year."""
        return sum(self.kept)

    @property
    def possible_total(self) -> int:
        """Windows that counted in the year."""
        return sum(self.possible)


@dataclass(frozen=True, slots=True)
class MomentEntry:
    """A moment of the year, with who was there."""

    date: date
    title: str
    note: str
    mood: int | None
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoalEntry:
    """A goal reached in the year and the pledges of support it had."""

    title: str
    owner: str
    achieved_at: date
    why: str
    supporters: tuple[tuple[str, str], ...]
    """(name, pledge) pairs."""


@dataclass(frozen=True, slots=True)
class CheerEntry:
    """A cheer given in the year."""

    date: date
    by: str
    goal: str
    owner: str
    text: str


@dataclass(frozen=True, slots=True)
class YearBook:
    """Everything the year book shows, in display order."""

    year: int
    title: str
    as_of: date | None
    """The day the figures stop at while the year is not over, else None."""
    future: bool
    """The year has not begun yet."""
    rituals: tuple[RitualYear, ...]
    """Rituals kept at least once in the year, by title."""
    moments: tuple[tuple[int, tuple[MomentEntry, ...]], ...]
    """(month 1-12, moments of that month by date), months without moments left out."""
    goals: tuple[GoalEntry, ...]
    cheers: tuple[CheerEntry, ...]

    @property
    def empty(self) -> bool:
        """True when nothing at all happened in the year."""
        return not (self.rituals or self.moments or self.goals or self.cheers)

    @property
    def moment_count(self) -> int:
        """How many moments the book holds."""
        return sum(len(entries) for _, entries in self.moments)


def family_name(names: Sequence[str]) -> str:
    """"Sarah & Leo"; "Ann, Bob & Cy"; "Tandem" without members."""
    if not names:
        return "Tandem"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} & {names[-1]}"


def book_title(names: Sequence[str], year: int) -> str:
    """The year book's title: "Sarah & Leo — 2026"."""
    return f"{family_name(names)} — {year}"


def build_yearbook(
    year: int,
    today: date,
    members: Sequence[Member],
    rituals: Sequence[Ritual],
    ticks: Mapping[str, Sequence[Tick]],
    moments: Sequence[Moment],
    goals: Sequence[Goal],
    names: Mapping[str, str] | None = None,
) -> YearBook:
    """Compute the year book of `year` as of `today`.

    Args:
        year: the calendar year (1..9998).
        today: figures ignore anything after it.
        members: the family, in display order (for the title).
        rituals: rituals, archived ones included (their history belongs to the year).
        ticks: each ritual's live ticks, by ritual id.
        moments: every moment; planned ones are left out.
        goals: every goal.
        names: member id to name (default: from `members`); deleted members keep a name.

    Returns:
        The year book.
    """
    who = dict(names) if names is not None else {m.id: m.name for m in members}
    first, last = date(year, 1, 1), date(year, 12, 31)
    as_of = today if first <= today <= last else None
    kept = [
        figures
        for ritual in rituals
        if (figures := ritual_year(ritual, ticks.get(ritual.id, ()), year, today)).kept_total
    ]
    kept.sort(key=lambda r: (r.title.casefold(), r.title))
    by_month: dict[int, list[MomentEntry]] = {}
    for moment in sorted(moments, key=lambda m: (m.date, m.created_at, m.id)):
        if moment.planned or moment.date.year != year or moment.date > today:
            continue
        people = tuple(who.get(m, "?") for m in moment.members)
        entry = MomentEntry(moment.date, moment.title, moment.note, moment.mood, people)
        by_month.setdefault(moment.date.month, []).append(entry)
    reached = [
        GoalEntry(g.title, who.get(g.owner, "?"), g.achieved_at, g.why,
                  tuple((who.get(s.by, "?"), s.pledge) for s in g.supports))
        for g in goals
        if g.status == "achieved" and g.achieved_at is not None and g.achieved_at.year == year
        and g.achieved_at <= today
    ]
    reached.sort(key=lambda g: (g.achieved_at, g.title))
    cheers = [
        CheerEntry(c.at.date(), who.get(c.by, "?"), g.title, who.get(g.owner, "?"), c.text)
        for g in goals
        for c in g.cheers
        if c.at.year == year and c.at.date() <= today
    ]
    cheers.sort(key=lambda c: (c.date, c.goal, c.by, c.text))
    return YearBook(
        year=year,
        title=book_title([m.name for m in members], year),
        as_of=as_of,
        future=first > today,
        rituals=tuple(kept),
        moments=tuple((month, tuple(entries)) for month, entries in sorted(by_month.items())),
        goals=tuple(reached),
        cheers=tuple(cheers),
    )


def ritual_year(ritual: Ritual, ticks: Sequence[Tick], year: int, today: date) -> RitualYear:
    """One ritual's windows that start in `year` (up to `today`), counted by month."""
    kept, possible = [0] * 12, [0] * 12
    best = run = 0
    ordered = sorted(ticks, key=lambda t: t.date)
    days = [t.date for t in ordered]
    for start, end in _windows(ritual, year, today):
        stop = min(end, today + _ONE_DAY)
        inside = ordered[bisect_left(days, start) : bisect_left(days, stop)]
        doers = {t.by for t in inside if t.kind == "done"}
        if ritual.needs == "all" and ritual.members:
            satisfied = set(ritual.members) <= doers
        else:
            satisfied = bool(doers)
        if satisfied:
            kept[start.month - 1] += 1
            possible[start.month - 1] += 1
            run += 1
            best = max(best, run)
        elif any(t.kind == "skip" for t in inside):
            continue  # excused: neither breaks nor extends the streak
        elif end > today:
            break  # the due window: not missed until it ends
        else:
            possible[start.month - 1] += 1
            run = 0
    text = rule_words.describe(ritual.rule, ritual.start)
    return RitualYear(ritual.title, text, tuple(kept), tuple(possible), best)


def _windows(ritual: Ritual, year: int, today: date) -> list[tuple[date, date]]:
    """[occ_k, occ_k+1) for the occurrences in `year` up to `today`, as `store.streaks` has them."""
    rule, start = ritual.rule, ritual.start
    if date(year, 1, 1) > today:
        return []
    high = today + _ONE_DAY if year >= today.year else date(year + 1, 1, 1)
    starts = recurrence.occurrences(rule, start, date(year, 1, 1), high)
    if not starts:
        return []
    following = recurrence.next_occurrence(rule, start, starts[-1])
    if following is None:  # a finite rule's last window is as long as the one before it
        previous = starts[-2] if len(starts) >= 2 else recurrence.previous_occurrence(
            rule, start, starts[-1] - _ONE_DAY
        )
        if previous is not None:
            following = starts[-1] + (starts[-1] - previous)
        else:
            following = starts[-1] + recurrence.nominal_period(rule)
    return list(zip(starts, [*starts[1:], following], strict=True))
