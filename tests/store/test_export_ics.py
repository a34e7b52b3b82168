"""The calendar export: rituals as recurring all-day events that expand to Tandem's own dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from store import recurrence, rule_presets
from store.clock import FixedClock
from store.demo import demo_family
from store.export_ics import calendar_ics
from store.models import Ritual
from store.repository import Store

TODAY = date(2026, 11, 22)
STAMP = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> Store:
    store = Store.in_memory(FixedClock(TODAY))
    store.storage.write(demo_family(TODAY))
    return store


def _ics(store: Store) -> bytes:
    return calendar_ics(
        store.list_rituals(), store.list_moments(), store.list_goals(), store.member_names(),
        stamp=STAMP, product="-//Tandem//test//EN", calendar_name="Tandem: Sarah & Leo",
    )


def _events(data: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _expand(event: Any, after: date, before: date) -> list[date]:
    """The event's dates in [after, before), expanded by dateutil from the parsed event."""
    start = event.decoded("DTSTART")
    assert type(start) is date  # an all-day DATE value, not a date-time
    rule = event["RRULE"].to_ical().decode()
    found = rrulestr(rule, dtstart=datetime.combine(start, datetime.min.time()))
    low = datetime.combine(after, datetime.min.time())
    high = datetime.combine(before, datetime.min.time())
    return [moment.date() for moment in found.between(low, high, inc=True) if moment < high]


def test_calendar_header(demo: Store) -> None:
    calendar = Calendar.from_ical(_ics(demo))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Tandem//test//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Tandem: Sarah & Leo"


def test_every_demo_ritual_expands_to_tandems_own_dates_for_the_next_year(demo: Store) -> None:
    events = _events(_ics(demo))
    rituals = demo.list_rituals()
    assert len(rituals) == 6
    end = TODAY + timedelta(days=366)
    for ritual in rituals:
        event = events[f"{ritual.id}@tandem"]
        assert str(event["SUMMARY"]) == ritual.title
        ours = recurrence.occurrences(ritual.rule, ritual.start, TODAY, end)
        assert ours, ritual.title
        assert _expand(event, TODAY, end) == ours, ritual.title


def test_ritual_event_is_all_day_with_words_and_people(demo: Store) -> None:
    events = _events(_ics(demo))
    dinner = next(r for r in demo.list_rituals() if r.title == "Sunday dinner")
    event = events[f"{dinner.id}@tandem"]
    # The demo starts on a Friday; DTSTART is the first Sunday, which calendars require.
    assert dinner.start.weekday() == 4
    assert event.decoded("DTSTART") == dinner.start + timedelta(days=2)
    assert event.decoded("DTEND") == event.decoded("DTSTART") + timedelta(days=1)
    assert event.decoded("DTSTAMP") == STAMP
    text = str(event["DESCRIPTION"])
    assert text.startswith("Every week on Sunday; counts when either of you ticks between")
    assert "Kept by Sarah and Leo." in text
    assert "Phones in the basket." in text


def test_planned_moments_and_active_goal_targets_are_single_days(demo: Store) -> None:
    events = _events(_ics(demo))
    planned = [m for m in demo.list_moments() if m.planned]
    targets = [g for g in demo.list_goals() if g.status == "active" and g.target_date]
    assert len(planned) == 2 and len(targets) == 3  # the demo has a plan ahead and one past
    for moment in planned:
        event = events[f"{moment.id}@tandem"]
        assert "RRULE" not in event
        assert event.decoded("DTSTART") == moment.date
        assert str(event["SUMMARY"]) == moment.title
    for goal in targets:
        event = events[f"{goal.id}@tandem"]
        assert event.decoded("DTSTART") == goal.target_date
        assert goal.title in str(event["SUMMARY"])
    achieved = [g for g in demo.list_goals() if g.status == "achieved"]
    assert all(f"{g.id}@tandem" not in events for g in achieved)
    assert len(events) == 6 + 2 + 3  # rituals, plans, goal targets


def test_uids_are_stable_across_exports(demo: Store) -> None:
    first = _events(_ics(demo))
    again = _events(calendar_ics(
        demo.list_rituals(), demo.list_moments(), demo.list_goals(), demo.member_names(),
        stamp=STAMP + timedelta(days=1),
    ))
    assert set(first) == set(again)
    assert all(uid.endswith("@tandem") for uid in first)


def test_archived_rituals_are_left_out(family: Store) -> None:
    kept = family.add_ritual("Tea", "FREQ=DAILY", date(2026, 1, 1))
    gone = family.add_ritual("Old walk", "FREQ=DAILY", date(2026, 1, 1))
    family.archive_ritual(gone.id)
    events = _events(calendar_ics(
        family.list_rituals(include_archived=True), (), (), family.member_names(), stamp=STAMP
    ))
    assert set(events) == {f"{kept.id}@tandem"}


def test_text_with_commas_newlines_and_other_scripts_round_trips(family: Store) -> None:
    note = "Чай, печенье; и разговоры 🍵\nsecond line"
    ritual = family.add_ritual("Вечерний чай, вместе", "FREQ=DAILY", date(2026, 1, 1), note=note)
    event = _events(calendar_ics([ritual], (), (), family.member_names(), stamp=STAMP))[
        f"{ritual.id}@tandem"
    ]
    assert str(event["SUMMARY"]) == "Вечерний чай, вместе"
    assert str(event["DESCRIPTION"]).endswith(note)


_PRESETS = st.one_of(
    st.tuples(st.just("day"), st.none()),
    st.tuples(st.just("week"), st.sampled_from(["sun", "mon,thu", "sat,sun", "fri"])),
    st.tuples(st.just("month"), st.sampled_from(["1", "15", "31", "last", "first sat",
                                                 "last fri", "2nd tue"])),
    st.tuples(st.just("year"), st.sampled_from(["03-14", "12-31", "02-29"])),
)


@settings(max_examples=50, deadline=None)
@given(
    preset=_PRESETS,
    interval=st.integers(1, 4),
    start=st.dates(date(2019, 1, 1), date(2026, 11, 22)),
    count=st.one_of(st.none(), st.integers(1, 30)),
)
def test_any_preset_rule_expands_to_tandems_dates(
    preset: tuple[str, str | None], interval: int, start: date, count: int | None
) -> None:
    every, on = preset
    try:
        rule = rule_presets.rule_from_preset(every, on, interval, start)
        if count is not None:
            rule = recurrence.validate_rule(f"{rule};COUNT={count}", start=start)
    except ValueError:
        assume(False)  # e.g. 29 February every 4 years from a start that never reaches one
        return
    ritual = Ritual("r-1", "R", rule, start, ("m-1",), "any", "", False, STAMP, STAMP)
    event = _events(calendar_ics([ritual], (), (), {"m-1": "Ann"}, stamp=STAMP))["r-1@tandem"]
    end = start + timedelta(days=2 * 366 * interval)
    assert _expand(event, start, end) == recurrence.occurrences(rule, start, start, end)
