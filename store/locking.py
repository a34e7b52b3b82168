"""The data file's inter-process lock, and the write stamp kept beside the lock file."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from store.errors import Busy, DataFileError

__all__ = ["hold_lock", "lock_path_for", "note_external_write", "read_stamp", "write_stamp"]

_POLL_SECONDS = 0.005
"""How often a waiting Tandem retries the lock (filelock's default of 50 ms made every
hand-over between two busy processes cost ~25 ms on average)."""


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


def read_stamp(lock_file: Path) -> str:
    """The token the last Tandem write left beside `lock_file` ("" when there is none)."""
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


def write_stamp(lock_file: Path) -> str:
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
    `SafeFileStorage.write` calls this, so a storage whose cached identity happens to match
    the new file (a reused inode number with the same size and clock tick) still re-reads it.
    """
    write_stamp(lock_path_for(path, lock_dir))


class _ProcessLock:
    """One inter-process lock per lock file in this process, re-entrant, shared by threads."""

    __slots__ = ("depth", "file_lock", "thread_lock")

    def __init__(self, lock_file: Path) -> None:
        import filelock  # with the first lock: reading the file needs none (14 ms of imports)

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

    Every `SafeFileStorage` and every helper (backup restore) of the same data file and
    `lock_dir` in one process share one lock, so nesting never deadlocks.

    Args:
        path: the data file.
        timeout: seconds to wait; negative waits for ever.
        lock_dir: the lock folder (tests); see `lock_path_for`.

    Raises:
        Busy: another process (or another thread here) held the lock for `timeout` seconds.
        DataFileError: the lock file cannot be created.
    """
    import filelock

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
