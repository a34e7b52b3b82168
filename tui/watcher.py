"""FileWatcher: notices when the data file changed under the app and refreshes the pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.changes import Glance, describe, glance
from store.errors import TandemError

if TYPE_CHECKING:
    from tui.app import TandemApp


class FileWatcher:
    """Polls the storage's file identity once a second (a stat call, microseconds).

    When another terminal or a sync tool changed the file, the pane is refreshed (keeping
    its selection) and a quiet notification says what changed. Every few checks it also
    looks for sync tools' conflict copies beside the file and merges them.
    """

    INTERVAL = 1.0
    """Seconds between checks: DESIGN section 5 asks for a refresh within about a second."""
    CONFLICT_EVERY = 5
    """Look for conflict copies every this many checks."""

    def __init__(self, app: TandemApp) -> None:
        self.app = app
        """The app whose pane is refreshed."""
        self._seen: Glance | None = None
        self._identity: object = None
        self._checks = 0
        self.note_own_change()
        self.timer = app.set_interval(self.INTERVAL, self.check, name="file-watcher")
        """The polling timer (tests pause it and call `check` themselves)."""

    def _glance(self) -> Glance | None:
        try:
            return glance(self.app.store.raw_data(), self.app.store.clock.today())
        except TandemError:
            return None

    def _storage_identity(self) -> object:
        return getattr(self.app.store.storage, "identity", None)

    def check(self) -> bool:
        """Refresh the pane if the file changed; returns whether it had."""
        self._checks += 1
        if self._checks % self.CONFLICT_EVERY == 0:
            self.merge_conflict_copies()
        changed = getattr(self.app.store.storage, "changed_on_disk", None)
        if changed is None or not changed():
            if self._storage_identity() != self._identity:
                self.note_own_change()  # we wrote (or reloaded inside our own change)
            return False
        self.app.refresh_pane()
        seen = self._seen
        self.note_own_change()
        lines = describe(seen, self._seen) if seen and self._seen else []
        self.app.notify(
            "\n".join(lines) or "Updated with changes made elsewhere.",
            title="Changed elsewhere",
            timeout=4,
        )
        return True

    def note_own_change(self) -> None:
        """Take a new glance, so that our own writes are not reported as someone else's."""
        self._seen = self._glance()
        self._identity = self._storage_identity()

    def merge_conflict_copies(self) -> list[str]:
        """Merge conflict copies that a sync tool left beside the file; say what happened.

        Not while the day's backup could not be written (the app said so once already).
        """
        if self.app.store.backup_pending:
            return []
        return self.app.merge_conflict_copies()
