"""A child process for the concurrency test: ticks N days through `tandem`, or exports."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stdout
from datetime import date, timedelta

from tui.cli import main


def tick(db: str, member: str, count: int) -> None:
    start = date(2026, 1, 1)
    for n in range(count):
        day = (start + timedelta(days=n)).isoformat()
        status = main(["--db", db, "--today", "2026-11-22", "tick", "Walk", "--date", day,
                       "--by", member])
        if status != 0:
            raise SystemExit(f"tick {day} by {member} exited {status}")


def export(db: str, stop_file: str) -> None:
    from pathlib import Path

    reads = 0
    while not Path(stop_file).exists() or reads == 0:
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            status = main(["--db", db, "--today", "2026-11-22", "export", "--format", "json"])
        if status != 0:
            raise SystemExit(f"export exited {status}")
        json.loads(buffer.getvalue())  # every concurrent export is valid JSON
        reads += 1
    print(reads)


if __name__ == "__main__":
    if sys.argv[1] == "tick":
        tick(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        export(sys.argv[2], sys.argv[3])
