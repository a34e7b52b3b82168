"""The Ideas pane: browse, filter, search, favourite, plan, mark done, surprise, add, hide."""

from __future__ import annotations

import random
from datetime import date

import pytest
from textual.widgets import Input, TextArea

from store.ideas import Filters, fuzzy_score, suggest
from store.models import Idea
from tests.tui.conftest import TODAY
from tui.app import TandemApp
from tui.screens.idea_form_modal import IdeaFormModal
from tui.screens.ideas import IdeasScreen
from tui.screens.moment_form_modal import MomentFormModal
from tui.screens.moments import MomentsScreen
from tui.screens.plan_modal import PlanModal, next_saturday, read_day
from tui.widgets.category_list import CategoryList, category_title
from tui.widgets.facet_bar import FacetBar, facet_words, filters_with, idea_facets
from tui.widgets.idea_detail import IdeaDetail, ago, why_picked
from tui.widgets.idea_list import MINE, THEIRS, IdeaList
from tui.widgets.moment_timeline import MomentTimeline
from tui.widgets.today_strip import TodayStrip

BREAD = "bake-family-bread"
"""The first idea of the catalogue, under the cursor when the pane opens."""


async def open_ideas(app: TandemApp, pilot: object) -> IdeasScreen:
    """Show the Ideas pane and return it."""
    await pilot.press("1")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, IdeasScreen)
    return app.screen


def listed(screen: IdeasScreen) -> tuple[str, ...]:
    """The keys the idea list shows, in order."""
    return screen.query_one(IdeaList).keys


def catalogue(app: TandemApp) -> dict[str, Idea]:
    """Every idea by key, as the app sees it now."""
    return {idea.key: idea for idea in app.ideas()}


def text_of(widget: object) -> str:
    """The plain text a Static-like widget shows."""
    return str(widget.render())  # type: ignore[attr-defined]


# -- the pure helpers the pane is built on ---------------------------------------------------


@pytest.mark.parametrize(
    ("today", "saturday"),
    [
        (date(2026, 11, 22), date(2026, 11, 28)),  # Sunday
        (date(2026, 11, 27), date(2026, 11, 28)),  # Friday
        (date(2026, 11, 28), date(2026, 12, 5)),  # Saturday: the next one
        (date(2026, 12, 31), date(2027, 1, 2)),  # over the new year
    ],
)
def test_next_saturday(today: date, saturday: date) -> None:
    assert next_saturday(today) == saturday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-24", date(2026, 12, 24)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 23)),
        ("sat", date(2026, 11, 28)),
        ("Sunday", date(2026, 11, 29)),
        ("wed", date(2026, 11, 25)),
    ],
)
def test_read_day_takes_dates_and_words(text: str, day: date) -> None:
    assert read_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["", "soon", "2026-02-30", "28/11/2026"])
def test_read_day_refuses_what_is_not_a_day(text: str) -> None:
    from store.errors import RejectedInput

    with pytest.raises(RejectedInput):
        read_day(text, TODAY)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (TODAY, "today"),
        (date(2026, 11, 21), "yesterday"),
        (date(2026, 11, 23), "tomorrow"),
        (date(2026, 11, 28), "in 6 days"),
        (date(2026, 11, 12), "10 days ago"),
        (date(2026, 10, 11), "6 weeks ago"),
        (date(2026, 5, 22), "6 months ago"),
        (date(2023, 11, 22), "3 years ago"),
    ],
)
def test_ago_in_words(day: date, words: str) -> None:
    assert ago(day, TODAY) == words


def test_why_picked_names_recency_fans_and_filters() -> None:
    assert why_picked(None, (), (), TODAY) == "Picked because you have never done it."
    assert why_picked(date(2026, 10, 11), ("Sarah", "Leo"), ("Outdoors", "cost: free"), TODAY) == (
        "Picked because last done 6 weeks ago; a favourite of Sarah and Leo; "
        "it fits Outdoors, cost: free."
    )


def test_facets_turn_into_filters_and_words() -> None:
    facets = idea_facets({"son": "Leo teaches"}, [("id-leo", "Leo")])
    values = {"cost": "low", "setting": "outdoor", "leads": "son", "distance": "yes",
              "favourites": "id-leo"}
    filters = filters_with(Filters(category="sport", query="ball"), values)
    assert filters == Filters(
        category="sport", query="ball", cost={"free", "low"}, setting={"outdoor"},
        leads={"son"}, distance=True, favourites_of="id-leo",
    )
    assert filters_with(filters, {}) == Filters(category="sport", query="ball")
    assert facet_words(facets, values) == [
        "cost: free or low", "where: outdoors", "leads: Leo teaches", "apart: from two homes",
        "favourites: Leo",
    ]


