"""GoalCard: one goal on the board: title, progress, target date, pledges and latest cheer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from store.models import Goal, GoalStatus

BAR_CELLS = 10
"""Width of the text progress bar, in cells."""

SOON_DAYS = 14
"""Within this many days a target date is counted down ("3 days left") instead of dated."""

PLEDGES_SHOWN = 2
"""Pledges listed on a card; any more are counted ("and 1 more")."""


def due_words(target: date | None, today: date) -> str:
    """A target date in words: "by 30 Nov", "3 days left", "due today", "overdue by 2 days".

    Args:
        target: The goal's target date, if it has one.
        today: The day the board is drawn for.
    """
    if target is None:
        return "no target date"
    days = (target - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days <= SOON_DAYS:
        return f"{days} days left"
    if target.year == today.year:
        return f"by {target.day} {target:%b}"
    return f"by {target.day} {target:%b %Y}"


def progress_bar(progress: float, cells: int = BAR_CELLS) -> str:
    """A bar of full and light blocks, so progress reads without colour: `█████░░░░░`."""
    filled = round(max(0.0, min(1.0, progress)) * cells)
    return "█" * filled + "░" * (cells - filled)


@dataclass(frozen=True, slots=True)
class CardFacts:
    """What a card shows about one goal, worked out by the screen from the store."""

    goal_id: str
    title: str
    status: GoalStatus
    steps_done: int
    steps_total: int
    progress: float
    """0..1, the share of steps done."""
    when: str
    """The target date in words (see `due_words`)."""
    overdue: bool
    pledges: tuple[tuple[str, str], ...]
    """(supporter's name, pledge), oldest first."""
    cheer: tuple[str, str] | None
    """The latest cheer: (name, text)."""
    mine: bool
    """Owned by the member at the keyboard (who cannot pledge to it)."""

    @property
    def needs_supporter(self) -> bool:
        """Nobody else has pledged help yet."""
        return not self.pledges


def card_facts(goal: Goal, names: Mapping[str, str], today: date, viewer: str | None) -> CardFacts:
    """The facts a card shows for `goal`, as seen by member `viewer` on `today`.

    Args:
        goal: The goal.
        names: Member id to name.
        today: The day the board is drawn for.
        viewer: Id of the member at the keyboard (None before anyone is chosen).
    """
    pledges = tuple(
        (names.get(s.by, "Someone"), s.pledge) for s in goal.supports if s.by != goal.owner
    )
    latest = max(goal.cheers, key=lambda c: c.at, default=None)
    return CardFacts(
        goal_id=goal.id,
        title=goal.title,
        status=goal.status,
        steps_done=sum(step.done for step in goal.steps),
        steps_total=len(goal.steps),
        progress=goal.progress,
        when=due_words(goal.target_date, today),
        overdue=goal.target_date is not None and goal.target_date < today,
        pledges=pledges,
        cheer=(names.get(latest.by, "Someone"), latest.text) if latest else None,
        mine=goal.owner == viewer,
    )


class GoalCard(Vertical):
    """A goal as a card; its column marks the selected one. A double click opens it."""

    @dataclass
    class Clicked(Message):
        """The card was clicked (`times` is 2 for a double click)."""

        card: GoalCard
        times: int

    facts: reactive[CardFacts | None] = reactive(None)
    """What the card shows; a new value redraws it."""

    def __init__(self, facts: CardFacts) -> None:
        super().__init__()
        self.set_reactive(GoalCard.facts, facts)
        self._mark(facts)

    @property
    def goal_id(self) -> str:
        """The id of the goal shown."""
        return self.facts.goal_id if self.facts else ""

    def compose(self) -> ComposeResult:
        """The title (it wraps), then one line per fact (cut short with … when too long)."""
        yield Static(self.facts.title if self.facts else "", classes="card-title", markup=False)
        yield Static(self._body(self.facts) if self.facts else "", classes="card-body")

    def watch_facts(self, facts: CardFacts | None) -> None:
        """Show new facts in place."""
        self._mark(facts)
        if facts is not None and self.is_mounted:
            self.query_one(".card-title", Static).update(facts.title)
            self.query_one(".card-body", Static).update(self._body(facts))

    def _mark(self, facts: CardFacts | None) -> None:
        """A dropped card gets a class for a fainter look (its words already say it)."""
        self.set_class(bool(facts and facts.status == "dropped"), "-dropped")

    @staticmethod
    def _body(facts: CardFacts) -> Content:
        lines = [GoalCard._progress_line(facts)]
        if facts.status == "dropped":
            lines.append(Content.styled("dropped · d takes it up again", "$text-muted"))
        elif facts.overdue:
            lines.append(Content.styled(facts.when, "bold $text-warning"))
        else:
            lines.append(Content.styled(facts.when, "$text-muted"))
        lines += [
            Content.from_markup("[b]$name helps:[/b] $pledge", name=name, pledge=pledge)
            for name, pledge in facts.pledges[:PLEDGES_SHOWN]
        ]
        if (more := len(facts.pledges) - PLEDGES_SHOWN) > 0:
            lines.append(Content.styled(f"and {more} more pledge{'s' * (more > 1)}", "$text-muted"))
        if facts.needs_supporter:
            hint = "needs a supporter" if facts.mine else "needs a supporter · p to pledge"
            lines.append(Content.styled(f"⚑ {hint}", "bold $text-warning"))
        if facts.cheer:
            name, text = facts.cheer
            lines.append(
                Content.from_markup("[b]$name cheered:[/b] “$text”", name=name, text=text)
            )
        return Content("\n").join(lines)

    @staticmethod
    def _progress_line(facts: CardFacts) -> Content:
        percent = round(facts.progress * 100)
        if facts.steps_total:
            steps = f"{facts.steps_done} of {facts.steps_total} step"
            steps += "s" if facts.steps_total != 1 else ""
        else:
            steps = "no steps yet"
        bar = progress_bar(facts.progress)
        filled = len(bar.rstrip("░"))
        return Content.assemble(
            (bar[:filled], "$success"),
            (bar[filled:], "$text-muted"),
            f" {percent}% · {steps}",
        )

    def on_click(self, event: events.Click) -> None:
        """Tell the column: one click selects, a double click opens."""
        event.stop()
        self.post_message(self.Clicked(self, event.chain))
