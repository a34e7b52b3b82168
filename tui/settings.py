"""Per-machine view settings (the pane last used), kept outside the shared data file."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def _settings_file(db_path: Path | None) -> Path | None:
    if db_path is None:
        return None
    from platformdirs import user_state_dir

    key = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:16]
    return Path(user_state_dir("tandem", appauthor=False)) / f"view-{key}.json"


def load_last_pane(db_path: Path | None) -> str | None:
    """The pane last shown for this data file on this machine, if any."""
    path = _settings_file(db_path)
    try:
        value = json.loads(path.read_text("utf-8")) if path else {}
    except (OSError, ValueError):
        return None
    pane = value.get("pane") if isinstance(value, dict) else None
    return pane if isinstance(pane, str) else None


def save_last_pane(db_path: Path | None, pane: str) -> None:
    """Remember the pane (atomically; a failure only loses the preference)."""
    path = _settings_file(db_path)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".view.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"pane": pane}, handle)
        os.replace(tmp, path)
    except OSError:
        pass
