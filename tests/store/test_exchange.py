"""JSON export and import (DESIGN section 6): the shape, exact round trips, clear refusals."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from store.exchange import export_json, import_json
from store.merge import merge, normalise
from store.schema import GOALS, IDEAS, MEMBERS, MOMENTS, RITUALS, SCHEMA_VERSION, TICKS
from tests.store.strategies import divergent

DATA = Path(__file__).parents[1] / "data"
Data = dict[str, Any]
SARAH, LEO = "7f1c2a4e-0000-4000-8000-000000000001", "7f1c2a4e-0000-4000-8000-000000000002"


def _load(name: str) -> Data:
    return dict(json.loads((DATA / name).read_text(encoding="utf-8")))


def _text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_the_export_of_the_worked_example_is_pinned() -> None:
    exported = export_json(_load("merge_expected.json"))
    assert _text(exported) == (DATA / "exchange_expected.json").read_text(encoding="utf-8")


def test_the_export_names_members_and_leaves_out_what_was_removed() -> None:
    exported = export_json(_load("merge_expected.json"))
    assert list(exported) == ["schema_version", MEMBERS, RITUALS, TICKS, IDEAS, MOMENTS, GOALS]
    assert exported["schema_version"] == 1
    assert [m["name"] for m in exported[MEMBERS]] == ["Sarah", "Leo"]
    assert exported[RITUALS][0]["members"] == ["Sarah", "Leo"]
    assert exported[GOALS][0]["owner"] == "Leo"
    assert exported[GOALS][0]["supports"][0]["by"] == "Sarah"
    assert exported[MOMENTS][0]["by"] == "Sarah"
    assert [i["idea_key"] for i in exported[IDEAS]] == ["c0ffee00-0000-4000-8000-000000000022"]
    assert exported[IDEAS][0]["favourite_by"] == ["Leo"]
    assert all("deleted" not in record for table in (MEMBERS, RITUALS, IDEAS, MOMENTS, GOALS)
               for record in exported[table])
    sunday = [t for t in exported[TICKS] if t["ritual_title"] == "Sunday dinner"]
    assert [(t["date"], t["by"]) for t in sunday] == [  # the unticked Jan 4 and 18 are left out
        ("2026-01-11", "Sarah"), ("2026-01-25", "Leo"), ("2026-01-25", "Sarah")]
    assert sunday[0] == {
        "ritual": "a1b2c3d4-0000-4000-8000-000000000011", "ritual_title": "Sunday dinner",
        "date": "2026-01-11", "by": "Sarah", "kind": "done",
        "note": "Leo made mushroom risotto", "updated_at": "2026-01-21T08:00:00Z",
    }


def test_ticks_of_a_deleted_ritual_are_not_exported() -> None:
    data = _load("merge_expected.json")
    data[RITUALS]["2"]["deleted"] = True
    exported = export_json(data)
    assert {t["ritual_title"] for t in exported[TICKS]} == {"Sunday dinner"}
    assert [r["title"] for r in exported[RITUALS]] == ["Sunday dinner"]


def test_export_import_export_round_trips_exactly() -> None:
    exported = export_json(_load("merge_expected.json"))
    result = import_json({}, exported)
    assert export_json(result.data) == exported
    assert _text(export_json(result.data)) == _text(exported)
    assert result.added.new_records == {MEMBERS: 2, RITUALS: 2, IDEAS: 1, MOMENTS: 1, GOALS: 2}
    assert result.added.new_ticks == 6


@settings(max_examples=60, deadline=None)
@given(divergent(2))
def test_any_merged_family_round_trips(files: list[Data]) -> None:
    exported = export_json(merge(*files).data)
    assert export_json(import_json({}, exported).data) == exported
    # Importing it again changes nothing.
    again = import_json(import_json({}, exported).data, exported)
    assert not again.added.lines


def test_import_merges_into_a_file_and_never_deletes() -> None:
    current = _load("merge_base.json")
    exported = export_json(_load("merge_expected.json"))
    result = import_json(current, exported)
    assert result.added.lines == (
        "1 tick by Leo on Photo of the week",
        "1 skip by Sarah on Photo of the week",
        "1 tick by Leo on Sunday dinner",
        "1 tick by Sarah on Sunday dinner",
        "1 new idea",
        "1 new goal",
        "1 ritual updated",
        "1 moment updated",
        "1 goal updated",
    )
    # The base's ticks of Jan 4 and Jan 18 were unticked in the export's source: an import
    # only adds and updates, so they stay.
    merged = export_json(result.data)
    sunday = {(t["date"], t["by"]) for t in merged[TICKS] if t["ritual_title"] == "Sunday dinner"}
    assert {("2026-01-04", "Sarah"), ("2026-01-18", "Leo")} <= sunday
    # The idea deleted in the source is still there: deleted records are not exported.
    assert "sunrise-hike" in {i["idea_key"] for i in merged[IDEAS]}


def test_members_are_matched_by_name_whatever_the_case_or_normal_form() -> None:
    current = _load("merge_base.json")
    current[MEMBERS]["2"]["name"] = "Léo"
    # Another installation: its own Sarah (another id) and Leo, names typed differently.
    other_sarah = SARAH[:-1] + "9"
    other = json.loads(json.dumps(current).replace(SARAH, other_sarah))
    other[MEMBERS]["1"]["name"] = "SARAH"
    other[MEMBERS]["2"]["name"] = unicodedata.normalize("NFD", "Léo")
    imported = import_json(current, export_json(other)).data
    members = [(unicodedata.normalize("NFC", m["name"]), m["id"])
               for m in imported[MEMBERS].values()]
    assert members == [("Sarah", SARAH), ("Léo", LEO)]
    assert other_sarah not in json.dumps(imported)
    goal = next(iter(imported[GOALS].values()))
    assert goal["supports"][0]["by"] == SARAH


def test_an_import_into_a_new_file_needs_no_init() -> None:
    exported = export_json(_load("merge_base.json"))
    data = import_json({}, exported).data
    assert data["_meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert normalise(data) == data


# -- refusals --------------------------------------------------------------------------------


def _broken(change: Any) -> Data:
    exported = export_json(_load("merge_expected.json"))
    change(exported)
    return exported


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.update(ticks={}), "^ticks is not a list$"),
        (lambda e: e[TICKS][3].update(date="2026-02-30"), r"^ticks\[3\]\.date is not a date$"),
        (lambda e: e[TICKS][0].update(date="20260111"), r"^ticks\[0\]\.date is not a date$"),
        (lambda e: e[TICKS][1].pop("kind"), r"^ticks\[1\]\.kind is missing$"),
        (lambda e: e[TICKS][1].update(kind="maybe"), r"kind is not one of done, skip$"),
        (lambda e: e[TICKS][2].update(by="Gran"), r"^ticks\[2\]\.by is not a member's name"),
        (lambda e: e[TICKS][2].update(ritual="r-x"), r"^ticks\[2\]\.ritual is not the id of a"),
        (lambda e: e[TICKS][2].update(updated_at="yesterday"), r"updated_at is not a timestamp$"),
        (lambda e: e[MEMBERS][1].update(name="sarah"), r"members\[1\]\.name 'sarah' is used by"),
        (lambda e: e[MEMBERS][0].update(role="aunt"), r"role is not one of mother, son, other$"),
        (lambda e: e[MOMENTS][0].update(mood=7), r"mood is not a whole number from 1 to 5$"),
        (lambda e: e[RITUALS][0].update(members="Sarah"), r"members is not a list of members'"),
        (lambda e: e[GOALS][0]["steps"][1].update(done="yes"),
         r"^goals\[0\]\.steps\[1\]\.done is not true or false$"),
        (lambda e: e[GOALS][0]["cheers"][0].update(by="Nobody"), r"cheers\[0\]\.by is not a"),
        (lambda e: e[RITUALS][0]["history"][0].pop("text"), r"history\[0\]\.text is missing$"),
        (lambda e: e.update(schema_version=2), r"^schema_version 2 is newer than this Tandem"),
        (lambda e: e.update(schema_version=0), r"^schema_version 0 is too old to import \(1 is\)$"),
        (lambda e: e.pop("schema_version"), "^schema_version is missing"),
        (lambda e: e[IDEAS].append("board games"), r"^ideas\[1\] is not a JSON object$"),
    ],
)
def test_a_wrong_shape_is_refused_in_one_sentence(change: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        import_json({}, _broken(change))


def test_a_file_that_is_not_an_object_or_is_a_data_file_is_refused() -> None:
    with pytest.raises(ValueError, match="^the import file is not a JSON object$"):
        import_json({}, [])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^this is a data file, not an export"):
        import_json({}, _load("merge_base.json"))
