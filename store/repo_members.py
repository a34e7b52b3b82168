"""The Store's members: who is in the family, and first set-up."""

from __future__ import annotations

from collections.abc import Sequence

from store import schema
from store.errors import RejectedInput
from store.models import ROLES, Member, Role
from store.records import StoreCore, resolve
from store.serialization import member_from_doc
from store.validation import choose, clean_title

MEMBER_COLOURS = ("coral", "teal", "gold", "violet", "green", "blue")
"""Colour names handed out in order; the UI maps them to theme colours."""


class MemberRecords(StoreCore):
    """Members: add, list, find by name."""

    def list_members(self) -> tuple[Member, ...]:
        """Every member, in the order they were added."""
        docs = sorted(self._live(schema.MEMBERS), key=lambda d: (d["created_at"], d["id"]))
        return tuple(member_from_doc(doc) for doc in docs)

    @property
    def is_set_up(self) -> bool:
        """Whether the family has at least one member (first run is over)."""
        return bool(self._live(schema.MEMBERS))

    def add_member(self, name: str, role: str = "other") -> Member:
        """Add a member; names are unique regardless of case.

        Raises:
            RejectedInput: an empty, overlong or duplicate name, or an unknown role.
        """
        clean = clean_title(name, "name")
        chosen: Role = choose(role, ROLES, "role")  # type: ignore[assignment]
        with self._transaction(f"added {clean}"):
            existing = self.list_members()
            if any(m.name.casefold() == clean.casefold() for m in existing):
                raise RejectedInput(f"There is already a member called {clean}.")
            colour = MEMBER_COLOURS[len(existing) % len(MEMBER_COLOURS)]
            doc = self._insert(schema.MEMBERS, {"name": clean, "role": chosen, "colour": colour})
        return member_from_doc(doc)

    def set_up(self, people: Sequence[tuple[str, str]]) -> tuple[Member, ...]:
        """First set-up: add every (name, role) at once, or none if one is refused.

        Not a step `undo` takes back: it would leave the app with nobody at the keyboard
        and the family to type again (a member added later is undoable as usual).
        """
        if not people:
            raise RejectedInput("Name at least one member.")
        names = [clean_title(name, "name").casefold() for name, _ in people]
        if len(set(names)) != len(names):
            raise RejectedInput("Two members cannot have the same name.")
        for _, role in people:
            choose(role, ROLES, "role")
        with self._transaction("set up the family", undoable=False):
            for name, role in people:
                self.add_member(name, role)
        return self.list_members()

    def member(self, ref: str) -> Member:
        """The member named by id, name (any case) or an unambiguous prefix."""
        return resolve(self.list_members(), ref, lambda m: (m.id, m.name), "member")

    def member_names(self) -> dict[str, str]:
        """Member id to name, deleted members included (old records still name them)."""
        return {doc["id"]: doc["name"] for doc in self._table(schema.MEMBERS).all()}
