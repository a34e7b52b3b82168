"""The merge of two data files: algebraic laws (hypothesis) and one worked example, exactly."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.merge import HISTORY, NOTE_FIELDS, merge, normalise
from store.schema import (
    GOALS,
    IDEAS,
    MEMBERS,
    META,
    MOMENTS,
    RECORD_TABLES,
    RITUALS,
    TICKS,
    decode_tick,
    encode_tick,
    note_key,
)

DATA = Path(__file__).parents[1] / "data"
MUM, LEO = "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"
TIMES = [f"2026-03-0{day}T10:00:00.000000Z" for day in range(1, 7)]
DAYS = [f"2026-03-{day:02d}" for day in range(1, 8)]
TEXTS = ["", "lovely", "it rained", "cosy\nevening", "Élan", "  "]
Data = dict[str, Any]

# -- a generator of data files (schema.py), and of divergent copies of one -----------------


def _record(record_id: str, at: str, created: str = TIMES[0], **fields: Any) -> Data:
    return {"id": record_id, **fields, "created_at": created, "updated_at": at, "deleted": False}


def _put(data: Data, table: str, doc: Data) -> None:
    docs = data.setdefault(table, {})
    docs[str(len(docs) + 1)] = doc


def _set_tick(
    data: Data, ritual: str, member: str, day: str, kind: str, updated: int,
    deleted: bool = False, note: str = "",
) -> None:
    """Record a tick identity's new state in a raw data file, as the repository would."""
    doc = next((d for d in data[TICKS].values() if d["ritual_id"] == ritual), None)
    if doc is None:
        doc = {"ritual_id": ritual, "log": {}, "notes": {}, "stats": None}
        _put(data, TICKS, doc)
    entries = [e for e in doc["log"].get(member, []) if not e.startswith(f"{day} {kind[0]} ")]
    doc["log"][member] = sorted(entries + [encode_tick(day, kind, updated, deleted)])
    doc["notes"].pop(note_key(member, day, kind), None)
    if note:
        doc["notes"][note_key(member, day, kind)] = note


@st.composite
def families(draw: st.DrawFn) -> Data:
    """A valid small data file: two members, 1-3 rituals with tick logs, moments, goals, ideas."""
    data: Data = {META: {"1": {"schema_version": 1, "created_at": draw(st.sampled_from(TIMES)),
                               "created_by": "tandem"}},
                  MEMBERS: {}, RITUALS: {}, TICKS: {}, IDEAS: {}, MOMENTS: {}, GOALS: {}}
    for member, name, role in ((MUM, "Mum", "mother"), (LEO, "Leo", "son")):
        _put(data, MEMBERS, _record(member, TIMES[0], name=name, role=role, colour="red"))
    for number in range(draw(st.integers(1, 3))):
        ritual = _record(f"r{number}", draw(st.sampled_from(TIMES)), title=f"Ritual {number}",
                         rule="FREQ=DAILY", start=DAYS[0], members=[MUM, LEO], needs="any",
                         note=draw(st.sampled_from(TEXTS)), archived=False)
        if draw(st.booleans()) and ritual["note"].strip():
            ritual[HISTORY] = [{"at": TIMES[0], "field": "note", "text": "an older note"}]
        _put(data, RITUALS, ritual)
        ticks = st.tuples(st.sampled_from([MUM, LEO]), st.sampled_from(DAYS),
                          st.sampled_from(["done", "skip"]), st.integers(100, 104), st.booleans(),
                          st.sampled_from(TEXTS))
        for member, day, kind, updated, deleted, note in draw(st.lists(ticks, max_size=6)):
            _set_tick(data, f"r{number}", member, day, kind, updated, deleted, note)
    for number in range(draw(st.integers(0, 2))):
        _put(data, MOMENTS, _record(f"mo{number}", draw(st.sampled_from(TIMES)), idea_key=None,
                                    title=f"Moment {number}", date=DAYS[2], planned=False,
                                    members=[MUM, LEO], note=draw(st.sampled_from(TEXTS)),
                                    mood=draw(st.sampled_from([None, 3, 5])), by=LEO))
    for number in range(draw(st.integers(1, 2))):
        steps = [{"id": f"g{number}-s{n}", "title": f"Step {n}", "done": draw(st.booleans())}
                 for n in range(draw(st.integers(0, 3)))]
        _put(data, GOALS, _record(f"g{number}", draw(st.sampled_from(TIMES)), owner=LEO,
                                  title=f"Goal {number}", why=draw(st.sampled_from(TEXTS)),
                                  target_date=None, status="active", achieved_at=None,
                                  steps=steps, supports=[], cheers=[]))
    for key in draw(st.lists(st.sampled_from(["hike", "bake", "chess"]), max_size=2, unique=True)):
        _put(data, IDEAS, _record(f"i-{key}", draw(st.sampled_from(TIMES)), idea_key=key,
                                  custom=None, favourite_by=[MUM], hidden=False))
    return data


