"""Ritual recurrence: validation and fast, re-anchored occurrences of a rule."""

from __future__ import annotations

import calendar
import functools
import math
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]
from dateutil.rrule import (  # type: ignore[import-untyped, unused-ignore]
    DAILY,
    MONTHLY,
    WEEKLY,
    YEARLY,
    rrule,
    weekday,
)

from store.rrule_model import ParsedRule, explicit_rule, parse_rule
from store.rule_periods import add_days, aligned_start, day_matches, period_start, week_start

__all__ = [
    "next_occurrence",
    "next_occurrences",
    "nominal_period",
    "occurrences",
    "previous_occurrence",
    "validate_rule",
]

_FREQS: dict[str, int] = {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY, "YEARLY": YEARLY}
# The Gregorian calendar repeats itself every 400 years: 146,097 days = 20,871 weeks = 4,800 months.
_CYCLE = {"DAILY": 146_097, "WEEKLY": 20_871, "MONTHLY": 4_800, "YEARLY": 400}
_REFERENCE_STARTS = [date(2000, 1, day) for day in range(1, 8)]
"""Starts tried for a rule checked without one: a leap year, and every weekday."""
_ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------- dateutil bridge


def _as_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _rrule(
    rule: ParsedRule, dtstart: date, *, until: date | None, interval: int | None = None
) -> Any:
    """A dateutil rrule for an explicit rule (all implied parts filled in)."""
    byweekday = [weekday(wd, n or None) for wd, n in rule.byday] or None
    return rrule(
        _FREQS[rule.freq],
        dtstart=_as_datetime(dtstart),
        interval=interval or rule.interval,
        wkst=rule.wkst,
        until=_as_datetime(until) if until is not None else None,
        bysetpos=rule.bysetpos or None,
        bymonth=rule.bymonth or None,
        bymonthday=rule.bymonthday or None,
        byyearday=rule.byyearday or None,
        byweekno=rule.byweekno or None,
        byweekday=byweekday,
    )


def _single_period(rule: ParsedRule, first_day: date, until: date | None) -> list[date]:
    """Occurrences of one MONTHLY/YEARLY period, with dateutil, without walking to year 9999."""
    huge = 10_000 if rule.freq == "YEARLY" else 120_000  # the next period is past year 9999
    return [dt.date() for dt in _rrule(rule, first_day, until=until, interval=huge)]


def _search_first(rule: ParsedRule, start: date) -> date | None:
    """First occurrence on or after start within one Gregorian cycle, None if there is none."""
    until = rule.until
    periods = _CYCLE[rule.freq] // math.gcd(rule.interval, _CYCLE[rule.freq]) + 1
    if rule.freq == "DAILY":
        ordinal = start.toordinal()
        last = (until or date.max).toordinal()
        for _ in range(periods):
            if ordinal > last:
                return None
            day = date.fromordinal(ordinal)
            if day_matches(rule, day):
                return day
            ordinal += rule.interval
        return None
    for k in range(periods):
        first_day = start if k == 0 else period_start(rule, start, k)
        if first_day == date.max or (until is not None and first_day > until):
            return None
        if rule.freq == "WEEKLY":
            week_end = add_days(week_start(first_day, rule.wkst), 7)
            span = (week_end - first_day).days
            found = [
                day
                for day in (add_days(first_day, i) for i in range(span))
                if day_matches(rule, day)
            ]
        else:
            found = _single_period(rule, first_day, until)
        found = [day for day in found if day >= start and (until is None or day <= until)]
        if found:
            return min(found)
    return None


@functools.lru_cache(maxsize=1024)
def _bounds(text: str, start: date) -> tuple[date | None, date | None]:
    """(first occurrence, last occurrence or None when endless); (None, None) for an empty rule.

    COUNT is turned into the date of its last occurrence once, from the real start.
    """
    rule = explicit_rule(parse_rule(text), start)
    first = _search_first(rule, start)
    if first is None:
        return None, None
    if rule.count is not None:
        last = first
        for dt in _rrule(rule, start, until=None).xafter(_as_datetime(start), count=rule.count,
                                                         inc=True):
            last = dt.date()
        return first, last
    if rule.until is not None:
        return first, rule.until
    return first, None


