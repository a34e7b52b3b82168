"""Migrations: ordered, applied once, pure, run atomically after a byte-for-byte backup."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

import store.migrations as migrations
from store import schema
from store.atomic import WriteFailed
from store.datafile import parse_data_file, serialise
from store.errors import DataFileError
from store.migrations import ensure_current, migrate
from store.storage import SafeFileStorage

TODAY = date(2026, 3, 18)
V1: dict[str, dict[str, Any]] = {
    "_meta": {"1": {"schema_version": 1, "created_by": "tandem 0.1.0"}},
    "members": {"1": {"id": "m1", "name": "Maman"}, "2": {"id": "m2", "name": "Léo"}},
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def calls() -> list[int]:
    return []


@pytest.fixture
def v2(monkeypatch: pytest.MonkeyPatch, calls: list[int]) -> None:
    """A fake schema 2 that gives every member a `pronoun`."""

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        for doc in data["members"].values():
            doc["pronoun"] = ""
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: one_to_two})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path.resolve() / "tandem.json"
    path.write_bytes(serialise(V1))
    return path


def storage(path: Path) -> SafeFileStorage:
    return SafeFileStorage(path, lock_dir=path.parent / "locks")


def test_nothing_to_do_on_current_or_empty_data() -> None:
    current, applied = migrate(V1)
    assert applied == list(range(1, schema.SCHEMA_VERSION))
    assert migrate(current) == (current, [])
    assert migrate({}) == ({}, [])


def demo_family_now_and_in_schema_1(today: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The demo family as this Tandem writes it, and as Tandem 0.1 (schema 1) wrote it."""
    from store.demo import demo_family

    current = demo_family(today)
    old = orjson.loads(orjson.dumps(current))
    old["_meta"]["1"]["schema_version"] = 1
    for doc in old["ticks"].values():
        doc["log"] = {member: schema.log_entries(log) for member, log in doc["log"].items()}
    return current, old


def test_schema_1_tick_logs_become_strings_and_read_the_same(tmp_path: Path) -> None:
    from store.clock import FixedClock
    from store.repository import Store

    today = date(2026, 11, 22)
    current, old = demo_family_now_and_in_schema_1(today)
    assert all(isinstance(log, list) for d in old["ticks"].values() for log in d["log"].values())
    path = tmp_path.resolve() / "tandem.json"
    path.write_bytes(serialise(old))

    store = Store.open(path, FixedClock(today))
    store.prepare()
    migrated = orjson.loads(path.read_bytes())
    assert migrated["_meta"]["1"]["schema_version"] == 2
    assert {k: d["log"] for k, d in migrated["ticks"].items()} == {
        k: d["log"] for k, d in current["ticks"].items()
    }
    before = path.parent / "tandem-backups" / "tandem-before-migration-v1-2026-11-22.json"
    assert before.read_bytes() == serialise(old)
    reference = Store.in_memory(FixedClock(today))
    reference.storage.write(current)
    for ritual in reference.list_rituals():
        assert store.ticks(ritual.id) == reference.ticks(ritual.id)
        assert store.ticks(ritual.id, today.replace(day=1)) == reference.ticks(
            ritual.id, today.replace(day=1)
        )
    store.close()


def test_migrate_is_ordered_applies_each_step_once_and_is_pure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order: list[str] = []

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        order.append("2->3")
        assert all("pronoun" in m for m in data["members"].values())  # 1->2 ran first
        data["rituals"] = {}
        return data

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        order.append("1->2")
        assert data["_meta"]["1"]["schema_version"] == 1
        for doc in data["members"].values():
            doc["pronoun"] = ""
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {2: two_to_three, 1: one_to_two})
    original = serialise(V1)
    result, applied = migrate(V1)
    assert applied == [1, 2]
    assert order == ["1->2", "2->3"]
    assert result["_meta"]["1"]["schema_version"] == 3
    assert result["_meta"]["1"]["created_by"] == "tandem 0.1.0"
    assert result["rituals"] == {}
    assert serialise(V1) == original  # the input was not touched
    again, applied_again = migrate(result)
    assert (again, applied_again) == (result, [])
    assert order == ["1->2", "2->3"]


