"""KeysFooter: the screen's keys on one line, drawn by one widget.

It looks and works as Textual's compact `Footer` does (a key, its word; the command
palette's key on the right; unavailable keys dimmed; a click presses the key; a key's
tooltip under the mouse), but Textual's builds a widget for every key, styles and lays
them out, and builds them all again on every change of the screen's bindings. On the
Rituals pane that was ten widgets of the first screen's twenty-four, and about a fifth of
the work before its first frame. This one reads the bindings when it draws, and draws
again only when what it shows has changed: never a layout, never a widget more.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

_KEY = "bold $footer-key-foreground on $footer-key-background"
_WORD = "$footer-description-foreground on $footer-description-background"
_ITEM = "on $footer-item-background"
_LIT = "$footer-key-foreground on $block-hover-background"
_DIVIDER = "$foreground 20%"
"""The styles of Textual's `FooterKey`: the key, its word, the pair, the pair under the
mouse, and the bar left of the palette's key."""


class FooterItem(NamedTuple):
    """One key as the footer shows it."""

    key: str
    """What pressing it sends (`Binding.key`)."""
    display: str
    """How it is written (`App.get_key_display`)."""
    description: str
    tooltip: str
    enabled: bool


class _Shown(NamedTuple):
    """What the footer draws: the keys left to right, and the palette's key (or None)."""

    keys: tuple[FooterItem, ...]
    palette: FooterItem | None


class KeysFooter(Widget, can_focus=False):
    """The keys of the screen's bindings that are shown, then the palette's key on the right.

    Compact (a space between a key and its word, one between pairs): every pane's keys fit
    120 columns. On a narrower terminal the keys that do not fit are left out whole, from
    the right, but `? Keys` stays: it shows them all.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        &.-over-key {
            pointer: pointer;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: _Shown | None = None
        """What is drawn now (None until the first frame reads the bindings)."""
        self._spans: list[tuple[FooterItem, int, int]] = []
        """Each key drawn, with its first cell and its end cell."""
        self._hovered: FooterItem | None = None

    @property
    def keys(self) -> tuple[FooterItem, ...]:
        """The keys shown left to right, the palette's last."""
        shown = self._shown or self._read()
        return shown.keys + ((shown.palette,) if shown.palette else ())

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Read the bindings once the screen has refreshed, as Textual's footer does.

        Then what `check_action` asks of the screen's widgets has been composed (keys
        typed ahead can change bindings while a pane is still being built). Not while the
        terminal has lost the focus: the bindings change then and change back on its return.
        """
        if self.app.app_focus and screen is self.screen and self._shown is not None:
            self.call_after_refresh(self._redraw_if_changed)

    def _redraw_if_changed(self) -> None:
        """Draw again if the keys, or whether they can be used, changed."""
        if not self.is_attached:
            return
        shown = self._read()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _read(self) -> _Shown:
        """The screen's active bindings as the footer shows them (Textual's rules).

        Only bindings with `show`; one key per action (the first); the palette's key from
        the app's palette binding, shown or not.
        """
        app = self.app
        active = self.screen.active_bindings
        keys: dict[str, FooterItem] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = FooterItem(
                    binding.key, app.get_key_display(binding), binding.description, tooltip, enabled
                )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterItem(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.tooltip or binding.description,
                enabled,
            )
        return _Shown(tuple(keys.values()), palette)

    def _pair(self, item: FooterItem) -> Content:
        """`key word`, lit under the mouse, dim when the key cannot be used now."""
        pair = Content.styled(item.display, _KEY)
        if item.description:
            pair = Content.assemble(pair, (f" {item.description}", _WORD))
        pair = pair.stylize_before(_LIT if item == self._hovered else _ITEM)
        return pair if item.enabled else pair.stylize("dim")

    def render(self) -> Content:
        """The pairs, a space after each; the palette's key on the right, after a bar."""
        if self._shown is None:
            self._shown = self._read()  # the first frame's keys, read as it is drawn
        shown, width = self._shown, self.size.width
        right = Content("")
        if shown.palette is not None:
            right = Content.assemble(("▏", _DIVIDER), self._pair(shown.palette), " ")
            right = right.stylize_before(_LIT if shown.palette == self._hovered else _ITEM, 0, 1)
        room = max(width - right.cell_length, 0)
        parts: list[Content] = []
        self._spans, x = [], 0
        for item, pair in self._fitting([(item, self._pair(item)) for item in shown.keys], room):
            self._spans.append((item, x, x + pair.cell_length))
            parts.extend((pair, Content(" ")))
            x += pair.cell_length + 1
        left = Content.assemble(*parts).truncate(room, pad=True)
        if shown.palette is not None:  # the bar before it and the space after are not the key
            self._spans.append((shown.palette, width - right.cell_length + 1, width - 1))
        return Content.assemble(left, right)

    @staticmethod
    def _fitting(
        pairs: list[tuple[FooterItem, Content]], room: int
    ) -> list[tuple[FooterItem, Content]]:
        """The pairs that fit in `room` cells whole (a space after each). The last stays:
        it is `? Keys`, the way to all the others; the ones before it go from the right."""
        while len(pairs) > 1 and sum(pair.cell_length + 1 for _, pair in pairs) > room:
            del pairs[-2]
        return pairs

    def _item_at(self, x: int) -> FooterItem | None:
        return next((item for item, start, end in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the key under the mouse; show its tooltip."""
        hovered = self._item_at(event.x)
        if hovered != self._hovered:
            self._hovered = hovered
            self.tooltip = (hovered.tooltip or None) if hovered else None
            self.set_class(hovered is not None, "-over-key")
            self.refresh()

    def on_leave(self) -> None:
        """No key is lit once the mouse has left."""
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.set_class(False, "-over-key")
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key under the mouse, as Textual's footer does (a bell if it is unavailable)."""
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
