"""Read a Loop Habit Tracker CSV export and turn it into rituals and ticks for `import_export`.

Loop (https://github.com/iSoron/uhabits, "Export as CSV") writes a zip, here also accepted
unzipped as a folder, holding:

- `Habits.csv`: `Position,Name,Type,Question,Description,FrequencyNumerator,
  FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?` (Loop 2.x); older
  versions write `Position,Name,Question,Description,NumRepetitions,Interval,Color`.
- `Checkmarks.csv`: a `Date` column, then one column per habit in `Habits.csv` order (the
  header holds the names; each row ends with a comma). Values are numbers in older versions
  (2 done, 1 implied by the frequency, 0 not done, -1 unknown, 3 skipped) and the constant
  names in newer ones (`YES_MANUAL`, `YES_AUTO`, `NO`, `UNKNOWN`, `SKIP`).
- `NNN Name/Checkmarks.csv` per habit (`Date,Value[,Notes]`), where NNN is the position.
  When present it is preferred: it carries the day's notes.

Mapping to Tandem:

- each yes/no habit becomes a ritual with the same title, note = Loop's question and
  description, kept by the member at the keyboard (`needs: any`); an archived habit becomes
  an archived ritual. Numerical habits are left out (a Tandem tick has no amount);
- frequency (numerator n per denominator d days): 1/1 is `FREQ=DAILY`; 1/7 is
  `FREQ=WEEKLY;BYDAY=MO` (calendar weeks: any day of the week keeps it); 1/30 and 1/31 are
  `FREQ=MONTHLY;BYMONTHDAY=1` (any day of the month); anything else is
  `FREQ=DAILY;INTERVAL=k` with k = d // n (at least 1), a window as long as Loop's average
  gap between repetitions;
- the start is the first day with a tick (moved back to a Monday, or the 1st of the month,
  for the weekly and monthly rules), or `today` for a habit with none;
- YES_MANUAL days become `done` ticks (with the day's note), SKIP days become `skip` ticks;
  YES_AUTO (implied by the frequency), NO and UNKNOWN days add nothing; days after `today`
  are left out;
- ritual ids are derived from the member and the habit's name, and a habit whose name is
  the title of a ritual already in the file adds its ticks to that ritual. Importing the
  same (or a newer) Loop export again therefore adds only what is new.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from store.exchange import EXPORT_VERSION
from store.serialization import iso_timestamp
from store.validation import clean_note, clean_title

_DONE = {"2", "YES_MANUAL"}
_SKIP = {"3", "SKIP"}
_NOTHING = {"1", "0", "-1", "", "YES_AUTO", "NO", "UNKNOWN"}
_NUMERATOR = ("FrequencyNumerator", "NumRepetitions")
_DENOMINATOR = ("FrequencyDenominator", "Interval")


@dataclass(frozen=True, slots=True)
class LoopHabit:
    """One habit of a Loop export and its recorded days."""

    position: int
    name: str
    numerical: bool
    numerator: int
    denominator: int
    question: str
    description: str
    archived: bool
    days: Mapping[date, tuple[str, str]] = field(default_factory=dict)
    """Day to (kind, note): kind is "done" or "skip"."""


@dataclass(frozen=True, slots=True)
class LoopPlan:
    """What an import of a Loop export will bring, ready for `Store.import_export`."""

    exported: dict[str, Any]
    """An export-shaped dict (see `store.exchange.export_json`)."""
    rituals: tuple[str, ...]
    """Titles of the habits imported."""
    left_out: tuple[str, ...]
    """Names of numerical habits left out."""


def find_loop_export(path: Path) -> Callable[[str], str | None] | None:
    """A reader of the export's files by relative path, or None when `path` is not one.

    `path` may be the zip Loop writes, the folder it unzips to, or its `Habits.csv`.
    """
    if path.is_file() and path.name == "Habits.csv":
        path = path.parent
    if path.is_dir():
        root = path
        if not (root / "Habits.csv").is_file():
            return None

        def read_dir(name: str) -> str | None:
            target = root.joinpath(*PurePosixPath(name).parts)
            return target.read_bytes().decode("utf-8-sig") if target.is_file() else None

        return read_dir
    if not path.is_file() or not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as archive:
        names = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        blobs = {name: archive.read(name) for name in names}
    tops = sorted((n for n in blobs if PurePosixPath(n).name == "Habits.csv"), key=len)
    if not tops:
        return None
    prefix = tops[0][: -len("Habits.csv")]

    def read_zip(name: str) -> str | None:
        blob = blobs.get(prefix + name)
        return blob.decode("utf-8-sig") if blob is not None else None

    return read_zip


def read_loop_export(read: Callable[[str], str | None]) -> list[LoopHabit]:
    """Parse a Loop export through `read` (from `find_loop_export`).

    Raises:
        ValueError: one sentence naming the file and what is wrong with it.
        UnicodeDecodeError: a file is not UTF-8 text.
    """
    text = read("Habits.csv")
    if text is None:
        raise ValueError("Habits.csv is missing")
    habits = _parse_habits(text)
    columns = _parse_checkmarks(read("Checkmarks.csv") or "", habits)
    out = []
    for index, habit in enumerate(habits):
        own = _own_checkmarks(read, habit)
        out.append(replace(habit, days=own if own is not None else columns[index]))
    return out


def _rows(text: str, what: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return [{(k or "").strip(): (v or "") for k, v in row.items()} for row in reader]
    except csv.Error as error:
        raise ValueError(f"{what} is not readable CSV ({error})") from None


def _parse_habits(text: str) -> list[LoopHabit]:
    rows = _rows(text, "Habits.csv")
    habits = []
    for line, row in enumerate(rows, 2):
        where = f"Habits.csv line {line}"
        numerator = _first(row, _NUMERATOR)
        denominator = _first(row, _DENOMINATOR)
        if "Name" not in row or numerator is None or denominator is None:
            raise ValueError(
                "Habits.csv has no Name, FrequencyNumerator or FrequencyDenominator column"
            )
        try:
            n, d = int(numerator), int(denominator)
            position = int(row.get("Position") or line - 1)
        except ValueError:
            raise ValueError(f"{where}: the frequency or position is not a whole number") from None
        if n < 1 or d < 1:
            raise ValueError(f"{where}: the frequency {n}/{d} is not a positive fraction")
        habits.append(LoopHabit(
            position=position,
            name=row["Name"],
            numerical=row.get("Type", "YES_NO").strip().upper() not in ("YES_NO", "", "0"),
            numerator=n,
            denominator=d,
            question=row.get("Question", ""),
            description=row.get("Description", ""),
            archived=row.get("Archived?", "false").strip().lower() == "true",
        ))
    return habits


def _first(row: Mapping[str, str], names: Sequence[str]) -> str | None:
    return next((row[name] for name in names if name in row), None)


def _value(value: str, where: str) -> str | None:
    value = value.strip()
    if value in _DONE:
        return "done"
    if value in _SKIP:
        return "skip"
    if value in _NOTHING:
        return None
    raise ValueError(f"{where}: {value!r} is not a Loop check-mark value")


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a date (YYYY-MM-DD)") from None


def _parse_checkmarks(text: str, habits: Sequence[LoopHabit]) -> list[dict[date, tuple[str, str]]]:
    """The combined Checkmarks.csv: one column per habit, matched by name or else by order."""
    columns: list[dict[date, tuple[str, str]]] = [{} for _ in habits]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return columns
    header = [cell.strip() for cell in rows[0][1:]]
    names = [h.name.strip() for h in habits]
    by_name = len(set(header)) == len(header) and set(names) <= set(header)
    index = {name: i for i, name in enumerate(header)}
    for line, row in enumerate(rows[1:], 2):
        if not row or not any(cell.strip() for cell in row):
            continue
        where = f"Checkmarks.csv line {line}"
        day = _day(row[0], where)
        for number, name in enumerate(names):
            column = (index[name] if by_name else number) + 1
            if column < len(row) and not habits[number].numerical:
                kind = _value(row[column], where)
                if kind:
                    columns[number][day] = (kind, "")
    return columns


def _own_checkmarks(
    read: Callable[[str], str | None], habit: LoopHabit
) -> dict[date, tuple[str, str]] | None:
    """A habit's own `NNN Name/Checkmarks.csv` (Loop sanitises the name), if present."""
    sane = "".join(ch for ch in habit.name if ch.isascii() and (ch.isalnum() or ch in " ._-"))
    folder = f"{habit.position:03d} {sane[:100]}".strip()
    text = read(f"{folder}/Checkmarks.csv")
    if text is None or habit.numerical:
        return None
    days: dict[date, tuple[str, str]] = {}
    for line, row in enumerate(_rows(text, f"{folder}/Checkmarks.csv"), 2):
        where = f"{folder}/Checkmarks.csv line {line}"
        kind = _value(row.get("Value", ""), where)
        if kind:
            days[_day(row.get("Date", ""), where)] = (kind, row.get("Notes", ""))
    return days


