"""The incremental fold's cache: same figures, fewer windows, and anything odd ignored."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from store import recurrence
from store.streak_cache import cache_cutoff
from store.streaks import RitualSpec, ritual_stats
from tests.store.streak_helpers import SUNDAYS, D, done, nov, skip, spec

# --------------------------------------------------------------------------- the cache


def test_cache_from_yesterday_gives_the_same_figures() -> None:
    ritual = spec(start=D(2016, 1, 1))
    ticks = [done(D(2016, 1, 1) + timedelta(days=i), "mum" if i % 3 else "leo")
             for i in range(0, 3970) if i % 17]
    today = D(2026, 11, 22)
    _, yesterday = ritual_stats(ritual, ticks, today - timedelta(days=1))
    assert cache_cutoff(yesterday) == today - timedelta(days=1)
    cache = json.loads(json.dumps(yesterday))
    incremental, new_cache = ritual_stats(ritual, ticks, today, cache)
    scratch, scratch_cache = ritual_stats(ritual, ticks, today)
    assert incremental == scratch
    assert new_cache == scratch_cache
    assert cache_cutoff(new_cache) == today


def test_with_a_cache_only_recent_windows_are_generated(monkeypatch: pytest.MonkeyPatch) -> None:
    ritual = spec(SUNDAYS, D(2016, 1, 3))
    ticks = [done(D(2016, 1, 3) + timedelta(days=7 * i)) for i in range(570)]
    _, cache = ritual_stats(ritual, ticks, D(2026, 11, 1))
    asked: list[date] = []
    real = recurrence.occurrences

    def spy(rule: str, start: date, after: date, before: date) -> list[date]:
        asked.append(after)
        return real(rule, start, after, before)

    monkeypatch.setattr(recurrence, "occurrences", spy)
    recent = [t for t in ticks if t.day >= D(2026, 11, 1)]
    stats, _ = ritual_stats(ritual, recent, D(2026, 11, 22), cache)
    assert asked and min(asked) >= D(2026, 11, 1)
    assert stats == ritual_stats(ritual, ticks, D(2026, 11, 22))[0]


@pytest.mark.parametrize(
    "changed",
    [
        spec(SUNDAYS),  # the rule was edited
        spec(start=D(2026, 11, 3)),
        spec(needs="all"),
        spec(members=("mum",)),
        spec(members=("leo", "mum")),
    ],
)
def test_a_cache_for_another_spec_is_ignored(changed: RitualSpec) -> None:
    ticks = nov(1, 2, 3, 5, 8, 9) + nov(2, 3, 4, by="leo") + [skip(D(2026, 11, 6))]
    _, cache = ritual_stats(spec(), ticks, D(2026, 11, 10))
    assert cache_cutoff(cache, changed, D(2026, 11, 12)) is None
    with_cache = ritual_stats(changed, ticks, D(2026, 11, 12), cache)
    assert with_cache == ritual_stats(changed, ticks, D(2026, 11, 12))


@pytest.mark.parametrize(
    "cache",
    [
        {},
        {"v": 1},
        {"v": 99, "cutoff": "2026-11-05"},
        {"v": 1, "spec": "nonsense", "cutoff": "2026-11-05"},
        "garbage",
        [1, 2, 3],
    ],
)
def test_a_malformed_cache_is_ignored(cache: Any) -> None:
    ticks = nov(1, 2, 4)
    assert cache_cutoff(cache) is None
    assert ritual_stats(spec(), ticks, D(2026, 11, 6), cache) == ritual_stats(
        spec(), ticks, D(2026, 11, 6)
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cutoff", "2026-13-01"),
        ("windows", -1),
        ("windows", "3"),
        ("overall", {"run": 1}),
        ("overall", {"run": 5, "longest": 2, "satisfied": 5, "missed": 0, "skipped": 0,
                     "strength": 0.2}),
        ("overall", {"run": 1, "longest": 2, "satisfied": 5, "missed": 0, "skipped": 0,
                     "strength": 7}),
        ("per_member", {"mum": {}}),
        ("per_member", {}),
    ],
)
def test_a_damaged_cache_is_ignored(field: str, value: Any) -> None:
    ticks = nov(1, 2, 4)
    _, cache = ritual_stats(spec(), ticks, D(2026, 11, 5))
    damaged = {**cache, field: value}
    assert ritual_stats(spec(), ticks, D(2026, 11, 6), damaged) == ritual_stats(
        spec(), ticks, D(2026, 11, 6)
    )


def test_a_cache_newer_than_today_is_ignored() -> None:
    ticks = nov(1, 2, 4)
    _, cache = ritual_stats(spec(), ticks, D(2026, 11, 6))
    assert cache_cutoff(cache) == D(2026, 11, 6)
    assert cache_cutoff(cache, spec(), D(2026, 11, 3)) is None
    assert cache_cutoff(cache, spec(), D(2026, 11, 6)) == D(2026, 11, 6)
    assert ritual_stats(spec(), ticks, D(2026, 11, 3), cache) == ritual_stats(
        spec(), ticks, D(2026, 11, 3)
    )


def test_cache_before_anything_is_due() -> None:
    ritual = spec(start=D(2026, 12, 1))
    _, cache = ritual_stats(ritual, [], D(2026, 11, 20))
    assert cache_cutoff(cache, ritual, D(2026, 11, 20)) == D(2026, 12, 1)
    ticks = [done(D(2026, 12, 1)), done(D(2026, 12, 2))]
    assert ritual_stats(ritual, ticks, D(2026, 12, 3), cache) == ritual_stats(
        ritual, ticks, D(2026, 12, 3)
    )


def test_cache_is_plain_json() -> None:
    _, cache = ritual_stats(spec(), nov(1, 2, 4) + [skip(D(2026, 11, 3))], D(2026, 11, 6))

    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert plain(cache)
    assert json.loads(json.dumps(cache)) == cache
