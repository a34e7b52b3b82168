"""Recurrence rules: validation, and re-anchored occurrences that match dateutil."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from dateutil.rrule import rrule  # type: ignore[import-untyped, unused-ignore]

from store.recurrence import (
    next_occurrence,
    next_occurrences,
    occurrences,
    previous_occurrence,
    validate_rule,
)
from tests.store.recurrence_helpers import SUNDAY, plain

# --------------------------------------------------------------------------- validate_rule


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU"),
        ("freq=weekly;byday=su", "FREQ=WEEKLY;BYDAY=SU"),
        ("RRULE:FREQ=DAILY", "FREQ=DAILY"),
        ("  rrule:freq=daily;  ".strip(), "FREQ=DAILY"),
        ("BYDAY=TH,MO;FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("FREQ=WEEKLY;INTERVAL=1;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU"),
        ("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SA", "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SA"),
        ("FREQ=WEEKLY;WKST=MO;BYDAY=SA", "FREQ=WEEKLY;BYDAY=SA"),
        ("FREQ=MONTHLY;BYDAY=+1SA", "FREQ=MONTHLY;BYDAY=1SA"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=MONTHLY;BYMONTHDAY=15,1", "FREQ=MONTHLY;BYMONTHDAY=1,15"),
        ("FREQ=YEARLY;BYMONTHDAY=14;BYMONTH=3", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14"),
        ("FREQ=DAILY;UNTIL=20261231T235959Z", "FREQ=DAILY;UNTIL=20261231"),
        ("FREQ=DAILY;COUNT=10", "FREQ=DAILY;COUNT=10"),
        (
            "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        ),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
    ],
)
def test_validate_rule_normalises(raw: str, clean: str) -> None:
    assert validate_rule(raw) == clean
    assert validate_rule(clean) == clean  # idempotent


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("DTSTART:20260101\nRRULE:FREQ=DAILY", "DTSTART"),
        ("FREQ=DAILY;DTSTART=20260101", "DTSTART"),
        ("FREQ=HOURLY", "HOURLY"),
        ("FREQ=MINUTELY;INTERVAL=5", "MINUTELY"),
        ("FREQ=SECONDLY", "SECONDLY"),
        ("", "empty"),
        ("every sunday", "RRULE"),
        ("FREQ=WEEKLY;BYDAY", "NAME=VALUE"),
        ("FREQ=FORTNIGHTLY", "FREQ"),
        ("BYDAY=SU", "FREQ"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
        ("FREQ=DAILY;COUNT=0", "COUNT"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20270101", "not both"),
        ("FREQ=DAILY;BYHOUR=9", "whole days"),
        ("FREQ=DAILY;UNTIL=20260231", "real date"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=WEEKLY;BYDAY=1SU", "number before"),
        ("FREQ=DAILY;FREQ=WEEKLY", "twice"),
        ("FREQ=DAILY;BYSOMETHING=1", "BYSOMETHING"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never"),
        ("FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "never"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "never"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "never"),
    ],
)
def test_validate_rule_refuses_with_one_sentence(raw: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_rule(raw)
    message = str(caught.value)
    assert words in message
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        ("FREQ=DAILY;UNTIL=20250101", date(2026, 1, 1)),  # ended before the start
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", date(2026, 11, 24)),  # Tuesdays only, never a Monday
        ("FREQ=YEARLY;BYMONTH=2", date(2026, 1, 30)),  # implied BYMONTHDAY=30 in February
    ],
)
def test_validate_rule_with_start_refuses_rules_empty_from_it(raw: str, start: date) -> None:
    validate_rule(raw)  # fine from the reference start...
    with pytest.raises(ValueError, match="never gives a date from"):
        validate_rule(raw, start=start)


# --------------------------------------------------------------------------- occurrences


@pytest.mark.parametrize(
    ("rule", "start", "after", "before", "expected"),
    [
        # The 31st: months without one are skipped (RFC 5545), never moved to the 30th.
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            date(2026, 1, 31),
            date(2026, 1, 1),
            date(2026, 6, 1),
            [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            date(2026, 1, 31),
            date(2026, 1, 1),
            date(2026, 4, 1),
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)],
        ),
        # Leap day: yearly on 29 February only in leap years.
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            date(2024, 2, 29),
            date(2024, 1, 1),
            date(2033, 1, 1),
            [date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29)],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=29",
            date(2027, 1, 29),
            date(2027, 1, 1),
            date(2028, 4, 1),
            [date(2027, 1, 29)] + [date(2027, m, 29) for m in range(3, 13)]
            + [date(2028, 1, 29), date(2028, 2, 29), date(2028, 3, 29)],
        ),
        # Every other week, counted from the start's week.
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
            date(2026, 11, 23),  # a Monday: the Saturday of its week (WKST=MO) comes first
            date(2026, 11, 1),
            date(2027, 1, 1),
            [date(2026, 11, 28), date(2026, 12, 12), date(2026, 12, 26)],
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
            date(2026, 11, 22),  # a Sunday: its week's Saturday is past, so two weeks on
            date(2026, 11, 1),
            date(2027, 1, 1),
            [date(2026, 12, 5), date(2026, 12, 19)],
        ),
        # A start that is not an occurrence: the first occurrence comes after it.
        (
            "FREQ=MONTHLY;BYDAY=1SA",
            date(2026, 11, 22),
            date(2026, 1, 1),
            date(2027, 2, 1),
            [date(2026, 12, 5), date(2027, 1, 2)],
        ),
        # COUNT is honoured even far from the start.
        (
            "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
            date(2026, 11, 22),
            date(2026, 12, 1),
            date(2027, 1, 1),
            [date(2026, 12, 6)],
        ),
        # [after, before): `before` is excluded.
        (
            "FREQ=DAILY",
            SUNDAY,
            date(2026, 11, 23),
            date(2026, 11, 25),
            [date(2026, 11, 23), date(2026, 11, 24)],
        ),
        ("FREQ=DAILY", SUNDAY, date(2026, 11, 25), date(2026, 11, 25), []),
        ("FREQ=DAILY", SUNDAY, date(2026, 1, 1), date(2026, 11, 23), [SUNDAY]),
    ],
)
def test_occurrences(
    rule: str, start: date, after: date, before: date, expected: list[date]
) -> None:
    assert occurrences(rule, start, after, before) == expected
    assert plain(rule, start, after, before) == expected


def test_occurrences_are_re_anchored_near_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """dateutil is never asked to walk from a ten-year-old start."""
    starts: list[datetime] = []
    real = rrule

    def spy(*args: Any, **kwargs: Any) -> Any:
        if kwargs["interval"] < 1000:  # not the one-period probes that find the first date
            starts.append(kwargs["dtstart"])
        return real(*args, **kwargs)

    monkeypatch.setattr("store.recurrence.rrule", spy)
    old = date(2016, 1, 3)
    for rule in (
        "FREQ=WEEKLY;BYDAY=SU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14",
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    ):
        occurrences(rule, old, date(2026, 11, 1), date(2026, 12, 1))
    assert starts, "dateutil was not used"
    assert all(dt.date() >= date(2025, 1, 1) for dt in starts)


@pytest.mark.parametrize(
    ("rule", "start", "after", "n", "expected"),
    [
        (
            "FREQ=WEEKLY;BYDAY=SU",
            date(2016, 1, 3),
            SUNDAY,
            3,
            [SUNDAY, date(2026, 11, 29), date(2026, 12, 6)],
        ),
        ("FREQ=DAILY;COUNT=2", SUNDAY, date(2026, 1, 1), 5, [SUNDAY, date(2026, 11, 23)]),
        ("FREQ=DAILY;COUNT=2", SUNDAY, date(2027, 1, 1), 5, []),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            date(2000, 2, 29),
            SUNDAY,
            2,
            [date(2028, 2, 29), date(2032, 2, 29)],
        ),
    ],
)
def test_next_occurrences(
    rule: str, start: date, after: date, n: int, expected: list[date]
) -> None:
    assert next_occurrences(rule, start, after, n) == expected


@pytest.mark.parametrize(
    ("rule", "start", "day", "previous", "following"),
    [
        ("FREQ=WEEKLY;BYDAY=SU", date(2016, 1, 3), SUNDAY, SUNDAY, date(2026, 11, 29)),
        ("FREQ=WEEKLY;BYDAY=SU", date(2016, 1, 3), date(2026, 11, 21), date(2026, 11, 15), SUNDAY),
        ("FREQ=WEEKLY;BYDAY=SU", SUNDAY, date(2026, 11, 21), None, SUNDAY),
        ("FREQ=DAILY;COUNT=3", SUNDAY, date(2027, 1, 1), date(2026, 11, 24), None),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            date(1904, 2, 29),
            SUNDAY,
            date(2024, 2, 29),
            date(2028, 2, 29),
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            date(2026, 1, 31),
            date(2026, 3, 30),
            date(2026, 1, 31),
            date(2026, 3, 31),
        ),
    ],
)
def test_previous_and_next_occurrence(
    rule: str, start: date, day: date, previous: date | None, following: date | None
) -> None:
    assert previous_occurrence(rule, start, day) == previous
    assert next_occurrence(rule, start, day) == following
