"""The reference of every first-paint budget: Header, a 20-row DataTable and Footer.

`python -m bench.minimal_app` runs it in the terminal (what `notes/performance.md` calls
"the minimal Textual app"); `bench.runner` runs it headless. Its last row, `Ritual 19`,
is the marker of its first complete frame.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

TITLES = tuple(f"Ritual {n:02d}" for n in range(20))


class MinimalApp(App[None]):
    """Header + DataTable (20 rows) + Footer, nothing else."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        """The three widgets."""
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table (as a real app would after reading its data)."""
        table = self.query_one(DataTable)
        table.add_columns("Ritual", "Every", "Streak", "Longest", "Next due")
        for n, title in enumerate(TITLES):
            table.add_row(title, "day", str(3650 - n), str(3650 + n), "Sun 22 Nov")


def make_app() -> MinimalApp:
    """The app, for `bench.runner`."""
    return MinimalApp()


if __name__ == "__main__":
    MinimalApp().run()
