"""Shared pieces of the idea tests: an idea builder, a small catalogue and `keys`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

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
