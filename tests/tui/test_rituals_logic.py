"""The Rituals pane's pure parts: the window picture, the list's words and the form's rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from store.models import Ritual, Tick
from store.streaks import Figures, RitualStats
from tests.tui.conftest import TODAY
from tui.screens.ritual_form_modal import Repeat, build_rule, repeat_of
from tui.widgets.ritual_list import RitualRow, when_words
from tui.widgets.streak_panel import recent_windows, short_day, strength_bar

SUN = date(2026, 11, 1)
"""A Sunday, the start of the weekly ritual of the pure tests."""


def weekly(needs: str = "any", rule: str = "FREQ=WEEKLY;BYDAY=SU") -> Ritual:
    """Sunday dinner from SUN, kept by Sarah (s) and Leo (l)."""
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    return Ritual("r", "Sunday dinner", rule, SUN, ("s", "l"), needs, "", False,  # type: ignore[arg-type]
                  stamp, stamp)


def tick(day: date, by: str = "s", kind: str = "done") -> Tick:
    """A tick of the ritual `r`."""
    return Tick("r", day, by, kind, "", datetime(2026, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]


def states(ritual: Ritual, ticks: list[Tick], today: date, count: int = 12) -> str:
    """The picture as one letter a window: k kept, m missed, s skipped, d due."""
    return "".join(m.state[0] for m in recent_windows(ritual, ticks, today, count))


# -- the picture of recent windows (pure) ------------------------------------------------


@pytest.mark.parametrize(
    ("ticks", "today", "expected"),
    [
        ([], SUN - timedelta(days=1), ""),  # before the first occurrence: nothing yet
        ([], SUN, "d"),  # the first window holds today: due, never missed
        ([tick(SUN)], SUN, "k"),
        ([], SUN + timedelta(days=7), "md"),
        ([tick(SUN + timedelta(days=1))], SUN + timedelta(days=7), "kd"),  # Monday still counts
        ([tick(SUN + timedelta(days=7))], SUN + timedelta(days=6), "d"),  # after today: ignored
        ([tick(SUN, kind="skip")], SUN + timedelta(days=7), "sd"),
        ([tick(SUN, kind="skip"), tick(SUN, "l")], SUN + timedelta(days=7), "kd"),  # kept wins
        ([tick(SUN), tick(SUN + timedelta(days=2), "l")], SUN + timedelta(days=14), "kmd"),
    ],
)
def test_recent_windows_follow_the_window_rule(
    ticks: list[Tick], today: date, expected: str
) -> None:
    """Kept, missed, skipped and due, window by window (DESIGN section 4)."""
    assert states(weekly(), ticks, today) == expected


def test_recent_windows_need_everyone_when_the_ritual_says_so() -> None:
    """`needs: all`: Sarah alone leaves the window due; both of them keep it."""
    ritual = weekly("all")
    assert states(ritual, [tick(SUN)], SUN + timedelta(days=3)) == "d"
    both = [tick(SUN), tick(SUN + timedelta(days=3), "l")]
    assert states(ritual, both, SUN + timedelta(days=3)) == "k"
    assert states(ritual, [tick(SUN)], SUN + timedelta(days=7)) == "md"


def test_recent_windows_show_only_the_last_ones_oldest_first() -> None:
    """Two years of a weekly ritual: the last twelve windows, with their dates."""
    ritual = replace(weekly(), start=date(2024, 11, 3))
    ticks = [tick(date(2024, 11, 3) + timedelta(weeks=n)) for n in range(0, 107, 2)]
    marks = recent_windows(ritual, ticks, TODAY)
    assert len(marks) == 12
    assert marks[-1].start == TODAY and marks[-1].end == TODAY + timedelta(days=7)
    assert marks[0].start == TODAY - timedelta(weeks=11)
    assert "".join(m.state[0] for m in marks) == "kmkmkmkmkmkk"[:11] + "d"


def test_recent_windows_of_a_finished_rule_are_all_elapsed() -> None:
    """COUNT=3: three windows, the last as long as the one before it."""
    ritual = weekly(rule="FREQ=WEEKLY;COUNT=3;BYDAY=SU")
    marks = recent_windows(ritual, [tick(SUN)], SUN + timedelta(days=60))
    assert [m.state for m in marks] == ["kept", "missed", "missed"]
    assert marks[-1].end == SUN + timedelta(days=21)


# -- the list's words (pure) -------------------------------------------------------------


def figures(due: bool = False, next_due: date | None = TODAY, run: int = 3) -> Figures:
    """Figures with what the due marker reads."""
    return Figures(run, 7, 10, 2, 1, 0.8, 0.5, due, next_due)


@pytest.mark.parametrize(
    ("overall", "current", "waiting", "expected"),
    [
        (figures(due=True), "due", (), "○ due now"),
        (figures(due=True), "due", ("Leo",), "○ due now, Leo to tick"),
        (figures(next_due=date(2026, 11, 29)), "kept", (), "✓ kept · next Sun 29 Nov"),
        (figures(next_due=date(2026, 11, 29)), "skipped", (), "– skipped · next Sun 29 Nov"),
        (figures(next_due=date(2026, 12, 5)), None, (), "starts Sat 5 Dec"),
        (figures(next_due=None), "kept", (), "✓ kept · ended"),
        (figures(next_due=None), None, (), "ended"),
    ],
)
def test_the_due_marker_is_in_words(
    overall: Figures, current: str | None, waiting: tuple[str, ...], expected: str
) -> None:
    """`due now`, `kept`, `next Sun 29 Nov`: never a colour alone."""
    row = RitualRow(weekly(), RitualStats(overall, ()), current, waiting, TODAY)  # type: ignore[arg-type]
    assert when_words(row).plain == expected


def test_dates_strength_and_years_read_plainly() -> None:
    """Dates carry a year only when far away; the strength bar carries its percentage."""
    assert short_day(date(2026, 11, 29), TODAY) == "Sun 29 Nov"
    assert short_day(date(2028, 3, 14), TODAY) == "Tue 14 Mar 2028"
    assert strength_bar(0.5, 10).plain == "█████░░░░░ 50%"
    assert strength_bar(1.0, 4).plain == "████ 100%"


# -- the form's rules (pure) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("repeat", "rule"),
    [
        (Repeat("day", ()), "FREQ=DAILY"),
        (Repeat("week", (6,)), "FREQ=WEEKLY;BYDAY=SU"),
        (Repeat("week", (3, 0)), "FREQ=WEEKLY;BYDAY=MO,TH"),
        (Repeat("weeks", (6,), interval="2"), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
        (Repeat("nth", (), place=1, weekday=5), "FREQ=MONTHLY;BYDAY=1SA"),
        (Repeat("nth", (), place=-1, weekday=4), "FREQ=MONTHLY;BYDAY=-1FR"),
        (Repeat("monthday", (), month_day="15"), "FREQ=MONTHLY;BYMONTHDAY=15"),
        (Repeat("monthday", (), month_day="last"), "FREQ=MONTHLY;BYMONTHDAY=-1"),
        (Repeat("year", (), month=3, day=14), "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14"),
        (Repeat("custom", (), custom="rrule:freq=monthly;byday=1sa"), "FREQ=MONTHLY;BYDAY=1SA"),
    ],
)
def test_each_preset_makes_its_rule_and_is_recognised_again(repeat: Repeat, rule: str) -> None:
    """Form → RRULE → form: editing a ritual opens on the preset it was made with."""
    assert build_rule(repeat, TODAY) == rule
    again = repeat_of(rule, TODAY)
    expected_kind = "nth" if repeat.kind == "custom" else repeat.kind
    assert again.kind == expected_kind
    assert build_rule(again, TODAY) == rule


@pytest.mark.parametrize(
    ("repeat", "message"),
    [
        (Repeat("week", ()), "Tick at least one day"),
        (Repeat("weeks", (6,), interval="two"), "Every how many weeks"),
        (Repeat("monthday", (), month_day="32"), "from 1 to 31"),
        (Repeat("year", (), month=2, day=30), "February has no day 30"),
        (Repeat("custom", (), custom="FREQ=HOURLY"), "whole days"),
        (Repeat("custom", (), custom=""), "empty"),
    ],
)
def test_form_rules_refuse_with_one_sentence(repeat: Repeat, message: str) -> None:
    """What cannot become a rule says why, in words a person can act on."""
    with pytest.raises(ValueError, match=message):
        build_rule(repeat, TODAY)


def test_an_exotic_rule_opens_as_a_custom_rule() -> None:
    """No preset makes it, so the form shows the rule text to edit."""
    repeat = repeat_of("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2", TODAY)
    assert (repeat.kind, repeat.custom) == ("custom", "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2")
