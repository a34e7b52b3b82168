"""Two and four processes ticking through the command line at once, with an exporter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
TICKS = 200


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_ticks_are_all_kept_once(
    writers: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shared.json"
    names = ["Mum", "Leo", "Gran", "Sam"][:writers]
    base = ["--db", str(db), "--today", "2026-11-22"]
    assert main([*base, "init", *(a for n in names for a in ("--member", f"{n}:other"))]) == 0
    assert main([*base, "ritual", "add", "Walk", "--every", "day", "--start", "2026-01-01"]) == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    stop = tmp_path / "stop"
    child = [sys.executable, str(ROOT / "tests" / "cli" / "ticker.py")]
    exporter = subprocess.Popen([*child, "export", str(db), str(stop)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tickers = [
        subprocess.Popen([*child, "tick", str(db), name, str(TICKS)], env=env,
                         stderr=subprocess.PIPE, text=True)
        for name in names
    ]
    try:
        for process in tickers:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
    finally:
        stop.touch()
    out, err = exporter.communicate(timeout=60)
    assert exporter.returncode == 0, err
    assert int(out) >= 1
    capsys.readouterr()
    assert main([*base, "export", "--format", "json"]) == 0
    ticks = json.loads(capsys.readouterr().out)["ticks"]
    for name in names:
        days = [t["date"] for t in ticks if t["by"] == name]
        assert len(days) == TICKS and len(set(days)) == TICKS, name