def test_ensure_current_backs_up_migrates_and_is_idempotent(
    db: Path, v2: None, calls: list[int]
) -> None:
    original = db.read_bytes()
    assert ensure_current(storage(db), TODAY) == [1]
    data = parse_data_file(db.read_bytes(), db)
    assert data["_meta"]["1"]["schema_version"] == 2
    assert all(m["pronoun"] == "" for m in data["members"].values())
    backup = db.parent / "tandem-backups" / "tandem-before-migration-v1-2026-03-18.json"
    assert backup.read_bytes() == original
    # Re-opening (a new storage, as a new process would) does nothing more.
    assert ensure_current(storage(db), TODAY) == []
    assert calls == [1]
    assert os.listdir(db.parent / "tandem-backups") == [backup.name]


def test_a_current_file_is_read_without_the_lock_and_an_older_one_under_it(
    db: Path, v2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a current file takes no lock (a prompt's `tandem today` never waits on a
    busy app, and skips the lock's imports); upgrading an older one always does."""
    taken: list[Path] = []
    locked = SafeFileStorage.locked

    def counted(self: SafeFileStorage):  # type: ignore[no-untyped-def]
        taken.append(self.path)
        return locked(self)

    monkeypatch.setattr(SafeFileStorage, "locked", counted)
    assert ensure_current(storage(db), TODAY) == [1]
    upgrading = len(taken)
    assert upgrading >= 1
    assert ensure_current(storage(db), TODAY) == []
    assert len(taken) == upgrading  # the second open found it current: no lock


def test_ensure_current_on_a_new_file_does_nothing(tmp_path: Path, v2: None) -> None:
    path = tmp_path / "tandem.json"
    assert ensure_current(storage(path), TODAY) == []
    assert not path.exists()


def test_a_missing_step_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: lambda data: data})
    before = sha(db)
    with pytest.raises(DataFileError, match="no migration from schema version 2"):
        ensure_current(storage(db), TODAY)
    assert sha(db) == before
    assert not (db.parent / "tandem-backups").exists()


def test_a_failing_step_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: dict[str, Any]) -> dict[str, Any]:
        data["members"]["1"]["name"] = "half-done"
        raise KeyError("oops")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: broken})
    before = sha(db)
    st = storage(db)
    with pytest.raises(DataFileError, match="could not be upgraded from schema version 1") as e:
        ensure_current(st, TODAY)
    assert e.value.exit_code == 3
    assert sha(db) == before
    assert st.read()["members"]["1"]["name"] == "Maman"  # the cache was not touched either


def test_a_failed_write_leaves_the_old_version(
    db: Path, v2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sha(db)
    real_replace = os.replace

    def full_disk_for_the_data_file(src: Any, dst: Any) -> None:
        if Path(dst) == db:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk_for_the_data_file)
    st = storage(db)
    with pytest.raises(WriteFailed, match="disk is full"):
        ensure_current(st, TODAY)
    monkeypatch.setattr(os, "replace", real_replace)
    assert sha(db) == before
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert ensure_current(st, TODAY) == [1]  # and it works once there is room


def test_an_older_file_arriving_while_open_is_upgraded_before_a_change(tmp_path: Path) -> None:
    """A sync from a home still on an older Tandem, or a restored backup, while a store is
    open: the next change upgrades the file first, so a file never mixes two schemas."""
    from store.clock import FixedClock
    from store.repository import Store

    today = date(2026, 11, 22)
    current, old = demo_family_now_and_in_schema_1(today)
    path = tmp_path.resolve() / "tandem.json"
    path.write_bytes(serialise(current))
    store = Store.open(path, FixedClock(today))
    store.prepare()
    ritual = store.list_rituals()[0]
    before = store.ticks(ritual.id)

    incoming = tmp_path / "incoming.json"
    incoming.write_bytes(serialise(old))
    os.replace(incoming, path)  # as a sync tool delivers a file
    last = next(t for t in reversed(before) if t.kind == "done")
    store.untick(ritual.id, last.date, last.by)

    written = orjson.loads(path.read_bytes())
    assert written["_meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION
    assert all(isinstance(log, str) for d in written["ticks"].values() for log in d["log"].values())
    assert store.ticks(ritual.id) == tuple(t for t in before if t != last)
    saved = path.parent / "tandem-backups" / "tandem-before-migration-v1-2026-11-22.json"
    assert saved.read_bytes() == serialise(old)
    store.close()
