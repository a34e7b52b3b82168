"""A crash-safe, lock-aware, write-through TinyDB storage for Tandem's one JSON data file."""

from __future__ import annotations

import errno
import hashlib
import math
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import filelock
import orjson
import platformdirs
from tinydb import TinyDB
from tinydb.storages import Storage

from store import schema
from store.errors import Busy, DataFileError, RejectedInput

__all__ = [
    "ChangedOnDisk",
    "FileIdentity",
    "SafeJSONStorage",
    "UnsavableData",
    "WriteFailed",
    "atomic_write_bytes",
    "backups_dir",
    "check_writable",
    "data_path",
    "find_non_finite",
    "hold_lock",
    "lock_path_for",
    "note_external_write",
    "owner_to_keep",
    "parse_data_file",
    "reset_tinydb_caches",
    "schema_version_of",
    "serialise",
    "stale_temp_files",
    "sweep_temp_files",
    "validate_data",
]

Data = dict[str, dict[str, Any]]
"""A whole data file: table name -> document id (a digit string) -> document."""

BOM = b"\xef\xbb\xbf"
RESTORE_HINT = (
    "Nothing was changed. Run `tandem backup restore` to bring back the newest backup "
    "(`tandem backup list` shows them), or `tandem doctor` for details."
)
_DOC_ID = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_DUMPS_OPTIONS = (
    orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)
"""Compact: on a 6 MB file a write costs ~1.0x the raw floor; OPT_INDENT_2 made the file 34 %
larger and the write 1.15-1.25x the floor (same runs), and every backup and sync bigger."""
_ON_WINDOWS = os.name == "nt"
_POLL_SECONDS = 0.005
"""How often a waiting Tandem retries the lock (filelock's default of 50 ms made every
hand-over between two busy processes cost ~25 ms on average)."""


class WriteFailed(DataFileError):
    """The data could not be written (disk full, read-only file or folder...); the file is intact.

    Exit status 3 like every DataFileError: nothing was changed.
    """


class UnsavableData(RejectedInput):
    """The data holds something JSON cannot carry faithfully; refused before the file was touched.

    Exit status 1 (rejected input, nothing changed): in practice a lone surrogate from a
    badly encoded command-line argument, or a programming error (a `date` object, a non-string key).
    """


class ChangedOnDisk(Busy):
    """The file changed on disk since this storage last read it; nothing was written (exit 75)."""


class FileIdentity(NamedTuple):
    """What tells two versions of the data file apart without reading it."""

    ino: int
    size: int
    mtime_ns: int


