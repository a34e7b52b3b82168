"""KeysFooter: Textual's Footer, built with its screen and rebuilt only when its keys change.

Textual's Footer shows nothing until the screen's first bindings signal, then rebuilds all
its key widgets on every signal: one for each focus change, each `refresh_bindings()` and
each change of the screen stack. That was six rebuilds before the first frame, each ~18 ms
of building and styling at 120 columns plus a layout of the whole screen, most of them for
the same keys; a rebuild under a modal screen could also leave keys drawn over one another.
This footer builds its keys when composed, skips a rebuild that would show the same keys,
and when only the availability of its keys changed, dims or lights them in place.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class _Key(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    group: Binding.Group | None
    tooltip: str
    enabled: bool


class _Keys(NamedTuple):
    """Everything `Footer.compose` reads."""

    keys: tuple[_Key, ...]
    compact: bool
    show_command_palette: bool
    command_palette: bool

    def same_but_availability(self, other: _Keys) -> bool:
        """The same keys, in the same order, shown the same way, whatever their availability."""
        return (self.compact, self.show_command_palette, self.command_palette) == (
            other.compact,
            other.show_command_palette,
            other.command_palette,
        ) and [key._replace(enabled=True) for key in self.keys] == [
            key._replace(enabled=True) for key in other.keys
        ]


class KeysFooter(Footer):
    """A Footer built with its screen, rebuilt only when the keys it shows change.

    Compact (a space between a key and its word, none around the key): every pane's keys
    fit 120 columns, and the Rituals pane's 80, with `? Keys` whole. Each key is built
    compact, so it is styled once (Textual builds it wide, then restyles it compact).
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    _shown: _Keys | None = None
    """What the keys shown now were built from (None: nothing built yet)."""

    def _what_it_would_show(self) -> _Keys:
        app = self.app
        keys = tuple(
            _Key(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                tooltip,
                enabled,
            )
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return _Keys(keys, self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        """The keys at once, in the screen's first frame.

        The screen's bindings are known when its footer is composed; keys that wait for
        the screen's data come dimmed and are lit in place (`recompose`), and if focus adds
        keys, the signal that follows rebuilds the footer once.
        """
        self._bindings_ready = True  # Footer.compose shows nothing until this is set
        self._shown = self._what_it_would_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Bound to the footer's `compact` once mounted, which would restyle each key.
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out the same or only (un)available."""
        if not self.is_attached:
            return
        shows = self._what_it_would_show()
        if self.children and self._shown is not None:
            if shows == self._shown:
                return
            if shows.same_but_availability(self._shown):
                self._set_availability(shows)
                return
        self._shown = shows
        await super().recompose()

    def _set_availability(self, shows: _Keys) -> None:
        """Dim or light the keys in place: same width, so no layout of the screen."""
        enabled = {(key.key, key.action): key.enabled for key in shows.keys}
        for widget in self.query(FooterKey):
            available = enabled.get((widget.key, widget.action))
            if available is not None:
                widget._disabled = not available  # what FooterKey reads when clicked
                widget.set_class(not available, "-disabled")
        self._shown = shows
