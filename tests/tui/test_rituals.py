"""The Rituals pane driven by Pilot: ticks, skips, the form, archiving and the filter."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from store.repository import Store
from tests.tui.conftest import TODAY, app_for, demo_store, empty_store
from tui.app import TandemApp
from tui.screens.ritual_form_modal import RitualFormModal
from tui.screens.rituals import RitualsScreen
from tui.screens.skip_modal import SkipModal
from tui.widgets.ritual_list import RitualList
from tui.widgets.streak_panel import StreakPanel
from tui.widgets.today_strip import TodayStrip

# -- the pane, driven by Pilot -----------------------------------------------------------


def pane(app: TandemApp) -> RitualsScreen:
    """The rituals pane in front."""
    assert isinstance(app.screen, RitualsScreen)
    return app.screen


def ritual_id(store: Store, title: str) -> str:
    """A ritual's id by its title."""
    return store.ritual(title).id


def line_of(app: TandemApp, rid: str) -> str:
    """The list's line for a ritual, as shown."""
    listing = pane(app).query_one(RitualList)
    option = listing.options.get_option_at_index(listing.ritual_ids.index(rid))
    return cast(str, option.prompt.plain)  # type: ignore[attr-defined]


def said(messages: list[Message]) -> list[str]:
    """The notifications shown so far."""
    return [m.notification.message for m in messages if isinstance(m, Notify)]


async def open_pane(pilot: Pilot[None], select: str | None = None) -> RitualsScreen:
    """Press 3, and put the cursor on a ritual by title."""
    await pilot.press("3")
    await pilot.pause()
    screen = pane(cast(TandemApp, pilot.app))
    if select is not None:
        assert screen.select_record(ritual_id(screen.store, select))
        await pilot.pause()
    return screen


def due_in_strip(app: TandemApp) -> str:
    """The "Due:" part of the today strip ("" when nothing is due)."""
    text = str(pane(app).query_one(TodayStrip).render())
    return text.partition("Due:")[2].partition(" · ")[0]


async def test_ticking_untick_and_an_earlier_day() -> None:
    """space keeps Friday film night (store, row, panel, strip); again is a no-op; u and t."""
    app, messages = app_for(demo_store()), list[Message]()
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        screen = await open_pane(pilot, "Friday film night")
        rid, sarah = ritual_id(app.store, "Friday film night"), app.store.member("Sarah").id
        assert "due now" in line_of(app, rid) and "0 in a row" in line_of(app, rid)
        assert "Friday film night" in due_in_strip(app)

        await pilot.press("space")
        await pilot.pause()
        assert [(t.date, t.by, t.kind) for t in app.store.ticks(rid) if t.date == TODAY] == [
            (TODAY, sarah, "done")
        ]
        assert "✓ kept" in line_of(app, rid) and "1 in a row" in line_of(app, rid)
        assert "Friday film night" not in due_in_strip(app)
        assert screen.query_one(RitualList).selected_id == rid  # the cursor followed its row
        assert "1 in a row" in str(screen.query_one("#streak-detail", Static).render())
        assert said(messages)[-1] == "Kept Friday film night: 1 in a row."

        before = app.store.ticks(rid)
        await pilot.press("space")
        await pilot.pause()
        assert app.store.ticks(rid) == before
        assert said(messages)[-1] == "You already ticked Friday film night today; nothing changed."

        await pilot.press("u")
        await pilot.pause()
        assert not any(t.date == TODAY for t in app.store.ticks(rid))
        assert "due now" in line_of(app, rid)
        await pilot.press("u")
        await pilot.pause()
        assert said(messages)[-1] == "You have no tick on Friday film night today; nothing changed."

        await pilot.press("t")
        prompt = screen.query_one("#tick-day", Input)
        assert prompt.has_focus and prompt.value == "yesterday"
        prompt.value = "2026-12-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "future" in str(prompt.border_subtitle) and prompt.has_class("-error")
        prompt.value = "yesterday"
        await pilot.press("enter")
        await pilot.pause()
        assert [t.date for t in app.store.ticks(rid) if t.date >= TODAY - timedelta(days=1)] == [
            TODAY - timedelta(days=1)
        ]
        assert not prompt.has_class("-open") and "✓ kept" in line_of(app, rid)


async def test_needs_everyone_and_skip_with_a_reason() -> None:
    """Photo of the week waits for Leo after Sarah's tick; `s` excuses Friday film night."""
    app, messages = app_for(demo_store()), list[Message]()
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await open_pane(pilot, "Photo of the week")
        await pilot.press("space")
        await pilot.pause()
        photo = ritual_id(app.store, "Photo of the week")
        assert "due now, Leo to tick" in line_of(app, photo)
        assert "Photo of the week" in due_in_strip(app)
        assert said(messages)[-1] == "Ticked Photo of the week; it counts once Leo ticks too."

        await open_pane(pilot, "Friday film night")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SkipModal)
        app.screen.query_one("#skip-reason", Input).value = "Leo is away at camp"
        await pilot.press("enter")
        await pilot.pause()
        rid = ritual_id(app.store, "Friday film night")
        skips = [t for t in app.store.ticks(rid) if t.kind == "skip" and t.date == TODAY]
        assert [s.note for s in skips] == ["Leo is away at camp"]
        assert "– skipped" in line_of(app, rid)
        assert "Friday film night" not in due_in_strip(app)


