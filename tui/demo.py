"""`tandem --demo`: a generated family with two years of history, in a temporary file."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from store.clock import Clock
from store.demo import demo_family
from store.repository import Store


def write_demo_file(path: Path, clock: Clock) -> Path:
    """Write the demo family (as of the clock's today) to `path`."""
    path.write_bytes(orjson.dumps(demo_family(clock.today()), option=orjson.OPT_INDENT_2))
    return path


@contextmanager
def demo_store(clock: Clock) -> Iterator[Store]:
    """Open the demo family in a fresh temporary folder, removed again afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="tandem-demo-"))
    try:
        store = Store.open(write_demo_file(folder / "demo.json", clock), clock)
        try:
            yield store
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
