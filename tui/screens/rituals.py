"""RitualsScreen: the family's traditions, their streaks and the window each one counts in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.widgets import Input

from store.errors import TandemError
from store.models import Ritual
from store.validation import parse_day
from tui.screens.rituals_view import RitualsView
from tui.widgets.day_prompt import DayPrompt
from tui.widgets.ritual_list import RitualList
from tui.widgets.streak_panel import StreakPanel

if TYPE_CHECKING:
    from tui.screens.ritual_form_modal import RitualDraft

_NEEDS_RITUAL = frozenset({"tick", "untick", "skip", "tick_day", "edit", "archive", "open"})
_NEEDS_MEMBER = frozenset({"tick", "untick", "skip", "tick_day"})


class RitualsScreen(RitualsView):
    """The rituals, due ones first; the selected one in full beside (or below) the list."""

    PANE = "rituals"
    HELP = """\
## Rituals

Your traditions: Sunday dinner, the first-Saturday hike, a birthday breakfast.

- **Streaks count times, not days.** "5 in a row" means the last five Sunday dinners
  were kept, whatever the days in between.
- **Each time has a window.** A weekly Sunday dinner counts on any day from Sunday to
  the next Saturday, so dinner on Monday still keeps it. The window holding today is
  *due*, never missed, until it ends.
- **Together or each on your own.** Most rituals count when either of you ticks; some
  (a photo for each other every week) need every member's tick.
- **Skips.** `s` excuses this time with a reason (someone is ill, away at camp): the
  streak neither breaks nor grows.

