"""Export a data file's whole logical content as JSON, and import such a file by merging it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from store.merge import MergeResult, merge, normalise
from store.models import GOAL_STATUSES, ROLES
from store.schema import (
    GOALS,
    IDEAS,
    KIND_CODES,
    MEMBERS,
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

EXPORT_VERSION = 1
"""The layout of a JSON export, its `schema_version`. Exports list records and ticks as
rows, so the data file's schema 2 (tick logs kept as strings) left them as they were."""

_TIMES = {"created_at": "time", "updated_at": "time"}
FIELDS: Mapping[str, Mapping[str, str]] = {
    MEMBERS: {"id": "id", "name": "text", "role": "role", "colour": "text", **_TIMES},
    RITUALS: {"id": "id", "title": "text", "rule": "text", "start": "date", "members": "names",
              "needs": "needs", "note": "text", "archived": "bool", **_TIMES},
    IDEAS: {"id": "id", "idea_key": "id", "custom": "object?", "favourite_by": "names",
            "hidden": "bool", **_TIMES},
    MOMENTS: {"id": "id", "idea_key": "text?", "title": "text", "date": "date", "planned": "bool",
              "members": "names", "note": "text", "mood": "mood?", "by": "name", **_TIMES},
    GOALS: {"id": "id", "owner": "name", "title": "text", "why": "text", "target_date": "date?",
            "status": "status", "achieved_at": "date?", "steps": "steps", "supports": "supports",
            "cheers": "cheers", **_TIMES},
    TICKS: {"ritual": "id", "ritual_title": "text", "date": "date", "by": "name", "kind": "kind",
            "note": "text", "updated_at": "time"},
}
"""The exported fields of each list, in order, with their kind of value (checked on import)."""

_ITEMS = {
    "steps": {"id": "id", "title": "text", "done": "bool"},
    "supports": {"id": "id", "by": "name", "pledge": "text", "at": "time"},
    "cheers": {"id": "id", "by": "name", "text": "text", "at": "time"},
    "history": {"at": "time", "field": "text", "text": "text"},
}
_CHOICES = {"role": ROLES, "needs": ("any", "all"), "status": GOAL_STATUSES,
            "kind": tuple(KIND_CODES)}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LISTS = (MEMBERS, RITUALS, TICKS, IDEAS, MOMENTS, GOALS)


def export_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """The whole logical content of a raw data file, as `tandem export --format json` writes it.

    Live records only (no deleted records, no unticked ticks, no ticks of deleted rituals),
    each list in a stable order, member ids replaced by names (a reference to a member
    record that does not exist stays an id). Ticks carry `updated_at` so an import merges
    them by the usual rules.

    Raises:
        ValueError: `data` is not a well-formed data file.
    """
    data = normalise(data)
    members = {doc["id"]: doc for doc in data[MEMBERS].values()}

    def name(member_id: Any) -> Any:
        member = members.get(member_id)
        return member.get("name", member_id) if member else member_id

    out: dict[str, Any] = {"schema_version": EXPORT_VERSION}
    live = {t: [d for d in data[t].values() if not d.get("deleted")] for t in RECORD_TABLES}
    for table in _LISTS:
        if table == TICKS:
            out[TICKS] = _export_ticks(data, live[RITUALS], name)
        else:
            rows = sorted(live[table], key=lambda d: (str(d.get("created_at")), _key(table, d)))
            out[table] = [_export_record(table, doc, name) for doc in rows]
    return out


