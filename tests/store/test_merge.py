"""The merge of two data files: edge cases, refusals and how tick states join."""

from __future__ import annotations

from typing import Any

import pytest

from store.merge import merge, normalise
from store.schema import (
    GOALS,
    IDEAS,
    META,
    RECORD_TABLES,
    RITUALS,
    SCHEMA_VERSION,
    TICKS,
    decode_tick,
    join_log,
    note_key,
)
from tests.store.strategies import LEO, MUM, TIMES, Data, record

# -- edge cases ------------------------------------------------------------------------------


def _file(**tables: Any) -> Data:
    return {META: {"1": {"schema_version": SCHEMA_VERSION, "created_at": TIMES[0]}}, **tables}


def test_a_tombstone_wins_an_equal_time_and_a_later_edit_revives() -> None:
    live = record("r1", TIMES[2], title="Hike", note="")
    dead = dict(live, deleted=True)
    later = dict(live, title="Hike!", updated_at=TIMES[3])
    assert merge(_file(rituals={"1": live}), _file(rituals={"1": dead})).data[RITUALS]["1"] == dict(
        sorted(dead.items()))
    revived = merge(_file(rituals={"1": dead}), _file(rituals={"1": later})).data
    assert revived[RITUALS]["1"]["deleted"] is False


def test_ideas_for_one_key_collapse_to_the_later_doc() -> None:
    mine = record("i-1", TIMES[1], idea_key="hike", custom=None, favourite_by=[MUM], hidden=False)
    theirs = record("i-2", TIMES[2], idea_key="hike", custom=None, favourite_by=[LEO],
                    hidden=True)
    ideas = merge(_file(ideas={"1": mine}), _file(ideas={"1": theirs})).data[IDEAS]
    assert list(ideas.values()) == [dict(sorted(theirs.items()))]


def test_timestamps_are_compared_as_instants_not_text() -> None:
    early = record("r1", "2026-03-01T10:00:00Z", title="Early", note="")
    late = record("r1", "2026-03-01T10:00:00.5Z", title="Late", note="")
    assert merge(_file(rituals={"1": early}), _file(rituals={"1": late})).data[RITUALS]["1"][
        "title"] == "Late"


def test_the_earliest_meta_is_kept_and_an_empty_file_merges() -> None:
    older = {META: {"1": {"schema_version": SCHEMA_VERSION, "created_at": TIMES[0],
                          "created_by": "a"}}}
    newer = {META: {"1": {"schema_version": SCHEMA_VERSION, "created_at": TIMES[3],
                          "created_by": "b"}}}
    assert merge(newer, older).data[META] == older[META]
    assert merge({}, newer).data[META] == newer[META]
    assert merge({}, {}).data == {table: {} for table in (META, *RECORD_TABLES, TICKS)}


def test_unknown_tables_are_kept_as_a_set() -> None:
    merged = merge({"_default": {"1": {"x": 1}}}, {"_default": {"4": {"x": 1}, "5": {"y": 2}}})
    assert merged.data["_default"] == {"1": {"x": 1}, "2": {"y": 2}}


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ({META: {"1": {"schema_version": 1}}}, r"different schema versions \(1 and 2\)"),
        ([], "not a JSON object"),
        ({RITUALS: []}, "'rituals' is not a JSON object"),
        ({RITUALS: {"1": {"updated_at": TIMES[0]}}}, "rituals document 1 has no id"),
        ({RITUALS: {"1": {"id": "r", "updated_at": "soon"}}}, "not an ISO timestamp"),
        ({TICKS: {"1": {"ritual_id": "r", "log": {MUM: "2026-03-01 q 5"}}}}, "bad tick entry"),
        ({GOALS: {"1": {"id": "g", "updated_at": TIMES[0], "steps": [{"title": "x"}]}}},
         "steps is not a list of items with an id"),
    ],
)
def test_malformed_or_other_version_files_are_refused(other: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        merge(_file(), other)


def test_an_older_schema_is_refused_until_migrated() -> None:
    old = {META: {"1": {"schema_version": 1}}, TICKS: {"1": {"ritual_id": "r", "log": {}}}}
    with pytest.raises(ValueError, match="written by an older Tandem"):
        merge(old, old)


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
        return _file(ticks={"1": {"ritual_id": "r1", "log": {MUM: entry}, "notes": notes}})

    doc = merge(ticks(*mine), ticks(*theirs)).data[TICKS]["1"]
    if winner is None:
        assert doc["log"][MUM] == join_log(sorted([mine[0], theirs[0]]))
        assert sorted(doc["notes"].values()) == sorted([mine[1], theirs[1]])
    else:
        assert doc["log"][MUM] == winner[0]
        kind = decode_tick(winner[0]).kind
        assert doc["notes"].get(note_key(MUM, "2026-03-01", kind), "") == winner[1]
