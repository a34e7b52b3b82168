"""IdeaDetail: everything about one idea, in words, with the keys that act on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.models import Idea, Member

COST_WORDS = {"free": "free", "low": "low cost", "medium": "medium cost"}
"""An idea's cost, in words."""
SETTING_WORDS = {"indoor": "indoors", "outdoor": "outdoors", "either": "indoors or out"}
"""Where an idea happens, in words."""
ENERGY_WORDS = {"calm": "calm", "active": "active"}
"""How lively an idea is, in words."""
AGE_WORDS = {"child": "a child", "teen": "a teenager", "adult": "a grown-up son", "any": "any age"}
"""Who an idea suits, in words."""


def leads_words(members: Sequence[Member]) -> dict[str, str]:
    """Who leads an idea, in words with the family's names: {"son": "Leo teaches", ...}."""
    mother = next((m.name for m in members if m.role == "mother"), "Mum")
    son = next((m.name for m in members if m.role == "son"), "the son")
    return {"either": "either of you", "mother": f"{mother} teaches", "son": f"{son} teaches"}


def ago(day: date, today: date) -> str:
    """How long ago (or ahead) a day is, in words: "today", "3 days ago", "in 6 days"."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days < 0:
        return f"in {-days} days" if days > -14 else f"in {-days // 7} weeks"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def why_picked(
    last_done: date | None, fans: Sequence[str], narrowing: Sequence[str], today: date
) -> str:
    """Why "Surprise us" picked an idea, in one sentence.

    Args:
        last_done: when it was last done, if ever.
        fans: names of the members who favourited it.
        narrowing: the filters in force, in words.
        today: the family's today.
    """
    done = "you have never done it" if last_done is None else f"last done {ago(last_done, today)}"
    reasons = [done]
    if fans:
        reasons.append(f"a favourite of {' and '.join(fans)}")
    if narrowing:
        reasons.append(f"it fits {', '.join(narrowing)}")
    return "Picked because " + "; ".join(reasons) + "."


@dataclass(frozen=True, slots=True)
class IdeaFacts:
    """One idea and what the family's record says about it, ready to show."""

    idea: Idea
    category: str
    """The category's title: "Movies and shows"."""
    leads: str
    """Who leads, with names: "Leo teaches", "Either of you"."""
    favourite_of: tuple[str, ...]
    """Names of the members who favourited it."""
    last_done: date | None
    """The latest day a moment was logged for it."""
    planned: date | None
    """The next day it is planned for."""
    distance: bool
    """Whether it works with the two of you in different homes."""
    today: date


class IdeaDetail(VerticalScroll):
    """The idea under the cursor: blurb, facts and what to do next."""

    def compose(self) -> ComposeResult:
        """One block of text that scrolls when it is long."""
        yield Static(id="idea-detail-text")

    def show(self, facts: IdeaFacts | None) -> None:
        """Show an idea (or a word on what to do when none is listed)."""
        text = self.query_one("#idea-detail-text", Static)
        if facts is None:
            text.update(Content.styled("No idea to show. Change the filters or search.", "dim"))
            return
        text.update(self._render_facts(facts))
        self.scroll_home(animate=False)

    @staticmethod
    def _render_facts(facts: IdeaFacts) -> Content:
        idea = facts.idea
        kind = f"{facts.category} · your own idea" if idea.custom else facts.category
        rows = [
            ("Time", idea.duration or "as long as you like"),
            ("Cost", COST_WORDS[idea.cost]),
            ("Where", SETTING_WORDS[idea.setting]),
            ("Energy", ENERGY_WORDS[idea.energy]),
            ("Suits", AGE_WORDS[idea.age]),
            ("Who leads", facts.leads),
            ("Two homes", "works from two homes" if facts.distance else "best together"),
            (
                "Favourite",
                f"♥ {' and '.join(facts.favourite_of)}" if facts.favourite_of else "not yet",
            ),
            (
                "Last done",
                f"{facts.last_done:%d %b %Y} ({ago(facts.last_done, facts.today)})"
                if facts.last_done
                else "never yet",
            ),
        ]
        if facts.planned:
            when = ago(facts.planned, facts.today)
            rows.append(("Planned", f"{facts.planned:%a %d %b} ({when})"))
        lines = [
            Content.styled(idea.title, "bold"),
            Content.styled(kind, "dim"),
            Content(""),
        ]
        if idea.blurb:
            lines += [Content(idea.blurb), Content("")]
        lines += [
            Content.assemble((f"{label:<10} ", "dim"), value) for label, value in rows
        ]
        lines += [
            Content(""),
            Content.from_markup("[b]p[/b]  plan it for a day"),
            Content.from_markup("[b]d[/b]  we did it: keep a note"),
            Content.from_markup("[b]f[/b]  favourite    [b]h[/b]  hide"),
        ]
        return Content("\n").join(lines)