def import_json(current: Mapping[str, Any], exported: Mapping[str, Any]) -> MergeResult:
    """Merge an exported file (as `export_json` makes it) into the raw data file `current`.

    Members are matched by name (NFC, case-insensitive) with the live members of `current`;
    an exported member nobody in `current` is called is added with its exported id. Records
    and ticks then merge by the rules of `store.merge.merge`; an import never deletes.
    `current` may be empty (`{}`): a new file needs no `init`.

    Raises:
        ValueError: one sentence naming what is wrong, e.g. "ticks[3].date is not a date".
    """
    if not isinstance(exported, Mapping):
        raise ValueError("the import file is not a JSON object")
    if META in exported:
        raise ValueError("this is a data file, not an export (`tandem merge` takes data files)")
    version = exported.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("schema_version is missing or not a whole number")
    if version != EXPORT_VERSION:
        newer = "newer than this Tandem reads" if version > EXPORT_VERSION else "too old to import"
        raise ValueError(f"schema_version {version} is {newer} ({EXPORT_VERSION} is)")
    lists = {}
    for table in _LISTS:
        rows = exported.get(table, [])
        if not isinstance(rows, list):
            raise ValueError(f"{table} is not a list")
        for index, row in enumerate(rows):
            _check(f"{table}[{index}]", row, FIELDS[table])
        lists[table] = rows
    here = normalise(current)
    resolve, new_members = _member_ids(here, lists[MEMBERS])
    raw: dict[str, Any] = {META: {"1": {"schema_version": SCHEMA_VERSION}}}
    raw[MEMBERS] = _numbered({**doc, "deleted": False} for doc in new_members)
    for table in (RITUALS, IDEAS, MOMENTS, GOALS):
        raw[table] = _numbered(
            _import_record(table, row, f"{table}[{index}]", resolve)
            for index, row in enumerate(lists[table])
        )
    rituals = {doc["id"] for doc in here[RITUALS].values()} | {r["id"] for r in lists[RITUALS]}
    raw[TICKS] = _import_ticks(lists[TICKS], rituals, resolve)
    return merge(current, raw)


# -- export --------------------------------------------------------------------------------


def _key(table: str, doc: Mapping[str, Any]) -> str:
    return str(doc.get("idea_key" if table == IDEAS else "id"))


