"""PaneTabs: the row of pane names at the top of every pane, for the mouse and the eye."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

PANES = (("ideas", "Ideas"), ("goals", "Goals"), ("rituals", "Rituals"), ("moments", "Moments"))
"""Pane ids and titles in key order: `1` Ideas ... `4` Moments (DESIGN section 8)."""

_ACTIVE, _OTHER = "$foreground", "$foreground 50%"
"""The shown pane's name, and the others' (the look of Textual's tabs)."""
_BAR, _REST = "$block-cursor-background", "$foreground 10%"
"""The underline under the shown pane's name, and the rest of the line."""


class PaneTabs(Widget):
    """Each pane's name with its number key, the shown one underlined; a click on another
    asks for that pane.

    One widget drawing two lines: Textual's `Tabs` built seven widgets and animated the
    underline, about a sixth of the work before a pane's first frame.
    """

    @dataclass
    class Chosen(Message):
        """The user clicked a pane's name."""

        pane: str
        """The pane id (`ideas`, `goals`, `rituals`, `moments`)."""

    def __init__(self, active: str) -> None:
        super().__init__(id="pane-tabs")
        self.pane = active
        """The pane this row belongs to (its name is underlined)."""
        self.hovered: str | None = None
        """The pane whose name is under the mouse (drawn lit, as a link would be)."""

    @staticmethod
    def spans() -> list[tuple[str, str, int, int]]:
        """(pane, label, first cell, end cell) of each name, left to right."""
        found, x = [], 0
        for number, (pane, title) in enumerate(PANES, 1):
            label = f" {number} {title} "
            found.append((pane, label, x, x + len(label)))
            x += len(label)
        return found

    def render(self) -> Content:
        """The names, then a line with the shown pane's name underlined."""
        names, bar = [], []
        width = self.size.width
        for pane, label, start, end in self.spans():
            if pane == self.pane:  # the bar under the name, not under the space around it
                names.append(Content.styled(label, _ACTIVE))
                bar.append(Content.styled("━" * start + "╸", _REST))
                bar.append(Content.styled("━" * (len(label) - 2), _BAR))
                bar.append(Content.styled("╺" + "━" * max(width - end, 0), _REST))
            else:
                names.append(Content.styled(label, _ACTIVE if pane == self.hovered else _OTHER))
        return Content.assemble(*names, "\n", *bar)

    def _pane_at(self, x: int) -> str | None:
        return next((pane for pane, _, start, end in self.spans() if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the name under the mouse."""
        hovered = self._pane_at(event.x)
        if hovered != self.hovered:
            self.hovered = hovered
            self.refresh()

    def on_leave(self) -> None:
        """No name is lit once the mouse has left."""
        if self.hovered is not None:
            self.hovered = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on another pane's name (or its underline) asks for that pane."""
        pane = self._pane_at(event.x)
        if pane is not None and pane != self.pane:
            self.post_message(self.Chosen(pane))
