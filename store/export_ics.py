"""Calendar export: rituals as recurring all-day events, planned moments and goal targets as days.

`tandem export --format ics` writes one iCalendar (RFC 5545) file, built with the `icalendar`
library:

- each active ritual is a VEVENT with its RRULE, an all-day DTSTART (a DATE value) and
  DTEND the day after; SUMMARY is its title and DESCRIPTION says the rule in words, how a
  window counts, who keeps it and the ritual's note;
- each planned moment is a single all-day VEVENT on its date;
- each active goal with a target date is a single all-day VEVENT on that date.

Every event's UID is `<record id>@tandem`, so importing a newer export into the same
calendar updates the events instead of duplicating them; LAST-MODIFIED is the record's
`updated_at`, which calendars use to see that an event changed.

DTSTART is the ritual's first occurrence, which is its start date whenever the start is an
occurrence. RFC 5545 leaves a DTSTART that the rule does not produce undefined (most
calendars show it as an extra event and count it against COUNT), while Tandem's start is
only an anchor; moving DTSTART to the first occurrence keeps exactly Tandem's dates, since
that occurrence has the start's weekday, day and month wherever the rule leaves them out and
lies in an interval-aligned period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vRecur

from store import recurrence, rule_words
from store.models import Goal, Moment, Ritual

_ONE_DAY = timedelta(days=1)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


def calendar_ics(
    rituals: Sequence[Ritual],
    moments: Sequence[Moment],
    goals: Sequence[Goal],
    names: Mapping[str, str],
    *,
    stamp: datetime,
    product: str = "-//Tandem//Tandem//EN",
    calendar_name: str = "Tandem",
) -> bytes:
    """The family's calendar as iCalendar bytes (UTF-8, CRLF line ends, folded lines).

    Args:
        rituals: rituals to export; archived ones are left out.
        moments: moments; only planned ones become events.
        goals: goals; only active ones with a target date become events.
        names: member id to display name.
        stamp: the time of the export (DTSTAMP), timezone-aware.
        product: the PRODID text.
        calendar_name: shown by calendars that read X-WR-CALNAME.

    Returns:
        The `.ics` file's bytes.
    """
    calendar = Calendar()
    calendar.add("prodid", product)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    for ritual in rituals:
        if not ritual.archived:
            event = ritual_event(ritual, names, stamp)
            if event is not None:
                calendar.add_component(event)
    for moment in moments:
        if moment.planned:
            calendar.add_component(moment_event(moment, names, stamp))
    for goal in goals:
        if goal.status == "active" and goal.target_date is not None:
            calendar.add_component(goal_event(goal, names, stamp))
    return bytes(calendar.to_ical())


def ritual_event(ritual: Ritual, names: Mapping[str, str], stamp: datetime) -> Event | None:
    """A ritual as a recurring all-day event; None when its rule yields no date at all."""
    first = recurrence.next_occurrences(ritual.rule, ritual.start, ritual.start, 1)
    if not first:
        return None
    people = [names.get(member, "?") for member in ritual.members]
    lines = [
        f"{_capital(rule_words.describe(ritual.rule, ritual.start))}; "
        f"{rule_words.window_text(ritual.rule, ritual.start, ritual.needs, people)}.",
        f"Kept by {_join(people)}." if people else "",
        f"Started on {_long_date(ritual.start)}." if first[0] != ritual.start else "",
        ritual.note,
    ]
    event = _all_day(ritual.id, ritual.title, first[0], _text(lines), stamp)
    event.add("rrule", vRecur.from_ical(ritual.rule))
    event.add("categories", ["Tandem ritual"])
    _times(event, ritual.created_at, ritual.updated_at)
    return event


def moment_event(moment: Moment, names: Mapping[str, str], stamp: datetime) -> Event:
    """A planned moment as a single all-day event."""
    people = [names.get(member, "?") for member in moment.members]
    lines = [
        f"Planned by {names.get(moment.by, '?')}" + (f", with {_join(people)}." if people else "."),
        moment.note,
    ]
    event = _all_day(moment.id, moment.title, moment.date, _text(lines), stamp)
    event.add("categories", ["Tandem moment"])
    _times(event, moment.created_at, moment.updated_at)
    return event


def goal_event(goal: Goal, names: Mapping[str, str], stamp: datetime) -> Event:
    """An active goal's target date as a single all-day event."""
    assert goal.target_date is not None
    owner = names.get(goal.owner, "?")
    done = sum(step.done for step in goal.steps)
    lines = [
        f"{owner}'s goal, aimed for {_long_date(goal.target_date)}.",
        f"Why: {goal.why}" if goal.why else "",
        f"Steps: {done} of {len(goal.steps)} done." if goal.steps else "",
        *(f"{names.get(s.by, '?')} will help: {s.pledge}" for s in goal.supports),
    ]
    event = _all_day(goal.id, f"Goal: {goal.title} ({owner})", goal.target_date,
                     _text(lines), stamp)
    event.add("categories", ["Tandem goal"])
    _times(event, goal.created_at, goal.updated_at)
    return event


def _all_day(record_id: str, summary: str, day: date, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{record_id}@tandem")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + _ONE_DAY)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    # An all-day reminder of a family ritual should not mark the whole day as busy.
    event.add("transp", "TRANSPARENT")
    return event


def _times(event: Event, created: datetime, updated: datetime) -> None:
    if created.tzinfo is not None and created.year > 1:
        event.add("created", created)
    if updated.tzinfo is not None and updated.year > 1:
        event.add("last-modified", updated)


def _text(lines: Iterable[str]) -> str:
    return "\n".join(line for line in lines if line)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
