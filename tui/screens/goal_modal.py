"""GoalModal: one goal up close: its steps to tick, the pledges of help, the cheers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.errors import TandemError
from store.models import Goal, Member
from store.repository import Store
from tui.paths import ASSETS_DIR
from tui.screens.goal_form_modal import GoalFormModal
from tui.widgets.goal_card import due_words
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import TandemApp

Entry = Literal["step", "pledge", "cheer"]
"""What the one-line entry at the bottom is adding."""

CHEERS_SHOWN = 4
"""Cheers listed, newest first; older ones are counted."""


def own_goal_message(goal: Goal) -> str:
    """Why `p` does nothing on your own goal, and what to do instead."""
    return (
        f"“{goal.title}” is your own goal: pledges of help come from someone else. "
        "Press c to cheer yourself on."
    )


class GoalModal(ModalScreen[bool]):
    """A goal's detail; returns True when the user asked to mark it achieved.

    Opened with `start` set, it goes straight to the entry line ("p" and "c" on the
    board); with `quick` too, it closes once that entry is saved or cancelled.
    """

    CSS_PATH = ASSETS_DIR / "goal_modals.tcss"

    HELP = """
### A goal up close

`up`/`down` choose a step and `space` ticks or unticks it. `a` adds a step,
`p` pledges your help (to someone else's goal), `c` leaves a cheer, `e` edits the
title, why and date, and `A` marks the goal achieved. `ctrl+z` undoes.
"""

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Back to the board", id="goal-close"),
        Binding("space", "toggle_step", "Tick", tooltip="Tick or untick the step", id="goal-tick"),
        Binding("a", "open_entry('step')", "Add step", tooltip="Add a step", id="goal-add-step"),
        Binding("p", "open_entry('pledge')", "Pledge", tooltip="Say how you'll help",
                id="goal-pledge"),
        Binding("p", "explain_pledge", "Pledge", show=False, id="goal-pledge-own"),
        Binding("c", "open_entry('cheer')", "Cheer", tooltip="Leave a cheer", id="goal-cheer"),
        Binding("e", "edit", "Edit", tooltip="Edit title, why and date", id="goal-edit"),
        Binding("A", "achieve", "Achieved!", tooltip="Mark the goal achieved", id="goal-achieve"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back the last change", id="goal-undo"),
    ]

    ENTRY_LABELS: ClassVar[dict[str, str]] = {
        "step": "New step:",
        "pledge": "Your pledge:",
        "cheer": "Your cheer:",
    }
    ENTRY_HINTS: ClassVar[dict[str, str]] = {
        "step": "the next thing to do, e.g. Book a lesson",
        "pledge": "how you'll help, e.g. I'll drive you to lessons",
        "cheer": "e.g. So proud of you!",
    }

    def __init__(self, goal: Goal, start: Entry | None = None, quick: bool = False) -> None:
        super().__init__()
        self.goal = goal
        """The goal as last read from the store."""
        self.start = start
        """The entry to open at once, if any."""
        self.quick = quick
        """Close once that first entry is done."""
        self.entry: Entry | None = None
        """What the entry line is adding while it is open."""

    @property
    def store(self) -> Store:
        """The app's store."""
        return cast("TandemApp", self.app).store

    @property
    def member(self) -> Member | None:
        """Who is at the keyboard."""
        return cast("TandemApp", self.app).member

    def compose(self) -> ComposeResult:
        """Title and facts, steps, pledges, cheers, the entry line, and the keys."""
        with Vertical(id="goal-detail"):
            yield Static(id="goal-detail-title", markup=False)
            yield Static(id="goal-detail-meta", markup=False)
            yield Static(id="goal-detail-why", markup=False)
            yield Static("Steps", classes="goal-detail-section")
            yield OptionList(id="goal-steps")
            yield Static("Support", classes="goal-detail-section")
            yield Static(id="goal-pledges")
            yield Static("Cheers", classes="goal-detail-section")
            yield Static(id="goal-cheers")
            with Vertical(id="goal-entry-box"):
                with Horizontal(id="goal-entry-row"):
                    yield Label(id="goal-entry-label")
                    yield Input(id="goal-entry")
                yield Static("enter saves · escape cancels", id="goal-entry-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill in the goal and open the entry line if asked to."""
        self._show(self.goal)
        self.query_one("#goal-steps", OptionList).focus()
        if self.start:
            self.action_open_entry(self.start)

    # -- showing -------------------------------------------------------------------------

    def _reload(self) -> bool:
        try:
            self.goal = self.store.goal(self.goal.id)
        except TandemError:
            return False
        self._show(self.goal)
        return True

    def _show(self, goal: Goal) -> None:
        names = self.store.member_names()
        owner = names.get(goal.owner, "Someone")
        self.query_one("#goal-detail-title", Static).update(goal.title)
        if goal.status == "achieved" and goal.achieved_at:
            status = f"achieved on {goal.achieved_at.day} {goal.achieved_at:%b %Y}"
        elif goal.status == "dropped":
            status = "dropped"
        else:
            status = due_words(goal.target_date, self.store.clock.today())
        meta = f"{owner}'s goal · {round(goal.progress * 100)}% done · {status}"
        self.query_one("#goal-detail-meta", Static).update(meta)
        why = self.query_one("#goal-detail-why", Static)
        why.update(f"Why: {goal.why}" if goal.why else "")
        why.display = bool(goal.why)
        self._show_steps(goal)
        pledges = [
            Content.from_markup("[b]$name helps:[/b] $pledge", name=names.get(s.by, "Someone"),
                                pledge=s.pledge)
            for s in goal.supports
        ] or [Content(self._no_pledges_yet(goal))]
        self.query_one("#goal-pledges", Static).update(Content("\n").join(pledges))
        cheers = sorted(goal.cheers, key=lambda c: c.at, reverse=True)
        lines = [
            Content.from_markup(
                "[b]$name:[/b] “$text” [dim]$day[/]", name=names.get(c.by, "Someone"), text=c.text,
                day=f"{c.at.day} {c.at:%b}",
            )
            for c in cheers[:CHEERS_SHOWN]
        ] or [Content("No cheers yet: press c to leave one.")]
        if len(cheers) > CHEERS_SHOWN:
            lines.append(Content(f"and {len(cheers) - CHEERS_SHOWN} earlier"))
        self.query_one("#goal-cheers", Static).update(Content("\n").join(lines))
        self.refresh_bindings()

    def _no_pledges_yet(self, goal: Goal) -> str:
        if goal.status != "active":
            return "No pledges."
        if self.member is not None and self.member.id == goal.owner:
            return "No pledges yet: the others can offer help from the board."
        return "No pledges yet: press p to offer help."

    def _show_steps(self, goal: Goal) -> None:
        steps = self.query_one("#goal-steps", OptionList)
        before = steps.highlighted
        options = [
            Option(Content(f"{n}. [{'x' if step.done else ' '}] {step.title}"), id=step.id)
            for n, step in enumerate(goal.steps, 1)
        ] or [Option("No steps yet: press a to add the first.", disabled=True)]
        steps.set_options(options)
        if goal.steps:
            steps.highlighted = min(before or 0, len(goal.steps) - 1)

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the entry line is open only `escape` works; pledges go to others' goals."""
        if action in ("close", "undo"):
            return True
        if self.entry is not None or self.member is None:
            return False
        mine = self.goal.owner == self.member.id
        active = self.goal.status == "active"
        if action == "toggle_step":
            return bool(self.goal.steps)
        if action == "open_entry" and parameters == ("pledge",):
            return active and not mine
        if action == "explain_pledge":
            return active and mine
        if action == "achieve":
            return active
        return True

    def action_toggle_step(self) -> None:
        """`space`: tick or untick the highlighted step."""
        self._toggle(self.query_one("#goal-steps", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#goal-steps")
    def step_chosen(self, event: OptionList.OptionSelected) -> None:
        """`enter` or a click on a step ticks or unticks it too."""
        event.stop()
        self._toggle(event.option_index)

    def _toggle(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.goal.steps):
            return
        done = not self.goal.steps[index].done
        goal_id = self.goal.id
        error = self._apply(lambda: self.store.set_step_done(goal_id, index + 1, done))
        if error is not None:
            self.notify(error, severity="error")
        elif done and all(step.done for step in self.goal.steps):
            self.notify("Every step is done. Press A to mark the goal achieved!")

    def action_open_entry(self, entry: Entry) -> None:
        """`a`, `p`, `c`: open the entry line for a step, a pledge or a cheer."""
        self.entry = entry
        self.query_one("#goal-entry-label", Label).update(self.ENTRY_LABELS[entry])
        field = self.query_one("#goal-entry", Input)
        field.placeholder = self.ENTRY_HINTS[entry]
        field.value = ""
        self.query_one("#goal-detail").add_class("-entering")
        field.focus()
        self.refresh_bindings()

    def action_explain_pledge(self) -> None:
        """`p` on your own goal: say why not."""
        self.notify(own_goal_message(self.goal), severity="warning")

    @on(Input.Submitted, "#goal-entry")
    def save_entry(self, event: Input.Submitted) -> None:
        """`enter` in the entry line: save the step, pledge or cheer."""
        event.stop()
        member, text, goal_id = self.member, event.value, self.goal.id
        if member is None or self.entry is None:
            return
        changes: dict[Entry, Callable[[], Goal]] = {
            "step": lambda: self.store.add_step(goal_id, text),
            "pledge": lambda: self.store.support_goal(goal_id, member.id, text),
            "cheer": lambda: self.store.cheer_goal(goal_id, member.id, text),
        }
        error = self._apply(changes[self.entry])
        if error is None:
            self._close_entry()
        else:
            self.notify(error, severity="error")

    def _close_entry(self) -> None:
        self.entry = None
        self.query_one("#goal-detail").remove_class("-entering")
        if self.quick:
            self.dismiss(False)
            return
        self.query_one("#goal-steps", OptionList).focus()
        self.refresh_bindings()

    def action_edit(self) -> None:
        """`e`: edit the title, why and target date."""
        owner = self.store.member(self.goal.owner)
        self.app.push_screen(GoalFormModal(owner, self.goal), callback=self._edited)

    def _edited(self, goal: Goal | None) -> None:
        if goal is not None:
            self.goal = goal
            self._show(goal)

    def action_achieve(self) -> None:
        """`A`: back to the board, which marks it achieved and celebrates."""
        self.dismiss(True)

    def action_undo(self) -> None:
        """`ctrl+z`: the app's undo, then show the goal as it is now."""
        cast("TandemApp", self.app).action_undo()
        if not self._reload():
            self.dismiss(False)

    def action_close(self) -> None:
        """`escape`: close the entry line, or go back to the board."""
        if self.entry is not None:
            self._close_entry()
        else:
            self.dismiss(False)

    def _apply(self, change: Callable[[], Goal]) -> str | None:
        """Run a store change and show the goal as it is now; a refusal comes back as text."""
        try:
            self.goal = change()
        except TandemError as error:
            return str(error)
        self._show(self.goal)
        return None
