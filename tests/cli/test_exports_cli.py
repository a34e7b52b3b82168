"""`tandem export --format ics|csv`, `tandem report` and `tandem import` of a Loop export."""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from store.clock import FixedClock
from store.demo import demo_family
from store.errors import TandemError
from store.repository import Store
from tui import cli_exports
from tui.cli import Context, Parser, main

TODAY = "2026-11-22"
LOOP = Path(__file__).parent.parent / "data" / "loop_export"


def tandem(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--db", str(db), "--today", TODAY, *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "family.json"
    status, _, err = tandem(path, capsys, "init", "--member", "Mum:mother", "--member", "Leo:son")
    assert status == 0, err
    assert tandem(path, capsys, "ritual", "add", "Чай вместе", "--every", "day",
                  "--start", "2026-11-01")[0] == 0
    assert tandem(path, capsys, "tick", "Чай", "--date", "2026-11-20", "--by", "Leo",
                  "--note", "Пирог 🥧\nand a long talk")[0] == 0
    return path


@pytest.fixture
def ctx(db: Path) -> Iterator[Context]:
    context = Context(db, FixedClock(date.fromisoformat(TODAY)), None, out=io.StringIO())
    yield context
    if context._store is not None:
        context._store.close()


def run(handler: Callable[[], int | None]) -> tuple[int | None, str]:
    """Call a handler the way `tui.cli.main` does: a TandemError becomes its exit status."""
    try:
        return handler(), ""
    except TandemError as error:
        return error.exit_code, str(error)


def test_ics_to_stdout_and_to_a_file(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = tandem(db, capsys, "export", "--format", "ics")
    assert status == 0
    [event] = Calendar.from_ical(out).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Чай вместе"
    assert event.decoded("DTSTART") == date(2026, 11, 1)
    target = db.parent / "family.ics"
    status, out, err = tandem(db, capsys, "export", "--format", "ics", "-o", str(target))
    assert (status, out, err) == (0, "", f"Wrote {target}.\n")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_csv_needs_a_folder_or_a_zip(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = tandem(db, capsys, "export", "--format", "csv")
    assert status == 1
    assert err == "tandem: CSV export writes several files; give -o FOLDER or -o FILE.zip\n"
    taken = db.parent / "notes.txt"
    taken.write_text("mine")
    status, _, err = tandem(db, capsys, "export", "--format", "csv", "-o", str(taken))
    assert status == 1 and "is a file" in err and taken.read_text() == "mine"


@pytest.mark.parametrize("name", ["sheets", "sheets.zip"])
def test_csv_folder_or_zip(db: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    target = db.parent / name
    status, _, err = tandem(db, capsys, "export", "--format", "csv", "-o", str(target))
    assert status == 0 and err.startswith(f"Wrote {target} (ticks.csv")
    if name.endswith(".zip"):
        data = zipfile.ZipFile(target).read("ticks.csv")
    else:
        data = (target / "ticks.csv").read_bytes()
    [row] = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert row["ritual"] == "Чай вместе" and row["by"] == "Leo"
    assert row["note"] == "Пирог 🥧\nand a long talk"


def test_report_registers_and_writes_markdown(ctx: Context) -> None:
    parser = Parser(prog="tandem")
    cli_exports.register(parser.add_subparsers(dest="command", parser_class=Parser))
    args = parser.parse_args(["report", "--year", "2026"])
    assert args.handler(ctx, args) == 0
    text = ctx.out.getvalue()
    assert text.startswith("# Mum & Leo — 2026\n")
    assert "**Чай вместе**" in text and "kept 1 of 21 (5%)" in text


def test_report_as_html_from_the_suffix(ctx: Context, tmp_path: Path) -> None:
    target = tmp_path / "book.html"
    args = argparse.Namespace(year="2026", output=target, format=None)
    assert cli_exports.run_report(ctx, args) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h1>Mum &amp; Leo — 2026</h1>" in page


def test_report_on_the_demo_family(tmp_path: Path) -> None:
    today = date.fromisoformat(TODAY)
    context = Context(tmp_path / "unused.json", FixedClock(today), None, out=io.StringIO())
    context._store = Store.in_memory(FixedClock(today))
    context._store.storage.write(demo_family(today))
    assert cli_exports.run_report(context, argparse.Namespace(year="2025", output=None,
                                                              format="md")) == 0
    text = context.out.getvalue()
    moments = [m for m in context._store.list_moments() if m.date.year == 2025]
    assert text.count("\n- **") == 6 + len(moments)  # six rituals, then every moment


@pytest.mark.parametrize("year", ["26", "abcd", "02026x", "0999"])
def test_report_wants_a_four_digit_year(ctx: Context, year: str) -> None:
    status, message = run(lambda: cli_exports.run_report(
        ctx, argparse.Namespace(year=year, output=None, format=None)))
    assert status == 1 and message.startswith("--year takes a four-digit year")


def test_report_of_an_empty_year(ctx: Context) -> None:
    cli_exports.run_report(ctx, argparse.Namespace(year="2019", output=None, format=None))
    assert "Nothing was written down in 2019" in ctx.out.getvalue()


def test_import_other_leaves_json_to_the_caller(ctx: Context, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    exported.write_text("{}")
    assert cli_exports.import_other(ctx, exported) is None
    assert cli_exports.import_other(ctx, tmp_path / "missing.json") is None


def test_import_a_loop_export_as_the_member_at_the_keyboard(ctx: Context) -> None:
    ctx.as_name = "Leo"
    assert cli_exports.import_other(ctx, LOOP) == 0
    out = ctx.out.getvalue()
    assert out.startswith(f"Imported {LOOP} (Loop Habit Tracker, 3 habits) for Leo: 3 new rituals;")
    assert "6 ticks by Leo on Walk together" in out
    assert "Left out 1 numerical habit (a Tandem tick has no amount): Water." in out
    titles = {r.title for r in ctx.store.list_rituals(include_archived=True)}
    assert titles == {"Чай вместе", "Walk together", "Call Grandma", "Read aloud"}
    assert cli_exports.import_other(ctx, LOOP) == 0
    assert ctx.out.getvalue().splitlines()[-2].endswith("for Leo: nothing new.")


def test_import_asks_who_in_a_family_of_two(ctx: Context) -> None:
    status, message = run(lambda: cli_exports.import_other(ctx, LOOP))
    assert status == 2 and message.startswith("Say who:")
    assert ctx.store.list_rituals() != () and len(ctx.store.list_rituals()) == 1


def test_import_into_a_new_file_needs_a_member(tmp_path: Path) -> None:
    today = date.fromisoformat(TODAY)
    context = Context(tmp_path / "new.json", FixedClock(today), None, out=io.StringIO())
    try:
        status, message = run(lambda: cli_exports.import_other(context, LOOP))
    finally:
        if context._store is not None:
            context._store.close()
    assert status == 1 and message.startswith("No members yet")


def test_a_broken_loop_file_is_refused_in_one_sentence(ctx: Context, tmp_path: Path) -> None:
    broken = tmp_path / "loop"
    shutil.copytree(LOOP, broken)
    (broken / "Checkmarks.csv").write_text("Date,Walk together,\n2026-11-22,MAYBE,\n")
    shutil.rmtree(broken / "001 Walk together")
    ctx.as_name = "Mum"
    status, message = run(lambda: cli_exports.import_other(ctx, broken))
    assert status == 1
    assert message == f"{broken}: Checkmarks.csv line 2: 'MAYBE' is not a Loop check-mark value."
    assert len(ctx.store.list_rituals()) == 1


def test_report_of_the_last_four_digit_year(ctx: Context) -> None:
    cli_exports.run_report(ctx, argparse.Namespace(year="9999", output=None, format=None))
    assert "9999 has not happened yet" in ctx.out.getvalue()
