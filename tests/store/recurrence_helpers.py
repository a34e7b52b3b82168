"""Shared helpers of the recurrence tests: a Sunday, and dateutil's own answer as reference."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]

SUNDAY = date(2026, 11, 22)
"""The day most examples start on: a Sunday."""


def plain(rule: str, start: date, after: date, before: date) -> list[date]:
    """dateutil's own answer, iterating from DTSTART: the reference for re-anchoring."""
    if before <= after:
        return []
    rr = rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))
    last = before - timedelta(days=1)
    return [
        dt.date()
        for dt in rr.between(
            datetime(after.year, after.month, after.day),
            datetime(last.year, last.month, last.day),
            inc=True,
        )
    ]
