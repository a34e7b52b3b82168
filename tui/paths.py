"""Where Tandem's files are: bundled assets and the default data file."""

from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent

ASSETS_DIR = _HERE / "assets" if (_HERE / "assets").is_dir() else _HERE.parent / "assets"
"""Bundled CSS and catalogue: `tui/assets` in a wheel, `assets/` in a source checkout."""

CATALOGUE_PATH = ASSETS_DIR / "catalogue.json"
"""The ideas catalogue shipped with Tandem."""


def pane_css(pane: str) -> Path:
    """A pane's own style sheet: `<assets>/<pane>.tcss`."""
    return ASSETS_DIR / f"{pane}.tcss"


def default_db_path() -> Path:
    """The data file: `$TANDEM_DB`, else `tandem.json` in the user's data folder."""
    env = os.environ.get("TANDEM_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tandem", appauthor=False)) / "tandem.json"
