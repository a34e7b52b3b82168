"""Reading and checking a data file's bytes: parse, validate, schema version, serialise."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import orjson

from store import schema
from store.errors import DataFileError, RejectedInput

__all__ = [
    "BOM",
    "RESTORE_HINT",
    "Data",
    "UnsavableData",
    "find_non_finite",
    "parse_data_file",
    "schema_version_of",
    "serialise",
    "validate_data",
]

Data = dict[str, dict[str, Any]]
"""A whole data file: table name -> document id (a digit string) -> document."""

BOM = b"\xef\xbb\xbf"
RESTORE_HINT = (
    "Nothing was changed. Run `tandem backup restore` to bring back the newest backup "
    "(`tandem backup list` shows them), or `tandem doctor` for details."
)
_DOC_ID = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_DUMPS_OPTIONS = (
    orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)
"""Compact: on a 6 MB file a write costs ~1.0x the raw floor; OPT_INDENT_2 made the file 34 %
larger and the write 1.15-1.25x the floor (same runs), and every backup and sync bigger."""


class UnsavableData(RejectedInput):
    """The data holds something JSON cannot carry faithfully; refused before the file was touched.

    Exit status 1 (rejected input, nothing changed): in practice a lone surrogate from a
    badly encoded command-line argument, or a programming error (a `date` object, a non-string key).
    """



def _type_name(value: object) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _diagnose(raw: bytes, exc: orjson.JSONDecodeError) -> str:
    if not raw.strip():
        return "holds only whitespace, no data"
    nul = raw.find(b"\x00")
    if nul >= 0:
        return f"contains NUL bytes (the first at byte {nul}), the mark of a damaged write"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"is not valid UTF-8 text (bad byte at offset {bad.start})"
    where = f"line {exc.lineno}, column {exc.colno}"
    if "end of data" in exc.msg:
        return f"is cut off in the middle of the JSON (it ends at {where})"
    if "after document" in exc.msg:
        return f"has extra data after the end of the JSON (from {where})"
    return f"is not valid JSON ({exc.msg} at {where})"


def schema_version_of(data: Data, path: str | Path = "data file") -> int | None:
    """The file's `_meta` schema version, or None for a file without data (brand new).

    Args:
        data: a parsed data file whose tables are objects (see `parse_data_file`).
        path: the file, for the error message.

    Raises:
        DataFileError: the version is not a whole number >= 1, the `_meta` documents
            disagree, or the file holds data but no schema version.
    """
    versions: set[int] = set()
    meta = data.get(schema.META, {})
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            value = doc["schema_version"]
            if type(value) is not int or value < 1:
                raise DataFileError(
                    path, f"its schema version {value!r} is not a whole number", RESTORE_HINT
                )
            versions.add(value)
    if len(versions) > 1:
        raise DataFileError(
            path, f"its _meta table holds several schema versions {sorted(versions)}", RESTORE_HINT
        )
    if versions:
        return versions.pop()
    if any(table for name, table in data.items() if name != schema.META):
        raise DataFileError(
            path,
            "holds data but no _meta schema version, so it is not a Tandem data file "
            "or its header was lost",
            RESTORE_HINT,
        )
    return None


def parse_data_file(raw: bytes, path: str | Path) -> Data:
    """Parse and check the bytes of a data file (or a backup of one).

    Accepted: UTF-8 JSON (a leading UTF-8 byte-order mark is skipped) whose top level is an
    object of tables, each an object of documents keyed by canonical digit strings, each
    document an object; `_meta` holds a schema version this Tandem can read (or the file
    holds no document at all).

    Args:
        raw: the file's bytes.
        path: the file, named in the error.

    Returns:
        The parsed data.

    Raises:
        DataFileError: what is wrong and how to recover; nothing was changed.
    """
    if not raw:
        raise DataFileError(path, "is empty (0 bytes)", RESTORE_HINT)
    body = raw[len(BOM) :] if raw.startswith(BOM) else raw
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise DataFileError(path, _diagnose(body, exc), RESTORE_HINT) from None
    return validate_data(path, data)


def validate_data(path: str | Path, data: object) -> Data:
    """Check parsed JSON against the layout every data file (and backup, or copy) must have.

    The checks of `parse_data_file` after decoding: an object of tables, each an object of
    documents keyed by canonical digit strings, each an object; a schema version this
    Tandem reads (or no document at all).

    Args:
        path: where the data came from, named in the error.
        data: the parsed JSON.

    Returns:
        `data`, typed.

    Raises:
        DataFileError: what is wrong and how to recover.
    """
    if not isinstance(data, dict):
        raise DataFileError(
            path,
            f"holds {_type_name(data)} at the top level, not an object of tables",
            RESTORE_HINT,
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DataFileError(
                path, f"its table {name!r} is {_type_name(table)}, not an object", RESTORE_HINT
            )
        for doc_id, doc in table.items():
            if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
                raise DataFileError(
                    path,
                    f"its table {name!r} has a document key {doc_id!r} that is not a whole number",
                    RESTORE_HINT,
                )
            if not isinstance(doc, dict):
                raise DataFileError(
                    path,
                    f"document {doc_id} of table {name!r} is {_type_name(doc)}, not an object",
                    RESTORE_HINT,
                )
    version = schema_version_of(data, path)
    if version is not None and version > schema.SCHEMA_VERSION:
        raise DataFileError(
            path,
            f"was written by a newer Tandem (schema version {version}; "
            f"this one reads up to {schema.SCHEMA_VERSION})",
            "Upgrade Tandem to open it; nothing was changed.",
        )
    return data


def find_non_finite(value: object, where: str = "") -> str | None:
    """Where a NaN or an infinity hides in `value` (a path like `ticks/3/stats/strength`), or None.

    orjson writes non-finite floats as `null` instead of refusing them, and checking the
    whole tree on every write would cost more than the write itself (notes in
    `SafeFileStorage`). Call this on the records you are about to store that can hold floats.
    """
    if isinstance(value, float):
        return None if math.isfinite(value) else (where or "/")
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = find_non_finite(item, f"{where}/{key}" if where else str(key))
        if found is not None:
            return found
    return None


def serialise(data: Data, path: str | Path = "data file") -> bytes:
    """The bytes written for `data`: compact UTF-8 JSON (real characters), one trailing newline.

    Raises:
        UnsavableData: a lone surrogate, a non-string key, a date/dataclass or other object
            JSON cannot carry, or a number out of range; nothing was touched.
    """
    try:
        return orjson.dumps(data, option=_DUMPS_OPTIONS)
    except orjson.JSONEncodeError as exc:
        text = str(exc)
        if "surrogates" in text:
            reason = "a text holds a character that is not valid Unicode (a lone surrogate)"
        elif "key must be str" in text:
            reason = "a key is not a string"
        elif "not JSON serializable" in text:
            reason = f"a value cannot be stored as JSON ({text})"
        elif "64-bit" in text or "range" in text:
            reason = "a whole number is too large"
        else:
            reason = text
        raise UnsavableData(f"could not save {path}: {reason}; nothing was changed") from None

