"""Pure idea logic: facet filters, fuzzy search and its ranking, counts and "Surprise us"."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.catalogue import AGES, COSTS, ENERGIES, LEADS, SETTINGS, load_catalogue
from store.ideas import (
    SUBSEQUENCE,
    SUBSTRING,
    TRANSPOSED,
    WORD_STARTS,
    Filters,
    apply_filters,
    category_counts,
    fuzzy_score,
    normalise,
    suggest,
    works_at_distance,
)
from store.models import Idea

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "assets" / "catalogue.json"
TODAY = date(2026, 11, 22)
MUM, LEO = "m-mum", "m-leo"


def idea(key: str, title: str = "", **fields: Any) -> Idea:
    """A catalogue idea with plain defaults; `title` defaults to the key in words."""
    defaults: dict[str, Any] = {
        "category": "games", "blurb": "Something to do together.", "duration": "1 hour",
        "cost": "free", "setting": "indoor", "energy": "calm", "age": "any", "leads": "either",
    }
    return Idea(key=key, title=title or key.replace("-", " ").capitalize(),
                         **{**defaults, **fields})


IDEAS: tuple[Idea, ...] = (
    idea("first-saturday-hike", "First-Saturday hike", category="outdoors", setting="outdoor",
         energy="active", cost="free", favourite_by=(MUM, LEO)),
    idea("bake-bread", "Bake the family bread", category="cooking", cost="low", leads="mother",
         blurb="Mum teaches the loaf she grew up with."),
    idea("cycle-to-a-cafe", "Cycle to a café", category="sport", cost="low", setting="outdoor",
         energy="active", age="teen"),
    idea("film-apart", "Watch the same film, apart", category="movies-and-shows",
         distance=True, age="adult", favourite_by=(LEO,)),
    idea("video-game", "He teaches Mum his video game", leads="son", age="teen"),
    idea("fear", "The fear you've never said", category="talk", setting="either", age="teen",
         blurb="What is something you're afraid of that you've never told me?"),
    idea("weekly-call", "The weekly call", category="everyday-routines", setting="either",
         distance=True, age="adult", favourite_by=(MUM,)),
    idea("hidden-pottery", "Pottery taster", category="art-and-making", cost="medium",
         hidden=True),
)


def keys(ideas: list[Idea]) -> list[str]:
    return [i.key for i in ideas]


# -- facet filters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["first-saturday-hike", "bake-bread", "cycle-to-a-cafe", "film-apart",
                     "video-game", "fear", "weekly-call"]),
        (Filters(category="cooking"), ["bake-bread"]),
        (Filters(category="nothing-here"), []),
        (Filters(cost={"low"}), ["bake-bread", "cycle-to-a-cafe"]),
        (Filters(cost=frozenset({"free", "medium"}), category="games"), ["video-game"]),
        (Filters(setting={"outdoor"}), ["first-saturday-hike", "cycle-to-a-cafe", "fear",
                                        "weekly-call"]),  # "either" fits outdoors too
        (Filters(energy={"active"}), ["first-saturday-hike", "cycle-to-a-cafe"]),
        (Filters(age={"adult"}), ["first-saturday-hike", "bake-bread", "film-apart",
                                  "weekly-call"]),  # "any" fits every age
        (Filters(age={"child", "teen"}), ["first-saturday-hike", "bake-bread",
                                          "cycle-to-a-cafe", "video-game", "fear"]),
        (Filters(leads={"son"}), ["video-game"]),
        (Filters(leads={"mother", "son"}), ["bake-bread", "video-game"]),
        (Filters(distance=True), ["film-apart", "weekly-call"]),
        (Filters(distance=False, category="everyday-routines"), []),
        (Filters(favourites_of=LEO), ["first-saturday-hike", "film-apart"]),
        (Filters(favourites_of=MUM, distance=True), ["weekly-call"]),
        (Filters(favourites_of="m-nobody"), []),
        (Filters(category="art-and-making"), []),  # only a hidden one
        (Filters(category="art-and-making", show_hidden=True), ["hidden-pottery"]),
        (Filters(cost=set()), ["first-saturday-hike", "bake-bread", "cycle-to-a-cafe",
                               "film-apart", "video-game", "fear", "weekly-call"]),
    ],
)
def test_facets(filters: Filters, expected: list[str]) -> None:
    assert keys(apply_filters(IDEAS, filters)) == expected


def test_accepts_any_iterable_and_keeps_order() -> None:
    assert keys(apply_filters(iter(reversed(IDEAS)), Filters(cost={"low"}))) == [
        "cycle-to-a-cafe", "bake-bread"
    ]


def test_filters_normalise_and_check_their_sets() -> None:
    filters = Filters(cost={"free"}, leads=["son"])  # type: ignore[arg-type]
    assert filters.cost == frozenset({"free"}) and filters.leads == frozenset({"son"})
    assert hash(filters) == hash(Filters(cost=frozenset({"free"}), leads=frozenset({"son"})))
    assert Filters(age=set()).age is None
    with pytest.raises(ValueError, match="filter 'cost': unknown value 'cheap'"):
        Filters(cost={"cheap"})
    with pytest.raises(TypeError, match="set of values"):
        Filters(setting="indoor")  # type: ignore[arg-type]


def test_works_at_distance_reads_plain_ideas_too() -> None:
    plain = Idea("x", "X", "talk", "", "", "free", "indoor", "calm", "any", "either")
    assert works_at_distance(plain) is False
    assert works_at_distance(IDEAS[3]) is True
    assert keys(apply_filters([plain], Filters(distance=False))) == ["x"]


# -- fuzzy search -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("hike", "First-Saturday hike"),
        ("HIKE", "first-saturday hike"),
        ("hke", "A night hike"),  # a letter left out
        ("hkie", "A night hike"),  # two letters swapped
        ("cafe", "Cycle to a café"),
        ("café", "CYCLE TO A CAFE"),
        ("crepes", "Crêpes on a lazy Sunday"),
        ("mums", "Mum’s old sport"),
        ("mum's", "Mums old sport"),
        ("saturday hike", "First-Saturday hike"),
        ("hike first", "First-Saturday hike"),  # words in any order
        ("fam bre", "Bake the family bread"),
        ("  ", "anything"),
    ],
)
def test_fuzzy_matches(query: str, text: str) -> None:
    assert fuzzy_score(query, text) is not None


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("xyz", "First-Saturday hike"),
        ("hikes", "A night hike"),
        ("ekih", "A night hike"),
        ("bread", "Build a robot, erase all data"),  # letters too far apart
        ("hike zebra", "A night hike"),  # every word must match
        ("kh", "A night hike"),  # too short to guess a swap
    ],
)
def test_fuzzy_misses(query: str, text: str) -> None:
    assert fuzzy_score(query, text) is None


@pytest.mark.parametrize(
    ("query", "text", "tier"),
    [
        ("hike", "A night hike", SUBSTRING),
        ("ight hi", "A night hike", SUBSTRING),
        ("hike night", "A night hike", WORD_STARTS),
        ("hke", "A night hike", SUBSEQUENCE),
        ("hkie", "A night hike", TRANSPOSED),
    ],
)
def test_fuzzy_tiers(query: str, text: str, tier: float) -> None:
    score = fuzzy_score(query, text)
    assert score is not None and tier <= score < tier + 0.5


def test_fuzzy_ranks_better_matches_higher() -> None:
    def score(query: str, text: str) -> float:
        value = fuzzy_score(query, text)
        assert value is not None
        return value

    assert score("hike", "hike at dawn") > score("hike", "a night hike")  # earlier
    assert score("ball", "a ball game") > score("ball", "football")  # at a word start
    assert score("hke", "hike") > score("hke", "a long walk then a hike")  # covers more
    assert fuzzy_score("", "anything") == 0.0


def test_normalise() -> None:
    assert normalise("  Mum’s  Café — crêpes!  ") == "mums cafe crepes"
    assert normalise("Ǆemal STRASSE straße") == "dzemal strasse strasse"
    assert normalise("") == ""


def test_query_ranks_title_substring_then_word_starts_then_subsequence() -> None:
    ideas = [
        idea("swapped", "Zzz", blurb="Go on a hkie."),
        idea("letters", "Hickleton", blurb="A village."),
        idea("blurb", "Aaa", blurb="A long hike."),
        idea("up", "Hike up"),
        idea("words", "Night at the hill", blurb="Hi."),
        idea("down", "Hike down"),
        idea("late", "A night hike"),
    ]
    ranked = keys(apply_filters(ideas, Filters(query="hike")))
    # In a title (at the start, ties by title; then later on), in a blurb, letters in
    # order in a title word, then a swapped pair of letters; "words" does not match.
    assert ranked == ["down", "up", "late", "blurb", "letters", "swapped"]
    ranked = keys(apply_filters(ideas, Filters(query="night hi")))
    assert ranked == ["late", "words"]  # the query as typed, then words that start words


def test_title_beats_blurb_within_a_tier() -> None:
    ideas = [
        idea("blurb-first", "Aardvark", blurb="Go for a hike."),
        idea("title", "Zig-zag hike", blurb="Up the hill."),
    ]
    assert keys(apply_filters(ideas, Filters(query="hike"))) == ["title", "blurb-first"]


def test_query_searches_category_and_combines_with_facets() -> None:
    assert keys(apply_filters(IDEAS, Filters(query="talk"))) == ["fear"]
    assert keys(apply_filters(IDEAS, Filters(query="afraid"))) == ["fear"]
    assert keys(apply_filters(IDEAS, Filters(query="cafe", cost={"free"}))) == []
    assert keys(apply_filters(IDEAS, Filters(query="pottery"))) == []  # hidden
    assert keys(apply_filters(IDEAS, Filters(query="pottery", show_hidden=True))) == [
        "hidden-pottery"
    ]


def test_search_the_real_catalogue() -> None:
    ideas = load_catalogue(CATALOGUE_PATH).ideas
    hikes = keys(apply_filters(ideas, Filters(query="hke")))
    assert set(hikes[:2]) == {"first-saturday-hike", "night-hike"}
    cafes = keys(apply_filters(ideas, Filters(query="cafe")))
    assert set(cafes[:2]) == {"backgammon-in-a-cafe", "cycle-to-a-cafe"}
    assert keys(apply_filters(ideas, Filters(query="afraid"))) == ["the-fear-never-told"]


# -- counts -----------------------------------------------------------------------------


def test_category_counts_ignore_only_the_category() -> None:
    counts = category_counts(IDEAS, Filters(category="cooking", cost={"low"}))
    assert counts == {
        "outdoors": 0, "cooking": 1, "sport": 1, "movies-and-shows": 0, "games": 0,
        "talk": 0, "everyday-routines": 0, "art-and-making": 0,
    }
    assert list(counts) == list(dict.fromkeys(i.category for i in IDEAS))


def test_category_counts_honour_query_hidden_and_distance() -> None:
    assert category_counts(IDEAS, Filters(distance=True))["everyday-routines"] == 1
    assert category_counts(IDEAS, Filters())["art-and-making"] == 0
    assert category_counts(IDEAS, Filters(show_hidden=True))["art-and-making"] == 1
    assert sum(category_counts(iter(IDEAS), Filters(query="hike")).values()) == 1


def test_category_counts_of_the_catalogue_add_up() -> None:
    ideas = load_catalogue(CATALOGUE_PATH).ideas
    counts = category_counts(ideas, Filters(category="talk"))
    assert sum(counts.values()) == len(ideas) and counts["talk"] >= 12


# -- suggest ----------------------------------------------------------------------------


def pick(
    ideas: Any = IDEAS, filters: Filters | None = None, seed: int = 1, **kw: Any
) -> Idea | None:
    options: dict[str, Any] = {"members": (MUM, LEO), "last_done": {}, "today": TODAY}
    options.update(kw)
    return suggest(ideas, filters or Filters(), rng=random.Random(seed), **options)


def test_suggest_stays_inside_the_filters() -> None:
    for seed in range(50):
        chosen = pick(filters=Filters(distance=True), seed=seed)
        assert chosen is not None and chosen.key in {"film-apart", "weekly-call"}


def test_suggest_never_hidden_even_when_shown() -> None:
    only_hidden = Filters(category="art-and-making", show_hidden=True)
    assert pick(filters=only_hidden) is None


def test_suggest_none_when_nothing_fits() -> None:
    assert pick(ideas=()) is None
    assert pick(filters=Filters(query="zzzz")) is None


def _tally(ideas: list[Idea], draws: int = 3000, **kw: Any) -> Counter[str]:
    rng = random.Random(7)
    options: dict[str, Any] = {"members": (MUM, LEO), "last_done": {}, "today": TODAY}
    options.update(kw)
    tally: Counter[str] = Counter()
    for _ in range(draws):
        chosen = suggest(ideas, Filters(), rng=rng, **options)
        assert chosen is not None
        tally[chosen.key] += 1
    return tally


def test_suggest_favours_what_was_not_done_lately() -> None:
    ideas = [idea("today"), idea("last-month"), idea("last-year"), idea("never")]
    done = {
        "today": TODAY,
        "last-month": TODAY - timedelta(days=30),
        "last-year": TODAY - timedelta(days=365),
    }
    tally = _tally(ideas, last_done=done)
    assert tally["today"] < tally["last-month"] < tally["last-year"] < tally["never"]
    assert tally["never"] > 6 * tally["today"]


def test_suggest_favours_favourites_of_everyone_then_of_anyone() -> None:
    ideas = [
        idea("nobody"),
        idea("leo", favourite_by=(LEO,)),
        idea("both", favourite_by=(LEO, MUM)),
        idea("stranger", favourite_by=("m-other",)),
    ]
    tally = _tally(ideas)
    assert tally["both"] > tally["leo"] > tally["nobody"]
    assert abs(tally["stranger"] - tally["nobody"]) < 150  # not a member asking


def test_suggest_future_last_done_counts_as_just_done() -> None:
    ideas = [idea("future"), idea("today")]
    done = {"future": TODAY + timedelta(days=3), "today": TODAY}
    tally = _tally(ideas, last_done=done)
    assert abs(tally["future"] - tally["today"]) < 250


# -- properties -------------------------------------------------------------------------

_CATEGORIES = ("cooking", "talk", "games")
_MEMBERS = (MUM, LEO, "m-gran")

_ideas = st.builds(
    Idea,
    key=st.text("abcdefgh-", min_size=1, max_size=6),
    title=st.sampled_from(["Hike", "Bake bread", "Café chat", "Chess", "Night walk", "Talk"]),
    category=st.sampled_from(_CATEGORIES),
    blurb=st.sampled_from(["", "Go outside.", "Ask a question?"]),
    duration=st.just("1 hour"),
    cost=st.sampled_from(COSTS),
    setting=st.sampled_from(SETTINGS),
    energy=st.sampled_from(ENERGIES),
    age=st.sampled_from(AGES),
    leads=st.sampled_from(LEADS),
    favourite_by=st.lists(st.sampled_from(_MEMBERS), unique=True).map(tuple),
    hidden=st.booleans(),
    distance=st.booleans(),
)


def _facet(values: tuple[str, ...]) -> st.SearchStrategy[frozenset[str] | None]:
    return st.none() | st.frozensets(st.sampled_from(values))


_filters = st.builds(
    Filters,
    category=st.none() | st.sampled_from(_CATEGORIES),
    cost=_facet(COSTS),
    setting=_facet(SETTINGS),
    energy=_facet(ENERGIES),
    age=_facet(AGES),
    leads=_facet(LEADS),
    distance=st.none() | st.booleans(),
    favourites_of=st.none() | st.sampled_from(_MEMBERS),
    show_hidden=st.booleans(),
    query=st.sampled_from(["", "hike", "hke", "cafe", "ask", "zz", "b"]),
)
_last_done = st.dictionaries(
    st.text("abcdefgh-", min_size=1, max_size=6),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 1, 1)),
)


@given(
    ideas=st.lists(_ideas, max_size=12),
    filters=_filters,
    members=st.lists(st.sampled_from(_MEMBERS), unique=True),
    last_done=_last_done,
    seed=st.integers(0, 2**32),
)
def test_suggest_properties(
    ideas: list[Idea], filters: Filters, members: list[str], last_done: dict[str, date],
    seed: int,
) -> None:
    def draw() -> Idea | None:
        return suggest(ideas, filters, members=members, last_done=last_done, today=TODAY,
                       rng=random.Random(seed))

    chosen = draw()
    eligible = apply_filters(ideas, replace(filters, show_hidden=False))
    if chosen is None:
        assert eligible == []
    else:
        assert not chosen.hidden
        assert chosen in eligible
        assert apply_filters([chosen], filters) == [chosen]
    assert draw() == chosen  # the same seed gives the same pick


@given(ideas=st.lists(_ideas, max_size=12), filters=_filters)
def test_apply_filters_properties(ideas: list[Idea], filters: Filters) -> None:
    kept = apply_filters(ideas, filters)
    assert all(i in ideas for i in kept)
    assert filters.show_hidden or not any(i.hidden for i in kept)
    assert all(filters.category in (None, i.category) for i in kept)
    assert len(kept) == sum(category_counts(ideas, filters).get(c, 0) for c in _CATEGORIES
                            if filters.category in (None, c))
    if not filters.query:
        assert kept == [i for i in ideas if i in kept]  # order kept
