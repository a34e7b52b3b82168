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

from textual.widgets import Footer


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

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out the same."""
        if not self.is_attached:
            return
        shows = self._what_it_would_show()
        if shows == self._shown and self.children:
            return
        self._shown = shows
        await super().recompose()