def _ordered(record: Mapping[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    known = {field: record[field] for field in fields if field in record}
    return known | {key: record[key] for key in sorted(record) if key not in fields}


def _export_record(
    table: str, doc: Mapping[str, Any], name: Callable[[Any], Any]
) -> dict[str, Any]:
    record = {key: value for key, value in doc.items() if key != "deleted"}
    _map_members(record, FIELDS[table], name)
    for item_list in ("steps", "supports", "cheers", "history"):
        if isinstance(record.get(item_list), list):
            items = [dict(item) for item in record[item_list]]
            for item in items:
                _map_members(item, _ITEMS[item_list], name)
            record[item_list] = [_ordered(item, _ITEMS[item_list]) for item in items]
    return _ordered(record, FIELDS[table])


def _map_members(
    record: dict[str, Any], fields: Mapping[str, str], to: Callable[[Any], Any]
) -> None:
    for field, kind in fields.items():
        if kind == "name" and field in record:
            record[field] = to(record[field])
        elif kind == "names" and isinstance(record.get(field), list):
            record[field] = [to(member) for member in record[field]]


def _export_ticks(
    data: Mapping[str, Any], rituals: list[dict[str, Any]], name: Callable[[Any], Any]
) -> list[dict[str, Any]]:
    titles = {doc["id"]: doc.get("title", "") for doc in rituals}
    rows = []
    for doc in data[TICKS].values():
        if doc["ritual_id"] not in titles:
            continue
        for member, log in doc["log"].items():
            for text in log_entries(log):
                entry = decode_tick(text)
                if entry.deleted:
                    continue
                rows.append({
                    "ritual": doc["ritual_id"],
                    "ritual_title": titles[doc["ritual_id"]],
                    "date": entry.day.isoformat(),
                    "by": name(member),
                    "kind": entry.kind,
                    "note": doc["notes"].get(note_key(member, entry.day, entry.kind), ""),
                    "updated_at": _iso(datetime.fromtimestamp(entry.updated, UTC)),
                })
    order = ("ritual_title", "ritual", "date", "by", "kind")
    return sorted(rows, key=lambda row: tuple(str(row[field]) for field in order))


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


# -- import --------------------------------------------------------------------------------


def _check(where: str, record: Any, fields: Mapping[str, str]) -> None:
    if not isinstance(record, Mapping):
        raise ValueError(f"{where} is not a JSON object")
    for field, kind in fields.items():
        if field not in record:
            raise ValueError(f"{where}.{field} is missing")
        _check_value(f"{where}.{field}", record[field], kind)
    if "history" in record:
        _check_value(f"{where}.history", record["history"], "history")


def _check_value(where: str, value: Any, kind: str) -> None:
    if kind.endswith("?"):
        if value is None:
            return
        kind = kind[:-1]
    if kind in _ITEMS:
        if not isinstance(value, list):
            raise ValueError(f"{where} is not a list")
        for index, item in enumerate(value):
            _check(f"{where}[{index}]", item, _ITEMS[kind])
        return
    problem = {
        "id": "is not a non-empty text",
        "text": "is not text",
        "name": "is not a member's name",
        "bool": "is not true or false",
        "object": "is not a JSON object",
        "date": "is not a date",
        "time": "is not a timestamp",
        "mood": "is not a whole number from 1 to 5",
        "names": "is not a list of members' names",
    }.get(kind, "is not one of " + ", ".join(_CHOICES.get(kind, ())))
    if not _valid(value, kind):
        raise ValueError(f"{where} {problem}")


def _valid(value: Any, kind: str) -> bool:
    if kind in ("id", "name"):
        return isinstance(value, str) and bool(value.strip())
    if kind == "text":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, Mapping)
    if kind == "names":
        return isinstance(value, list) and all(_valid(item, "name") for item in value)
    if kind == "mood":
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    if kind in _CHOICES:
        return value in _CHOICES[kind]
    if not isinstance(value, str):
        return False
    try:
        if kind == "date":
            return bool(_DATE.fullmatch(value)) and bool(date.fromisoformat(value))
        return bool(datetime.fromisoformat(value))
    except ValueError:
        return False


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def _member_ids(
    here: Mapping[str, Any], exported: list[Mapping[str, Any]]
) -> tuple[Callable[[str, str], str], list[Mapping[str, Any]]]:
    """How to turn a name into a member id, and the exported members `current` lacks."""
    docs = sorted(here[MEMBERS].values(), key=lambda doc: bool(doc.get("deleted")), reverse=True)
    ids = {_fold(str(doc.get("name", ""))): doc["id"] for doc in docs}  # live names win
    known = {doc["id"] for doc in docs} | {row["id"] for row in exported}
    live = {_fold(str(doc.get("name", ""))) for doc in docs if not doc.get("deleted")}
    new_members, seen = [], set()
    for index, row in enumerate(exported):
        folded = _fold(row["name"])
        if folded in seen:
            raise ValueError(f"members[{index}].name {row['name']!r} is used by another member")
        seen.add(folded)
        if folded not in live or ids[folded] == row["id"]:
            ids[folded] = row["id"]
            new_members.append(row)

    def resolve(name: str, where: str) -> str:
        if _fold(name) in ids:
            return str(ids[_fold(name)])
        if name in known:
            return name
        raise ValueError(f"{where} is not a member's name: {name!r}")

    return resolve, new_members


def _import_record(
    table: str, row: Mapping[str, Any], where: str, resolve: Callable[[str, str], str]
) -> dict[str, Any]:
    record = dict(row) | {"deleted": False}
    for field, kind in FIELDS[table].items():
        if kind == "name":
            record[field] = resolve(record[field], f"{where}.{field}")
        elif kind == "names":
            record[field] = [resolve(n, f"{where}.{field}") for n in record[field]]
    for item_list in ("supports", "cheers"):
        if table == GOALS:
            record[item_list] = [
                dict(item) | {"by": resolve(item["by"], f"{where}.{item_list}[{index}].by")}
                for index, item in enumerate(record[item_list])
            ]
    return record


def _import_ticks(
    rows: list[Mapping[str, Any]], rituals: set[str], resolve: Callable[[str, str], str]
) -> dict[str, Any]:
    states: dict[tuple[str, str, str, str], tuple[int, str]] = {}
    for index, row in enumerate(rows):
        where = f"{TICKS}[{index}]"
        if row["ritual"] not in rituals:
            raise ValueError(f"{where}.ritual is not the id of a ritual in either file")
        member = resolve(row["by"], f"{where}.by")
        updated = datetime.fromisoformat(row["updated_at"])
        seconds = int((updated if updated.tzinfo else updated.replace(tzinfo=UTC)).timestamp())
        key = (row["ritual"], member, row["date"], row["kind"])
        states[key] = max(states.get(key, (seconds, row["note"])), (seconds, row["note"]))
    docs: dict[str, dict[str, Any]] = {}
    for (ritual, member, day, kind), (seconds, note) in sorted(states.items()):
        doc = docs.setdefault(ritual, {"ritual_id": ritual, "log": {}, "notes": {}, "stats": None})
        doc["log"].setdefault(member, []).append(encode_tick(day, kind, seconds))
        if note:
            doc["notes"][note_key(member, day, kind)] = note
    for doc in docs.values():
        doc["log"] = {member: join_log(entries) for member, entries in doc["log"].items()}
    return _numbered(docs[key] for key in sorted(docs))


def _numbered(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {str(number): doc for number, doc in enumerate(docs, 1)}