def _identity(st: os.stat_result) -> FileIdentity:
    return FileIdentity(st.st_ino, st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------- paths


def data_path(path: str | Path) -> Path:
    """The data file's real absolute path: symlinks resolved, so writes replace the target.

    (`os.replace` onto a symlink would replace the link, cutting a data file that lives in
    a synced folder off from it.) Temp files, backups and conflict copies sit beside it.
    """
    return Path(os.path.realpath(path))


def backups_dir(path: str | Path) -> Path:
    """The folder holding the data file's backups: `tandem.json` -> `tandem-backups/` beside it."""
    path = data_path(path)
    return path.with_name(f"{path.stem}-backups")


def lock_path_for(path: str | Path, lock_dir: Path | None = None) -> Path:
    """The lock file of a data file: outside the (possibly synced) data folder.

    Args:
        path: the data file.
        lock_dir: the folder for lock files; by default `<user cache dir>/tandem/locks`.

    Returns:
        `<lock_dir>/<sha256 of the resolved absolute data path>.lock`.
    """
    folder = (
        lock_dir if lock_dir is not None else Path(platformdirs.user_cache_dir("tandem")) / "locks"
    )
    digest = hashlib.sha256(os.fsencode(Path(path).resolve())).hexdigest()
    return folder / f"{digest}.lock"


def _stamp_path(lock_file: Path) -> Path:
    return lock_file.with_suffix(".stamp")


def _read_stamp(lock_file: Path) -> str:
    try:
        fd = os.open(_stamp_path(lock_file), os.O_RDONLY)
    except OSError:
        return ""
    try:
        return os.read(fd, 64).decode("ascii", "replace")
    except OSError:
        return ""
    finally:
        os.close(fd)


def _write_stamp(lock_file: Path) -> str:
    """Record a fresh token meaning "a Tandem wrote the data file"; best effort, returns it.

    The token has a fixed length and is written over the old one in place: truncating
    would make ext4 flush the stamp file on close (auto_da_alloc), ~2 ms a write.
    """
    token = os.urandom(8).hex()
    try:
        fd = os.open(_stamp_path(lock_file), os.O_WRONLY | os.O_CREAT, 0o644)
    except OSError:
        return ""
    try:
        if os.write(fd, token.encode("ascii")) != len(token):  # at offset 0, no truncation
            return ""
    except OSError:
        return ""
    finally:
        os.close(fd)
    return token


def note_external_write(path: str | Path, lock_dir: Path | None = None) -> None:
    """Tell every Tandem storage of `path` that the file was replaced (call it under the lock).

    `restore_backup` and anything else that replaces the data file without going through
    `SafeJSONStorage.write` calls this, so a storage whose cached identity happens to match
    the new file (a reused inode number with the same size and clock tick) still re-reads it.
    """
    _write_stamp(lock_path_for(path, lock_dir))


# --------------------------------------------------------------------------- locking


class _ProcessLock:
    """One inter-process lock per lock file in this process, re-entrant, shared by threads."""

    __slots__ = ("depth", "file_lock", "thread_lock")

    def __init__(self, lock_file: Path) -> None:
        self.thread_lock = threading.RLock()
        self.file_lock = filelock.FileLock(str(lock_file), thread_local=False)
        self.depth = 0


_registry: dict[Path, _ProcessLock] = {}
_registry_guard = threading.Lock()


def _forget_locks_after_fork() -> None:
    # A forked child holds none of its parent's locks and must build its own FileLock objects.
    global _registry_guard
    _registry.clear()
    _registry_guard = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_after_fork)


def _busy(path: Path, timeout: float) -> Busy:
    return Busy(f"{path} is busy: another Tandem has held it for {timeout:g} seconds; try again")


@contextmanager
def hold_lock(
    path: str | Path, *, timeout: float = 10.0, lock_dir: Path | None = None
) -> Iterator[None]:
    """Hold the inter-process lock of a data file; re-entrant within this process.

    Every `SafeJSONStorage` and every helper (backup restore) of the same data file and
    `lock_dir` in one process share one lock, so nesting never deadlocks.

    Args:
        path: the data file.
        timeout: seconds to wait; negative waits for ever.
        lock_dir: the lock folder (tests); see `lock_path_for`.

    Raises:
        Busy: another process (or another thread here) held the lock for `timeout` seconds.
        DataFileError: the lock file cannot be created.
    """
    path = Path(path)
    lock_file = lock_path_for(path, lock_dir)
    with _registry_guard:
        plock = _registry.get(lock_file)
        if plock is None:
            plock = _registry[lock_file] = _ProcessLock(lock_file)
    deadline = time.monotonic() + timeout
    if not plock.thread_lock.acquire(timeout=timeout if timeout >= 0 else -1):
        raise _busy(path, timeout)
    try:
        if plock.depth == 0:
            remaining = max(0.0, deadline - time.monotonic()) if timeout >= 0 else -1.0
            try:
                lock_file.parent.mkdir(parents=True, exist_ok=True)
                plock.file_lock.acquire(timeout=remaining, poll_interval=_POLL_SECONDS)
            except filelock.Timeout:
                raise _busy(path, timeout) from None
            except OSError as exc:
                raise DataFileError(
                    lock_file,
                    f"cannot create Tandem's lock file ({exc.strerror or exc})",
                    "Make the user cache folder writable (or set XDG_CACHE_HOME) and try again.",
                ) from exc
        plock.depth += 1
        try:
            yield
        finally:
            plock.depth -= 1
            if plock.depth == 0:
                plock.file_lock.release()
    finally:
        plock.thread_lock.release()


