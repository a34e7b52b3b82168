"""Garbage collection around start-up: held by `tandem`, data frozen, UI collected as usual."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.tui.conftest import app_for, demo_store
from tui import cli, memory


@pytest.fixture
def clean_gc() -> Iterator[None]:
    """Whatever a test does to the collector is undone (frozen objects are released)."""
    state = dict(memory._state)
    frozen = gc.get_freeze_count()
    yield
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()
    gc.enable()
    memory._state.update(state)


async def test_the_data_is_frozen_and_collection_resumes_after_the_first_frame(
    clean_gc: None,
) -> None:
    before = gc.get_freeze_count()
    memory.hold_collections()
    assert not gc.isenabled()
    store = demo_store()
    memory.data_loaded()
    assert gc.get_freeze_count() > before  # the modules and the data, out of the collector's way
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        await pilot.press("m", "1")  # a dialog comes and goes: it is not frozen
        await pilot.pause()
        assert gc.get_freeze_count() <= frozen  # (frozen objects may still be freed)
    memory.release()
    assert gc.isenabled() and gc.get_freeze_count() == before


async def test_an_app_not_started_by_tandem_leaves_the_collector_alone(clean_gc: None) -> None:
    before = gc.get_freeze_count()
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == before  # tests create many apps: nothing may pile up


def test_tandem_holds_collections_while_it_builds_the_app_and_gives_them_back(
    clean_gc: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def run(self: Any) -> None:
        seen["collecting while the app is built"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count() > 0

    monkeypatch.setattr("tui.app.TandemApp.run", run)
    db = tmp_path / "t.json"
    assert cli.main(["--db", str(db), "init", "--member", "Sarah:mother"]) == 0
    assert cli.main(["--db", str(db), "--as", "Sarah"]) == 0
    assert seen == {"collecting while the app is built": False, "frozen": True}
    assert gc.isenabled() and gc.get_freeze_count() == 0  # released when the app ended


def test_a_file_that_cannot_be_opened_leaves_the_collector_as_it_was(
    clean_gc: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "t.json"
    db.write_bytes(b"{not json")
    assert cli.main(["--db", str(db)]) == 3
    assert "tandem:" in capsys.readouterr().err
    assert gc.isenabled() and gc.get_freeze_count() == 0
