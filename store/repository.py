"""The one `Store` API over a Tandem data file; the only code that touches TinyDB."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tinydb.storages import MemoryStorage, Storage

from store.clock import Clock
from store.models import Goal, Moment, Ritual
from store.repo_moments import MomentRecords
from store.streaks import RitualStats


@dataclass(frozen=True, slots=True)
class Agenda:
    """What is due today and this week: the header strip of every pane and `tandem today`."""

    today: date
    due: tuple[tuple[Ritual, RitualStats], ...]
    """Rituals whose current window is not yet kept."""
    this_week: tuple[tuple[Ritual, RitualStats], ...]
    """Rituals whose next occurrence falls in the coming seven days."""
    planned: tuple[Moment, ...]
    """Planned moments from today to a week ahead."""
    goals_due: tuple[Goal, ...]
    """Active goals with a target date in the next two weeks (or already past)."""
    rituals: tuple[tuple[Ritual, RitualStats], ...]
    """Every active ritual with its figures, in the rituals pane's order."""


class Store(MomentRecords):
    """Members, rituals and ticks, goals, moments and ideas, over one TinyDB file.

    Every method takes and returns frozen dataclasses from `store.models`; every change
    runs under the file's inter-process lock on its current content, and is recorded for
    `undo()`. Build it with `Store.open(path, clock)` or, in tests,
    `Store.in_memory(clock)`.
    """

    def __init__(self, *args: Any, clock: Clock, storage: type[Storage], **kwargs: Any) -> None:
        super().__init__(*args, clock=clock, storage=storage, **kwargs)

    @classmethod
    def open(cls, path: Path, clock: Clock, **storage_options: Any) -> Store:
        """Open (or prepare to create) the data file at `path` with the safe storage."""
        from store.storage import SafeFileStorage

        return cls(path, clock=clock, storage=SafeFileStorage, **storage_options)

    def year_book(self, year: int) -> Any:
        """The year book of `year` (see `store.yearbook`), as of the clock's today."""
        from store.yearbook import build_yearbook

        rituals = self.list_rituals(include_archived=True)
        return build_yearbook(
            year,
            self.clock.today(),
            self.list_members(),
            rituals,
            {ritual.id: self.ticks(ritual.id) for ritual in rituals},
            self.list_moments(),
            self.list_goals(),
            self.member_names(),
        )

    def raw_data(self) -> dict[str, Any]:
        """The whole data file as stored (read-only use: export, report, merge)."""
        with self._transaction(reading=True):
            return dict(self.storage.read() or {})

    def merge_in(self, other: dict[str, Any]) -> Any:
        """Merge another copy's raw data into the file (DESIGN section 5); returns the report.

        A copy written by an older Tandem is migrated to this schema first.
        """
        from store.merge import merge
        from store.migrations import migrate

        other, _ = migrate(other)
        with self._transaction():
            result = merge(self.storage.read() or {}, other)
            self.storage.write(result.data)
        self.version += 1
        self._undo.clear()  # the merged file is the new baseline
        return result

    def import_export(self, exported: dict[str, Any]) -> Any:
        """Import `tandem export --format json` output, merging by the rules of section 5."""
        from store.exchange import import_json

        with self._transaction():
            result = import_json(self.storage.read() or {}, exported)
            self.storage.write(result.data)
        self.version += 1
        self._undo.clear()
        return result

    def prepare(self, *, merge_copies: bool = True, backup_later: bool = False) -> list[str]:
        """Open the file for work: check it, migrate it, back it up, merge conflict copies.

        Runs once when the app or a command opens the file. Reading takes no lock (the file
        is only ever replaced whole); a migration and a merge take it. The app passes
        `merge_copies=False` and `backup_later=True`, and once its first frame is out calls
        `back_up` and `merge_conflict_copies` itself: neither is needed to show the pane,
        and the day's first backup (3 MB written and flushed at ten years) took longer
        than reading the file. A change never comes before the backup: every transaction
        writes it first if it is still due.

        Returns:
            Sentences saying what was merged from sync tools' conflict copies (or why a
            copy was left alone); none without `merge_copies`.

        Raises:
            DataFileError: the file is damaged, foreign or from a newer Tandem (exit 3).
            WriteFailed: today's backup, a migration or a merge could not be written.
            Busy: another Tandem held the lock while a migration or a merge was due.
        """
        from store.migrations import ensure_current
        from store.storage import SafeFileStorage

        storage = self.storage
        if not isinstance(storage, SafeFileStorage):
            return []
        today = self.clock.today()
        ensure_current(storage, today)
        if backup_later:
            self._backup_due = today  # store.backups is imported then too, not at start
        else:
            from store.backups import backup_if_due

            backup_if_due(storage.path, today, known_good=storage.identity)
        return self.merge_conflict_copies() if merge_copies else []

    def merge_conflict_copies(self) -> list[str]:
        """Merge sync tools' conflict copies found beside the file; archive them once durable."""
        from store.conflicts import find_conflict_copies, merge_conflict_copies
        from store.storage import SafeFileStorage

        storage = self.storage
        if not isinstance(storage, SafeFileStorage) or not find_conflict_copies(storage.path):
            return []
        with self._transaction():
            reports = merge_conflict_copies(
                storage.path,
                lambda: dict(storage.read() or {}),
                storage.write,
                _load_copy,
            )
        if any(report.merged for report in reports):
            self.version += 1
            self._undo.clear()
        return [report.message for report in reports]

    @classmethod
    def in_memory(cls, clock: Clock) -> Store:
        """A store that lives only in memory: for tests and throwaway demos."""
        return cls(clock=clock, storage=MemoryStorage)

    def agenda(self, today: date | None = None) -> Agenda:
        """What is due today and this week, computed once for every face."""
        day = today or self.clock.today()
        week_end = day + timedelta(days=7)
        rows = self.ritual_overview(day)
        due = tuple(row for row in rows if row[1].overall.due_now)
        soon = tuple(
            row
            for row in rows
            if not row[1].overall.due_now
            and row[1].overall.next_due is not None
            and row[1].overall.next_due < week_end
        )
        planned = self.planned_moments(day, week_end)
        goals = tuple(
            g
            for g in self.list_goals()
            if g.status == "active"
            and g.target_date is not None
            and g.target_date < day + timedelta(days=14)
        )
        return Agenda(day, due, soon, planned, goals, rows)


def _load_copy(path: Path) -> dict[str, Any]:
    """Read a conflict copy with the same checks as the data file, migrated to our schema."""
    from store.datafile import parse_data_file
    from store.migrations import migrate

    data, _ = migrate(parse_data_file(path.read_bytes(), path))
    return data
