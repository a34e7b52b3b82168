"""The tables `python -m bench` prints: budgets (PASS/MISS), growth with history, references."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.common import Series, fmt_ms, fmt_series, paired_ratios, ratio, spread


@dataclass
class BudgetRow:
    """One budget: a measured figure against its limit."""

    name: str
    measured: str
    reference: str
    figure: str
    """The compared figure: a ratio, a difference or milliseconds."""
    per_round: str
    limit: str
    ok: bool | None
    approximate: bool = False
    """Measured at another size than the budget's (it was not in --sizes)."""

    @property
    def result(self) -> str:
        """PASS / MISS / n/a, with `~` when measured at another size."""
        text = "n/a" if self.ok is None else ("PASS" if self.ok else "MISS")
        return text + ("~" if self.approximate and self.ok is not None else "")


def ratio_row(
    name: str,
    target: Series,
    reference: Series,
    limit: float,
    approximate: bool = False,
    unit: str = "ms",
) -> BudgetRow:
    """A budget "target <= limit x reference" (ratio of the medians)."""
    value = ratio(target, reference)
    return BudgetRow(
        name,
        fmt_series(target, unit),
        fmt_series(reference, unit),
        "-" if value is None else f"{value:.2f}x",
        spread(paired_ratios(target, reference)),
        f"<= {limit:g}x",
        None if value is None else value <= limit,
        approximate,
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, columns padded."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def budget_table(rows: Sequence[BudgetRow]) -> str:
    """The budgets table."""
    return table(
        (
            "budget",
            "measured: median (min-max, n)",
            "reference: median (min-max, n)",
            "figure",
            "per round",
            "limit",
            "result",
        ),
        [(r.name, r.measured, r.reference, r.figure, r.per_round, r.limit, r.result) for r in rows],
    )


def ms(series: Series) -> str:
    """Median in ms, or the reason there is none."""
    return fmt_ms(series.median) if series.median is not None else "-"


def mib(series: Series) -> str:
    """Median MiB."""
    return f"{series.median:.1f}" if series.median is not None else "-"


def times(target: Series, reference: Series) -> str:
    """`1.23x`."""
    value = ratio(target, reference)
    return "-" if value is None else f"{value:.2f}x"
