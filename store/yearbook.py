"""The year book: what a family kept, did, reached and cheered in one year, as Markdown or HTML.

`build_yearbook` is pure (records in, a `YearBook` out; "today" is an argument).
`yearbook_blocks` turns a book into a few document blocks (headings, paragraphs, bullet
lists, a table), and `render_markdown` / `render_html` write those blocks out, escaping the
family's text for each format.

Ritual figures follow DESIGN section 4: occurrence k covers the window [occ_k, occ_k+1); a
window belongs to the month (and year) its occurrence falls in, even when it is kept in the
next; a skipped window is left out of both counts; the window holding "today" counts only
once it is kept. The best streak is the longest run of kept windows within the year (a skip
neither breaks nor extends it).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from store import recurrence
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
    text = recurrence.describe(ritual.rule, ritual.start)
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


# -- document blocks -------------------------------------------------------------------------

Span = tuple[str, str]
"""(style, text): style is "" (plain), "strong" or "em"."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the document: heading, paragraph, bullets or table."""

    kind: str
    """"h1", "h2", "h3", "p", "ul" or "table"."""
    spans: tuple[Span, ...] = ()
    """The text of a heading or paragraph."""
    items: tuple[tuple[Span, ...], ...] = ()
    """Bullet items, or table rows (one plain span per cell; the first row is the header)."""


def _long(day: date, year: bool = False) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def yearbook_blocks(book: YearBook) -> list[Block]:
    """The year book as document blocks, ready for `render_markdown` or `render_html`."""
    blocks = [Block("h1", (("", book.title),))]
    if book.empty:
        if book.future:
            text = (f"{book.year} has not happened yet. When it does, the rituals you keep, "
                    "the moments you share and the goals you reach will fill these pages.")
        else:
            text = (f"Nothing was written down in {book.year}: no ritual kept, no moment, "
                    "no goal reached, no cheer. That is all right; every story has quiet "
                    "chapters. Tick a ritual or log a moment together, and it will be here.")
        return [*blocks, Block("p", (("", text),))]
    lead = f"What you kept, shared, reached and cheered in {book.year}"
    lead += f", up to {_long(book.as_of)}." if book.as_of else "."
    blocks.append(Block("p", (("em", lead),)))
    if book.rituals:
        blocks.append(Block("h2", (("", "Rituals kept"),)))
        blocks.append(Block("ul", items=tuple(
            (("strong", r.title), ("", f" ({r.rule_text}): kept {r.kept_total} of "
             f"{r.possible_total} ({round(100 * r.kept_total / r.possible_total)}%), best "
             f"streak {r.best_streak} in a row."))
            for r in book.rituals
        )))
        blocks.append(Block("h3", (("", "Month by month"),)))
        blocks.append(Block("p", (("", "Kept out of possible in each month; · means nothing "
                                       "was due."),)))
        header = (("", "Ritual"), *(("", m[:3]) for m in MONTHS), ("", "Year"))
        rows = [header] + [
            (("", r.title),
             *(("", f"{k}/{p}" if p else "·") for k, p in zip(r.kept, r.possible, strict=True)),
             ("", f"{r.kept_total}/{r.possible_total}"))
            for r in book.rituals
        ]
        blocks.append(Block("table", items=tuple(rows)))
    if book.moments:
        blocks.append(Block("h2", (("", "Moments"),)))
        for month, entries in book.moments:
            blocks.append(Block("h3", (("", MONTHS[month - 1]),)))
            blocks.append(Block("ul", items=tuple(_moment_item(m) for m in entries)))
    if book.goals:
        blocks.append(Block("h2", (("", "Goals reached"),)))
        blocks.append(Block("ul", items=tuple(_goal_item(g) for g in book.goals)))
    if book.cheers:
        blocks.append(Block("h2", (("", "Cheers"),)))
        blocks.append(Block("ul", items=tuple(
            (("", f"{_long(c.date)}, {c.by} to {c.owner} on "), ("em", c.goal),
             ("", f": “{c.text}”"))
            for c in book.cheers
        )))
    return blocks