# --------------------------------------------------------------------------- validation


def _type_name(value: object) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _diagnose(raw: bytes, exc: orjson.JSONDecodeError) -> str:
    if not raw.strip():
        return "holds only whitespace, no data"
    nul = raw.find(b"\x00")
    if nul >= 0:
        return f"contains NUL bytes (the first at byte {nul}), the mark of a damaged write"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"is not valid UTF-8 text (bad byte at offset {bad.start})"
    where = f"line {exc.lineno}, column {exc.colno}"
    if "end of data" in exc.msg:
        return f"is cut off in the middle of the JSON (it ends at {where})"
    if "after document" in exc.msg:
        return f"has extra data after the end of the JSON (from {where})"
    return f"is not valid JSON ({exc.msg} at {where})"


def schema_version_of(data: Data, path: str | Path = "data file") -> int | None:
    """The file's `_meta` schema version, or None for a file without data (brand new).

    Args:
        data: a parsed data file whose tables are objects (see `parse_data_file`).
        path: the file, for the error message.

    Raises:
        DataFileError: the version is not a whole number >= 1, the `_meta` documents
            disagree, or the file holds data but no schema version.
    """
    versions: set[int] = set()
    meta = data.get(schema.META, {})
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            value = doc["schema_version"]
            if type(value) is not int or value < 1:
                raise DataFileError(
                    path, f"its schema version {value!r} is not a whole number", RESTORE_HINT
                )
            versions.add(value)
    if len(versions) > 1:
        raise DataFileError(
            path, f"its _meta table holds several schema versions {sorted(versions)}", RESTORE_HINT
        )
    if versions:
        return versions.pop()
    if any(table for name, table in data.items() if name != schema.META):
        raise DataFileError(
            path,
            "holds data but no _meta schema version, so it is not a Tandem data file "
            "or its header was lost",
            RESTORE_HINT,
        )
    return None


def parse_data_file(raw: bytes, path: str | Path) -> Data:
    """Parse and check the bytes of a data file (or a backup of one).

    Accepted: UTF-8 JSON (a leading UTF-8 byte-order mark is skipped) whose top level is an
    object of tables, each an object of documents keyed by canonical digit strings, each
    document an object; `_meta` holds a schema version this Tandem can read (or the file
    holds no document at all).

    Args:
        raw: the file's bytes.
        path: the file, named in the error.

    Returns:
        The parsed data.

    Raises:
        DataFileError: what is wrong and how to recover; nothing was changed.
    """
    if not raw:
        raise DataFileError(path, "is empty (0 bytes)", RESTORE_HINT)
    body = raw[len(BOM) :] if raw.startswith(BOM) else raw
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise DataFileError(path, _diagnose(body, exc), RESTORE_HINT) from None
    return validate_data(path, data)