def test_category_titles() -> None:
    assert category_title("movies-and-shows") == "Movies and shows"
    assert category_title("talk") == "Talk"


# -- the pane ---------------------------------------------------------------------------


async def test_category_and_facet_filter_and_surprise_stays_within(demo_app: TandemApp) -> None:
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_ideas(demo_app, pilot)
        assert len(listed(screen)) == len(catalogue(demo_app))
        await pilot.press("shift+tab")  # from the list to the categories
        assert isinstance(screen.focused, CategoryList)
        await pilot.press("down", "down")  # All, Cooking, Outdoors
        await pilot.pause()
        outdoors = [i.key for i in demo_app.ideas() if i.category == "outdoors"]
        assert listed(screen) == tuple(outdoors)
        assert screen.query_one(IdeaList).border_title == f"Outdoors ({len(outdoors)})"

        await pilot.press("ctrl+f", "space")  # the first chip: Cost any -> free
        await pilot.pause()
        free = [k for k in outdoors if catalogue(demo_app)[k].cost == "free"]
        assert 0 < len(free) < len(outdoors)
        assert listed(screen) == tuple(free)
        assert "Cost: free" in text_of(screen.query_one(FacetBar))
        # The category counts follow the facets: every count is of free ideas now.
        free_cooking = sum(
            1 for i in demo_app.ideas() if i.category == "cooking" and i.cost == "free"
        )
        assert screen.query_one(CategoryList).counts["cooking"] == free_cooking

        # "Surprise us" draws from what the filters keep, the same pick for the same seed.
        for seed in range(4):
            screen.rng = random.Random(seed)
            await pilot.press("s")
            await pilot.pause()
            pick = screen.query_one(IdeaList).key
            assert pick in free
            expected = suggest(
                demo_app.ideas(), screen.filters,
                members=[m.id for m in demo_app.store.list_members()],
                last_done=demo_app.store.last_done(), today=TODAY, rng=random.Random(seed),
            )
            assert expected is not None and pick == expected.key
        said = list(demo_app._notifications)[-1]
        assert said.title.startswith("Surprise: ")
        assert "never done it" in said.message and "Outdoors, cost: free" in said.message

        await pilot.press("x")  # clear every filter
        await pilot.pause()
        assert screen.filters == Filters()
        assert len(listed(screen)) == len(catalogue(demo_app))


async def test_search_as_you_type_is_fuzzy_and_escape_leaves(demo_app: TandemApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_ideas(demo_app, pilot)
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"hkie")  # a slip of the fingers still finds the hikes
        await pilot.pause()
        found = listed(screen)
        assert found and len(found) < 30
        assert "hike" in catalogue(demo_app)[found[0]].title.lower()
        for key in found:
            idea = catalogue(demo_app)[key]
            assert fuzzy_score("hkie", f"{idea.title} {idea.blurb} {idea.category}") is not None
        await pilot.press("escape")
        assert isinstance(screen.focused, IdeaList)
        assert screen.filters.query == "hkie"  # the search stays until it is cleared
        # A jump from the command palette clears a search that hides the idea.
        target = next(i for i in demo_app.ideas() if i.category == "talk")
        assert target.key not in listed(screen)
        assert screen.select_record(target.key)
        await pilot.pause()
        assert screen.query_one(IdeaList).key == target.key
        assert screen.filters == Filters()
        assert len(listed(screen)) == len(catalogue(demo_app))
        assert not screen.select_record("no-such-idea")


