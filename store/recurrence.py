"""Ritual recurrence rules: validation, CLI presets, plain-English wording and fast occurrences."""

from __future__ import annotations

import calendar
import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
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

__all__ = [
    "describe",
    "next_occurrence",
    "next_occurrences",
    "nominal_period",
    "occurrences",
    "previous_occurrence",
    "rule_from_preset",
    "validate_rule",
    "window_text",
]

_FREQS: dict[str, int] = {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY, "YEARLY": YEARLY}
_TOO_FINE = ("HOURLY", "MINUTELY", "SECONDLY")
_WD_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WD_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = tuple(calendar.month_name[m] for m in range(1, 13))
_ORDER = (
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
)
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
# The Gregorian calendar repeats itself every 400 years: 146,097 days = 20,871 weeks = 4,800 months.
_CYCLE = {"DAILY": 146_097, "WEEKLY": 20_871, "MONTHLY": 4_800, "YEARLY": 400}
_MAX_COUNT = 100_000
_REFERENCE_STARTS = [date(2000, 1, day) for day in range(1, 8)]
"""Starts tried for a rule checked without one: a leap year, and every weekday."""
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Rule:
    """A parsed rule. `byday` holds (weekday 0=Monday, n) with n = 0 for "every such weekday"."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: date | None = None
    wkst: int = 0
    bymonth: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    byyearday: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byday: tuple[tuple[int, int], ...] = ()
    bysetpos: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """The canonical RRULE text (no DTSTART, upper case, parts in a fixed order)."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.wkst != 0:
            parts.append(f"WKST={_WD_CODES[self.wkst]}")
        for name, values in (
            ("BYMONTH", self.bymonth),
            ("BYWEEKNO", self.byweekno),
            ("BYYEARDAY", self.byyearday),
            ("BYMONTHDAY", self.bymonthday),
        ):
            if values:
                parts.append(f"{name}={','.join(str(v) for v in values)}")
        if self.byday:
            days = ",".join(f"{n if n else ''}{_WD_CODES[wd]}" for wd, n in self.byday)
            parts.append(f"BYDAY={days}")
        if self.bysetpos:
            parts.append(f"BYSETPOS={','.join(str(v) for v in self.bysetpos)}")
        return ";".join(parts)

    @property
    def plain_days(self) -> tuple[int, ...]:
        """The weekdays of BYDAY entries without an ordinal."""
        return tuple(wd for wd, n in self.byday if n == 0)


# --------------------------------------------------------------------------- parsing


def _int_list(name: str, value: str, low: int, high: int, *, signed: bool) -> tuple[int, ...]:
    numbers: set[int] = set()
    for item in value.split(","):
        if not re.fullmatch(r"[+-]?\d{1,4}", item.strip()):
            raise ValueError(
                f"{name} must be a comma-separated list of whole numbers, not {value!r}."
            )
        number = int(item)
        if not (low <= abs(number) <= high) or (number < 0 and not signed):
            allowed = f"{low} to {high}" + (f" or -{high} to -{low}" if signed else "")
            raise ValueError(f"{name} values must be from {allowed}, not {number}.")
        numbers.add(number)
    return tuple(sorted(numbers, key=lambda n: (n < 0, n if n > 0 else -n)))


def _parse_until(value: str) -> date:
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?", value)
    if not match:
        raise ValueError(f"UNTIL must be a date like 20261231, not {value!r}.")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"UNTIL {value!r} is not a real date.") from None


def _parse_byday(value: str, freq: str, has_weekno: bool) -> tuple[tuple[int, int], ...]:
    days: set[tuple[int, int]] = set()
    for item in value.split(","):
        match = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", item.strip())
        if not match:
            raise ValueError(
                f"BYDAY takes weekdays such as SU, MO,TH or 1SA (first Saturday), not {item!r}."
            )
        n = int(match[1]) if match[1] else 0
        if match[1] is not None:
            if freq not in ("MONTHLY", "YEARLY") or has_weekno:
                raise ValueError(
                    "A number before a BYDAY weekday (like 1SA) only works with FREQ=MONTHLY, "
                    "or with FREQ=YEARLY without BYWEEKNO."
                )
            limit = 5 if freq == "MONTHLY" else 53
            if n == 0 or abs(n) > limit:
                raise ValueError(f"The number before a BYDAY weekday must be 1 to {limit} or "
                                 f"-1 to -{limit} with FREQ={freq}, not {n}.")
        days.add((_WD_CODES.index(match[2]), n))
    return tuple(sorted(days, key=lambda d: (d[0], d[1] < 0, abs(d[1]))))


