"""The bundled catalogue: its schema, its stable keys, and the strict loader."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections import Counter
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.catalogue import (
    CHOICES,
    IDEA_FIELDS,
    Catalogue,
    CatalogueError,
    _idea,
    _quick_check,
    load_catalogue,
)
from store.models import Idea

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "assets" / "catalogue.json"

REQUIRED_CATEGORIES = {
    "cooking", "outdoors", "sport", "movies-and-shows", "art-and-making", "learning", "games",
    "talk", "helping-others", "adventure", "everyday-routines",
}
"""DESIGN section 3: the catalogue covers at least these."""

KEYS_V1 = frozenset({
    "a-series-just-for-us", "a-time-i-got-it-wrong", "advice-to-your-younger-self",
    "after-school-debrief", "animal-shelter", "backgammon-in-a-cafe", "badminton-in-the-park",
    "bake-family-bread", "bake-sale-for-a-cause", "behind-the-scenes", "bench-birdwatch",
    "big-screen-trip", "blackberry-picking", "blindfold-taste-test", "board-game-tournament",
    "book-then-film", "breakfast-in-bed-swap", "budgeting-with-real-numbers",
    "build-a-bird-feeder", "cake-for-no-reason", "call-on-the-walk-home", "camp-for-a-night",
    "camp-in-the-garden", "car-checks", "car-ride-dj", "chess-one-lesson-at-a-time",
    "chores-with-loud-music", "climbing-wall-taster", "cloud-spotting", "co-op-campaign",
    "cold-water-paddle", "comic-of-the-same-day", "cook-a-budget-week", "cook-for-a-neighbour",
    "cook-the-same-recipe-apart", "couch-to-5k-together", "crazy-golf-showdown",
    "crepes-on-a-sunday", "cycle-to-a-cafe", "daily-word-puzzle", "declutter-for-charity",
    "design-your-own-t-shirts", "documentary-and-a-talk", "draw-the-family-tree",
    "dream-job-honest-version", "driving-basics", "dumpling-assembly-line", "escape-room",
    "family-story-hour", "fantasy-league-rivals", "film-from-his-birth-year", "film-swap-night",
    "first-aid-basics", "first-saturday-hike", "first-snow-walk", "firsts-we-remember",
    "five-meals-to-leave-home-with", "fix-a-puncture", "fix-something-broken",
    "fold-laundry-together", "follow-a-river", "food-bank-shift", "frisbee-in-the-park",
    "full-moon-walk", "garden-penalty-shootout", "geocaching", "give-blood-together",
    "good-morning-message", "grandmas-recipe-card", "grow-something-to-eat",
    "guess-the-theme-tune", "hand-drawn-postcards", "hard-day-signals", "he-chooses-the-charity",
    "he-coaches-mum", "he-picks-the-genre", "he-plans-the-journey", "he-runs-the-weekly-shop",
    "he-teaches-a-tech-skill", "he-teaches-digital-drawing", "he-teaches-his-video-game",
    "he-teaches-mum-a-beat", "he-teaches-some-code", "his-favourite-creator",
    "his-ten-minute-workout", "if-money-were-no-object", "invent-a-board-game",
    "jam-or-chutney-day", "knife-skills", "knit-a-first-square", "language-side-by-side",
    "late-drive-deep-talk", "laundry-without-disasters", "letters-to-open-later",
    "library-afternoon", "litter-pick", "long-bike-ride", "map-and-compass", "memory-box",
    "most-like-yourself", "mum-asks-for-feedback", "mum-learns-to-skate", "mums-childhood-film",
    "mums-old-card-games", "mums-old-neighbourhood", "mums-old-sport", "mums-retro-games",
    "mystery-basket", "name-ten-trees", "neighbours-garden-rescue", "night-hike",
    "one-question-per-car-ride", "one-room-in-a-museum", "one-set-two-builders",
    "online-game-night", "outdoor-film-night", "overnight-city-trip", "pack-a-proper-picnic",
    "paint-each-other", "pancake-flip-off", "photo-book-of-the-year", "photo-of-your-day",
    "photo-walk-same-theme", "pizza-from-scratch", "plan-a-dream-trip", "plan-the-meals-together",
    "plan-the-week-on-sunday", "plant-for-the-bees", "podcast-episode-swap", "pottery-taster",
    "practice-interview", "proud-but-unnoticed", "quiz-about-each-other", "random-station",
    "read-aloud-at-bedtime", "redecorate-his-room", "rewatch-his-childhood-favourite",
    "rock-pooling", "rose-and-thorn", "saturday-breakfast", "scavenger-hunt",
    "send-a-care-package", "send-each-other-the-sky", "sew-on-a-button", "share-the-dog-walk",
    "shared-nature-journal", "show-me-your-city", "someone-you-admire",
    "something-neither-has-tried", "son-runs-the-kitchen", "sponsored-walk", "stargazing-night",
    "step-count-duel", "stop-motion-film", "street-food-night", "stretch-together",
    "sunday-call-three-questions", "sunday-dinner-no-screens", "sunday-roast-apprentice",
    "sunrise-breakfast", "swim-and-count-lengths", "table-tennis-league", "take-a-boat",
    "tech-help-for-a-grandparent", "ten-oclock-tea", "ten-years-from-now", "tennis-rally-record",
    "thank-you-notes", "the-fear-never-told", "the-recipe-from-his-feed", "the-weekly-call",
    "three-card-tricks", "three-chords", "three-questions-at-bedtime",
    "three-things-im-grateful-for", "tie-dye-afternoon", "torchlight-hide-and-seek",
    "tourists-in-your-own-town", "trilogy-marathon", "twenty-questions", "two-line-reviews",
    "two-reports-one-story", "visit-an-older-relative", "voice-note-questions", "walk-to-school",
    "walk-with-no-destination", "washing-up-conversations", "watch-a-live-match", "watch-a-storm",
    "watch-the-same-film-apart", "week-long-jigsaw", "week-of-small-kindnesses",
    "weekly-episode-call", "weeknight-cook-along", "what-i-was-like-at-your-age",
    "what-i-wish-you-understood", "what-makes-a-good-friend", "what-worries-you-about-the-world",
    "write-a-silly-song", "write-three-questions", "yes-day",
})
"""Every key the catalogue ever shipped. Moments and favourites refer to ideas by key, so
a key may be added (add it here too) but never removed or renamed."""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_PATH)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    return data


# -- the bundled file -------------------------------------------------------------------


def test_no_key_ever_disappears(catalogue: Catalogue) -> None:
    keys = {idea.key for idea in catalogue.ideas}
    assert not KEYS_V1 - keys, f"removed or renamed: {sorted(KEYS_V1 - keys)}"


def test_new_keys_are_added_to_the_snapshot(catalogue: Catalogue) -> None:
    new = {idea.key for idea in catalogue.ideas} - KEYS_V1
    assert not new, f"add these to KEYS_V1 so they stay stable: {sorted(new)}"


def test_size_and_categories(catalogue: Catalogue) -> None:
    assert len(catalogue.ideas) >= 150
    assert len(catalogue.categories) >= 11
    assert REQUIRED_CATEGORIES <= {category.key for category in catalogue.categories}
    per_category = Counter(idea.category for idea in catalogue.ideas)
    thin = {c.key: per_category[c.key] for c in catalogue.categories if per_category[c.key] < 12}
    assert not thin, f"categories with fewer than 12 ideas: {thin}"


def test_every_field_is_valid(raw: dict[str, Any]) -> None:
    assert raw["version"] == 1
    category_keys = [category["key"] for category in raw["categories"]]
    assert len(category_keys) == len(set(category_keys))
    keys = [idea["key"] for idea in raw["ideas"]]
    assert len(keys) == len(set(keys)), "idea keys are unique"
    for idea in raw["ideas"]:
        assert tuple(idea) == IDEA_FIELDS, idea["key"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", idea["key"]), idea["key"]
        assert idea["category"] in category_keys, idea["key"]
        for name, allowed in CHOICES.items():
            assert idea[name] in allowed, (idea["key"], name)
        assert isinstance(idea["distance"], bool), idea["key"]
        assert 3 <= len(idea["title"]) <= 60, idea["key"]
        assert idea["duration"], idea["key"]
        unquoted = re.sub(r"“[^”]*”", "Q", idea["blurb"])  # a quotation is one clause
        sentences = re.findall(r"[.?!Q](?=\s+[A-Z]|\s*$)", unquoted)
        assert 1 <= len(sentences) <= 2, ("one or two sentences", idea["key"])
        assert idea["blurb"][-1] in ".?!”", idea["key"]


def test_file_is_utf8_with_real_characters() -> None:
    text = CATALOGUE_PATH.read_bytes().decode("utf-8")
    assert "\\u" not in text, "no \\uXXXX escapes: write the characters themselves"
    assert unicodedata.is_normalized("NFC", text)
    assert "é" in text  # café, crêpes: real characters survive


def test_the_catalogue_serves_both_directions_and_both_homes(catalogue: Catalogue) -> None:
    leads = Counter(idea.leads for idea in catalogue.ideas)
    assert leads["son"] >= 12, "ideas where the son teaches"
    assert leads["mother"] >= 12, "ideas where the mother teaches"
    distance = [idea for idea in catalogue.ideas if getattr(idea, "distance", False)]
    assert len(distance) >= 12, "ideas for when he has moved out"
    assert {idea.category for idea in distance} >= {"talk", "movies-and-shows", "cooking"}
    assert {idea.age for idea in catalogue.ideas} == {"child", "teen", "adult", "any"}


def test_talk_ideas_ask_real_questions(catalogue: Catalogue) -> None:
    talk = [idea for idea in catalogue.ideas if idea.category == "talk"]
    asking = [idea for idea in talk if "?" in idea.blurb]
    assert len(asking) >= len(talk) // 2
    fear = catalogue.by_key("the-fear-never-told")
    assert fear is not None and "afraid" in fear.blurb


# -- the Catalogue object ---------------------------------------------------------------


def test_lookups(catalogue: Catalogue) -> None:
    bread = catalogue.by_key("bake-family-bread")
    assert isinstance(bread, Idea)
    assert bread.title == "Bake the family bread"
    assert bread.leads == "mother" and bread.custom is False and bread.hidden is False
    assert catalogue.by_key("no-such-idea") is None
    talk = catalogue.category("talk")
    assert talk is not None and talk.title == "Talk"
    assert catalogue.category("nope") is None


def test_file_order_is_kept(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    assert [idea.key for idea in catalogue.ideas] == [idea["key"] for idea in raw["ideas"]]
    assert [c.key for c in catalogue.categories] == [c["key"] for c in raw["categories"]]


def test_catalogue_is_frozen_and_comparable(catalogue: Catalogue) -> None:
    with pytest.raises(FrozenInstanceError):
        catalogue.ideas = ()  # type: ignore[misc]
    assert load_catalogue(CATALOGUE_PATH) == catalogue
    assert load_catalogue(CATALOGUE_PATH) is not catalogue  # nothing is cached


def test_distance_flag(catalogue: Catalogue) -> None:
    apart = catalogue.by_key("watch-the-same-film-apart")
    assert isinstance(apart, Idea) and apart.distance is True
    together = catalogue.by_key("film-swap-night")
    assert isinstance(together, Idea) and together.distance is False


# -- the strict loader ------------------------------------------------------------------


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _minimal() -> dict[str, Any]:
    return {
        "version": 1,
        "categories": [{"key": "talk", "title": "Talk", "blurb": "Conversation starters."}],
        "ideas": [
            {
                "key": "rose-and-thorn", "title": "Rose and thorn", "category": "talk",
                "blurb": "Best and hardest bit of the day.", "duration": "10 min",
                "cost": "free", "setting": "indoor", "energy": "calm", "age": "any",
                "leads": "either", "distance": False,
            },
            {
                "key": "weekly-call", "title": "The weekly call", "category": "talk",
                "blurb": "Same time every week.", "duration": "30 min", "cost": "free",
                "setting": "either", "energy": "calm", "age": "adult", "leads": "either",
                "distance": True,
            },
        ],
    }


def test_minimal_file_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue(_write(tmp_path, _minimal()))
    assert [idea.key for idea in catalogue.ideas] == ["rose-and-thorn", "weekly-call"]
    call = catalogue.by_key("weekly-call")
    assert isinstance(call, Idea) and call.distance and call.age == "adult"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cost", "cheap", "field 'cost' must be one of free, low, medium"),
        ("setting", "inside", "field 'setting' must be one of"),
        ("energy", None, "field 'energy' must be one of"),
        ("age", "baby", "field 'age' must be one of"),
        ("leads", "dad", "field 'leads' must be one of"),
        ("distance", "yes", "field 'distance' must be true or false"),
        ("distance", 1, "field 'distance' must be true or false"),
        ("title", "", "field 'title' must be non-empty"),
        ("title", " Rose", "field 'title' must be non-empty and trimmed"),
        ("title", 42, "field 'title' must be a string"),
        ("title", "x" * 61, "field 'title' is longer than 60"),
        ("title", "Rose\nand thorn", "field 'title' holds a control or format character"),
        ("title", "Rose \u202eand thorn", "field 'title' holds a control or format character"),
        ("blurb", "Cafe\u0301 talk.", "field 'blurb' is not NFC-normalised"),
        ("blurb", "y" * 281, "field 'blurb' is longer than 280"),
        ("duration", "   ", "field 'duration' must be non-empty and trimmed"),
        ("category", "cooking", "field 'category' names no category"),
    ],
)
def test_bad_field_names_idea_and_field(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    data = _minimal()
    data["ideas"][0][field] = value
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        load_catalogue(_write(tmp_path, data))
    assert "idea 'rose-and-thorn'" in str(caught.value)
    assert str(tmp_path) in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["ideas"][1].update(key="rose-and-thorn"), "idea 'rose-and-thorn': duplicate"),
        (lambda d: d["ideas"][0].update(key="Rose_Thorn"), "idea 'Rose_Thorn': field 'key'"),
        (lambda d: d["ideas"][0].pop("blurb"), "idea 'rose-and-thorn': missing field 'blurb'"),
        (lambda d: d["ideas"][0].update(colour="red"), "unknown field 'colour'"),
        (lambda d: d["ideas"][0].pop("key"), "idea #1: missing field 'key'"),
        (lambda d: d["ideas"].append("an idea"), "idea #3 must be a JSON object"),
        (lambda d: d.update(version=2), "version must be 1"),
        (lambda d: d.update(version=True), "version must be 1"),
        (lambda d: d.update(ideas=[]), "field 'ideas' must be a non-empty list"),
        (lambda d: d.pop("categories"), "missing field 'categories'"),
        (lambda d: d["categories"].append(dict(d["categories"][0])), "category 'talk': dup"),
        (lambda d: d["categories"][0].update(title=""), "category 'talk': field 'title'"),
    ],
)
def test_malformed_structure(tmp_path: Path, change: Any, message: str) -> None:
    data = _minimal()
    change(data)
    with pytest.raises(CatalogueError, match=re.escape(message)):
        load_catalogue(_write(tmp_path, data))


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe{}", b"[]", b"null"])
def test_not_a_catalogue(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "catalogue.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=re.escape(str(path))):
        load_catalogue(path)


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_catalogue(tmp_path / "nope.json")


_GOOD = _minimal()["ideas"][0]
_ODD_TEXT = st.text(alphabet="ab -é\t\n\u202e\u0301\u00a0", max_size=8)
_FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "key": st.sampled_from(["rose-and-thorn", "a", "Bad Key", "-x", "x--y", "", 7]),
    "title": st.one_of(st.sampled_from(["Rose", " Rose", "", "x" * 61]), _ODD_TEXT),
    "category": st.sampled_from(["talk", "cooking", "", None]),
    "blurb": st.one_of(st.sampled_from(["Fine.", "y" * 281]), _ODD_TEXT),
    "duration": st.one_of(st.sampled_from(["10 min", "a far too long duration"]), _ODD_TEXT),
    "cost": st.sampled_from(["free", "low", "medium", "cheap", None, ["free"]]),
    "setting": st.sampled_from(["indoor", "outdoor", "either", "attic"]),
    "energy": st.sampled_from(["calm", "active", "sleepy", 0]),
    "age": st.sampled_from(["child", "teen", "adult", "any", "old"]),
    "leads": st.sampled_from(["either", "mother", "son", "father"]),
    "distance": st.sampled_from([True, False, 0, 1, "true", None]),
}


@given(
    changes=st.sets(st.sampled_from(sorted(_FIELD_VALUES)), max_size=4).flatmap(
        lambda names: st.fixed_dictionaries({name: _FIELD_VALUES[name] for name in names})
    ),
    dropped=st.sets(st.sampled_from(IDEA_FIELDS), max_size=1),
    extra=st.booleans(),
)
def test_fast_path_agrees_with_the_checked_one(
    changes: dict[str, Any], dropped: set[str], extra: bool
) -> None:
    """The loader validates fast in one pass; it must accept exactly what `_idea` accepts."""
    item: dict[str, Any] = {**copy.deepcopy(_GOOD), **changes}
    for name in dropped:
        del item[name]
    if extra:
        item["extra"] = 1
    categories = frozenset({"talk"})
    try:
        checked: Idea | None = _idea(item, 0, categories)
    except CatalogueError:
        checked = None
    assert _quick_check([item], categories) == (checked is not None)
    if checked is not None:
        assert checked == Idea(**item)
