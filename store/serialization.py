"""Conversion between stored TinyDB documents and the store's frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, cast

from store.models import (
    Cheer,
    Goal,
    GoalStatus,
    Idea,
    IdeaState,
    Member,
    Moment,
    Needs,
    Ritual,
    Role,
    Step,
    Support,
)

Doc = Mapping[str, Any]


def iso_timestamp(moment: datetime) -> str:
    """ISO-8601 UTC with microseconds and a `Z`, so that later changes sort later."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> datetime:
    """Parse a stored timestamp (with `Z` or an offset) into an aware UTC datetime."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def member_from_doc(doc: Doc) -> Member:
    """Build a `Member` from its stored document."""
    return Member(
        id=doc["id"],
        name=doc["name"],
        role=cast(Role, doc.get("role", "other")),
        colour=doc.get("colour", ""),
        created_at=parse_timestamp(doc["created_at"]),
        updated_at=parse_timestamp(doc["updated_at"]),
    )


def ritual_from_doc(doc: Doc) -> Ritual:
    """Build a `Ritual` from its stored document."""
    return Ritual(
        id=doc["id"],
        title=doc["title"],
        rule=doc["rule"],
        start=date.fromisoformat(doc["start"]),
        members=tuple(doc.get("members", ())),
        needs=cast(Needs, doc.get("needs", "any")),
        note=doc.get("note", ""),
        archived=bool(doc.get("archived", False)),
        created_at=parse_timestamp(doc["created_at"]),
        updated_at=parse_timestamp(doc["updated_at"]),
    )


def moment_from_doc(doc: Doc) -> Moment:
    """Build a `Moment` from its stored document."""
    return Moment(
        id=doc["id"],
        title=doc["title"],
        date=date.fromisoformat(doc["date"]),
        planned=bool(doc.get("planned", False)),
        members=tuple(doc.get("members", ())),
        note=doc.get("note", ""),
        mood=doc.get("mood"),
        by=doc.get("by", ""),
        idea_key=doc.get("idea_key"),
        created_at=parse_timestamp(doc["created_at"]),
        updated_at=parse_timestamp(doc["updated_at"]),
    )


def goal_from_doc(doc: Doc) -> Goal:
    """Build a `Goal` (with its steps, pledges and cheers) from its stored document."""
    return Goal(
        id=doc["id"],
        owner=doc["owner"],
        title=doc["title"],
        why=doc.get("why", ""),
        target_date=_day(doc.get("target_date")),
        status=cast(GoalStatus, doc.get("status", "active")),
        achieved_at=_day(doc.get("achieved_at")),
        steps=tuple(Step(s["id"], s["title"], bool(s.get("done"))) for s in doc.get("steps", ())),
        supports=tuple(
            Support(s["id"], s["by"], s["pledge"], parse_timestamp(s["at"]))
            for s in doc.get("supports", ())
        ),
        cheers=tuple(
            Cheer(c["id"], c["by"], c["text"], parse_timestamp(c["at"]))
            for c in doc.get("cheers", ())
        ),
        created_at=parse_timestamp(doc["created_at"]),
        updated_at=parse_timestamp(doc["updated_at"]),
    )


def idea_state_from_doc(doc: Doc) -> IdeaState:
    """Build the per-idea state (favourites, hidden) from an ideas document."""
    return IdeaState(
        idea_key=doc["idea_key"],
        favourite_by=tuple(doc.get("favourite_by", ())),
        hidden=bool(doc.get("hidden", False)),
    )


def custom_idea_from_doc(doc: Doc) -> Idea | None:
    """Build the family's own idea from an ideas document, or None for catalogue state."""
    custom = doc.get("custom")
    if not custom:
        return None
    return Idea(
        key=doc["idea_key"],
        title=custom["title"],
        category=custom.get("category", "everyday-routines"),
        blurb=custom.get("blurb", ""),
        duration=custom.get("duration", ""),
        cost=custom.get("cost", "free"),
        setting=custom.get("setting", "either"),
        energy=custom.get("energy", "calm"),
        age=custom.get("age", "any"),
        leads=custom.get("leads", "either"),
        distance=bool(custom.get("distance", False)),
        custom=True,
        favourite_by=tuple(doc.get("favourite_by", ())),
        hidden=bool(doc.get("hidden", False)),
    )


def goal_to_doc(goal: Goal) -> dict[str, Any]:
    """The stored fields of a goal (without the common record fields)."""
    return {
        "owner": goal.owner,
        "title": goal.title,
        "why": goal.why,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
        "status": goal.status,
        "achieved_at": goal.achieved_at.isoformat() if goal.achieved_at else None,
        "steps": [{"id": s.id, "title": s.title, "done": s.done} for s in goal.steps],
        "supports": [
            {"id": s.id, "by": s.by, "pledge": s.pledge, "at": iso_timestamp(s.at)}
            for s in goal.supports
        ],
        "cheers": [
            {"id": c.id, "by": c.by, "text": c.text, "at": iso_timestamp(c.at)} for c in goal.cheers
        ],
    }
