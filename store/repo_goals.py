"""The Store's goals board: goals, their steps, pledges of support and cheers."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from store import schema
from store.errors import RejectedInput
from store.models import Goal
from store.records import resolve
from store.repo_rituals import RitualRecords
from store.serialization import goal_from_doc
from store.validation import clean_note, clean_title


class GoalRecords(RitualRecords):
    """Goals: each member's aims and how the others help."""

    def list_goals(self, owner: str | None = None) -> tuple[Goal, ...]:
        """Goals (of one owner, if given): active first, then by target date and title."""
        goals = [goal_from_doc(doc) for doc in self._live(schema.GOALS)]
        if owner is not None:
            goals = [g for g in goals if g.owner == owner]
        order = {"active": 0, "achieved": 1, "dropped": 2}
        return tuple(
            sorted(
                goals,
                key=lambda g: (order[g.status], g.target_date or date.max, g.title.casefold()),
            )
        )

    def goal(self, ref: str) -> Goal:
        """The goal named by id, exact title or an unambiguous prefix."""
        return resolve(self.list_goals(), ref, lambda g: (g.id, g.title), "goal")

    def add_goal(
        self, title: str, owner: str, why: str = "", target_date: date | None = None
    ) -> Goal:
        """Add a goal owned by a member (id or name)."""
        member = self.member(owner)
        fields: dict[str, Any] = {
            "owner": member.id,
            "title": clean_title(title),
            "why": clean_note(why, "reason why"),
            "target_date": target_date.isoformat() if target_date else None,
            "status": "active",
            "achieved_at": None,
            "steps": [],
            "supports": [],
            "cheers": [],
        }
        with self._transaction(f"added the goal {fields['title']}"):
            doc = self._insert(schema.GOALS, fields)
        return goal_from_doc(doc)

    def edit_goal(self, ref: str, **changes: Any) -> Goal:
        """Change a goal's title, why or target date."""
        goal = self.goal(ref)
        fields: dict[str, Any] = {}
        if "title" in changes:
            fields["title"] = clean_title(changes["title"])
        if "why" in changes:
            fields["why"] = clean_note(changes["why"], "reason why")
        if "target_date" in changes:
            target = changes["target_date"]
            fields["target_date"] = target.isoformat() if target else None
        return self._change_goal(goal, f"edited {goal.title}", fields)

    def support_goal(self, ref: str, by: str, pledge: str) -> Goal:
        """Pledge help with someone else's goal; nobody pledges to their own."""
        goal = self.goal(ref)
        member = self.member(by)
        if member.id == goal.owner:
            raise RejectedInput(
                f"{member.name} owns {goal.title!r}; a pledge of support comes from someone else."
            )
        item = {
            "id": str(uuid.uuid4()),
            "by": member.id,
            "pledge": clean_title(pledge, "pledge"),
            "at": self._stamp(),
        }
        return self._append(goal, "supports", item, f"pledged help with {goal.title}")

    def cheer_goal(self, ref: str, by: str, text: str) -> Goal:
        """Leave a short cheer on a goal (anyone, the owner included)."""
        goal = self.goal(ref)
        member = self.member(by)
        item = {
            "id": str(uuid.uuid4()),
            "by": member.id,
            "text": clean_title(text, "cheer"),
            "at": self._stamp(),
        }
        return self._append(goal, "cheers", item, f"cheered {goal.title}")

    def add_step(self, ref: str, title: str) -> Goal:
        """Add a step to a goal's checklist."""
        goal = self.goal(ref)
        item = {"id": str(uuid.uuid4()), "title": clean_title(title, "step"), "done": False}
        return self._append(goal, "steps", item, f"added a step to {goal.title}")

    def set_step_done(self, ref: str, number: int, done: bool = True) -> Goal:
        """Mark step `number` (counted from 1, as shown) done or not done."""
        goal = self.goal(ref)
        if not 1 <= number <= len(goal.steps):
            count = len(goal.steps)
            raise RejectedInput(
                f"{goal.title!r} has {count} step{'s' if count != 1 else ''}; "
                f"there is no step {number}."
            )
        steps = [{"id": s.id, "title": s.title, "done": s.done} for s in goal.steps]
        steps[number - 1]["done"] = done
        verb = "ticked" if done else "unticked"
        return self._change_goal(goal, f"{verb} a step of {goal.title}", {"steps": steps})

    def achieve_goal(self, ref: str, on: date | None = None) -> Goal:
        """Mark a goal achieved (today unless `on` is given)."""
        goal = self.goal(ref)
        if goal.status == "achieved":
            raise RejectedInput(f"{goal.title!r} is already achieved.")
        day = on or self.clock.today()
        fields = {"status": "achieved", "achieved_at": day.isoformat()}
        return self._change_goal(goal, f"achieved {goal.title}", fields)

    def set_goal_status(self, ref: str, status: str) -> Goal:
        """Set a goal active again or dropped."""
        goal = self.goal(ref)
        if status not in ("active", "dropped"):
            raise RejectedInput("A goal can be set active or dropped; use achieve to finish it.")
        fields = {"status": status, "achieved_at": None}
        return self._change_goal(goal, f"set {goal.title} {status}", fields)

    def delete_goal(self, ref: str) -> None:
        """Delete a goal (a tombstone)."""
        goal = self.goal(ref)
        with self._transaction(f"deleted the goal {goal.title}"):
            self._delete(schema.GOALS, goal.id)

    def _append(self, goal: Goal, field: str, item: dict[str, Any], label: str) -> Goal:
        with self._transaction(label):
            doc = self._find(schema.GOALS, goal.id)
            items = list(doc.get(field, [])) if doc else []
            new = self._update(schema.GOALS, goal.id, {field: [*items, item]})
        return goal_from_doc(new)

    def _change_goal(self, goal: Goal, label: str, fields: dict[str, Any]) -> Goal:
        with self._transaction(label):
            new = self._update(schema.GOALS, goal.id, fields)
        return goal_from_doc(new)


