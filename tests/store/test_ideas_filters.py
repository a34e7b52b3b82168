"""Pure idea logic: facet filters and category counts."""

from __future__ import annotations

import pytest

from store.catalogue import load_catalogue
from store.ideas import (
    Filters,
    apply_filters,
    category_counts,
    works_at_distance,
)
from store.models import Idea
from tests.store.idea_helpers import CATALOGUE_PATH, IDEAS, LEO, MUM, keys

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
