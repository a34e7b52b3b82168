"""Shared helpers of the SafeFileStorage tests: sample data, hashing, a child's environment."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from store.storage import SafeFileStorage

REPO = Path(__file__).resolve().parents[2]
"""The checkout's root, put on a child process's PYTHONPATH."""
META = {"1": {"schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}}
"""A `_meta` table of schema version 1."""


def sample() -> dict[str, Any]:
    """A small data file with text that JSON must carry exactly (emoji, quotes, tabs)."""
    return {
        "_meta": {"1": {"schema_version": 1}},
        "members": {
            "1": {"id": "m1", "name": "Zoë 🌱", "note": "line one\nline two\ttab"},
            "2": {"id": "m2", "name": "Léo", "note": '日本語 "quoted" back\\slash'},
        },
    }


def sha(path: Path) -> str:
    """The SHA-256 of a file's bytes, to show it was not changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def child_env() -> dict[str, str]:
    """The environment of a child Python process that imports this checkout's `store`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def make(path: Path, lock_dir: Path, **kwargs: Any) -> SafeFileStorage:
    """A storage of `path` whose lock file lives in `lock_dir`."""
    return SafeFileStorage(path, lock_dir=lock_dir, **kwargs)


def write_via_storage(path: Path, lock_dir: Path, data: dict[str, Any]) -> None:
    """Write `data` to `path` the proper way: read, then write, under the lock."""
    st = make(path, lock_dir)
    with st.locked():
        st.read()
        st.write(data)
