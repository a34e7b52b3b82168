"""A recurrence rule in plain English: what it repeats on, and the window a streak counts in."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from store.rrule_model import WEEKDAY_NAMES, ParsedRule, explicit_rule, parse_rule

__all__ = ["describe", "window_text"]

_MONTH_NAMES = tuple(calendar.month_name[m] for m in range(1, 13))
_ONE_DAY = timedelta(days=1)


def _join(words: Sequence[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _ordinal_word(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
    if n in words:
        return words[n]
    if -5 <= n <= -2:
        return f"{words[-n]} to last"
    return _ordinal_suffix(n) if n > 0 else f"{_ordinal_suffix(-n)} to last"


def _ordinal_suffix(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _every(unit: str, interval: int) -> str:
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def _month_days(days: Sequence[int]) -> str:
    positive = [d for d in days if d > 0]
    words = []
    if positive:
        label = "day " if len(positive) == 1 else "days "
        words.append(label + _join([str(d) for d in positive]))
    words.extend(_last_day_words(d) for d in days if d < 0)
    return _join(words)


def _last_day_words(day: int) -> str:
    return "the last day" if day == -1 else f"the {_ordinal_word(day)} day"


def _ending(rule: ParsedRule) -> str:
    if rule.count is not None:
        return ", once" if rule.count == 1 else f", {rule.count} times"
    if rule.until is not None:
        return f", until {_day_month(rule.until)} {rule.until.year}"
    return ""


def _day_month(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]}"


def _weekdays(days: Sequence[int]) -> str:
    if tuple(days) == (0, 1, 2, 3, 4):
        return "Monday to Friday"
    return _join([WEEKDAY_NAMES[d] for d in days])


def _nth_weekdays(byday: Sequence[tuple[int, int]]) -> str:
    return _join([f"the {_ordinal_word(n)} {WEEKDAY_NAMES[wd]}" for wd, n in byday])


def _describe_core(rule: ParsedRule) -> str | None:
    """Plain words for the common shapes, None for anything exotic."""
    interval, freq = rule.interval, rule.freq
    only = {
        name
        for name, value in (
            ("bymonth", rule.bymonth),
            ("byweekno", rule.byweekno),
            ("byyearday", rule.byyearday),
            ("bymonthday", rule.bymonthday),
            ("byday", rule.byday),
            ("bysetpos", rule.bysetpos),
        )
        if value
    }
    months = _join([_MONTH_NAMES[m - 1] for m in rule.bymonth])
    if freq == "DAILY":
        if not only:
            return _every("day", interval)
        if only == {"byday"} and interval == 1:
            if rule.plain_days == (0, 1, 2, 3, 4):
                return "every weekday"
            return "every " + _weekdays(rule.plain_days)
        return None
    if freq == "WEEKLY" and only <= {"byday", "bymonth"} and "byday" in only:
        if rule.plain_days == (0, 1, 2, 3, 4) and interval == 1 and not rule.bymonth:
            return "every weekday"
        text = f"{_every('week', interval)} on {_weekdays(rule.plain_days)}"
        return f"{text} in {months}" if rule.bymonth else text
    if freq == "MONTHLY":
        period = _every("month", interval)
        if only == {"bymonthday"}:
            text = f"on {_month_days(rule.bymonthday)} of {period}"
            if max(rule.bymonthday) > 28:
                text += " (skipped in months without that day)"
            return text
        if only == {"byday"} and all(n for _, n in rule.byday):
            return f"on {_nth_weekdays(rule.byday)} of {period}"
        if only == {"byday"}:
            return f"every {_join([WEEKDAY_NAMES[d] for d in rule.plain_days])} of {period}"
        if only == {"byday", "bysetpos"} and len(rule.bysetpos) == 1 and not any(
            n for _, n in rule.byday
        ):
            days = rule.plain_days
            pos = _ordinal_word(rule.bysetpos[0])
            if days == (0, 1, 2, 3, 4):
                return f"on the {pos} weekday of {period}"
            if days == (5, 6):
                return f"on the {pos} weekend day of {period}"
            if len(days) == 1:
                return f"on the {pos} {WEEKDAY_NAMES[days[0]]} of {period}"
        return None
    if freq == "YEARLY":
        period = _every("year", interval)
        if only == {"bymonth", "bymonthday"} and all(d > 0 for d in rule.bymonthday):
            dates = [
                f"{d} {_MONTH_NAMES[m - 1]}" for m in rule.bymonth for d in rule.bymonthday
            ]
            if len(dates) <= 4:
                leap = " (only in leap years)" if dates == ["29 February"] else ""
                return f"{period} on {_join(dates)}{leap}"
        if only == {"bymonth", "byday"} and all(n for _, n in rule.byday):
            return f"on {_nth_weekdays(rule.byday)} of {months}, {period}"
    return None


def describe(rule: str, start: date) -> str:
    """Say a rule in plain English, such as "every week on Sunday".

    Args:
        rule: the RRULE text (without DTSTART).
        start: the ritual's start date, which supplies the parts the rule leaves out.

    Returns:
        A short phrase; for exotic rules, "repeats by the rule ..." with the canonical text.
    """
    parsed = explicit_rule(parse_rule(rule), start)
    core = _describe_core(parsed)
    if core is None:
        return f"repeats by the rule {parse_rule(rule).text}"
    return core + _ending(parsed)


def _who(needs: str, member_names: Sequence[str]) -> str:
    names = [n for n in member_names if n]
    if not names:
        return "anyone ticks"
    if len(names) == 1:
        return f"{names[0]} ticks"
    if needs == "all":
        return "each of you ticks"
    return "either of you ticks" if len(names) == 2 else "any of you ticks"


def _span(rule: ParsedRule) -> str:
    generic = "between one of its dates and the day before the next one"
    interval, freq = rule.interval, rule.freq
    plain = not (rule.bymonth or rule.bymonthday or rule.byday or rule.bysetpos)
    if freq == "DAILY" and plain:
        if interval == 1:
            return "that day"
        if interval == 2:
            return "that day or the day after"
        return f"that day or the {interval - 1} days after it"
    if freq == "WEEKLY" and not rule.bymonth and rule.byday:
        days = rule.plain_days
        if len(days) == 1:
            first, before = WEEKDAY_NAMES[days[0]], WEEKDAY_NAMES[(days[0] - 1) % 7]
            if interval == 1:
                return f"between {first} and the next {before}"
            return f"between {first} and the {_ordinal_word(interval)} {before} after it"
        if interval == 1 and len(days) == 2:
            listed = _join([WEEKDAY_NAMES[d] for d in days], "or")
            return f"between a {listed} and the day before the next one"
        return generic
    if freq == "MONTHLY":
        if rule.bymonthday and not (rule.byday or rule.bymonth or rule.bysetpos):
            days = rule.bymonthday
            if len(days) == 1 and interval == 1 and 1 <= days[0] <= 28:
                if days[0] == 1:
                    return "at any time in that month"
                return (
                    f"between the {_ordinal_suffix(days[0])} and the "
                    f"{_ordinal_suffix(days[0] - 1)} of the next month"
                )
            if len(days) == 1:
                return f"between {_month_days(days)} and the day before the next one"
        if rule.byday and not (rule.bymonthday or rule.bymonth or rule.bysetpos):
            if len(rule.byday) == 1 and rule.byday[0][1]:
                return f"between {_nth_weekdays(rule.byday)} and the day before the next one"
        return generic
    if freq == "YEARLY" and len(rule.bymonth) == 1 and len(rule.bymonthday) == 1:
        if rule.byday or rule.byweekno or rule.byyearday or rule.bysetpos:
            return generic
        day = rule.bymonthday[0]
        if day > 0 and interval == 1 and not (rule.bymonth[0] == 2 and day == 29):
            try:
                begin = date(2001, rule.bymonth[0], day)
            except ValueError:
                return generic
            return f"between {_day_month(begin)} and {_day_month(begin - _ONE_DAY)} the next year"
        if day > 0:
            month = _MONTH_NAMES[rule.bymonth[0] - 1]
            return f"between {day} {month} and the day before the next one"
    return generic


def window_text(rule: str, start: date, needs: str, member_names: Sequence[str]) -> str:
    """The counting rule shown beside a streak, in words.

    Args:
        rule: the RRULE text (without DTSTART).
        start: the ritual's start date.
        needs: "any" (one tick by anyone) or "all" (every member must tick).
        member_names: the display names of the ritual's members.

    Returns:
        For example "counts when either of you ticks between Sunday and the next Saturday".
    """
    parsed = explicit_rule(parse_rule(rule), start)
    return f"counts when {_who(needs, member_names)} {_span(parsed)}"
