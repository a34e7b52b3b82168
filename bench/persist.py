"""Persisting one tick (`Store.tick`, durable) against the raw floor of the same file.

Method (notes/performance.md section 3): in this process, on working copies of each data
file, round-robin over the sizes, each round timing

* **tick**: `Store.tick(ritual, today, Mum)` on a long-lived `Store.open` - the whole
  durable path (lock, stat check, streak update, orjson, temp file, fsync, `os.replace`,
  folder fsync). The tick is then undone (untimed), so every sample does the same work.
* **floor**: `orjson.dumps` of the same file's data + write + fsync + `os.replace` of a
  copy beside it: what any durable whole-file rewrite costs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bench.common import Series, Workspace
from bench.gen import DataSet


@dataclass
class PersistResult:
    """The samples of one size."""

    dataset: DataSet
    tick: Series = field(default_factory=Series)
    floor: Series = field(default_factory=Series)


class _Subject:
    def __init__(self, workspace: Workspace, dataset: DataSet, today: date) -> None:
        import orjson

        from store.clock import FixedClock
        from store.repository import Store

        key = f"persist-{dataset.label.replace(' ', '')}"
        self.path = workspace.fresh_copy(dataset.path, key)
        self.floor_path = workspace.fresh_copy(dataset.path, key + "-floor")
        self.data: Any = orjson.loads(self.floor_path.read_bytes())
        self.today = today
        self.store = Store.open(self.path, FixedClock(today))
        self.store.prepare()
        self.me = self.store.member("Mum").id
        self.ritual = self.store.ritual_overview(today)[0][0].id

    def tick(self) -> float:
        start = time.perf_counter()
        changed = self.store.tick(self.ritual, self.today, self.me)
        elapsed = (time.perf_counter() - start) * 1000
        if not changed:
            raise RuntimeError("Store.tick changed nothing")
        self.store.undo()
        return elapsed

    def floor(self) -> float:
        import orjson

        tmp = self.floor_path.with_suffix(".tmp")
        start = time.perf_counter()
        payload = orjson.dumps(self.data)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.floor_path)
        return (time.perf_counter() - start) * 1000

    def close(self) -> None:
        self.store.close()


def run(
    datasets: Sequence[DataSet],
    rounds: int,
    warm_up: bool,
    today: date,
    workspace: Workspace,
    progress: Callable[[str], None],
) -> list[PersistResult]:
    """Time a durable tick and the raw floor for every size, interleaved."""
    progress("persist one tick: opening the stores")
    subjects = [_Subject(workspace, d, today) for d in datasets]
    results = [PersistResult(d) for d in datasets]
    try:
        total = rounds + (1 if warm_up else 0)
        for r in range(total):
            keep = not (warm_up and r == 0)
            for subject, result in zip(subjects, results, strict=True):
                if r % 2:
                    floor = subject.floor()
                    tick = subject.tick()
                else:
                    tick = subject.tick()
                    floor = subject.floor()
                if keep:
                    result.tick.values.append(tick)
                    result.floor.values.append(floor)
    finally:
        for subject in subjects:
            subject.close()
    return results
