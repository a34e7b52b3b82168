"""Backups: one a day, rotation (7 daily + 4 weekly), listing, and restore that saves first."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from store.atomic import WriteFailed
from store.backups import (
    backup_if_due,
    daily_backup_path,
    find_backup,
    list_backups,
    prune,
    restore_backup,
)
from store.clock import FixedClock
from store.datafile import serialise
from store.errors import Busy, DataFileError, NotFound
from store.locking import hold_lock
from store.storage import SafeFileStorage

TODAY = date(2026, 3, 18)  # a Wednesday
NOW = datetime(2026, 3, 18, 9, 30, 5)


def content(n: int) -> bytes:
    """A valid data file with n members (the first deleted) and three tick entries."""
    members: dict[str, dict[str, Any]] = {
        str(i + 1): {"id": f"m{i}", "name": f"Zoë {i}"} for i in range(n)
    }
    members["1"]["deleted"] = True
    log = {"m0": ["2026-03-01 d 1", "2026-03-02 d 5 x", "2026-03-03 s 9"]}
    return serialise(
        {
            "_meta": {"1": {"schema_version": 1}},
            "members": members,
            "ticks": {"1": {"ritual_id": "r1", "log": log}},
        }
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path.resolve() / "tandem.json"
    path.write_bytes(content(2))
    return path


@pytest.fixture
def lock_dir(tmp_path: Path) -> Path:
    return tmp_path / "locks"


def names(path: Path) -> set[str]:
    return set(os.listdir(path.parent / "tandem-backups"))


# ----------------------------------------------------------------------------- backup_if_due


def test_backup_is_an_exact_copy_once_a_day(db: Path) -> None:
    os.chmod(db, 0o640)
    made = backup_if_due(db, TODAY)
    assert made == db.parent / "tandem-backups" / "tandem-2026-03-18.json"
    assert made.read_bytes() == db.read_bytes()
    assert stat.S_IMODE(made.stat().st_mode) == 0o640
    db.write_bytes(content(3))
    assert backup_if_due(db, TODAY) is None  # at most one a day
    assert made.read_bytes() == content(2)
    assert backup_if_due(db, TODAY + timedelta(days=1)) is not None


def test_no_backup_of_a_missing_or_damaged_file(tmp_path: Path, db: Path) -> None:
    assert backup_if_due(tmp_path / "nothing.json", TODAY) is None
    db.write_bytes(content(2)[:30])
    assert backup_if_due(db, TODAY) is None
    assert not (db.parent / "tandem-backups").exists() or names(db) == set()


def test_a_version_just_checked_is_not_parsed_again(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[bytes] = []
    parse = backup_if_due.__globals__["parse_data_file"]
    monkeypatch.setattr(
        "store.backups.parse_data_file", lambda raw, path: parsed.append(raw) or parse(raw, path)
    )
    st = db.stat()
    checked = (st.st_ino, st.st_size, st.st_mtime_ns)
    made = backup_if_due(db, TODAY, known_good=checked)
    assert made is not None and made.read_bytes() == content(2)
    assert parsed == []  # the caller had parsed exactly these bytes
    # another version (here a damaged one) is parsed, and refused, whatever was checked
    db.write_bytes(content(2)[:30])
    assert backup_if_due(db, TODAY + timedelta(days=1), known_good=checked) is None
    assert parsed == [content(2)[:30]]


# ----------------------------------------------------------------------------- rotation


def test_rotation_keeps_seven_days_and_four_weeks(db: Path) -> None:
    day = date(2026, 1, 1)
    while day <= TODAY:
        backup_if_due(db, day)
        day += timedelta(days=1)
    assert names(db) == {
        # the last 7 days, today included (Thursday 12 to Wednesday 18)
        *(f"tandem-2026-03-{d}.json" for d in range(12, 19)),
        # the newest older backup of each of the 4 most recent ISO weeks
        "tandem-2026-03-11.json",  # week 11 (Mon 9 - Sun 15): its days before the 12th
        "tandem-2026-03-08.json",  # week 10
        "tandem-2026-03-01.json",  # week 9
        "tandem-2026-02-22.json",  # week 8
    }


def test_rotation_counts_weeks_that_have_backups_and_spares_other_files(db: Path) -> None:
    folder = db.parent / "tandem-backups"
    folder.mkdir()
    sparse = ["2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01", "2026-03-18"]
    others = [
        "tandem-2027-01-01.json",  # from the future: never deleted
        "tandem-before-restore-2025-01-01-101010.json",
        "tandem-before-migration-v1-2025-01-01.json",
        "other-2025-01-01.json",
        "notes.txt",
    ]
    for name in [f"tandem-{d}.json" for d in sparse] + others:
        (folder / name).write_bytes(content(1))
    (folder / "conflicts").mkdir()
    removed = prune(db, TODAY)
    assert [p.name for p in removed] == ["tandem-2025-06-01.json"]
    assert names(db) == {f"tandem-{d}.json" for d in sparse[1:]} | set(others) | {"conflicts"}


def test_prune_removes_old_temp_files_only(db: Path) -> None:
    backup_if_due(db, TODAY)
    folder = db.parent / "tandem-backups"
    old, fresh = folder / ".tandem-2026-03-17.json.a.tmp", folder / ".tandem-2026-03-18.json.b.tmp"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    stamp = datetime(2026, 3, 17, 12).timestamp()
    os.utime(old, (stamp, stamp))
    os.utime(fresh, (NOW.timestamp(), NOW.timestamp()))
    prune(db, TODAY)
    assert not old.exists() and fresh.exists()


# ----------------------------------------------------------------------------- listing


def test_list_backups(db: Path) -> None:
    backup_if_due(db, TODAY - timedelta(days=2))
    db.write_bytes(content(3))
    backup_if_due(db, TODAY - timedelta(days=1))
    broken = daily_backup_path(db, TODAY)
    broken.write_bytes(b'{"_meta": {"1": {"schema_ver')
    newer = db.parent / "tandem-backups" / "tandem-2026-03-10.json"
    newer.write_bytes(b'{"_meta":{"1":{"schema_version":9}}}')
    (db.parent / "tandem-backups" / "unrelated.json").write_bytes(b"{}")
    infos = list_backups(db)
    assert [i.name for i in infos] == [
        "tandem-2026-03-18.json",
        "tandem-2026-03-17.json",
        "tandem-2026-03-16.json",
        "tandem-2026-03-10.json",
    ]
    first, second, third, fourth = infos
    assert (first.valid, first.kind, first.day) == (False, "daily", TODAY)
    assert first.problem is not None and "cut off" in first.problem
    assert second.valid and second.size == len(content(3))
    assert second.counts == {
        "members": 2,  # three members, one deleted
        "rituals": 0,
        "ideas": 0,
        "moments": 0,
        "goals": 0,
        "ticks": 2,  # one tombstone
    }
    assert third.counts["members"] == 1
    assert not fourth.valid and fourth.problem is not None and "newer" in fourth.problem
    assert list_backups(db.parent / "elsewhere.json") == []


def test_find_backup_by_name_stem_or_date(db: Path) -> None:
    made = backup_if_due(db, TODAY)
    assert find_backup(db, "tandem-2026-03-18.json") == made
    assert find_backup(db, "tandem-2026-03-18") == made
    assert find_backup(db, "2026-03-18") == made
    for bad in ("2026-03-17", "../tandem.json", "", "tandem.json", "/etc/passwd"):
        with pytest.raises(NotFound):
            find_backup(db, bad)


# ----------------------------------------------------------------------------- restore


def test_restore_newest_valid_after_saving_the_damaged_file(db: Path, lock_dir: Path) -> None:
    backup_if_due(db, TODAY - timedelta(days=2))
    db.write_bytes(content(3))
    good = backup_if_due(db, TODAY - timedelta(days=1))
    assert good is not None
    daily_backup_path(db, TODAY).write_bytes(b"{trunc")  # the newest backup is damaged
    damaged = b'{"_meta": {"1": {"schema_version": 1}}, "members": {"1": {\x00\x00\x00'
    db.write_bytes(damaged)
    running = SafeFileStorage(db, lock_dir=lock_dir)
    with pytest.raises(DataFileError):
        running.read()

    result = restore_backup(db, now=NOW, lock_dir=lock_dir)

    assert result.restored_from == good
    assert db.read_bytes() == good.read_bytes() == content(3)
    assert result.saved_current is not None
    assert result.saved_current.name == "tandem-before-restore-2026-03-18-093005.json"
    assert result.saved_current.read_bytes() == damaged  # byte for byte
    assert running.read()["members"]["3"]["name"] == "Zoë 2"
    kinds = {i.name: i.kind for i in list_backups(db)}
    assert kinds["tandem-before-restore-2026-03-18-093005.json"] == "before-restore"

    again = restore_backup(db, "2026-03-16", now=NOW, lock_dir=lock_dir)
    assert again.saved_current is not None
    assert again.saved_current.name == "tandem-before-restore-2026-03-18-093005-2.json"
    assert again.saved_current.read_bytes() == content(3)
    assert db.read_bytes() == content(2)


def test_restore_refuses_an_invalid_backup_and_changes_nothing(db: Path, lock_dir: Path) -> None:
    broken = daily_backup_path(db, TODAY)
    broken.parent.mkdir()
    broken.write_bytes(b"")
    before = sha(db)
    with pytest.raises(DataFileError, match="cannot be restored") as caught:
        restore_backup(db, "2026-03-18", now=NOW, lock_dir=lock_dir)
    assert caught.value.path == broken
    assert sha(db) == before
    assert names(db) == {"tandem-2026-03-18.json"}
    with pytest.raises(NotFound, match="no valid daily backup"):
        restore_backup(db, now=NOW, lock_dir=lock_dir)
    with pytest.raises(NotFound, match="no backup named"):
        restore_backup(db, "2020-01-01", now=NOW, lock_dir=lock_dir)


def test_restore_when_the_data_file_is_gone(db: Path, lock_dir: Path) -> None:
    made = backup_if_due(db, TODAY)
    assert made is not None
    db.unlink()
    with pytest.raises(DataFileError, match="is missing"):
        SafeFileStorage(db, lock_dir=lock_dir).read()
    result = restore_backup(db, now=NOW, lock_dir=lock_dir)
    assert result.saved_current is None
    assert db.read_bytes() == made.read_bytes()
    assert SafeFileStorage(db, lock_dir=lock_dir).read()["members"]["2"]["name"] == "Zoë 1"


def test_restore_refuses_a_read_only_data_file(db: Path, lock_dir: Path) -> None:
    backup_if_due(db, TODAY)
    db.write_bytes(content(3))
    os.chmod(db, 0o444)
    with pytest.raises(WriteFailed, match="read-only"):
        restore_backup(db, now=NOW, lock_dir=lock_dir)
    assert db.read_bytes() == content(3)
    assert names(db) == {"tandem-2026-03-18.json"}


def test_restore_waits_for_the_lock(db: Path, lock_dir: Path) -> None:
    backup_if_due(db, TODAY)
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with hold_lock(db, lock_dir=lock_dir):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        held.wait(5)
        with pytest.raises(Busy):
            restore_backup(db, now=NOW, lock_dir=lock_dir, lock_timeout=0.2)
    finally:
        release.set()
        thread.join(5)
    storage = SafeFileStorage(db, lock_dir=lock_dir)
    with storage.locked():  # re-entrant: a restore from inside the store's own lock works
        storage.read()
        restore_backup(db, now=NOW, lock_dir=lock_dir, lock_timeout=0.2)
        assert storage.read() == storage.read()


# ------------------------------------------------------------------ a backup left for later


def family_file(tmp_path: Path) -> tuple[Path, FixedClock, str, str]:
    """A family file with one ritual, written yesterday; (path, clock, ritual id, member id)."""
    from store.repository import Store

    path, clock = tmp_path / "family.json", FixedClock(TODAY)
    store = Store.open(path, clock)
    store.set_up([("Sarah", "mother"), ("Leo", "son")])
    ritual = store.add_ritual("Sunday dinner", "FREQ=WEEKLY;BYDAY=SU", date(2026, 3, 1))
    member = store.member("Sarah").id
    store.close()
    return path, clock, ritual.id, member


def test_a_backup_left_for_later_is_written_by_back_up(tmp_path: Path) -> None:
    from store.repository import Store

    path, clock, _, _ = family_file(tmp_path)
    before = path.read_bytes()
    store = Store.open(path, clock)
    store.prepare(merge_copies=False, backup_later=True)
    assert not daily_backup_path(path, TODAY).exists()  # not on the way to the first frame
    assert store.raw_data() and store.backup_pending  # reading does not write it
    store.back_up()
    assert daily_backup_path(path, TODAY).read_bytes() == before
    assert not store.backup_pending
    store.close()


def test_a_change_never_comes_before_the_backup_left_for_later(tmp_path: Path) -> None:
    from store.repository import Store

    path, clock, ritual, member = family_file(tmp_path)
    before = path.read_bytes()
    store = Store.open(path, clock)
    store.prepare(merge_copies=False, backup_later=True)
    assert store.tick(ritual, TODAY, member)
    assert daily_backup_path(path, TODAY).read_bytes() == before  # the file as it was
    assert path.read_bytes() != before
    store.close()


def test_a_change_waits_while_the_backup_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import backups
    from store.repository import Store

    path, clock, ritual, member = family_file(tmp_path)
    before = path.read_bytes()
    store = Store.open(path, clock)
    store.prepare(merge_copies=False, backup_later=True)

    def disk_full(target: Path, data: bytes, **options: Any) -> None:
        raise WriteFailed(target, "could not write it: no space left on device", "")

    monkeypatch.setattr(backups, "atomic_write_bytes", disk_full)
    with pytest.raises(WriteFailed):
        store.tick(ritual, TODAY, member)
    assert path.read_bytes() == before  # nothing changed without its backup
    monkeypatch.undo()
    assert store.tick(ritual, TODAY, member)  # still due: written now, then the change
    assert daily_backup_path(path, TODAY).read_bytes() == before
    store.close()


def test_a_backup_folder_that_cannot_be_looked_into_is_a_clear_refusal(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "exists", refused)
    with pytest.raises(WriteFailed, match="could not look at it: Permission denied"):
        backup_if_due(db, TODAY)
