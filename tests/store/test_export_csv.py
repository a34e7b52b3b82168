"""The spreadsheet export: one CSV per kind, UTF-8 with a BOM, read back with the csv module."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from store import export_csv
from store.exchange import export_json
from store.export_csv import ENCODING, HEADERS, csv_tables, write_csv
from store.repository import Store

NOTE = "Первый снег ❄️, \"настоящий\"\nwe built a snowman 😀"


@pytest.fixture
def kept(family: Store) -> Store:
    """Mum and Leo with a ritual, ticks (one with a tricky note), a moment and goals."""
    dinner = family.add_ritual("Sunday dinner", "FREQ=WEEKLY;BYDAY=SU", date(2026, 11, 1))
    family.tick(dinner.id, date(2026, 11, 1), "Mum", note=NOTE)
    family.tick(dinner.id, date(2026, 11, 8), "Leo")
    family.tick(dinner.id, date(2026, 11, 15), "Mum", kind="skip", note="away, sorry")
    family.add_moment("Снеговик", date(2026, 11, 20), "Leo", note=NOTE, mood=5)
    family.add_moment("Climbing wall", date(2026, 11, 29), "Mum", planned=True)
    family.add_goal("Run a 10k", "Mum", why="Strong at fifty", target_date=date(2027, 1, 21))
    family.support_goal("Run a 10k", "Leo", "Saturday runs with you")
    family.cheer_goal("Run a 10k", "Leo", "Flying today, Mum!")
    family.add_step("Run a 10k", "5k")
    family.set_step_done("Run a 10k", 1)
    family.add_step("Run a 10k", "Race day")
    return family


def _read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode(ENCODING), newline="")))


def _folder(path: Path) -> dict[str, list[dict[str, str]]]:
    return {name: _read((path / name).read_bytes()) for name in HEADERS}


def test_folder_export_reads_back_equal_to_the_store(kept: Store, tmp_path: Path) -> None:
    write_csv(csv_tables(export_json(kept.raw_data())), tmp_path / "out")
    files = _folder(tmp_path / "out")
    dinner = kept.ritual("Sunday dinner")
    names = kept.member_names()
    expected = [
        {"ritual": "Sunday dinner", "date": t.date.isoformat(), "by": names[t.by],
         "kind": t.kind, "note": t.note, "ritual_id": dinner.id}
        for t in kept.ticks(dinner.id)
    ]
    assert sorted(files["ticks.csv"], key=lambda r: r["date"]) == expected
    assert files["ticks.csv"][0]["note"] == NOTE  # newline, quotes, emoji and Cyrillic intact
    moments = {row["title"]: row for row in files["moments.csv"]}
    snow = moments["Снеговик"]
    assert (snow["date"], snow["planned"], snow["by"], snow["mood"], snow["note"]) == (
        "2026-11-20", "no", "Leo", "5", NOTE
    )
    assert snow["with"] == "Mum; Leo"
    assert moments["Climbing wall"]["planned"] == "yes"
    assert moments["Climbing wall"]["mood"] == ""
    [goal] = files["goals.csv"]
    assert goal["title"] == "Run a 10k" and goal["owner"] == "Mum"
    assert (goal["status"], goal["target_date"]) == ("active", "2027-01-21")
    assert goal["achieved_at"] == ""
    assert (goal["steps_done"], goal["steps_total"]) == ("1", "2")
    assert goal["supported_by"] == "Leo"
    assert goal["pledges"] == "Leo: Saturday runs with you"
    assert goal["cheers"] == "Leo: Flying today, Mum!"
    [ritual] = files["rituals.csv"]
    assert ritual == {"title": "Sunday dinner", "rule": "FREQ=WEEKLY;BYDAY=SU",
                      "start": "2026-11-01", "members": "Mum; Leo", "needs": "any", "note": "",
                      "archived": "no", "id": dinner.id}
    assert files["members.csv"] == [
        {"name": "Mum", "role": "mother", "colour": "coral"},
        {"name": "Leo", "role": "son", "colour": "teal"},
    ]


def test_headers_are_the_documented_ones(kept: Store, tmp_path: Path) -> None:
    write_csv(csv_tables(export_json(kept.raw_data())), tmp_path / "out")
    for name, header in HEADERS.items():
        first = (tmp_path / "out" / name).read_bytes().decode(ENCODING).split("\r\n")[0]
        assert first == ",".join(header)
        assert f"{name:<15}{', '.join(header)}"[:60] in (export_csv.__doc__ or "")


def test_zip_export_holds_the_same_files(kept: Store, tmp_path: Path) -> None:
    tables = csv_tables(export_json(kept.raw_data()))
    write_csv(tables, tmp_path / "family.zip")
    write_csv(tables, tmp_path / "folder")
    with zipfile.ZipFile(tmp_path / "family.zip") as archive:
        assert sorted(archive.namelist()) == sorted(HEADERS)
        for name in HEADERS:
            assert archive.read(name) == (tmp_path / "folder" / name).read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_empty_file_gives_header_only_tables(store: Store) -> None:
    tables = csv_tables(export_json(store.raw_data()))
    assert tables == {name: ",".join(header) + "\r\n" for name, header in HEADERS.items()}


def test_writing_into_a_path_that_is_a_file_fails(kept: Store, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    with pytest.raises(OSError):
        write_csv(csv_tables(export_json(kept.raw_data())), tmp_path / "taken")
