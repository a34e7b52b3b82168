"""SafeFileStorage: damaged, odd and unreadable files are refused and never changed."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

import store.storage as storage_mod
from store.atomic import stale_temp_files
from store.datafile import validate_data
from store.errors import DataFileError
from store.storage import SafeFileStorage
from tests.store.storage_helpers import make, sample, sha

# ----------------------------------------------------------------------------- damaged files

GOOD = b'{"_meta":{"1":{"schema_version":1}},"members":{"1":{"id":"m1","name":"Zo\xc3\xab"}}}'

DAMAGED = {
    "empty": (b"", "is empty"),
    "whitespace only": (b"  \n\t ", "only whitespace"),
    "truncated": (GOOD[: len(GOOD) // 2], "cut off"),
    "trailing garbage": (GOOD + b' "xxx"}}}', "extra data after"),
    "nul bytes at the end": (GOOD + b"\x00\x00\x00", "NUL bytes"),
    "nul bytes inside": (GOOD[:20] + b"\x00" + GOOD[21:], "NUL bytes"),
    "invalid utf-8": (GOOD.replace(b"\xc3\xab", b"\xff"), "not valid UTF-8"),
    "top level list": (b"[1, 2, 3]", "a list at the top level"),
    "top level string": (b'"hello"', "a string at the top level"),
    "table is a list": (
        b'{"_meta":{"1":{"schema_version":1}},"members":[1]}',
        "'members' is a list",
    ),
    "document is a string": (
        b'{"_meta":{"1":{"schema_version":1}},"members":{"1":"x"}}',
        "document 1 of table 'members' is a string",
    ),
    "doc id not digits": (
        b'{"_meta":{"1":{"schema_version":1}},"members":{"abc":{}}}',
        "key 'abc'",
    ),
    "doc id with leading zero": (
        b'{"_meta":{"1":{"schema_version":1}},"members":{"01":{}}}',
        "key '01'",
    ),
    "newer schema": (b'{"_meta":{"1":{"schema_version":99}}}', "written by a newer Tandem"),
    "schema version a string": (b'{"_meta":{"1":{"schema_version":"1"}}}', "not a whole number"),
    "schema version a boolean": (b'{"_meta":{"1":{"schema_version":true}}}', "not a whole number"),
    "schema version zero": (b'{"_meta":{"1":{"schema_version":0}}}', "not a whole number"),
    "conflicting versions": (
        b'{"_meta":{"1":{"schema_version":1},"2":{"schema_version":2}}}',
        "several schema versions",
    ),
    "data without _meta": (b'{"members":{"1":{"id":"m1"}}}', "no _meta schema version"),
    "NaN literal": (b'{"_meta":{"1":{"schema_version":1,"x":NaN}}}', "not valid JSON"),
    "lone surrogate escape": (b'{"_meta":{"1":{"schema_version":1,"x":"\\ud800"}}}', "not valid"),
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_damaged_file_is_refused_and_never_changed(
    case: str, db_path: Path, lock_dir: Path
) -> None:
    raw, fragment = DAMAGED[case]
    db_path.write_bytes(raw)
    before = sha(db_path)
    st = make(db_path, lock_dir)
    with pytest.raises(DataFileError) as caught:
        st.read()
    message = str(caught.value)
    assert fragment in message
    assert str(db_path) in message
    assert caught.value.exit_code == 3
    if case == "newer schema":
        assert "Upgrade Tandem" in message
    else:
        assert "tandem backup restore" in message
    # TinyDB cannot write over it either: every write starts with a read.
    db = TinyDB(db_path, storage=SafeFileStorage, lock_dir=lock_dir)
    with pytest.raises(DataFileError):
        db.table("members").insert({"id": "m9"})
    assert sha(db_path) == before
    assert stale_temp_files(db_path) == []


def test_validate_data_checks_parsed_json(tmp_path: Path) -> None:
    other = tmp_path / "copy.json"
    assert validate_data(other, sample()) == sample()
    for bad, fragment in [
        ([], "a list at the top level"),
        ({"members": {1: {}}}, "document key 1"),
        ({"_meta": {"1": {"schema_version": 7}}}, "newer Tandem"),
    ]:
        with pytest.raises(DataFileError, match=fragment) as caught:
            validate_data(other, bad)
        assert caught.value.path == other


def test_directory_at_the_path(db_path: Path, lock_dir: Path) -> None:
    db_path.mkdir()
    with pytest.raises(DataFileError, match="is a folder"):
        make(db_path, lock_dir).read()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_at_the_path_is_refused_without_blocking(db_path: Path, lock_dir: Path) -> None:
    os.mkfifo(db_path)
    with pytest.raises(DataFileError, match="not a regular file"):
        make(db_path, lock_dir).read()


def test_unreadable_file(db_path: Path, lock_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path.write_bytes(GOOD)
    before = sha(db_path)

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(db_path))

    # We run as root in CI, and root reads anything: simulate the refusal.
    monkeypatch.setattr(storage_mod, "open", denied, raising=False)
    with pytest.raises(DataFileError, match="permission denied"):
        make(db_path, lock_dir).read()
    assert sha(db_path) == before
