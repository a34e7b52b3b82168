"""Pure idea logic: "Surprise us", and the properties of suggest and the filters."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from store.catalogue import AGES, COSTS, ENERGIES, LEADS, SETTINGS
from store.ideas import (
    Filters,
    apply_filters,
    category_counts,
    suggest,
)
from store.models import Idea
from tests.store.idea_helpers import IDEAS, LEO, MUM, TODAY, idea

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
