"""Describing what changed between two reads of the data file."""

from __future__ import annotations

import copy
from datetime import date

from store import schema
from store.changes import describe, glance
from store.demo import demo_family

TODAY = date(2026, 11, 22)



def test_nothing_changed_says_nothing() -> None:
    data = demo_family(TODAY)
    assert describe(glance(data, TODAY), glance(copy.deepcopy(data), TODAY)) == []


def test_a_new_tick_is_named_with_who_and_what() -> None:
    before = demo_family(TODAY)
    after = copy.deepcopy(before)
    leo = next(d["id"] for d in after[schema.MEMBERS].values() if d["name"] == "Leo")
    doc = next(d for d in after[schema.TICKS].values())
    title = next(r["title"] for r in after[schema.RITUALS].values() if r["id"] == doc["ritual_id"])
    entries = [*schema.log_entries(doc["log"][leo]), schema.encode_tick(TODAY, "done", 1)]
    doc["log"][leo] = schema.join_log(sorted(entries))
    assert describe(glance(before, TODAY), glance(after, TODAY)) == [
        f"Leo ticked {title} (Sun 22 Nov)"
    ]


def test_records_added_changed_and_deleted_and_a_limit() -> None:
    before = demo_family(TODAY)
    after = copy.deepcopy(before)
    goals = list(after[schema.GOALS].values())
    goals[0]["updated_at"] = "2026-11-22T20:00:00.000000Z"
    goals[1]["updated_at"] = "2026-11-22T20:00:00.000000Z"
    goals[1]["deleted"] = True
    after[schema.GOALS]["99"] = {**goals[2], "id": "new-goal", "title": "Swim a mile"}
    lines = describe(glance(before, TODAY), glance(after, TODAY), limit=5)
    assert sorted(lines) == sorted([
        f"Changed goal: {goals[0]['title']}",
        f"Deleted goal: {goals[1]['title']}",
        "New goal: Swim a mile",
    ])
    short = describe(glance(before, TODAY), glance(after, TODAY), limit=2)
    assert len(short) == 2 and short[-1] == "and 2 more changes"
