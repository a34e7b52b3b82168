"""Shared fixtures: a fixed clock and a store on both backends (memory and the real file)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from store.clock import FixedClock
from store.repository import Store

TODAY = date(2026, 11, 22)
"""A Sunday: every test sees the same day."""

settings.register_profile("tandem", deadline=None)
settings.load_profile("tandem")
"""No per-example deadline: a shared CI machine is slow at times, and slow is not wrong."""


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep lock files, view settings and data folders out of the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    for name in ("TANDEM_DB", "TANDEM_AS", "TANDEM_TODAY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clock() -> FixedClock:
    """The clock of every test: stopped on `TODAY`."""
    return FixedClock(TODAY)


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, clock: FixedClock, tmp_path: Path) -> Iterator[Store]:
    """An empty store, once in memory and once on a real data file."""
    if request.param == "memory":
        opened = Store.in_memory(clock)
    else:
        opened = Store.open(tmp_path / "tandem.json", clock)
    yield opened
    opened.close()


@pytest.fixture
def family(store: Store) -> Store:
    """A store with Mum and Leo."""
    store.set_up([("Mum", "mother"), ("Leo", "son")])
    return store
