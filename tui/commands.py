"""Command palette: jump to any ritual, goal or idea by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import TandemApp


class JumpProvider(Provider):
    """Finds rituals, goals and ideas by name and opens them in their pane."""

    def _targets(self) -> list[tuple[str, str, str]]:
        app = cast("TandemApp", self.app)
        store = app.store
        targets = [(f"Ritual: {r.title}", "rituals", r.id) for r in store.list_rituals()]
        targets += [(f"Goal: {g.title}", "goals", g.id) for g in store.list_goals()]
        targets += [(f"Idea: {i.title}", "ideas", i.key) for i in app.ideas() if not i.hidden]
        return targets

    async def search(self, query: str) -> Hits:
        """Rituals, goals and ideas whose title matches what was typed."""
        app = cast("TandemApp", self.app)
        matcher = self.matcher(query)
        for title, pane, record in self._targets():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(app.jump_to, pane, record),
                    help=f"Open it in {pane.title()}",
                )

    async def discover(self) -> Hits:
        """With nothing typed, offer the rituals (the most used jump)."""
        app = cast("TandemApp", self.app)
        for title, pane, record in self._targets():
            if pane == "rituals":
                yield DiscoveryHit(title, partial(app.jump_to, pane, record), help="Open it")
