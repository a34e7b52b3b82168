"""The clock the store is given: it never reads the system time itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol


class Clock(Protocol):
    """Where the store gets "today" (the family's calendar day) and "now" (UTC stamps)."""

    def today(self) -> date:
        """The calendar day that figures are computed for."""
        ...

    def now(self) -> datetime:
        """The current instant, timezone-aware, for `created_at`/`updated_at`."""
        ...


@dataclass(frozen=True, slots=True)
class FixedClock:
    """A clock stopped at one day: for tests, the demo and `--today`.

    `now()` still advances by a microsecond per call so that successive edits keep
    their order, which merging relies on.
    """

    day: date

    def today(self) -> date:
        """The fixed day."""
        return self.day

    def now(self) -> datetime:
        """Noon UTC of the fixed day plus a per-call tick, so stamps stay ordered."""
        _COUNTER[0] += 1
        base = datetime.combine(self.day, time(12), tzinfo=UTC)
        return base.replace(microsecond=_COUNTER[0] % 1_000_000)


_COUNTER = [0]
