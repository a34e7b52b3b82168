"""The streak fold's running state, and its cache as JSON (checked before it is trusted)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.streaks import RitualSpec

__all__ = [
    "CACHE_VERSION",
    "Fold",
    "FoldState",
    "cache_cutoff",
    "dump_cache",
    "load_cache",
    "spec_members",
]

CACHE_VERSION = 1
"""Bumped whenever the meaning of the cached fold changes; an older cache is then ignored."""


class Fold:
    """Mutable running state of one fold (the ritual, or one member)."""

    __slots__ = ("longest", "missed", "run", "satisfied", "skipped", "strength")

    _FIELDS = ("run", "longest", "satisfied", "missed", "skipped", "strength")

    def __init__(self) -> None:
        self.run = 0
        self.longest = 0
        self.satisfied = 0
        self.missed = 0
        self.skipped = 0
        self.strength = 0.0

    def hit(self, m: float) -> None:
        """A satisfied window; `m` is the window's multiplier."""
        self.run += 1
        if self.run > self.longest:
            self.longest = self.run
        self.satisfied += 1
        self.strength = self.strength * m + (1.0 - m)

    def miss(self, m: float) -> None:
        """A missed window; `m` is the window's multiplier."""
        self.run = 0
        self.missed += 1
        self.strength = self.strength * m

    def copy(self) -> Fold:
        other = Fold()
        other.run, other.longest = self.run, self.longest
        other.satisfied, other.missed, other.skipped = self.satisfied, self.missed, self.skipped
        other.strength = self.strength
        return other

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._FIELDS}

    @classmethod
    def from_json(cls, data: Any) -> Fold:
        """Raises ValueError when `data` is not what `to_json` wrote."""
        if not isinstance(data, Mapping):
            raise ValueError("not a mapping")
        fold = cls()
        for name in cls._FIELDS[:-1]:
            value = data[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(name)
            setattr(fold, name, value)
        strength = data["strength"]
        if not isinstance(strength, int | float) or isinstance(strength, bool):
            raise ValueError("strength")
        if not 0.0 <= strength <= 1.0:
            raise ValueError("strength")
        fold.strength = float(strength)
        if fold.run > fold.longest:
            raise ValueError("run")
        return fold


@dataclass(slots=True)
class FoldState:
    """The whole fold: windows starting before `cutoff` are folded in, and all of them ended."""

    cutoff: date | None
    windows: int
    overall: Fold
    per_member: dict[str, Fold]



def spec_members(spec: RitualSpec) -> tuple[str, ...]:
    return tuple(dict.fromkeys(spec.members))



def fingerprint(spec: RitualSpec) -> dict[str, Any]:
    return {
        "rule": spec.rule,
        "start": spec.start.isoformat(),
        "needs": spec.needs,
        "members": list(spec.members),
    }



def load_cache(
    cache: Mapping[str, Any], spec: RitualSpec | None, today: date | None
) -> FoldState | None:
    """The cached state when it is well formed, matches `spec` and holds for `today`."""
    try:
        if cache.get("v") != CACHE_VERSION:
            return None
        if spec is not None and cache.get("spec") != fingerprint(spec):
            return None
        raw_cutoff = cache["cutoff"]
        cutoff = None if raw_cutoff is None else date.fromisoformat(raw_cutoff)
        windows = cache["windows"]
        if not isinstance(windows, int) or isinstance(windows, bool) or windows < 0:
            return None
        if windows and cutoff is None:
            return None
        if today is not None and windows and cutoff is not None and cutoff > today:
            return None  # it folds windows that have not ended as of `today`
        overall = Fold.from_json(cache["overall"])
        raw_members = cache["per_member"]
        if not isinstance(raw_members, Mapping):
            return None
        per_member = {str(k): Fold.from_json(v) for k, v in raw_members.items()}
        if spec is not None and set(per_member) != set(spec_members(spec)):
            return None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return FoldState(cutoff, windows, overall, per_member)



def dump_cache(spec: RitualSpec, state: FoldState) -> dict[str, Any]:
    return {
        "v": CACHE_VERSION,
        "spec": fingerprint(spec),
        "cutoff": state.cutoff.isoformat() if state.cutoff is not None else None,
        "windows": state.windows,
        "overall": state.overall.to_json(),
        "per_member": {member: fold.to_json() for member, fold in state.per_member.items()},
    }



def cache_cutoff(
    cache: Mapping[str, Any] | None,
    spec: RitualSpec | None = None,
    today: date | None = None,
) -> date | None:
    """The day from which a cache still needs ticks; None when the cache cannot be used.

    Every window that starts before the cutoff is folded into the cache, so a tick dated
    before it that is added or removed makes the cache wrong: drop it then. With a usable
    cache, `ritual_stats` only looks at ticks on or after the cutoff.

    Args:
        cache: a cache returned by `ritual_stats` (or None).
        spec: when given, a cache made for another rule, start, needs or members is refused.
        today: when given, a cache that folds windows ending after `today` is refused.

    Returns:
        The cutoff date, or None for a missing, malformed, mismatching or too recent cache (in
        which case the caller must pass all ticks and no cache).
    """
    if not cache:
        return None
    state = load_cache(cache, spec, today)
    return state.cutoff if state is not None else None

