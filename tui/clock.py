"""The one clock of the app and the command line: the system's, or a fixed `--today`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime

from store.clock import Clock, FixedClock
from store.errors import TandemError


class UsageError(TandemError):
    """An option or argument the command line cannot take (exit 2)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class SystemClock:
    """Today in the local time zone; stamps in UTC."""

    def today(self) -> date:
        """The local calendar day."""
        return date.today()

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


def resolve_clock(today: str | None) -> Clock:
    """`--today YYYY-MM-DD`, else `$TANDEM_TODAY`, else the system clock."""
    value = today or os.environ.get("TANDEM_TODAY")
    if not value:
        return SystemClock()
    try:
        return FixedClock(date.fromisoformat(value))
    except ValueError:
        raise UsageError(f"--today {value!r} is not a date; use YYYY-MM-DD.") from None
