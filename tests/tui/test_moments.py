"""The Moments pane: the timeline, editing notes, "did this happen?", deleting, searching."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, TextArea

from store.clock import FixedClock
from store.demo import synthetic_family
from store.models import Moment
from store.repository import Store
from tests.tui.conftest import TODAY, app_for, demo_store
from tui.app import TandemApp
from tui.screens.moment_form_modal import MomentFormModal
from tui.screens.moments import MomentsScreen, people_words
from tui.widgets.moment_timeline import PAGE, MomentTimeline, mood_text

KITE_DAY = date(2026, 11, 15)
"""A Sunday gone by, when a kite flight was planned."""


def with_past_plan() -> tuple[Store, Moment]:
    """The demo family, with a plan whose day has passed and nobody said how it went."""
    store = demo_store()
    plan = store.add_moment("Fly the kite", KITE_DAY, "Leo", members=["Leo"], planned=True)
    return store, plan


async def open_moments(app: TandemApp, pilot: object) -> MomentsScreen:
    """Show the Moments pane and return it."""
    await pilot.press("4")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, MomentsScreen)
    return app.screen


def timeline(screen: MomentsScreen) -> MomentTimeline:
    """The pane's timeline."""
    return screen.query_one(MomentTimeline)


def prompt_text(screen: MomentsScreen) -> str:
    """The text of the moment under the cursor."""
    widget = timeline(screen)
    assert widget.highlighted is not None
    return str(widget.get_option_at_index(widget.highlighted).prompt)


# -- words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "words"),
    [([], "nobody"), (["Sarah"], "Sarah"), (["Sarah", "Leo"], "Sarah and Leo"),
     (["Sarah", "Leo", "Sam"], "Sarah, Leo and Sam")],
)
def test_people_in_words(names: list[str], words: str) -> None:
    assert people_words(names) == words


@pytest.mark.parametrize(
    ("mood", "text"),
    [(None, ""), (1, "●○○○○ hard"), (3, "●●●○○ fine"), (5, "●●●●● wonderful")],
)
def test_mood_in_dots_and_words(mood: int | None, text: str) -> None:
    assert mood_text(mood) == text


# -- the pane ---------------------------------------------------------------------------


