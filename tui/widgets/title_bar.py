"""TitleBar: the line at the top of every screen, drawn by one widget.

It looks as Textual's `Header` does (the palette icon on the left, the title and who is at
the keyboard in the middle), and the icon opens the command palette. Textual's header is
four widgets (the bar, the icon, the title, a space for a clock) to style and lay out
before a pane's first frame; this is one. Textual's grows to three lines when clicked;
this one stays a line.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
_ICON_WIDTH, _CLOCK_WIDTH = 8, 10
"""The cells Textual's header gives its icon (on the left) and its clock (on the right):
the title is centred between them, as there."""
_LIT = "on $foreground 10%"
"""The icon under the mouse."""


class TitleBar(Widget, can_focus=False):
    """The app's title and sub-title (Tandem — Mum at the keyboard), and the palette icon."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        &.-over-icon {
            pointer: pointer;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._over_icon = False

    def on_mount(self) -> None:
        """Follow the titles of the app and the screen, as Textual's header does."""
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        """The icon, then the title centred between the icon's cells and the clock's."""
        screen, app = self.screen, self.app
        title = app.format_title(
            screen.title if screen.title is not None else app.title,
            screen.sub_title if screen.sub_title is not None else app.sub_title,
        )
        room = max(self.size.width - _ICON_WIDTH - _CLOCK_WIDTH, 0)
        title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        icon = Content(f" {ICON} ".ljust(_ICON_WIDTH))
        if self._over_icon:
            icon = icon.stylize(_LIT)
        return Content.assemble(icon, " " * left, title)

    def _on_icon(self, x: int) -> bool:
        return x < _ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the icon under the mouse, and say what it does."""
        over = self._on_icon(event.x)
        if over != self._over_icon:
            self._over_icon = over
            self.tooltip = "Open the command palette" if over else None
            self.set_class(over, "-over-icon")
            self.screen.update_pointer_shape()
            self.refresh()

    def on_leave(self) -> None:
        """The icon is no longer lit once the mouse has left."""
        if self._over_icon:
            self._over_icon = False
            self.tooltip = None
            self.set_class(False, "-over-icon")
            self.screen.update_pointer_shape()
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """A click on the icon opens the command palette."""
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
