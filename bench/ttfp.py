"""Command to first paint: in a real terminal (tmux) and headless (`run_test`).

Method (notes/performance.md section 2, repeated):

* **tmux**: a private server (`tmux -L tandembench`, no user config) kept alive by an idle
  session. For each sample: `t0`, then `tmux new-session -d -x 120 -y 40 "exec <command>"`,
  then `tmux capture-pane -p` every ~5 ms until the marker of the first complete frame
  appears (`bench.markers`). Peak RSS is the process's `VmHWM` (= `ru_maxrss`) read from
  `/proc` the moment the frame is seen. Then the session is killed and the process awaited.
* **headless**: `python -m bench.runner` in a fresh interpreter (`t0` just before the
  process starts); the stamp is the first frame sent to the (headless) terminal whose
  screen shows the marker, the frame rendered to escape sequences as a terminal would
  get it (`bench.runner.FrameClock`); `VmHWM` at that moment; also the process wall time.

The markers come from a probe run of each target that waits until its screen settles.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import PYTHON, REPO, Series, Workspace
from bench.markers import Marker, choose
from bench.tmux import TIMEOUT, Tmux


@dataclass
class Target:
    """One program timed to its first paint."""

    key: str
    label: str
    kind: str
    """`floor`, `minimal` or `tandem`."""
    titles: Sequence[str] = ()
    db: Path | None = None
    """The data file (tandem): a fresh copy is made before each sample."""
    source: Path | None = None
    tmux_marker: Marker | None = None
    headless_marker: Marker | None = None
    tmux: Series = field(default_factory=Series)
    tmux_rss: Series = field(default_factory=Series)
    headless: Series = field(default_factory=Series)
    headless_rss: Series = field(default_factory=Series)
    headless_wall: Series = field(default_factory=Series)


def tandem_argv(db: Path, today: str) -> list[str]:
    """`tandem --db DB --as Mum --today DAY`: open the app as Mum."""
    return ["--db", str(db), "--as", "Mum", "--today", today]


def command(target: Target, today: str) -> str:
    """The shell command tmux runs (exec'd, so the pane's pid is the program's)."""
    if target.kind == "floor" and target.key == "floor-sh":
        return "printf 'bench-floor\\n'; exec sleep 600"
    if target.kind == "floor":
        code = "print('bench-floor'); import time; time.sleep(600)"
        return f"exec {shlex.quote(PYTHON)} -c {shlex.quote(code)}"
    if target.kind == "minimal":
        return f"exec {shlex.quote(PYTHON)} -m bench.minimal_app"
    assert target.db is not None
    argv = " ".join(shlex.quote(a) for a in tandem_argv(target.db, today))
    return f"exec {shlex.quote(PYTHON)} -m tui {argv}"


def refresh_copy(target: Target) -> None:
    """Put a fresh copy of the data file in place (before `t0`)."""
    if target.source is not None and target.db is not None:
        shutil.copyfile(target.source, target.db)


# --------------------------------------------------------------------------- headless


def run_child(workspace: Workspace, spec: dict[str, Any], timeout: float = 120) -> dict[str, Any]:
    """Run `python -m bench.runner` on `spec`; returns its result plus `wall_ms`."""
    n = workspace.next_number()
    spec_path = workspace.root / f"spec-{n}.json"
    out = workspace.root / f"out-{n}.json"
    spec = {**spec, "out": str(out)}
    spec.setdefault("t0", 0.0)
    t0 = time.time()
    if spec.get("mode") == "paint":
        spec["t0"] = t0
    spec_path.write_text(json.dumps(spec), "utf-8")
    start = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "-m", "bench.runner", str(spec_path)],
        cwd=REPO,
        env=workspace.env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    wall = (time.perf_counter() - start) * 1000
    if result.returncode != 0 or not out.exists():
        tail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"runner failed ({result.returncode}): {tail}")
    data: dict[str, Any] = json.loads(out.read_text("utf-8"))
    out.unlink()
    spec_path.unlink()
    data["wall_ms"] = wall
    return data


