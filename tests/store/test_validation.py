"""Text and date validation at the store's boundary."""

from __future__ import annotations

from datetime import date

import pytest

from store.errors import RejectedInput
from store.validation import NOTE_MAX, TITLE_MAX, clean_note, clean_title, parse_day

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Sunday dinner  ", "Sunday dinner"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("Zo\u00eb's 🎂 breakfast", "Zo\u00eb's 🎂 breakfast"),
        ("👩‍👦 walk", "👩‍👦 walk"),  # zero-width joiner inside an emoji is kept
    ],
)
def test_titles_are_normalised(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("a" * (TITLE_MAX + 1), "longer than 200"),
        ("two\nlines", "control character"),
        ("tab\there", "control character"),
        ("evil\u202eright-to-left", "text-direction override"),
        ("bell\x07", "control character"),
        ("lone \udce9 surrogate", "not valid UTF-8"),
    ],
)
def test_bad_titles_are_refused_with_a_reason(raw: str, problem: str) -> None:
    with pytest.raises(RejectedInput, match=problem):
        clean_title(raw)


def test_notes_keep_newlines_and_tabs_but_not_other_controls() -> None:
    assert clean_note("line one\n\tline two\n") == "line one\n\tline two"
    with pytest.raises(RejectedInput):
        clean_note("escape \x1b[31m red")
    with pytest.raises(RejectedInput, match="longer than"):
        clean_note("x" * (NOTE_MAX + 1))
    assert clean_note(None) == ""


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-02-28", date(2026, 2, 28)), ("today", TODAY), ("Yesterday", date(2026, 11, 21))],
)
def test_dates_parse(text: str, day: date) -> None:
    assert parse_day(text, TODAY) == day


@pytest.mark.parametrize(
    ("text", "problem"),
    [("2026-02-30", "not a real calendar date"), ("22/11/2026", "use YYYY-MM-DD"),
     ("2026-2-3", "use YYYY-MM-DD"), ("tomorrow-ish", "use YYYY-MM-DD")],
)
def test_bad_dates_are_refused(text: str, problem: str) -> None:
    with pytest.raises(RejectedInput, match=problem):
        parse_day(text, TODAY)