def validate_data(path: str | Path, data: object) -> Data:
    """Check parsed JSON against the layout every data file (and backup, or copy) must have.

    The checks of `parse_data_file` after decoding: an object of tables, each an object of
    documents keyed by canonical digit strings, each an object; a schema version this
    Tandem reads (or no document at all).

    Args:
        path: where the data came from, named in the error.
        data: the parsed JSON.

    Returns:
        `data`, typed.

    Raises:
        DataFileError: what is wrong and how to recover.
    """
    if not isinstance(data, dict):
        raise DataFileError(
            path,
            f"holds {_type_name(data)} at the top level, not an object of tables",
            RESTORE_HINT,
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DataFileError(
                path, f"its table {name!r} is {_type_name(table)}, not an object", RESTORE_HINT
            )
        for doc_id, doc in table.items():
            if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
                raise DataFileError(
                    path,
                    f"its table {name!r} has a document key {doc_id!r} that is not a whole number",
                    RESTORE_HINT,
                )
            if not isinstance(doc, dict):
                raise DataFileError(
                    path,
                    f"document {doc_id} of table {name!r} is {_type_name(doc)}, not an object",
                    RESTORE_HINT,
                )
    version = schema_version_of(data, path)
    if version is not None and version > schema.SCHEMA_VERSION:
        raise DataFileError(
            path,
            f"was written by a newer Tandem (schema version {version}; "
            f"this one reads up to {schema.SCHEMA_VERSION})",
            "Upgrade Tandem to open it; nothing was changed.",
        )
    return data


def find_non_finite(value: object, where: str = "") -> str | None:
    """Where a NaN or an infinity hides in `value` (a path like `ticks/3/stats/strength`), or None.

    orjson writes non-finite floats as `null` instead of refusing them, and checking the
    whole tree on every write would cost more than the write itself (notes in
    `SafeJSONStorage`). Call this on the records you are about to store that can hold floats.
    """
    if isinstance(value, float):
        return None if math.isfinite(value) else (where or "/")
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = find_non_finite(item, f"{where}/{key}" if where else str(key))
        if found is not None:
            return found
    return None


def serialise(data: Data, path: str | Path = "data file") -> bytes:
    """The bytes written for `data`: compact UTF-8 JSON (real characters), one trailing newline.

    Raises:
        UnsavableData: a lone surrogate, a non-string key, a date/dataclass or other object
            JSON cannot carry, or a number out of range; nothing was touched.
    """
    try:
        return orjson.dumps(data, option=_DUMPS_OPTIONS)
    except orjson.JSONEncodeError as exc:
        text = str(exc)
        if "surrogates" in text:
            reason = "a text holds a character that is not valid Unicode (a lone surrogate)"
        elif "key must be str" in text:
            reason = "a key is not a string"
        elif "not JSON serializable" in text:
            reason = f"a value cannot be stored as JSON ({text})"
        elif "64-bit" in text or "range" in text:
            reason = "a whole number is too large"
        else:
            reason = text
        raise UnsavableData(f"could not save {path}: {reason}; nothing was changed") from None


# --------------------------------------------------------------------------- atomic writes


def _write_failed(path: Path, exc: OSError) -> WriteFailed:
    folder = path.parent
    code = exc.errno
    if code == errno.ENOSPC:
        problem, extra = "could not write it: the disk is full", " Free some space and try again."
    elif code == getattr(errno, "EDQUOT", -1):
        problem, extra = "could not write it: the disk quota is exceeded", " Free some space."
    elif code == errno.EROFS:
        problem, extra = "could not write it: it is on a read-only file system", ""
    elif code in (errno.EACCES, errno.EPERM):
        problem = f"could not write it: permission denied in its folder {folder}"
        extra = " Make the folder writable to save changes."
    elif code == errno.ENOENT:
        problem, extra = f"could not write it: its folder {folder} does not exist", ""
    else:
        problem, extra = f"could not write it: {exc.strerror or exc}", ""
    return WriteFailed(
        path, problem, "Nothing was changed: the file keeps its previous content." + extra
    )


def check_writable(path: Path, st: os.stat_result) -> None:
    """Refuse to replace a read-only file (on POSIX `os.replace` would not notice).

    Raises:
        WriteFailed: the file has no write permission bit, or we may not write it.
    """
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        path, os.W_OK
    ):
        raise WriteFailed(
            path,
            "could not write it: the file is read-only",
            "Nothing was changed. Make it writable (chmod u+w) to save changes.",
        )


