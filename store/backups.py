"""Daily rotating backups of the data file in `<stem>-backups/`, listing and restoring them."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from store import schema
from store.atomic import WriteFailed, atomic_write_bytes, check_writable, data_path, owner_to_keep
from store.datafile import parse_data_file
from store.errors import DataFileError, NotFound
from store.locking import hold_lock, note_external_write

__all__ = [
    "DAILY_DAYS",
    "WEEKLY_WEEKS",
    "BackupInfo",
    "BackupKind",
    "RestoreResult",
    "backup_if_due",
    "backups_dir",
    "daily_backup_path",
    "find_backup",
    "list_backups",
    "prune",
    "record_counts",
    "restore_backup",
    "save_copy",
]

DAILY_DAYS = 7
"""Daily backups dated within the last 7 days (today included) are kept."""
WEEKLY_WEEKS = 4
"""Older daily backups: the newest of each of the 4 most recent ISO weeks is kept."""

BackupKind = Literal["daily", "before-restore", "before-migration"]


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One file of the backups folder, checked."""

    name: str
    path: Path
    kind: BackupKind
    """`daily` (rotated), `before-restore` or `before-migration` (kept until removed by hand)."""
    day: date
    size: int
    valid: bool
    """Whether this Tandem could open it (parses, schema version not newer)."""
    problem: str | None = None
    """Why it is not valid, as a sentence fragment."""
    counts: dict[str, int] = field(default_factory=dict)
    """Live records per table, and `ticks`: live tick entries (only when valid)."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What `restore_backup` did."""

    restored_from: Path
    saved_current: Path | None
    """Where the replaced data file was saved byte for byte (None: there was no file)."""


def _patterns(stem: str) -> list[tuple[BackupKind, re.Pattern[str]]]:
    s = re.escape(stem)
    return [
        ("daily", re.compile(rf"{s}-(\d{{4}}-\d{{2}}-\d{{2}})\.json\Z")),
        (
            "before-restore",
            re.compile(rf"{s}-before-restore-(\d{{4}}-\d{{2}}-\d{{2}})-\d{{6}}(?:-\d+)?\.json\Z"),
        ),
        (
            "before-migration",
            re.compile(rf"{s}-before-migration-v\d+-(\d{{4}}-\d{{2}}-\d{{2}})(?:-\d+)?\.json\Z"),
        ),
    ]


def _classify(stem: str, name: str) -> tuple[BackupKind, date] | None:
    for kind, pattern in _patterns(stem):
        match = pattern.match(name)
        if match:
            try:
                return kind, date.fromisoformat(match.group(1))
            except ValueError:
                return None
    return None


def backups_dir(path: str | Path) -> Path:
    """The folder holding the data file's backups: `tandem.json` -> `tandem-backups/` beside it."""
    path = data_path(path)
    return path.with_name(f"{path.stem}-backups")


def daily_backup_path(path: str | Path, day: date) -> Path:
    """The daily backup of `path` for `day`: `<stem>-backups/<stem>-YYYY-MM-DD.json`."""
    path = data_path(path)
    return backups_dir(path) / f"{path.stem}-{day.isoformat()}.json"