`space` ticks this time as you, `u` takes today's tick back, `t` ticks an earlier day,
`a` adds, `e` edits, `delete` archives (`ctrl+z` brings it back), `/` filters, `enter`
shows the detail.
"""
    AUTO_FOCUS = "#ritual-options"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the detail goes under the list instead of beside it."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", tooltip="We did it: tick this time as you",
                id="ritual-tick"),
        Binding("a", "add", "Add", tooltip="Add a ritual", id="ritual-add"),
        Binding("e", "edit", "Edit", tooltip="Change the selected ritual", id="ritual-edit"),
        Binding("s", "skip", "Skip", tooltip="Excuse this time, with a reason", id="ritual-skip"),
        Binding("slash", "filter", "Filter", tooltip="Filter the list by title",
                id="ritual-search"),
        Binding("u", "untick", "Untick", tooltip="Take back today's tick", id="ritual-untick",
                show=False),
        Binding("t", "tick_day", "Tick a day", tooltip="Tick an earlier day (yesterday...)",
                id="ritual-tick-day", show=False),
        Binding("delete", "archive", "Archive", tooltip="Archive it (ctrl+z brings it back)",
                id="ritual-archive", show=False),
        Binding("enter", "open", "Detail", tooltip="Show the ritual in full", id="ritual-open",
                show=False),
        Binding("escape", "back", "Back", tooltip="Back to the list", id="ritual-back",
                show=False),
    ]

    def compose_body(self) -> ComposeResult:
        """The list and the panel. The filter line, the day prompt and the empty-state text
        are made when first needed (each is hidden until then, and costs its build)."""
        with Container(id="rituals-body"):
            with Vertical(id="rituals-side"):
                yield RitualList(id="ritual-list")
            yield StreakPanel(id="streak-panel")

    # -- selection ----------------------------------------------------------------------

    @on(RitualList.Highlighted)
    def follow_cursor(self, event: RitualList.Highlighted) -> None:
        """Show the ritual under the cursor in the panel."""
        self._show_detail(event.ritual_id)
        self._update_bindings()

    @on(RitualList.Opened)
    def open_ritual(self) -> None:
        """`enter` on the list: move into the detail (scroll it with the arrows)."""
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what needs a ritual when none is selected; dim what needs a member."""
        if action in _NEEDS_RITUAL or action == "filter":
            if not self.is_mounted:  # the footer is built before the list is filled
                if not self._any_ritual_at_start():
                    return False
            elif action == "filter" and not self._overview:
                return False
            elif action in _NEEDS_RITUAL and self._selected() is None:
                return False
        if action in _NEEDS_MEMBER and self.member is None:
            return None
        return True

    _any_ritual: bool | None = None

    def _any_ritual_at_start(self) -> bool:
        """Whether the list will have a ritual (its first is then selected) once filled.

        Asked while the footer is built, before the pane reads its data: its keys come out
        as they will stay, instead of dimmed and restyled a moment later.
        """
        if self._any_ritual is None:
            self._any_ritual = self.store.is_set_up and bool(self.store.list_rituals())
        return self._any_ritual

    # -- actions ------------------------------------------------------------------------

    def _say(self, text: str, **options: Any) -> None:
        """A notification whose text is shown as typed (titles may hold brackets)."""
        self.notify(text, markup=False, **options)

    def _change(self, ritual: Ritual, change: Callable[[], bool], unchanged: str) -> bool:
        """Run a tick-like change; refresh that ritual only; False (and say why) if none."""
        try:
            changed = change()
        except TandemError as error:
            self._say(str(error), severity="error")
            return False
        if not changed:
            self._say(unchanged)
            return False
        self._refresh_one(ritual.id)
        return True

    def action_tick(self) -> None:
        """`space`: tick the selected ritual's current window as the member at the keyboard."""
        ritual, member = self._selected(), self.member
        if ritual is None or member is None:
            return
        before = self._overview[ritual.id][1].overall
        if self._change(
            ritual,
            lambda: self.store.tick(ritual.id, self._today, member.id),
            f"You already ticked {ritual.title} today; nothing changed.",
        ):
            # The row's new streak first; the words (a toast, mounted and faded in) a frame later.
            praise = self._praise(ritual.id, before.due_now, before.longest_streak)
            self.call_after_refresh(self._say, praise)

    def _praise(self, ritual_id: str, was_due: bool, best_before: int) -> str:
        """What to say after a tick: kept (a new best?), or who is still to tick."""
        ritual, stats = self._overview[ritual_id]
        overall = stats.overall
        if overall.due_now:
            waiting = " and ".join(self._row(ritual_id).waiting_for) or "the others"
            return f"Ticked {ritual.title}; it counts once {waiting} ticks too."
        if not was_due:
            return f"Ticked {ritual.title} (this time was already kept)."
        text = f"Kept {ritual.title}: {overall.current_streak} in a row."
        return text + " A new best!" if overall.current_streak > best_before >= 1 else text

    def action_untick(self) -> None:
        """`u`: take back the tick the member at the keyboard made today."""
        ritual, member = self._selected(), self.member
        if ritual is not None and member is not None and self._change(
            ritual,
            lambda: self.store.untick(ritual.id, self._today, member.id),
            f"You have no tick on {ritual.title} today; nothing changed.",
        ):
            self._say(f"Took back today's tick on {ritual.title}.")

    def action_skip(self) -> None:
        """`s`: excuse the current window, with a reason."""
        ritual = self._selected()
        if ritual is not None:
            from tui.screens.skip_modal import SkipModal  # the dialogs load when first used

            self.app.push_screen(
                SkipModal(ritual.title), callback=lambda reason: self._skip(ritual, reason)
            )

    def _skip(self, ritual: Ritual, reason: str | None) -> None:
        member = self.member
        if reason is not None and member is not None and self._change(
            ritual,
            lambda: self.store.tick(ritual.id, self._today, member.id, reason, kind="skip"),
            f"You already skipped {ritual.title} today; nothing changed.",
        ):
            self._say(f"Skipped {ritual.title} this time; the streak stays as it was.")

    def action_tick_day(self) -> None:
        """`t`: ask which earlier day to tick ("yesterday" or a date)."""
        ritual = self._selected()
        if ritual is not None:
            self._day_prompt().ask(ritual.title)

    @on(DayPrompt.Submitted)
    def tick_day(self, event: DayPrompt.Submitted) -> None:
        """The day typed in the prompt: tick it, or say what is wrong right there."""
        ritual, member = self._selected(), self.member
        if ritual is None or member is None:
            return
        try:
            day = parse_day(event.value, self._today)
            changed = self.store.tick(ritual.id, day, member.id)
        except TandemError as error:
            event.prompt.refuse(str(error))
            return
        self._close_prompt()
        if not changed:
            self._say(f"You already ticked {ritual.title} on {day:%a %d %b}; nothing changed.")
            return
        self._refresh_one(ritual.id)
        self._say(f"Ticked {ritual.title} on {day:%a %d %b}.")

    def _day_prompt(self) -> DayPrompt:
        """The prompt under the list for an earlier day (`t`), made when first wanted."""
        prompt = next(self.query(DayPrompt).results(), None)
        if prompt is None:
            prompt = DayPrompt(id="tick-day")
            self.query_one("#rituals-side").mount(prompt)
        return prompt

    def _close_prompt(self) -> None:
        self._day_prompt().close()
        self.query_one(RitualList).options.focus()

    def action_add(self) -> None:
        """`a`: a new ritual, through the form."""
        self._open_form(None, None)

    def action_edit(self) -> None:
        """`e`: change the selected ritual through the form."""
        ritual = self._selected()
        if ritual is not None:
            from tui.screens.ritual_form_modal import RitualDraft

            self._open_form(ritual.id, RitualDraft.of(ritual))

    def _open_form(self, ritual_id: str | None, draft: RitualDraft | None, error: str = "") -> None:
        from tui.screens.ritual_form_modal import RitualFormModal  # loads with its first use

        modal = RitualFormModal(self.store.list_members(), self._today, draft, error)
        self.app.push_screen(modal, callback=lambda new: self._save(ritual_id, new))

    def _save(self, ritual_id: str | None, draft: RitualDraft | None) -> None:
        """Add or edit through the store; a refusal reopens the form with the reason."""
        if draft is None:
            return
        try:
            if ritual_id is None:
                ritual = self.store.add_ritual(
                    draft.title, draft.rule, draft.start, draft.members, draft.needs, draft.note
                )
            else:
                ritual = self.store.edit_ritual(
                    ritual_id, title=draft.title, rule=draft.rule, start=draft.start,
                    members=draft.members, needs=draft.needs, note=draft.note,
                )
        except TandemError as error:
            self._open_form(ritual_id, draft, str(error))
            return
        if ritual_id is None:
            if (box := self.filter_line()) is not None:
                box.value = ""  # the new ritual shows, whatever was filtered
        self.show_agenda(self.store.agenda())  # the today strip and the list
        self._show_rows(keep=ritual.id)
        verb = "Added" if ritual_id is None else "Saved"
        self._say(f"{verb} {ritual.title}.")

    def action_archive(self) -> None:
        """`delete`: archive the selected ritual (its history stays; ctrl+z brings it back)."""
        ritual = self._selected()
        if ritual is None:
            return
        try:
            self.store.archive_ritual(ritual.id)
        except TandemError as error:
            self._say(str(error), severity="error")
            return
        self.refresh_data()
        self._say(f"Archived {ritual.title}. Press ctrl+z to bring it back.", title="Archived")

    def action_filter(self) -> None:
        """`/`: filter the list by title."""
        box = self.filter_box()
        box.add_class("-open")
        box.focus()

    @on(Input.Changed, "#ritual-filter")
    def filter_rituals(self) -> None:
        """Narrow the list as the filter is typed."""
        self._show_rows()

    @on(Input.Submitted, "#ritual-filter")
    def leave_filter(self) -> None:
        """`enter` in the filter: back to the (filtered) list."""
        self.query_one(RitualList).options.focus()

    def action_open(self) -> None:
        """`enter`: move into the detail panel."""
        self.query_one(StreakPanel).focus()

    def action_back(self) -> None:
        """`escape`: close the day prompt, leave the panel, or clear the filter."""
        if any(prompt.is_open for prompt in self.query(DayPrompt).results()):
            self._close_prompt()
            return
        box = self.filter_line()
        if box is not None and (
            box.has_focus or (box.value and not self.query_one(StreakPanel).has_focus)
        ):
            box.remove_class("-open")
            box.value = ""
        self.query_one(RitualList).options.focus()
