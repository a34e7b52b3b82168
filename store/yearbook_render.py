"""The year book as a document: a few blocks, written out as Markdown or as an HTML page.

`yearbook_blocks` turns a book into document blocks (headings, paragraphs, bullet lists, a
table), and `render_markdown` / `render_html` write those blocks out, escaping the family's
text for each format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from store.yearbook import MONTHS, GoalEntry, MomentEntry, YearBook

__all__ = ["Block", "Span", "render_html", "render_markdown", "yearbook_blocks"]

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