async def test_timeline_newest_first_by_month_and_delete_then_undo(demo_app: TandemApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_moments(demo_app, pilot)
        ids = timeline(screen).moment_ids
        assert ids == tuple(m.id for m in demo_app.store.list_moments())
        first = timeline(screen).get_option_at_index(0)
        assert first.disabled and str(first.prompt) == "November 2026"
        assert "◇ Climbing wall · Sarah and Leo · planned" in prompt_text(screen)
        assert screen.check_action("happened", ()) is False  # planned, but ahead: no question
        assert screen.check_action("did_not_happen", ()) is False
        await pilot.press("n", "e")
        await pilot.pause()
        assert len(demo_app.store.list_moments()) == 42
        plan_form = demo_app.screen
        assert isinstance(plan_form, MomentFormModal) and not plan_form.done
        assert not plan_form.query("#moment-mood")  # a plan has no mood yet
        await pilot.press("escape", "down")
        await pilot.pause()
        assert screen.check_action("happened", ()) is True  # the demo's plan from Friday
        await pilot.press("down")
        await pilot.pause()
        shown = prompt_text(screen)
        assert "✓ Volunteered at the food bank" in shown and "●●●●○ good" in shown
        assert "Sorted tins for three hours. Worth it." in shown

        gone = timeline(screen).moment_id
        await pilot.press("delete")
        await pilot.pause()
        assert gone not in {m.id for m in demo_app.store.list_moments()}
        assert gone not in timeline(screen).moment_ids
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert gone in timeline(screen).moment_ids


async def test_edit_a_note(demo_app: TandemApp) -> None:
    store = demo_app.store
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_moments(demo_app, pilot)
        await pilot.press("down", "down", "e")  # past Friday's plan, then the food bank
        await pilot.pause()
        modal = demo_app.screen
        assert isinstance(modal, MomentFormModal)
        assert isinstance(modal.focused, TextArea)
        await pilot.press(*"Again! ", "ctrl+s")
        await pilot.pause()
        moment = store.moment(timeline(screen).moment_id or "")
        assert moment.title == "Volunteered at the food bank"
        assert moment.note == "Again! Sorted tins for three hours. Worth it."
        assert (moment.mood, moment.planned) == (4, False)
        assert "Again! Sorted tins" in prompt_text(screen)


async def test_a_past_plan_asks_n_lets_it_go_and_y_keeps_it_as_done() -> None:
    store, plan = with_past_plan()
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_moments(app, pilot)
        assert timeline(screen).select_moment(plan.id)
        await pilot.pause()
        assert "? Fly the kite · Leo · did this happen?" in prompt_text(screen)
        await pilot.press("enter")  # enter asks too
        await pilot.pause()
        assert isinstance(app.screen, MomentFormModal)
        await pilot.press("escape", "n")  # no, it didn't: the plan goes...
        await pilot.pause()
        assert plan.id not in timeline(screen).moment_ids
        assert plan.id not in {m.id for m in store.list_moments()}
        await pilot.press("ctrl+z")  # ...and comes back
        await pilot.pause()
        assert store.moment(plan.id).planned
        assert timeline(screen).select_moment(plan.id)

        await pilot.press("y")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, MomentFormModal)
        assert modal.query_one("#moment-day", Input).value == "2026-11-15"
        await pilot.press(*"So windy", "tab", "right", "right", "right", "right", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        kept = store.moment(plan.id)
        assert (kept.planned, kept.note, kept.mood, kept.date) == (False, "So windy", 4, KITE_DAY)
        assert "✓ Fly the kite" in prompt_text(screen)
        assert screen.check_action("happened", ()) is False  # nothing left to ask


async def test_log_a_new_moment(demo_app: TandemApp) -> None:
    store = demo_app.store
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_moments(demo_app, pilot)
        await pilot.press("a")
        await pilot.pause()
        modal = demo_app.screen
        assert isinstance(modal, MomentFormModal)
        assert isinstance(modal.focused, Input)  # no title yet: start there
        modal.query_one("#moment-day", Input).value = "2026-12-01"
        await pilot.press(*"Snow", "ctrl+s")
        await pilot.pause()
        assert "not come yet" in str(modal.query_one("#moment-error").render())
        modal.query_one("#moment-day", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        snow = store.moment("Snow")
        assert (snow.date, snow.planned, snow.by) == (date(2026, 11, 21), False,
                                                      store.member("Sarah").id)
        assert timeline(screen).moment_id == snow.id


async def test_search_as_you_type_then_escape(demo_app: TandemApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_moments(demo_app, pilot)
        await pilot.press("slash", *"ceiling")  # words from a note
        await pilot.pause()
        found = {demo_app.store.moment(i).title for i in timeline(screen).moment_ids}
        assert found == {"Pancake mishap"}
        await pilot.press("escape")
        assert isinstance(screen.focused, MomentTimeline)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert timeline(screen).moment_ids == ()
        assert "No moment matches" in str(timeline(screen).get_option_at_index(0).prompt)
        assert screen.check_action("edit", ()) is None
        # A jump from the command palette clears the search that hides the moment.
        target = demo_app.store.list_moments()[-1]
        assert screen.select_record(target.id)
        assert timeline(screen).moment_id == target.id
        assert not screen.select_record("no-such-moment")


async def test_a_long_timeline_lists_a_page_at_a_time() -> None:
    store = Store.in_memory(FixedClock(TODAY))
    store.storage.write(synthetic_family(TODAY, years=2, rituals=0, moments_per_year=100))
    app = app_for(store, as_name="Mum")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_moments(app, pilot)
        line = timeline(screen)
        assert len(line.moment_ids) == 200  # the whole timeline is there...
        assert line.option_count < 200  # ...but only the newest page is listed
        await pilot.press("end")
        await pilot.pause()
        last = line.get_option_at_index(line.option_count - 1)
        assert line.moment_id is None and "50 earlier" in str(last.prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert "earlier" not in str(line.get_option_at_index(line.option_count - 1).prompt)
        assert line.moment_id == store.list_moments()[PAGE].id  # the first of the new page
