"""Merge two Tandem data files into one: a pure, commutative, associative, idempotent union."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from store.merge_summary import MergeSummary, TickKey, TickState, record_identity, summarise
from store.schema import (
    ALL_TABLES,
    GOALS,
    META,
    MOMENTS,
    RECORD_TABLES,
    RITUALS,
    SCHEMA_VERSION,
    TICKS,
    decode_tick,
    encode_tick,
    join_log,
    log_entries,
    note_key,
)

Doc = dict[str, Any]

HISTORY = "history"
"""The record field that keeps note texts a merge replaced: [{"at", "field", "text"}]."""

NOTE_FIELDS: Mapping[str, tuple[str, ...]] = {
    RITUALS: ("note",), MOMENTS: ("note",), GOALS: ("why",)
}
"""Free-text fields whose losing text a merge keeps in the record's `history`."""

ITEM_LISTS = ("steps", "supports", "cheers")
"""A goal's nested lists, merged as a union of items by their `id`."""

_LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged data file and what it added to the first argument."""

    data: Doc
    """The merged data file (a TinyDB JSON document, ready to write)."""
    added: MergeSummary
    """What is new in `data` relative to the first argument of `merge`."""

    @property
    def lines(self) -> tuple[str, ...]:
        """What the merge added, in words: `added.lines`."""
        return self.added.lines


def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> MergeResult:
    """Merge two whole data files (raw TinyDB JSON documents as in `store.schema`).

    Rules, each a join so the merge is commutative, associative and idempotent:

    - Records are united by identity: `id`, except ideas, whose identity is `idea_key` (two
      docs for one idea collapse into one; the whole winning doc, its `id` and favourites
      included, wins: a union of favourites would bring back every favourite removed on one
      side whenever the other side's copy is older).
    - The version with the later `updated_at` wins whole (last writer wins per record); on
      equal time a tombstone (`deleted`) wins, then the larger canonical JSON; `history` and
      a goal's item lists take no part in the ranking.
    - A note (ritual and moment `note`, goal `why`) that loses is kept in the record's
      `history` as {"at": the losing version's updated_at, "field", "text"}, one entry per
      (field, text) with its latest time, sorted by (field, at, text); a text equal to the
      current one or blank is not kept.
    - A goal's `steps`, `supports` and `cheers` are united by item `id`; an item takes its
      version from the highest-ranked goal version that holds it. The winner's order is kept
      and items it lacks are interleaved by id (a merge of sorted runs, so the order depends
      only on the winner and the item set). Items carry no time of their own, so one case
      is not associative: when the winner lacks an item that two other copies hold in
      different versions, which of those survives depends on the order of merges.
    - Ticks are a set per (ritual, member, date, kind): larger `updated` wins, a tombstone
      wins ties; a tick's note follows the winning entry (equal live entries: larger note).
      Notes without a log entry and blank notes are dropped; `stats` caches become null.
    - `_meta`: equal schema versions only; the doc with the earliest `created_at` is kept.
    - Output: every table present, docs renumbered from "1" in identity order, keys sorted,
      so the result is byte-identical whichever argument comes first.

    Raises:
        ValueError: the files have different or too new schema versions, or are malformed.
    """
    data, ticks = _join([a, b])
    before, old_ticks = _join([a])
    return MergeResult(data=data, added=summarise(before, data, old_ticks, ticks))


def normalise(data: Mapping[str, Any]) -> Doc:
    """The canonical form of one data file: what `merge(data, data).data` returns."""
    return _join([data])[0]


# -- the join ------------------------------------------------------------------------------


def _join(files: Sequence[Mapping[str, Any]]) -> tuple[Doc, dict[TickKey, TickState]]:
    """The joined file, and its tick states (reused by the summary)."""
    for file in files:
        if not isinstance(file, Mapping):
            raise ValueError("the data is not a JSON object")
    out: Doc = {META: _join_meta(_docs(files, META))}
    for table in RECORD_TABLES:
        groups: dict[str, list[_Version]] = {}
        for where, doc in _docs(files, table):
            version = _version(table, where, doc)
            groups.setdefault(record_identity(table, doc, where), []).append(version)
        out[table] = _numbered(_join_record(table, groups[key]) for key in sorted(groups))
    tick_docs = _docs(files, TICKS)
    ticks = _tick_states(tick_docs)
    out[TICKS] = _join_ticks(ticks, tick_docs)
    for table in sorted({name for file in files for name in file} - set(ALL_TABLES)):
        docs = {_canonical(doc): _sorted(doc) for _, doc in _docs(files, table)}
        out[table] = _numbered(docs[key] for key in sorted(docs))
    return out, ticks


def _docs(files: Iterable[Mapping[str, Any]], table: str) -> list[tuple[str, Mapping[str, Any]]]:
    found = []
    for file in files:
        docs = file.get(table, {})
        if not isinstance(docs, Mapping):
            raise ValueError(f"the table {table!r} is not a JSON object")
        for doc_id, doc in docs.items():
            if not isinstance(doc, Mapping):
                raise ValueError(f"{table} document {doc_id} is not a JSON object")
            found.append((f"{table} document {doc_id}", doc))
    return found


def _numbered(docs: Iterable[Doc]) -> Doc:
    return {str(number): doc for number, doc in enumerate(docs, 1)}


def _join_meta(docs: list[tuple[str, Mapping[str, Any]]]) -> Doc:
    versions = set()
    for where, doc in docs:
        version = doc.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError(f"{where} has no schema_version")
        versions.add(version)
    if versions and max(versions) > SCHEMA_VERSION:
        raise ValueError(f"it was written by a newer Tandem (schema version {max(versions)}; "
                         f"this one reads {SCHEMA_VERSION})")
    if len(versions) > 1:
        raise ValueError(f"the files have different schema versions ({min(versions)} and "
                         f"{max(versions)})")
    if versions and min(versions) < SCHEMA_VERSION:  # callers migrate first (store.migrations)
        raise ValueError(f"it was written by an older Tandem (schema version {min(versions)}; "
                         f"open it with this one first)")

    def age(item: tuple[str, Mapping[str, Any]]) -> tuple[datetime, bytes]:
        created = item[1].get("created_at")
        when = _LATEST if created is None else _instant(created, f"{item[0]} created_at")
        return when, _canonical(item[1])

    return _numbered([_sorted(min(docs, key=age)[1])]) if docs else {}


@dataclass(frozen=True, slots=True)
class _Version:
    """One version of a record, with its rank: (updated_at, deleted, canonical head)."""

    where: str
    doc: Mapping[str, Any]
    when: datetime
    rank: tuple[datetime, bool, bytes]


def _head(table: str, doc: Mapping[str, Any]) -> Doc:
    """The fields that rank a version and come from the winner: all but the merged ones."""
    merged = (HISTORY, *ITEM_LISTS) if table == GOALS else (HISTORY,)
    return {key: value for key, value in doc.items() if key not in merged}


def _version(table: str, where: str, doc: Mapping[str, Any]) -> _Version:
    when = _instant(doc.get("updated_at"), f"{where} updated_at")
    deleted = doc.get("deleted", False)
    if not isinstance(deleted, bool):
        raise ValueError(f"{where} deleted is not true or false")
    return _Version(where, doc, when, (when, deleted, _canonical(_head(table, doc))))


def _join_record(table: str, versions: list[_Version]) -> Doc:
    ranked = sorted(versions, key=lambda v: v.rank)
    winner = ranked[-1]
    out = _head(table, winner.doc)
    if table == GOALS:
        for name in ITEM_LISTS:
            if any(name in v.doc for v in ranked):
                out[name] = _join_items(name, ranked)
    history = _join_history(NOTE_FIELDS.get(table, ()), ranked, winner.doc)
    if history:
        out[HISTORY] = history
    return {key: _sorted(out[key]) for key in sorted(out)}


def _join_items(name: str, ranked: list[_Version]) -> list[Any]:
    best: dict[str, tuple[Any, bytes, Mapping[str, Any]]] = {}
    for version in ranked:
        for item in _items(version, name):
            key = (version.rank, _canonical(item), item)
            if item["id"] not in best or key[:2] > best[item["id"]][:2]:
                best[item["id"]] = key
    top = [v for v in ranked if v.rank == ranked[-1].rank]
    runs = [[item["id"] for item in _items(v, name)] for v in top]
    held = {item_id for run in runs for item_id in run}
    runs.append(sorted(set(best) - held))
    return [best[item_id][2] for item_id in _interleave(runs)]


def _items(version: _Version, name: str) -> list[Mapping[str, Any]]:
    items = version.doc.get(name, [])
    if not isinstance(items, list) or not all(
        isinstance(item, Mapping) and isinstance(item.get("id"), str) for item in items
    ):
        raise ValueError(f"{version.where} {name} is not a list of items with an id")
    return items


def _interleave(runs: list[list[str]]) -> list[str]:
    """Merge runs by repeatedly taking the smallest head, each id once (keeps every run's order)."""
    taken: set[str] = set()
    places = [0] * len(runs)
    out: list[str] = []
    while True:
        heads = []
        for index, run in enumerate(runs):
            while places[index] < len(run) and run[places[index]] in taken:
                places[index] += 1
            if places[index] < len(run):
                heads.append(run[places[index]])
        if not heads:
            return out
        out.append(min(heads))
        taken.add(out[-1])


def _join_history(
    fields: tuple[str, ...], versions: list[_Version], winner: Mapping[str, Any]
) -> list[Doc]:
    latest: dict[tuple[str, str], datetime] = {}

    def keep(field: Any, text: Any, at: datetime) -> None:
        if isinstance(field, str) and isinstance(text, str) and text.strip():
            latest[(field, text)] = max(at, latest.get((field, text), at))

    for version in versions:
        entries = version.doc.get(HISTORY, [])
        if not isinstance(entries, list):
            raise ValueError(f"{version.where} history is not a list")
        for entry in entries:
            if not isinstance(entry, Mapping) or not all(
                isinstance(entry.get(key), str) for key in ("field", "text")
            ):
                raise ValueError(f"{version.where} history has an entry without field or text")
            at = _instant(entry.get("at"), f"{version.where} history at")
            keep(entry.get("field"), entry["text"], min(at, version.when))
        for field in fields:
            keep(field, version.doc.get(field), version.when)
    for field, text in list(latest):
        if winner.get(field) == text:
            del latest[(field, text)]
    rows = sorted((field, at, text) for (field, text), at in latest.items())
    return [{"at": _iso(at), "field": field, "text": text} for field, at, text in rows]


# -- ticks ---------------------------------------------------------------------------------

def _tick_states(docs: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[TickKey, TickState]:
    states: dict[TickKey, TickState] = {}
    for where, doc in docs:
        ritual_id, log, notes = doc.get("ritual_id"), doc.get("log", {}), doc.get("notes") or {}
        if not isinstance(ritual_id, str):
            raise ValueError(f"{where} has no ritual_id")
        if not isinstance(log, Mapping) or not isinstance(notes, Mapping):
            raise ValueError(f"{where} log or notes is not a JSON object")
        for member, entries in log.items():
            if not isinstance(entries, (str, list)):
                raise ValueError(f"{where} log of {member} is not a string of tick entries")
            for text in log_entries(entries):
                try:
                    entry = decode_tick(text)
                except (AttributeError, KeyError, ValueError):
                    raise ValueError(f"{where} has a bad tick entry {text!r}") from None
                day = entry.day.isoformat()
                note = notes.get(note_key(member, day, entry.kind), "") if notes else ""
                if not isinstance(note, str):
                    raise ValueError(f"{where} note for {member} {day} is not text")
                key = (ritual_id, member, day, entry.kind)
                state = (entry.updated, entry.deleted, note if note.strip() else "")
                if key not in states or state > states[key]:
                    states[key] = state
    return states


def _join_ticks(
    states: Mapping[TickKey, TickState], docs: list[tuple[str, Mapping[str, Any]]]
) -> Doc:
    rituals: dict[str, Doc] = {}
    for (ritual_id, member, day, kind), (updated, deleted, note) in sorted(states.items()):
        out = rituals.setdefault(ritual_id, {"log": {}, "notes": {}, "ritual_id": ritual_id,
                                             "stats": None})
        out["log"].setdefault(member, []).append(encode_tick(day, kind, updated, deleted))
        if note:
            out["notes"][note_key(member, day, kind)] = note
    for out in rituals.values():
        out["log"] = {member: join_log(sorted(entries)) for member, entries in out["log"].items()}
    for _, doc in docs:  # a ritual whose ticks doc has no entries keeps an empty doc
        rituals.setdefault(doc["ritual_id"], {"log": {}, "notes": {},
                                              "ritual_id": doc["ritual_id"], "stats": None})
    return _numbered(rituals[key] for key in sorted(rituals))


# -- values --------------------------------------------------------------------------------


def _instant(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{where} is not a timestamp")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where} is not an ISO timestamp: {value!r}") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # as `store.serialization.iso_timestamp`


def _canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value
