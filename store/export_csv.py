"""Spreadsheet export: one CSV file per kind of record, in a folder or a .zip.

`tandem export --format csv -o PATH` flattens the logical export (`store.exchange.export_json`)
into these files. Dates are ISO `YYYY-MM-DD`, times ISO-8601 UTC; yes/no columns hold `yes`
or `no`; lists of names are joined with `; `; a column that holds several texts (pledges,
cheers) puts one per line inside the cell. Every file is UTF-8 with a byte-order mark,
comma-separated, with CRLF line ends and RFC 4180 quoting (a note with a comma, a quote or
a newline is quoted, so it stays in its cell).

ticks.csv      ritual, date, by, kind, note, ritual_id
               One row per tick: `kind` is `done` or `skip`; `note` is the tick's note or the
               skip's reason; `ritual` is the ritual's title.
moments.csv    date, title, planned, with, by, mood, note, idea, id
               `planned` is yes for a plan, no for something done; `with` the people in it;
               `by` who wrote it down; `mood` 1-5 or empty; `idea` the catalogue key or empty.
goals.csv      title, owner, status, target_date, achieved_at, why, steps_done, steps_total,
               supported_by, pledges, cheers, id
               `status` is active, achieved or dropped; `pledges` and `cheers` hold one
               "Name: text" per line.
rituals.csv    title, rule, start, members, needs, note, archived, id
               `rule` is the RFC 5545 RRULE (without DTSTART); `needs` is any or all.
members.csv    name, role, colour
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

HEADERS: Mapping[str, tuple[str, ...]] = {
    "ticks.csv": ("ritual", "date", "by", "kind", "note", "ritual_id"),
    "moments.csv": ("date", "title", "planned", "with", "by", "mood", "note", "idea", "id"),
    "goals.csv": ("title", "owner", "status", "target_date", "achieved_at", "why", "steps_done",
                  "steps_total", "supported_by", "pledges", "cheers", "id"),
    "rituals.csv": ("title", "rule", "start", "members", "needs", "note", "archived", "id"),
    "members.csv": ("name", "role", "colour"),
}
"""Each file's header row, in the order the files are written."""

ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark. Excel opens a CSV without a BOM in the system's legacy code
page (Windows-1252 and the like), which turns Cyrillic, accents and emoji into mojibake; the
BOM makes it read UTF-8. LibreOffice, Numbers, Google Sheets and Python's `utf-8-sig` accept
it too."""


def csv_tables(exported: Mapping[str, Any]) -> dict[str, str]:
    """The CSV files' text, by file name, from `export_json` output.

    Args:
        exported: the logical export (member names, not ids).

    Returns:
        File name to CSV text (without the BOM, which `write_csv` adds).
    """
    rows: dict[str, list[Sequence[Any]]] = {
        "ticks.csv": [
            (t["ritual_title"], t["date"], t["by"], t["kind"], t["note"], t["ritual"])
            for t in exported.get("ticks", [])
        ],
        "moments.csv": [
            (m["date"], m["title"], _yes(m["planned"]), _names(m["members"]), m["by"],
             m["mood"], m["note"], m["idea_key"], m["id"])
            for m in sorted(exported.get("moments", []), key=lambda m: (m["date"], m["id"]))
        ],
        "goals.csv": [_goal_row(g) for g in exported.get("goals", [])],
        "rituals.csv": [
            (r["title"], r["rule"], r["start"], _names(r["members"]), r["needs"], r["note"],
             _yes(r["archived"]), r["id"])
            for r in exported.get("rituals", [])
        ],
        "members.csv": [(m["name"], m["role"], m["colour"]) for m in exported.get("members", [])],
    }
    return {name: _csv_text(HEADERS[name], rows[name]) for name in HEADERS}


def write_csv(tables: Mapping[str, str], path: Path) -> None:
    """Write the tables into the folder `path` (made if missing), or a zip when it ends in .zip.

    Each file is written to a temporary name and renamed into place, so an interrupted
    export never leaves a half-written file under the final name.

    Raises:
        OSError: the folder or file cannot be written (`path` is a file, no permission, ...).
    """
    if path.suffix.lower() == ".zip":
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, text in tables.items():
                    archive.writestr(name, text.encode(ENCODING))
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        target = path / name
        tmp = path / f".{name}.tmp"
        try:
            tmp.write_bytes(text.encode(ENCODING))
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; embedded newlines are quoted
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def _goal_row(goal: Mapping[str, Any]) -> tuple[Any, ...]:
    steps = goal["steps"]
    supports = goal["supports"]
    return (
        goal["title"], goal["owner"], goal["status"], goal["target_date"], goal["achieved_at"],
        goal["why"], sum(1 for step in steps if step["done"]), len(steps),
        _names(dict.fromkeys(s["by"] for s in supports)),
        "\n".join(f"{s['by']}: {s['pledge']}" for s in supports),
        "\n".join(f"{c['by']}: {c['text']}" for c in goal["cheers"]),
        goal["id"],
    )


def _yes(flag: Any) -> str:
    return "yes" if flag else "no"


def _names(names: Any) -> str:
    return "; ".join(str(name) for name in names)
