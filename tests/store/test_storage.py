"""SafeFileStorage: round trips, the exact bytes, new files, and the schema version."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from store import schema
from store.backups import backups_dir
from store.datafile import parse_data_file
from store.errors import DataFileError
from store.storage import SafeFileStorage
from tests.store.storage_helpers import make, sample, write_via_storage

# ----------------------------------------------------------------------------- round trips


def test_round_trip_through_a_fresh_instance(db_path: Path, lock_dir: Path) -> None:
    st = make(db_path, lock_dir)
    with st.locked():
        st.read()
        st.write(sample())
    assert not st.changed_on_disk()  # the identity taken before the rename is the file's
    assert st.identity == (
        db_path.stat().st_ino,
        db_path.stat().st_size,
        db_path.stat().st_mtime_ns,
    )
    assert make(db_path, lock_dir).read() == sample()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlinked_data_file_stays_a_symlink(tmp_path: Path, lock_dir: Path) -> None:
    synced = tmp_path.resolve() / "Sync"
    synced.mkdir()
    real = synced / "tandem.json"
    link = tmp_path / "tandem.json"
    link.symlink_to(real)
    st = make(link, lock_dir)
    assert st.path == real
    with st.locked():
        st.read()
        st.write(sample())
    assert link.is_symlink() and make(link, lock_dir).read() == sample()
    assert backups_dir(link) == synced / "tandem-backups"


def test_exact_file_text_is_compact_utf8_with_real_characters(
    db_path: Path, lock_dir: Path
) -> None:
    write_via_storage(db_path, lock_dir, sample())
    raw = db_path.read_bytes()
    expected = (
        '{"_meta":{"1":{"schema_version":1}},"members":{'
        '"1":{"id":"m1","name":"Zoë 🌱","note":"line one\\nline two\\ttab"},'
        '"2":{"id":"m2","name":"Léo","note":"日本語 \\"quoted\\" back\\\\slash"}}}\n'
    )
    assert raw == expected.encode("utf-8")
    assert b"\\u" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")


def test_tinydb_over_safe_storage(db_path: Path, lock_dir: Path) -> None:
    db = TinyDB(db_path, storage=SafeFileStorage, lock_dir=lock_dir)
    storage = db.storage
    assert isinstance(storage, SafeFileStorage)
    with storage.locked():
        db.table("_meta").insert({"schema_version": 1})
        db.table("members").insert({"id": "m1", "name": "Maman"})
    db.close()
    again = TinyDB(db_path, storage=SafeFileStorage, lock_dir=lock_dir)
    assert again.table("members").search(Query().name == "Maman")[0]["id"] == "m1"


def test_missing_file_reads_empty_and_first_write_creates_it(
    tmp_path: Path, lock_dir: Path
) -> None:
    path = tmp_path / "new" / "folder" / "tandem.json"
    st = make(path, lock_dir)
    assert st.read() == {}
    assert st.identity is None
    assert not st.changed_on_disk()
    with st.locked():
        st.write({"_meta": {"1": {"schema_version": 1}}})
    assert path.is_file()
    assert parse_data_file(path.read_bytes(), path) == {"_meta": {"1": {"schema_version": 1}}}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # private by default


def test_missing_file_refused_without_create(db_path: Path, lock_dir: Path) -> None:
    with pytest.raises(DataFileError, match="does not exist"):
        make(db_path, lock_dir, create=False).read()


def test_missing_file_with_backups_is_refused(db_path: Path, lock_dir: Path) -> None:
    folder = db_path.parent / "tandem-backups"
    folder.mkdir()
    (folder / "tandem-2026-01-01.json").write_bytes(b"{}")
    st = make(db_path, lock_dir)
    with pytest.raises(DataFileError, match="backup restore"):
        st.read()
    with pytest.raises(DataFileError), st.locked():
        st.write({"_meta": {"1": {"schema_version": 1}}})
    assert not db_path.exists()


def test_bom_is_accepted_and_dropped_on_next_write(db_path: Path, lock_dir: Path) -> None:
    db_path.write_bytes(b"\xef\xbb\xbf" + b'{"_meta":{"1":{"schema_version":1}}}')
    st = make(db_path, lock_dir)
    with st.locked():
        data = st.read()
        assert data == {"_meta": {"1": {"schema_version": 1}}}
        st.write(data)
    assert db_path.read_bytes() == b'{"_meta":{"1":{"schema_version":1}}}\n'


def test_empty_tables_without_meta_are_a_new_file(db_path: Path, lock_dir: Path) -> None:
    db_path.write_bytes(b'{"members": {}}')
    assert make(db_path, lock_dir).read() == {"members": {}}


def test_permission_bits_are_kept(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    os.chmod(db_path, 0o640)
    write_via_storage(db_path, lock_dir, sample())
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o640


def test_schema_version_is_read_at_call_time(
    db_path: Path, lock_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.write_bytes(b'{"_meta":{"1":{"schema_version":3}}}')
    with pytest.raises(DataFileError, match="newer"):
        make(db_path, lock_dir).read()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    assert make(db_path, lock_dir).read() == {"_meta": {"1": {"schema_version": 3}}}
