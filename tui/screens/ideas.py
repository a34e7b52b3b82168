"""IdeasScreen: browse quality-time ideas, pick one, plan it, and keep a note once it's done."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input

from store.ideas import Filters, apply_filters, category_counts, suggest, works_at_distance
from store.models import Idea
from tui.screens.idea_flows import IdeaFlows
from tui.widgets.category_list import CategoryList, category_title
from tui.widgets.facet_bar import Facet, FacetBar, facet_words, filters_with, idea_facets
from tui.widgets.idea_detail import IdeaDetail, IdeaFacts, leads_words, why_picked
from tui.widgets.idea_list import IdeaList, IdeaRow

_NEEDS_AN_IDEA = frozenset({"plan", "mark_done", "toggle_favourite", "hide"})


class IdeasScreen(IdeaFlows):
    """Categories on the left, the ideas that pass the filters, and the chosen idea."""

    PANE = "ideas"
    HELP = """\
**Ideas** for time together: cooking, walks, films, games, talks about dreams and fears.

- `↑` `↓` choose an idea, `enter` opens it; `/` searches as you type, `escape` leaves.
- `tab` reaches the categories and the filters (`ctrl+f`); `x` clears the filters.
- `p` plans it for a day, `d` keeps a note once you did it, `f` makes it a favourite.
- `s` "Surprise us" picks one within the filters; `a` adds your own; `h` hides one
  (`ctrl+z` brings it back).
