"""SafeJSONStorage: round trips, the exact bytes, damaged files, failed writes, locking, caching."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from tinydb import Query, TinyDB

import store.storage as storage_mod
from store import schema
from store.errors import Busy, DataFileError, RejectedInput
from store.storage import (
    ChangedOnDisk,
    SafeJSONStorage,
    UnsavableData,
    WriteFailed,
    find_non_finite,
    hold_lock,
    lock_path_for,
    parse_data_file,
    reset_tinydb_caches,
    stale_temp_files,
    validate_data,
)

REPO = Path(__file__).resolve().parents[2]
META = {"1": {"schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}}


def sample() -> dict[str, Any]:
    return {
        "_meta": {"1": {"schema_version": 1}},
        "members": {
            "1": {"id": "m1", "name": "Zoë 🌱", "note": "line one\nline two\ttab"},
            "2": {"id": "m2", "name": "Léo", "note": '日本語 "quoted" back\\slash'},
        },
    }


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def lock_dir(tmp_path: Path) -> Path:
    return tmp_path / "locks"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    folder = tmp_path.resolve() / "data"  # messages name the real path (macOS: /private/var)
    folder.mkdir()
    return folder / "tandem.json"


def make(path: Path, lock_dir: Path, **kwargs: Any) -> SafeJSONStorage:
    return SafeJSONStorage(path, lock_dir=lock_dir, **kwargs)


def write_via_storage(path: Path, lock_dir: Path, data: dict[str, Any]) -> None:
    st = make(path, lock_dir)
    with st.locked():
        st.read()
        st.write(data)


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
    assert storage_mod.backups_dir(link) == synced / "tandem-backups"


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
    db = TinyDB(db_path, storage=SafeJSONStorage, lock_dir=lock_dir)
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    with storage.locked():
        db.table("_meta").insert({"schema_version": 1})
        db.table("members").insert({"id": "m1", "name": "Maman"})
    db.close()
    again = TinyDB(db_path, storage=SafeJSONStorage, lock_dir=lock_dir)
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
    db = TinyDB(db_path, storage=SafeJSONStorage, lock_dir=lock_dir)
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
    db = TinyDB(db_path, storage=SafeJSONStorage, lock_dir=lock_dir)
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


# ----------------------------------------------------------------------------- identity / cache


def replace_externally(path: Path, data: dict[str, Any]) -> None:
    """What Syncthing does: write a temp file elsewhere in the folder, rename it over."""
    tmp = path.parent / ".syncthing.tandem.json.tmp"
    tmp.write_bytes(storage_mod.serialise(data))
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
    db = TinyDB(db_path, storage=SafeJSONStorage, lock_dir=lock_dir)
    storage = db.storage
    assert isinstance(storage, SafeJSONStorage)
    with storage.locked():
        db.table("_meta").insert({"schema_version": 1})
        db.table("ticks").insert({"t": "A"})
    delivered = storage_mod.parse_data_file(db_path.read_bytes(), db_path)
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
    db = TinyDB(db_path, storage=SafeJSONStorage, lock_dir=lock_dir)
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


# ----------------------------------------------------------------------------- locking


def test_lock_file_lives_outside_the_data_folder(db_path: Path) -> None:
    default = lock_path_for(db_path)
    digest = hashlib.sha256(os.fsencode(db_path.resolve())).hexdigest()
    assert default == Path(platformdirs.user_cache_dir("tandem")) / "locks" / f"{digest}.lock"
    assert db_path.parent not in default.parents
    assert lock_path_for(db_path.parent / "." / "tandem.json", Path("/x")) == Path(
        f"/x/{digest}.lock"
    )


def test_lock_is_reentrant_across_instances_in_one_process(db_path: Path, lock_dir: Path) -> None:
    a, b = make(db_path, lock_dir, lock_timeout=0.5), make(db_path, lock_dir, lock_timeout=0.5)
    with a.locked(), a.locked(), b.locked(), hold_lock(db_path, timeout=0.5, lock_dir=lock_dir):
        b.write(sample())
        a.read()
        a.write(sample())


def test_another_thread_waits_then_gets_busy(db_path: Path, lock_dir: Path) -> None:
    holder = make(db_path, lock_dir)
    errors: list[BaseException] = []

    def contender() -> None:
        try:
            with make(db_path, lock_dir, lock_timeout=0.2).locked():
                pass
        except BaseException as exc:  # recorded for the assertion
            errors.append(exc)

    with holder.locked():
        thread = threading.Thread(target=contender)
        thread.start()
        thread.join(5)
    assert len(errors) == 1 and isinstance(errors[0], Busy)


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store.storage import hold_lock
    with hold_lock(Path(sys.argv[1]), lock_dir=Path(sys.argv[2])):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


def test_busy_when_another_process_holds_the_lock(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), str(lock_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        st = make(db_path, lock_dir, lock_timeout=0.3)
        start = time.monotonic()
        with pytest.raises(Busy) as caught:
            with st.locked():
                pass
        waited = time.monotonic() - start
        assert 0.25 <= waited < 2
        assert str(caught.value) == (
            f"{db_path} is busy: another Tandem has held it for 0.3 seconds; try again"
        )
        assert caught.value.exit_code == 75
        assert st.read() == sample()  # reading needs no lock
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(10)
    with make(db_path, lock_dir, lock_timeout=2).locked():
        pass  # released when the holder exits


INCREMENTER = textwrap.dedent(
    """
    import random
    import sys
    import time
    from pathlib import Path
    from tinydb import TinyDB
    from store.storage import SafeJSONStorage, reset_tinydb_caches

    path, lock_dir, name, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    db = TinyDB(path, storage=SafeJSONStorage, lock_dir=lock_dir, lock_timeout=30)
    storage = db.storage
    seen = -1
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(int(count)):
        with storage.locked():
            storage.read()
            if storage.generation != seen:
                reset_tinydb_caches(db)
            counter = db.table("counter")
            doc = counter.get(doc_id=1)
            counter.update({"n": doc["n"] + 1, "who": doc["who"] + [name]}, doc_ids=[1])
            if i % 10 == 0:  # inserts too: TinyDB's cached next id must not be reused
                db.table("log").insert({"who": name, "i": i})
            seen = storage.generation
        time.sleep(random.random() * 0.002)  # a breath outside the lock, as real use has
    print("done", flush=True)
    """
)


def test_two_processes_increment_under_the_lock_and_lose_nothing(
    db_path: Path, lock_dir: Path
) -> None:
    write_via_storage(db_path, lock_dir, {"_meta": META, "counter": {"1": {"n": 0, "who": []}}})
    count = 200
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", INCREMENTER, str(db_path), str(lock_dir), name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for name in ("mum", "son")
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == "done"
    data = parse_data_file(db_path.read_bytes(), db_path)
    counter = data["counter"]["1"]
    assert counter["n"] == 2 * count
    assert sorted(counter["who"]) == ["mum"] * count + ["son"] * count
    entries = {(d["who"], d["i"]) for d in data["log"].values()}
    assert len(data["log"]) == 2 * count // 10
    assert entries == {(w, i) for w in ("mum", "son") for i in range(0, count, 10)}
    order = counter["who"]
    switches = sum(1 for a, b in zip(order, order[1:], strict=False) if a != b)
    print(f"\n{switches} hand-overs between the two writers")
    assert switches >= 5, "the two writers did not actually interleave"


def test_schema_version_is_read_at_call_time(
    db_path: Path, lock_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.write_bytes(b'{"_meta":{"1":{"schema_version":2}}}')
    with pytest.raises(DataFileError, match="newer"):
        make(db_path, lock_dir).read()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    assert make(db_path, lock_dir).read() == {"_meta": {"1": {"schema_version": 2}}}
