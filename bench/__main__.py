"""`python -m bench`: every speed budget of DESIGN section 7, measured in one run.

Each figure is a ratio against a reference timed in the same run, targets interleaved
round-robin (notes/performance.md gives the method of each measurement):

* command -> first paint of the Rituals pane (`tandem --db FILE --as Mum`, the pane last
  used pre-written), in tmux 120x40 and headless (`run_test`), against a minimal Textual
  app (Header, 20-row DataTable, Footer): <= 1.25x at 10 years, <= 1.4x at 30 years;
* persisting one tick (`Store.tick`, durable) against orjson.dumps + write + fsync +
  os.replace of the same file: <= 2x;
* space on the Rituals pane -> the row shows the new streak: <= 50 ms;
* peak RSS at first paint: <= the minimal app + 20 MiB;
* `tandem streaks --json` and `tandem today` against `python -c pass` and
  `python -c "import textual.app"` (they must not import Textual);
* and how each figure grows from an empty file to 1, 10 and 30 years of history
  (20 daily rituals; 10 years = 73,000 ticks, 30 years = 219,000).

Run it from the checkout with the project's interpreter:
`/work/venv/bin/python -m bench` (about 4-5 minutes on the 2-core box at load ~2; more when
other work competes for the CPUs), or `--quick` (~30 s once the data files are cached).
Progress goes to stderr, the tables to stdout.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench import cli_time, gen, persist, report
from bench.args import parse_args
from bench.common import (
    Series,
    Workspace,
    fmt_ms,
    fmt_series,
    paired_ratios,
    ratio,
    spread,
)
from bench.report import BudgetRow, ratio_row
from bench.tables import growth_table, raw_samples, references_table
from bench.tmux import Tmux
from bench.ttfp import Target, refresh_copy, run_child, run_headless, run_tmux, tandem_argv

TICK_SCREEN_LIMIT_MS = 50.0
WARM_UP_NOTE = (
    " (first paint: after one probe run per target; persist and command lines: after one "
    "warm-up round)"
)
RSS_LIMIT_MIB = 20.0


def _progress(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _nearest(sizes: Sequence[float], wanted: float) -> float:
    return min(sizes, key=lambda s: (abs(s - wanted), -s))


def main(argv: Sequence[str] | None = None) -> int:
    """Run everything and print the tables."""
    args = parse_args(argv)
    started = time.monotonic()
    load_before = os.getloadavg()
    warm_up = not args.quick
    today = gen.TODAY
    day = today.isoformat()

    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as scratch:
        workspace = Workspace(Path(scratch), args.cache_dir / "pycache")
        workspace.apply_env()

        _progress(f"data files for {', '.join(f'{s:g}' for s in args.sizes)} years")
        datasets = [gen.dataset(years, args.cache_dir, today) for years in args.sizes]

        from tui.settings import save_last_pane

        minimal_titles = tuple(f"Ritual {n:02d}" for n in range(20))
        refs = [
            Target("floor-sh", "floor: sh printf", "floor"),
            Target("floor-py", "floor: python -c print", "floor"),
            Target("minimal", "minimal Textual app", "minimal", titles=minimal_titles),
        ]
        apps: list[Target] = []
        for d in datasets:
            db = workspace.db_path(f"app-{d.label.replace(' ', '')}")
            save_last_pane(db, "rituals")
            apps.append(
                Target(
                    f"tandem-{d.label}",
                    f"tandem, {d.label}",
                    "tandem",
                    titles=d.titles,
                    db=db,
                    source=d.path,
                )
            )
        targets = [*refs, *apps]
        minimal = refs[2]

        tmux_ok = Tmux.available()
        # the probe runs (one per target, to find its marker) are the warm-up of these two
        if tmux_ok:
            run_tmux(targets, args.runs, False, day, workspace, _progress)
        else:
            for t in targets:
                t.tmux.note = "tmux not found"
        run_headless(targets, args.runs, False, day, workspace, _progress)

        tick_screen: dict[float, tuple[Series, str]] = {}
        for d, target in zip(datasets, apps, strict=True):
            _progress(f"tick -> screen: {d.label}")
            refresh_copy(target)
            series = Series()
            method = ""
            assert target.db is not None
            try:
                data = run_child(
                    workspace,
                    {
                        "target": "tandem",
                        "mode": "tick",
                        "argv": tandem_argv(target.db, day),
                        "db": str(target.db),
                        "today": day,
                        "as": "Mum",
                        "runs": args.runs,
                        "marker": target.headless_marker.to_json()
                        if target.headless_marker
                        else None,
                    },
                    timeout=600,
                )
                series.values = list(data["samples_ms"])
                method = data["method"]
            except Exception as error:  # noqa: BLE001 - reported in the table
                series.note = str(error)[:80]
            tick_screen[d.years] = (series, method)

        persisted = persist.run(datasets, args.runs, warm_up, today, workspace, _progress)
        cli_items = cli_time.targets(datasets, workspace, day)
        cli_time.run(cli_items, args.runs, warm_up, workspace, _progress)

    elapsed = time.monotonic() - started
    by_size = {d.years: i for i, d in enumerate(datasets)}
    cli_by_key = {c.key: c for c in cli_items}
    py_pass, py_textual = cli_by_key["pass"], cli_by_key["textual"]

    def at(wanted: float) -> tuple[int, bool, str]:
        size = _nearest(args.sizes, wanted)
        return by_size[size], size != wanted, f"{size:g} y"

    rows: list[BudgetRow] = []
    for wanted, limit in ((10, 1.25), (30, 1.4)):
        i, approx, label = at(wanted)
        rows.append(
            ratio_row(
                f"first paint, tmux 120x40, {label} / minimal app",
                apps[i].tmux,
                minimal.tmux,
                limit,
                approx,
            )
        )
    for wanted, limit in ((10, 1.25), (30, 1.4)):
        i, approx, label = at(wanted)
        rows.append(
            ratio_row(
                f"first paint, headless run_test, {label} / minimal app",
                apps[i].headless,
                minimal.headless,
                limit,
                approx,
            )
        )
    i, approx, label = at(10)
    rows.append(
        ratio_row(
            f"persist one tick (durable), {label} / raw floor",
            persisted[i].tick,
            persisted[i].floor,
            2.0,
            approx,
        )
    )
    series, method = tick_screen[datasets[i].years]
    typical = series.median
    rows.append(
        BudgetRow(
            f"tick -> updated screen, {label}",
            fmt_series(series),
            "-",
            f"{fmt_ms(typical)} ms" if typical is not None else "-",
            "-",
            f"<= {TICK_SCREEN_LIMIT_MS:g} ms (median)",
            None if typical is None else typical <= TICK_SCREEN_LIMIT_MS,
            approx,
        )
    )
    for mode, target_rss, minimal_rss in (
        ("tmux", apps[i].tmux_rss, minimal.tmux_rss),
        ("headless", apps[i].headless_rss, minimal.headless_rss),
    ):
        diff = (
            None
            if target_rss.median is None or minimal_rss.median is None
            else target_rss.median - minimal_rss.median
        )
        rows.append(
            BudgetRow(
                f"peak RSS at first paint ({mode}), {label}, MiB",
                fmt_series(target_rss, "MiB"),
                fmt_series(minimal_rss, "MiB"),
                "-" if diff is None else f"{diff:+.1f} MiB",
                "-",
                f"<= minimal + {RSS_LIMIT_MIB:g} MiB",
                None if diff is None else diff <= RSS_LIMIT_MIB,
                approx,
            )
        )
    for key, name in (("streaks", "tandem streaks --json"), ("today", "tandem today")):
        item = cli_by_key[f"{key}-{datasets[i].label}"]
        value = ratio(item.series, py_pass.series)
        rows.append(
            BudgetRow(
                f"{name}, {label} / python -c pass",
                fmt_series(item.series),
                fmt_series(py_pass.series),
                "-" if value is None else f"{value:.2f}x",
                spread(paired_ratios(item.series, py_pass.series)),
                "(no budget)",
                None,
                approx,
            )
        )
        rows.append(
            ratio_row(
                f"{name}, {label} / python -c 'import textual.app' (never imports Textual)",
                item.series,
                py_textual.series,
                1.0,
                approx,
            )
        )

    out: list[str] = []
    out.append(
        f"# Tandem speed budgets - `{' '.join(['python -m bench', *(argv or sys.argv[1:])])}`"
    )
    out.append("")
    out.append(
        f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
        f"load average {load_before[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end · "
        f"{args.runs} run(s) per measurement{'' if args.quick else WARM_UP_NOTE}"
        f" · today {day} · bytecode cached in {args.cache_dir / 'pycache'} · "
        f"took {elapsed / 60:.1f} min"
    )
    out.append("")
    out.append("## Budgets (DESIGN section 7), ratios of medians in one interleaved run")
    out.append("")
    out.append(report.budget_table(rows))
    out.append("")
    if any(r.approximate for r in rows):
        out.append("`~`: measured at the nearest size in --sizes, not at the budget's size.")
    out.append(
        "per round: min-max of the ratio within each round (the targets of a round ran "
        "back to back)."
    )
    out.append("")
    out.append(growth_table(datasets, apps, minimal, persisted, tick_screen, cli_by_key))
    out.append("")
    out.append(references_table(refs, py_pass, py_textual))
    out.append("")
    out.append("## How each figure was taken")
    out.append("")
    out.append(
        "- first paint, tmux: private server `tmux -L tandembench`, 120x40, `t0` before "
        "`new-session`, `capture-pane -p` every ~5 ms until the marker below; peak RSS = the "
        "process's VmHWM when the marker is seen. Headless: `run_test(size=(120, 40))` in a "
        "fresh interpreter running the real command line (`tui.cli.main`), stamp at the first "
        "frame (rendered to escape sequences) whose screen shows the marker. Tandem runs as "
        "`python -m tui --db FILE --as Mum --today DAY` on a fresh copy of the file, the "
        "Rituals pane pre-set as the pane last used."
    )
    out.append(
        "- persist: `Store.tick` on an open store (then undone, untimed) vs orjson.dumps + "
        "write + fsync + os.replace of the same data; command lines: process wall time, "
        "output to /dev/null. All targets round-robin within each round."
    )
    for target in [minimal, *apps]:
        out.append(
            f"- marker, {target.label}: tmux "
            f"{target.tmux_marker.describe() if target.tmux_marker else '-'}; headless "
            f"{target.headless_marker.describe() if target.headless_marker else '-'}"
        )
    for d in datasets:
        series, method = tick_screen[d.years]
        out.append(f"- tick -> screen, {d.label}: {method or series.note or '-'}")
    notes = [
        f"{t.label} ({what}): {s.note}"
        for t in targets
        for what, s in (("tmux", t.tmux), ("headless", t.headless))
        if s.note
    ] + [f"{c.label}, {c.key}: {c.series.note}" for c in cli_items if c.series.note]
    for note in notes:
        out.append(f"- problem: {note}")
    print("\n".join(out))

    if args.json:
        args.json.write_text(
            json.dumps(raw_samples(datasets, targets, persisted, tick_screen, cli_items), indent=1),
            "utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
