"""Shared by the store tests: a lock folder and a data file path on `tmp_path`; assert rewriting."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.store.streak_helpers")


@pytest.fixture
def lock_dir(tmp_path: Path) -> Path:
    """A folder for lock files inside the test's own temporary folder."""
    return tmp_path / "locks"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """`<tmp>/data/tandem.json`, not created; its folder exists."""
    folder = tmp_path.resolve() / "data"  # messages name the real path (macOS: /private/var)
    folder.mkdir()
    return folder / "tandem.json"
