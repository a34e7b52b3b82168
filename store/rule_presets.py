"""The command line's recurrence presets: `--every week --on sun` and the like, as RRULE text."""

from __future__ import annotations

import re
from datetime import date

from store.recurrence import validate_rule
from store.rrule_model import WEEKDAY_CODES, WEEKDAY_NAMES

__all__ = ["rule_from_preset"]

_WEEKDAY_WORDS = {
    name.lower(): index for index, name in enumerate(WEEKDAY_NAMES)
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
    return "BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in days)


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
    return f"BYDAY={place}{WEEKDAY_CODES[wd]}"


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
