"""The data file's lock: where it lives, re-entrance, threads and other processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import platformdirs
import pytest

from store.datafile import parse_data_file
from store.errors import Busy
from store.locking import hold_lock, lock_path_for
from tests.store.storage_helpers import META, child_env, make, sample, write_via_storage

# ----------------------------------------------------------------------------- locking


def test_lock_file_lives_outside_the_data_folder(db_path: Path) -> None:
    default = lock_path_for(db_path)
    digest = hashlib.sha256(os.fsencode(db_path.resolve())).hexdigest()
    assert default == Path(platformdirs.user_cache_dir("tandem")) / "locks" / f"{digest}.lock"
    assert db_path.parent not in default.parents
    assert lock_path_for(db_path.parent / "." / "tandem.json", Path("/x")) == Path(
        f"/x/{digest}.lock"
    )


def test_lock_is_reentrant_across_instances_in_one_process(db_path: Path, lock_dir: Path) -> None:
    a, b = make(db_path, lock_dir, lock_timeout=0.5), make(db_path, lock_dir, lock_timeout=0.5)
    with a.locked(), a.locked(), b.locked(), hold_lock(db_path, timeout=0.5, lock_dir=lock_dir):
        b.write(sample())
        a.read()
        a.write(sample())


def test_another_thread_waits_then_gets_busy(db_path: Path, lock_dir: Path) -> None:
    holder = make(db_path, lock_dir)
    errors: list[BaseException] = []

    def contender() -> None:
        try:
            with make(db_path, lock_dir, lock_timeout=0.2).locked():
                pass
        except BaseException as exc:  # recorded for the assertion
            errors.append(exc)

    with holder.locked():
        thread = threading.Thread(target=contender)
        thread.start()
        thread.join(5)
    assert len(errors) == 1 and isinstance(errors[0], Busy)


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store.locking import hold_lock
    with hold_lock(Path(sys.argv[1]), lock_dir=Path(sys.argv[2])):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


def test_busy_when_another_process_holds_the_lock(db_path: Path, lock_dir: Path) -> None:
    write_via_storage(db_path, lock_dir, sample())
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), str(lock_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        st = make(db_path, lock_dir, lock_timeout=0.3)
        start = time.monotonic()
        with pytest.raises(Busy) as caught:
            with st.locked():
                pass
        waited = time.monotonic() - start
        assert 0.25 <= waited < 2
        assert str(caught.value) == (
            f"{db_path} is busy: another Tandem has held it for 0.3 seconds; try again"
        )
        assert caught.value.exit_code == 75
        assert st.read() == sample()  # reading needs no lock
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(10)
    with make(db_path, lock_dir, lock_timeout=2).locked():
        pass  # released when the holder exits


INCREMENTER = textwrap.dedent(
    """
    import random
    import sys
    import time
    from pathlib import Path
    from tinydb import TinyDB
    from store.storage import SafeFileStorage, reset_tinydb_caches

    path, lock_dir, name, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    db = TinyDB(path, storage=SafeFileStorage, lock_dir=lock_dir, lock_timeout=30)
    storage = db.storage
    seen = -1
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(int(count)):
        with storage.locked():
            storage.read()
            if storage.generation != seen:
                reset_tinydb_caches(db)
            counter = db.table("counter")
            doc = counter.get(doc_id=1)
            counter.update({"n": doc["n"] + 1, "who": doc["who"] + [name]}, doc_ids=[1])
            if i % 10 == 0:  # inserts too: TinyDB's cached next id must not be reused
                db.table("log").insert({"who": name, "i": i})
            seen = storage.generation
        time.sleep(random.random() * 0.002)  # a breath outside the lock, as real use has
    print("done", flush=True)
    """
)


def test_two_processes_increment_under_the_lock_and_lose_nothing(
    db_path: Path, lock_dir: Path
) -> None:
    write_via_storage(db_path, lock_dir, {"_meta": META, "counter": {"1": {"n": 0, "who": []}}})
    count = 200
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", INCREMENTER, str(db_path), str(lock_dir), name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for name in ("mum", "son")
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == "done"
    data = parse_data_file(db_path.read_bytes(), db_path)
    counter = data["counter"]["1"]
    assert counter["n"] == 2 * count
    assert sorted(counter["who"]) == ["mum"] * count + ["son"] * count
    entries = {(d["who"], d["i"]) for d in data["log"].values()}
    assert len(data["log"]) == 2 * count // 10
    assert entries == {(w, i) for w in ("mum", "son") for i in range(0, count, 10)}
    order = counter["who"]
    switches = sum(1 for a, b in zip(order, order[1:], strict=False) if a != b)
    print(f"\n{switches} hand-overs between the two writers")
    assert switches >= 5, "the two writers did not actually interleave"