def _iterate(rule: ParsedRule, start: date, low: date, last: date | None) -> Iterator[date]:
    """Occurrences on or after `low`, re-anchored so that the cost does not depend on `start`."""
    if rule.freq == "DAILY" and not (rule.bymonth or rule.bymonthday or rule.byday):
        k = max(0, -(-(low - start).days // rule.interval))
        try:
            day = start + timedelta(days=k * rule.interval)
            step = timedelta(days=rule.interval)
            while last is None or day <= last:
                yield day
                day += step
        except OverflowError:
            pass
        return
    anchor = aligned_start(rule, start, low)
    for dt in _rrule(rule, anchor, until=last):
        day = dt.date()
        if day >= low and day >= start:
            yield day


def _prepared(text: str, start: date) -> tuple[ParsedRule, date | None, date | None]:
    rule = explicit_rule(parse_rule(text), start)
    first, last = _bounds(rule.text, start)
    return rule, first, last


# --------------------------------------------------------------------------- public: rules


def validate_rule(rule: str, *, start: date | None = None) -> str:
    """Check a ritual's RRULE text and return it in canonical form.

    Args:
        rule: RRULE text without DTSTART, in any case, with or without a leading "RRULE:".
        start: the ritual's start date, when known; the rule must yield an occurrence from it.

    Returns:
        The normalised rule: upper case, parts in a fixed order, INTERVAL=1 and WKST=MO left out.

    Raises:
        ValueError: with one clear sentence, for DTSTART inside, a FREQ finer than DAILY, text
            that does not parse, or a rule that never yields an occurrence.
    """
    parsed = parse_rule(rule)
    if not _month_days_possible(parsed):
        raise ValueError(f"The rule {parsed.text} never gives a date: no month has that day.")
    if start is not None:
        anchors = [start]
    elif parsed.freq == "DAILY" and parsed.interval % 7 == 0 and parsed.byday:
        anchors = _REFERENCE_STARTS  # which weekdays it can reach depends on the start
    else:
        anchors = _REFERENCE_STARTS[:1]
    for anchor in anchors:
        try:
            first, _ = _bounds(parsed.text, anchor)
        except (ValueError, OverflowError) as error:
            raise ValueError(f"The rule {parsed.text} cannot be used: {error}.") from None
        if first is not None:
            return parsed.text
    when = f" from {start.isoformat()}" if start is not None else ""
    raise ValueError(f"The rule {parsed.text} never gives a date{when}.")


def _month_days_possible(rule: ParsedRule) -> bool:
    """Whether some month of the rule has one of its BYMONTHDAY days (29 February counts)."""
    if not rule.bymonthday:
        return True
    for month in rule.bymonth or range(1, 13):
        length = calendar.monthrange(2000, month)[1]
        if any(abs(day) <= length for day in rule.bymonthday):
            return True
    return False


# --------------------------------------------------------------------------- public: dates


def nominal_period(rule: str) -> relativedelta:
    """The rule's nominal repeat: INTERVAL days, weeks, months or years.

    Args:
        rule: the RRULE text.

    Returns:
        A relativedelta to add to a date.
    """
    parsed = parse_rule(rule)
    unit = {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}
    return relativedelta(**{unit[parsed.freq]: parsed.interval})


def occurrences(rule: str, start: date, after: date, before: date) -> list[date]:
    """The rule's occurrences in [after, before), never before `start`.

    The cost depends on the span asked for, not on how old `start` is: the rule is re-anchored
    at an interval-aligned period boundary just before `after`.

    Args:
        rule: the RRULE text (without DTSTART).
        start: the ritual's start date (the rule's DTSTART).
        after: first day of the span (inclusive).
        before: end of the span (exclusive).

    Returns:
        The dates in order.
    """
    parsed, first, last = _prepared(rule, start)
    if first is None or before <= after:
        return []
    low = max(after, first)
    high = before - _ONE_DAY
    if last is not None:
        high = min(high, last)
    if high < low:
        return []
    found = []
    for day in _iterate(parsed, start, low, last):
        if day > high:
            break
        found.append(day)
    return found


def next_occurrences(rule: str, start: date, after: date, n: int) -> list[date]:
    """Up to `n` occurrences on or after `after` (for a preview of the next dates).

    Args:
        rule: the RRULE text.
        start: the ritual's start date.
        after: first day to consider (inclusive).
        n: how many dates at most.

    Returns:
        The dates in order; fewer than `n` when the rule ends.
    """
    parsed, first, last = _prepared(rule, start)
    if first is None or n <= 0:
        return []
    low = max(after, first)
    if last is not None and low > last:
        return []
    found = []
    for day in _iterate(parsed, start, low, last):
        found.append(day)
        if len(found) >= n:
            break
    return found


def next_occurrence(rule: str, start: date, after: date) -> date | None:
    """The first occurrence strictly after `after`, or None when the rule has ended.

    Args:
        rule: the RRULE text.
        start: the ritual's start date.
        after: the day after which to look.

    Returns:
        A date or None.
    """
    if after >= date.max:
        return None
    found = next_occurrences(rule, start, after + _ONE_DAY, 1)
    return found[0] if found else None


def previous_occurrence(rule: str, start: date, on_or_before: date) -> date | None:
    """The latest occurrence on or before `on_or_before`, or None before the first one.

    Args:
        rule: the RRULE text.
        start: the ritual's start date.
        on_or_before: the last day to consider (inclusive).

    Returns:
        A date or None.
    """
    parsed, first, last = _prepared(rule, start)
    if first is None or on_or_before < first:
        return None
    end = on_or_before if last is None else min(on_or_before, last)
    step = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}[parsed.freq] * parsed.interval
    span = 2 * step
    while True:
        low = max(first, add_days(end, -span))
        found = occurrences(rule, start, low, add_days(end, 1))
        if found:
            return found[-1]
        if low == first:  # pragma: no cover - first itself is an occurrence <= end
            return None
        span *= 4