async def test_favourite_per_member_and_hide_then_undo(demo_app: TandemApp) -> None:
    store = demo_app.store
    sarah, leo = store.member("Sarah").id, store.member("Leo").id
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_ideas(demo_app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert store.idea_states()[BREAD].favourite_by == (sarah,)
        assert "♥ Sarah" in text_of(screen.query_one("#idea-detail-text"))
        assert screen.query_one(IdeaList).rows[0].mark == MINE

        await pilot.press("m", "2")  # Leo comes to the keyboard
        await pilot.pause()
        assert screen.query_one(IdeaList).rows[0].mark == THEIRS
        await pilot.press("f")
        await pilot.pause()
        assert store.idea_states()[BREAD].favourite_by == (sarah, leo)
        await pilot.press("m", "1", "f")  # Sarah takes hers back
        await pilot.pause()
        assert store.idea_states()[BREAD].favourite_by == (leo,)

        second = listed(screen)[1]
        await pilot.press("h")
        await pilot.pause()
        assert store.idea_states()[BREAD].hidden
        assert BREAD not in listed(screen)
        assert screen.query_one(IdeaList).key == second  # the cursor stays near
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not store.idea_states()[BREAD].hidden
        assert listed(screen)[0] == BREAD


async def test_plan_shows_in_moments_and_the_today_strip_then_done(demo_app: TandemApp) -> None:
    store = demo_app.store
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_ideas(demo_app, pilot)
        await pilot.press("p")
        await pilot.pause()
        modal = demo_app.screen
        assert isinstance(modal, PlanModal)
        field = modal.query_one("#plan-day", Input)
        assert field.value == "2026-11-28"  # the coming Saturday
        assert "Saturday 28 November 2026 (in 6 days)" in text_of(modal.query_one("#plan-words"))
        field.value = "2026-11-01"
        await pilot.press("enter")
        await pilot.pause()
        assert demo_app.screen is modal  # a day gone by is refused in words
        assert "passed" in text_of(modal.query_one("#plan-error"))
        field.value = "sat"
        await pilot.press("down", "up", "enter")  # a day later, then back
        await pilot.pause()
        assert isinstance(demo_app.screen, IdeasScreen)
        plans = [m for m in store.list_moments() if m.idea_key == BREAD]
        assert [(m.date, m.planned, m.title) for m in plans] == [
            (date(2026, 11, 28), True, "Bake the family bread")
        ]
        assert "Bake the family bread Sat" in text_of(screen.query_one(TodayStrip))
        assert "Planned" in text_of(screen.query_one("#idea-detail-text"))
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(demo_app.screen, MomentsScreen)
        assert plans[0].id in demo_app.screen.query_one(MomentTimeline).moment_ids

        # Done early: the plan becomes the memory rather than a second moment.
        await pilot.press("1", "d")
        await pilot.pause()
        await pilot.press(*"Crusty", "ctrl+s")
        await pilot.pause()
        moments = [m for m in store.list_moments() if m.idea_key == BREAD]
        assert [(m.id, m.planned, m.note, m.date) for m in moments] == [
            (plans[0].id, False, "Crusty", TODAY)
        ]


async def test_mark_done_keeps_the_note_and_mood(demo_app: TandemApp) -> None:
    store = demo_app.store
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_ideas(demo_app, pilot)
        await pilot.press("d")
        await pilot.pause()
        modal = demo_app.screen
        assert isinstance(modal, MomentFormModal)
        assert isinstance(modal.focused, TextArea)  # the title is known: straight to the note
        await pilot.press(*"Mishap!", "enter", *"Flour.")
        await pilot.press("tab", "right", "right", "right", "right", "right", "space", "ctrl+s")
        await pilot.pause()
        done = [m for m in store.list_moments() if m.idea_key == BREAD]
        assert [(m.date, m.planned, m.mood, m.note) for m in done] == [
            (TODAY, False, 5, "Mishap!\nFlour.")
        ]
        assert set(done[0].members) == {m.id for m in store.list_members()}
        assert store.last_done()[BREAD] == TODAY
        assert "today" in text_of(demo_app.screen.query_one("#idea-detail-text"))
        await pilot.press("4")
        await pilot.pause()
        assert done[0].id in demo_app.screen.query_one(MomentTimeline).moment_ids


async def test_add_your_own_idea(demo_app: TandemApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_ideas(demo_app, pilot)
        await pilot.press("a")
        await pilot.pause()
        modal = demo_app.screen
        assert isinstance(modal, IdeaFormModal)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is modal  # a title is needed, and it says so
        assert "cannot be empty" in text_of(modal.query_one("#idea-error"))
        await pilot.press(*"Kites", "tab", *"Bin bags.", "tab", *"2 hours", "ctrl+s")
        await pilot.pause()
        custom = demo_app.store.custom_ideas()
        assert [(i.title, i.blurb, i.duration, i.custom) for i in custom] == [
            ("Kites", "Bin bags.", "2 hours", True)
        ]
        assert screen.query_one(IdeaList).key == custom[0].key
        assert "your own idea" in text_of(screen.query_one("#idea-detail-text"))


async def test_narrow_terminal_opens_the_idea_in_place(demo_app: TandemApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await open_ideas(demo_app, pilot)
        assert screen.has_class("-narrow")
        detail = screen.query_one(IdeaDetail)
        assert detail.region.width == 0  # no room beside the list
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-detail-open")
        assert detail.region.width > 40 and screen.focused is detail
        assert screen.query_one(IdeaList).region.width == 0
        await pilot.press("p")  # the keys work from the open idea
        await pilot.pause()
        assert isinstance(demo_app.screen, PlanModal)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not screen.has_class("-detail-open")
        assert isinstance(screen.focused, IdeaList)
