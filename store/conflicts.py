"""Find sync tools' conflict copies of the data file, merge them in, and archive them."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.atomic import fsync_folder
from store.errors import TandemError

_PATTERNS = (
    # Syncthing: tandem.sync-conflict-20250314-071502-ABCDEF7.json
    r"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+{suffix}",
    # Dropbox: tandem (Mum's conflicted copy 2025-03-14).json, then " (1)" after or inside.
    r"{stem} \([^()/\\]+['’]s conflicted copy \d{{4}}-\d{{2}}-\d{{2}}(?: \(\d+\))?\)"
    r"(?: \(\d+\))?{suffix}",
    # Nextcloud: tandem (conflicted copy 2025-03-14 093612).json
    r"{stem} \(conflicted copy \d{{4}}-\d{{2}}-\d{{2}} \d{{6}}\)(?: \(\d+\))?{suffix}",
    # ownCloud before 2.5: tandem_conflict-20250314-093612.json
    r"{stem}_conflict-\d{{8}}-\d{{6}}{suffix}",
)


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What happened to one conflict copy."""

    copy: Path
    """The conflict copy, where it was found."""
    merged: bool
    """Whether its content is now in the data file (durably)."""
    lines: tuple[str, ...] = ()
    """What the merge added, in words ("2 ticks by Leo on Sunday dinner")."""
    reason: str = ""
    """Why it was not merged or not archived; empty when all went well."""
    archived_to: Path | None = None
    """Where the copy was moved once merged; None when it stayed in place."""

    @property
    def message(self) -> str:
        """One sentence for the person at the keyboard."""
        if not self.merged:
            return f"Did not merge {self.copy.name}: {self.reason}."
        added = "; ".join(self.lines) if self.lines else "nothing new"
        text = f"Merged {self.copy.name} ({added})."
        return f"{text} It stays where it is: {self.reason}." if self.reason else text


def _pattern(data_path: Path) -> re.Pattern[str]:
    stem, suffix = re.escape(data_path.stem), re.escape(data_path.suffix)
    either = "|".join(p.format(stem=stem, suffix=suffix) for p in _PATTERNS)
    return re.compile(f"(?:{either})")


def find_conflict_copies(data_path: Path) -> list[Path]:
    """The sync tools' conflict copies of `data_path` beside it, sorted by name.

    Recognises Syncthing, Dropbox, Nextcloud and old ownCloud names, built from the data
    file's own stem and suffix (copies of other files are not matched).
    """
    pattern = _pattern(data_path)
    try:
        entries = list(os.scandir(data_path.parent))
    except FileNotFoundError:
        return []
    found = [
        data_path.parent / entry.name
        for entry in entries
        if pattern.fullmatch(entry.name) and entry.is_file()
    ]
    return sorted(found, key=lambda path: path.name)


def archive_path(data_path: Path, copy: Path) -> Path:
    """Where `copy` is archived: `<stem>-backups/conflicts/<copy name>`, numbered if taken."""
    folder = data_path.parent / f"{data_path.stem}-backups" / "conflicts"
    target = folder / copy.name
    number = 2
    while target.exists():
        target = folder / f"{Path(copy.name).stem}.{number}{Path(copy.name).suffix}"
        number += 1
    return target


def merge_conflict_copies(
    data_path: Path,
    read_current: Callable[[], dict[str, Any]],
    write: Callable[[dict[str, Any]], None],
    load_copy: Callable[[Path], dict[str, Any]],
) -> list[MergeReport]:
    """Merge every conflict copy of `data_path` into it, then archive each copy.

    The caller holds the data file's lock for the whole call. For each copy in name order:
    load it, merge it into the current data, `write` the result (which must be durable when
    it returns; skipped when the merge changes nothing), and only then move the copy into the
    archive folder. A copy that cannot be loaded or merged (unreadable, malformed, another
    schema version) is left where it is and reported with the reason.

    Args:
        data_path: the data file.
        read_current: returns the data file's current content.
        write: writes the merged content durably (atomic replace and fsync).
        load_copy: reads a conflict copy; raises when it is not a readable data file.

    Returns:
        One report per conflict copy found.
    """
    # The merge machinery is imported only when there is something to merge: opening the
    # file looks for copies every time, and there rarely are any.
    from store.merge import merge, normalise

    reports = []
    for copy in find_conflict_copies(data_path):
        try:
            other = load_copy(copy)
            current = read_current()
            result = merge(current, other)
        except OSError as error:
            reports.append(MergeReport(copy, merged=False, reason=f"unreadable ({_reason(error)})"))
            continue
        except (ValueError, TandemError) as error:
            reports.append(MergeReport(copy, merged=False, reason=_reason(error)))
            continue
        if result.data != normalise(current):
            write(result.data)
        try:
            target = _archive(data_path, copy)
        except OSError as error:
            where = archive_path(data_path, copy).parent
            reason = f"it could not be moved to {where} ({_reason(error)})"
            reports.append(MergeReport(copy, True, result.added.lines, reason))
        else:
            reports.append(MergeReport(copy, True, result.added.lines, archived_to=target))
    return reports


def _archive(data_path: Path, copy: Path) -> Path:
    target = archive_path(data_path, copy)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(copy, target)
    for folder in {target.parent, copy.parent}:
        fsync_folder(folder)
    return target


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".")
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror
    return text or type(error).__name__
