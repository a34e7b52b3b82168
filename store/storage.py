"""A crash-safe, lock-aware, write-through TinyDB storage for Tandem's one JSON data file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from tinydb import TinyDB
from tinydb.storages import Storage

from store import schema
from store.atomic import (
    atomic_write_bytes,
    check_writable,
    data_path,
    owner_to_keep,
    sweep_temp_files,
    write_failed,
)
from store.datafile import Data, UnsavableData, parse_data_file, schema_version_of, serialise
from store.errors import Busy, DataFileError
from store.locking import hold_lock, lock_path_for, read_stamp, write_stamp

__all__ = ["ChangedOnDisk", "FileIdentity", "SafeFileStorage", "reset_tinydb_caches"]


class ChangedOnDisk(Busy):
    """The file changed on disk since this storage last read it; nothing was written (exit 75)."""


class FileIdentity(NamedTuple):
    """What tells two versions of the data file apart without reading it."""

    ino: int
    size: int
    mtime_ns: int


def _identity(st: os.stat_result) -> FileIdentity:
    return FileIdentity(st.st_ino, st.st_size, st.st_mtime_ns)


def reset_tinydb_caches(db: TinyDB) -> None:
    """Forget TinyDB's per-process query results and next document ids.

    Call it whenever `SafeFileStorage.generation` changed (the file was re-read because
    someone else wrote it): otherwise searches may answer from stale results and inserts
    may reuse a document id another process already took.
    """
    for table in db._tables.values():
        table.clear_cache()
        table._next_id = None


class SafeFileStorage(Storage):
    """TinyDB storage: atomic writes, an inter-process lock and a stat-checked read cache.

    * `read()` returns the parsed file, reusing the dict from RAM while the file's identity
      (inode, size, mtime_ns) is unchanged: one `os.stat` per read. The first read inside
      each `locked()` block also checks a token that every Tandem write leaves beside the
      lock file, so an inode number reused within one clock tick cannot fool it.
      Treat what it returns as read-only unless you pass it back to `write()`.
    * `write()` serialises with orjson (compact, real UTF-8, a trailing newline) and replaces
      the file atomically; it refuses to overwrite a file that changed since this storage
      last read it. Non-finite floats are written as `null` by orjson (a whole-tree check
      would cost more than the write; see `find_non_finite`).
    * `locked()` holds the inter-process lock; every read-modify-write must run inside it.

    Attributes:
        path: the data file.
        lock_file: its lock file (outside the data folder).
        lock_timeout: seconds `locked()` waits before raising Busy.
        create: whether a missing file may be created by the first write.
        swept: the stale temp files removed when this storage first took the lock.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        lock_timeout: float = 10.0,
        lock_dir: Path | None = None,
        create: bool = True,
    ) -> None:
        """Open the storage (nothing is read until the first `read()`).

        Args:
            path: the data file; it need not exist yet.
            lock_timeout: seconds `locked()` waits for another Tandem before raising Busy.
            lock_dir: the folder for lock files (tests); default: the user cache dir.
            create: let the first write create a missing file; if False a missing file is
                a DataFileError.
        """
        super().__init__()
        self.path = data_path(path)
        self.lock_dir = lock_dir
        self.lock_file = lock_path_for(self.path, lock_dir)
        self.lock_timeout = lock_timeout
        self.create = create
        self.swept: list[Path] = []
        self._cache: Data | None = None
        self._identity: FileIdentity | None = None
        self._stamp = ""
        self._generation = 0
        self._depth = 0
        self._verify = False
        self._has_swept = False

    # ----------------------------------------------------------------- public state

    @property
    def identity(self) -> FileIdentity | None:
        """The identity of the file as this storage last read or wrote it (None: no file)."""
        return self._identity

    @property
    def generation(self) -> int:
        """How many times the file was (re)loaded from disk; a change means new content."""
        return self._generation

    def changed_on_disk(self) -> bool:
        """Whether the file on disk differs from what this storage last read or wrote.

        Cheap enough to poll every second: one stat and one tiny read.
        """
        try:
            current: FileIdentity | None = _identity(os.stat(self.path))
        except FileNotFoundError:
            current = None
        except OSError:
            return True
        if current != self._identity:
            return True
        return current is not None and read_stamp(self.lock_file) != self._stamp

    # ----------------------------------------------------------------- locking

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data file's inter-process lock (re-entrant within this process).

        The first read inside the outermost block re-checks the file, so a
        read-modify-write works on its current content. The first time a storage takes
        the lock it deletes stale temp files of interrupted writes.

        Raises:
            Busy: another Tandem held the lock for `lock_timeout` seconds.
        """
        with hold_lock(self.path, timeout=self.lock_timeout, lock_dir=self.lock_dir):
            outermost = self._depth == 0
            self._depth += 1
            try:
                if outermost:
                    self._verify = True
                    if not self._has_swept:
                        self.swept = sweep_temp_files(self.path)
                        self._has_swept = True
                yield
            finally:
                self._depth -= 1
                if outermost:
                    self._verify = False

    # ----------------------------------------------------------------- reading

    def _stat(self) -> os.stat_result | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except NotADirectoryError:
            raise DataFileError(
                self.path, "cannot be opened: a part of its folder path is a file", ""
            ) from None
        except PermissionError:
            raise DataFileError(
                self.path,
                "cannot be read: permission denied",
                "Check the permissions of the file and its folders; nothing was changed.",
            ) from None
        except OSError as exc:
            raise DataFileError(self.path, f"cannot be read ({exc.strerror or exc})", "") from None
        if stat.S_ISDIR(st.st_mode):
            raise DataFileError(
                self.path, "is a folder, not a data file", "Point --db (or TANDEM_DB) at a file."
            )
        if not stat.S_ISREG(st.st_mode):
            raise DataFileError(
                self.path, "is not a regular file", "Point --db (or TANDEM_DB) at a data file."
            )
        return st

    def _check_missing(self) -> None:
        """A missing file is new, unless `create` is off or its backups show it held data."""
        if not self.create:
            raise DataFileError(
                self.path,
                "does not exist",
                "Check the path (--db or TANDEM_DB), or run `tandem init` to create it.",
            )
        from store.backups import backups_dir  # only for a missing file (2 ms at start)

        folder = backups_dir(self.path)
        try:
            used = any(
                name.startswith(f"{self.path.stem}-") and name.endswith(".json")
                for name in os.listdir(folder)
            )
        except OSError:
            used = False
        if used:
            raise DataFileError(
                self.path,
                f"is missing, but its backups in {folder} show that it held data",
                "Run `tandem backup restore` to bring back the newest backup, "
                "or move that folder away to start afresh.",
            )

    def _load(self) -> Data:
        stamp = read_stamp(self.lock_file)  # before the file: a race only causes a re-read
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except PermissionError:
            raise DataFileError(
                self.path,
                "cannot be read: permission denied",
                "Check the file's owner and permissions (ls -l); nothing was changed.",
            ) from None
        except FileNotFoundError:  # replaced and removed between stat and open: try again
            return self.read()
        except OSError as exc:
            raise DataFileError(self.path, f"cannot be read ({exc.strerror or exc})", "") from None
        data = parse_data_file(raw, self.path)
        self._cache = data
        self._identity = _identity(st)
        self._stamp = stamp
        self._generation += 1
        return data

    def read(self) -> Data:
        """The file's current content (from RAM while the file is unchanged).

        Returns:
            The parsed data; `{}` for a file that does not exist yet.

        Raises:
            DataFileError: the file is damaged, unreadable, newer, or missing after use;
                the message says what is wrong and how to recover. The file is untouched.
        """
        verify, self._verify = self._verify, False
        st = self._stat()
        if st is None:
            self._check_missing()
            if self._identity is not None or self._cache is None:
                self._generation += 1
            self._identity = None
            self._cache = {}
            return self._cache
        if (
            self._cache is not None
            and self._identity == _identity(st)
            and (not verify or read_stamp(self.lock_file) == self._stamp)
        ):
            return self._cache
        return self._load()

    # ----------------------------------------------------------------- writing

    def _check_header(self, data: Data) -> None:
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise UnsavableData(
                f"could not save {self.path}: the data is not an object of tables; "
                "nothing was changed"
            )
        try:
            version = schema_version_of(data, self.path)
        except DataFileError as exc:
            raise UnsavableData(
                f"could not save {self.path}: {exc.problem}; nothing was changed"
            ) from None
        if version is not None and version > schema.SCHEMA_VERSION:
            raise UnsavableData(
                f"could not save {self.path}: schema version {version} is newer than "
                f"{schema.SCHEMA_VERSION}; nothing was changed"
            )

    def write(self, data: Data) -> None:
        """Persist `data` atomically and durably (takes the lock if not held).

        Raises:
            UnsavableData: `data` cannot be stored faithfully (lone surrogate, date object,
                no `_meta` schema version beside data...); the file was not touched.
            ChangedOnDisk: the file changed since this storage last read it (read first,
                inside `locked()`).
            WriteFailed: the disk is full, the file or folder is read-only...; the old file
                is intact and no temp file is left.
            Busy: the lock was not obtained.
        """
        with self.locked():
            try:
                self._check_header(data)
                payload = serialise(data, self.path)
                st = self._stat()
                current = None if st is None else _identity(st)
                if current != self._identity or (
                    # no read yet in this lock: check the token a read would have checked
                    self._verify
                    and current is not None
                    and read_stamp(self.lock_file) != self._stamp
                ):
                    raise ChangedOnDisk(
                        f"{self.path} changed on disk since it was read; nothing was written; "
                        "try again"
                    )
                if st is None:
                    self._check_missing()
                    try:
                        self.path.parent.mkdir(parents=True, exist_ok=True)
                    except OSError as exc:
                        raise write_failed(self.path, exc) from None
                    mode, owner = None, None
                else:
                    check_writable(self.path, st)
                    mode, owner = stat.S_IMODE(st.st_mode), owner_to_keep(st)
                new_stat = atomic_write_bytes(self.path, payload, mode=mode, owner=owner)
            except BaseException:
                self._cache = None  # TinyDB may have changed the cached dict in place
                raise
            self._cache = data
            self._identity = _identity(new_stat)
            self._stamp = write_stamp(self.lock_file)

    def close(self) -> None:
        """Drop the cached data (there is no open file handle to close)."""
        self._cache = None
