"""One worked merge example, checked exactly: two copies edited for a week apart."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path

from store.merge import HISTORY, merge
from store.schema import GOALS, IDEAS, MOMENTS, RITUALS, TICKS, log_entries, note_key
from tests.store.strategies import Data, as_text, put, record, set_tick

DATA = Path(__file__).parents[1] / "data"

# -- a worked example, checked exactly -------------------------------------------------------

SARAH, LEO_ID = "7f1c2a4e-0000-4000-8000-000000000001", "7f1c2a4e-0000-4000-8000-000000000002"
DINNER, PHOTO = "a1b2c3d4-0000-4000-8000-000000000011", "a1b2c3d4-0000-4000-8000-000000000012"


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def _doc(data: Data, table: str, record_id: str) -> Data:
    return next(doc for doc in data[table].values() if doc["id"] == record_id)


def _divergent_family() -> tuple[Data, Data]:
    """Sarah's laptop and Leo's phone, each changed for a week without a sync."""
    base = json.loads((DATA / "merge_base.json").read_text(encoding="utf-8"))
    left, right = copy.deepcopy(base), copy.deepcopy(base)
    # New ticks on both sides; the same tick (Leo, Jan 25) on both, the phone's later.
    set_tick(left, DINNER, SARAH, "2026-01-25", "done", _epoch("2026-01-25T19:00:00Z"),
             note="Roast chicken")
    set_tick(left, DINNER, LEO_ID, "2026-01-25", "done", _epoch("2026-01-25T19:01:00Z"))
    set_tick(right, DINNER, LEO_ID, "2026-01-25", "done", _epoch("2026-01-25T20:30:00Z"),
             note="Pasta night")
    set_tick(right, PHOTO, LEO_ID, "2026-01-24", "done", _epoch("2026-01-24T16:00:00Z"))
    set_tick(right, PHOTO, SARAH, "2026-01-17", "skip", _epoch("2026-01-24T16:05:00Z"),
             note="Phone broken")
    # Unticks on both sides; Sarah's untick of Jan 11 is older than Leo's edit of its note.
    set_tick(left, DINNER, SARAH, "2026-01-04", "done", _epoch("2026-01-20T08:00:00Z"), True)
    set_tick(left, DINNER, SARAH, "2026-01-11", "done", _epoch("2026-01-20T08:00:00Z"), True)
    set_tick(right, DINNER, SARAH, "2026-01-11", "done", _epoch("2026-01-21T08:00:00Z"),
             note="Leo made mushroom risotto")
    set_tick(right, DINNER, LEO_ID, "2026-01-18", "done", _epoch("2026-01-19T07:00:00Z"), True)
    # The same notes edited on both sides.
    ritual_left, ritual_right = _doc(left, RITUALS, DINNER), _doc(right, RITUALS, DINNER)
    ritual_left.update(note="Whoever cooks picks the music. No phones.",
                       updated_at="2026-01-25T10:00:00.000000Z")
    ritual_right.update(note="Leo picks the music.", updated_at="2026-01-25T11:00:00.000000Z")
    moment = "d00d0000-0000-4000-8000-000000000031"
    _doc(left, MOMENTS, moment).update(note="Cold, but the view! Bring gloves next time.",
                                       updated_at="2026-01-26T08:00:00.000000Z")
    _doc(right, MOMENTS, moment).update(note="Cold, but the view! Leo saw a deer.", mood=4,
                                        updated_at="2026-01-25T20:00:00.000000Z")
    # The goal: a new step on the laptop; a cheer on the phone, later.
    goal_left, goal_right = (_doc(side, GOALS, "e1e10000-0000-4000-8000-000000000041")
                             for side in (left, right))
    goal_left["steps"].append({"id": "e1e10000-0000-4000-8000-0000000004a3",
                               "title": "Run 10k", "done": False})
    goal_left["updated_at"] = "2026-01-24T10:00:00.000000Z"
    goal_right["cheers"].append({"id": "e1e10000-0000-4000-8000-0000000004c1", "by": SARAH,
                                 "text": "So proud of you!", "at": "2026-01-24T12:00:00.000000Z"})
    goal_right["updated_at"] = "2026-01-24T12:00:00.000000Z"
    # New records on each side, a deletion on the phone.
    made = "2026-01-22T09:00:00.000000Z"
    put(left, GOALS, record("e1e10000-0000-4000-8000-000000000042", made, made, owner=SARAH,
                            title="Bake sourdough", why="", target_date=None, status="active",
                            achieved_at=None, steps=[], supports=[], cheers=[]))
    made, board_games = "2026-01-23T21:00:00.000000Z", "c0ffee00-0000-4000-8000-000000000022"
    put(right, IDEAS, record(board_games, made, made, idea_key=board_games,
                             custom={"title": "Board game night", "category": "games"},
                             favourite_by=[LEO_ID], hidden=False))
    _doc(right, IDEAS, "c0ffee00-0000-4000-8000-000000000021").update(
        deleted=True, updated_at="2026-01-23T21:05:00.000000Z")
    left[TICKS]["1"]["stats"] = {"longest": 4}
    return left, right


def test_two_divergent_copies_merge_to_the_expected_file() -> None:
    left, right = _divergent_family()
    expected = json.loads((DATA / "merge_expected.json").read_text(encoding="utf-8"))
    assert merge(left, right).data == expected
    assert as_text(merge(right, left).data) == as_text(expected)


def test_the_worked_example_in_detail() -> None:
    left, right = _divergent_family()
    merged = merge(left, right).data
    dinner = _doc(merged, RITUALS, DINNER)
    assert dinner["note"] == "Leo picks the music."
    assert dinner[HISTORY] == [{"at": "2026-01-25T10:00:00.000000Z", "field": "note",
                                "text": "Whoever cooks picks the music. No phones."}]
    ticks = next(d for d in merged[TICKS].values() if d["ritual_id"] == DINNER)
    assert log_entries(ticks["log"][SARAH]) == [
        f"2026-01-04 d {_epoch('2026-01-20T08:00:00Z')} x",
        f"2026-01-11 d {_epoch('2026-01-21T08:00:00Z')}",
        f"2026-01-25 d {_epoch('2026-01-25T19:00:00Z')}",
    ]
    assert ticks["notes"][note_key(SARAH, "2026-01-11", "done")] == "Leo made mushroom risotto"
    assert ticks["notes"][note_key(LEO_ID, "2026-01-25", "done")] == "Pasta night"
    assert ticks["stats"] is None
    goal = _doc(merged, GOALS, "e1e10000-0000-4000-8000-000000000041")
    assert [s["title"] for s in goal["steps"]] == ["Run 5k", "Run 8k", "Run 10k"]
    assert [c["text"] for c in goal["cheers"]] == ["So proud of you!"]
    assert _doc(merged, IDEAS, "c0ffee00-0000-4000-8000-000000000021")["deleted"] is True


def test_the_summary_says_what_each_side_gained() -> None:
    left, right = _divergent_family()
    assert merge(left, right).added.lines == (
        "1 tick by Leo on Photo of the week",
        "1 skip by Sarah on Photo of the week",
        "1 tick by Sarah on Sunday dinner",
        "1 tick by Leo on Sunday dinner removed",
        "1 new idea",
        "1 ritual updated",
        "1 moment updated",
        "1 goal updated",
        "1 idea deleted",
    )
    assert merge(right, left).added.lines == (
        "1 tick by Sarah on Sunday dinner",
        "1 tick by Sarah on Sunday dinner removed",
        "1 new goal",
        "1 ritual updated",
        "1 moment updated",
        "1 goal updated",
    )