@st.composite
def edited(draw: st.DrawFn, base: Data, device: str) -> Data:
    """`base` as one device changed it: ticks, unticks, note edits, new records, deletions."""
    data = copy.deepcopy(base)
    rituals = [d["id"] for d in data[RITUALS].values()]
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["tick", "tick", "note", "field", "delete", "new", "goal",
                                       "goal", "idea"]))
        at = draw(st.sampled_from(TIMES))
        if action == "tick":
            _set_tick(data, draw(st.sampled_from(rituals)), draw(st.sampled_from([MUM, LEO])),
                      draw(st.sampled_from(DAYS)), draw(st.sampled_from(["done", "skip"])),
                      draw(st.integers(100, 106)), draw(st.booleans()),
                      draw(st.sampled_from(TEXTS)))
            continue
        table = GOALS if action == "goal" else draw(st.sampled_from([RITUALS, MOMENTS, GOALS]))
        docs = list(data[table].values())
        if action == "new":
            # Ids may clash across devices on purpose: the laws must hold even then.
            new_id, note = f"mo-new{draw(st.integers(0, 2))}", draw(st.sampled_from(TEXTS))
            _put(data, MOMENTS, _record(new_id, at, idea_key=None, title="New", date=DAYS[1],
                                        planned=True, members=[MUM], note=note, mood=None, by=MUM))
        elif action == "idea":
            key = draw(st.sampled_from(["hike", "bake", "chess"]))
            _put(data, IDEAS, _record(f"i-{key}-{device}", at, idea_key=key, custom=None,
                                      favourite_by=draw(st.sampled_from([[], [LEO], [MUM, LEO]])),
                                      hidden=draw(st.booleans())))
        elif docs:
            doc = draw(st.sampled_from(docs))
            doc["updated_at"] = at
            if action == "note":
                doc[NOTE_FIELDS[table][0]] = draw(st.sampled_from(TEXTS)) + device
            elif action == "field":
                doc["title"] = draw(st.sampled_from(["A", "B"]))
            elif action == "delete":
                doc["deleted"] = True
            elif table == GOALS:
                number = draw(st.integers(0, 9))
                doc["steps"].append({"id": f"{device}-s{number}", "title": "new", "done": False})
                for step in doc["steps"]:
                    step["done"] = draw(st.booleans())
                doc["cheers"].append({"id": f"{device}-c{number}", "by": MUM, "text": "Go!",
                                      "at": at})
    return data


@st.composite
def divergent(draw: st.DrawFn, count: int) -> list[Data]:
    """`count` copies of one generated data file, each edited on its own device."""
    base = draw(families())
    return [draw(edited(base, f"d{number}")) for number in range(count)]


def _text(data: Data) -> str:
    return json.dumps(data, ensure_ascii=False)


# -- the laws --------------------------------------------------------------------------------

LAWS = settings(max_examples=150, deadline=None)


def _ticks(data: Data) -> dict[tuple[str, str, str, str], tuple[int, bool]]:
    found = {}
    for doc in normalise(data)[TICKS].values():
        for member, entries in doc["log"].items():
            for text in entries:
                entry = decode_tick(text)
                key = (doc["ritual_id"], member, entry.day.isoformat(), entry.kind)
                found[key] = (entry.updated, entry.deleted)
    return found


@LAWS
@given(divergent(3))
def test_merge_is_associative(files: list[Data]) -> None:
    a, b, c = files
    left = merge(merge(a, b).data, c).data
    right = merge(a, merge(b, c).data).data
    assert _text(left) == _text(right)


