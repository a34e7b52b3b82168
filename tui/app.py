"""TandemApp: owns the store, declares the panes, keys and styles; `make_app` builds it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.theme import Theme

from store.errors import TandemError
from store.models import Idea, Member
from store.repository import Store
from tui import memory
from tui.commands import JumpProvider
from tui.paths import ASSETS_DIR, CATALOGUE_PATH, pane_css
from tui.screens.pane import PaneScreen
from tui.settings import load_last_pane, save_last_pane
from tui.theme import THEMES
from tui.widgets.pane_tabs import PANES

if TYPE_CHECKING:
    from store.catalogue import Catalogue
    from tui.watcher import FileWatcher


_THEMES_BY_NAME = {theme.name: theme for theme in THEMES}


class TandemApp(App[None]):
    """Four panes over one store, with the member at the keyboard always in the header."""

    TITLE = "Tandem"
    CSS_PATH = [ASSETS_DIR / "app.tcss", ASSETS_DIR / "modals.tcss"]
    """The shell's styles. Each app also reads its first pane's with them (a screen bringing
    a style sheet of its own makes Textual parse them all again); the other panes and the
    dialogs bring theirs when first shown (`CSS_PATH`), so start-up parses one pane's."""
    SCREENS = {
        "ideas": lambda: _pane("ideas", "IdeasScreen"),
        "goals": lambda: _pane("goals", "GoalsScreen"),
        "rituals": lambda: _pane("rituals", "RitualsScreen"),
        "moments": lambda: _pane("moments", "MomentsScreen"),
    }
    """The panes, by name. Each is imported and built when first shown (start-up pays for one
    pane, not four), then kept: `show_pane` switches between them."""
    FIRST_PANE = "ideas"
    """The pane shown first when this machine has not used one yet."""
    COMMANDS = App.COMMANDS | {JumpProvider}
    BINDINGS = [
        # The pane keys are written on the tabs at the top, so the footer leaves them out.
        *(
            Binding(key, f"show_pane('{pane}')", title, tooltip=tip, id=f"pane-{pane}", show=False)
            for key, pane, title, tip in (
                ("1", "ideas", "Ideas", "Quality-time ideas"),
                ("2", "goals", "Goals", "The goals board"),
                ("3", "rituals", "Rituals", "Rituals"),
                ("4", "moments", "Moments", "Moments"),
            )
        ),
        Binding("m", "switch_member", "Member", tooltip="Who is at the keyboard", id="member"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back the last change", id="undo"),
        Binding("question_mark", "toggle_help", "Keys", tooltip="Show keys and help", id="help"),
    ]

    theme: Reactive[str] = Reactive(THEMES[0].name)
    """Tandem's warm theme from the start: the style sheets are parsed once, with its colours
    (setting `self.theme` in `__init__` made Textual parse them all twice more at start)."""
    member: reactive[Member | None] = reactive(None)
    """Who is at the keyboard; every change is attributed to them."""

    def __init__(
        self,
        store: Store,
        *,
        as_name: str | None = None,
        db_path: Path | None = None,
        merge_copies: bool = False,
    ) -> None:
        pane = load_last_pane(db_path) if store.is_set_up else None
        self.first_pane = pane if pane in self.SCREENS else self.FIRST_PANE
        """The pane shown at start: the one last used on this machine."""
        super().__init__(css_path=[*self.CSS_PATH, pane_css(self.first_pane)])
        self.store = store
        """The one store; screens reach it through `PaneScreen.store`."""
        self.as_name = as_name
        """`--as NAME`: skip the question of who is at the keyboard."""
        self.db_path = db_path
        """The data file, for remembering the last pane (None for the demo and tests)."""
        self.merge_copies = merge_copies
        """Merge sync tools' conflict copies once the first frame is out (`tandem` prepares
        the file without merging them, so the pane shows sooner), or before the set-up
        questions when the file has no family yet."""
        self.watcher: FileWatcher | None = None
        """Watches the file for changes made elsewhere, from the first frame on."""
        self._catalogue: Catalogue | None = None
        """The idea catalogue, read when a pane first needs it."""
        if store.is_set_up:
            self.member = self._member_known_at_start()

    def get_default_screen(self) -> Screen[None]:
        """The first pane, built straight away as the app's first screen.

        Not a blank screen and a switch (one screen more to build and style), and not a
        mode: Textual composes a mode's first screen before the app has its styles, then
        restyles everything and parses every style sheet twice more (about 25 ms).
        """
        screen: Screen[None] = self.get_screen(self.first_pane)
        return screen

    @property
    def current_pane(self) -> str:
        """The pane in front (under any dialog)."""
        panes = [screen for screen in self.screen_stack if isinstance(screen, PaneScreen)]
        return panes[-1].PANE if panes else self.first_pane

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Textual's themes and Tandem's, known before `App.__init__` first reads the theme."""
        return {**super().available_themes, **_THEMES_BY_NAME}

    # -- start-up ------------------------------------------------------------------------

    def on_mount(self) -> None:
        """First run asks for names; otherwise ask who is here, unless already known."""
        self.call_after_refresh(self._after_first_frame)
        if not self.store.is_set_up and self.merge_copies:
            self._merge_copies()  # a new home: the family may be waiting in a copy
            if self.store.is_set_up:
                self.member = self._member_known_at_start()
        if not self.store.is_set_up:
            from tui.screens.setup_screen import SetupScreen

            self.push_screen(SetupScreen(), callback=self._set_up)
        else:
            self._ask_who_unless_known()

    def _after_first_frame(self) -> None:
        """What start-up leaves until the pane is on screen (~50 ms at ten years).

        The day's backup, sync tools' conflict copies (merging takes the file's lock), the
        file watcher (its first look takes it too), then the collector back on. If the file
        changed since the pane read it, the pane reads it again: the watcher starts from
        what it finds.
        """
        from tui.watcher import FileWatcher

        self._back_up()
        if self.merge_copies and not self.store.backup_pending:  # the watcher merges later
            self._merge_copies()
        self.watcher = FileWatcher(self)
        if isinstance(self.screen, PaneScreen) and self.screen.is_mounted:
            self.screen.refresh_if_stale()
        memory.settle()

    def _back_up(self) -> None:
        """The day's backup, if `tandem` left it to the app (every change writes it first)."""
        try:
            self.store.back_up()
        except TandemError as error:
            self.notify(
                f"Today's backup was not written: {error} Changes wait until it can be.",
                severity="error",
                timeout=15,
            )

    def _merge_copies(self) -> None:
        """The start's merge of sync tools' conflict copies (once; the watcher looks again)."""
        self.merge_copies = False
        self.merge_conflict_copies()

    def merge_conflict_copies(self) -> list[str]:
        """Merge sync tools' conflict copies, say what was merged (or why not) and show it.

        Returns:
            What was said.
        """
        try:
            notices = self.store.merge_conflict_copies()
        except TandemError as error:
            self.notify(str(error), severity="error", timeout=15)
            return [str(error)]
        for notice in notices:
            self.notify(notice, title="Sync", timeout=10)
        if notices:
            self.refresh_pane()
        return notices

    def _set_up(self, people: list[tuple[str, str]] | None) -> None:
        if not people:
            self.exit()
            return
        try:
            self.store.set_up(people)
        except TandemError as error:
            from tui.screens.setup_screen import SetupScreen

            self.notify(str(error), severity="error")
            self.push_screen(SetupScreen(), callback=self._set_up)
            return
        self.member = self._member_known_at_start()
        self._ask_who_unless_known()

    def _member_known_at_start(self) -> Member | None:
        """`--as NAME`, or the family's only member; None when the app must ask.

        Known before the first pane is built, so it shows this member's view at once.
        """
        if self.as_name:
            try:
                return self.store.member(self.as_name)
            except TandemError as error:
                self._as_problem = f"--as: {error}"
        members = self.store.list_members()
        return members[0] if len(members) == 1 else None

    _as_problem = ""
    """Why `--as NAME` was not used, told once the app is running."""

    def _ask_who_unless_known(self) -> None:
        if self._as_problem:
            self.notify(self._as_problem, severity="warning")
        if self.member is None:
            from tui.screens.who_modal import WhoModal  # not needed when --as said who

            self.push_screen(WhoModal(self.store.list_members(), None), callback=self._chosen)

    def _chosen(self, member: Member | None) -> None:
        if member is not None:
            self.member = member

    def watch_member(self, member: Member | None) -> None:
        """Show who is at the keyboard in the header."""
        self.sub_title = f"{member.name} at the keyboard" if member else ""
        self.refresh_pane()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pane keys, member switching and undo wait until the family is set up."""
        if action in ("show_pane", "switch_member", "undo"):
            return self.store.is_set_up and isinstance(self.screen, PaneScreen)
        return True

    def show_pane(self, pane: str) -> None:
        """Bring a pane to the front and remember it for next time.

        The first pane stays at the bottom of the screen stack; another pane is pushed over
        it, or switched in for the one pushed before. Each is built once and kept.
        """
        if not isinstance(self.screen, PaneScreen):  # from the palette, over a dialog
            self.notify("Close this first (escape), then choose the pane.", severity="warning")
            return
        if pane == self.current_pane:
            return
        if pane == self.first_pane:
            self.pop_screen()
        elif self.screen is self.screen_stack[0]:
            self.push_screen(pane)
        else:
            self.switch_screen(pane)
        save_last_pane(self.db_path, pane)

    def action_show_pane(self, pane: str) -> None:
        """`1`-`4`: show a pane."""
        self.show_pane(pane)

    def action_switch_member(self) -> None:
        """`m`: choose who is at the keyboard."""
        from tui.screens.who_modal import WhoModal

        self.push_screen(WhoModal(self.store.list_members(), self.member), callback=self._chosen)

    def action_undo(self) -> None:
        """`ctrl+z`: take back the last change made in this session."""
        try:
            label = self.store.undo()
        except TandemError as error:
            self.notify(str(error), severity="error")
            return
        if label is None:
            self.notify("Nothing to undo.")
        else:
            self.notify(f"Undone: {label}.", title="Undo")
        self.refresh_pane()

    def action_toggle_help(self) -> None:
        """`?`: show or hide the keys and help panel."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_show_help_page(self) -> None:
        """The "when to get help" page (its Markdown widget is imported only now)."""
        from tui.screens.help_page import HelpPage

        self.push_screen(HelpPage())

    def action_show_year_book(self) -> None:
        """This year's year book, read in the app."""
        from store.yearbook_render import render_markdown, yearbook_blocks
        from tui.screens.year_book_page import YearBookPage

        book = self.store.year_book(self.store.clock.today().year)
        self.push_screen(YearBookPage(render_markdown(yearbook_blocks(book))))

    def jump_to(self, pane: str, record_id: str) -> None:
        """Open a ritual, goal or idea chosen in the command palette."""
        self.show_pane(pane)
        self.call_after_refresh(self._select, record_id)

    def _select(self, record_id: str) -> None:
        if isinstance(self.screen, PaneScreen):
            self.screen.select_record(record_id)

    def refresh_pane(self) -> None:
        """Push fresh data to the pane in front (after a change here or elsewhere)."""
        if self.is_running and isinstance(self.screen, PaneScreen) and self.screen.is_mounted:
            self.screen.refresh_data()

    def ideas(self) -> tuple[Idea, ...]:
        """The catalogue (read once) and the family's own ideas, with their state."""
        if self._catalogue is None:
            from store.catalogue import load_catalogue

            self._catalogue = load_catalogue(CATALOGUE_PATH)
        return self.store.ideas(self._catalogue.ideas)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Tandem's own commands beside Textual's (theme, keys, quit)."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "When to get help",
            "When a family counsellor can help, and where to look",
            self.action_show_help_page,
        )
        yield SystemCommand(
            "Year book",
            "This year's rituals, moments and goals, as a book to keep",
            self.action_show_year_book,
        )
        yield SystemCommand("Switch member", "Who is at the keyboard", self.action_switch_member)
        for number, (pane, title) in enumerate(PANES, 1):
            yield SystemCommand(f"Show {title}", f"Key {number}", partial(self.show_pane, pane))

    def on_unmount(self) -> None:
        """Release the data file."""
        self.store.close()


def make_app(
    store: Store,
    *,
    as_name: str | None = None,
    db_path: Path | None = None,
    merge_copies: bool = False,
) -> TandemApp:
    """Build the app over a store (the command line and the tests both use this)."""
    return TandemApp(store, as_name=as_name, db_path=db_path, merge_copies=merge_copies)


def _pane(module: str, name: str) -> Screen[None]:
    """Import and build one pane's screen (`tui.screens.<module>.<name>`)."""
    from importlib import import_module

    screen: Screen[None] = getattr(import_module(f"tui.screens.{module}"), name)()
    return screen
