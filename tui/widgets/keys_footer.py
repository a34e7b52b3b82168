"""KeysFooter: Textual's Footer, rebuilt only when the keys it would show have changed.

Textual's Footer rebuilds all its key widgets on every `bindings_updated` signal, and a
screen sends one for each focus change, each `refresh_bindings()` and each change of the
screen stack: six at start-up, each ~18 ms of building and styling widgets at 120
columns, most of them for the same keys (every rebuild queued in one refresh reads the
final bindings). Rebuilding under a modal screen could also leave the keys drawn over one
another. This footer compares what it would show with what it shows and skips the
rebuild when they are the same.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys."""

    _shown: Hashable = None
    """What the keys shown now were built from (None: nothing built yet)."""

    def _what_it_would_show(self) -> Hashable:
        """Everything `Footer.compose` reads, as one comparable value."""
        app = self.app
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return (keys, self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        """The keys at once, in the screen's first frame.

        Textual's Footer shows nothing until the first bindings signal, then rebuilds, which
        costs a second layout of the whole screen before the first complete frame. The
        screen's bindings are known when its footer is composed; if focus adds keys, the
        signal that follows rebuilds the footer once.
        """
        self._bindings_ready = True
        self._shown = self._what_it_would_show()
        yield from super().compose()

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out the same."""
        if not self.is_attached:
            return
        shows = self._what_it_would_show()
        if shows == self._shown and self.children:
            return
        if self._only_enabled_changed(shows):
            return
        self._shown = shows
        await super().recompose()

    def _only_enabled_changed(self, shows: Hashable) -> bool:
        """When the same keys are shown and only some became (un)available, dim them in place.

        A rebuild costs a layout of the whole screen; dimming a key does not change its width.
        """
        if not isinstance(self._shown, tuple) or not isinstance(shows, tuple):
            return False
        before, now = self._shown[0], shows[0]
        same = len(before) == len(now) and all(
            old[:5] == new[:5] and old[6] == new[6] for old, new in zip(before, now, strict=True)
        )
        if not same or self._shown[1:] != shows[1:]:
            return False
        enabled = {(key[0], key[3]): key[5] for key in now}
        for widget in self.query(FooterKey):
            available = enabled.get((widget.key, widget.action))
            if available is not None:
                widget._disabled = not available
                widget.set_class(not available, "-disabled")
        self._shown = shows
        return True
