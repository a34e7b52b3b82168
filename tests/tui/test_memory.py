"""Garbage collection around start-up: held by `tandem`, settled after the first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from tests.tui.conftest import app_for, demo_store
from tui import memory


@pytest.fixture
def clean_gc() -> Iterator[None]:
    """Whatever a test does to the collector is undone (frozen objects are released)."""
    state = dict(memory._state)
    yield
    gc.unfreeze()
    gc.enable()
    memory._state.update(state)


async def test_held_collections_resume_after_the_first_frame_with_the_data_frozen(
    clean_gc: None,
) -> None:
    memory.hold_collections()
    assert not gc.isenabled()
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        memory.after_reload()  # a reload freezes its new copy too
        assert gc.get_freeze_count() >= frozen


async def test_an_app_not_started_by_tandem_leaves_the_collector_alone(clean_gc: None) -> None:
    app = app_for(demo_store())
    before = gc.get_freeze_count()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        memory.after_reload()
        assert gc.isenabled()
        assert gc.get_freeze_count() == before  # tests create many apps: nothing may pile up


def test_tandem_holds_collections_before_it_reads_the_file(
    clean_gc: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from tui import cli

    seen: dict[str, bool] = {}

    def run(self: Any) -> None:
        seen["collecting while the app is built"] = gc.isenabled()

    monkeypatch.setattr("tui.app.TandemApp.run", run)
    db = tmp_path / "t.json"
    assert cli.main(["--db", str(db), "init", "--member", "Sarah:mother"]) == 0
    assert cli.main(["--db", str(db), "--as", "Sarah"]) == 0
    assert seen == {"collecting while the app is built": False}
