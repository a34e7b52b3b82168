"""Doctor: a healthy file passes; every kind of problem is found; nothing is changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import schema
from store.backups import backup_if_due, daily_backup_path
from store.datafile import serialise
from store.doctor import DoctorReport, conflict_copies, doctor

TODAY = date(2026, 3, 18)


def healthy() -> dict[str, Any]:
    def rec(i: str, **fields: Any) -> dict[str, Any]:
        return {"id": i, "created_at": "x", "updated_at": "x", "deleted": False, **fields}

    return {
        "_meta": {"1": {"schema_version": schema.SCHEMA_VERSION}},
        "members": {"1": rec("m1", name="Maman"), "2": rec("m2", name="Léo")},
        "rituals": {"1": rec("r1", title="Dîner", members=["m1", "m2"])},
        "ticks": {
            "1": {
                "ritual_id": "r1",
                "log": {
                    "m1": "2026-03-01 d 1\n2026-03-08 d 2\n2026-03-09 s 3 x",
                    "m2": "2026-03-01 d 1",
                },
                "notes": {},
                "stats": None,
            }
        },
        "moments": {"1": rec("o1", by="m1", members=["m1", "m2"])},
        "goals": {"1": rec("g1", owner="m2")},
        "ideas": {"1": rec("i1", favourite_by=["m1"])},
    }


def levels(report: DoctorReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"ok": [], "warn": [], "error": []}
    for f in report.findings:
        out[f.level].append(f.message)
    return out


def has(messages: list[str], fragment: str) -> bool:
    return any(fragment in m for m in messages)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path.resolve() / "tandem.json"


def test_a_healthy_file(db: Path) -> None:
    db.write_bytes(serialise(healthy()))
    backup_if_due(db, date(2026, 3, 16))
    report = doctor(db, TODAY)
    found = levels(report)
    assert report.ok and found["warn"] == [] and found["error"] == []
    assert has(found["ok"], "is readable")
    assert has(found["ok"], f"Schema version {schema.SCHEMA_VERSION} is current")
    assert has(
        found["ok"], "members 2, rituals 1, ideas 1, moments 1, goals 1, ticks 3"
    )  # the tombstone is not counted
    assert has(found["ok"], "every tick decodes")
    assert has(found["ok"], "tandem-2026-03-16.json (2 days ago)")
    assert all(f.message.endswith(".") for f in report.findings)


def test_missing_file(db: Path) -> None:
    report = doctor(db, TODAY)
    assert report.ok and has(levels(report)["warn"], "no data file")
    assert has(levels(report)["warn"], "no backups")


def test_missing_file_after_use(db: Path) -> None:
    db.write_bytes(serialise(healthy()))
    backup_if_due(db, TODAY)
    db.unlink()
    report = doctor(db, TODAY)
    assert not report.ok and has(levels(report)["error"], "backups show it held data")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "is empty"),
        (b'{"_meta": {"1": {"schema_version": 1}}, "members": {', "cut off"),
        (b'{"_meta":{"1":{"schema_version":5}}}', "newer Tandem"),
    ],
)
def test_unreadable_file(db: Path, raw: bytes, fragment: str) -> None:
    db.write_bytes(raw)
    report = doctor(db, TODAY)
    assert not report.ok
    assert has(levels(report)["error"], fragment)
    assert has(levels(report)["error"], "tandem backup restore")


def test_folder_at_the_path(db: Path) -> None:
    db.mkdir()
    assert has(levels(doctor(db, TODAY))["error"], "not a regular file")


def test_older_schema_is_a_warning(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db.write_bytes(serialise(healthy()))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    report = doctor(db, TODAY)
    assert report.ok and has(levels(report)["warn"], "Schema version 2 is older than 3")


def _dup_id(d: dict[str, Any]) -> None:
    d["members"]["3"] = dict(d["members"]["1"])


def _no_id(d: dict[str, Any]) -> None:
    del d["goals"]["1"]["id"]


def _ritual_member(d: dict[str, Any]) -> None:
    d["rituals"]["1"]["members"].append("ghost")


def _tick_member(d: dict[str, Any]) -> None:
    d["ticks"]["1"]["log"]["ghost"] = ["2026-03-01 d 1"]


def _orphan_log(d: dict[str, Any]) -> None:
    d["ticks"]["1"]["ritual_id"] = "gone"


def _two_logs(d: dict[str, Any]) -> None:
    d["ticks"]["2"] = {"ritual_id": "r1", "log": {}, "notes": {}, "stats": None}


def _bad_tick(d: dict[str, Any]) -> None:
    d["ticks"]["1"]["log"]["m1"] += "\n2026-02-30 d 1\n2026-03-10 q 1\nnonsense\n42"


def _dup_tick(d: dict[str, Any]) -> None:
    d["ticks"]["1"]["log"]["m2"] += "\n2026-03-01 d 7"


def _unsorted(d: dict[str, Any]) -> None:
    d["ticks"]["1"]["log"]["m2"] = "2026-03-05 d 1\n" + d["ticks"]["1"]["log"]["m2"]


def _log_shape(d: dict[str, Any]) -> None:
    d["ticks"]["1"]["log"]["m2"] = {"2026-03-01": "d 1"}


def _goal_owner(d: dict[str, Any]) -> None:
    d["goals"]["1"]["owner"] = "ghost"


@pytest.mark.parametrize(
    ("damage", "level", "fragment"),
    [
        (_dup_id, "error", "more than one record in members: m1"),
        (_no_id, "error", "of goals have no id"),
        (_ritual_member, "warn", "ghost in rituals r1"),
        (_goal_owner, "warn", "ghost in goals g1"),
        (_tick_member, "warn", "tick logs name members that do not exist: ghost"),
        (_orphan_log, "warn", "rituals that do not exist: gone"),
        (_two_logs, "error", "more than one tick log: r1"),
        (_bad_tick, "error", "4 tick log entries do not decode"),
        (_dup_tick, "warn", "repeat a tick identity: 2026-03-01 done in ritual r1"),
        (_unsorted, "warn", "not sorted by date"),
        (_log_shape, "error", "not shaped as documented"),
    ],
)
def test_each_data_problem_is_found(
    db: Path, damage: Callable[[dict[str, Any]], None], level: str, fragment: str
) -> None:
    data = healthy()
    damage(data)
    db.write_bytes(serialise(data))
    report = doctor(db, TODAY)
    found = levels(report)
    assert has(found[level], fragment), report.findings
    assert report.ok == (level != "error")
    assert not has(found["ok"], "every tick decodes")


def test_surroundings_temp_files_conflicts_and_backups(db: Path) -> None:
    db.write_bytes(serialise(healthy()))
    backup_if_due(db, date(2026, 3, 10))
    daily_backup_path(db, TODAY).write_bytes(b"{broken")
    folder = db.parent
    temp = folder / ".tandem.json.k2j3.tmp"
    temp.write_bytes(b"{half")
    copies = [
        "tandem.sync-conflict-20260314-071502-ABCDEF7.json",
        "tandem (Maman's conflicted copy 2026-03-14).json",
        "tandem (conflicted copy 2026-03-14 093612).json",
        "tandem_conflict-20260314-093612.json",
    ]
    for name in [*copies, "other.sync-conflict-20260314-071502-ABCDEF7.json", "tandem2.json"]:
        (folder / name).write_bytes(b"{}")
    before = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }

    report = doctor(db, TODAY)
    found = levels(report)
    assert report.ok
    assert has(found["warn"], "1 temporary file(s) of interrupted writes")
    assert has(found["warn"], "4 sync conflict copies")
    assert sorted(p.name for p in conflict_copies(db)) == sorted(copies)
    assert has(found["ok"], "2 backup(s); the newest valid one is tandem-2026-03-10.json (8 days")
    assert has(found["warn"], "Some backups cannot be opened: tandem-2026-03-18.json")
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }
    assert after == before  # doctor changes nothing, not even the stale temp file
