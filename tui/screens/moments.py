"""MomentsScreen: the timeline of what we did and plan to do, with the notes we keep."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from store.ideas import fuzzy_score
from store.models import Member, Moment
from tui.screens.pane import PaneScreen
from tui.widgets.moment_timeline import MomentEntry, MomentTimeline

if TYPE_CHECKING:
    from tui.screens.moment_form_modal import MomentDraft

_NEEDS_A_MOMENT = frozenset({"edit", "delete"})
_NEEDS_A_QUESTION = frozenset({"happened", "did_not_happen"})


def people_words(names: list[str]) -> str:
    """Names in words: "Sarah", "Sarah and Leo", "Sarah, Leo and Sam"."""
    if len(names) < 2:
        return "".join(names) or "nobody"
    return f"{', '.join(names[:-1])} and {names[-1]}"


class MomentsScreen(PaneScreen):
    """Newest first, by month: each moment with who took part, how it felt and its note."""

    PANE = "moments"
    HELP = """\
**Moments**: what you did together and what you plan, newest first.

- `↑` `↓` move; the moment under the cursor shows its whole note.
- `a` logs a moment, `e` (or `enter`) edits one, `delete` deletes (`ctrl+z` undoes).
- `/` searches titles, notes and names as you type; `escape` leaves the search.
- ✓ done, ◇ planned, ? a plan whose day has passed: `y` (or `enter`) it happened,
  `n` it didn't. The dots and the word say how it felt: ●●●●○ good.
