"""Ritual streaks, completion and strength: an incremental fold over occurrence windows."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from store import recurrence
from store.streak_cache import Fold, FoldState, dump_cache, load_cache, spec_members

__all__ = [
    "Figures",
    "RitualSpec",
    "RitualStats",
    "TickFact",
    "ritual_stats",
]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RitualSpec:
    """What the figures of a ritual depend on, besides its ticks."""

    rule: str
    """RRULE text without DTSTART."""
    start: date
    """The rule's DTSTART."""
    members: tuple[str, ...]
    """Member ids of the people who keep the ritual."""
    needs: str
    """"any": one done tick by anyone satisfies a window; "all": every member must tick."""


@dataclass(frozen=True, slots=True)
class TickFact:
    """A live tick (the caller leaves tombstones out)."""

    day: date
    by: str
    """Member id."""
    kind: str
    """"done" or "skip"."""


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of DESIGN section 4 for a ritual, or for one member of it."""

    current_streak: int
    longest_streak: int
    satisfied: int
    """Satisfied windows: every elapsed one, and the due one once it is satisfied."""
    missed: int
    """Elapsed windows neither satisfied nor skipped."""
    skipped: int
    """Windows excused by a skip and not satisfied (the due one included)."""
    completion: float | None
    """satisfied / (satisfied + missed); None while that is 0/0."""
    strength: float
    """0..1, an exponential moving average over windows (Loop Habit Tracker's score)."""
    due_now: bool
    """Today lies in a window that is neither satisfied nor skipped yet."""
    next_due: date | None
    """The due window's start while it is unsatisfied, else the next occurrence after today."""


@dataclass(frozen=True, slots=True)
class RitualStats:
    """Figures for the ritual as a whole and for each of its members."""

    overall: Figures
    per_member: tuple[tuple[str, Figures], ...]
    """(member id, figures) in the order of the spec's members."""


@functools.lru_cache(maxsize=256)
def _multiplier(length: int) -> float:
    """m = 0.5 ** (sqrt(L) / 13): for L = 1 (a daily ritual) Loop's half-life of 13 days."""
    return math.pow(0.5, math.sqrt(length) / 13.0)


def _figures(fold: Fold, due_now: bool, next_due: date | None) -> Figures:
    """The figures of a finished fold."""
    denominator = fold.satisfied + fold.missed
    return Figures(
        current_streak=fold.run,
        longest_streak=fold.longest,
        satisfied=fold.satisfied,
        missed=fold.missed,
        skipped=fold.skipped,
        completion=fold.satisfied / denominator if denominator else None,
        strength=fold.strength,
        due_now=due_now,
        next_due=next_due,
    )


def _fresh(spec: RitualSpec) -> FoldState:
    first = recurrence.next_occurrences(spec.rule, spec.start, spec.start, 1)
    return FoldState(
        cutoff=first[0] if first else None,
        windows=0,
        overall=Fold(),
        per_member={member: Fold() for member in spec_members(spec)},
    )


def _windows(
    spec: RitualSpec, begin: date, today: date
) -> tuple[list[tuple[date, date]], date | None]:
    """Windows [occ_k, occ_k+1) with occ_k in [begin, today], and the first occurrence after today.

    A finite rule's last window is as long as the one before it (or the rule's nominal period
    when it has a single occurrence).
    """
    starts = recurrence.occurrences(spec.rule, spec.start, begin, today + _ONE_DAY)
    following = recurrence.next_occurrence(spec.rule, spec.start, today)
    if not starts:
        return [], following
    if following is not None:
        last_end = following
    else:
        last = starts[-1]
        previous = (
            starts[-2]
            if len(starts) >= 2
            else recurrence.previous_occurrence(spec.rule, spec.start, last - _ONE_DAY)
        )
        if previous is not None:
            last_end = last + (last - previous)
        else:
            last_end = last + recurrence.nominal_period(spec.rule)
    ends = starts[1:] + [last_end]
    return list(zip(starts, ends, strict=True)), following


def ritual_stats(
    spec: RitualSpec,
    ticks: Iterable[TickFact],
    today: date,
    cache: Mapping[str, Any] | None = None,
) -> tuple[RitualStats, dict[str, Any]]:
    """Streaks, completion and strength of a ritual as of `today`, and a cache for next time.

    Occurrence k covers the window [occ_k, occ_k+1). The fold runs over windows in date
    order; a cache holds its state as of the last window that ended on or before `today`, so
    that with it only the windows from its cutoff on are generated (re-anchored, so the cost
    does not depend on the ritual's age) and only ticks on or after the cutoff are read.

    Choices where DESIGN section 4 is silent:
    - a finite rule's (COUNT/UNTIL) last window is as long as the window before it, or the
      rule's nominal period (INTERVAL days/weeks/months/years) when it has one occurrence
      only; after it ends nothing is due again and `next_due` is None;
    - a skipped due window is excused at once: not due, counted in `skipped`, and `next_due`
      is the next occurrence;
    - with `needs: all` and no members the ritual behaves as `needs: any`; a done tick by
      someone outside the members satisfies a `needs: any` window (but no member's own).

    Args:
        spec: the ritual's rule, start, members and needs.
        ticks: live ticks, in any order; ticks after `today` and before the first occurrence
            count for nothing. With a usable cache, ticks before its cutoff are ignored.
        today: the day the figures are computed for.
        cache: a cache returned by an earlier call. It is ignored when it was made for another
            spec, when it folds windows that end after `today`, or when it is malformed.

    Returns:
        The figures, and a new JSON-serialisable cache (plain str/int/float/list/dict/None).

    Raises:
        ValueError: when the rule cannot be parsed.
    """
    members = spec_members(spec)
    needs_all = spec.needs == "all" and bool(members)
    state = load_cache(cache, spec, today) if cache else None
    if state is None:
        state = _fresh(spec)
    begin = state.cutoff
    if begin is None or begin > today:
        windows: list[tuple[date, date]] = []
        following = (
            recurrence.next_occurrence(spec.rule, spec.start, today) if begin is not None else None
        )
    else:
        windows, following = _windows(spec, begin, today)

    # The ticks that can matter, by day: a bit per member who ticked "done" (one more bit for
    # anyone else), and the days with a skip. Small ints and no sets keep this cheap.
    bits = {member: 1 << position for position, member in enumerate(members)}
    other_bit = 1 << len(members)
    everyone = other_bit - 1
    done_masks: dict[date, int] = {}
    skip_days: set[date] = set()
    if windows:
        low = windows[0][0]
        for tick in [tick for tick in ticks if low <= tick.day <= today]:
            day = tick.day
            if tick.kind == "done":
                done_masks[day] = done_masks.get(day, 0) | bits.get(tick.by, other_bit)
            elif tick.kind == "skip":
                skip_days.add(day)
    days = sorted(done_masks.keys() | skip_days)

    overall = state.overall
    member_folds = [(bits[member], state.per_member[member]) for member in members]
    cutoff = state.cutoff
    count = state.windows
    due: tuple[date, int, bool, int] | None = None
    multipliers: dict[int, float] = {}
    index, total = 0, len(days)
    for window_start, window_end in windows:
        mask = 0
        skipped = False
        while index < total and days[index] < window_end:
            day = days[index]
            mask |= done_masks.get(day, 0)
            skipped = skipped or day in skip_days
            index += 1
        length = (window_end - window_start).days
        if window_end > today:  # the window holding today: due, never missed
            due = (window_start, mask, skipped, length)
            break
        m = multipliers.get(length)
        if m is None:
            m = multipliers[length] = _multiplier(length)
        if (mask & everyone == everyone) if needs_all else mask:
            overall.hit(m)
        elif skipped:
            overall.skipped += 1
        else:
            overall.miss(m)
        for bit, fold in member_folds:
            if mask & bit:
                fold.hit(m)
            elif skipped:
                fold.skipped += 1
            else:
                fold.miss(m)
        count += 1
        cutoff = window_end

    new_state = FoldState(cutoff, count, overall, state.per_member)
    new_cache = dump_cache(spec, new_state)

    def finish(fold: Fold, satisfied: bool | None) -> Figures:
        """Figures from an elapsed-windows fold plus the due window (if any)."""
        if due is None or satisfied is None:
            return _figures(fold, False, following)
        window_start, _, skipped, length = due
        if satisfied:
            fold = fold.copy()
            fold.hit(_multiplier(length))
            return _figures(fold, False, following)
        if skipped:
            fold = fold.copy()
            fold.skipped += 1
            return _figures(fold, False, following)
        return _figures(fold, True, window_start)

    due_mask = due[1] if due is not None else 0
    overall_due = (due_mask & everyone == everyone) if needs_all else bool(due_mask)
    overall_figures = finish(overall, overall_due if due else None)
    member_figures = tuple(
        (member, finish(fold, bool(due_mask & bit) if due else None))
        for member, (bit, fold) in zip(members, member_folds, strict=True)
    )
    return RitualStats(overall=overall_figures, per_member=member_figures), new_cache
