"""YearBookPage: this year's year book, read in the app (from the command palette)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from tui.widgets.keys_footer import KeysFooter
from tui.widgets.title_bar import TitleBar


class YearBookPage(Screen[None]):
    """The year book as `tandem report` writes it, shown as Markdown."""

    HELP = """\
## The year book

Rituals kept and their best streaks, each ritual month by month, the moments and their notes,
the goals reached and who helped. To keep a copy: `tandem report --year 2026 -o book.html`.
"""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="year-book-back")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown
        """The book's text, rendered by `store.yearbook_render.render_markdown`."""

    def compose(self) -> ComposeResult:
        """The book, scrollable."""
        yield TitleBar()
        with VerticalScroll(id="year-book"):
            yield Markdown(self.markdown)
        yield KeysFooter()
