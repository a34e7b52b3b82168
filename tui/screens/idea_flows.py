"""IdeaFlows: the state of the Ideas pane and the changes made from it (plan, done, add…)."""

from __future__ import annotations

import random
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from store.ideas import Filters
from store.models import Idea, Member, Moment
from tui.screens.pane import PaneScreen
from tui.widgets.category_list import category_title
from tui.widgets.idea_detail import leads_words
from tui.widgets.idea_list import MINE

if TYPE_CHECKING:
    from tui.screens.idea_form_modal import IdeaDraft
    from tui.screens.moment_form_modal import MomentDraft


class IdeaFlows(PaneScreen):
    """Base of `IdeasScreen`: what it knows, and the flows that change the store.

    The screen itself draws the list, the categories and the filters.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rng = random.Random()
        """Where "Surprise us" draws from (tests seed it)."""
        self.filters = Filters()
        """Category, facets and search, as applied to the list."""
        self._ideas: tuple[Idea, ...] = ()
        """The catalogue and the family's own ideas, with favourites and hiding."""
        self._by_key: dict[str, Idea] = {}
        """The same ideas by key."""
        self._members: tuple[Member, ...] = ()
        """The family, in the order they were added."""
        self._last_done: dict[str, date] = {}
        """The latest day each idea was done."""
        self._plans: dict[str, Moment] = {}
        """The earliest planned moment of each idea that has one."""
        self._key: str | None = None
        """The idea under the cursor."""
        self._offered: tuple[bool, ...] = ()
        """What the footer's keys were last worked out from (see `_sync_footer`)."""

    @property
    def today(self) -> date:
        """The family's today."""
        return self.store.clock.today()

    def _idea(self, key: str | None) -> Idea | None:
        return self._by_key.get(key) if key is not None else None

    @property
    def chosen(self) -> Idea:
        """The idea under the cursor (`check_action` offers its keys only when there is one)."""
        idea = self._idea(self._key)
        assert idea is not None
        return idea

    def action_toggle_favourite(self) -> None:
        """`f`: favourite (or not) for the member at the keyboard."""
        idea, member = self.chosen, self.member
        assert member is not None
        was = member.id in idea.favourite_by
        saying = "No longer one of {}'s favourites." if was else MINE + " One of {}'s favourites."
        change = partial(self.store.toggle_favourite, idea.key, member.id)
        self._attempt(change, saying.format(member.name), idea.title)

    def action_hide(self) -> None:
        """`h`: hide an idea from the list and from "Surprise us" (`ctrl+z` shows it again)."""
        idea = self.chosen
        change = partial(self.store.set_idea_hidden, idea.key, True)
        self._attempt(change, "Hidden. ctrl+z brings it back.", idea.title)

    def action_plan(self) -> None:
        """`p`: pick a day for the idea (the coming Saturday to begin with)."""
        from tui.screens.plan_modal import PlanModal, next_saturday  # loads with its first use

        idea = self.chosen
        modal = PlanModal(idea.title, next_saturday(self.today), self.today)
        self.app.push_screen(modal, callback=partial(self._planned, idea))

    def _planned(self, idea: Idea, day: date | None) -> None:
        if day is None or self.member is None:
            return
        change = partial(
            self.store.add_moment, idea.title, day, self.member.id, planned=True,
            idea_key=idea.key,
        )
        self._attempt(change, f"Planned for {day:%A %d %B}. It is in Moments (4).", idea.title)

    def action_mark_done(self) -> None:
        """`d`: we did it; keep a note of how it went (a plan for it becomes the memory)."""
        from tui.screens.moment_form_modal import MomentDraft, MomentFormModal

        idea = self.chosen
        plan = self._plans.get(idea.key)
        everyone = tuple(m.id for m in self._members)
        draft = MomentDraft(
            idea.title, self.today, plan.members if plan else everyone,
            plan.note if plan else "", None,
        )
        modal = MomentFormModal(
            draft,
            heading=f"We did it: {idea.title}",
            people=[(m.id, m.name) for m in self._members],
            today=self.today,
        )
        self.app.push_screen(modal, callback=partial(self._done, idea, plan))

    def _done(self, idea: Idea, plan: Moment | None, draft: MomentDraft | None) -> None:
        if draft is None or self.member is None:
            return
        if plan is not None:
            change = partial(
                self.store.edit_moment, plan.id, title=draft.title, day=draft.day,
                members=draft.members, note=draft.note, mood=draft.mood, planned=False,
            )
            saying = f"Your plan for {plan.date:%a %d %b} is done. Kept in Moments (4)."
        else:
            change = partial(
                self.store.add_moment, draft.title, draft.day, self.member.id,
                members=draft.members, note=draft.note, mood=draft.mood, idea_key=idea.key,
            )
            saying = "Kept in Moments (4)."
        self._attempt(change, saying, draft.title)

    def action_add_idea(self) -> None:
        """`a`: add the family's own idea."""
        from tui.screens.idea_form_modal import IdeaFormModal

        keys = dict.fromkeys(idea.category for idea in self._ideas)
        categories = [(key, category_title(key)) for key in keys]
        modal = IdeaFormModal(categories, self.filters.category, leads_words(self._members))
        self.app.push_screen(modal, callback=self._added)

    def _added(self, draft: IdeaDraft | None) -> None:
        if draft is None:
            return
        change = partial(
            self.store.add_idea, draft.title, draft.category, draft.blurb,
            duration=draft.duration, cost=draft.cost, setting=draft.setting,
            energy=draft.energy, age=draft.age, leads=draft.leads,
        )
        idea = self._attempt(change, "Added to your ideas. p plans it.", draft.title)
        if idea is not None:
            self.select_record(idea.key)  # clears the filters if they would hide it
