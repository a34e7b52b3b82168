"""A ritual's recurrence rule, parsed: the model, its canonical text, and the parsing checks."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date

__all__ = [
    "FREQUENCIES",
    "WEEKDAY_CODES",
    "WEEKDAY_NAMES",
    "ParsedRule",
    "explicit_rule",
    "parse_rule",
]

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
"""The frequencies a ritual may repeat at (whole days or coarser)."""
_TOO_FINE = ("HOURLY", "MINUTELY", "SECONDLY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RRULE weekday codes, Monday (0) first."""
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""Weekday names in English, Monday (0) first."""
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
_MAX_COUNT = 100_000


@dataclass(frozen=True, slots=True)
class ParsedRule:
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
            parts.append(f"WKST={WEEKDAY_CODES[self.wkst]}")
        for name, values in (
            ("BYMONTH", self.bymonth),
            ("BYWEEKNO", self.byweekno),
            ("BYYEARDAY", self.byyearday),
            ("BYMONTHDAY", self.bymonthday),
        ):
            if values:
                parts.append(f"{name}={','.join(str(v) for v in values)}")
        if self.byday:
            days = ",".join(f"{n if n else ''}{WEEKDAY_CODES[wd]}" for wd, n in self.byday)
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
        days.add((WEEKDAY_CODES.index(match[2]), n))
    return tuple(sorted(days, key=lambda d: (d[0], d[1] < 0, abs(d[1]))))


def _parse_text(text: str) -> ParsedRule:
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
    if freq not in FREQUENCIES:
        raise ValueError(f"FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not {freq!r}.")
    for name in values:
        if name in _TIME_PARTS:
            raise ValueError(f"Rituals are whole days, so {name} is not accepted in a rule.")
        if name not in _ORDER:
            raise ValueError(f"The rule part {name} is not one Tandem understands.")

    rule = ParsedRule(freq=freq)
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
        if values["WKST"] not in WEEKDAY_CODES:
            raise ValueError(
                f"WKST must be a weekday code such as MO or SU, not {values['WKST']!r}."
            )
        rule = replace(rule, wkst=WEEKDAY_CODES.index(values["WKST"]))
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
def parse_rule(text: str) -> ParsedRule:
    """Parse and check an RRULE text (cached); raise ValueError with one sentence if refused."""
    return _parse_text(text)


def explicit_rule(rule: ParsedRule, start: date) -> ParsedRule:
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
