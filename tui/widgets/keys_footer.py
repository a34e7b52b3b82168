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

from rich.cells import cell_len
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
        self._mouse_x: int | None = None
        """Where the mouse is over the footer (None: elsewhere)."""
        self._lit: FooterItem | None = None
        """The key drawn lit: the one under the mouse when the footer last looked."""

    @property
    def keys(self) -> tuple[FooterItem, ...]:
        """The screen's keys as the footer has them, left to right, the palette's last (on a
        narrow terminal some are left out of the line: `_places`)."""
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
            self._light_key_under_mouse()  # other keys may be under it now

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
        pair = pair.stylize_before(_LIT if item == self._lit else _ITEM)
        return pair if item.enabled else pair.stylize("dim")

    def _places(self) -> list[tuple[FooterItem, int, int]]:
        """Each key drawn, with its first cell and its end cell; the palette's last.

        The keys that fit whole left of the palette's key, a space after each: when they do
        not all fit, the last (`? Keys`, the way to all the others) stays and the ones
        before it go, from the right. The palette's key is at the right end, after a bar
        and before a space.
        """
        shown, width = self._shown or self._read(), self.size.width
        right = 0 if shown.palette is None else _cells(shown.palette) + 2
        room = max(width - right, 0)
        keys = list(shown.keys)
        while len(keys) > 1 and sum(_cells(item) + 1 for item in keys) > room:
            del keys[-2]
        places, x = [], 0
        for item in keys:
            if x + _cells(item) > room:
                break  # not even `? Keys` fits: nothing drawn there, nothing to click
            places.append((item, x, x + _cells(item)))
            x += _cells(item) + 1
        if shown.palette is not None:
            places.append((shown.palette, max(width - right + 1, 0), width - 1))
        return places

    def render(self) -> Content:
        """The pairs, a space after each; the palette's key on the right, after a bar."""
        if self._shown is None:
            self._shown = self._read()  # the first frame's keys, read as it is drawn
        places, palette = self._places(), self._shown.palette
        left = [(item, start) for item, start, _ in places if item is not palette]
        right = Content("")
        if palette is not None:
            right = Content.assemble(("▏", _DIVIDER), self._pair(palette), " ")
            right = right.stylize_before(_LIT if palette == self._lit else _ITEM, 0, 1)
        room = max(self.size.width - right.cell_length, 0)
        parts = [Content.assemble(self._pair(item), " ") for item, _ in left]
        return Content.assemble(Content.assemble(*parts).truncate(room, pad=True), right)

    def _item_at(self, x: int | None) -> FooterItem | None:
        if x is None:
            return None
        return next((item for item, start, end in self._places() if start <= x < end), None)

    def _light_key_under_mouse(self) -> None:
        """Light the key under the mouse (none once it has left), with its tooltip and a
        pointing hand: after the mouse moved, and after the keys changed under it."""
        lit = self._item_at(self._mouse_x)
        if lit != self._lit:
            self._lit = lit
            self.tooltip = (lit.tooltip or None) if lit else None
            self.set_class(lit is not None, "-over-key")
            self.screen.update_pointer_shape()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the key under the mouse; show its tooltip."""
        self._mouse_x = event.x
        self._light_key_under_mouse()

    def on_leave(self) -> None:
        """No key is lit once the mouse has left."""
        self._mouse_x = None
        self._light_key_under_mouse()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key under the mouse, as Textual's footer does (a bell if it is unavailable)."""
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()


def _cells(item: FooterItem) -> int:
    """The cells a key takes: `key word`."""
    return cell_len(item.display) + (cell_len(item.description) + 1 if item.description else 0)
