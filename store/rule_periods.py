"""The calendar arithmetic of a rule's periods: period starts, re-anchoring, day filters."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from store.rrule_model import ParsedRule

__all__ = ["add_days", "aligned_start", "day_matches", "period_start", "week_start"]


def add_days(day: date, days: int) -> date:
    """`day` plus `days` days, clamped to the first or last date Python has."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def week_start(day: date, wkst: int) -> date:
    """The first day of the week holding `day`, for weeks starting on weekday `wkst`."""
    return day - timedelta(days=(day.weekday() - wkst) % 7)


def period_start(rule: ParsedRule, start: date, k: int) -> date:
    """The first day of period k (k >= 1) of a rule anchored at `start` (period 0 holds start)."""
    if rule.freq == "DAILY":
        return add_days(start, k * rule.interval)
    if rule.freq == "WEEKLY":
        return add_days(week_start(start, rule.wkst), 7 * k * rule.interval)
    if rule.freq == "MONTHLY":
        year, month0 = divmod(_month_index(start) + k * rule.interval, 12)
        return date(year, month0 + 1, 1) if year <= 9999 else date.max
    year = start.year + k * rule.interval
    return date(year, 1, 1) if year <= 9999 else date.max


def aligned_start(rule: ParsedRule, start: date, on_or_before: date) -> date:
    """An interval-aligned period start at most `on_or_before` (or `start` itself)."""
    if on_or_before <= start:
        return start
    if rule.freq == "DAILY":
        k = (on_or_before - start).days // rule.interval
    elif rule.freq == "WEEKLY":
        k = (on_or_before - week_start(start, rule.wkst)).days // (7 * rule.interval)
    elif rule.freq == "MONTHLY":
        k = (_month_index(on_or_before) - _month_index(start)) // rule.interval
    else:
        k = (on_or_before.year - start.year) // rule.interval
    return start if k <= 0 else period_start(rule, start, k)


def day_matches(rule: ParsedRule, day: date) -> bool:
    """DAILY and WEEKLY filters (BYMONTH, BYMONTHDAY, plain BYDAY) for one day."""
    if rule.bymonth and day.month not in rule.bymonth:
        return False
    if rule.bymonthday:
        length = calendar.monthrange(day.year, day.month)[1]
        if day.day not in rule.bymonthday and day.day - length - 1 not in rule.bymonthday:
            return False
    return not rule.byday or day.weekday() in rule.plain_days
