"""`python -m bench --quick` on a tiny data set: every row of the report is there.

No timed assertion: the figures depend on the machine and its load; this only checks
that every measurement runs and lands in the tables.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

BUDGET_ROWS = (
    "first paint, tmux 120x40, 0.05 y / minimal app",
    "first paint, headless run_test, 0.05 y / minimal app",
    "persist one tick (durable), 0.05 y / raw floor",
    "tick -> updated screen, 0.05 y",
    "peak RSS at first paint (tmux), 0.05 y, MiB",
    "peak RSS at first paint (headless), 0.05 y, MiB",
    "tandem streaks --json, 0.05 y / python -c pass",
    "tandem streaks --json, 0.05 y / python -c 'import textual.app'",
    "tandem today, 0.05 y / python -c pass",
    "tandem today, 0.05 y / python -c 'import textual.app'",
)
GROWTH_ROWS = (
    "ticks",
    "moments",
    "file size, MB",
    "first paint, tmux, ms",
    "first paint, headless, ms",
    "headless process wall (to exit), ms",
    "peak RSS at first paint, tmux, MiB",
    "peak RSS at first paint, headless, MiB",
    "persist one tick, ms",
    "raw floor",
    "tick -> updated screen, ms",
    "tandem streaks --json, ms",
    "tandem today, ms",
    "x python -c pass",
    "x import textual.app",
    "x minimal app",
)
REFERENCE_ROWS = (
    "floor: sh printf, tmux first paint",
    "floor: python -c print, tmux first paint",
    "minimal Textual app, tmux first paint",
    "minimal Textual app, headless first paint",
    "python -c pass (wall)",
    'python -c "import textual.app" (wall)',
)


def _row(report: str, name: str) -> str:
    lines = [line for line in report.splitlines() if line.startswith(f"| {name}")]
    assert lines, f"no row {name!r} in:\n{report}"
    return lines[0]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    cache = tmp_path_factory.mktemp("bench-cache")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--sizes",
            "0,0.05",
            "--cache-dir",
            str(cache),
            "--json",
            str(cache / "raw.json"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (cache / "raw.json").exists()
    return result.stdout


def test_every_budget_has_a_row_with_a_result(report: str) -> None:
    for name in BUDGET_ROWS:
        row = _row(report, name)
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[-1].rstrip("~") in {"PASS", "MISS", "n/a"}, row
    # the 10- and 30-year budgets are read at the nearest size, marked as such
    assert report.count("first paint, tmux 120x40, 0.05 y / minimal app") == 2
    assert "`~`: measured at the nearest size" in report


def test_budgets_that_ran_have_figures(report: str) -> None:
    names = [n for n in BUDGET_ROWS if "tmux" not in n or shutil.which("tmux")]
    for name in names:
        if name.endswith("python -c pass"):
            continue  # no budget: a figure, no result
        cells = [c.strip() for c in _row(report, name).strip("|").split("|")]
        assert cells[-1].rstrip("~") in {"PASS", "MISS"}, f"{name}: {cells}"


def test_growth_and_reference_tables(report: str) -> None:
    header = next(line for line in report.splitlines() if line.startswith("| figure (median)"))
    assert "0 y" in header and "0.05 y" in header, header
    for name in GROWTH_ROWS:
        assert any(
            line.startswith("| ") and name in line.split("|")[1] for line in report.splitlines()
        ), f"growth row {name!r} missing"
    for name in REFERENCE_ROWS:
        _row(report, name)


def test_methods_are_reported(report: str) -> None:
    assert "- marker, minimal Textual app: tmux " in report
    assert "- tick -> screen, 0.05 y: " in report
    problems = [
        line
        for line in report.splitlines()
        if line.startswith("- problem:") and "tmux not found" not in line
    ]
    assert not problems, problems


def test_ideas_filter_benchmark_prints_every_case() -> None:
    from bench.ideas_filter import CASES, main

    lines = main(runs=1)
    assert len(lines) == len(CASES) and all("701 ideas: median" in line for line in lines)
