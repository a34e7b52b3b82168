"""PaneTabs: the row of pane names at the top of every pane, for the mouse and the eye."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import Tab, Tabs

PANES = (("ideas", "Ideas"), ("goals", "Goals"), ("rituals", "Rituals"), ("moments", "Moments"))
"""Pane ids and titles in key order: `1` Ideas ... `4` Moments (DESIGN section 8)."""


class PaneTabs(Tabs):
    """Tabs named with their number key; clicking one asks the app to show that pane."""

    @dataclass
    class Chosen(Message):
        """The user clicked a pane's tab."""

        pane: str
        """The pane id (`ideas`, `goals`, `rituals`, `moments`)."""

    def __init__(self, active: str) -> None:
        tabs = [Tab(f"{n} {title}", id=f"tab-{pane}") for n, (pane, title) in enumerate(PANES, 1)]
        super().__init__(*tabs, active=f"tab-{active}")
        self.can_focus = False
        self._pane = active

    @on(Tabs.TabActivated)
    def choose_pane(self, event: Tabs.TabActivated) -> None:
        """Report a click on another pane's tab; the screen's own tab stays put."""
        event.stop()
        pane = (event.tab.id or "").removeprefix("tab-")
        if pane and pane != self._pane:
            self.active = f"tab-{self._pane}"
            self.post_message(self.Chosen(pane))
