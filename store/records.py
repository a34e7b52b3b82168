"""The Store's core: transactions over TinyDB, record helpers, references and undo."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ContextManager, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from store import schema
from store.clock import Clock
from store.datafile import schema_version_of
from store.errors import Ambiguous, NotFound
from store.serialization import iso_timestamp

if TYPE_CHECKING:
    from datetime import date

    from store.streaks import RitualStats

T = TypeVar("T")


def resolve(items: Sequence[T], ref: str, key: Callable[[T], tuple[str, str]], what: str) -> T:
    """Find one item by id, exact title (any case) or an unambiguous prefix of either.

    Args:
        items: the candidates.
        ref: what the user typed.
        key: the item's (id, title).
        what: the kind of item, for the messages ("ritual").

    Raises:
        NotFound: nothing matches.
        Ambiguous: more than one item matches a prefix.
    """
    wanted = ref.strip().casefold()
    if not wanted:
        raise NotFound(f"Name a {what}.")
    exact = [i for i in items if key(i)[0] == ref.strip() or key(i)[1].casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    pool = exact or [
        i
        for i in items
        if key(i)[0].startswith(ref.strip()) or key(i)[1].casefold().startswith(wanted)
    ]
    if not pool:
        raise NotFound(f"No {what} matches {ref!r}.")
    if len(pool) > 1:
        names = ", ".join(repr(key(i)[1]) for i in pool[:5])
        raise Ambiguous(f"{ref!r} could be more than one {what}: {names}; say which.")
    return pool[0]


@dataclass(slots=True)
class UndoStep:
    """What one user action changed, so that `Store.undo` can put it back."""

    label: str
    """Past-tense description shown after undoing ("ticked Sunday dinner")."""
    records: list[tuple[str, str, dict[str, Any] | None]] = field(default_factory=list)
    """(table, record id, document before the change or None if it was created)."""
    ticks: list[tuple[str, str, str, str, str | None, str | None]] = field(default_factory=list)
    """(ritual id, member id, day, kind, log entry before or None, note before or None)."""


class StoreCore(ABC):
    """Owns the TinyDB handle; every mutation runs in `_transaction()` under the file lock."""

    UNDO_LIMIT = 50

    def __init__(self, *args: Any, clock: Clock, storage: type[Storage], **kwargs: Any) -> None:
        self._db = TinyDB(*args, storage=storage, **kwargs)
        """The TinyDB handle; nothing outside the store ever sees it."""
        self.clock = clock
        """Where "today" and timestamps come from."""
        self._undo: list[UndoStep] = []
        self._step: UndoStep | None = None
        self.version = 0
        """Counts the changes made through this Store (with the file's identity, it tells a
        screen whether what it shows is still current)."""
        self._last_stats: dict[str, tuple[tuple[object, ...], RitualStats]] = {}
        """Each ritual's latest figures with what they were computed from (`ritual_stats`)."""
        self._backup_due: date | None = None
        """The day whose backup `prepare(backup_later=True)` left to write (`back_up`)."""

    # -- lifetime -----------------------------------------------------------------------

    @property
    def storage(self) -> Storage:
        """The TinyDB storage (the app polls it for changes made by others)."""
        return self._db.storage

    def close(self) -> None:
        """Release the data file."""
        self._db.close()

    @property
    def backup_pending(self) -> bool:
        """Whether the day's backup is still to be written (`prepare(backup_later=True)`)."""
        return self._backup_due is not None

    def back_up(self) -> None:
        """Write the day's backup that `prepare(backup_later=True)` left due, if any.

        Every transaction calls this first, so no change reaches the file before it.

        Raises:
            WriteFailed: the backup could not be written (it stays due).
        """
        day = self._backup_due
        if day is None:
            return
        from store.backups import backup_if_due

        path = getattr(self.storage, "path", None)
        if path is not None:
            backup_if_due(path, day, known_good=getattr(self.storage, "identity", None))
        self._backup_due = None

    def _table(self, name: str) -> Table:
        return self._db.table(name)

    @contextmanager
    def _transaction(
        self, label: str | None = None, *, reading: bool = False, undoable: bool = True
    ) -> Iterator[None]:
        """Hold the inter-process lock and work on the file's current content.

        With a `label`, the changes made inside are a change (`version`) and, unless not
        `undoable`, one undo step. Unless only `reading`, the day's backup is written first
        if it is still due (`back_up`).
        """
        if not reading:
            self.back_up()
        locked: Callable[[], ContextManager[object]] | None = getattr(
            self.storage, "locked", None
        )
        with locked() if locked is not None else nullcontext():
            for name in schema.ALL_TABLES:
                table = self._table(name)
                table.clear_cache()
                table._next_id = None  # another process may have inserted documents
            if locked is not None and self._step is None:
                self._upgrade_if_older()
            outer = self._step
            if label is not None and outer is None:
                self._step = UndoStep(label)
            try:
                yield
            finally:
                step, self._step = self._step, outer
                if label is not None:
                    self.version += 1
            if label is not None and outer is None and step is not None and undoable:
                if step.records or step.ticks:
                    self._undo.append(step)
                    del self._undo[: -self.UNDO_LIMIT]

    def _upgrade_if_older(self) -> None:
        """Before a change: a file an older Tandem wrote since we opened it (a sync from the
        other home, a restored backup) is upgraded first, so a change never mixes schemas."""
        version = schema_version_of(self.storage.read() or {})
        if version is not None and version < schema.SCHEMA_VERSION:
            from store.migrations import upgrade_locked
            from store.storage import SafeFileStorage

            if isinstance(self.storage, SafeFileStorage):
                upgrade_locked(self.storage, self.clock.today())

    # -- records ------------------------------------------------------------------------

    def _stamp(self) -> str:
        return iso_timestamp(self.clock.now())

    def _live(self, table: str) -> list[Mapping[str, Any]]:
        """The live documents of a table, to read (never to change: they are the storage's).

        TinyDB's `all()` copies every document; some of these reads run on every tick, and
        a family's moments grow by hundreds a year.
        """
        data = self.storage.read() or {}
        docs: dict[str, Mapping[str, Any]] = data.get(table, {})
        return [doc for doc in docs.values() if not doc.get("deleted")]

    def _find(self, table: str, record_id: str) -> Document | None:
        for doc in self._table(table).all():
            if doc.get("id") == record_id:
                return doc
        return None

    def _insert(self, table: str, fields: dict[str, Any]) -> dict[str, Any]:
        stamp = self._stamp()
        doc = {"id": str(uuid.uuid4()), **fields}
        doc.update(created_at=stamp, updated_at=stamp, deleted=False)
        self._ensure_meta()
        self._table(table).insert(doc)
        if self._step is not None:
            self._step.records.append((table, doc["id"], None))
        return doc

    def _update(self, table: str, record_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        current = self._find(table, record_id)
        if current is None or current.get("deleted"):
            raise NotFound(f"That {table[:-1]} no longer exists; it may have been deleted.")
        if self._step is not None:
            self._step.records.append((table, record_id, dict(current)))
        new = {**current, **changes, "updated_at": self._stamp()}
        self._table(table).update(new, doc_ids=[current.doc_id])
        return new

    def _ensure_meta(self) -> None:
        meta = self._table(schema.META)
        if not meta.all():
            meta.insert(
                {
                    "schema_version": schema.SCHEMA_VERSION,
                    "created_at": self._stamp(),
                    "created_by": "tandem",
                }
            )

    def _delete(self, table: str, record_id: str) -> dict[str, Any]:
        return self._update(table, record_id, {"deleted": True})

    # -- references ----------------------------------------------------------------------

    # -- undo -----------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """Whether this session has a change it can take back."""
        return bool(self._undo)

    def undo(self) -> str | None:
        """Put back the last change made through this Store; returns its label or None."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self.version += 1
        with self._transaction():
            for table, record_id, before in reversed(step.records):
                current = self._find(table, record_id)
                if current is None:
                    continue
                restored = dict(before) if before is not None else {**current, "deleted": True}
                restored["updated_at"] = self._stamp()
                self._table(table).update(restored, doc_ids=[current.doc_id])
            for ritual_id, member_id, day, kind, entry, note in reversed(step.ticks):
                self._restore_tick(ritual_id, member_id, day, kind, entry, note)
        return step.label

    @abstractmethod
    def _restore_tick(
        self,
        ritual_id: str,
        member_id: str,
        day: str,
        kind: str,
        entry: str | None,
        note: str | None,
    ) -> None:
        """Set one tick identity back to `entry` (None: remove it), as of now."""