async def test_add_through_the_form_with_inline_errors_first() -> None:
    """Empty pane; a name left out and a bad rule are refused inline; then weekly on Sunday."""
    app = app_for(empty_store())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pane(pilot)
        assert screen.query_one("#rituals-body").has_class("-empty")
        assert screen.check_action("tick", ()) is False  # nothing to tick: hidden
        assert screen.check_action("add", ()) is True

        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RitualFormModal)
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#form-error", Static)
        assert error.has_class("-shown") and str(error.render()) == "The name cannot be empty."
        assert form.query_one("#form-name", Input).has_focus
        await pilot.press(*"Sunday", "space", *"call")
        form.query_one("#form-repeat", Select).value = "custom"
        form.query_one("#form-custom", Input).value = "FREQ=HOURLY"
        await pilot.pause()
        words = form.query_one("#form-words", Static)
        assert "FREQ=HOURLY is refused" in str(words.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "FREQ=HOURLY is refused" in str(error.render())
        assert app.screen is form and app.store.list_rituals() == ()

        form.query_one("#form-repeat", Select).value = "day"
        await pilot.pause()
        assert str(words.render()).startswith("Repeats every day")
        form.query_one("#form-repeat", Select).value = "week"
        await pilot.pause()
        await pilot.click("#day-0")  # Monday on, then off again: Sunday (today) alone stays
        await pilot.pause()
        assert "on Monday and Sunday" in str(words.render())
        await pilot.pause(0.6)  # not a double click
        await pilot.click("#day-0")
        await pilot.pause()
        assert "Repeats every week on Sunday" in str(words.render())
        assert "counts when either of you ticks between Sunday and the next Saturday" in str(
            words.render()
        )
        assert str(form.query_one("#form-preview", Static).render()) == (
            "Next five: Sun 22 Nov · Sun 29 Nov · Sun 6 Dec · Sun 13 Dec · Sun 20 Dec"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        (ritual,) = app.store.list_rituals()
        assert (ritual.title, ritual.rule, ritual.start) == (
            "Sunday call", "FREQ=WEEKLY;BYDAY=SU", TODAY
        )
        assert not screen.query_one("#rituals-body").has_class("-empty")
        assert screen.query_one(RitualList).selected_id == ritual.id
        assert due_in_strip(app).strip() == "Sunday call"  # due today: the strip says so


async def test_edit_then_archive_and_ctrl_z() -> None:
    """`e` opens the hike on its preset and saves a new name; `delete` archives, ctrl+z undoes."""
    app, messages = app_for(demo_store()), list[Message]()
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        screen = await open_pane(pilot, "First-Saturday hike")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RitualFormModal)
        assert form.query_one("#form-repeat", Select).value == "nth"
        assert "first Saturday" in str(form.query_one("#form-words", Static).render())
        form.query_one("#form-name", Input).value = "First-Saturday walk"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = app.store.ritual(ritual_id(app.store, "First-Saturday walk"))
        assert edited.rule == "FREQ=MONTHLY;BYDAY=1SA"
        assert "First-Saturday walk" in line_of(app, edited.id)
        assert screen.query_one(StreakPanel).border_title == "First-Saturday walk"

        rid = ritual_id(app.store, "Sunday dinner")
        assert screen.select_record(rid)
        await pilot.press("delete")
        await pilot.pause()
        assert app.store.ritual(rid).archived
        listing = screen.query_one(RitualList)
        assert rid not in listing.ritual_ids
        assert listing.selected_id == ritual_id(app.store, "First-Saturday walk")  # its neighbour
        assert "Archived Sunday dinner. Press ctrl+z to bring it back." in said(messages)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not app.store.ritual(rid).archived
        assert rid in screen.query_one(RitualList).ritual_ids


async def test_jump_cursor_by_id_filter_and_no_member() -> None:
    """Palette jump selects the row; a refresh keeps it; `/` filters; no member dims ticking."""
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        rid = ritual_id(app.store, "Sunday dinner")
        app.jump_to("rituals", rid)
        await pilot.pause()
        await pilot.pause()
        screen = pane(app)
        listing = screen.query_one(RitualList)
        assert listing.selected_id == rid
        assert screen.query_one(StreakPanel).border_title == "Sunday dinner"

        before = listing.ritual_ids
        leo = app.store.member("Leo").id
        app.store.tick(ritual_id(app.store, "Friday film night"), TODAY, leo)  # another terminal
        app.store.tick(ritual_id(app.store, "Photo of the week"), TODAY, leo)
        screen.refresh_data()
        await pilot.pause()
        assert listing.ritual_ids != before and listing.selected_id == rid

        await pilot.press("slash", "f", "i", "l")
        await pilot.pause()
        assert listing.ritual_ids == (ritual_id(app.store, "Friday film night"),)
        await pilot.press("escape")
        await pilot.pause()
        assert len(listing.ritual_ids) == 6

        app.member = None
        assert screen.check_action("tick", ()) is None
        assert screen.check_action("edit", ()) is True


async def test_the_detail_reads_title_rule_figures_then_the_note() -> None:
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pane(pilot, "Sunday dinner")
        lines = str(screen.query_one("#streak-detail", Static).render()).splitlines()
        assert screen.query_one(StreakPanel).border_title == "Sunday dinner"
        assert lines[0] == "Repeats every week on Sunday"
        assert lines[1].startswith("Counts when either of you ticks between Sunday")
        assert lines[2] == "" and "in a row" in lines[3]  # a blank line between parts
        assert lines[-2:] == ["", "Note: Phones in the basket."]
        screen.filter_box().value = "zzz"  # no ritual left
        await pilot.pause()
        shown = str(screen.query_one("#streak-detail", Static).render())
        assert shown == "No ritual's title contains “zzz”."