def rule_for(numerator: int, denominator: int) -> str:
    """The RRULE for Loop's "numerator times in denominator days" (see the module docstring)."""
    if numerator == 1 and denominator == 1:
        return "FREQ=DAILY"
    if numerator == 1 and denominator == 7:
        return "FREQ=WEEKLY;BYDAY=MO"
    if numerator == 1 and denominator in (30, 31):
        return "FREQ=MONTHLY;BYMONTHDAY=1"
    interval = max(1, denominator // numerator)
    return "FREQ=DAILY" if interval == 1 else f"FREQ=DAILY;INTERVAL={interval}"


def _start_for(rule: str, first: date) -> date:
    if "WEEKLY" in rule:
        return first - timedelta(days=first.weekday())
    if "MONTHLY" in rule:
        return first.replace(day=1)
    return first


def ritual_id(member_id: str, name: str) -> str:
    """A stable UUID4-shaped id for a member's Loop habit, so re-imports merge."""
    key = f"loop-habit\0{member_id}\0{unicodedata.normalize('NFC', name).strip().casefold()}"
    return str(uuid.UUID(bytes=hashlib.sha256(key.encode()).digest()[:16], version=4))


def plan_import(
    habits: Sequence[LoopHabit],
    member_id: str,
    member_name: str,
    existing: Mapping[str, str],
    today: date,
    now: datetime,
) -> LoopPlan:
    """Build the export-shaped dict that imports `habits` as rituals kept by one member.

    Args:
        habits: from `read_loop_export`.
        member_id: the member at the keyboard (seeds the ritual ids).
        member_name: that member's name (exports refer to members by name).
        existing: folded title (NFC, trimmed, casefolded) and ritual id -> id of the rituals
            already in the file; a habit matching one adds its ticks there.
        today: ticks after it are left out.
        now: the records' and ticks' `updated_at`.

    Raises:
        store.errors.RejectedInput: a habit name or note that Tandem refuses.
    """
    stamp = iso_timestamp(now)
    rituals: list[dict[str, Any]] = []
    ticks: list[dict[str, Any]] = []
    imported: list[str] = []
    left_out: list[str] = []
    seen: set[str] = set()
    for habit in habits:
        if habit.numerical:
            left_out.append(habit.name)
            continue
        title = clean_title(habit.name, "habit name")
        number = 2
        while _fold(title) in seen:
            title, number = f"{clean_title(habit.name)} ({number})", number + 1
        seen.add(_fold(title))
        own_id = ritual_id(member_id, title)
        target = existing.get(own_id) or existing.get(_fold(title))
        days = {day: value for day, value in habit.days.items() if day <= today}
        if target is None:
            target = own_id
            rule = rule_for(habit.numerator, habit.denominator)
            note = "\n".join(part for part in (habit.question, habit.description) if part.strip())
            rituals.append({
                "id": target, "title": title, "rule": rule,
                "start": _start_for(rule, min(days, default=today)).isoformat(),
                "members": [member_name], "needs": "any", "note": clean_note(note),
                "archived": habit.archived, "created_at": stamp, "updated_at": stamp,
            })
        imported.append(title)
        for day, (kind, note) in sorted(days.items()):
            ticks.append({
                "ritual": target, "ritual_title": title, "date": day.isoformat(),
                "by": member_name, "kind": kind,
                "note": clean_note(note, "reason" if kind == "skip" else "note"),
                "updated_at": stamp,
            })
    exported = {"schema_version": EXPORT_VERSION, "members": [], "rituals": rituals,
                "ticks": ticks, "ideas": [], "moments": [], "goals": []}
    return LoopPlan(exported, tuple(imported), tuple(left_out))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()
