"""`tandem doctor`: check the data file, its neighbours and its backups, changing nothing."""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from store import schema
from store.atomic import data_path, stale_temp_files
from store.backups import backups_dir, list_backups, record_counts
from store.datafile import parse_data_file, schema_version_of
from store.errors import DataFileError

__all__ = ["DoctorReport", "Finding", "Level", "conflict_copies", "doctor"]

Level = Literal["ok", "warn", "error"]
_SHOWN = 3
"""How many examples a finding names before "and N more"."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the report."""

    level: Level
    message: str
    """One sentence for a person."""


@dataclass(frozen=True, slots=True)
class DoctorReport:
    """Everything `doctor` found, in the order it looked."""

    path: Path
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when nothing is at level `error` (warnings allowed)."""
        return all(f.level != "error" for f in self.findings)


def _examples(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def conflict_copies(path: str | Path) -> list[Path]:
    """Sync-tool conflict copies beside the data file (Syncthing, Dropbox, Nextcloud, ownCloud)."""
    path = data_path(path)
    stem = glob.escape(path.stem)
    patterns = [f"{stem}.sync-conflict-*", f"{stem} (*conflicted copy*)*", f"{stem}_conflict-*"]
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(
        path.parent / name
        for name in names
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    )


def _check_records(data: dict[str, dict[str, Any]], out: list[Finding]) -> None:
    for table in schema.RECORD_TABLES:
        seen: Counter[str] = Counter()
        missing: list[str] = []
        for doc_id, doc in data.get(table, {}).items():
            record_id = doc.get("id")
            if isinstance(record_id, str) and record_id:
                seen[record_id] += 1
            else:
                missing.append(doc_id)
        if missing:
            out.append(
                Finding(
                    "error",
                    f"{len(missing)} document(s) of {table} have no id "
                    f"(document {_examples(missing)}).",
                )
            )
        duplicated = [record_id for record_id, n in seen.items() if n > 1]
        if duplicated:
            out.append(
                Finding(
                    "error",
                    f"{len(duplicated)} id(s) are used by more than one record in {table}: "
                    f"{_examples(duplicated)}.",
                )
            )


def _ids(data: dict[str, dict[str, Any]], table: str) -> set[str]:
    return {doc["id"] for doc in data.get(table, {}).values() if isinstance(doc.get("id"), str)}


def _member_refs(data: dict[str, dict[str, Any]]) -> list[tuple[str, str, object]]:
    """(table, record id, referenced member id) for every member reference outside ticks."""
    refs: list[tuple[str, str, object]] = []
    for table, single, multiple in (
        (schema.RITUALS, None, "members"),
        (schema.MOMENTS, "by", "members"),
        (schema.GOALS, "owner", None),
        (schema.IDEAS, None, "favourite_by"),
    ):
        for doc in data.get(table, {}).values():
            rid = str(doc.get("id", "?"))
            if single is not None and doc.get(single) is not None:
                refs.append((table, rid, doc[single]))
            values = doc.get(multiple) if multiple is not None else None
            if isinstance(values, list):
                refs.extend((table, rid, v) for v in values)
    return refs


def _check_ticks(data: dict[str, dict[str, Any]], members: set[str], out: list[Finding]) -> None:
    rituals = _ids(data, schema.RITUALS)
    owners: Counter[str] = Counter()
    orphans: list[str] = []
    bad_members: list[str] = []
    bad_shape: list[str] = []
    undecodable: list[str] = []
    duplicates: list[str] = []
    unsorted: list[str] = []
    for doc_id, doc in data.get(schema.TICKS, {}).items():
        ritual_id = doc.get("ritual_id")
        label = f"ritual {ritual_id}" if isinstance(ritual_id, str) else f"ticks document {doc_id}"
        if isinstance(ritual_id, str):
            owners[ritual_id] += 1
            if ritual_id not in rituals:
                orphans.append(ritual_id)
        else:
            bad_shape.append(label)
        log = doc.get("log", {})
        if not isinstance(log, dict):
            bad_shape.append(label)
            continue
        for member_id, entries in log.items():
            if member_id not in members:
                bad_members.append(member_id)
            if not isinstance(entries, (str, list)):
                bad_shape.append(label)
                continue
            days: list[date] = []
            identities: set[tuple[date, str]] = set()
            for entry in schema.log_entries(entries):
                try:
                    tick = schema.decode_tick(entry)
                except (ValueError, KeyError, TypeError, AttributeError):
                    undecodable.append(repr(entry))
                    continue
                if (tick.day, tick.kind) in identities:
                    duplicates.append(f"{tick.day} {tick.kind} in {label}")
                identities.add((tick.day, tick.kind))
                days.append(tick.day)
            if days != sorted(days):
                unsorted.append(label)
    if orphans:
        out.append(
            Finding("warn", f"tick logs belong to rituals that do not exist: {_examples(orphans)}.")
        )
    shared = [ritual_id for ritual_id, n in owners.items() if n > 1]
    if shared:
        out.append(Finding("error", f"rituals have more than one tick log: {_examples(shared)}."))
    if bad_shape:
        out.append(
            Finding("error", f"tick logs are not shaped as documented: {_examples(bad_shape)}.")
        )
    if bad_members:
        unique = sorted(set(bad_members))
        out.append(
            Finding("warn", f"tick logs name members that do not exist: {_examples(unique)}.")
        )
    if undecodable:
        out.append(
            Finding(
                "error",
                f"{len(undecodable)} tick log entr{'y does' if len(undecodable) == 1 else 'ies do'}"
                f" not decode: {_examples(undecodable)}.",
            )
        )
    if duplicates:
        out.append(Finding("warn", f"tick logs repeat a tick identity: {_examples(duplicates)}."))
    if unsorted:
        out.append(Finding("warn", f"tick logs are not sorted by date: {_examples(unsorted)}."))


def _check_data(data: dict[str, dict[str, Any]], out: list[Finding]) -> None:
    version = schema_version_of(data)
    if version is None:
        out.append(Finding("warn", "The file holds no data and no schema version yet."))
    elif version == schema.SCHEMA_VERSION:
        out.append(Finding("ok", f"Schema version {version} is current."))
    else:
        out.append(
            Finding(
                "warn",
                f"Schema version {version} is older than {schema.SCHEMA_VERSION}; "
                "Tandem upgrades it (after a backup) when it next opens the file.",
            )
        )
    live = record_counts(data)
    counts = []
    for table in schema.RECORD_TABLES:
        deleted = len(data.get(table, {})) - live[table]
        counts.append(f"{table} {live[table]}" + (f" (+{deleted} deleted)" if deleted else ""))
    ticks = live[schema.TICKS]
    out.append(Finding("ok", "Records: " + ", ".join(counts) + f", ticks {ticks}."))
    before = len(out)
    _check_records(data, out)
    members = _ids(data, schema.MEMBERS)
    dangling = [
        f"{member} in {table} {rid}"
        for table, rid, member in _member_refs(data)
        if not isinstance(member, str) or member not in members
    ]
    if dangling:
        out.append(
            Finding("warn", f"records refer to members that do not exist: {_examples(dangling)}.")
        )
    _check_ticks(data, members, out)
    if len(out) == before:
        out.append(Finding("ok", "Ids are unique, references resolve and every tick decodes."))


def _check_file(path: Path, out: list[Finding]) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        used = any(True for _ in list_backups(path))
        if used:
            out.append(
                Finding(
                    "error",
                    f"The data file {path} is missing, but backups show it held data; "
                    "run `tandem backup restore`.",
                )
            )
        else:
            out.append(Finding("warn", f"There is no data file at {path} yet."))
        return
    except OSError as exc:
        out.append(Finding("error", f"The data file {path} cannot be read ({exc.strerror})."))
        return
    if not stat.S_ISREG(st.st_mode):
        out.append(Finding("error", f"{path} is not a regular file (a folder?)."))
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.append(Finding("error", f"The data file {path} cannot be read ({exc.strerror})."))
        return
    try:
        data = parse_data_file(raw, path)
    except DataFileError as exc:
        out.append(
            Finding(
                "error",
                f"The data file {path} {exc.problem}; run `tandem backup restore`.",
            )
        )
        return
    out.append(Finding("ok", f"The data file {path} is readable ({len(raw):,} bytes)."))
    _check_data(data, out)


def _check_surroundings(path: Path, today: date, out: list[Finding]) -> None:
    temps = stale_temp_files(path)
    if temps:
        out.append(
            Finding(
                "warn",
                f"{len(temps)} temporary file(s) of interrupted writes lie beside the data file "
                f"({_examples([t.name for t in temps])}); Tandem removes them when it opens it.",
            )
        )
    copies = conflict_copies(path)
    if copies:
        out.append(
            Finding(
                "warn",
                f"{len(copies)} sync conflict cop{'y' if len(copies) == 1 else 'ies'} lie beside "
                f"the data file ({_examples([c.name for c in copies])}); Tandem merges them when "
                "it opens the file, or run `tandem merge FILE`.",
            )
        )
    backups = list_backups(path)
    valid = [b for b in backups if b.valid]
    if not backups:
        out.append(Finding("warn", f"There are no backups in {backups_dir(path)} yet."))
    elif not valid:
        out.append(Finding("warn", f"None of the {len(backups)} backups can be opened."))
    else:
        newest = valid[0]
        age = (today - newest.day).days
        when = "today" if age == 0 else f"{age} day{'s' if age != 1 else ''} ago"
        out.append(
            Finding(
                "ok",
                f"{len(backups)} backup(s); the newest valid one is {newest.name} ({when}).",
            )
        )
    broken = [b.name for b in backups if not b.valid]
    if broken and valid:
        out.append(Finding("warn", f"Some backups cannot be opened: {_examples(broken)}."))


def doctor(path: str | Path, today: date) -> DoctorReport:
    """Check the data file and what lies around it; changes nothing and takes no lock.

    Looks at: whether the file can be read and parsed, its schema version, record counts,
    duplicate or missing ids, references to members and rituals that do not exist, tick
    log entries that do not decode, stale temp files, sync conflict copies and backups.

    Args:
        path: the data file.
        today: the app's today (for the age of the newest backup).

    Returns:
        The findings; `report.ok` is False when any is an error.
    """
    path = data_path(path)
    findings: list[Finding] = []
    _check_file(path, findings)
    _check_surroundings(path, today, findings)
    return DoctorReport(path, tuple(findings))
