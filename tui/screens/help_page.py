"""HelpPage: when to look for help beyond this app (reached from the command palette)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from tui.paths import ASSETS_DIR
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.title_bar import TitleBar


class HelpPage(Screen[None]):
    """A short, plain page on when a family counsellor can help, and where to look."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="help-back")]

    def compose(self) -> ComposeResult:
        """The page text from `assets/get_help.md`."""
        yield TitleBar()
        with VerticalScroll(id="help-page"):
            yield Markdown((ASSETS_DIR / "get_help.md").read_text("utf-8"))
        yield KeysFooter()