"""

    AUTO_FOCUS = "#moments-timeline"
    """Start in the timeline, not in the search."""

    BINDINGS = [
        Binding("escape", "leave_search", "Back", tooltip="Back to the moments", id="moments-back"),
        Binding("slash", "focus_search", "Search", tooltip="Search moments", id="moments-search"),
        Binding("a", "add", "Log a moment", tooltip="Keep a new memory", id="moment-add"),
        Binding("e", "edit", "Edit", tooltip="Change this moment", id="moment-edit"),
        Binding("delete", "delete", "Delete", tooltip="Delete it (ctrl+z undoes)", id="moment-del"),
        Binding("y", "happened", "It happened", tooltip="Keep it as done", id="moment-yes"),
        Binding("n", "did_not_happen", "It didn't", tooltip="Delete the plan", id="moment-no"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._moments: dict[str, Moment] = {}
        """Every moment by id, newest first."""
        self._members: tuple[Member, ...] = ()
        """The family, in the order they were added."""
        self._names: dict[str, str] = {}
        """Member id to name, former members included."""
        self._query = ""
        """What the search field holds."""
        self._current: MomentEntry | None = None
        """The moment under the cursor."""

    def compose_body(self) -> ComposeResult:
        """The search field and the timeline."""
        yield Input(
            placeholder="Search moments: press / and type (pancake, river, Leo…)",
            id="moments-search",
            compact=True,
        )
        yield MomentTimeline(id="moments-timeline")

    @property
    def today(self) -> date:
        """The family's today."""
        return self.store.clock.today()

    def refresh_data(self) -> None:
        """Read the moments and redraw the timeline, the cursor kept on the same moment."""
        super().refresh_data()
        if not self.store.is_set_up:
            return
        self._members = self.store.list_members()
        self._names = self.store.member_names()
        moments = self.store.list_moments()
        self._moments = {moment.id: moment for moment in moments}
        self._show(moments)

    def select_record(self, record_id: str) -> bool:
        """Show a moment by id, clearing a search that hides it."""
        if record_id not in self._moments:
            self.refresh_data()
        if record_id not in self._moments:
            return False
        timeline = self.query_one(MomentTimeline)
        if record_id not in timeline.moment_ids:
            self.query_one("#moments-search", Input).value = ""
            self._query = ""
            self._show(tuple(self._moments.values()))
        timeline.focus()
        return timeline.select_moment(record_id)

    def _show(self, moments: tuple[Moment, ...], keep: str | None = None) -> None:
        timeline = self.query_one(MomentTimeline)
        entries = [
            entry for moment in moments if self._matches(entry := self._entry(moment))
        ]
        timeline.border_title = f"Moments ({len(entries)})"
        if self._query.strip():
            empty = f"No moment matches “{self._query.strip()}”. escape leaves the search."
        else:
            empty = "No moments yet. Press a to keep one, or plan an idea in Ideas (1)."
        timeline.show(entries, keep or timeline.moment_id, empty)

    def _entry(self, moment: Moment) -> MomentEntry:
        names = [self._names.get(member_id, "someone") for member_id in moment.members]
        overdue = moment.planned and moment.date < self.today
        return MomentEntry(moment, people_words(names), overdue)

    def _matches(self, entry: MomentEntry) -> bool:
        moment = entry.moment
        text = f"{moment.title} {moment.note} {entry.people}"
        return fuzzy_score(self._query, text) is not None

    @on(Input.Changed, "#moments-search")
    def search(self, event: Input.Changed) -> None:
        """Search as you type."""
        self._query = event.value
        self._show(tuple(self._moments.values()))

    @on(Input.Submitted, "#moments-search")
    def action_leave_search(self) -> None:
        """`enter` or `escape` in the search: back to the timeline (the search stays)."""
        self.query_one(MomentTimeline).focus()

    @on(MomentTimeline.Highlighted)
    def follow(self) -> None:
        """Offer the keys that fit the moment under the cursor."""
        before = self._offers(self._current)
        self._current = self.query_one(MomentTimeline).entry
        if self._offers(self._current) != before:
            self.refresh_bindings()  # the footer is rebuilt: only when keys come or go

    @staticmethod
    def _offers(entry: MomentEntry | None) -> tuple[bool, bool]:
        """What the keys depend on: a moment under the cursor, and a question to answer."""
        return entry is not None, entry is not None and entry.overdue

    @on(MomentTimeline.Opened)
    def open_moment(self) -> None:
        """`enter`: answer "did this happen?", else edit the moment."""
        if self._current is not None and self._current.overdue:
            self.action_happened()
        elif self._current is not None:
            self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`y`/`n` only on a past plan; edit and delete need a moment."""
        current = self._current
        if action in _NEEDS_A_QUESTION:
            return current is not None and current.overdue
        if action in _NEEDS_A_MOMENT:
            return None if current is None else True
        if action == "add":
            return None if self.member is None else True
        if action == "leave_search":
            return not isinstance(self.focused, MomentTimeline)
        return True

    # -- actions ------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """`/`: type to search."""
        self.query_one("#moments-search", Input).focus()

    @property
    def chosen(self) -> Moment:
        """The moment under the cursor (`check_action` offers its keys only when there is one)."""
        assert self._current is not None
        return self._current.moment

    def _people(self) -> list[tuple[str, str]]:
        return [(member.id, member.name) for member in self._members]

    def action_add(self) -> None:
        """`a`: keep a new memory (today, everyone, a note and a mood)."""
        from tui.screens.moment_form_modal import MomentDraft, MomentFormModal  # on first use

        draft = MomentDraft("", self.today, tuple(m.id for m in self._members), "", None)
        modal = MomentFormModal(
            draft, heading="A moment to keep", people=self._people(), today=self.today
        )
        self.app.push_screen(modal, callback=self._added)

    def _added(self, draft: MomentDraft | None) -> None:
        if draft is None or self.member is None:
            return
        change = partial(
            self.store.add_moment, draft.title, draft.day, self.member.id,
            members=draft.members, note=draft.note, mood=draft.mood,
        )
        moment = self._attempt(change, "Kept in Moments.", draft.title)
        if moment is not None:
            self.query_one(MomentTimeline).select_moment(moment.id)

    def action_edit(self) -> None:
        """`e`: change the moment under the cursor (a plan stays a plan)."""
        moment = self.chosen
        heading = "Edit the plan" if moment.planned else "Edit the moment"
        self._open_form(moment, heading, done=not moment.planned)

    def action_happened(self) -> None:
        """`y`: the plan happened; keep it as a moment with a note and a mood."""
        self._open_form(self.chosen, "Did this happen? Keep a note of it", done=True)

    def _open_form(self, moment: Moment, heading: str, *, done: bool) -> None:
        from tui.screens.moment_form_modal import MomentDraft, MomentFormModal

        draft = MomentDraft(moment.title, moment.date, moment.members, moment.note, moment.mood)
        modal = MomentFormModal(
            draft, heading=heading, people=self._people(), today=self.today, done=done
        )
        self.app.push_screen(modal, callback=partial(self._edited, moment, done))

    def _edited(self, moment: Moment, done: bool, draft: MomentDraft | None) -> None:
        if draft is None:
            return
        change = partial(
            self.store.edit_moment, moment.id, title=draft.title, day=draft.day,
            members=draft.members, note=draft.note, mood=draft.mood, planned=not done,
        )
        self._attempt(change, "Kept as done." if moment.planned and done else "Saved.", draft.title)

    def action_delete(self) -> None:
        """`delete`: delete the moment under the cursor (`ctrl+z` brings it back)."""
        moment = self.chosen
        change = partial(self.store.delete_moment, moment.id)
        self._attempt(change, "Deleted. ctrl+z brings it back.", moment.title)

    def action_did_not_happen(self) -> None:
        """`n`: the plan did not happen; let it go (`ctrl+z` brings it back)."""
        moment = self.chosen
        change = partial(self.store.delete_moment, moment.id)
        self._attempt(change, "Plan let go. ctrl+z brings it back.", moment.title)