def owner_to_keep(st: os.stat_result) -> tuple[int, int] | None:
    """The (uid, gid) a replacement of a file with stat `st` should get, if not ours."""
    if not hasattr(os, "geteuid"):
        return None
    owner = (st.st_uid, st.st_gid)
    return None if owner == (os.geteuid(), os.getegid()) else owner


def _fsync_folder(folder: Path) -> None:
    if _ON_WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems cannot fsync a folder; the rename is done either way.
        pass
    finally:
        os.close(fd)


def _replace(tmp: str, path: Path) -> None:
    if not _ON_WINDOWS:
        os.replace(tmp, path)
        return
    for attempt in range(10):  # an indexer or antivirus may hold the target open for a moment
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == 9:
                raise
            time.sleep(0.02 * (attempt + 1))


def atomic_write_bytes(
    path: str | Path,
    payload: bytes,
    *,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
) -> os.stat_result:
    """Replace `path` with `payload` so that a crash leaves the old file or the new one.

    The recipe (notes/reliability.md 2.5): a temp file `.<name>.*.tmp` in the same folder,
    permission bits copied, write, fsync, close, `os.replace`, fsync the folder (not on
    Windows); the temp file is deleted on any failure.

    Args:
        path: the file to replace or create.
        payload: its new bytes.
        mode: permission bits for the new file (default: 0600, mkstemp's).
        owner: (uid, gid) to give the new file when it differs from ours (best effort).

    Returns:
        The stat of the new file, taken from its descriptor before the rename.

    Raises:
        WriteFailed: disk full, read-only folder... the old file is intact and no temp is left.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_failed(path, exc) from None
    fd_open = True
    try:
        if mode is not None:
            if _ON_WINDOWS:
                os.chmod(tmp, mode)
            else:
                os.fchmod(fd, mode)
        if owner is not None and hasattr(os, "fchown"):
            try:
                os.fchown(fd, *owner)
            except OSError:
                pass
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        new_stat = os.fstat(fd)
        fd_open = False
        os.close(fd)
        _replace(tmp, path)
    except BaseException as exc:
        if fd_open:
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _write_failed(path, exc) from None
        raise
    _fsync_folder(path.parent)
    return new_stat


def stale_temp_files(path: str | Path) -> list[Path]:
    """The leftover temp files `.<name>.*.tmp` of interrupted writes beside the data file."""
    path = data_path(path)
    prefix = f".{path.name}."
    try:
        with os.scandir(path.parent) as entries:
            return sorted(
                Path(entry.path)
                for entry in entries
                if entry.name.startswith(prefix)
                and entry.name.endswith(".tmp")
                and entry.is_file(follow_symlinks=False)
            )
    except OSError:
        return []


def sweep_temp_files(path: str | Path) -> list[Path]:
    """Delete the stale temp files of `path`; call it only while holding the file's lock."""
    removed = []
    for tmp in stale_temp_files(path):
        try:
            tmp.unlink()
        except OSError:
            continue
        removed.append(tmp)
    return removed


def reset_tinydb_caches(db: TinyDB) -> None:
    """Forget TinyDB's per-process query results and next document ids.

    Call it whenever `SafeJSONStorage.generation` changed (the file was re-read because
    someone else wrote it): otherwise searches may answer from stale results and inserts
    may reuse a document id another process already took.
    """
    for table in db._tables.values():
        table.clear_cache()
        table._next_id = None


# --------------------------------------------------------------------------- the storage


class SafeJSONStorage(Storage):
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
        return current is not None and _read_stamp(self.lock_file) != self._stamp

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
        stamp = _read_stamp(self.lock_file)  # before the file: a race only causes a re-read
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
            and (not verify or _read_stamp(self.lock_file) == self._stamp)
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
                    and _read_stamp(self.lock_file) != self._stamp
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
                        raise _write_failed(self.path, exc) from None
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
            self._stamp = _write_stamp(self.lock_file)

    def close(self) -> None:
        """Drop the cached data (there is no open file handle to close)."""
        self._cache = None
