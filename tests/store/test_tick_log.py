"""A member's tick log as one string: reading it back, whole and from a date on."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from store.schema import encode_tick, join_log, log_entries, log_since

DAYS = [date(2024, 2, 27) + timedelta(days=n) for n in range(6)]  # over a leap day

entries = st.lists(
    st.builds(
        encode_tick,
        st.sampled_from(DAYS),
        st.sampled_from(["done", "skip"]),
        st.integers(1, 2_000_000_000),
        st.booleans(),
    ),
    unique_by=lambda e: e[:12],
).map(sorted)
firsts = st.sampled_from(["", *(d.isoformat() for d in DAYS), "2024-03-09", "2023-01-01"])


@given(entries, firsts)
def test_from_a_date_on_is_what_bisection_of_the_list_gives(log: list[str], first: str) -> None:
    stored = join_log(log)
    assert log_entries(stored) == log
    assert log_since(stored, first) == log[bisect_left(log, first) :]
    assert log_since(log, first) == log[bisect_left(log, first) :]  # schema 1's lists too


def test_an_empty_log() -> None:
    assert join_log([]) == ""
    assert log_entries("") == []
    assert log_since("", "2024-02-29") == []
    assert log_since("", "") == []