def _unique(folder: Path, base: str) -> Path:
    candidate = folder / f"{base}.json"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.json"
        number += 1
    return candidate


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _make_folder(path: Path) -> Path:
    folder = backups_dir(path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteFailed(
            folder,
            f"could not create the backups folder ({exc.strerror or exc})",
            "Nothing was changed.",
        ) from None
    return folder


def save_copy(path: str | Path, base_name: str, raw: bytes | None = None) -> Path:
    """Save the data file's bytes, unchanged, as `<base_name>.json` in its backups folder.

    Args:
        path: the data file.
        base_name: the copy's name without `.json`; `-2`, `-3`... is added if taken.
        raw: the bytes to save (default: read the data file, even if it is damaged).

    Returns:
        The copy's path.

    Raises:
        DataFileError: the data file cannot be read.
        WriteFailed: the copy could not be written.
    """
    path = data_path(path)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataFileError(
                path,
                f"cannot be read, so it cannot be saved ({exc.strerror or exc})",
                "Nothing was changed.",
            ) from None
    target = _unique(_make_folder(path), base_name)
    atomic_write_bytes(target, raw, mode=_mode_of(path))
    return target


def record_counts(data: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Live (not deleted) records per record table, and live tick entries under `ticks`."""
    counts = {
        table: sum(
            1
            for doc in data.get(table, {}).values()
            if isinstance(doc, dict) and not doc.get("deleted")
        )
        for table in schema.RECORD_TABLES
    }
    ticks = 0
    for doc in data.get(schema.TICKS, {}).values():
        log = doc.get("log") if isinstance(doc, dict) else None
        if isinstance(log, dict):
            for entries in log.values():
                if isinstance(entries, (str, list)):
                    ticks += sum(
                        1
                        for e in schema.log_entries(entries)
                        if isinstance(e, str) and not e.endswith(" x")
                    )
    counts[schema.TICKS] = ticks
    return counts


def backup_if_due(
    path: str | Path, today: date, *, known_good: tuple[int, int, int] | None = None
) -> Path | None:
    """Write today's backup unless it exists, then prune old ones.

    A backup is the data file's exact bytes, written atomically. Nothing is written when
    the file does not exist or cannot be opened (a damaged file never rotates good backups
    away). It needs no lock; the store calls it when it opens the file, or before its first
    change when the app left it for after its first frame (`Store.back_up`).

    Args:
        path: the data file.
        today: the app's today.
        known_good: the (inode, size, mtime_ns) of a version of the file the caller has
            just parsed and checked; bytes read from that same version are not parsed
            again (at ten years that is 3 MB and a second copy of the data in memory).

    Returns:
        The new backup, or None when none was due.

    Raises:
        WriteFailed: the backup could not be written.
    """
    path = data_path(path)
    target = daily_backup_path(path, today)
    try:
        if target.exists():
            return None
    except OSError as error:  # the backups folder cannot even be looked into
        raise WriteFailed(target, f"could not look at it: {error.strerror or error}", "") from None
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            raw = handle.read()
        if known_good is None or known_good != (st.st_ino, st.st_size, st.st_mtime_ns):
            parse_data_file(raw, path)
    except (OSError, DataFileError):
        return None
    _make_folder(path)
    atomic_write_bytes(target, raw, mode=_mode_of(path))
    prune(path, today)
    return target


def prune(path: str | Path, today: date) -> list[Path]:
    """Delete the daily backups that rotation no longer keeps; other files are never touched.

    Kept: every daily backup dated in the last `DAILY_DAYS` days (today included) or later,
    and, among the older ones, the newest of each of the `WEEKLY_WEEKS` most recent ISO weeks
    that have one. Also deletes temp files `.*.tmp` left in the folder before today.

    Returns:
        The deleted files.
    """
    path = data_path(path)
    folder = backups_dir(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    recent_from = today - timedelta(days=DAILY_DAYS - 1)
    older: dict[tuple[int, int], list[tuple[date, str]]] = {}
    for name in names:
        found = _classify(path.stem, name)
        if found is None or found[0] != "daily" or found[1] >= recent_from:
            continue
        iso = found[1].isocalendar()
        older.setdefault((iso.year, iso.week), []).append((found[1], name))
    doomed: list[str] = []
    for rank, week in enumerate(sorted(older, reverse=True)):
        entries = sorted(older[week], reverse=True)
        doomed.extend(name for _, name in (entries if rank >= WEEKLY_WEEKS else entries[1:]))
    for name in names:  # temp files of interrupted backups, from an earlier day
        if name.startswith(".") and name.endswith(".tmp"):
            try:
                mtime = os.stat(folder / name).st_mtime
            except OSError:
                continue
            if date.fromtimestamp(mtime) < today:
                doomed.append(name)
    removed = []
    for name in doomed:
        try:
            (folder / name).unlink()
        except OSError:
            continue
        removed.append(folder / name)
    return removed


def _inspect(stem: str, entry: os.DirEntry[str]) -> BackupInfo | None:
    found = _classify(stem, entry.name)
    if found is None or not entry.is_file():
        return None
    kind, day = found
    target = Path(entry.path)
    try:
        raw = target.read_bytes()
        data = parse_data_file(raw, target)
    except OSError as exc:
        return BackupInfo(entry.name, target, kind, day, 0, False, f"cannot be read ({exc})")
    except DataFileError as exc:
        return BackupInfo(entry.name, target, kind, day, len(raw), False, exc.problem)
    return BackupInfo(entry.name, target, kind, day, len(raw), True, None, record_counts(data))


def list_backups(path: str | Path) -> list[BackupInfo]:
    """Every backup of the data file, checked, newest first (conflict copies are not listed)."""
    path = data_path(path)
    try:
        with os.scandir(backups_dir(path)) as entries:
            infos = [info for entry in entries if (info := _inspect(path.stem, entry)) is not None]
    except OSError:
        return []
    return sorted(infos, key=lambda info: (info.day, info.name), reverse=True)


def find_backup(path: str | Path, name: str) -> Path:
    """The backup called `name`: a file name, the same without `.json`, or a daily date.

    Raises:
        NotFound: no such backup in the folder.
    """
    path = data_path(path)
    folder = backups_dir(path)
    if name and "/" not in name and "\\" not in name and name not in (".", ".."):
        for candidate in (name, f"{name}.json", f"{path.stem}-{name}.json"):
            target = folder / candidate
            if _classify(path.stem, candidate) is not None and target.is_file():
                return target
    raise NotFound(f"no backup named {name!r} in {folder}; `tandem backup list` shows them")


def restore_backup(
    path: str | Path,
    name: str | None = None,
    *,
    now: datetime,
    lock_timeout: float = 10.0,
    lock_dir: Path | None = None,
) -> RestoreResult:
    """Replace the data file with a backup, after saving the current file byte for byte.

    Under the data file's lock: pick the backup (the newest valid daily one by default),
    check that this Tandem can open it, save the current file, even a damaged one, as
    `<stem>-before-restore-YYYY-MM-DD-HHMMSS.json` in the backups folder, then replace the
    data file atomically.

    Args:
        path: the data file.
        name: the backup (see `find_backup`); None for the newest valid daily backup.
        now: the local time stamped on the saved copy's name.
        lock_timeout: seconds to wait for another Tandem.
        lock_dir: the lock folder (tests).

    Returns:
        Which backup was restored and where the previous file was saved.

    Raises:
        NotFound: no such backup, or no valid one.
        DataFileError: the backup cannot be opened, or the current file cannot be read or
            replaced (a folder, read-only); nothing was changed.
        Busy: another Tandem held the lock.
    """
    path = data_path(path)
    with hold_lock(path, timeout=lock_timeout, lock_dir=lock_dir):
        if name is None:
            daily = [b for b in list_backups(path) if b.valid and b.kind == "daily"]
            if not daily:
                raise NotFound(f"no valid daily backup of {path} in {backups_dir(path)}")
            source = daily[0].path
        else:
            source = find_backup(path, name)
        try:
            raw = source.read_bytes()
            parse_data_file(raw, source)
        except OSError as exc:
            raise DataFileError(
                source, f"cannot be read ({exc.strerror or exc})", "Nothing was changed."
            ) from None
        except DataFileError as exc:
            raise DataFileError(
                source,
                f"cannot be restored ({exc.problem})",
                "Nothing was changed; choose another one from `tandem backup list`.",
            ) from None
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise DataFileError(path, f"cannot be read ({exc.strerror or exc})", "") from None
        saved = None
        if current is not None:
            if not stat.S_ISREG(current.st_mode):
                raise DataFileError(
                    path, "is not a regular file, so it cannot be replaced", "Nothing was changed."
                )
            check_writable(path, current)
            saved = save_copy(path, f"{path.stem}-before-restore-{now:%Y-%m-%d-%H%M%S}")
        if current is None:
            atomic_write_bytes(path, raw)
        else:
            mode, owner = stat.S_IMODE(current.st_mode), owner_to_keep(current)
            atomic_write_bytes(path, raw, mode=mode, owner=owner)
        note_external_write(path, lock_dir)
        return RestoreResult(source, saved)
