"""The merge's algebraic laws, checked by hypothesis on divergent copies of one file."""

from __future__ import annotations

from hypothesis import given, settings

from store.merge import HISTORY, NOTE_FIELDS, merge, normalise
from store.schema import IDEAS, META, RECORD_TABLES, TICKS, decode_tick, log_entries
from tests.store.strategies import Data, as_text, divergent

# -- the laws --------------------------------------------------------------------------------

LAWS = settings(max_examples=150, deadline=None)


def _ticks(data: Data) -> dict[tuple[str, str, str, str], tuple[int, bool]]:
    found = {}
    for doc in normalise(data)[TICKS].values():
        for member, entries in doc["log"].items():
            for text in log_entries(entries):
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
    assert as_text(left) == as_text(right)


@LAWS
@given(divergent(2))
def test_merge_is_commutative_idempotent_and_loses_nothing(files: list[Data]) -> None:
    a, b = files
    merged = merge(a, b).data
    # Commutative, to the byte.
    assert as_text(merged) == as_text(merge(b, a).data)
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
