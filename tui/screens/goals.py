"""GoalsScreen: the goals board: a column per member, pledges of help, cheers and wins."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding

from store.errors import TandemError
from store.models import Goal, Member
from tui.screens.pane import PaneScreen
from tui.widgets.goal_board import GoalBoard
from tui.widgets.goal_column import ColumnContent, GoalColumn, column_content
from tui.widgets.wins_list import WinsList, goal_wins, streak_milestones

if TYPE_CHECKING:
    from tui.screens.goal_modal import Entry

ON_GOAL: dict[str, Callable[[Goal, bool], bool]] = {
    "open_goal": lambda goal, mine: True,
    "edit_goal": lambda goal, mine: True,
    "pledge": lambda goal, mine: goal.status == "active" and not mine,
    "explain_pledge": lambda goal, mine: goal.status == "active" and mine,
    "cheer": lambda goal, mine: goal.status == "active",
    "tick_step": lambda goal, mine: goal.status == "active" and not all(
        step.done for step in goal.steps
    ),
    "achieve": lambda goal, mine: goal.status == "active",
    "drop_goal": lambda goal, mine: goal.status == "active",
    "restore_goal": lambda goal, mine: goal.status == "dropped",
}
"""Actions on the selected goal, and when each is on offer (`mine`: the viewer owns it)."""


class GoalsScreen(PaneScreen):
    """Each member's goals side by side; the others pledge help and cheer them on."""

    PANE = "goals"
    HELP = """
## Goals

One column per person. Each card shows how far the goal has come, when it is due,
who has pledged to help, and the latest cheer. **needs a supporter** marks a goal
nobody has offered to help with yet: that is where you come in.

- `enter` opens a goal: tick its steps, read every pledge and cheer
- `a` adds a goal of yours, `e` edits the selected one
- `p` pledges your help with someone else's goal, `c` cheers any goal on
- `x` ticks the next step, `A` marks the goal achieved (and celebrates it)
- `d` drops a goal (or takes a dropped one up again), `D` shows or hides dropped goals
- `w` shows the wins: goals reached and ritual streaks; `/` finds goals by title
- `left`/`right` (or `tab`) move between people, `up`/`down` between goals
"""

    AUTO_FOCUS = "GoalColumn"
    """A column, once the board has them (the board picks which); never the find line."""
    BINDINGS = [
        Binding("enter", "open_goal", "Open", tooltip="Steps, pledges and cheers", id="goals-open"),
        Binding("a", "add_goal", "Add", tooltip="Add a goal of yours", id="goals-add"),
        Binding("p", "pledge", "Pledge", tooltip="Say how you'll help", id="goals-pledge"),
        Binding("p", "explain_pledge", "Pledge", show=False, id="goals-pledge-own"),
        Binding("c", "cheer", "Cheer", tooltip="Leave a word of encouragement", id="goals-cheer"),
        Binding("x", "tick_step", "Tick step", tooltip="Tick the next step", id="goals-tick"),
        Binding("A", "achieve", "Achieved!", tooltip="Mark it achieved", id="goals-achieve"),
        Binding("w", "show_wins(True)", "Wins", tooltip="Goals reached, streaks kept",
                id="goals-wins"),
        Binding("w", "show_wins(False)", "Board", tooltip="Back to the board", id="goals-board"),
        Binding("e", "edit_goal", "Edit", tooltip="Title, why and date", id="goals-edit"),
        Binding("d", "drop_goal", "Drop", tooltip="Put the goal aside", id="goals-drop"),
        Binding("d", "restore_goal", "Restore", tooltip="Take it up again", id="goals-restore"),
        Binding("slash", "find", "Find", tooltip="Find goals by title", id="goals-find"),
        Binding("D", "toggle_dropped", "Dropped", tooltip="Show or hide dropped goals",
                id="goals-show-dropped"),
        Binding("escape", "stop_finding", "Show all", tooltip="Clear the find line",
                id="goals-clear-find"),
        Binding("escape", "show_wins(False)", "Board", show=False, id="goals-leave-wins"),
    ]

    board = getters.query_one("#goals-body", GoalBoard)
    """The find line, the columns and the wins."""

    def __init__(self) -> None:
        super().__init__()
        self.goals: dict[str, Goal] = {}
        """Every goal, by id, in the store's order, as last read."""
        self.show_dropped = False
        """Whether dropped goals are shown on the board."""
        self._offer: list[tuple[str, str, bool]] = []

    def compose_body(self) -> ComposeResult:
        """The find line, then the board or the wins."""
        yield GoalBoard(id="goals-body")

    # -- data ------------------------------------------------------------------------------

    def columns(self) -> list[GoalColumn]:
        """The board's columns, left to right."""
        return self.board.columns()

    def selected_goal(self) -> Goal | None:
        """The goal under the cursor of the column with focus (or that had it last)."""
        selected = self.board.selected_id
        return self.goals.get(selected) if selected else None

    def refresh_data(self) -> None:
        """Read members and goals; each column keeps its cursor on the same goal."""
        super().refresh_data()
        if not self.store.is_set_up:
            return
        self.goals = {goal.id: goal for goal in self.store.list_goals()}
        self._show_board()
        if self.board.showing_wins:
            self._show_wins()

    def _show_board(self) -> None:
        """Push the goals read last to the columns (after a filter or the dropped toggle)."""
        members = self.store.list_members()
        viewer = self.member.id if self.member else None
        self.board.show([(member.id, self._content(member)) for member in members], viewer)
        self._offer_keys()

    def _content(self, member: Member) -> ColumnContent:
        return column_content(
            member,
            self.goals.values(),
            self.store.member_names(),
            self.store.clock.today(),
            self.member.id if self.member else None,
            self.board.query_text,
            self.show_dropped,
        )

    def _show_wins(self) -> None:
        milestones = streak_milestones(self.store.ritual_overview())
        wins = goal_wins(self.goals.values(), self.store.member_names())
        self.query_one(WinsList).show(wins, milestones)

    # -- selection and focus -----------------------------------------------------------------

    @on(GoalColumn.Highlighted)
    def cursor_moved(self) -> None:
        """The keys on offer depend on the goal under the cursor."""
        self._offer_keys()

    def _keys_on_offer(self) -> list[tuple[str, str, bool]]:
        offer = [(key, b.binding.action, b.enabled) for key, b in self.active_bindings.items()]
        return [("app-focus", "", self.app.app_focus), *offer]

    def _remember_offer(self, screen: object) -> None:
        """Whoever asked for the footer to be redrawn, it will show what is on offer now."""
        self._offer = self._keys_on_offer()

    def _offer_keys(self) -> None:
        """Redraw the footer only when the keys on offer changed (it rebuilds every key)."""
        if self._keys_on_offer() != self._offer:
            self.refresh_bindings()

    @on(events.Mount)
    def track_footer_updates(self) -> None:
        """Note what every footer update shows, ours and Textual's (on focus changes)."""
        self.bindings_updated_signal.subscribe(self, self._remember_offer)

    def action_next_column(self, step: int) -> None:
        """`left`/`right` in a column: the next person's (each column keeps its cursor)."""
        self.board.move(step)

    def select_record(self, record_id: str) -> bool:
        """Show a goal chosen in the command palette: on the board, or among the wins."""
        self.refresh_data()
        goal = self.goals.get(record_id)
        if goal is None:
            return False
        if goal.status == "achieved":
            self.action_show_wins(True)
            self.query_one(WinsList).select_goal(goal.id)
            return True
        if self.board.query_text or (goal.status == "dropped" and not self.show_dropped):
            self.show_dropped = self.show_dropped or goal.status == "dropped"
            self.board.set_query("")
            self._show_board()
        self.action_show_wins(False)
        self.board.select(goal.id)
        return True

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what makes sense for the goal under the cursor, and who is typing."""
        if not self.query("#goals-body"):
            return None  # asked before the board is built (keys typed ahead): dimmed
        if action == "show_wins":
            return parameters == (not self.board.showing_wins,)
        if action == "stop_finding":
            return not self.board.showing_wins and self.board.find_open
        if action == "next_column":
            return True
        if self.board.showing_wins or self.member is None:
            return False
        if action == "toggle_dropped":
            return self.show_dropped or any(g.status == "dropped" for g in self.goals.values())
        if action == "find":
            return any(g.status != "achieved" for g in self.goals.values())
        if action not in ON_GOAL:
            return True
        goal = self.selected_goal()
        return goal is not None and ON_GOAL[action](goal, goal.owner == self.member.id)

    def action_open_goal(self, start: Entry | None = None, quick: bool = False) -> None:
        """`enter`: the goal up close."""
        if goal := self.selected_goal():
            self._open(goal, start, quick)

    def _open(self, goal: Goal, start: Entry | None = None, quick: bool = False) -> None:
        from tui.screens.goal_modal import GoalModal  # the dialogs load when first used

        def closed(achieve: bool | None) -> None:
            if achieve:
                self._achieve(goal.id)

        self.app.push_screen(GoalModal(goal, start, quick), callback=closed)

    @on(GoalColumn.Opened)
    def open_clicked(self, event: GoalColumn.Opened) -> None:
        """A double-clicked card."""
        if goal := self.goals.get(event.goal_id):
            self._open(goal)

    @on(WinsList.Opened)
    def open_win(self, event: WinsList.Opened) -> None:
        """`enter` on a win: the goal up close, or the ritual in the Rituals pane."""
        if event.kind == "ritual":
            self.tandem.jump_to("rituals", event.record_id)
        elif goal := self.goals.get(event.record_id):
            self._open(goal)

    def action_pledge(self) -> None:
        """`p`: pledge help with the selected goal (someone else's)."""
        self.action_open_goal("pledge", quick=True)

    def action_explain_pledge(self) -> None:
        """`p` on your own goal: say why not."""
        from tui.screens.goal_modal import own_goal_message

        if goal := self.selected_goal():
            self.notify(own_goal_message(goal), severity="warning")

    def action_cheer(self) -> None:
        """`c`: leave a cheer on the selected goal."""
        self.action_open_goal("cheer", quick=True)

    def action_add_goal(self) -> None:
        """`a`: a new goal for the member at the keyboard."""
        from tui.screens.goal_form_modal import GoalFormModal

        if self.member is not None:
            self.app.push_screen(GoalFormModal(self.member), callback=self._saved)

    def action_edit_goal(self) -> None:
        """`e`: edit the selected goal's title, why and target date."""
        from tui.screens.goal_form_modal import GoalFormModal

        if goal := self.selected_goal():
            owner = self.store.member(goal.owner)
            self.app.push_screen(GoalFormModal(owner, goal), callback=self._saved)

    def _saved(self, goal: Goal | None) -> None:
        if goal is not None:
            self.select_record(goal.id)

    def action_tick_step(self) -> None:
        """`x`: tick the selected goal's next step."""
        if (goal := self.selected_goal()) is None:
            return
        number = next(n for n, step in enumerate(goal.steps, 1) if not step.done)
        if (saved := self._change(lambda: self.store.set_step_done(goal.id, number))) is None:
            return
        done = sum(step.done for step in saved.steps)
        if done == len(saved.steps):
            self.notify("Every step is done. Press A to mark it achieved!", title=saved.title)
        else:
            title = saved.steps[number - 1].title
            self.notify(f"Ticked “{title}”: {done} of {len(saved.steps)} done.")

    def action_achieve(self) -> None:
        """`A`: mark the selected goal achieved and celebrate."""
        if goal := self.selected_goal():
            self._achieve(goal.id)

    def _achieve(self, goal_id: str) -> None:
        from tui.screens.celebration_modal import Celebration, CelebrationModal

        if goal := self._change(lambda: self.store.achieve_goal(goal_id)):
            celebration = Celebration.of(goal, self.store.member_names())
            self.app.push_screen(CelebrationModal(celebration))

    def action_drop_goal(self) -> None:
        """`d`: put the selected goal aside (hidden until `D`; `ctrl+z` undoes)."""
        if (goal := self.selected_goal()) and self._change(
            lambda: self.store.set_goal_status(goal.id, "dropped")
        ):
            self.notify(f"Dropped “{goal.title}”. D shows dropped goals; ctrl+z undoes.")

    def action_restore_goal(self) -> None:
        """`d` on a dropped goal: take it up again."""
        if goal := self.selected_goal():
            self._change(lambda: self.store.set_goal_status(goal.id, "active"))

    def action_toggle_dropped(self) -> None:
        """`D`: show or hide dropped goals."""
        self.show_dropped = not self.show_dropped
        self._show_board()
        self.notify("Showing dropped goals." if self.show_dropped else "Dropped goals hidden.")

    def action_show_wins(self, wins: bool) -> None:
        """`w`: the wins, or back to the board."""
        self.board.show_wins(wins)
        if wins:
            self._show_wins()
            self.query_one(WinsList).focus()
        self._offer_keys()

    def _change(self, change: Callable[[], Goal]) -> Goal | None:
        """Run a store change and refresh; a refusal is shown as a message."""
        try:
            goal = change()
        except TandemError as error:
            self.notify(str(error), severity="error")
            return None
        self.refresh_data()
        return goal

    # -- finding -----------------------------------------------------------------------------

    def action_find(self) -> None:
        """`/`: type part of a title to see only the goals that match."""
        self.board.open_find()
        self._offer_keys()

    @on(GoalBoard.FindChanged)
    def filter_cards(self) -> None:
        """Narrow the board as the user types."""
        self._show_board()

    @on(GoalBoard.FindSubmitted)
    def back_to_board(self) -> None:
        """`enter` in the find line: back to the cards (the filter stays)."""
        self._offer_keys()

    def action_stop_finding(self) -> None:
        """`escape`: clear the filter and close the find line."""
        self.board.set_query("")
        self._show_board()
        self.action_show_wins(False)
