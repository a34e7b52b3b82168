"""Recurrence rules: validation, presets, words, and re-anchored occurrences that match dateutil."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from dateutil.rrule import rrule, rrulestr  # type: ignore[import-untyped, unused-ignore]
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from store.recurrence import (
    describe,
    next_occurrence,
    next_occurrences,
    occurrences,
    previous_occurrence,
    rule_from_preset,
    validate_rule,
    window_text,
)

SUNDAY = date(2026, 11, 22)


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


# --------------------------------------------------------------------------- presets


@pytest.mark.parametrize(
    ("every", "on", "interval", "start", "rule"),
    [
        ("day", None, 1, SUNDAY, "FREQ=DAILY"),
        ("day", None, 3, SUNDAY, "FREQ=DAILY;INTERVAL=3"),
        ("week", None, 1, SUNDAY, "FREQ=WEEKLY;BYDAY=SU"),
        ("week", "sun", 1, date(2026, 11, 24), "FREQ=WEEKLY;BYDAY=SU"),
        ("week", "mon,thu", 1, SUNDAY, "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("week", "Thursday, Monday", 1, SUNDAY, "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("week", "sat", 2, SUNDAY, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"),
        ("month", None, 1, date(2026, 1, 31), "FREQ=MONTHLY;BYMONTHDAY=31"),
        ("month", "15", 1, SUNDAY, "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("month", "last", 1, SUNDAY, "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("month", "first sat", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=1SA"),
        ("month", "1sat", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=1SA"),
        ("month", "2nd tue", 2, SUNDAY, "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"),
        ("month", "last fri", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=-1FR"),
        ("month", "-1fr", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=-1FR"),
        ("month", "1thu", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=1TH"),
        ("month", "4thu", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=4TH"),
        ("month", "Third Wednesday", 1, SUNDAY, "FREQ=MONTHLY;BYDAY=3WE"),
        ("year", "03-14", 1, SUNDAY, "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14"),
        ("year", "3-14", 1, SUNDAY, "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14"),
        ("year", None, 1, date(2024, 2, 29), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
        ("Weekly", None, 1, SUNDAY, "FREQ=WEEKLY;BYDAY=SU"),
    ],
)
def test_rule_from_preset(
    every: str, on: str | None, interval: int, start: date, rule: str
) -> None:
    assert rule_from_preset(every, on, interval, start) == rule


@pytest.mark.parametrize(
    ("every", "on", "interval", "words"),
    [
        ("fortnight", None, 1, "day, week, month or year"),
        ("day", "mon", 1, "--every week --on mon,thu"),
        ("week", "funday", 1, "sun or mon,thu"),
        ("week", "t", 1, "sun or mon,thu"),
        ("month", "32", 1, "1-31"),
        ("month", "6th sat", 1, "first sat"),
        ("month", "first blursday", 1, "first sat"),
        ("year", "14 March", 1, "MM-DD"),
        ("year", "02-30", 1, "real month and day"),
        ("week", None, 0, "--interval"),
        ("day", None, -2, "--interval"),
    ],
)
def test_rule_from_preset_refuses(every: str, on: str | None, interval: int, words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("-", r"\-")):
        rule_from_preset(every, on, interval, SUNDAY)


# --------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("rule", "start", "words"),
    [
        ("FREQ=DAILY", SUNDAY, "every day"),
        ("FREQ=DAILY;INTERVAL=2", SUNDAY, "every 2 days"),
        ("FREQ=WEEKLY;BYDAY=SU", SUNDAY, "every week on Sunday"),
        ("FREQ=WEEKLY", SUNDAY, "every week on Sunday"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", SUNDAY, "every week on Monday and Thursday"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", SUNDAY, "every week on Monday, Wednesday and Friday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", SUNDAY, "every 2 weeks on Saturday"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", SUNDAY, "every weekday"),
        ("FREQ=DAILY;BYDAY=SA,SU", SUNDAY, "every Saturday and Sunday"),
        ("FREQ=MONTHLY;BYDAY=1SA", SUNDAY, "on the first Saturday of every month"),
        ("FREQ=MONTHLY;BYDAY=-1FR", SUNDAY, "on the last Friday of every month"),
        ("FREQ=MONTHLY;BYDAY=2TU;INTERVAL=3", SUNDAY, "on the second Tuesday of every 3 months"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", SUNDAY, "on day 15 of every month"),
        ("FREQ=MONTHLY", date(2026, 1, 15), "on day 15 of every month"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", SUNDAY, "on the last day of every month"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            SUNDAY,
            "on day 31 of every month (skipped in months without that day)",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            SUNDAY,
            "on the last weekday of every month",
        ),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14", SUNDAY, "every year on 14 March"),
        ("FREQ=YEARLY", date(2020, 3, 14), "every year on 14 March"),
        ("FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYMONTHDAY=14", SUNDAY, "every 2 years on 14 March"),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            SUNDAY,
            "every year on 29 February (only in leap years)",
        ),
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", SUNDAY, "on the second Sunday of May, every year"),
        ("FREQ=WEEKLY;BYDAY=SU;COUNT=10", SUNDAY, "every week on Sunday, 10 times"),
        ("FREQ=DAILY;UNTIL=20261231", SUNDAY, "every day, until 31 December 2026"),
        (
            "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            SUNDAY,
            "repeats by the rule FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        ),
    ],
)
def test_describe(rule: str, start: date, words: str) -> None:
    assert describe(rule, start) == words


@pytest.mark.parametrize(
    ("rule", "needs", "names", "words"),
    [
        (
            "FREQ=WEEKLY;BYDAY=SU",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between Sunday and the next Saturday",
        ),
        (
            "FREQ=WEEKLY;BYDAY=SU",
            "all",
            ["Mum", "Leo"],
            "counts when each of you ticks between Sunday and the next Saturday",
        ),
        ("FREQ=DAILY", "any", ["Mum", "Leo"], "counts when either of you ticks that day"),
        ("FREQ=DAILY", "any", ["Mum"], "counts when Mum ticks that day"),
        ("FREQ=DAILY", "any", ["Mum", "Leo", "Gran"], "counts when any of you ticks that day"),
        (
            "FREQ=DAILY;INTERVAL=2",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks that day or the day after",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between the first Saturday and the day before the "
            "next one",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=15",
            "all",
            ["Mum", "Leo"],
            "counts when each of you ticks between the 15th and the 14th of the next month",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between Saturday and the second Friday after it",
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between a Monday or Thursday and the day before the "
            "next one",
        ),
        (
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between 14 March and 13 March the next year",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA,3SA",
            "any",
            [],
            "counts when anyone ticks between one of its dates and the day before the next one",
        ),
    ],
)
def test_window_text(rule: str, needs: str, names: list[str], words: str) -> None:
    assert window_text(rule, SUNDAY, needs, names) == words


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


# --------------------------------------------------------------------------- property


_SPECIAL_DAYS = [
    date(2000, 2, 29),
    date(2024, 2, 29),
    date(2023, 1, 31),
    date(2024, 1, 31),
    date(2023, 12, 31),
    date(2020, 12, 28),
    date(2021, 1, 3),
    date(2026, 11, 22),
]
_DAYS = st.one_of(
    st.dates(min_value=date(1996, 1, 1), max_value=date(2032, 12, 31)),
    st.sampled_from(_SPECIAL_DAYS),
)
_WEEK_ON = st.one_of(
    st.none(),
    st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1,
             max_size=3).map(",".join),
)
_MONTH_ON = st.one_of(
    st.none(),
    st.integers(min_value=1, max_value=31).map(str),
    st.sampled_from(["last", "-2"]),
    st.tuples(st.sampled_from(["first", "2nd", "3", "4th", "5th", "last", "-2"]),
              st.sampled_from(["mon", "tue", "sat", "sun"])).map(" ".join),
)
_YEAR_ON = st.one_of(
    st.none(),
    st.sampled_from(["01-01", "02-28", "02-29", "03-14", "12-31", "06-30", "10-31"]),
)
_EXOTIC = st.sampled_from(
    [
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1",
        "FREQ=YEARLY;BYMONTH=5;BYDAY=2SU",
        "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO",
        "FREQ=YEARLY;BYYEARDAY=1,-1",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=DAILY;INTERVAL=3;BYMONTHDAY=1,15,-1",
        "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,SA",
        "FREQ=WEEKLY;INTERVAL=3;WKST=WE;BYDAY=TU,TH",
        "FREQ=WEEKLY;BYMONTH=12;BYDAY=FR",
        "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31",
        "FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYMONTH=1,7",
        "FREQ=MONTHLY;BYMONTH=3,9",
        "FREQ=MONTHLY",
        "FREQ=YEARLY",
        "FREQ=WEEKLY",
    ]
)


@st.composite
def rules(draw: st.DrawFn) -> tuple[str, date]:
    start = draw(_DAYS)
    kind = draw(st.sampled_from(["day", "week", "month", "year", "exotic", "exotic"]))
    interval = draw(st.integers(min_value=1, max_value=4))
    try:
        if kind == "exotic":
            rule = validate_rule(draw(_EXOTIC), start=start)
        else:
            choices = {"day": st.none(), "week": _WEEK_ON, "month": _MONTH_ON, "year": _YEAR_ON}
            on = draw(choices[kind])
            rule = rule_from_preset(kind, on, interval, start)
        ending = draw(st.sampled_from(["", "", "", "count", "until"]))
        if ending == "count":
            rule = validate_rule(f"{rule};COUNT={draw(st.integers(1, 40))}", start=start)
        elif ending == "until":
            until = start + timedelta(days=draw(st.integers(0, 3000)))
            rule = validate_rule(f"{rule};UNTIL={until:%Y%m%d}", start=start)
    except ValueError:
        assume(False)
        raise
    return rule, start


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules(), st.integers(-400, 4000), st.integers(0, 800))
def test_re_anchored_occurrences_equal_dateutil(
    rule_start: tuple[str, date], offset: int, span: int
) -> None:
    rule, start = rule_start
    after = start + timedelta(days=offset)
    before = after + timedelta(days=span)
    expected = plain(rule, start, after, before)
    assert occurrences(rule, start, after, before) == expected
    assert all(day >= start for day in expected)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules(), st.integers(-400, 4000))
def test_next_and_previous_equal_dateutil(rule_start: tuple[str, date], offset: int) -> None:
    rule, start = rule_start
    day = start + timedelta(days=offset)
    rr = rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))
    moment = datetime(day.year, day.month, day.day)
    before = rr.before(moment, inc=True)
    after = rr.after(moment)
    upcoming = []
    for dt in rr.xafter(moment, count=5, inc=True):
        upcoming.append(dt.date())
    assert previous_occurrence(rule, start, day) == (before.date() if before else None)
    assert next_occurrence(rule, start, day) == (after.date() if after else None)
    assert next_occurrences(rule, start, day, 5) == upcoming
