"""PaneScreen: what every pane shares (header, pane tabs, today strip, footer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen

from store.errors import TandemError
from store.models import Member
from store.repository import Agenda, Store
from tui.paths import pane_css
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.pane_tabs import PaneTabs
from tui.widgets.title_bar import TitleBar
from tui.widgets.today_strip import TodayStrip

if TYPE_CHECKING:
    from tui.app import TandemApp

_T = TypeVar("_T")


class PaneScreen(Screen[None]):
    """Base of the four panes; subclasses compose their body and refresh their data.

    Data flows down: `refresh_data()` reads the store and hands dataclasses to widgets.
    It runs when the pane is shown, after every change, and when the file changed.
    """

    PANE: ClassVar[str] = ""
    """The pane id, as in `tui.widgets.pane_tabs.PANES`."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        """A pane brings its own style sheet, `assets/<PANE>.tcss` (`tui.paths.pane_css`)."""
        super().__init_subclass__(**kwargs)  # type: ignore[arg-type]
        if cls.PANE and "CSS_PATH" not in vars(cls):
            cls.CSS_PATH = pane_css(cls.PANE)

    @property
    def tandem(self) -> TandemApp:
        """The app, typed."""
        return cast("TandemApp", self.app)

    @property
    def store(self) -> Store:
        """The one store, owned by the app."""
        return self.tandem.store

    @property
    def member(self) -> Member | None:
        """Who is at the keyboard."""
        return self.tandem.member

    def compose(self) -> ComposeResult:
        """Title bar, tabs and today strip, the pane's body, then the footer."""
        self._set_breakpoint_classes()
        yield TitleBar()
        yield PaneTabs(self.PANE)
        yield TodayStrip(id="today-strip")
        yield from self.compose_body()
        yield KeysFooter()

    def _set_breakpoint_classes(self) -> None:
        """Give the screen its size classes (`-wide`, `-narrow`) before its widgets exist.

        Textual sets them on the first resize, which restyles every widget of the screen
        once more before the first frame (12 ms of the Rituals pane's start). Same rule:
        on each axis, the class of the largest breakpoint not larger than the terminal.
        """
        classes: dict[str, bool] = {}
        for mine, apps, size in (
            (self.HORIZONTAL_BREAKPOINTS, self.app.HORIZONTAL_BREAKPOINTS, self.app.size.width),
            (self.VERTICAL_BREAKPOINTS, self.app.VERTICAL_BREAKPOINTS, self.app.size.height),
        ):
            breakpoints = sorted((apps if mine is None else mine) or (), reverse=True)
            chosen = next((name for at, name in breakpoints if size >= at), None)
            classes.update({name: name == chosen for _, name in breakpoints})
        self.update_classes(classes)

    def compose_body(self) -> ComposeResult:
        """The pane's own widgets (subclasses override)."""
        yield from ()

    def on_mount(self) -> None:
        """Fill the pane before its first frame (its first resume may come before or after).

        Textual calls this after the subclass's own `on_mount` (it dispatches along the MRO).
        """
        self.refresh_data()

    _resumed = False

    def post_message(self, message: Message) -> bool:
        """Do not restyle the pane on its first resume: its widgets have just been styled.

        Textual restyles a screen that comes back to the front from top to bottom (its
        styles may be stale, after a change of theme). A pane's first resume comes straight
        after it is built, so that pass would style every widget twice before its first
        frame (about 12 ms on the Rituals pane). Later resumes restyle as usual.
        """
        if isinstance(message, events.ScreenResume) and not self._resumed:
            self._resumed = True
            message.refresh_styles = False
        return super().post_message(message)

    def on_screen_resume(self) -> None:
        """Show fresh data when the pane comes to the front, unless it is already current.

        A resume that comes before the pane is mounted leaves the filling to `on_mount`.
        """
        if self.is_mounted:
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        """Read the store again if what is shown is not what it now holds."""
        if self._shown_for != self._data_token():
            self.refresh_data()

    def _data_token(self) -> tuple[object, ...]:
        """What the shown data depends on: our changes, the file, who is here, the day."""
        store = self.store
        identity = getattr(store.storage, "identity", None)
        member = self.member.id if self.member else None
        return (store.version, identity, member, store.clock.today())

    _shown_for: tuple[object, ...] = ()

    def refresh_data(self) -> None:
        """Read the store and push fresh data down (subclasses extend and call super)."""
        self._shown_for = self._data_token()
        if self.store.is_set_up:
            self.show_agenda(self.store.agenda())

    def show_agenda(self, agenda: Agenda) -> None:
        """Show what is due today in the strip (a pane that lists rituals takes them too)."""
        self.query_one(TodayStrip).show(agenda)

    def select_record(self, record_id: str) -> bool:
        """Select a record by id (from the command palette); False if not on this pane."""
        return False

    def _attempt(self, change: Callable[[], _T], saying: str, title: str) -> _T | None:
        """Make a change through the store and say so, or say what the store refused.

        Returns:
            What the store returned, or None when it refused the change.
        """
        try:
            result = change()
        except TandemError as error:
            self.notify(str(error), severity="error")
            return None
        self.notify(saying, title=title)
        self.refresh_data()
        return result

    @on(PaneTabs.Chosen)
    def show_chosen_pane(self, event: PaneTabs.Chosen) -> None:
        """A click on another pane's tab."""
        self.tandem.show_pane(event.pane)
