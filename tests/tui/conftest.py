"""Fixtures for Pilot and snapshot tests: the demo family on a fixed day, a pinned theme."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from store.clock import FixedClock
from store.demo import demo_family
from store.repository import Store
from tui.app import TandemApp, make_app

TODAY = date(2026, 11, 22)
"""The fixed day of every UI test (a Sunday)."""

THEME = "tandem-hearth"
"""The theme every snapshot is taken in."""


def demo_store(today: date = TODAY) -> Store:
    """An in-memory store holding the demo family (Sarah and Leo, two years)."""
    store = Store.in_memory(FixedClock(today))
    store.storage.write(demo_family(today))
    return store


def empty_store(today: date = TODAY, members: bool = True) -> Store:
    """An in-memory store with just Sarah and Leo (or nobody, for the first run)."""
    store = Store.in_memory(FixedClock(today))
    if members:
        store.set_up([("Sarah", "mother"), ("Leo", "son")])
    return store


def app_for(store: Store, as_name: str | None = "Sarah", **kwargs: Any) -> TandemApp:
    """The app over `store`, with the theme pinned and Sarah at the keyboard."""
    app = make_app(store, as_name=as_name, **kwargs)
    app.theme = THEME
    return app


@pytest.fixture
def demo_app() -> TandemApp:
    """The app over the demo family, Sarah at the keyboard."""
    return app_for(demo_store())
