"""Hypothesis strategies for whole data files and divergent copies of one, and their helpers."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

from store.merge import HISTORY, NOTE_FIELDS
from store.schema import (
    GOALS,
    IDEAS,
    MEMBERS,
    META,
    MOMENTS,
    RITUALS,
    SCHEMA_VERSION,
    TICKS,
    encode_tick,
    join_log,
    log_entries,
    note_key,
)

MUM, LEO = "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"
TIMES = [f"2026-03-0{day}T10:00:00.000000Z" for day in range(1, 7)]
DAYS = [f"2026-03-{day:02d}" for day in range(1, 8)]
TEXTS = ["", "lovely", "it rained", "cosy\nevening", "Élan", "  "]
Data = dict[str, Any]

# -- a generator of data files (schema.py), and of divergent copies of one -----------------


def record(record_id: str, at: str, created: str = TIMES[0], **fields: Any) -> Data:
    """A live record doc with these fields, updated at `at`."""
    return {"id": record_id, **fields, "created_at": created, "updated_at": at, "deleted": False}


def put(data: Data, table: str, doc: Data) -> None:
    """Add `doc` to `table` under the next document id."""
    docs = data.setdefault(table, {})
    docs[str(len(docs) + 1)] = doc


def set_tick(
    data: Data, ritual: str, member: str, day: str, kind: str, updated: int,
    deleted: bool = False, note: str = "",
) -> None:
    """Record a tick identity's new state in a raw data file, as the repository would."""
    doc = next((d for d in data[TICKS].values() if d["ritual_id"] == ritual), None)
    if doc is None:
        doc = {"ritual_id": ritual, "log": {}, "notes": {}, "stats": None}
        put(data, TICKS, doc)
    entries = [
        e for e in log_entries(doc["log"].get(member, "")) if not e.startswith(f"{day} {kind[0]} ")
    ]
    doc["log"][member] = join_log(sorted(entries + [encode_tick(day, kind, updated, deleted)]))
    doc["notes"].pop(note_key(member, day, kind), None)
    if note:
        doc["notes"][note_key(member, day, kind)] = note


@st.composite
def families(draw: st.DrawFn) -> Data:
    """A valid small data file: two members, 1-3 rituals with tick logs, moments, goals, ideas."""
    meta = {"schema_version": SCHEMA_VERSION, "created_at": draw(st.sampled_from(TIMES)),
            "created_by": "tandem"}
    data: Data = {META: {"1": meta},
                  MEMBERS: {}, RITUALS: {}, TICKS: {}, IDEAS: {}, MOMENTS: {}, GOALS: {}}
    for member, name, role in ((MUM, "Mum", "mother"), (LEO, "Leo", "son")):
        put(data, MEMBERS, record(member, TIMES[0], name=name, role=role, colour="red"))
    for number in range(draw(st.integers(1, 3))):
        ritual = record(f"r{number}", draw(st.sampled_from(TIMES)), title=f"Ritual {number}",
                        rule="FREQ=DAILY", start=DAYS[0], members=[MUM, LEO], needs="any",
                        note=draw(st.sampled_from(TEXTS)), archived=False)
        if draw(st.booleans()) and ritual["note"].strip():
            ritual[HISTORY] = [{"at": TIMES[0], "field": "note", "text": "an older note"}]
        put(data, RITUALS, ritual)
        ticks = st.tuples(st.sampled_from([MUM, LEO]), st.sampled_from(DAYS),
                          st.sampled_from(["done", "skip"]), st.integers(100, 104), st.booleans(),
                          st.sampled_from(TEXTS))
        for member, day, kind, updated, deleted, note in draw(st.lists(ticks, max_size=6)):
            set_tick(data, f"r{number}", member, day, kind, updated, deleted, note)
    for number in range(draw(st.integers(0, 2))):
        put(data, MOMENTS, record(f"mo{number}", draw(st.sampled_from(TIMES)), idea_key=None,
                                  title=f"Moment {number}", date=DAYS[2], planned=False,
                                  members=[MUM, LEO], note=draw(st.sampled_from(TEXTS)),
                                  mood=draw(st.sampled_from([None, 3, 5])), by=LEO))
    for number in range(draw(st.integers(1, 2))):
        steps = [{"id": f"g{number}-s{n}", "title": f"Step {n}", "done": draw(st.booleans())}
                 for n in range(draw(st.integers(0, 3)))]
        put(data, GOALS, record(f"g{number}", draw(st.sampled_from(TIMES)), owner=LEO,
                                title=f"Goal {number}", why=draw(st.sampled_from(TEXTS)),
                                target_date=None, status="active", achieved_at=None,
                                steps=steps, supports=[], cheers=[]))
    for key in draw(st.lists(st.sampled_from(["hike", "bake", "chess"]), max_size=2, unique=True)):
        put(data, IDEAS, record(f"i-{key}", draw(st.sampled_from(TIMES)), idea_key=key,
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
            set_tick(data, draw(st.sampled_from(rituals)), draw(st.sampled_from([MUM, LEO])),
                     draw(st.sampled_from(DAYS)), draw(st.sampled_from(["done", "skip"])),
                     draw(st.integers(100, 106)), draw(st.booleans()),
                     draw(st.sampled_from(TEXTS)))
            continue
        table = GOALS if action == "goal" else draw(st.sampled_from([RITUALS, MOMENTS, GOALS]))
        docs = list(data[table].values())
        if action == "new":
            # Ids may clash across devices on purpose: the laws must hold even then.
            new_id, note = f"mo-new{draw(st.integers(0, 2))}", draw(st.sampled_from(TEXTS))
            put(data, MOMENTS, record(new_id, at, idea_key=None, title="New", date=DAYS[1],
                                      planned=True, members=[MUM], note=note, mood=None, by=MUM))
        elif action == "idea":
            key = draw(st.sampled_from(["hike", "bake", "chess"]))
            put(data, IDEAS, record(f"i-{key}-{device}", at, idea_key=key, custom=None,
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


def as_text(data: Data) -> str:
    """The data as JSON text, to compare byte for byte."""
    return json.dumps(data, ensure_ascii=False)
