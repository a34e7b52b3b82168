"""Input validation at the store's boundary: text, names, dates and small enumerations."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta

from store.errors import RejectedInput

TITLE_MAX = 200
"""Longest title or name, in characters after normalisation."""
NOTE_MAX = 4000
"""Longest note, reason, pledge or cheer, in characters after normalisation."""

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NOTE_ALLOWED_CONTROLS = frozenset("\n\t")


def _normalise(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise RejectedInput(f"The {what} must be text.")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise RejectedInput(f"The {what} is not valid UTF-8 text.")
    return unicodedata.normalize("NFC", text).strip()


def _has_forbidden(text: str, allowed: frozenset[str]) -> bool:
    for ch in text:
        if ch in allowed:
            continue
        if ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            # Cf also covers zero-width joiners, which emoji sequences need.
            if ch in ("\u200d", "\ufe0f", "\ufe0e"):
                continue
            return True
    return False


def clean_title(text: str, what: str = "title") -> str:
    """NFC-normalise and trim a title or name; refuse empty, long or control characters.

    Raises:
        RejectedInput: with one sentence that names `what` and the problem.
    """
    value = _normalise(text, what)
    if not value:
        raise RejectedInput(f"The {what} cannot be empty.")
    if len(value) > TITLE_MAX:
        raise RejectedInput(f"The {what} is longer than {TITLE_MAX} characters.")
    if _has_forbidden(value, frozenset()):
        raise RejectedInput(
            f"The {what} contains a control character (such as a newline or tab) "
            "or a text-direction override."
        )
    return value


def clean_note(text: str | None, what: str = "note") -> str:
    """NFC-normalise and trim a note; newlines and tabs are kept, other controls refused."""
    if text is None:
        return ""
    value = _normalise(text, what)
    if len(value) > NOTE_MAX:
        raise RejectedInput(f"The {what} is longer than {NOTE_MAX} characters.")
    if _has_forbidden(value, _NOTE_ALLOWED_CONTROLS):
        raise RejectedInput(
            f"The {what} contains a control character or a text-direction override."
        )
    return value


def parse_day(text: str | date, today: date, what: str = "date") -> date:
    """Parse `YYYY-MM-DD`, `today` or `yesterday` into a real calendar date."""
    if isinstance(text, date):
        return text
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise RejectedInput(f"The {what} {text!r} is not a date; use YYYY-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RejectedInput(f"The {what} {text!r} is not a real calendar date.") from None


def choose(value: str, allowed: Iterable[str], what: str) -> str:
    """Return `value` (lower-cased) if it is one of `allowed`, else refuse it."""
    options = tuple(allowed)
    lowered = value.strip().lower()
    if lowered not in options:
        raise RejectedInput(f"The {what} must be one of: {', '.join(options)} (not {value!r}).")
    return lowered


def check_mood(mood: int | None) -> int | None:
    """A mood is a whole number from 1 to 5, or absent."""
    if mood is None:
        return None
    if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
        raise RejectedInput("The mood must be a whole number from 1 to 5.")
    return mood