def _moment_item(m: MomentEntry) -> tuple[Span, ...]:
    spans: list[Span] = [("strong", f"{_long(m.date)}: {m.title}")]
    extra = []
    if m.people:
        extra.append("with " + " & ".join(m.people))
    if m.mood is not None:
        extra.append(f"mood {m.mood} of 5")
    if extra:
        spans.append(("", f" ({', '.join(extra)})"))
    if m.note:
        spans.append(("", f". {m.note}"))
    return tuple(spans)


def _goal_item(g: GoalEntry) -> tuple[Span, ...]:
    spans: list[Span] = [
        ("strong", g.title), ("", f", {g.owner}, reached on {_long(g.achieved_at)}.")
    ]
    if g.why:
        spans.append(("", f" Why: {g.why}"))
    if g.supporters:
        helped = "; ".join(f"{name}: “{pledge}”" for name, pledge in g.supporters)
        spans.append(("", f" Supported by {helped}."))
    return tuple(spans)


# -- renderers -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])", re.MULTILINE)


def _md_text(text: str) -> str:
    """Escape the family's text so Markdown shows it as written (and keeps line breaks)."""
    escaped = _MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], _MD_SPECIAL.sub(r"\\\1", text))
    return escaped.replace("\n", "  \n  ")


def _md_spans(spans: Sequence[Span]) -> str:
    marks = {"strong": "**", "em": "*", "": ""}
    out = []
    for style, text in spans:
        if not text:
            continue
        mark = marks[style]
        out.append(f"{mark}{_md_text(text)}{mark}")
    return "".join(out)


def render_markdown(blocks: Sequence[Block]) -> str:
    """Markdown (CommonMark with a GitHub-style table) for the blocks."""
    out: list[str] = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3"):
            out.append("#" * int(block.kind[1]) + " " + _md_spans(block.spans))
        elif block.kind == "p":
            out.append(_md_spans(block.spans))
        elif block.kind == "ul":
            out.append("\n".join(f"- {_md_spans(item)}" for item in block.items))
        elif block.kind == "table":
            header, *rows = block.items
            lines = ["| " + " | ".join(_md_spans((cell,)) for cell in header) + " |",
                     "|" + "|".join([":---", *("---:" for _ in header[1:])]) + "|"]
            lines += ["| " + " | ".join(_md_spans((cell,)) for cell in row) + " |" for row in rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _html_spans(spans: Sequence[Span]) -> str:
    out = []
    for style, text in spans:
        body = html.escape(text, quote=True).replace("\n", "<br>\n")
        out.append(f"<{style}>{body}</{style}>" if style else body)
    return "".join(out)


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}table{border-collapse:collapse;font-variant-numeric:tabular-nums}"
    "th,td{padding:.2rem .5rem;border-bottom:1px solid #ccc;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
)


def render_html(blocks: Sequence[Block]) -> str:
    """A small standalone HTML page for the blocks; every text is escaped."""
    title = next((b for b in blocks if b.kind == "h1"), None)
    head = html.escape("".join(text for _, text in title.spans)) if title else "Year book"
    body: list[str] = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3", "p"):
            body.append(f"<{block.kind}>{_html_spans(block.spans)}</{block.kind}>")
        elif block.kind == "ul":
            items = "".join(f"<li>{_html_spans(item)}</li>\n" for item in block.items)
            body.append(f"<ul>\n{items}</ul>")
        elif block.kind == "table":
            header, *rows = block.items
            cells = "".join(f"<th>{_html_spans((cell,))}</th>" for cell in header)
            lines = [f"<table>\n<thead><tr>{cells}</tr></thead>\n<tbody>"]
            for row in rows:
                lines.append("<tr>" + "".join(f"<td>{_html_spans((c,))}</td>" for c in row)
                             + "</tr>")
            lines.append("</tbody>\n</table>")
            body.append("\n".join(lines))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{head}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body) + "\n</body>\n</html>\n"
    )
