"""Child of tests/store/test_crash.py: forks tickers that tick through TinyDB until killed.

Usage: crash_child.py DATA_FILE LOCK_DIR

The process imports everything once, then reads commands on stdin (one a line), so that
each of the parent's 100+ kills costs a fork instead of an interpreter start:

* `spawn OFFSET SEED`: fork a ticker. The ticker opens the data file afresh (a new
  `TinyDB` + `SafeFileStorage`, whose first lock sweeps the temp files an earlier kill
  left), writes `ready PID`, then ticks for ever. After each write has returned it writes
  one acknowledgement line `TICKS_DOC_ID MEMBER_ID TICK` (a single `os.write` to the pipe,
  so a line is never cut). Between ticks it adds a long non-ASCII note or deletes one, so
  the file grows and shrinks.
* `reap`: wait for the ticker (the parent has SIGKILLed it), then write `reaped STATUS`.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from collections.abc import Callable, MutableMapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from store.schema import encode_tick, note_key
from store.storage import SafeFileStorage


def say(text: str) -> None:
    os.write(1, (text + "\n").encode("utf-8"))


def changer(
    member: str, day: date, tick: str, grow: bool, rnd: random.Random
) -> Callable[[MutableMapping[Any, Any]], None]:
    """The TinyDB update: append the tick, then add a long note or delete one."""

    def change(doc: MutableMapping[Any, Any]) -> None:
        doc["log"][member].append(tick)
        notes = doc["notes"]
        if grow or not notes:
            note = "très bien — ça marche ✓ 🌲 " * rnd.randint(0, 15)
            notes[note_key(member, day, "done")] = note
        else:
            del notes[rnd.choice(sorted(notes))]

    return change


def tick_for_ever(path: Path, lock_dir: Path, offset: int, seed: int) -> None:
    rnd = random.Random(seed)
    db = TinyDB(path, storage=SafeFileStorage, lock_dir=lock_dir)
    storage = db.storage
    assert isinstance(storage, SafeFileStorage)
    ticks = db.table("ticks")
    with storage.locked():
        docs = {doc.doc_id: sorted(doc["log"]) for doc in ticks.all()}
    say(f"ready {os.getpid()}")
    first = date(2040, 1, 1)
    counter = 0
    while True:
        doc_id = rnd.choice(sorted(docs))
        member = rnd.choice(docs[doc_id])
        day = first + timedelta(days=offset + counter)
        counter += 1
        tick = encode_tick(day, "done", 2_200_000_000 + offset + counter)
        grow = rnd.random() < 0.5
        with storage.locked():
            storage.read()
            ticks.update(changer(member, day, tick, grow, rnd), doc_ids=[doc_id])
        say(f"{doc_id} {member} {tick}")


def main() -> None:
    path, lock_dir = Path(sys.argv[1]), Path(sys.argv[2])
    pid = 0
    for line in sys.stdin:
        command = line.split()
        if command[0] == "spawn":
            pid = os.fork()
            if pid == 0:
                try:
                    tick_for_ever(path, lock_dir, int(command[1]), int(command[2]))
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(1)
        elif command[0] == "reap":
            _, status = os.waitpid(pid, 0)
            say(f"reaped {status}")


if __name__ == "__main__":
    main()
