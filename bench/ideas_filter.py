"""How long filtering and searching the ideas takes: the catalogue plus 500 custom ideas.

Run `python -m bench.ideas_filter`. It prints the median, min and max of 21 runs of
`apply_filters` plus `category_counts` (what the Ideas pane computes on every keystroke)
for a few typical filters; one frame at 60 Hz is 16.7 ms.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace

from store.catalogue import load_catalogue
from store.ideas import Filters, apply_filters, category_counts
from store.models import Idea
from tui.paths import CATALOGUE_PATH

CUSTOM = 500
"""How many of the family's own ideas to add to the catalogue."""

CASES = (
    ("search 'hike'", Filters(query="hike")),
    ("search 'hkie' (a typo)", Filters(query="hkie")),
    ("search 'bread', free only", Filters(query="bread", cost=frozenset({"free"}))),
    ("category 'talk'", Filters(category="talk")),
)


def ideas_with_custom(count: int = CUSTOM) -> tuple[Idea, ...]:
    """The catalogue and `count` custom ideas modelled on it."""
    catalogue = load_catalogue(CATALOGUE_PATH).ideas
    custom = [
        replace(
            catalogue[n % len(catalogue)],
            key=f"custom-{n:04d}",
            title=f"Our own {catalogue[n % len(catalogue)].title.lower()} #{n}",
            custom=True,
        )
        for n in range(count)
    ]
    return (*catalogue, *custom)


def main(runs: int = 21) -> list[str]:
    """Time every case; return (and print) one line per case."""
    ideas = ideas_with_custom()
    lines = []
    for label, filters in CASES:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            apply_filters(ideas, filters)
            category_counts(ideas, filters)
            times.append((time.perf_counter() - start) * 1000)
        lines.append(
            f"{label:28s} {len(ideas)} ideas: median {statistics.median(times):.1f} ms "
            f"(min {min(times):.1f}, max {max(times):.1f}, n={runs})"
        )
    for line in lines:
        print(line)
    return lines


if __name__ == "__main__":
    main()
