"""The bundled ideas catalogue: load `assets/catalogue.json` strictly into frozen dataclasses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, TypeVar, cast

import orjson

from store.models import Idea

CATALOGUE_VERSION: Final = 1
"""The only `version` this loader understands."""

KEY_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Keys are lowercase kebab-case slugs: `bake-family-bread`."""

COSTS: Final[tuple[Literal["free", "low", "medium"], ...]] = ("free", "low", "medium")
SETTINGS: Final[tuple[Literal["indoor", "outdoor", "either"], ...]] = (
    "indoor", "outdoor", "either"
)
ENERGIES: Final[tuple[Literal["calm", "active"], ...]] = ("calm", "active")
AGES: Final[tuple[Literal["child", "teen", "adult", "any"], ...]] = (
    "child", "teen", "adult", "any"
)
LEADS: Final[tuple[Literal["either", "mother", "son"], ...]] = ("either", "mother", "son")
CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "cost": COSTS, "setting": SETTINGS, "energy": ENERGIES, "age": AGES, "leads": LEADS
}
"""The allowed values of each enumerated idea field, in display order."""

TEXT_LIMITS: Final[Mapping[str, int]] = {
    "key": 60, "title": 60, "category": 60, "blurb": 280, "duration": 20
}
"""Maximum length, in characters, of each text field of an idea (and of a category)."""

CATEGORY_FIELDS: Final = ("key", "title", "blurb")
IDEA_FIELDS: Final = (
    "key", "title", "category", "blurb", "duration", "cost", "setting", "energy", "age",
    "leads", "distance",
)

_T = TypeVar("_T", bound=str)
_IDEA_FIELD_SET: Final = frozenset(IDEA_FIELDS)


@dataclass(frozen=True, slots=True)
class Category:
    """A heading of the catalogue: `cooking`, `talk`, `everyday-routines`..."""

    key: str
    title: str
    blurb: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The loaded catalogue, in file order. Build it with `load_catalogue`."""

    categories: tuple[Category, ...]
    ideas: tuple[Idea, ...]
    _ideas_by_key: dict[str, Idea] = field(init=False, repr=False, compare=False, hash=False)
    _categories_by_key: dict[str, Category] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ideas_by_key", {idea.key: idea for idea in self.ideas})
        object.__setattr__(self, "_categories_by_key", {c.key: c for c in self.categories})

    def by_key(self, key: str) -> Idea | None:
        """Return the idea with this slug, or None when the catalogue has none."""
        return self._ideas_by_key.get(key)

    def category(self, key: str) -> Category | None:
        """Return the category with this key, or None when there is none."""
        return self._categories_by_key.get(key)


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the file, the idea key and field."""


def load_catalogue(path: Path) -> Catalogue:
    """Read and strictly validate the catalogue at `path`.

    Args:
        path: the catalogue JSON file (resolving the bundled asset is the caller's job).

    Returns:
        The catalogue, categories and ideas in file order. Nothing is cached: keep it.

    Raises:
        CatalogueError: (a ValueError) the file is not UTF-8 JSON, or a category or an idea
            misses a field, has an unknown one or holds an invalid value.
        OSError: the file cannot be read.
    """
    try:
        raw = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise CatalogueError(f"{path}: not valid UTF-8 JSON ({error})") from error
    try:
        return _parse(raw)
    except CatalogueError as error:
        raise CatalogueError(f"{path}: {error}") from None


def _parse(raw: object) -> Catalogue:
    top = _object(raw, "the catalogue", ("version", "categories", "ideas"))
    if type(top["version"]) is not int or top["version"] != CATALOGUE_VERSION:
        raise CatalogueError(f"version must be {CATALOGUE_VERSION} (got {top['version']!r})")
    categories = tuple(_category(item, i) for i, item in enumerate(_list(top, "categories")))
    category_keys = _unique_keys((c.key for c in categories), "category")
    items = _list(top, "ideas")
    if _quick_check(items, category_keys):
        ideas = tuple(Idea(**cast(dict[str, Any], item)) for item in items)
    else:  # the slow path names the first idea and field that is wrong
        ideas = tuple(_idea(item, i, category_keys) for i, item in enumerate(items))
    _unique_keys((idea.key for idea in ideas), "idea")
    return Catalogue(categories=categories, ideas=ideas)


