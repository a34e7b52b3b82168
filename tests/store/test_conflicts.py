"""Sync tools' conflict copies: recognised by name, merged in, then archived (never lost)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from store.conflicts import archive_path, find_conflict_copies, merge_conflict_copies
from store.schema import META, TICKS, join_log, log_entries

DATA = Path(__file__).parents[1] / "data"
BASE: dict[str, Any] = json.loads((DATA / "merge_base.json").read_text(encoding="utf-8"))
LEO = "7f1c2a4e-0000-4000-8000-000000000002"

COPIES = [
    "tandem.sync-conflict-20250314-071502-ABCDEF7.json",  # Syncthing
    "tandem (Mum's conflicted copy 2025-03-14).json",  # Dropbox
    "tandem (Mum's conflicted copy 2025-03-14) (1).json",  # Dropbox, the second that day
    "tandem (Leo’s conflicted copy 2025-03-14 (2)).json",  # Dropbox, curly, number inside
    "tandem (conflicted copy 2025-03-14 093612).json",  # Nextcloud
    "tandem_conflict-20250314-093612.json",  # ownCloud before 2.5
]
LOOK_ALIKES = [
    "tandem.json",
    "tandem.json.bak",
    ".tandem.json.k2j3h4.tmp",
    "notes.sync-conflict-20250314-071502-ABCDEF7.json",
    "tandem2.sync-conflict-20250314-071502-ABCDEF7.json",
    "old tandem (conflicted copy 2025-03-14 093612).json",
    "tandem.sync-conflict-20250314-071502-ABCDEF7.txt",
    "tandem.sync-conflict-20250314-071502-ABCDEF7.json.tmp",
    "tandem.sync-conflict-2025-03-14-071502-ABCDEF7.json",
    "tandem.sync-conflict-20250314-071502-.json",
    "tandem (Mum's copy 2025-03-14).json",
    "tandem (Mum's conflicted copy 14-03-2025).json",
    "tandem (conflicted copy 2025-03-14).json",
    "tandem (conflicted copy 2025-03-14 093612).json.part",
    "tandem_conflict-20250314.json",
    "tandem.backup-conflict-20250314-093612.json",
]


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_text("{}", encoding="utf-8")


def test_every_tools_naming_is_found_sorted_by_name(tmp_path: Path) -> None:
    _touch(tmp_path, *COPIES, *LOOK_ALIKES)
    found = find_conflict_copies(tmp_path / "tandem.json")
    assert [path.name for path in found] == sorted(COPIES)
    assert all(path.parent == tmp_path for path in found)


def test_only_files_of_this_data_file_count(tmp_path: Path) -> None:
    (tmp_path / "family (2).sync-conflict-20250314-071502-ABCDEF7.json").mkdir()
    _touch(tmp_path, "family (2)_conflict-20250314-093612.json",
           "family X2_conflict-20250314-093612.json", "family (2)_conflict-20250314-093612.JSON")
    found = find_conflict_copies(tmp_path / "family (2).json")
    assert [path.name for path in found] == ["family (2)_conflict-20250314-093612.json"]
    assert find_conflict_copies(tmp_path / "missing" / "tandem.json") == []


def test_archive_path_is_beside_the_backups_and_never_overwrites(tmp_path: Path) -> None:
    data_path = tmp_path / "tandem.json"
    copy_path = tmp_path / COPIES[0]
    first = archive_path(data_path, copy_path)
    assert first == tmp_path / "tandem-backups" / "conflicts" / COPIES[0]
    first.parent.mkdir(parents=True)
    first.write_text("{}", encoding="utf-8")
    second = archive_path(data_path, copy_path)
    assert second.name == "tandem.sync-conflict-20250314-071502-ABCDEF7.2.json"
    assert second.parent == first.parent


# -- the merge-on-open procedure -------------------------------------------------------------


class Folder:
    """A data file on disk with the callables the store would pass, recording each write."""

    def __init__(self, root: Path, data: dict[str, Any]) -> None:
        self.path = root / "tandem.json"
        self.writes: list[dict[str, Any]] = []
        self.copies_at_write: list[list[str]] = []
        self.save(self.path, data)

    @staticmethod
    def save(path: Path, data: Any) -> None:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def read_current(self) -> dict[str, Any]:
        return dict(json.loads(self.path.read_text(encoding="utf-8")))

    def write(self, data: dict[str, Any]) -> None:
        self.copies_at_write.append([p.name for p in find_conflict_copies(self.path)])
        self.writes.append(data)
        self.save(self.path, data)

    @staticmethod
    def load_copy(path: Path) -> dict[str, Any]:
        return dict(json.loads(path.read_text(encoding="utf-8")))

    def merge(self) -> list[Any]:
        return merge_conflict_copies(self.path, self.read_current, self.write, self.load_copy)


def _with_tick(day: str, updated: int) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    log = data[TICKS]["1"]["log"]
    log[LEO] = join_log(sorted([*log_entries(log[LEO]), f"{day} d {updated}"]))
    return data


def _leo_ticks(data: dict[str, Any]) -> list[str]:
    return log_entries(data[TICKS]["1"]["log"][LEO])


def test_copies_are_merged_written_then_archived(tmp_path: Path) -> None:
    folder = Folder(tmp_path, BASE)
    folder.save(tmp_path / COPIES[0], _with_tick("2026-01-25", 1769367600))
    folder.save(tmp_path / COPIES[1], _with_tick("2026-02-01", 1769972400))
    reports = folder.merge()
    assert [r.copy.name for r in reports] == sorted(COPIES[:2])
    assert all(r.merged and not r.reason for r in reports)
    assert [r.lines for r in reports] == [("1 tick by Leo on Sunday dinner",)] * 2
    assert _leo_ticks(folder.read_current()) == [
        "2026-01-18 d 1768730400", "2026-01-25 d 1769367600", "2026-02-01 d 1769972400"]
    # Each write happened while its copy was still in place; each copy is archived after.
    assert folder.copies_at_write == [sorted(COPIES[:2]), sorted(COPIES[:2])[1:]]
    archive = tmp_path / "tandem-backups" / "conflicts"
    assert sorted(p.name for p in archive.iterdir()) == sorted(COPIES[:2])
    assert [r.archived_to for r in reports] == [archive / r.copy.name for r in reports]
    assert find_conflict_copies(folder.path) == []
    assert reports[0].message == f"Merged {reports[0].copy.name} (1 tick by Leo on Sunday dinner)."


def test_a_copy_with_nothing_new_is_archived_without_a_write(tmp_path: Path) -> None:
    folder = Folder(tmp_path, BASE)
    folder.save(tmp_path / COPIES[4], BASE)
    [report] = folder.merge()
    assert report.merged and report.lines == () and folder.writes == []
    assert report.message == f"Merged {COPIES[4]} (nothing new)."
    assert not (tmp_path / COPIES[4]).exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"_meta": {"1": {"schema_v', "Unterminated string"),
        (json.dumps({**BASE, META: {"1": {"schema_version": 9}}}), "written by a newer Tandem"),
        (json.dumps({**BASE, TICKS: {"1": {"ritual_id": "r", "log": {LEO: "x"}}}}),
         "bad tick entry"),
    ],
    ids=["unreadable", "newer-schema", "malformed"],
)
def test_a_copy_that_cannot_be_merged_stays_with_a_reason(
    tmp_path: Path, content: str, reason: str
) -> None:
    folder = Folder(tmp_path, BASE)
    (tmp_path / COPIES[5]).write_text(content, encoding="utf-8")
    folder.save(tmp_path / COPIES[0], _with_tick("2026-01-25", 1769367600))
    reports = {r.copy.name: r for r in folder.merge()}
    bad = reports[COPIES[5]]
    assert not bad.merged and reason in bad.reason and bad.archived_to is None
    assert bad.message.startswith(f"Did not merge {COPIES[5]}: ")
    assert (tmp_path / COPIES[5]).read_text(encoding="utf-8") == content
    assert reports[COPIES[0]].merged  # one bad copy does not stop the others
    assert len(_leo_ticks(folder.read_current())) == 2


def test_a_copy_merged_but_not_movable_stays_and_says_so(tmp_path: Path) -> None:
    folder = Folder(tmp_path, BASE)
    (tmp_path / "tandem-backups").write_text("not a folder", encoding="utf-8")
    folder.save(tmp_path / COPIES[0], _with_tick("2026-01-25", 1769367600))
    [report] = folder.merge()
    assert report.merged and report.archived_to is None and report.reason
    assert len(folder.writes) == 1 and (tmp_path / COPIES[0]).exists()
    assert "It stays where it is: it could not be moved to" in report.message
    # The next open merges it again: nothing new, so nothing is written.
    (tmp_path / "tandem-backups").unlink()
    [again] = folder.merge()
    assert again.lines == () and len(folder.writes) == 1 and again.archived_to is not None
