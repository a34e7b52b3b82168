"""Shared plumbing: sample series, the children's environment, copies of data files."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass
class Series:
    """The samples of one target (index = round, None = failed)."""

    values: list[float | None] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> list[float]:
        """The successful samples."""
        return [v for v in self.values if v is not None]

    @property
    def n(self) -> int:
        """How many samples succeeded."""
        return len(self.ok)

    @property
    def median(self) -> float | None:
        """Median of the successful samples."""
        return statistics.median(self.ok) if self.ok else None

    @property
    def min(self) -> float | None:
        """Smallest sample."""
        return min(self.ok) if self.ok else None

    @property
    def max(self) -> float | None:
        """Largest sample."""
        return max(self.ok) if self.ok else None


def paired_ratios(target: Series, reference: Series) -> list[float]:
    """Per-round ratios target/reference (rounds where both succeeded)."""
    return [
        t / r
        for t, r in zip(target.values, reference.values, strict=False)
        if t is not None and r is not None and r > 0
    ]


def ratio(target: Series, reference: Series) -> float | None:
    """Ratio of the medians."""
    if target.median is None or not reference.median:
        return None
    return target.median / reference.median


class Workspace:
    """A private temp folder: fresh copies of data files and the children's environment.

    Children get their own XDG folders (so view settings and lock files never touch the
    user's), `PYTHONPATH` pointing at this checkout, and no `TANDEM_*` variables. They
    cache bytecode in `pycache` (`PYTHONPYCACHEPREFIX`, `PYTHONDONTWRITEBYTECODE` unset), as
    an installed Tandem has its `.pyc` files: without it, a checkout under
    `PYTHONDONTWRITEBYTECODE=1` recompiles every `store`/`tui` module at each start.
    """

    def __init__(self, root: Path, pycache: Path | None = None) -> None:
        self.root = root
        self.pycache = pycache or root / "pycache"
        """Where children keep their bytecode (PYTHONPYCACHEPREFIX)."""
        self.state = root / "xdg-state"
        self.cache = root / "xdg-cache"
        self.data = root / "xdg-data"
        for folder in (self.state, self.cache, self.data):
            folder.mkdir(parents=True, exist_ok=True)
        self._number = 0

    def next_number(self) -> int:
        """A fresh number for scratch file names."""
        self._number += 1
        return self._number

    def env(self) -> dict[str, str]:
        """The environment of every child process (and of this one's store calls)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
        env.update(
            PYTHONPATH=str(REPO),
            XDG_STATE_HOME=str(self.state),
            XDG_CACHE_HOME=str(self.cache),
            XDG_DATA_HOME=str(self.data),
            PYTHONPYCACHEPREFIX=str(self.pycache),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def apply_env(self) -> None:
        """Use the private XDG folders in this process too (the store's lock files)."""
        os.environ.update(self.env())
        for key in [k for k in os.environ if k.startswith("TANDEM_")]:
            del os.environ[key]

    def db_path(self, name: str) -> Path:
        """A stable path for a working copy of a data file (its view settings key)."""
        folder = self.root / "db"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{name}.json"

    def fresh_copy(self, source: Path, name: str) -> Path:
        """A fresh copy of `source` at `db_path(name)`."""
        target = self.db_path(name)
        shutil.copyfile(source, target)
        return target


def fmt_ms(value: float | None) -> str:
    """`123` / `12.3` / `1.23` ms, or `-`."""
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def fmt_series(series: Series, unit: str = "ms") -> str:
    """`median (min-max, n=N)`."""
    if series.median is None:
        return f"- ({series.note or 'no sample'})"
    f = fmt_ms if unit == "ms" else (lambda v: f"{v:.1f}")
    return f"{f(series.median)} ({f(series.min)}-{f(series.max)}, n={series.n})"


def spread(values: Sequence[float]) -> str:
    """`min-max` of ratios."""
    if not values:
        return "-"
    return f"{min(values):.2f}-{max(values):.2f}"
