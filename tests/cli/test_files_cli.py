"""File commands: export/import, merge, conflict copies at open, backups, doctor, damage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.test_cli import Tandem


@pytest.fixture
def tandem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Tandem:
    return Tandem(tmp_path / "family.json", capsys)


@pytest.fixture
def family(tandem: Tandem) -> Tandem:
    tandem("init", "--member", "Mum:mother", "--member", "Leo:son")
    tandem("ritual", "add", "Sunday dinner", "--every", "week", "--on", "sun",
           "--start", "2026-10-04")
    tandem("tick", "Sunday", "--date", "2026-11-15", "--by", "Leo", "--note", "Лазанья 🍝")
    tandem("goal", "add", "Learn to drive", "--owner", "Leo")
    return tandem


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_import_round_trip_into_a_new_file(
    family: Tandem, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = family("export", "--format", "json")
    assert "Лазанья 🍝" in exported  # real characters, not \\u escapes
    (tmp_path / "export.json").write_text(exported, encoding="utf-8")
    fresh = Tandem(tmp_path / "fresh.json", capsys)
    assert "Imported" in fresh("import", str(tmp_path / "export.json"))
    assert json.loads(fresh("export", "--format", "json")) == json.loads(exported)


def test_import_refuses_a_file_that_is_not_an_export(family: Tandem, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    before = sha(family.db)
    family("import", str(bad), code=1)
    assert "is not a Tandem export" in family.err
    family("import", str(tmp_path / "missing.json"), code=1)
    assert "does not exist" in family.err
    assert sha(family.db) == before


def test_merge_brings_in_the_other_copy(family: Tandem, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(family.db.read_bytes())
    theirs = Tandem(other, family.capsys)
    theirs("tick", "Sunday", "--date", "2026-11-22", "--by", "Mum")
    out = family("merge", str(other))
    assert "Merged" in out and "1 tick by Mum on Sunday dinner" in out
    [entry] = family.json("streaks")  # type: ignore[misc]
    assert entry["due_now"] is False


def test_a_syncthing_conflict_copy_is_merged_and_archived_when_opened(
    family: Tandem, tmp_path: Path
) -> None:
    copy = tmp_path / "family.sync-conflict-20261122-101500-ABCDEF7.json"
    copy.write_bytes(family.db.read_bytes())
    Tandem(copy, family.capsys)("tick", "Sunday", "--date", "2026-11-22", "--by", "Mum")
    family("today")
    assert "Merged" in family.err and copy.name in family.err
    assert not copy.exists()
    assert (tmp_path / "family-backups" / "conflicts" / copy.name).exists()
    assert family.json("streaks")[0]["due_now"] is False  # type: ignore[index]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"_meta": {"1": {"schema_version": 1}}, "members": {', "cut off"),
        (b'{"_meta": {"1": {"schema_version": 99}}}', "newer Tandem"),
        (b"\x00\x00\x00", ""),
        (b"   \n\t ", ""),
        (b'{"_meta": {"1": {"schema_version": 1}}} trailing', ""),
        (b'{"_meta": {"1": {"schema_version": 1}}, "members": {"1": {"name": "\xff\xfe"}}}', ""),
        (b"[1, 2, 3]", ""),
        (b'{"members": {"1": {"id": "x", "name": "Mum"}}}', ""),
    ],
)
def test_a_damaged_file_exits_3_and_is_never_changed(
    tandem: Tandem, content: bytes, problem: str
) -> None:
    tandem.db.write_bytes(content)
    tandem("member", "list", code=3)
    assert str(tandem.db) in tandem.err and problem in tandem.err
    assert "Traceback" not in tandem.err and tandem.err.count("\n") == 1
    tandem("tick", "x", "--by", "y", code=3)
    assert tandem.db.read_bytes() == content


def test_a_folder_where_the_file_should_be_exits_3(tandem: Tandem) -> None:
    tandem.db.mkdir()
    tandem("member", "list", code=3)
    assert str(tandem.db) in tandem.err and "Traceback" not in tandem.err


def test_backup_list_restore_and_doctor(family: Tandem) -> None:
    assert "daily" in family("backup", "list")
    assert "ok" in family("doctor")
    [daily] = (family.db.parent / "family-backups").glob("family-2026-11-22.json")
    good = daily.read_bytes()  # the day's first state, taken when the file was first opened
    family.db.write_bytes(b'{"truncated": ')
    family("doctor", code=3)
    family("streaks", code=3)
    assert "tandem backup restore" in family.err
    out = family("backup", "restore")
    assert "Saved the current file" in out and "Restored" in out
    assert family.db.read_bytes() == good
    backups = family.db.parent / "family-backups"
    saved = [p for p in backups.iterdir() if "before-restore" in p.name]
    assert [p.read_bytes() for p in saved] == [b'{"truncated": ']
