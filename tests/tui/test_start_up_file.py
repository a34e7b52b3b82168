"""Start-up and the data file: the day's backup and sync tools' conflict copies wait for
the first frame, and nothing that matters waits on them (nor comes before the backup)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.screen import Screen

from store.atomic import WriteFailed
from store.backups import daily_backup_path
from store.clock import FixedClock
from store.repository import Store
from tui.app import TandemApp, make_app
from tui.cli import main
from tui.screens.pane import PaneScreen


def family_with_a_conflict_copy(path: Path, clock: FixedClock, *, keep_file: bool) -> Path:
    """Sarah and Leo's file at `path` with a weekly call, and a sync tool's conflict copy
    beside it holding Leo's tick today; without `keep_file`, only the copy is left."""
    setup = Store.open(path, clock)
    setup.set_up([("Sarah", "mother"), ("Leo", "son")])
    ritual = setup.add_ritual("Weekly call", "FREQ=WEEKLY;BYDAY=SU", date(2026, 11, 1))
    setup.close()
    copy = path.with_name(f"{path.stem} (Leo's conflicted copy 2026-11-22).json")
    copy.write_bytes(path.read_bytes())
    theirs = Store.open(copy, clock)
    theirs.tick(ritual.id, clock.today(), theirs.member("Leo").id)
    theirs.close()
    if not keep_file:
        path.unlink()
    return copy


def sync_notices(app: TandemApp) -> list[str]:
    """What the app said under the title "Sync"."""
    return [n.message for n in app._notifications if n.title == "Sync"]


async def test_conflict_copies_are_merged_after_the_first_frame(tmp_path: Path) -> None:
    """`tandem` prepares the file (checked, backed up) without merging conflict copies;
    the app merges them once its first frame is out, says so, then watches the file."""
    path, clock = tmp_path / "shared.json", FixedClock(date(2026, 11, 22))
    copy = family_with_a_conflict_copy(path, clock, keep_file=True)
    store = Store.open(path, clock)
    assert store.prepare(merge_copies=False) == []  # what `tandem` does before the app
    assert daily_backup_path(path, clock.today()).exists() and copy.exists()
    app = make_app(store, as_name="Sarah", db_path=path, merge_copies=True)
    events: list[str] = []
    display, merge = app._display, store.merge_conflict_copies

    def stamped(screen: Screen[object], renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        shown = "\n".join(strip.text for strip in screen._compositor.render_strips())
        if "Weekly call" in shown:
            events.append("pane shown")

    def merged() -> list[str]:
        events.append("merge")
        return merge()

    app._display = stamped  # type: ignore[method-assign]
    store.merge_conflict_copies = merged  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert events.count("merge") == 1
        assert events.index("pane shown") < events.index("merge")
        assert not copy.exists()
        weekly = store.ritual("Weekly call")
        assert [t.by for t in store.ticks(weekly.id)] == [store.member("Leo").id]
        [said] = sync_notices(app)
        assert "1 tick by Leo on Weekly call" in said
        assert app.watcher is not None


async def test_the_day_s_backup_is_written_after_the_first_frame(tmp_path: Path) -> None:
    """`tandem` leaves the day's backup to the app, which writes it once the pane shows."""
    path, clock = tmp_path / "shared.json", FixedClock(date(2026, 11, 22))
    family_with_a_conflict_copy(path, clock, keep_file=True)
    before = path.read_bytes()
    store = Store.open(path, clock)
    store.prepare(merge_copies=False, backup_later=True)  # what `tandem` does
    assert not daily_backup_path(path, clock.today()).exists()
    app = make_app(store, as_name="Sarah", db_path=path)
    events: list[str] = []
    display, back_up = app._display, store.back_up

    def stamped(screen: Screen[object], renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        shown = "\n".join(strip.text for strip in screen._compositor.render_strips())
        if "Weekly call" in shown and "pane shown" not in events:
            events.append("pane shown")

    def backed_up() -> None:
        events.append("back up")
        back_up()

    app._display = stamped  # type: ignore[method-assign]
    store.back_up = backed_up  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert events[:2] == ["pane shown", "back up"]
        assert daily_backup_path(path, clock.today()).read_bytes() == before


async def test_a_backup_that_cannot_be_written_is_said_once_and_changes_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import backups

    path, clock = tmp_path / "shared.json", FixedClock(date(2026, 11, 22))
    family_with_a_conflict_copy(path, clock, keep_file=True)
    store = Store.open(path, clock)
    store.prepare(merge_copies=False, backup_later=True)

    def disk_full(target: Path, data: bytes, **options: object) -> None:
        raise WriteFailed(target, "could not write it: no space left on device", "")

    monkeypatch.setattr(backups, "atomic_write_bytes", disk_full)
    before = path.read_bytes()
    app = make_app(store, as_name="Sarah", db_path=path, merge_copies=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications if "backup" in n.message]
        assert len(said) == 1 and "no space left on device" in said[0]
        assert app.watcher is not None and app.watcher.merge_conflict_copies() == []
        await pilot.press("space")  # a tick on the first ritual: refused, file unchanged
        await pilot.pause()
        assert path.read_bytes() == before


def test_tandem_leaves_the_day_s_backup_to_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tandem` starts the app without writing the backup; `tandem today` writes it."""
    path, clock = tmp_path / "shared.json", FixedClock(date(2026, 11, 22))
    family_with_a_conflict_copy(path, clock, keep_file=True)
    backup = daily_backup_path(path, clock.today())
    at_start: list[bool] = []
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(TandemApp, "run", lambda app: at_start.append(backup.exists()))
    argv = ["--db", str(path), "--today", "2026-11-22"]
    assert main([*argv, "--as", "Sarah"]) == 0
    assert at_start == [False] and not backup.exists()
    assert main([*argv, "today"]) == 0
    assert backup.exists()


async def test_a_new_home_finds_the_family_in_a_conflict_copy_before_asking_names(
    tmp_path: Path,
) -> None:
    """No data file yet, but the sync tool left the family in a conflict copy: merged
    before the first-run questions, so they are not asked (nor a second family made)."""
    path, clock = tmp_path / "shared.json", FixedClock(date(2026, 11, 22))
    family_with_a_conflict_copy(path, clock, keep_file=False)
    store = Store.open(path, clock)
    store.prepare(merge_copies=False)
    app = make_app(store, as_name="Sarah", db_path=path, merge_copies=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PaneScreen)  # no "Welcome to Tandem" form
        assert [m.name for m in store.list_members()] == ["Sarah", "Leo"]
        assert app.member is not None and app.member.name == "Sarah"
        assert len(sync_notices(app)) == 1


def test_opening_a_current_file_does_not_load_the_backup_code(tmp_path: Path) -> None:
    """The backup module (2 ms of imports) loads with the first backup, after the first
    frame, or for a migration or a missing file; not to open a current file."""
    path = tmp_path / "tandem.json"
    Store.open(path, FixedClock(date(2026, 11, 22))).set_up([("Ann", "mother")])
    code = """
import sys
from datetime import date
from pathlib import Path
from store.clock import FixedClock
from store.repository import Store

store = Store.open(Path(sys.argv[1]), FixedClock(date(2026, 11, 23)))
store.prepare(merge_copies=False, backup_later=True)
assert "store.backups" not in sys.modules
store.back_up()
assert "store.backups" in sys.modules
"""
    repo = Path(__file__).parents[2]
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, cwd=repo)
    assert daily_backup_path(path, date(2026, 11, 23)).exists()
