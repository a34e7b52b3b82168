"""Pure functions over ideas: facet filters, fuzzy search, category counts and "Surprise us"."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Final

from store.catalogue import AGES, COSTS, ENERGIES, LEADS, SETTINGS
from store.models import Idea

SUBSTRING: Final = 4.0
"""Score tier: the query appears as it is typed ("bread" in "Bake the family bread")."""
WORD_STARTS: Final = 3.0
"""Score tier: every query word starts a word of the text, in any order ("fam bre")."""
SUBSEQUENCE: Final = 2.0
"""Score tier: a query word's letters appear in order inside one word ("hke" in "hike")."""
TRANSPOSED: Final = 1.0
"""Score tier: the query with two neighbouring letters swapped back ("hkie" for "hike")."""
TITLE_BONUS: Final = 0.5
"""Added to a title's score: within a tier, a match in the title ranks above the blurb."""

RECENCY_HALF_LIFE_DAYS: Final = 30.0
"""After this many days, an idea done lately has climbed half-way back to full weight."""
DONE_WEIGHT_CEILING: Final = 10.0
"""The weight a done idea approaches as the days since it pass; just done weighs 1."""
NEVER_DONE_WEIGHT: Final = 12.0
"""An idea never done outweighs any idea that was, however long ago."""
FAVOURITE_OF_ALL: Final = 4.0
"""Weight factor for an idea that every member asking has favourited."""
FAVOURITE_OF_ANY: Final = 2.0
"""Weight factor for an idea that some (not all) of the members asking favourited."""