def _quick_check(items: list[object], category_keys: frozenset[str]) -> bool:
    """Whether every idea is valid: fast and silent, since the app runs this at start-up.

    Never looser than `_idea`, which runs on every idea when this says no.
    """
    texts: list[str] = []
    key_limit, title_limit = TEXT_LIMITS["key"], TEXT_LIMITS["title"]
    blurb_limit, duration_limit = TEXT_LIMITS["blurb"], TEXT_LIMITS["duration"]
    for item in items:
        if type(item) is not dict or item.keys() != _IDEA_FIELD_SET:
            return False
        key, title, category, blurb, duration = (
            item["key"], item["title"], item["category"], item["blurb"], item["duration"]
        )
        if not (
            type(key) is str
            and type(title) is str
            and type(blurb) is str
            and type(duration) is str
            and category in category_keys  # already a valid key, so a trimmed string
            and 0 < len(key) <= key_limit
            and 0 < len(title) <= title_limit
            and 0 < len(blurb) <= blurb_limit
            and 0 < len(duration) <= duration_limit
            and title == title.strip()
            and blurb == blurb.strip()
            and duration == duration.strip()
            and KEY_PATTERN.fullmatch(key) is not None
            and type(item["distance"]) is bool
            and item["cost"] in COSTS
            and item["setting"] in SETTINGS
            and item["energy"] in ENERGIES
            and item["age"] in AGES
            and item["leads"] in LEADS
        ):
            return False
        texts += (title, blurb, duration)
    # A space is printable and stable under NFC, so joining changes neither check's answer.
    joined = " ".join(texts)
    return joined.isprintable() and unicodedata.is_normalized("NFC", joined)


def _category(item: object, index: int) -> Category:
    where = _where("category", item, index)
    data = _object(item, where, CATEGORY_FIELDS)
    return Category(
        key=_key(data, where),
        title=_text(data, where, "title", 40),
        blurb=_text(data, where, "blurb", 200),
    )


def _idea(item: object, index: int, category_keys: frozenset[str]) -> Idea:
    """Validate one idea field by field, raising a CatalogueError that names the problem."""
    where = _where("idea", item, index)
    data = _object(item, where, IDEA_FIELDS)
    key = _key(data, where)
    category = _text(data, where, "category", TEXT_LIMITS["category"])
    if category not in category_keys:
        raise CatalogueError(f"{where}: field 'category' names no category ({category!r})")
    distance = data["distance"]
    if type(distance) is not bool:
        raise CatalogueError(f"{where}: field 'distance' must be true or false")
    return Idea(
        key=key,
        title=_text(data, where, "title", TEXT_LIMITS["title"]),
        category=category,
        blurb=_text(data, where, "blurb", TEXT_LIMITS["blurb"]),
        duration=_text(data, where, "duration", TEXT_LIMITS["duration"]),
        cost=_choice(data, where, "cost", COSTS),
        setting=_choice(data, where, "setting", SETTINGS),
        energy=_choice(data, where, "energy", ENERGIES),
        age=_choice(data, where, "age", AGES),
        leads=_choice(data, where, "leads", LEADS),
        distance=distance,
    )


def _where(kind: str, item: object, index: int) -> str:
    """Name an entry for error messages: by its key when it has one, else by position."""
    key = item.get("key") if isinstance(item, dict) else None
    return f"{kind} {key!r}" if isinstance(key, str) and key else f"{kind} #{index + 1}"


def _object(raw: object, where: str, fields: tuple[str, ...]) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where} must be a JSON object")
    missing = [name for name in fields if name not in raw]
    if missing:
        raise CatalogueError(f"{where}: missing field {missing[0]!r}")
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise CatalogueError(f"{where}: unknown field {unknown[0]!r}")
    return cast(dict[str, object], raw)


def _list(data: dict[str, object], name: str) -> list[object]:
    value = data[name]
    if not isinstance(value, list) or not value:
        raise CatalogueError(f"field {name!r} must be a non-empty list")
    return value


def _key(data: dict[str, object], where: str) -> str:
    key = _text(data, where, "key", TEXT_LIMITS["key"])
    if not KEY_PATTERN.fullmatch(key):
        raise CatalogueError(f"{where}: field 'key' must be a lowercase kebab-case slug")
    return key


def _text(data: dict[str, object], where: str, name: str, limit: int) -> str:
    value = data[name]
    if not isinstance(value, str):
        raise CatalogueError(f"{where}: field {name!r} must be a string")
    if not value or value != value.strip():
        raise CatalogueError(f"{where}: field {name!r} must be non-empty and trimmed")
    if len(value) > limit:
        raise CatalogueError(f"{where}: field {name!r} is longer than {limit} characters")
    if not value.isprintable():  # control, format (bidi), private-use and odd space characters
        raise CatalogueError(f"{where}: field {name!r} holds a control or format character")
    if not unicodedata.is_normalized("NFC", value):
        raise CatalogueError(f"{where}: field {name!r} is not NFC-normalised")
    return value


def _choice(data: dict[str, object], where: str, name: str, allowed: tuple[_T, ...]) -> _T:
    value = data[name]
    for option in allowed:
        if value == option:
            return option
    raise CatalogueError(
        f"{where}: field {name!r} must be one of {', '.join(allowed)} (got {value!r})"
    )


def _unique_keys(keys: Iterable[str], kind: str) -> frozenset[str]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise CatalogueError(f"{kind} {key!r}: duplicate key")
        seen.add(key)
    return frozenset(seen)
