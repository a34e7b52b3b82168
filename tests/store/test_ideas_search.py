"""Pure idea logic: fuzzy search and its ranking."""

from __future__ import annotations

import pytest

from store.catalogue import load_catalogue
from store.ideas import (
    SUBSEQUENCE,
    SUBSTRING,
    TRANSPOSED,
    WORD_STARTS,
    Filters,
    apply_filters,
    fuzzy_score,
    normalise,
)
from tests.store.idea_helpers import CATALOGUE_PATH, IDEAS, idea, keys

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