- ♥ marks your favourites, ♡ those of someone else.
"""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the idea opens in place of the list (`enter`, then `escape`)."""

    AUTO_FOCUS = "#ideas-list"
    """Start in the list, not in the search."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the list of ideas", id="ideas-back"),
        Binding("slash", "focus_search", "Search", tooltip="Search ideas", id="ideas-search"),
        Binding("s", "surprise", "Surprise us", tooltip="Pick an idea", id="ideas-surprise"),
        Binding("p", "plan", "Plan", tooltip="Pick a day for it", id="idea-plan"),
        Binding("d", "mark_done", "We did it", tooltip="Keep a note of it", id="idea-done"),
        Binding("f", "toggle_favourite", "Favourite", tooltip="Your favourite", id="idea-fav"),
        Binding("a", "add_idea", "Add", tooltip="Add your own idea", id="idea-add"),
        Binding("h", "hide", "Hide", tooltip="Hide it (ctrl+z undoes)", show=False, id="idea-hide"),
        Binding(
            "ctrl+f", "focus_filters", "Filters", tooltip="Cost, where, who leads…", show=False,
            id="ideas-filters",
        ),
        Binding("x", "clear_filters", "Clear filters", tooltip="Show every idea", id="ideas-clear"),
    ]

    def compose_body(self) -> ComposeResult:
        """Search and filters on top; categories, ideas and the chosen idea side by side."""
        yield Input(
            placeholder="Search ideas: press / and type (bread, hike, film…)",
            id="ideas-search",
            compact=True,
        )
        yield FacetBar(id="ideas-facets")
        with Horizontal(id="ideas-main"):
            yield CategoryList(id="ideas-categories")
            yield IdeaList(id="ideas-list")
            yield IdeaDetail(id="ideas-detail")

    def on_mount(self) -> None:
        """Name the columns."""
        self.query_one(CategoryList).border_title = "Categories"
        self.query_one(IdeaDetail).border_title = "About this idea"

    # -- data ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read ideas, favourites, plans and what was done, then redraw with the cursor kept."""
        super().refresh_data()
        if not self.store.is_set_up:
            return
        self._members = self.store.list_members()
        self._ideas = self.tandem.ideas()
        self._by_key = {idea.key: idea for idea in self._ideas}
        self._last_done = self.store.last_done()
        self._plans = {}
        for moment in sorted(self.store.list_moments(), key=lambda m: m.date):
            if moment.planned and moment.idea_key:
                self._plans.setdefault(moment.idea_key, moment)
        bar = self.query_one(FacetBar)
        bar.set_facets(self._facets())
        self.filters = filters_with(self.filters, bar.values)
        self._show()

    def select_record(self, record_id: str) -> bool:
        """Show an idea by key (from the command palette), clearing filters that hide it."""
        if not self._ideas:
            self.refresh_data()
        ideas = self.query_one(IdeaList)
        if record_id not in ideas.keys:
            self._clear_filters()
        found = ideas.select_key(record_id)
        if found:
            ideas.focus()
        return found

    def _show(self, keep: str | None = None) -> None:
        ideas = self.query_one(IdeaList)
        counts = category_counts(self._ideas, self.filters)
        self.query_one(CategoryList).show(counts, self.filters.category)
        shown = apply_filters(self._ideas, self.filters)
        what = category_title(self.filters.category) if self.filters.category else "Ideas"
        ideas.border_title = f"{what} ({len(shown)})"
        me = self.member.id if self.member else None
        rows = [IdeaRow.of(idea, me, self._plan_day(idea.key)) for idea in shown]
        empty = "No idea fits: x clears the filters, a adds your own."
        ideas.show(rows, keep or ideas.key, empty)
        self._show_idea(ideas.key)

    def _plan_day(self, key: str) -> date | None:
        plan = self._plans.get(key)
        return plan.date if plan else None

    def _facts(self, idea: Idea) -> IdeaFacts:
        return IdeaFacts(
            idea=idea,
            category=category_title(idea.category),
            leads=leads_words(self._members)[idea.leads].capitalize(),
            favourite_of=tuple(m.name for m in self._members if m.id in idea.favourite_by),
            last_done=self._last_done.get(idea.key),
            planned=self._plan_day(idea.key),
            distance=works_at_distance(idea),
            today=self.today,
        )

    # -- filters ------------------------------------------------------------------------

    def _facets(self) -> tuple[Facet, ...]:
        return idea_facets(leads_words(self._members), [(m.id, m.name) for m in self._members])

    def _filter_words(self) -> list[str]:
        """The filters in force, in words ("Outdoors", "cost: free", "“bread”")."""
        words = [category_title(self.filters.category)] if self.filters.category else []
        words += facet_words(self._facets(), self.query_one(FacetBar).values)
        if self.filters.query.strip():
            words.append(f"“{self.filters.query.strip()}”")
        return words

    def _clear_filters(self) -> None:
        self.filters = Filters()
        self.query_one(FacetBar).set_values({})
        self.query_one("#ideas-search", Input).value = ""
        self._show()

    def _narrow(self, filters: Filters) -> None:
        """Show the ideas that pass new filters (the list comes back if an idea was open)."""
        if filters != self.filters:
            self.filters = filters
            self.remove_class("-detail-open")
            self._show()

    @on(CategoryList.Chosen)
    def choose_category(self, event: CategoryList.Chosen) -> None:
        """Moving through the categories narrows the list at once."""
        self._narrow(replace(self.filters, category=event.category))

    @on(CategoryList.Confirmed)
    def go_to_ideas(self) -> None:
        """`enter` on a category: on to its ideas."""
        self.query_one(IdeaList).focus()

    @on(FacetBar.Changed)
    def choose_facets(self, event: FacetBar.Changed) -> None:
        """A filter chip changed."""
        self._narrow(filters_with(self.filters, event.values))

    @on(Input.Changed, "#ideas-search")
    def search(self, event: Input.Changed) -> None:
        """Search as you type."""
        self._narrow(replace(self.filters, query=event.value))

    @on(Input.Submitted, "#ideas-search")
    def leave_search(self) -> None:
        """`enter` in the search: on to the ideas found."""
        self.query_one(IdeaList).focus()

    # -- the idea under the cursor ---------------------------------------------------------

    @on(IdeaList.Highlighted)
    def show_idea(self, event: IdeaList.Highlighted) -> None:
        """The cursor moved: show the idea under it (`_show` already showed a redrawn one)."""
        if event.key != self._key:
            self._show_idea(event.key)

    def _show_idea(self, key: str | None) -> None:
        """Show an idea beside (or instead of) the list, in the same frame as the list."""
        self._key = key
        idea = self._idea(key)
        self.query_one(IdeaDetail).show(self._facts(idea) if idea else None)
        self._sync_footer()

    def _sync_footer(self) -> None:
        """Refresh the keys offered, only when one comes or goes (the footer is rebuilt)."""
        offered = (
            self._idea(self._key) is not None,
            self.member is not None,
            self.filters != Filters(),
            self.has_class("-detail-open"),
        )
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    @on(IdeaList.Opened)
    def open_idea(self) -> None:
        """`enter`: read the idea (in place of the list on a narrow terminal)."""
        self.add_class("-detail-open")
        self.query_one(IdeaDetail).focus()
        self._sync_footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what needs an idea or a member; hide "clear filters" and "back" when idle."""
        if action in _NEEDS_AN_IDEA:
            return None if self._idea(self._key) is None or self.member is None else True
        if action == "add_idea":
            return None if self.member is None else True
        if action == "clear_filters":
            return self.filters != Filters()
        if action == "back":
            return self.has_class("-detail-open") or not isinstance(self.focused, IdeaList)
        return True

    # -- actions ------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """`/`: type to search."""
        self.query_one("#ideas-search", Input).focus()

    def action_focus_filters(self) -> None:
        """`ctrl+f`: change the filters."""
        self.query_one(FacetBar).focus()

    def action_clear_filters(self) -> None:
        """`x`: every category, no filter, no search."""
        self._clear_filters()
        self.notify("Showing every idea.")

    def action_back(self) -> None:
        """`escape`: back to the list."""
        self.remove_class("-detail-open")
        self.query_one(IdeaList).focus()
        self._sync_footer()

    def action_surprise(self) -> None:
        """`s`: pick an idea within the filters, favouring favourites and the long undone."""
        pick = suggest(
            self._ideas,
            self.filters,
            members=[m.id for m in self._members],
            last_done=self._last_done,
            today=self.today,
            rng=self.rng,
        )
        if pick is None:
            self.notify("No idea fits these filters. x clears them.", severity="warning")
            return
        self.remove_class("-detail-open")
        self.query_one(IdeaList).select_key(pick.key, top=True)
        self.query_one(IdeaList).focus()
        fans = [m.name for m in self._members if m.id in pick.favourite_by]
        why = why_picked(self._last_done.get(pick.key), fans, self._filter_words(), self.today)
        self.notify(why, title=f"Surprise: {pick.title}")
