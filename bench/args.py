"""Argument parsing of `python -m bench`: runs, sizes, --quick, data cache and --json."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bench import gen

DEFAULT_SIZES = "0,1,10,30"
QUICK_SIZES = "0,10"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure Tandem's speed budgets (DESIGN section 7) in one run and print "
        "one table of ratios with PASS/MISS, then how each figure grows with history.",
        epilog="Budgets are read at 10 and 30 years; when those sizes are not in --sizes "
        "they are read at the nearest size and marked with '~'. Data files are generated "
        "once and cached in --cache-dir.",
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help="samples per measurement (median, min and max are reported); default 11, "
        "1 with --quick",
    )
    parser.add_argument(
        "--sizes",
        metavar="YEARS",
        help=f"comma-separated years of history to generate and measure (0 = an empty "
        f"file: the 20 rituals start today; fractions allowed, e.g. 0.05); "
        f"default {DEFAULT_SIZES}, {QUICK_SIZES} with --quick",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one sample per measurement, no warm-up round: a smoke run (~1 minute), "
        "not a measurement",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=gen.DEFAULT_CACHE,
        help=f"where generated data files are kept between runs (default {gen.DEFAULT_CACHE})",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every sample here")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 1 if args.quick else 11
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        args.sizes = sorted(
            {
                float(s)
                for s in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(",")
                if s.strip()
            }
        )
    except ValueError:
        parser.error("--sizes takes comma-separated numbers of years, e.g. 0,1,10,30")
    if not args.sizes or min(args.sizes) < 0:
        parser.error("--sizes takes comma-separated numbers of years >= 0")
    return args
