"""Commands out of (and into) the terminal: calendar and spreadsheet exports, the year book, Loop.

`tandem export --format ics|csv` (through `export_other`), `tandem report --year YYYY`
(registered here) and `tandem import` of a Loop Habit Tracker CSV export (through
`import_other`, which says None when the file is not one).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from store.errors import RejectedInput
from tui import __version__
from tui.cli import Context


def register(commands: Any) -> None:
    """Add `report` to the parser."""
    report = commands.add_parser("report", help="write the year book (Markdown or HTML)")
    report.add_argument("--year", metavar="YYYY", help="the year (default: this year)")
    report.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
    report.add_argument(
        "--format", choices=("md", "html"), help="md or html (default: from -o's suffix, or md)"
    )
    report.set_defaults(handler=run_report)


def run_report(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem report --year YYYY [-o FILE] [--format md|html]`"""
    from store.yearbook_render import render_html, render_markdown, yearbook_blocks
    from tui.cli_files import write_output

    year = _year(args.year, ctx.today.year)
    output: Path | None = args.output
    kind = args.format or (
        "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"
    )
    blocks = yearbook_blocks(ctx.store.year_book(year))
    write_output(ctx, render_html(blocks) if kind == "html" else render_markdown(blocks), output)
    return 0


def _year(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not re.fullmatch(r"\d{4}", text.strip()) or int(text) < 1000:
        raise RejectedInput(f"--year takes a four-digit year such as 2026, not {text!r}.")
    return int(text)


def export_other(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem export --format csv|ics [-o FILE]` (json stays in `cli_files.run_export`)."""
    if args.format == "ics":
        return _export_ics(ctx, args.output)
    if args.format == "csv":
        return _export_csv(ctx, args.output)
    raise RejectedInput(f"Tandem cannot export the format {args.format!r}.")


def _export_ics(ctx: Context, output: Path | None) -> int:
    from store.export_ics import calendar_ics
    from store.yearbook import family_name

    store = ctx.store
    names = [member.name for member in store.list_members()]
    data = calendar_ics(
        store.list_rituals(),
        store.list_moments(),
        store.list_goals(),
        store.member_names(),
        stamp=ctx.clock.now(),
        product=f"-//Tandem//tandem {__version__}//EN",
        calendar_name=f"Tandem: {family_name(names)}",
    )
    if output is None:
        buffer = getattr(ctx.out, "buffer", None)
        if buffer is not None:  # bytes as they are: iCalendar lines end in CRLF on every system
            ctx.out.flush()
            buffer.write(data)
            buffer.flush()
        else:
            ctx.out.write(data.decode("utf-8"))
        return 0
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, output)
    except OSError as error:
        raise RejectedInput(f"Could not write {output}: {error.strerror}.") from None
    finally:
        tmp.unlink(missing_ok=True)
    print(f"Wrote {output}.", file=sys.stderr)
    return 0


def _export_csv(ctx: Context, output: Path | None) -> int:
    from store.exchange import export_json
    from store.export_csv import csv_tables, write_csv

    if output is None:
        raise RejectedInput("CSV export writes several files; give -o FOLDER or -o FILE.zip")
    if output.suffix.lower() != ".zip" and output.exists() and not output.is_dir():
        raise RejectedInput(f"{output} is a file; give -o FOLDER or -o FILE.zip for CSV.")
    tables = csv_tables(export_json(ctx.store.raw_data()))
    try:
        write_csv(tables, output)
    except OSError as error:
        raise RejectedInput(f"Could not write {output}: {error.strerror or error}.") from None
    print(f"Wrote {output} ({', '.join(tables)}).", file=sys.stderr)
    return 0


def import_other(ctx: Context, path: Path) -> int | None:
    """`tandem import FILE` for a Loop Habit Tracker CSV export (zip, folder or Habits.csv).

    Returns:
        None when `path` is not a Loop export (the caller then reads it as Tandem JSON),
        else the exit status.
    """
    from store.loop_import import find_loop_export, plan_import, read_loop_export

    try:
        read = find_loop_export(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise RejectedInput(f"Could not read {path}: {_reason(error)}.") from None
    if read is None:
        return None
    try:
        habits = read_loop_export(read)
    except UnicodeDecodeError:
        raise RejectedInput(f"{path}: a file of the Loop export is not UTF-8 text.") from None
    except ValueError as error:
        raise RejectedInput(f"{path}: {error}.") from None
    except OSError as error:
        raise RejectedInput(f"Could not read {path}: {_reason(error)}.") from None
    store = ctx.store
    member = store.member(ctx.who(None, "--as"))
    existing: dict[str, str] = {}
    for ritual in store.list_rituals(include_archived=True):
        existing[ritual.id] = ritual.id
        existing.setdefault(_fold(ritual.title), ritual.id)
    plan = plan_import(habits, member.id, member.name, existing, ctx.today, ctx.clock.now())
    try:
        result = store.import_export(plan.exported)
    except ValueError as error:
        raise RejectedInput(f"{path}: {error}") from None
    lines = list(getattr(result, "lines", ()) or ())
    ctx.print(
        f"Imported {path} (Loop Habit Tracker, {len(plan.rituals)} habits) for {member.name}: "
        + ("; ".join(lines) if lines else "nothing new")
        + "."
    )
    if plan.left_out:
        count = len(plan.left_out)
        ctx.print(
            f"Left out {count} numerical habit{'s' if count != 1 else ''} (a Tandem tick has "
            f"no amount): {', '.join(plan.left_out)}."
        )
    return 0


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return "it is not a readable zip file" if isinstance(error, zipfile.BadZipFile) else str(error)