def headless_spec(target: Target, mode: str, today: str) -> dict[str, Any]:
    """The runner spec of a headless paint/probe of `target`."""
    spec: dict[str, Any] = {"target": target.kind, "mode": mode}
    if target.kind == "tandem":
        assert target.db is not None
        spec["argv"] = tandem_argv(target.db, today)
    if mode == "paint" and target.headless_marker is not None:
        spec["marker"] = target.headless_marker.to_json()
    return spec


# --------------------------------------------------------------------------- rounds


def interleave(
    targets: Sequence[Target],
    rounds: int,
    warm_up: bool,
    sample: Callable[[Target], None],
    progress: Callable[[str], None],
    what: str,
) -> None:
    """Round-robin: every target once per round, the starting target rotating."""
    total = rounds + (1 if warm_up else 0)
    for r in range(total):
        progress(f"{what}: round {r + 1}/{total}{' (warm-up)' if warm_up and r == 0 else ''}")
        order = list(targets[r % len(targets) :]) + list(targets[: r % len(targets)])
        for target in order:
            if warm_up and r == 0:
                sample_discard(target, sample)
            else:
                sample(target)


def sample_discard(target: Target, sample: Callable[[Target], None]) -> None:
    """Take one sample and drop it (warm-up)."""
    series = (
        target.tmux,
        target.tmux_rss,
        target.headless,
        target.headless_rss,
        target.headless_wall,
    )
    lengths = [len(s.values) for s in series]
    sample(target)
    for s, n in zip(series, lengths, strict=True):
        del s.values[n:]


def run_tmux(
    targets: Sequence[Target],
    rounds: int,
    warm_up: bool,
    today: str,
    workspace: Workspace,
    progress: Callable[[str], None],
) -> None:
    """Probe, then time every target in tmux.

    A sample that never shows its marker is dropped and the target probed again once
    (the screen changed during the run: the checkout was edited, say).
    """
    tmux = Tmux(workspace)

    def probe(target: Target) -> None:
        progress(f"tmux: probing {target.label}")
        refresh_copy(target)
        target.tmux_marker = choose(tmux.probe(command(target, today)), target.titles)

    try:
        for target in targets:
            if target.kind == "floor":
                target.tmux_marker = Marker("row", "bench-floor")
                tmux.sample(command(target, today), target.tmux_marker)  # warm-up
            else:
                probe(target)

        def sample(target: Target) -> None:
            assert target.tmux_marker is not None
            refresh_copy(target)
            ms, rss = tmux.sample(command(target, today), target.tmux_marker)
            target.tmux.values.append(ms)
            target.tmux_rss.values.append(rss)
            if ms is None:
                target.tmux.note = (
                    f"marker not seen in {TIMEOUT:g} s: {target.tmux_marker.describe()}"
                )
                if target.kind != "floor" and target.tmux.values.count(None) == 1:
                    probe(target)

        interleave(targets, rounds, warm_up, sample, progress, "tmux first paint")
    finally:
        tmux.close()


def run_headless(
    targets: Sequence[Target],
    rounds: int,
    warm_up: bool,
    today: str,
    workspace: Workspace,
    progress: Callable[[str], None],
) -> None:
    """Probe, then time every (Textual) target headless (re-probing once on a miss)."""
    apps = [t for t in targets if t.kind != "floor"]

    def probe(target: Target) -> None:
        progress(f"headless: probing {target.label}")
        refresh_copy(target)
        screen = run_child(workspace, headless_spec(target, "probe", today))["screen"]
        target.headless_marker = choose(screen, target.titles)

    for target in apps:
        probe(target)

    def sample(target: Target) -> None:
        refresh_copy(target)
        try:
            data = run_child(workspace, headless_spec(target, "paint", today))
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            target.headless.note = str(error)
            data = {}
        target.headless.values.append(data.get("first_paint_ms"))
        target.headless_rss.values.append(data.get("rss_mib"))
        target.headless_wall.values.append(data.get("wall_ms") if data else None)
        if not data and target.headless.values.count(None) == 1:
            probe(target)

    interleave(apps, rounds, warm_up, sample, progress, "headless first paint")