_FACETS: Final = {
    "cost": COSTS, "setting": SETTINGS, "energy": ENERGIES, "age": AGES, "leads": LEADS
}
_APOSTROPHES: Final = re.compile(r"['\u2018\u2019`]")
_COMBINING: Final = re.compile(  # the combining diacritical-mark blocks
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_NON_WORD: Final = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Filters:
    """What the family asked to see. None (or empty) means "any" for a facet.

    Set facets keep an idea whose value is in the set. An idea for `any` age fits every
    age asked for, and one for `either` setting fits indoor and outdoor alike.
    """

    category: str | None = None
    cost: AbstractSet[str] | None = None
    setting: AbstractSet[str] | None = None
    energy: AbstractSet[str] | None = None
    age: AbstractSet[str] | None = None
    leads: AbstractSet[str] | None = None
    distance: bool | None = None
    """True: only ideas that work from two homes; False: only those that don't."""
    favourites_of: str | None = None
    """A member id: only ideas that member favourited."""
    show_hidden: bool = False
    query: str = ""
    """Fuzzy search over title, blurb and category; results are ranked by match."""

    def __post_init__(self) -> None:
        for facet, allowed in _FACETS.items():
            values = getattr(self, facet)
            if values is None:
                continue
            if isinstance(values, str):
                raise TypeError(f"filter {facet!r} takes a set of values, not one string")
            unknown = sorted(set(values) - set(allowed))
            if unknown:
                raise ValueError(
                    f"filter {facet!r}: unknown value {unknown[0]!r}"
                    f" (expected {', '.join(allowed)})"
                )
            object.__setattr__(self, facet, frozenset(values) or None)


def apply_filters(ideas: Iterable[Idea], filters: Filters) -> list[Idea]:
    """Keep the ideas that pass every filter.

    Args:
        ideas: catalogue and custom ideas, with their favourites and hiding merged in.
        filters: what to keep; hidden ideas go unless `filters.show_hidden`.

    Returns:
        The ideas in their given order; with a query, only those that match it, best
        first (see `query_score`): the query in the title, then elsewhere, then words
        that start title words, then elsewhere, then letters in order, then a swapped
        pair of letters; ties by title.
    """
    kept = [idea for idea in ideas if _passes(idea, filters)]
    if not normalise(filters.query):
        return kept
    scored: list[tuple[float, Idea]] = []
    for idea in kept:
        score = query_score(filters.query, idea)
        if score is not None:
            scored.append((score, idea))
    scored.sort(key=lambda pair: (-pair[0], pair[1].title.casefold(), pair[1].key))
    return [idea for _, idea in scored]


def query_score(query: str, idea: Idea) -> float | None:
    """Score an idea against a search query; None when it does not match.

    A match in the title gets `TITLE_BONUS`, so it outranks the same kind of match in
    the blurb or category, but never a better kind of match elsewhere.
    """
    in_title = fuzzy_score(query, idea.title)
    anywhere = fuzzy_score(query, f"{idea.title} {idea.blurb} {idea.category}")
    if in_title is not None:
        return max(in_title + TITLE_BONUS, anywhere or 0.0)
    return anywhere


def fuzzy_score(query: str, text: str) -> float | None:
    """Score how well `query` matches `text`, ignoring case, accents and punctuation.

    The whole query as typed scores `SUBSTRING`. Otherwise each word of the query must
    match on its own, and the weakest decides: starting a word (`WORD_STARTS`), letters
    in order inside one word that it starts (`SUBSEQUENCE`: "hke" finds "hike"), or two
    neighbouring letters swapped (`TRANSPOSED`: "hkie" finds "hike").

    Args:
        query: what the person typed.
        text: where to look.

    Returns:
        None when it does not match; 0.0 for an empty query; otherwise the tier plus
        under 0.5 for how good the match is within it (earlier, at a word start, or
        covering more of the text).
    """
    q, t = normalise(query), normalise(text)
    if not q:
        return 0.0
    position = t.find(q)
    if position >= 0:
        at_word = position == 0 or t[position - 1] == " "
        return SUBSTRING + 0.3 * at_word + 0.19 / (1 + position)
    spaced = " " + t
    tier = WORD_STARTS
    for term in q.split():
        if " " + term in spaced:
            continue
        if term in spaced or _letters_in_a_word(term).search(spaced):
            tier = min(tier, SUBSEQUENCE)
        elif len(term) >= 3 and any(swap in spaced for swap in _transpositions(term)):
            tier = TRANSPOSED
        else:
            return None
    return tier + 0.49 * min(1.0, len(q) / len(t))


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold text for searching: casefold, drop accents and apostrophes, words by one space.

    "Mum’s Café" becomes "mums cafe". Cached, since idea texts are searched on every key.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = _COMBINING.sub("", _APOSTROPHES.sub("", folded))
    return _NON_WORD.sub(" ", folded).strip()


def category_counts(ideas: Iterable[Idea], filters: Filters) -> dict[str, int]:
    """Count the ideas of each category under every filter except the category.

    Args:
        ideas: the ideas on offer, with favourites and hiding merged in.
        filters: the filters on screen; their `category` is ignored.

    Returns:
        Every category that any given idea belongs to (zero when all of it is filtered
        out), in order of first appearance.
    """
    ideas = list(ideas)
    counts = dict.fromkeys((idea.category for idea in ideas), 0)
    for idea in apply_filters(ideas, replace(filters, category=None)):
        counts[idea.category] += 1
    return counts


def suggest(
    ideas: Sequence[Idea],
    filters: Filters,
    *,
    members: Sequence[str],
    last_done: Mapping[str, date],
    today: date,
    rng: random.Random,
) -> Idea | None:
    """Pick an idea for "Surprise us", at random but weighted.

    Only ideas that pass the filters are drawn, and never a hidden one. The weight of
    an idea grows with the days since it was last done (never done weighs most) and is
    doubled when a member favourited it, quadrupled when every member did.

    Args:
        ideas: the ideas to draw from, with favourites and hiding merged in.
        filters: the filters on screen; `show_hidden` is ignored.
        members: ids of the members asking (usually everyone in the family).
        last_done: idea key to the latest day a moment was logged for it.
        today: the day to count from.
        rng: the source of randomness; the same seed gives the same pick.

    Returns:
        The idea, or None only when no idea passes the filters.
    """
    candidates = apply_filters(ideas, replace(filters, show_hidden=False))
    if not candidates:
        return None
    weights = [_weight(idea, members, last_done, today) for idea in candidates]
    return rng.choices(candidates, weights=weights)[0]


def works_at_distance(idea: Idea) -> bool:
    """Whether an idea works with the two of you in different homes."""
    return idea.distance


def _passes(idea: Idea, filters: Filters) -> bool:
    if idea.hidden and not filters.show_hidden:
        return False
    if filters.category is not None and idea.category != filters.category:
        return False
    if filters.cost is not None and idea.cost not in filters.cost:
        return False
    if filters.setting is not None and not (
        idea.setting in filters.setting or idea.setting == "either"
    ):
        return False
    if filters.energy is not None and idea.energy not in filters.energy:
        return False
    if filters.age is not None and not (idea.age in filters.age or idea.age == "any"):
        return False
    if filters.leads is not None and idea.leads not in filters.leads:
        return False
    if filters.distance is not None and works_at_distance(idea) != filters.distance:
        return False
    return filters.favourites_of is None or filters.favourites_of in idea.favourite_by


@lru_cache(maxsize=256)
def _letters_in_a_word(term: str) -> re.Pattern[str]:
    """Match `term`'s letters in order within one word that starts with the first."""
    return re.compile(" " + "[^ ]*?".join(map(re.escape, term)))


def _transpositions(term: str) -> list[str]:
    """`term` with each pair of neighbouring letters swapped: "hkie" gives "khie", "hike"..."""
    return [term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1)]


def _weight(
    idea: Idea, members: Sequence[str], last_done: Mapping[str, date], today: date
) -> float:
    done = last_done.get(idea.key)
    if done is None:
        weight = NEVER_DONE_WEIGHT
    else:
        days = max((today - done).days, 0)
        growth = 1.0 - 0.5 ** (days / RECENCY_HALF_LIFE_DAYS)
        weight = 1.0 + (DONE_WEIGHT_CEILING - 1.0) * growth
    fans = set(idea.favourite_by)
    if members and fans.issuperset(members):
        weight *= FAVOURITE_OF_ALL
    elif fans.intersection(members) or (fans and not members):
        weight *= FAVOURITE_OF_ANY
    return weight

