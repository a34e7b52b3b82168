"""Property tests: the cached fold equals a fresh one and the literal reference model."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.streak_cache import cache_cutoff
from store.streaks import RitualSpec, TickFact, ritual_stats
from tests.store.streak_helpers import DAILY, SUNDAYS, D, assert_matches_reference, reference_stats

# --------------------------------------------------------------------------- properties

_RULES = st.sampled_from(
    [
        DAILY,
        "FREQ=DAILY;INTERVAL=3",
        SUNDAYS,
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
        "FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14",
        "FREQ=DAILY;COUNT=20",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=5",
        "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4",
        "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3",
        "FREQ=MONTHLY;BYDAY=2TU;COUNT=1",
        "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260301",
    ]
)
_STARTS = st.one_of(
    st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31)),
    st.sampled_from([D(2024, 2, 29), D(2025, 1, 31), D(2026, 1, 4), D(2024, 12, 31)]),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[RitualSpec, list[TickFact], list[date]]:
    start = draw(_STARTS)
    ritual = RitualSpec(
        rule=draw(_RULES),
        start=start,
        members=draw(st.sampled_from([("mum", "leo"), ("mum",), ("mum", "leo", "gran")])),
        needs=draw(st.sampled_from(["any", "all"])),
    )
    ticks = draw(
        st.lists(
            st.builds(
                TickFact,
                day=st.integers(-10, 500).map(lambda n: start + timedelta(days=n)),
                by=st.sampled_from(["mum", "leo", "gran", "stranger"]),
                kind=st.sampled_from(["done", "done", "done", "skip"]),
            ),
            max_size=120,
        )
    )
    todays = sorted(
        draw(st.lists(st.integers(-20, 520), min_size=2, max_size=4).map(
            lambda ns: [start + timedelta(days=n) for n in ns]
        ))
    )
    return ritual, ticks, todays


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_incremental_equals_from_scratch(
    history: tuple[RitualSpec, list[TickFact], list[date]],
) -> None:
    ritual, ticks, todays = history
    cache: dict[str, Any] | None = None
    for today in todays:
        cutoff = cache_cutoff(cache, ritual, today)
        recent = [t for t in ticks if cutoff is None or t.day >= cutoff]
        stats, new_cache = ritual_stats(ritual, recent, today, cache if cutoff else None)
        again, _ = ritual_stats(ritual, ticks, today, cache)  # all ticks given: same answer
        scratch, scratch_cache = ritual_stats(ritual, ticks, today)
        assert stats == scratch
        assert again == scratch
        assert new_cache == scratch_cache
        cache = json.loads(json.dumps(new_cache))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_fold_equals_the_reference_model(
    history: tuple[RitualSpec, list[TickFact], list[date]],
) -> None:
    ritual, ticks, todays = history
    today = todays[-1]
    stats, _ = ritual_stats(ritual, ticks, today)
    assert_matches_reference(stats, reference_stats(ritual, ticks, today))
