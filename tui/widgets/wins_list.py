"""WinsList: goals reached (newest first, with who helped) and ritual streak milestones."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.models import Goal, Ritual
from store.streaks import RitualStats

MILESTONES = (4, 12, 26, 52, 100)
"""Streak lengths worth a celebration, in occurrences kept in a row."""


@dataclass(frozen=True, slots=True)
class GoalWin:
    """An achieved goal, with the people who helped."""

    goal_id: str
    title: str
    owner: str
    """The owner's name."""
    achieved_at: date | None
    supporters: tuple[tuple[str, str], ...]
    """(name, pledge) of everyone who pledged help."""
    cheers: int


@dataclass(frozen=True, slots=True)
class Milestone:
    """The biggest streak milestone a ritual has reached."""

    ritual_id: str
    title: str
    reached: int
    """The milestone: one of `MILESTONES`."""
    current: int
    longest: int

    @property
    def text(self) -> str:
        """"Sunday dinner: 52 in a row"."""
        return f"{self.title}: {self.reached} in a row"

    @property
    def detail(self) -> str:
        """Whether the run is still going, or how long the best one was."""
        if self.current >= self.reached:
            return f"still going: {self.current} so far"
        if self.current:
            return f"best run {self.longest}, now {self.current}"
        return f"best run {self.longest}"


def streak_milestones(overview: Iterable[tuple[Ritual, RitualStats]]) -> tuple[Milestone, ...]:
    """The highest milestone each ritual's current or longest streak reached, biggest first.

    Args:
        overview: Rituals with their figures, as `Store.ritual_overview()` returns them.
    """
    found = []
    for ritual, stats in overview:
        best = max(stats.overall.current_streak, stats.overall.longest_streak)
        reached = [m for m in MILESTONES if m <= best]
        if reached:
            figures = stats.overall
            found.append(
                Milestone(
                    ritual.id, ritual.title, reached[-1], figures.current_streak, best
                )
            )
    return tuple(sorted(found, key=lambda m: (-m.reached, -m.longest, m.title.casefold())))


def goal_wins(goals: Iterable[Goal], names: Mapping[str, str]) -> tuple[GoalWin, ...]:
    """The achieved goals among `goals`, newest first, with who pledged help to each."""
    wins = [
        GoalWin(
            goal_id=goal.id,
            title=goal.title,
            owner=names.get(goal.owner, "Someone"),
            achieved_at=goal.achieved_at,
            supporters=tuple(
                (names.get(s.by, "Someone"), s.pledge) for s in goal.supports if s.by != goal.owner
            ),
            cheers=len(goal.cheers),
        )
        for goal in goals
        if goal.status == "achieved"
    ]
    return tuple(
        sorted(wins, key=lambda w: (w.achieved_at or date.min, w.title.casefold()), reverse=True)
    )


class WinsList(OptionList):
    """A list of wins: `enter` opens a goal, or a ritual in the Rituals pane."""

    HELP = """
### Wins

Every goal reached, newest first, with who helped, and every ritual kept
4, 12, 26, 52 or 100 times in a row. `enter` opens one; `w` goes back to the board.
"""

    @dataclass
    class Opened(Message):
        """A win was chosen: `kind` is "goal" or "ritual"."""

        kind: str
        record_id: str

    def show(self, goals: Sequence[GoalWin], milestones: Sequence[Milestone]) -> None:
        """List the wins, keeping the highlight on the same one."""
        before = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option | None] = [Option(self._heading("Goals reached"), disabled=True)]
        if not goals:
            options.append(
                Option("  None yet: when a goal is done, press A on its card.", disabled=True)
            )
        options += [Option(self._goal_line(win), id=f"goal:{win.goal_id}") for win in goals]
        options += [None, Option(self._heading("Ritual streaks"), disabled=True)]
        if not milestones:
            options.append(
                Option("  None yet: keep a ritual 4 times in a row for the first.", disabled=True)
            )
        options += [Option(self._milestone_line(m), id=f"ritual:{m.ritual_id}") for m in milestones]
        self.set_options(options)
        ids = [option.id for option in self.options]
        if before is not None and before in ids:
            self.highlighted = ids.index(before)
        else:
            self.action_first()

    def select_goal(self, goal_id: str) -> None:
        """Highlight a goal's win (if it is listed)."""
        try:
            self.highlighted = self.get_option_index(f"goal:{goal_id}")
        except OptionDoesNotExist:
            pass

    @staticmethod
    def _heading(text: str) -> Content:
        return Content.styled(text, "bold $text-accent")

    @staticmethod
    def _goal_line(win: GoalWin) -> Content:
        when = f"{win.achieved_at.day} {win.achieved_at:%b %Y}" if win.achieved_at else ""
        line = Content.from_markup(
            "★ [b]$title[/b] · $owner · $when", title=win.title, owner=win.owner, when=when
        )
        helpers = [
            Content.from_markup("    [b]$name helped:[/b] $pledge", name=name, pledge=pledge)
            for name, pledge in win.supporters
        ] or [Content("    (no pledges)")]
        if win.cheers:
            plural = "s" if win.cheers != 1 else ""
            helpers.append(Content(f"    {win.cheers} cheer{plural} along the way"))
        return Content("\n").join([line, *helpers])

    @staticmethod
    def _milestone_line(milestone: Milestone) -> Content:
        return Content.from_markup(
            "★ [b]$text[/b] · $detail", text=milestone.text, detail=milestone.detail
        )

    @on(OptionList.OptionSelected)
    def open_win(self, event: OptionList.OptionSelected) -> None:
        """`enter` on a win: ask the screen to open it."""
        event.stop()
        kind, _, record_id = (event.option.id or "").partition(":")
        if record_id:
            self.post_message(self.Opened(kind, record_id))