def _parse_text(text: str) -> _Rule:
    """Parse and check an RRULE text; raise ValueError with one sentence when it is refused."""
    raw = text.strip().upper()
    if not raw:
        raise ValueError("The rule is empty: give at least FREQ, for example FREQ=WEEKLY;BYDAY=SU.")
    if "DTSTART" in raw:
        raise ValueError("Leave DTSTART out of the rule: the ritual's start date anchors it.")
    if raw.startswith("RRULE:"):
        raw = raw[len("RRULE:"):].strip()
    if re.search(r"\s|:", raw):
        raise ValueError("A rule is one RRULE line, such as FREQ=WEEKLY;BYDAY=SU.")
    values: dict[str, str] = {}
    for pair in raw.split(";"):
        if not pair:
            continue
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise ValueError(f"The rule part {pair!r} is not of the form NAME=VALUE.")
        if name in values:
            raise ValueError(f"The rule gives {name} twice.")
        values[name] = value
    freq = values.pop("FREQ", None)
    if freq is None:
        raise ValueError("The rule needs a FREQ: DAILY, WEEKLY, MONTHLY or YEARLY.")
    if freq in _TOO_FINE:
        raise ValueError(
            f"Rituals repeat by whole days, so FREQ={freq} is refused: "
            "use DAILY, WEEKLY, MONTHLY or YEARLY."
        )
    if freq not in _FREQS:
        raise ValueError(f"FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not {freq!r}.")
    for name in values:
        if name in _TIME_PARTS:
            raise ValueError(f"Rituals are whole days, so {name} is not accepted in a rule.")
        if name not in _ORDER:
            raise ValueError(f"The rule part {name} is not one Tandem understands.")

    rule = _Rule(freq=freq)
    if "INTERVAL" in values:
        value = values["INTERVAL"]
        if not value.isdigit() or not 1 <= int(value) <= 1000:
            raise ValueError(f"INTERVAL must be a whole number from 1 to 1000, not {value!r}.")
        rule = replace(rule, interval=int(value))
    if "COUNT" in values and "UNTIL" in values:
        raise ValueError("A rule can end with COUNT or with UNTIL, but not both.")
    if "COUNT" in values:
        value = values["COUNT"]
        if not value.isdigit() or not 1 <= int(value) <= _MAX_COUNT:
            raise ValueError(f"COUNT must be a whole number from 1 to {_MAX_COUNT}, not {value!r}.")
        rule = replace(rule, count=int(value))
    if "UNTIL" in values:
        rule = replace(rule, until=_parse_until(values["UNTIL"]))
    if "WKST" in values:
        if values["WKST"] not in _WD_CODES:
            raise ValueError(
                f"WKST must be a weekday code such as MO or SU, not {values['WKST']!r}."
            )
        rule = replace(rule, wkst=_WD_CODES.index(values["WKST"]))
    if "BYMONTH" in values:
        rule = replace(rule, bymonth=_int_list("BYMONTH", values["BYMONTH"], 1, 12, signed=False))
    if "BYWEEKNO" in values:
        if freq != "YEARLY":
            raise ValueError("BYWEEKNO only works with FREQ=YEARLY.")
        rule = replace(rule, byweekno=_int_list("BYWEEKNO", values["BYWEEKNO"], 1, 53, signed=True))
    if "BYYEARDAY" in values:
        if freq != "YEARLY":
            raise ValueError("BYYEARDAY only works with FREQ=YEARLY.")
        rule = replace(
            rule, byyearday=_int_list("BYYEARDAY", values["BYYEARDAY"], 1, 366, signed=True)
        )
    if "BYMONTHDAY" in values:
        if freq == "WEEKLY":
            raise ValueError("BYMONTHDAY does not work with FREQ=WEEKLY; use FREQ=MONTHLY.")
        rule = replace(
            rule, bymonthday=_int_list("BYMONTHDAY", values["BYMONTHDAY"], 1, 31, signed=True)
        )
    if "BYDAY" in values:
        rule = replace(rule, byday=_parse_byday(values["BYDAY"], freq, bool(rule.byweekno)))
    if "BYSETPOS" in values:
        if freq not in ("MONTHLY", "YEARLY"):
            raise ValueError("BYSETPOS only works here with FREQ=MONTHLY or FREQ=YEARLY.")
        if not (rule.bymonth or rule.byweekno or rule.byyearday or rule.bymonthday or rule.byday):
            raise ValueError("BYSETPOS needs another BY part to pick from, such as BYDAY.")
        rule = replace(
            rule, bysetpos=_int_list("BYSETPOS", values["BYSETPOS"], 1, 366, signed=True)
        )
    return rule


