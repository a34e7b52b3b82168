"""Wall time of `tandem streaks --json` and `tandem today` against two interpreters.

Method (notes/performance.md section 1): each command is a fresh process, timed from
just before it starts to its exit (output to /dev/null), round-robin with
`python -c pass` (the floor) and `python -c "import textual.app"` (what any command that
imports Textual costs), the starting target rotating each round. `tandem` is
`python -m tui` from this checkout, on a fresh copy of each data file.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PYTHON, REPO, Series, Workspace
from bench.gen import DataSet


@dataclass
class CliTarget:
    """One command line timed to its exit."""

    key: str
    label: str
    argv: list[str]
    source: Path | None = None
    db: Path | None = None
    dataset: DataSet | None = None
    series: Series = field(default_factory=Series)


def targets(datasets: Sequence[DataSet], workspace: Workspace, today: str) -> list[CliTarget]:
    """The references, then `streaks --json` and `today` for every size."""
    out = [
        CliTarget("pass", "python -c pass", [PYTHON, "-c", "pass"]),
        CliTarget(
            "textual", 'python -c "import textual.app"', [PYTHON, "-c", "import textual.app"]
        ),
    ]
    for d in datasets:
        for key, args in (("streaks", ["streaks", "--json"]), ("today", ["today"])):
            db = workspace.db_path(f"cli-{key}-{d.label.replace(' ', '')}")
            argv = [PYTHON, "-m", "tui", "--db", str(db), "--today", today, *args]
            out.append(
                CliTarget(f"{key}-{d.label}", f"tandem {' '.join(args)}", argv, d.path, db, d)
            )
    return out


def run(
    items: Sequence[CliTarget],
    rounds: int,
    warm_up: bool,
    workspace: Workspace,
    progress: Callable[[str], None],
) -> None:
    """Time every command, interleaved."""
    env = workspace.env()
    total = rounds + (1 if warm_up else 0)
    for r in range(total):
        progress(
            f"command lines: round {r + 1}/{total}{' (warm-up)' if warm_up and r == 0 else ''}"
        )
        order = list(items[r % len(items) :]) + list(items[: r % len(items)])
        for item in order:
            if item.source is not None and item.db is not None:
                shutil.copyfile(item.source, item.db)
            start = time.perf_counter()
            result = subprocess.run(
                item.argv,
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
            )
            elapsed = (time.perf_counter() - start) * 1000
            if warm_up and r == 0:
                continue
            if result.returncode != 0:
                item.series.values.append(None)
                item.series.note = (
                    f"exit {result.returncode}: "
                    + (result.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
                )
            else:
                item.series.values.append(elapsed)
