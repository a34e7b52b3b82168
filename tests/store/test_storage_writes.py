"""SafeFileStorage: refused data, failed writes and stale temp files."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from store.atomic import WriteFailed, stale_temp_files
from store.datafile import UnsavableData, find_non_finite
from store.errors import RejectedInput
from store.storage import SafeFileStorage
from tests.store.storage_helpers import META, make, sample, sha, write_via_storage

# ----------------------------------------------------------------------------- refused data


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ({"_meta": META, "members": {"1": {"name": "\udce9"}}}, "lone surrogate"),
        ({"_meta": META, "members": {"1": {"day": date(2026, 1, 1)}}}, "JSON"),
        ({"members": {"1": {"id": "m1"}}}, "no _meta schema version"),
        ({"_meta": {"1": {"schema_version": 99}}}, "newer"),
        ({"_meta": META, "members": [1]}, "not an object of tables"),
    ],
)
def test_unsavable_data_is_refused_before_touching_the_file(
    bad: Any, fragment: str, db_path: Path, lock_dir: Path
) -> None:
    write_via_storage(db_path, lock_dir, sample())
    before = sha(db_path)
    st = make(db_path, lock_dir)
    with st.locked():
        st.read()
        with pytest.raises(UnsavableData, match=fragment) as caught:
            st.write(bad)
    assert isinstance(caught.value, RejectedInput) and caught.value.exit_code == 1
    assert sha(db_path) == before
    assert stale_temp_files(db_path) == []
    assert st.read() == sample()  # the cache was dropped, the disk is the truth


def test_nan_is_written_as_null_and_find_non_finite_locates_it(
    db_path: Path, lock_dir: Path
) -> None:
    data = {"_meta": META, "ticks": {"3": {"stats": {"strength": float("nan"), "ok": 0.5}}}}
    assert find_non_finite(data) == "ticks/3/stats/strength"
    assert find_non_finite(sample()) is None
    assert find_non_finite([1.0, float("inf")]) == "1"
    write_via_storage(db_path, lock_dir, data)
    raw = db_path.read_bytes()
    assert b"NaN" not in raw and b"Infinity" not in raw
    assert b'"strength":null' in raw


# ----------------------------------------------------------------------------- failed writes


def _fail_with(code: int) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("target", "code", "fragment"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.EIO, "could not write it"),
        ("replace", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EXDEV, "could not write it"),
    ],
)
def test_failed_write_leaves_the_old_file_and_no_temp(
    target: str,
    code: int,
    fragment: str,
    db_path: Path,
    lock_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_via_storage(db_path, lock_dir, sample())
    before = sha(db_path)
    st = make(db_path, lock_dir)
    with st.locked():
        data = st.read()
        data["members"]["3"] = {"id": "m3", "name": "Grand-mère"}
        monkeypatch.setattr(os, target, _fail_with(code))
        with pytest.raises(WriteFailed, match=fragment) as caught:
            st.write(data)
        monkeypatch.undo()
    assert caught.value.exit_code == 3
    assert "Nothing was changed" in str(caught.value)
    assert sha(db_path) == before
    assert stale_temp_files(db_path) == []
    # The cached dict was changed in place by the caller: it must not be served any more.
    assert st.read() == sample()
    with st.locked():
        data = st.read()
        data["members"]["3"] = {"id": "m3", "name": "Grand-mère"}
        st.write(data)
    assert make(db_path, lock_dir).read()["members"]["3"]["name"] == "Grand-mère"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [(errno.EACCES, "permission denied in its folder"), (errno.EROFS, "read-only file system")],
)
def test_read_only_folder_reads_but_refuses_writes(
    code: int, fragment: str, db_path: Path, lock_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_via_storage(db_path, lock_dir, sample())
    before = sha(db_path)
    # Root ignores folder permissions, so make temp-file creation fail as it would.
    monkeypatch.setattr(tempfile, "mkstemp", _fail_with(code))
    st = make(db_path, lock_dir)
    assert st.read() == sample()
    with st.locked(), pytest.raises(WriteFailed, match=fragment):
        st.write(st.read())
    assert sha(db_path) == before


def test_read_only_file_reads_but_refuses_writes(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    os.chmod(db_path, 0o444)
    before = sha(db_path)
    db = TinyDB(db_path, storage=SafeFileStorage, lock_dir=lock_dir)
    assert len(db.table("members")) == 2
    with pytest.raises(WriteFailed, match="read-only"):
        db.table("members").insert({"id": "m3"})
    assert sha(db_path) == before
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o444


# ----------------------------------------------------------------------------- temp files


def test_stale_temp_files_are_swept_when_the_lock_is_first_taken(
    db_path: Path, lock_dir: Path
) -> None:
    write_via_storage(db_path, lock_dir, sample())
    stale = [db_path.parent / ".tandem.json.abc123.tmp", db_path.parent / ".tandem.json.x.tmp"]
    keep = [db_path.parent / ".other.json.abc.tmp", db_path.parent / "tandem.json.tmp"]
    for p in stale + keep:
        p.write_bytes(b"{partial")
    st = make(db_path, lock_dir)
    assert st.read() == sample()  # reading alone does not sweep (no lock held)
    assert all(p.exists() for p in stale)
    with st.locked():
        assert sorted(st.swept) == sorted(stale)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in keep)
