"""RitualsView: the Rituals pane's data and how it is shown (list, panel, footer keys)."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input, Static

from store import recurrence
from store.models import Ritual, Tick
from store.repository import Agenda
from store.streaks import RitualStats
from tui.screens.pane import PaneScreen
from tui.widgets.ritual_list import RitualList, RitualRow
from tui.widgets.streak_panel import (
    RECENT,
    RitualDetail,
    StreakPanel,
    recent_starts,
    recent_windows,
)

EMPTY = """\
[b]No rituals yet.[/b]

Rituals are what you do together again and again: Sunday dinner, a hike on the first \
Saturday of the month, a birthday breakfast, a weekly call once someone has moved out. \
Tandem counts how many times in a row you keep each one, never how many days.

Press [b]a[/b] to add your first ritual (Sunday dinner, a weekly call…)."""


class RitualsView(PaneScreen):
    """Base of `RitualsScreen`: reads every ritual's figures and pushes them down.

    The screen itself composes the widgets and holds the keys and the changes.
    """

    def __init__(self) -> None:
        super().__init__()
        self._overview: dict[str, tuple[Ritual, RitualStats]] = {}
        self._order: list[str] = []
        self._ticks_read: dict[str, tuple[Tick, ...]] = {}
        self._today = date.min
        self._shown: str | None = None
        """The ritual whose detail the panel shows."""
        self._can: tuple[bool, bool, bool] | None = None
        """(a ritual selected, a member at the keyboard, any ritual) when the footer was drawn."""

    # -- data ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read every ritual's figures and show them, keeping the cursor on its ritual."""
        super().refresh_data()
        if self.store.is_set_up:
            self._show_rows()

    def show_agenda(self, agenda: Agenda) -> None:
        """The today strip, and every ritual's figures from the same agenda (read once)."""
        super().show_agenda(agenda)
        self._today = agenda.today
        self._ticks_read = {}
        self._overview = {ritual.id: (ritual, stats) for ritual, stats in agenda.rituals}
        self._order = [ritual.id for ritual, _ in agenda.rituals]

    def _show_rows(self, keep: str | None = None) -> None:
        """Rebuild the list (filtered) and the panel."""
        listing = self.query_one(RitualList)
        body = self.query_one("#rituals-body")
        if not self._overview and not body.query_children("#rituals-empty"):
            body.mount(Static(EMPTY, id="rituals-empty"), before=0)
        body.set_class(not self._overview, "-empty")
        listing.show([self._row(rid) for rid in self._visible()], keep)
        self._show_detail(listing.selected_id, force=True)
        self._update_bindings()

    def _visible(self) -> list[str]:
        words = self._filter_words().casefold()
        return [rid for rid in self._order if words in self._overview[rid][0].title.casefold()]

    def filter_box(self) -> Input:
        """The filter line above the list, made when first wanted (`/`)."""
        box = self.filter_line()
        if box is None:
            box = Input(placeholder="Filter by title", id="ritual-filter")
            self.query_one("#rituals-side").mount(box, before=0)
        return box

    def filter_line(self) -> Input | None:
        """The filter line, if it was ever opened (None: nothing is filtered)."""
        return next(self.query("#ritual-filter").results(Input), None)

    def _filter_words(self) -> str:
        """What the filter line holds ("" before it was first opened)."""
        box = self.filter_line()
        return box.value.strip() if box is not None else ""

    def _row(self, ritual_id: str) -> RitualRow:
        ritual, stats = self._overview[ritual_id]
        names = self.store.member_names()
        return RitualRow.build(ritual, stats, names, self._today, lambda: self._ticks(ritual_id))

    def _ticks(self, ritual_id: str) -> tuple[Tick, ...]:
        """The ticks of the windows the pane shows, read once per refresh.

        Only the recent windows' ticks are read, so the cost does not grow with the years.
        """
        if ritual_id not in self._ticks_read:
            ritual = self._overview[ritual_id][0]
            starts = recent_starts(ritual, self._today, RECENT)
            since = starts[0] if starts else self._today
            self._ticks_read[ritual_id] = self.store.ticks(ritual_id, since=since)
        return self._ticks_read[ritual_id]

    def _show_detail(self, ritual_id: str | None, force: bool = False) -> None:
        if ritual_id == self._shown and not force:
            return
        self._shown = ritual_id
        panel = self.query_one(StreakPanel)
        if ritual_id is None or ritual_id not in self._overview:
            words = self._filter_words()
            panel.show(None, f"No ritual's title contains “{words}”." if words else "")
            return
        ritual, stats = self._overview[ritual_id]
        rule_text, window_text = self.store.describe_rule(ritual)
        panel.show(
            RitualDetail(
                ritual=ritual,
                stats=stats,
                rule_text=rule_text,
                window_text=window_text,
                names=self.store.member_names(),
                next_dates=tuple(
                    recurrence.next_occurrences(
                        ritual.rule, ritual.start, self._today + timedelta(days=1), 5
                    )
                ),
                recent=recent_windows(ritual, self._ticks(ritual.id), self._today),
                today=self._today,
            )
        )

    def _refresh_one(self, ritual_id: str) -> None:
        """After a tick: the today strip, that ritual's line and the panel, nothing else."""
        self.show_agenda(self.store.agenda())
        if ritual_id in self._overview:
            self.query_one(RitualList).update_row(self._row(ritual_id), self._visible())
        self._show_detail(self.query_one(RitualList).selected_id, force=True)

    def select_record(self, record_id: str) -> bool:
        """Jump to a ritual chosen in the command palette (clearing a filter that hides it)."""
        if record_id not in self._overview:
            return False
        if record_id not in self._visible():
            self.filter_box().value = ""
            self._show_rows(keep=record_id)
        found = self.query_one(RitualList).select(record_id)
        self.query_one(RitualList).options.focus()
        return found

    def _update_bindings(self) -> None:
        """Redraw the footer only when what `check_action` depends on has changed."""
        can = (self._selected() is not None, self.member is not None, bool(self._overview))
        if can != self._can:
            self._can = can
            self.refresh_bindings()

    def _selected(self) -> Ritual | None:
        ritual_id = self.query_one(RitualList).selected_id
        return self._overview[ritual_id][0] if ritual_id in self._overview else None
