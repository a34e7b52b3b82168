"""Commands about the data file: `export`, `import`, `merge`, `backup`, `doctor`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from store.errors import DataFileError, RejectedInput
from tui.cli import Context, Parser


def register(commands: Any) -> None:
    """Add the file commands to the parser."""
    export = commands.add_parser("export", help="write everything out: json, csv or ics")
    export.add_argument("--format", choices=("json", "csv", "ics"), default="json")
    export.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
    export.set_defaults(handler=run_export)
    imp = commands.add_parser(
        "import", help="merge in a Tandem JSON export or a Loop Habit Tracker CSV export"
    )
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=run_import)
    merge = commands.add_parser("merge", help="merge another copy of the data file in")
    merge.add_argument("file", type=Path)
    merge.set_defaults(handler=run_merge)
    backup = commands.add_parser("backup", help="list or restore the daily backups")
    sub = backup.add_subparsers(dest="action", required=True, parser_class=Parser)
    listing = sub.add_parser("list", help="list backups, newest first")
    listing.set_defaults(handler=run_backup_list)
    restore = sub.add_parser("restore", help="restore a backup (the newest valid one by default)")
    restore.add_argument("name", nargs="?", help="a name from 'tandem backup list'")
    restore.set_defaults(handler=run_backup_restore)
    doctor = commands.add_parser("doctor", help="check the data file and its backups")
    doctor.set_defaults(handler=run_doctor)


def write_output(ctx: Context, text: str, output: Path | None) -> None:
    """Write to `-o FILE` (atomically enough: a temp file, then a rename) or stdout."""
    if output is None:
        ctx.out.write(text)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise RejectedInput(f"Could not write {output}: {error.strerror}.") from None
    print(f"Wrote {output}.", file=sys.stderr)


def read_json_file(path: Path, what: str) -> dict[str, Any]:
    """Read a JSON object from a file, or refuse it in one sentence."""
    try:
        value = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise RejectedInput(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise RejectedInput(f"{path} is a folder, not {what}.") from None
    except (UnicodeDecodeError, ValueError):
        raise RejectedInput(f"{path} is not {what}: it is not valid JSON.") from None
    except OSError as error:
        raise RejectedInput(f"Could not read {path}: {error.strerror}.") from None
    if not isinstance(value, dict):
        raise RejectedInput(f"{path} is not {what}.")
    return value


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem export --format json [-o FILE]`"""
    from store.exchange import export_json

    if args.format != "json":
        from tui.cli_exports import export_other

        return export_other(ctx, args)
    data = export_json(ctx.store.raw_data())
    write_output(ctx, json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
    return 0


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem import FILE`: a Tandem JSON export, or a Loop Habit Tracker CSV export."""
    from tui.cli_exports import import_other

    status = import_other(ctx, args.file)
    if status is not None:
        return status
    exported = read_json_file(args.file, "a Tandem export")
    try:
        result = ctx.store.import_export(exported)
    except ValueError as error:
        raise RejectedInput(f"{args.file}: {error}") from None
    _report(ctx, result, f"Imported {args.file}")
    return 0


def run_merge(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem merge FILE`"""
    other = read_json_file(args.file, "a Tandem data file")
    from store.datafile import validate_data

    try:
        validate_data(args.file, other)
    except DataFileError as error:
        raise RejectedInput(str(error)) from None
    try:
        result = ctx.store.merge_in(other)
    except ValueError as error:
        raise RejectedInput(f"{args.file}: {error}") from None
    _report(ctx, result, f"Merged {args.file}")
    return 0


def _report(ctx: Context, result: Any, headline: str) -> None:
    lines = list(getattr(result, "lines", ()) or ())
    ctx.print(f"{headline}: " + ("; ".join(lines) if lines else "nothing new") + ".")


def run_backup_list(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem backup list`: works even when the data file itself is damaged."""
    from store.backups import list_backups

    backups = list_backups(ctx.db_path)
    if not backups:
        ctx.print(f"No backups yet beside {ctx.db_path} (one is made each day Tandem is used).")
        return 0
    for info in backups:
        state = "ok" if info.valid else f"NOT USABLE: {info.problem}"
        ticks = info.counts.get("ticks")
        extra = f", {ticks} ticks" if ticks is not None else ""
        ctx.print(f"{info.name}  {info.kind}  {info.size:,} bytes{extra}  {state}")
    return 0


def run_backup_restore(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem backup restore [NAME]`: saves the current file first, then restores."""
    from store.backups import restore_backup

    result = restore_backup(ctx.db_path, args.name, now=ctx.clock.now())
    if result.saved_current is not None:
        ctx.print(f"Saved the current file as {result.saved_current}.")
    ctx.print(f"Restored {ctx.db_path} from {result.restored_from.name}.")
    return 0


def run_doctor(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem doctor`: exit 0 when the file is usable, 3 when it needs recovery."""
    from store.doctor import doctor

    report = doctor(ctx.db_path, ctx.today)
    marks = {"ok": "ok  ", "warn": "warn", "error": "FAIL"}
    for finding in report.findings:
        ctx.print(f"{marks.get(finding.level, finding.level)}  {finding.message}")
    return 0 if report.ok else 3
