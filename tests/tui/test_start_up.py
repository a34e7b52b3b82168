"""Start-up does its work once: the remembered pane first, filled, one footer, no extra screen.

These count work, not time: each would fail if start-up went back to opening a blank
screen and switching, to filling the pane a refresh late, or to rebuilding the footer
on every bindings signal (the causes of a slow first paint measured by `python -m bench`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import textual.css.stylesheet
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import Input

import tui.app
from tests.tui.conftest import app_for, demo_store
from tui.app import TandemApp, make_app
from tui.screens.ideas import IdeasScreen
from tui.screens.rituals import RitualsScreen
from tui.settings import save_last_pane
from tui.widgets.idea_list import IdeaList
from tui.widgets.keys_footer import KeysFooter


def count_restyles(monkeypatch: pytest.MonkeyPatch) -> list[list[DOMNode]]:
    """Every restyle of nodes already styled once (Textual's `update_nodes`): their list."""
    restyles: list[list[DOMNode]] = []
    update_nodes = Stylesheet.update_nodes

    def counted(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        restyles.append(nodes)
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    return restyles


def demo_opening_on(pane: str, tmp_path: Path, *, pinned_theme: bool = True) -> TandemApp:
    """The demo family's app (Sarah at the keyboard), opening on `pane` as the pane last
    used with a file in `tmp_path`; without `pinned_theme`, built as `tandem` builds it."""
    db = tmp_path / "tandem.json"
    save_last_pane(db, pane)
    if pinned_theme:
        return app_for(demo_store(), db_path=db)
    return make_app(demo_store(), as_name="Sarah", db_path=db)


async def test_the_remembered_pane_is_the_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    build = tui.app._pane
    monkeypatch.setattr(
        tui.app, "_pane", lambda module, name: built.append(name) or build(module, name)
    )
    app = demo_opening_on("rituals", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = app.screen
        assert isinstance(first, RitualsScreen)
        assert app.screen_stack == [first]  # no blank screen under it
        assert app.current_pane == "rituals"
        assert built == ["RitualsScreen"]  # no other pane built on the way
        await pilot.press("1", "3")  # away and back: the same pane, not a second one
        await pilot.pause()
        assert app.screen is first
        assert built == ["RitualsScreen", "IdeasScreen"]


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


async def test_the_footer_is_one_widget_drawn_with_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No widget per key, and the keys as they stay: lit, never dimmed and restyled."""
    restyles = count_restyles(monkeypatch)
    app = demo_opening_on("rituals", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        assert list(footer.children) == []
        keys = {key.key: key for key in footer.keys}
        assert {"space", "a", "e", "s", "slash", "ctrl+p"} <= set(keys)
        assert all(key.enabled for key in keys.values())
        assert [node for nodes in restyles for node in nodes if node is footer] == []


async def test_the_footer_redraws_when_its_keys_change_and_only_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    redraws: list[KeysFooter] = []
    refresh = KeysFooter.refresh

    def counted(self: KeysFooter, *regions: Any, **options: Any) -> KeysFooter:
        redraws.append(self)
        return refresh(self, *regions, **options)

    monkeypatch.setattr(KeysFooter, "refresh", counted)
    app = app_for(demo_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        before = len(redraws)
        app.screen.refresh_bindings()  # the same keys: nothing to draw
        await pilot.pause()
        assert len(redraws) == before
        await pilot.press("slash", "z", "z", "z", "z")  # search finds nothing: keys change
        await pilot.pause()
        assert len(redraws) > before
        assert "p" not in {key.key for key in footer.keys}  # no idea to plan: the key is gone
        assert " Plan " not in app.screen._compositor.render_strips()[-1].text


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every style sheet Textual parses (its cache of parsed sources missed), by name.

    A widget's default CSS counts once for each depth of subclass it styles: Textual
    parses it again for each (`Vertical.DEFAULT_CSS@2`).
    """
    parsed: list[str] = []
    parse = textual.css.stylesheet.parse

    def counted(scope: str, css: str, read_from: tuple[str, str], **options: Any) -> Any:
        name = read_from[1] or Path(read_from[0]).name
        parsed.append(f"{name}@{options.get('tie_breaker', 0)}")
        return parse(scope, css, read_from, **options)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return parsed


async def test_start_up_parses_each_style_sheet_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = count_parses(monkeypatch)
    app = demo_opening_on("rituals", tmp_path, pinned_theme=False)  # as a user gets it
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "tandem-hearth"
        # A theme set in __init__, the pane bringing its own style sheet, and the pane
        # started as a mode each made Textual parse every style sheet once more.
        assert "app.tcss@0" in parsed
        assert len(parsed) == len(set(parsed)), [n for n in parsed if parsed.count(n) > 1]
        assert style_sheet_files(app) == {"app.tcss", "modals.tcss", "rituals.tcss"}
        for key, pane in (("1", "ideas"), ("2", "goals"), ("4", "moments"), ("3", "rituals")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_pane == pane
            assert f"{pane}.tcss" in style_sheet_files(app)  # brought when first shown


def style_sheet_files(app: TandemApp) -> set[str]:
    """The names of the `.tcss` files the app's stylesheet holds."""
    return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}


async def test_the_themes_are_offered_and_can_be_changed() -> None:
    app = make_app(demo_store(), as_name="Sarah")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert {"tandem-hearth", "tandem-morning", "textual-dark"} <= set(app.available_themes)
        app.theme = "tandem-morning"
        await pilot.pause()
        assert app.current_theme.name == "tandem-morning"
        assert app.has_class("-light-mode")


async def test_the_pane_s_widgets_are_styled_once_before_its_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyles = count_restyles(monkeypatch)
    app = demo_opening_on("rituals", tmp_path, pinned_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        widgets = len(list(screen.walk_children(with_self=True)))
        # Each widget is styled as it is mounted. The width class set on the first resize,
        # and Textual's restyle of a screen coming to the front, each restyled them all
        # once more before the first frame.
        assert [len(nodes) for nodes in restyles if len(nodes) >= widgets * 0.8] == []
        await pilot.resize_terminal(90, 40)
        await pilot.pause()
        assert screen.has_class("-narrow") and not screen.has_class("-wide")


async def test_the_rituals_pane_makes_its_hidden_lines_when_first_wanted(tmp_path: Path) -> None:
    app = demo_opening_on("rituals", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query(Input) and not screen.query("#rituals-empty")
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is screen.query_one("#ritual-filter", Input)
        await pilot.press("escape", "t")
        await pilot.pause()
        assert app.focused is screen.query_one("#tick-day", Input)


def test_each_pane_opens_without_loading_any_dialog(tmp_path: Path) -> None:
    """A pane's dialogs (forms with text areas, pickers, date fields) load when first used.

    In a fresh interpreter: each pane is opened as the first screen, and no `*_modal`
    module, nor Textual's TextArea, may be loaded by then.
    """
    code = """
import asyncio, sys
from pathlib import Path
from tests.tui.conftest import demo_store
from tui.app import make_app
from tui.settings import save_last_pane

async def open_pane(pane: str) -> None:
    db = Path(sys.argv[1]) / f"{pane}.json"
    save_last_pane(db, pane)
    app = make_app(demo_store(), as_name="Sarah", db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.current_pane == pane, app.current_pane

for pane in ("ideas", "goals", "rituals", "moments"):
    asyncio.run(open_pane(pane))
loaded = sorted(m for m in sys.modules if m.endswith("_modal") or m.endswith("_text_area"))
assert not loaded, loaded
"""
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        check=True,
        env=env,
        cwd=Path(__file__).parents[2],
    )


@pytest.mark.parametrize("width", [120, 80])
@pytest.mark.parametrize("pane", ["ideas", "goals", "rituals", "moments"])
async def test_a_pane_s_keys_fit_its_footer(tmp_path: Path, pane: str, width: int) -> None:
    """Compact keys (`a Add`): at 120 columns every pane's keys show whole (the Ideas
    pane's `? Keys` was cut by the palette key); at 80 keys that do not fit go whole,
    from the right, and `? Keys`, the way to them all, stays."""
    app = demo_opening_on(pane, tmp_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        line = app.screen._compositor.render_strips()[-1].text
        footer = app.screen.query_one(KeysFooter)
        assert re.search(r"\? Keys +▏\^p palette $", line), line
        shown = [key for key in footer.keys if f"{key.display} {key.description} " in line]
        assert shown == list(footer.keys) if width == 120 else len(shown) >= 5, line
