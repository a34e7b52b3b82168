"""Property tests: re-anchored occurrences, next and previous equal dateutil's."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from store.recurrence import (
    next_occurrence,
    next_occurrences,
    occurrences,
    previous_occurrence,
    validate_rule,
)
from store.rule_presets import rule_from_preset
from tests.store.recurrence_helpers import plain

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
