"""Crash-safe replacement of files beside the data file: temp file, fsync, rename, sweep."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from store.errors import DataFileError

__all__ = [
    "WriteFailed",
    "atomic_write_bytes",
    "check_writable",
    "data_path",
    "fsync_folder",
    "owner_to_keep",
    "stale_temp_files",
    "sweep_temp_files",
    "write_failed",
]

_ON_WINDOWS = os.name == "nt"


class WriteFailed(DataFileError):
    """The data could not be written (disk full, read-only file or folder...); the file is intact.

    Exit status 3 like every DataFileError: nothing was changed.
    """


def data_path(path: str | Path) -> Path:
    """The data file's real absolute path: symlinks resolved, so writes replace the target.

    (`os.replace` onto a symlink would replace the link, cutting a data file that lives in
    a synced folder off from it.) Temp files, backups and conflict copies sit beside it.
    """
    return Path(os.path.realpath(path))


def write_failed(path: Path, exc: OSError) -> WriteFailed:
    """The WriteFailed that says, in words, why writing `path` failed with `exc`."""
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


def fsync_folder(folder: Path) -> None:
    """fsync a folder so that a rename in it survives a crash (best effort; not on Windows)."""
    if _ON_WINDOWS:  # Windows cannot open a folder to fsync it; NTFS journals renames.
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
        raise write_failed(path, exc) from None
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
            raise write_failed(path, exc) from None
        raise
    fsync_folder(path.parent)
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