@LAWS
@given(divergent(2))
def test_merge_is_commutative_idempotent_and_loses_nothing(files: list[Data]) -> None:
    a, b = files
    merged = merge(a, b).data
    # Commutative, to the byte.
    assert _text(merged) == _text(merge(b, a).data)
    # Idempotent: merging a file with itself normalises it; merging again adds nothing.
    assert merge(a, a).data == normalise(a)
    assert normalise(normalise(a)) == normalise(a)
    assert merge(merged, b).data == merged
    assert merge(merged, a).data == merged
    assert not merge(merged, b).added.lines
    # No live tick is lost unless the other side has a tombstone at least as recent.
    ticks = _ticks(merged)
    for side, other in ((_ticks(a), _ticks(b)), (_ticks(b), _ticks(a))):
        for key, (updated, deleted) in side.items():
            assert key in ticks
            if not deleted and ticks[key][1]:
                assert other[key][1] and other[key][0] >= updated
    # No note text is dropped: it is the current text or in the record's history.
    for table, fields in NOTE_FIELDS.items():
        kept = {doc["id"]: doc for doc in merged[table].values()}
        for doc in [*a[table].values(), *b[table].values()]:
            for field in (field for field in fields if doc[field].strip()):
                record = kept[doc["id"]]
                texts = {e["text"] for e in record.get(HISTORY, []) if e["field"] == field}
                assert doc[field] in texts | {record[field]}
    # Canonical shape: every table, docs numbered from 1, no stats, one doc per idea.
    assert list(merged) == [META, *RECORD_TABLES, TICKS]
    assert all(doc["stats"] is None for doc in merged[TICKS].values())
    for table in (*RECORD_TABLES, TICKS):
        assert list(merged[table]) == [str(n) for n in range(1, len(merged[table]) + 1)]
    assert len({d["idea_key"] for d in merged[IDEAS].values()}) == len(merged[IDEAS])


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
    _set_tick(left, DINNER, SARAH, "2026-01-25", "done", _epoch("2026-01-25T19:00:00Z"),
              note="Roast chicken")
    _set_tick(left, DINNER, LEO_ID, "2026-01-25", "done", _epoch("2026-01-25T19:01:00Z"))
    _set_tick(right, DINNER, LEO_ID, "2026-01-25", "done", _epoch("2026-01-25T20:30:00Z"),
              note="Pasta night")
    _set_tick(right, PHOTO, LEO_ID, "2026-01-24", "done", _epoch("2026-01-24T16:00:00Z"))
    _set_tick(right, PHOTO, SARAH, "2026-01-17", "skip", _epoch("2026-01-24T16:05:00Z"),
              note="Phone broken")
    # Unticks on both sides; Sarah's untick of Jan 11 is older than Leo's edit of its note.
    _set_tick(left, DINNER, SARAH, "2026-01-04", "done", _epoch("2026-01-20T08:00:00Z"), True)
    _set_tick(left, DINNER, SARAH, "2026-01-11", "done", _epoch("2026-01-20T08:00:00Z"), True)
    _set_tick(right, DINNER, SARAH, "2026-01-11", "done", _epoch("2026-01-21T08:00:00Z"),
              note="Leo made mushroom risotto")
    _set_tick(right, DINNER, LEO_ID, "2026-01-18", "done", _epoch("2026-01-19T07:00:00Z"), True)
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
    _put(left, GOALS, _record("e1e10000-0000-4000-8000-000000000042", made, made, owner=SARAH,
                              title="Bake sourdough", why="", target_date=None, status="active",
                              achieved_at=None, steps=[], supports=[], cheers=[]))
    made, board_games = "2026-01-23T21:00:00.000000Z", "c0ffee00-0000-4000-8000-000000000022"
    _put(right, IDEAS, _record(board_games, made, made, idea_key=board_games,
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
    assert _text(merge(right, left).data) == _text(expected)


def test_the_worked_example_in_detail() -> None:
    left, right = _divergent_family()
    merged = merge(left, right).data
    dinner = _doc(merged, RITUALS, DINNER)
    assert dinner["note"] == "Leo picks the music."
    assert dinner[HISTORY] == [{"at": "2026-01-25T10:00:00.000000Z", "field": "note",
                                "text": "Whoever cooks picks the music. No phones."}]
    ticks = next(d for d in merged[TICKS].values() if d["ritual_id"] == DINNER)
    assert ticks["log"][SARAH] == [
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


# -- edge cases ------------------------------------------------------------------------------


def _file(**tables: Any) -> Data:
    return {META: {"1": {"schema_version": 1, "created_at": TIMES[0]}}, **tables}


def test_a_tombstone_wins_an_equal_time_and_a_later_edit_revives() -> None:
    live = _record("r1", TIMES[2], title="Hike", note="")
    dead = dict(live, deleted=True)
    later = dict(live, title="Hike!", updated_at=TIMES[3])
    assert merge(_file(rituals={"1": live}), _file(rituals={"1": dead})).data[RITUALS]["1"] == dict(
        sorted(dead.items()))
    revived = merge(_file(rituals={"1": dead}), _file(rituals={"1": later})).data
    assert revived[RITUALS]["1"]["deleted"] is False


def test_ideas_for_one_key_collapse_to_the_later_doc() -> None:
    mine = _record("i-1", TIMES[1], idea_key="hike", custom=None, favourite_by=[MUM], hidden=False)
    theirs = _record("i-2", TIMES[2], idea_key="hike", custom=None, favourite_by=[LEO],
                     hidden=True)
    ideas = merge(_file(ideas={"1": mine}), _file(ideas={"1": theirs})).data[IDEAS]
    assert list(ideas.values()) == [dict(sorted(theirs.items()))]


def test_timestamps_are_compared_as_instants_not_text() -> None:
    early = _record("r1", "2026-03-01T10:00:00Z", title="Early", note="")
    late = _record("r1", "2026-03-01T10:00:00.5Z", title="Late", note="")
    assert merge(_file(rituals={"1": early}), _file(rituals={"1": late})).data[RITUALS]["1"][
        "title"] == "Late"


def test_the_earliest_meta_is_kept_and_an_empty_file_merges() -> None:
    older = {META: {"1": {"schema_version": 1, "created_at": TIMES[0], "created_by": "a"}}}
    newer = {META: {"1": {"schema_version": 1, "created_at": TIMES[3], "created_by": "b"}}}
    assert merge(newer, older).data[META] == older[META]
    assert merge({}, newer).data[META] == newer[META]
    assert merge({}, {}).data == {table: {} for table in (META, *RECORD_TABLES, TICKS)}


def test_unknown_tables_are_kept_as_a_set() -> None:
    merged = merge({"_default": {"1": {"x": 1}}}, {"_default": {"4": {"x": 1}, "5": {"y": 2}}})
    assert merged.data["_default"] == {"1": {"x": 1}, "2": {"y": 2}}


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ({META: {"1": {"schema_version": 0}}}, r"different schema versions \(0 and 1\)"),
        ([], "not a JSON object"),
        ({RITUALS: []}, "'rituals' is not a JSON object"),
        ({RITUALS: {"1": {"updated_at": TIMES[0]}}}, "rituals document 1 has no id"),
        ({RITUALS: {"1": {"id": "r", "updated_at": "soon"}}}, "not an ISO timestamp"),
        ({TICKS: {"1": {"ritual_id": "r", "log": {MUM: ["2026-03-01 q 5"]}}}}, "bad tick entry"),
        ({GOALS: {"1": {"id": "g", "updated_at": TIMES[0], "steps": [{"title": "x"}]}}},
         "steps is not a list of items with an id"),
    ],
)
def test_malformed_or_other_version_files_are_refused(other: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        merge(_file(), other)


def test_a_newer_schema_is_refused_even_alone() -> None:
    with pytest.raises(ValueError, match="written by a newer Tandem"):
        normalise({META: {"1": {"schema_version": 99}}})


@pytest.mark.parametrize(
    ("mine", "theirs", "winner"),
    [
        (("2026-03-01 d 100", "a"), ("2026-03-01 d 100 x", ""), ("2026-03-01 d 100 x", "")),
        (("2026-03-01 d 101", "a"), ("2026-03-01 d 100 x", "b"), ("2026-03-01 d 101", "a")),
        (("2026-03-01 d 100", "apple"), ("2026-03-01 d 100", "pear"), ("2026-03-01 d 100", "pear")),
        (("2026-03-01 s 100", "ill"), ("2026-03-01 d 90", "done"), None),
    ],
    ids=["tombstone-wins-a-tie", "later-tick-beats-older-untick", "equal-ticks-larger-note",
         "done-and-skip-are-two-identities"],
)
def test_tick_states_join(
    mine: tuple[str, str], theirs: tuple[str, str], winner: tuple[str, str] | None
) -> None:
    def ticks(entry: str, note: str) -> Data:
        kind = decode_tick(entry).kind
        notes = {note_key(MUM, "2026-03-01", kind): note} if note else {}
        return _file(ticks={"1": {"ritual_id": "r1", "log": {MUM: [entry]}, "notes": notes}})

    doc = merge(ticks(*mine), ticks(*theirs)).data[TICKS]["1"]
    if winner is None:
        assert doc["log"][MUM] == sorted([mine[0], theirs[0]])
        assert sorted(doc["notes"].values()) == sorted([mine[1], theirs[1]])
    else:
        assert doc["log"][MUM] == [winner[0]]
        kind = decode_tick(winner[0]).kind
        assert doc["notes"].get(note_key(MUM, "2026-03-01", kind), "") == winner[1]
