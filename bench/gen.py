"""The benchmark's data files: `store.demo.synthetic_family`, post-processed, cached on disk.

DESIGN section 7 measures "a synthetic 10-year family (20 rituals, 73,000 ticks, 2,000
moments)". `synthetic_family` makes 70 % of the rituals daily and keeps 97 % of the windows,
which gives ~55,000 ticks at 10 years. Until it takes parameters for that, this module
post-processes its output so that:

* every ritual is daily (`FREQ=DAILY`) and starts the day after the family's first day;
* every day from the ritual's start up to *yesterday* is ticked once (by Mum or the son,
  alternately), so `years` years give exactly `20 x 365 x years` ticks (10 y: 73,000;
  30 y: 219,000) and every ritual is due *today* (a tick then changes its streak);
* each ritual's streak cache is warm as of the day before yesterday, like the file of a
  family that opened the app yesterday (`store.streaks.ritual_stats`).

Moments (200 a year, ~200 characters each) come from `synthetic_family` unchanged.
Size 0 ("an empty file") is the same family with its 20 rituals starting today: no ticks,
no moments.

Files are cached by their parameters and a hash of the generator's sources in
`~/.cache/tandem-bench` (or `--cache-dir`); the benchmark works on copies.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 22)
"""The day every measurement runs on (`--today`): a Sunday, as in the UI tests."""

RITUALS = 20
MOMENTS_PER_YEAR = 200
SEED = 1
DEFAULT_CACHE = Path.home() / ".cache" / "tandem-bench"
GEN_VERSION = 1
"""Bump when this module's post-processing changes."""

_SOURCES = (
    "store/demo.py",
    "store/streaks.py",
    "store/schema.py",
    "store/recurrence.py",
    "store/rrule_model.py",
    "store/rule_periods.py",
)


@dataclass(frozen=True, slots=True)
class DataSet:
    """One generated data file and what the benchmark needs to know about it."""

    years: float
    path: Path
    ticks: int
    moments: int
    size_bytes: int
    titles: tuple[str, ...]
    """Ritual titles in the Rituals pane's order (due first, next due, title)."""

    @property
    def label(self) -> str:
        """`0 y`, `1 y`, `10 y`, `0.05 y`."""
        return f"{self.years:g} y"


def _repo() -> Path:
    return Path(__file__).resolve().parents[1]


def _source_hash() -> str:
    digest = hashlib.sha256(str(GEN_VERSION).encode())
    for name in _SOURCES:
        try:
            digest.update((_repo() / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:12]


def _days(years: float) -> int:
    return round(365 * years)


def build(years: float, today: date = TODAY, rituals: int = RITUALS) -> dict[str, Any]:
    """The raw data file of a family that has kept `rituals` daily rituals for `years`."""
    from store import schema, streaks
    from store.demo import synthetic_family

    days = _days(years)
    whole = int(years)
    # synthetic_family(years) starts 365*years days before its `today`; ask it for the
    # moments of the whole years, then place the rituals ourselves.
    data = synthetic_family(
        today - timedelta(days=1),
        years=whole,
        rituals=rituals,
        moments_per_year=MOMENTS_PER_YEAR,
        seed=SEED,
    )
    yesterday = today - timedelta(days=1)
    start = today - timedelta(days=days)  # the first ticked day; 0 years: today, nothing ticked
    by_id = {doc["id"]: doc for doc in data[schema.RITUALS].values()}
    epoch_base = 1_600_000_000
    for ticks_doc in data[schema.TICKS].values():
        ritual = by_id[ticks_doc["ritual_id"]]
        ritual["rule"] = "FREQ=DAILY"
        ritual["start"] = start.isoformat()
        log: dict[str, list[str]] = {m: [] for m in ritual["members"]}
        for n in range(days):
            day = start + timedelta(days=n)
            member = ritual["members"][n % len(ritual["members"])]
            log[member].append(schema.encode_tick(day, "done", epoch_base + n * 86400))
        ticks_doc["log"] = {member: schema.join_log(entries) for member, entries in log.items()}
        ticks_doc["notes"] = {}
        ticks_doc["stats"] = None
        if days >= 2:
            spec = streaks.RitualSpec(
                ritual["rule"], start, tuple(ritual["members"]), ritual["needs"]
            )
            facts = [
                streaks.TickFact(date.fromisoformat(text[:10]), member, "done")
                for member, entries in log.items()
                for text in entries
            ]
            _, ticks_doc["stats"] = streaks.ritual_stats(spec, facts, yesterday - timedelta(days=1))
    if days < 365:  # a fraction of a year: keep the moments of those days only
        data[schema.MOMENTS] = {
            key: doc
            for key, doc in data[schema.MOMENTS].items()
            if doc["date"] >= start.isoformat()
        }
    return data


def pane_order(path: Path, today: date = TODAY) -> tuple[str, ...]:
    """Ritual titles in the Rituals pane's order, as the store computes it."""
    from store.clock import FixedClock
    from store.repository import Store

    store = Store.open(path, FixedClock(today))
    try:
        return tuple(ritual.title for ritual, _ in store.ritual_overview(today))
    finally:
        store.close()


def dataset(years: float, cache_dir: Path = DEFAULT_CACHE, today: date = TODAY) -> DataSet:
    """The cached data file for `years` (generated on first use)."""
    import orjson

    key = f"y{years:g}-r{RITUALS}-m{MOMENTS_PER_YEAR}-s{SEED}-{today.isoformat()}-{_source_hash()}"
    path = cache_dir / f"tandem-{key}.json"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            return DataSet(
                years,
                path,
                meta["ticks"],
                meta["moments"],
                path.stat().st_size,
                tuple(meta["titles"]),
            )
        except (OSError, ValueError, KeyError):
            pass
    cache_dir.mkdir(parents=True, exist_ok=True)
    prefix = key.rsplit("-", 1)[0]
    for stale in cache_dir.glob(f"tandem-{prefix}-*.json"):  # made by older sources
        if stale.name.removesuffix(".json").removesuffix(".meta") != path.stem:
            stale.unlink(missing_ok=True)
    data = build(years, today)
    payload = orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(payload)
    os.replace(tmp, path)
    from store.schema import log_entries

    logs = [log for doc in data["ticks"].values() for log in doc["log"].values()]
    ticks = sum(len(log_entries(log)) for log in logs)
    titles = pane_order(path, today)
    meta = {"ticks": ticks, "moments": len(data["moments"]), "titles": list(titles)}
    meta_path.write_text(json.dumps(meta), "utf-8")
    return DataSet(years, path, ticks, len(data["moments"]), len(payload), titles)
