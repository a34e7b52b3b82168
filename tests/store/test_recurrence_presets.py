"""The command line's recurrence presets (`--every`, `--on`, `--interval`) as RRULE text."""

from __future__ import annotations

from datetime import date

import pytest

from store.rule_presets import rule_from_preset
from tests.store.recurrence_helpers import SUNDAY

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
