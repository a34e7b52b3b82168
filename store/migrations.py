"""Schema migrations: pure steps from one schema version to the next, applied once at open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import orjson

from store import schema
from store.datafile import schema_version_of
from store.errors import DataFileError
from store.storage import SafeFileStorage

__all__ = ["MIGRATIONS", "Migration", "ensure_current", "migrate", "upgrade_locked"]

Data = dict[str, dict[str, Any]]
Migration = Callable[[Data], Data]
"""Takes the data of schema version N (a private copy it may change) and returns version N+1."""

def _logs_as_strings(data: Data) -> Data:
    """1 -> 2: each member's tick log, a list of entry strings, becomes one joined string."""
    for doc in data.get(schema.TICKS, {}).values():
        log = doc.get("log") if isinstance(doc, dict) else None
        if isinstance(log, dict):
            for member, entries in log.items():
                if isinstance(entries, list) and all(isinstance(e, str) for e in entries):
                    log[member] = schema.join_log(sorted(entries))
    return data


MIGRATIONS: dict[int, Migration] = {1: _logs_as_strings}
"""From-version -> the step to version + 1."""


def _set_version(data: Data, version: int) -> None:
    meta = data.get(schema.META)
    docs = [d for d in (meta or {}).values() if isinstance(d, dict) and "schema_version" in d]
    if not docs:
        raise ValueError("the migration dropped the _meta schema version")
    for doc in docs:
        doc["schema_version"] = version


def migrate(data: Data) -> tuple[Data, list[int]]:
    """Bring `data` to `schema.SCHEMA_VERSION`, applying each step once, in order.

    Pure: `data` is not changed; the steps work on a copy.

    Args:
        data: a parsed data file (see `storage.parse_data_file`).

    Returns:
        The migrated data (`data` itself when nothing was due) and the from-versions of the
        steps applied, e.g. `[1, 2]` for 1 -> 2 -> 3.

    Raises:
        ValueError: a step is missing or returned something that is not a data file.
        Exception: whatever a step raised.
    """
    version = schema_version_of(data)
    if version is None or version >= schema.SCHEMA_VERSION:
        return data, []
    current: Data = orjson.loads(orjson.dumps(data))  # a deep copy, ~10x faster than deepcopy
    applied: list[int] = []
    while version < schema.SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from schema version {version}")
        current = step(current)
        if not isinstance(current, dict) or not all(isinstance(t, dict) for t in current.values()):
            raise ValueError(f"the migration from schema version {version} returned no tables")
        applied.append(version)
        version += 1
        _set_version(current, version)
    return current, applied


def ensure_current(storage: SafeFileStorage, today: date) -> list[int]:
    """Migrate the data file to the current schema if it is older; call it when the store opens.

    A file without data, or already current, is left alone, and without taking the lock:
    reading needs none, since the file is only ever replaced whole. If a migration is due,
    under the lock: read again, run it in memory, save the file's exact bytes as
    `<stem>-before-migration-v<N>-YYYY-MM-DD.json` in the backups folder, then write the
    migrated data atomically.

    Args:
        storage: the data file's storage.
        today: the app's today (names the backup).

    Returns:
        The from-versions of the steps applied (empty: nothing to do).

    Raises:
        DataFileError: the file cannot be read, or a step failed (nothing was changed).
        WriteFailed: the backup or the migrated file could not be written (the file is intact).
        Busy: another Tandem held the lock.
    """
    version = schema_version_of(storage.read(), storage.path)
    if version is None or version >= schema.SCHEMA_VERSION:
        return []
    with storage.locked():
        return upgrade_locked(storage, today)


def upgrade_locked(storage: SafeFileStorage, today: date) -> list[int]:
    """`ensure_current` for a caller that already holds the lock (a change about to be made
    to a file that an older Tandem wrote while this one had it open, or a restored backup)."""
    data = storage.read()
    version = schema_version_of(data, storage.path)
    if version is None or version >= schema.SCHEMA_VERSION:
        return []
    try:
        migrated, applied = migrate(data)
    except Exception as exc:
        raise DataFileError(
            storage.path,
            f"could not be upgraded from schema version {version} "
            f"to {schema.SCHEMA_VERSION} ({exc})",
            "Nothing was changed; please report this with the output of `tandem doctor`.",
        ) from exc
    from store.backups import save_copy  # only when a migration is due (2 ms at start)

    stem = storage.path.stem
    save_copy(storage.path, f"{stem}-before-migration-v{version}-{today.isoformat()}")
    storage.write(migrated)
    return applied
