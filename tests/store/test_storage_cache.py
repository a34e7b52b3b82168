"""SafeFileStorage: the read cache, the file identity and the stamp beside the lock."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query, TinyDB

import store.storage as storage_mod
from store.datafile import parse_data_file, serialise
from store.storage import ChangedOnDisk, SafeFileStorage, reset_tinydb_caches
from tests.store.storage_helpers import make, sample, sha, write_via_storage

# ----------------------------------------------------------------------------- identity / cache


def replace_externally(path: Path, data: dict[str, Any]) -> None:
    """What Syncthing does: write a temp file elsewhere in the folder, rename it over."""
    tmp = path.parent / ".syncthing.tandem.json.tmp"
    tmp.write_bytes(serialise(data))
    os.replace(tmp, path)


def test_reads_come_from_ram_while_the_file_is_unchanged(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    st = make(db_path, lock_dir)
    first = st.read()
    assert st.read() is first
    assert st.generation == 1
    assert not st.changed_on_disk()


def test_a_file_replaced_by_a_sync_tool_is_noticed(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    st = make(db_path, lock_dir)
    st.read()
    changed = sample()
    changed["members"]["3"] = {"id": "m3", "name": "Son's tick from the laptop"}
    replace_externally(db_path, changed)
    assert st.changed_on_disk()
    assert st.read() == changed
    assert st.generation == 2
    assert not st.changed_on_disk()


def test_sync_delivery_then_local_tick_loses_nothing(db_path: Path, lock_dir: Path) -> None:
    """reliability.md 3.3: app sees [A]; sync delivers [A, B]; mum ticks C -> disk [A, B, C]."""
    db = TinyDB(db_path, storage=SafeFileStorage, lock_dir=lock_dir)
    storage = db.storage
    assert isinstance(storage, SafeFileStorage)
    with storage.locked():
        db.table("_meta").insert({"schema_version": 1})
        db.table("ticks").insert({"t": "A"})
    delivered = parse_data_file(db_path.read_bytes(), db_path)
    delivered["ticks"]["2"] = {"t": "B"}
    replace_externally(db_path, delivered)
    with storage.locked():
        storage.read()
        reset_tinydb_caches(db)
        db.table("ticks").insert({"t": "C"})
    on_disk = parse_data_file(db_path.read_bytes(), db_path)
    assert sorted(d["t"] for d in on_disk["ticks"].values()) == ["A", "B", "C"]


def test_write_refuses_a_file_changed_since_it_was_read(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    st = make(db_path, lock_dir)
    stale = st.read()
    other = sample()
    other["members"]["3"] = {"id": "m3"}
    replace_externally(db_path, other)
    before = sha(db_path)
    with pytest.raises(ChangedOnDisk, match="changed on disk") as caught:
        st.write(stale)
    assert caught.value.exit_code == 75
    assert sha(db_path) == before


def test_identity_reuse_is_caught_by_the_stamp_inside_the_lock(
    db_path: Path, lock_dir: Path
) -> None:
    """An inode number reused within one clock tick, same size: identity alone would lie."""
    write_via_storage(db_path, lock_dir, sample())
    mine = make(db_path, lock_dir)
    mine.read()
    other = make(db_path, lock_dir)
    changed = sample()
    changed["members"]["1"]["name"] = "Zoé 🌱"  # same length in bytes? does not matter here
    with other.locked():
        other.read()
        other.write(changed)
    # Pretend the new file has exactly the identity we cached.
    mine._identity = storage_mod._identity(os.stat(db_path))
    assert mine.changed_on_disk()  # the stamp differs
    assert mine.read() == sample()  # outside the lock only the identity is checked
    with mine.locked(), pytest.raises(ChangedOnDisk):
        mine.write(sample())  # a blind write would clobber the other's change
    with mine.locked():
        assert mine.read() == changed


def test_reset_tinydb_caches_drops_stale_query_results(db_path: Path, lock_dir: Path) -> None:
    db = TinyDB(db_path, storage=SafeFileStorage, lock_dir=lock_dir)
    with db.storage.locked():  # type: ignore[attr-defined]
        db.table("_meta").insert({"schema_version": 1})
        db.table("members").insert({"id": "m1", "name": "A"})
    members = db.table("members")
    assert len(members.search(Query().name == "A")) == 1
    changed = parse_data_file(db_path.read_bytes(), db_path)
    changed["members"]["1"]["name"] = "B"
    replace_externally(db_path, changed)
    assert len(members.search(Query().name == "A")) == 1  # TinyDB's query cache is stale
    reset_tinydb_caches(db)
    assert members.search(Query().name == "A") == []
