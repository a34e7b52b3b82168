"""Start-up does its work once: the remembered pane first, filled, one footer, no extra screen.

These count work, not time: each would fail if start-up went back to opening a blank
screen and switching, to filling the pane a refresh late, or to rebuilding the footer
on every bindings signal (the causes of a slow first paint measured by `python -m bench`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

import tui.app
from tests.tui.conftest import app_for, demo_store
from tui.app import TandemApp
from tui.screens.ideas import IdeasScreen
from tui.screens.rituals import RitualsScreen
from tui.settings import save_last_pane
from tui.widgets.idea_list import IdeaList


def count_footer_builds(monkeypatch: pytest.MonkeyPatch) -> list[Footer]:
    """Every time Textual's Footer really rebuilds its keys, the footer is appended."""
    builds: list[Footer] = []
    rebuild = Footer.recompose

    async def counted(self: Footer) -> None:
        builds.append(self)
        await rebuild(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    return builds


async def test_the_remembered_pane_is_the_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "tandem.json"
    save_last_pane(db, "rituals")
    built: list[str] = []
    build = tui.app._pane
    monkeypatch.setattr(
        tui.app, "_pane", lambda module, name: built.append(name) or build(module, name)
    )
    blank: list[Screen[object]] = []
    monkeypatch.setattr(
        TandemApp, "get_default_screen", lambda self: blank.append(Screen()) or blank[-1]
    )
    app = app_for(demo_store(), db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RitualsScreen)
        assert app.current_mode == "rituals"
        assert built == ["RitualsScreen"]  # no other pane built on the way
        assert blank == []  # and no blank screen first


async def test_the_member_is_known_before_the_first_pane_is_built() -> None:
    app = app_for(demo_store())  # --as Sarah
    seen: list[object] = []
    mounted = IdeasScreen.on_mount

    def look(screen: IdeasScreen) -> None:
        seen.append(screen.member)
        mounted(screen)

    IdeasScreen.on_mount = look  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert len(app.screen.query_one(IdeaList).rows) > 150
    finally:
        IdeasScreen.on_mount = mounted  # type: ignore[method-assign]
    assert [member.name for member in seen] == ["Sarah"]  # type: ignore[attr-defined]


async def test_the_footer_is_built_once_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    builds = count_footer_builds(monkeypatch)
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert len(builds) == 1
        keys = {key.key for key in app.screen.query(FooterKey)}
        assert {"p", "d", "f", "slash"} <= keys


async def test_keys_that_wait_for_the_data_are_dimmed_then_lit_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = count_footer_builds(monkeypatch)
    db = tmp_path / "tandem.json"
    save_last_pane(db, "rituals")
    app = app_for(demo_store(), db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        keys = {key.key: key for key in app.screen.query(FooterKey)}
        assert {"space", "s", "e", "slash"} <= set(keys)  # built with the screen, dimmed
        assert not keys["space"].has_class("-disabled")  # and lit once the list was there
        assert builds == []  # never rebuilt: no second layout before the first frame


async def test_the_footer_is_rebuilt_when_its_keys_change_and_only_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds = count_footer_builds(monkeypatch)
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = len(builds)
        app.screen.refresh_bindings()  # same keys: nothing to rebuild
        await pilot.pause()
        assert len(builds) == before
        await pilot.press("slash", "z", "z", "z", "z")  # search finds nothing: keys change
        await pilot.pause()
        assert len(builds) > before
        keys = {key.key for key in app.screen.query(FooterKey)}
        assert "p" not in keys  # no idea to plan: the key is gone