@functools.lru_cache(maxsize=512)
def _parse(text: str) -> _Rule:
    return _parse_text(text)


def _explicit(rule: _Rule, start: date) -> _Rule:
    """Make the parts dateutil would take from DTSTART explicit (RFC 5545 defaults)."""
    if rule.byweekno or rule.byyearday or rule.bymonthday or rule.byday:
        return rule
    if rule.freq == "YEARLY":
        return replace(rule, bymonth=rule.bymonth or (start.month,), bymonthday=(start.day,))
    if rule.freq == "MONTHLY":
        return replace(rule, bymonthday=(start.day,))
    if rule.freq == "WEEKLY":
        return replace(rule, byday=((start.weekday(), 0),))
    return rule


# --------------------------------------------------------------------------- dateutil bridge


def _as_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _add_days(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _rrule(rule: _Rule, dtstart: date, *, until: date | None, interval: int | None = None) -> Any:
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


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _week_start(day: date, wkst: int) -> date:
    return day - timedelta(days=(day.weekday() - wkst) % 7)


def _period_start(rule: _Rule, start: date, k: int) -> date:
    """The first day of period k (k >= 1) of a rule anchored at `start` (period 0 holds start)."""
    if rule.freq == "DAILY":
        return _add_days(start, k * rule.interval)
    if rule.freq == "WEEKLY":
        return _add_days(_week_start(start, rule.wkst), 7 * k * rule.interval)
    if rule.freq == "MONTHLY":
        year, month0 = divmod(_month_index(start) + k * rule.interval, 12)
        return date(year, month0 + 1, 1) if year <= 9999 else date.max
    year = start.year + k * rule.interval
    return date(year, 1, 1) if year <= 9999 else date.max


def _anchor(rule: _Rule, start: date, on_or_before: date) -> date:
    """An interval-aligned period start at most `on_or_before` (or `start` itself)."""
    if on_or_before <= start:
        return start
    if rule.freq == "DAILY":
        k = (on_or_before - start).days // rule.interval
    elif rule.freq == "WEEKLY":
        k = (on_or_before - _week_start(start, rule.wkst)).days // (7 * rule.interval)
    elif rule.freq == "MONTHLY":
        k = (_month_index(on_or_before) - _month_index(start)) // rule.interval
    else:
        k = (on_or_before.year - start.year) // rule.interval
    return start if k <= 0 else _period_start(rule, start, k)


def _single_period(rule: _Rule, period_start: date, until: date | None) -> list[date]:
    """Occurrences of one MONTHLY/YEARLY period, with dateutil, without walking to year 9999."""
    huge = 10_000 if rule.freq == "YEARLY" else 120_000  # the next period is past year 9999
    return [dt.date() for dt in _rrule(rule, period_start, until=until, interval=huge)]


def _day_matches(rule: _Rule, day: date) -> bool:
    """DAILY and WEEKLY filters (BYMONTH, BYMONTHDAY, plain BYDAY) for one day."""
    if rule.bymonth and day.month not in rule.bymonth:
        return False
    if rule.bymonthday:
        length = calendar.monthrange(day.year, day.month)[1]
        if day.day not in rule.bymonthday and day.day - length - 1 not in rule.bymonthday:
            return False
    return not rule.byday or day.weekday() in rule.plain_days


def _search_first(rule: _Rule, start: date) -> date | None:
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
            if _day_matches(rule, day):
                return day
            ordinal += rule.interval
        return None
    for k in range(periods):
        first_day = start if k == 0 else _period_start(rule, start, k)
        if first_day == date.max or (until is not None and first_day > until):
            return None
        if rule.freq == "WEEKLY":
            week_end = _add_days(_week_start(first_day, rule.wkst), 7)
            span = (week_end - first_day).days
            found = [
                day
                for day in (_add_days(first_day, i) for i in range(span))
                if _day_matches(rule, day)
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
    rule = _explicit(_parse(text), start)
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


def _iterate(rule: _Rule, start: date, low: date, last: date | None) -> Iterator[date]:
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
    anchor = _anchor(rule, start, low)
    for dt in _rrule(rule, anchor, until=last):
        day = dt.date()
        if day >= low and day >= start:
            yield day


def _prepared(text: str, start: date) -> tuple[_Rule, date | None, date | None]:
    rule = _explicit(_parse(text), start)
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
    parsed = _parse(rule)
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


def _month_days_possible(rule: _Rule) -> bool:
    """Whether some month of the rule has one of its BYMONTHDAY days (29 February counts)."""
    if not rule.bymonthday:
        return True
    for month in rule.bymonth or range(1, 13):
        length = calendar.monthrange(2000, month)[1]
        if any(abs(day) <= length for day in rule.bymonthday):
            return True
    return False


_WEEKDAY_WORDS = {
    name.lower(): index for index, name in enumerate(_WD_NAMES)
}
_ORDINAL_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "last": -1,
}


def _weekday_from_word(word: str) -> int:
    """Monday=0 from "mon", "Monday", "mo", "TH"...; ValueError otherwise."""
    key = word.strip().lower().rstrip(".")
    matches = {
        index for name, index in _WEEKDAY_WORDS.items() if len(key) >= 2 and name.startswith(key)
    }
    if len(matches) != 1:
        raise ValueError(
            f"{word.strip()!r} is not a weekday: use mon, tue, wed, thu, fri, sat or sun."
        )
    return matches.pop()


def _preset_week(on: str | None, start: date) -> str:
    if on is None or not on.strip():
        days = [start.weekday()]
    else:
        try:
            days = sorted({_weekday_from_word(w) for w in re.split(r"[,\s]+", on.strip()) if w})
        except ValueError:
            raise ValueError(
                f"--on {on!r} is not understood for --every week: give weekdays such as sun "
                "or mon,thu."
            ) from None
    return "BYDAY=" + ",".join(_WD_CODES[d] for d in days)


def _preset_month(on: str | None, start: date) -> str:
    accepted = (
        "give a day of the month (1-31, or last), or a weekday with its place such as first sat, "
        "1sat, 2nd tue, last fri or -1fr"
    )
    if on is None or not on.strip():
        return f"BYMONTHDAY={start.day}"
    text = on.strip().lower()
    if text == "last":
        return "BYMONTHDAY=-1"
    if re.fullmatch(r"-?\d{1,2}", text):
        day = int(text)
        if 1 <= abs(day) <= 31:
            return f"BYMONTHDAY={day}"
        raise ValueError(f"--on {on!r} is not a day of the month: {accepted}.")
    match = re.fullmatch(
        r"(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|[1-5]|-[1-5])"
        r"\s*((?:mo|tu|we|th|fr|sa|su)[a-z]*)",
        text,
    )
    if not match:
        raise ValueError(f"--on {on!r} is not understood for --every month: {accepted}.")
    place = _ORDINAL_WORDS.get(match[1])
    if place is None:
        place = int(match[1])
    try:
        wd = _weekday_from_word(match[2])
    except ValueError:
        raise ValueError(f"--on {on!r} is not understood for --every month: {accepted}.") from None
    return f"BYDAY={place}{_WD_CODES[wd]}"


def _preset_year(on: str | None, start: date) -> str:
    if on is None or not on.strip():
        month, day = start.month, start.day
    else:
        match = re.fullmatch(r"(?:--)?(\d{1,2})-(\d{1,2})", on.strip())
        if not match:
            raise ValueError(
                f"--on {on!r} is not understood for --every year: give the month and day as "
                "MM-DD, such as 03-14."
            )
        month, day = int(match[1]), int(match[2])
        try:
            date(2000, month, day)  # a leap year, so that 02-29 is accepted
        except ValueError:
            raise ValueError(f"--on {on!r} is not a real month and day (MM-DD).") from None
    return f"BYMONTH={month};BYMONTHDAY={day}"


def rule_from_preset(every: str, on: str | None, interval: int, start: date) -> str:
    """Build the RRULE for the command line's `--every ... [--on ...] [--interval N]` presets.

    Args:
        every: "day", "week", "month" or "year".
        on: for week, weekdays ("sun", "mon,thu"); for month, a day of the month ("15", "last")
            or an Nth/last weekday ("first sat", "1sat", "2nd tue", "last fri", "-1fr"); for
            year, "MM-DD". None picks the start date's weekday, day or month and day.
        interval: repeat every N days/weeks/months/years (at least 1).
        start: the ritual's start date.

    Returns:
        The canonical RRULE text, such as "FREQ=WEEKLY;BYDAY=SU".

    Raises:
        ValueError: a sentence listing what is accepted.
    """
    kind = every.strip().lower()
    kind = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}.get(kind, kind)
    kind = kind.removesuffix("s") if kind in ("days", "weeks", "months", "years") else kind
    if kind not in ("day", "week", "month", "year"):
        raise ValueError(f"--every {every!r} is not accepted: use day, week, month or year.")
    if isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 1000:
        raise ValueError(f"--interval must be a whole number from 1 to 1000, not {interval!r}.")
    freq = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}[kind]
    parts = [f"FREQ={freq}"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    if kind == "day":
        if on is not None and on.strip():
            raise ValueError(
                "--on does not apply to --every day; for given weekdays use --every week "
                "--on mon,thu."
            )
    elif kind == "week":
        parts.append(_preset_week(on, start))
    elif kind == "month":
        parts.append(_preset_month(on, start))
    else:
        parts.append(_preset_year(on, start))
    return validate_rule(";".join(parts), start=start)


# --------------------------------------------------------------------------- public: words


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


def _ending(rule: _Rule) -> str:
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
    return _join([_WD_NAMES[d] for d in days])


def _nth_weekdays(byday: Sequence[tuple[int, int]]) -> str:
    return _join([f"the {_ordinal_word(n)} {_WD_NAMES[wd]}" for wd, n in byday])


def _describe_core(rule: _Rule) -> str | None:
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
            return f"every {_join([_WD_NAMES[d] for d in rule.plain_days])} of {period}"
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
                return f"on the {pos} {_WD_NAMES[days[0]]} of {period}"
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
    parsed = _explicit(_parse(rule), start)
    core = _describe_core(parsed)
    if core is None:
        return f"repeats by the rule {_parse(rule).text}"
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


def _span(rule: _Rule) -> str:
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
            first, before = _WD_NAMES[days[0]], _WD_NAMES[(days[0] - 1) % 7]
            if interval == 1:
                return f"between {first} and the next {before}"
            return f"between {first} and the {_ordinal_word(interval)} {before} after it"
        if interval == 1 and len(days) == 2:
            listed = _join([_WD_NAMES[d] for d in days], "or")
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
    parsed = _explicit(_parse(rule), start)
    return f"counts when {_who(needs, member_names)} {_span(parsed)}"


# --------------------------------------------------------------------------- public: dates


def nominal_period(rule: str) -> relativedelta:
    """The rule's nominal repeat: INTERVAL days, weeks, months or years.

    Args:
        rule: the RRULE text.

    Returns:
        A relativedelta to add to a date.
    """
    parsed = _parse(rule)
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
        low = max(first, _add_days(end, -span))
        found = occurrences(rule, start, low, _add_days(end, 1))
        if found:
            return found[-1]
        if low == first:  # pragma: no cover - first itself is an occurrence <= end
            return None
        span *= 4
