"""The tables of `python -m bench` built from its results: growth, references, raw samples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench import cli_time, gen, persist, report
from bench.common import PYTHON, Series, fmt_series
from bench.ttfp import Target


def growth_table(
    datasets: Sequence[gen.DataSet],
    apps: Sequence[Target],
    minimal: Target,
    persisted: Sequence[persist.PersistResult],
    tick_screen: dict[float, tuple[Series, str]],
    cli: dict[str, cli_time.CliTarget],
) -> str:
    headers = ["figure (median)", *(d.label for d in datasets), "reference"]
    py_pass, py_textual = cli["pass"].series, cli["textual"].series

    def row(name: str, cells: Sequence[str], reference: str = "") -> list[str]:
        return [name, *cells, reference]

    rows = [
        row("ticks", [f"{d.ticks:,}" for d in datasets]),
        row("moments", [f"{d.moments:,}" for d in datasets]),
        row("file size, MB", [f"{d.size_bytes / 1e6:.2f}" for d in datasets]),
        row(
            "first paint, tmux, ms",
            [report.ms(a.tmux) for a in apps],
            f"minimal {report.ms(minimal.tmux)}",
        ),
        row("  x minimal app", [report.times(a.tmux, minimal.tmux) for a in apps]),
        row(
            "first paint, headless, ms",
            [report.ms(a.headless) for a in apps],
            f"minimal {report.ms(minimal.headless)}",
        ),
        row("  x minimal app", [report.times(a.headless, minimal.headless) for a in apps]),
        row(
            "headless process wall (to exit), ms",
            [report.ms(a.headless_wall) for a in apps],
            f"minimal {report.ms(minimal.headless_wall)}",
        ),
        row(
            "peak RSS at first paint, tmux, MiB",
            [report.mib(a.tmux_rss) for a in apps],
            f"minimal {report.mib(minimal.tmux_rss)}",
        ),
        row(
            "peak RSS at first paint, headless, MiB",
            [report.mib(a.headless_rss) for a in apps],
            f"minimal {report.mib(minimal.headless_rss)}",
        ),
        row("persist one tick, ms", [report.ms(p.tick) for p in persisted]),
        row("  raw floor (dumps+write+fsync+replace), ms", [report.ms(p.floor) for p in persisted]),
        row("  x raw floor", [report.times(p.tick, p.floor) for p in persisted]),
        row("tick -> updated screen, ms", [report.ms(tick_screen[d.years][0]) for d in datasets]),
    ]
    for key, name in (("streaks", "tandem streaks --json"), ("today", "tandem today")):
        items = [cli[f"{key}-{d.label}"].series for d in datasets]
        rows.append(row(f"{name}, ms", [report.ms(s) for s in items]))
        rows.append(
            row(
                "  x python -c pass",
                [report.times(s, py_pass) for s in items],
                f"python -c pass {report.ms(py_pass)}",
            )
        )
        rows.append(
            row(
                "  x import textual.app",
                [report.times(s, py_textual) for s in items],
                f"import textual.app {report.ms(py_textual)}",
            )
        )
    return "## Growth with history (20 daily rituals, 200 moments a year)\n\n" + report.table(
        headers, rows
    )


def references_table(
    refs: Sequence[Target], py_pass: cli_time.CliTarget, py_textual: cli_time.CliTarget
) -> str:
    rows = []
    for t in refs:
        rows.append([f"{t.label}, tmux first paint", fmt_series(t.tmux)])
        if t.kind != "floor":
            rows.append([f"{t.label}, headless first paint", fmt_series(t.headless)])
            rows.append([f"{t.label}, headless process wall", fmt_series(t.headless_wall)])
            rows.append(
                [
                    f"{t.label}, peak RSS tmux / headless, MiB",
                    f"{report.mib(t.tmux_rss)} / {report.mib(t.headless_rss)}",
                ]
            )
    rows.append(["python -c pass (wall)", fmt_series(py_pass.series)])
    rows.append(['python -c "import textual.app" (wall)', fmt_series(py_textual.series)])
    return "## References (same run)\n\n" + report.table(
        ("reference", "median ms (min-max, n)"), rows
    )


def raw_samples(
    datasets: Sequence[gen.DataSet],
    targets: Sequence[Target],
    persisted: Sequence[persist.PersistResult],
    tick_screen: dict[float, tuple[Series, str]],
    cli_items: Sequence[cli_time.CliTarget],
) -> dict[str, Any]:
    return {
        "python": PYTHON,
        "datasets": [
            {"years": d.years, "ticks": d.ticks, "moments": d.moments, "bytes": d.size_bytes}
            for d in datasets
        ],
        "first_paint": {
            t.key: {
                "tmux_ms": t.tmux.values,
                "tmux_rss_mib": t.tmux_rss.values,
                "headless_ms": t.headless.values,
                "headless_rss_mib": t.headless_rss.values,
                "headless_wall_ms": t.headless_wall.values,
            }
            for t in targets
        },
        "persist": {
            f"{p.dataset.years:g}": {"tick_ms": p.tick.values, "floor_ms": p.floor.values}
            for p in persisted
        },
        "tick_screen": {
            f"{years:g}": {"ms": s.values, "method": m} for years, (s, m) in tick_screen.items()
        },
        "cli": {c.key: c.series.values for c in cli_items},
    }

