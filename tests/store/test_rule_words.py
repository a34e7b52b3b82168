"""A recurrence rule in plain English: `describe` and `window_text`."""

from __future__ import annotations

from datetime import date

import pytest

from store.rule_words import describe, window_text
from tests.store.recurrence_helpers import SUNDAY

# --------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("rule", "start", "words"),
    [
        ("FREQ=DAILY", SUNDAY, "every day"),
        ("FREQ=DAILY;INTERVAL=2", SUNDAY, "every 2 days"),
        ("FREQ=WEEKLY;BYDAY=SU", SUNDAY, "every week on Sunday"),
        ("FREQ=WEEKLY", SUNDAY, "every week on Sunday"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", SUNDAY, "every week on Monday and Thursday"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", SUNDAY, "every week on Monday, Wednesday and Friday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", SUNDAY, "every 2 weeks on Saturday"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", SUNDAY, "every weekday"),
        ("FREQ=DAILY;BYDAY=SA,SU", SUNDAY, "every Saturday and Sunday"),
        ("FREQ=MONTHLY;BYDAY=1SA", SUNDAY, "on the first Saturday of every month"),
        ("FREQ=MONTHLY;BYDAY=-1FR", SUNDAY, "on the last Friday of every month"),
        ("FREQ=MONTHLY;BYDAY=2TU;INTERVAL=3", SUNDAY, "on the second Tuesday of every 3 months"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", SUNDAY, "on day 15 of every month"),
        ("FREQ=MONTHLY", date(2026, 1, 15), "on day 15 of every month"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", SUNDAY, "on the last day of every month"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            SUNDAY,
            "on day 31 of every month (skipped in months without that day)",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            SUNDAY,
            "on the last weekday of every month",
        ),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14", SUNDAY, "every year on 14 March"),
        ("FREQ=YEARLY", date(2020, 3, 14), "every year on 14 March"),
        ("FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYMONTHDAY=14", SUNDAY, "every 2 years on 14 March"),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            SUNDAY,
            "every year on 29 February (only in leap years)",
        ),
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", SUNDAY, "on the second Sunday of May, every year"),
        ("FREQ=WEEKLY;BYDAY=SU;COUNT=10", SUNDAY, "every week on Sunday, 10 times"),
        ("FREQ=DAILY;UNTIL=20261231", SUNDAY, "every day, until 31 December 2026"),
        (
            "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            SUNDAY,
            "repeats by the rule FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        ),
    ],
)
def test_describe(rule: str, start: date, words: str) -> None:
    assert describe(rule, start) == words


@pytest.mark.parametrize(
    ("rule", "needs", "names", "words"),
    [
        (
            "FREQ=WEEKLY;BYDAY=SU",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between Sunday and the next Saturday",
        ),
        (
            "FREQ=WEEKLY;BYDAY=SU",
            "all",
            ["Mum", "Leo"],
            "counts when each of you ticks between Sunday and the next Saturday",
        ),
        ("FREQ=DAILY", "any", ["Mum", "Leo"], "counts when either of you ticks that day"),
        ("FREQ=DAILY", "any", ["Mum"], "counts when Mum ticks that day"),
        ("FREQ=DAILY", "any", ["Mum", "Leo", "Gran"], "counts when any of you ticks that day"),
        (
            "FREQ=DAILY;INTERVAL=2",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks that day or the day after",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between the first Saturday and the day before the "
            "next one",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=15",
            "all",
            ["Mum", "Leo"],
            "counts when each of you ticks between the 15th and the 14th of the next month",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between Saturday and the second Friday after it",
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between a Monday or Thursday and the day before the "
            "next one",
        ),
        (
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14",
            "any",
            ["Mum", "Leo"],
            "counts when either of you ticks between 14 March and 13 March the next year",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA,3SA",
            "any",
            [],
            "counts when anyone ticks between one of its dates and the day before the next one",
        ),
    ],
)
def test_window_text(rule: str, needs: str, names: list[str], words: str) -> None:
    assert window_text(rule, SUNDAY, needs, names) == words
