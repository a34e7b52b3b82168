"""Frozen dataclasses the store hands out; the UI and the command line only ever see these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Role = Literal["mother", "son", "other"]
ROLES: tuple[Role, ...] = ("mother", "son", "other")
Needs = Literal["any", "all"]
TickKind = Literal["done", "skip"]
GoalStatus = Literal["active", "achieved", "dropped"]
GOAL_STATUSES: tuple[GoalStatus, ...] = ("active", "achieved", "dropped")


@dataclass(frozen=True, slots=True)
class Member:
    """A person in the family who uses Tandem."""

    id: str
    name: str
    role: Role
    colour: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Ritual:
    """A recurring tradition: its RRULE (without DTSTART) is anchored at `start`."""

    id: str
    title: str
    rule: str
    start: date
    members: tuple[str, ...]
    """Member ids of the people who keep this ritual."""
    needs: Needs
    """`any`: one tick by anyone satisfies a window; `all`: every member must tick."""
    note: str
    archived: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Tick:
    """A ritual done (or excused, `skip`) on a day by a member."""

    ritual_id: str
    date: date
    by: str
    kind: TickKind
    note: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class IdeaState:
    """Per-idea state: favourites and hiding, keyed by catalogue slug or custom id."""

    idea_key: str
    favourite_by: tuple[str, ...]
    hidden: bool


@dataclass(frozen=True, slots=True)
class Idea:
    """A quality-time idea: from the bundled catalogue or added by the family."""

    key: str
    title: str
    category: str
    blurb: str
    duration: str
    """Typical duration in words: "30 min", "2 hours", "a day"."""
    cost: Literal["free", "low", "medium"]
    setting: Literal["indoor", "outdoor", "either"]
    energy: Literal["calm", "active"]
    age: Literal["child", "teen", "adult", "any"]
    leads: Literal["either", "mother", "son"]
    """Who teaches: either of them, the mother, or the son."""
    distance: bool = False
    """True when it works with the two of you in different homes (a call, a shared film)."""
    custom: bool = False
    favourite_by: tuple[str, ...] = ()
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Moment:
    """Something done (or planned) together, with a note to remember it by."""

    id: str
    title: str
    date: date
    planned: bool
    members: tuple[str, ...]
    note: str
    mood: int | None
    by: str
    idea_key: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Step:
    """One item of a goal's checklist."""

    id: str
    title: str
    done: bool


@dataclass(frozen=True, slots=True)
class Support:
    """A pledge of help by a member who does not own the goal."""

    id: str
    by: str
    pledge: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Cheer:
    """A short note of encouragement on a goal."""

    id: str
    by: str
    text: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Goal:
    """A member's aim, the steps towards it, and how the others support it."""

    id: str
    owner: str
    title: str
    why: str
    target_date: date | None
    status: GoalStatus
    achieved_at: date | None
    steps: tuple[Step, ...] = ()
    supports: tuple[Support, ...] = ()
    cheers: tuple[Cheer, ...] = ()
    created_at: datetime = field(default=datetime.min)
    updated_at: datetime = field(default=datetime.min)

    @property
    def progress(self) -> float:
        """Share of steps done, 0..1 (1 when achieved, 0 with no steps)."""
        if self.status == "achieved":
            return 1.0
        if not self.steps:
            return 0.0
        return sum(step.done for step in self.steps) / len(self.steps)
