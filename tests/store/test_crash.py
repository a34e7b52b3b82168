"""The done-when test: SIGKILL a ticking child 100+ times; the file always opens, no ack is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from store import schema
from store.atomic import stale_temp_files
from store.datafile import parse_data_file
from store.storage import SafeFileStorage

REPO = Path(__file__).resolve().parents[2]
CHILD = REPO / "tests" / "data" / "crash_child.py"
KILLS = 110
STAMP = "2016-01-01T00:00:00Z"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def family_data(seed: int = 7) -> dict[str, Any]:
    """About 2 MB in the documented layout: 20 rituals' tick logs, notes, moments."""
    rnd = random.Random(seed)

    def new_id() -> str:
        return str(uuid.UUID(int=rnd.getrandbits(128), version=4))

    def common() -> dict[str, Any]:
        return {"id": new_id(), "created_at": STAMP, "updated_at": STAMP, "deleted": False}

    members = [
        {**common(), "name": "Maman", "role": "mother", "colour": "#c0392b"},
        {**common(), "name": "Léo", "role": "son", "colour": "#2980b9"},
    ]
    member_ids = [m["id"] for m in members]
    data: dict[str, Any] = {
        schema.META: {
            "1": {"schema_version": 1, "created_at": STAMP, "created_by": "tandem 0.1.0"}
        },
        schema.MEMBERS: {str(i + 1): m for i, m in enumerate(members)},
        schema.RITUALS: {},
        schema.TICKS: {},
        schema.MOMENTS: {},
    }
    start = date(2022, 1, 1)
    for r in range(20):
        ritual = {
            **common(),
            "title": f"Rituel {r}: dîner du dimanche 🍲",
            "rule": "FREQ=DAILY",
            "start": start.isoformat(),
            "members": member_ids,
            "needs": "any",
            "note": "",
            "archived": False,
        }
        data[schema.RITUALS][str(r + 1)] = ritual
        log = {
            m: [
                schema.encode_tick(start + timedelta(days=d), "done", 1_640_995_200 + d * 86_400)
                for d in range(1400)
                if rnd.random() < 0.97
            ]
            for m in member_ids
        }
        notes = {
            schema.note_key(member_ids[0], start + timedelta(days=d), "done"): "très bien ✓ " * 8
            for d in range(0, 1400, 90)
        }
        data[schema.TICKS][str(r + 1)] = {
            "ritual_id": ritual["id"],
            "log": log,
            "notes": notes,
            "stats": None,
        }
    for i in range(1000):
        data[schema.MOMENTS][str(i + 1)] = {
            **common(),
            "idea_key": None,
            "title": "Randonnée à l'étang",
            "date": "2023-05-01",
            "planned": False,
            "members": member_ids,
            "note": "Nous avons marché, puis crêpes et chocolat chaud 🌲 " * 4,
            "mood": 4,
            "by": member_ids[0],
        }
    return data


def test_sigkill_at_random_moments_never_damages_the_file_or_loses_an_ack(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tandem.json"
    lock_dir = tmp_path / "locks"
    storage = SafeFileStorage(path, lock_dir=lock_dir)
    with storage.locked():
        storage.read()
        storage.write(family_data())
    assert 1_800_000 < path.stat().st_size < 3_000_000
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    zygote = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(lock_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    rnd = random.Random(20261122)
    acked: list[tuple[str, str, str]] = []
    temps_seen = 0
    started = time.monotonic()
    try:
        for trial in range(KILLS):
            zygote.stdin.write(f"spawn {trial * 1000} {trial}\n".encode())
            zygote.stdin.flush()
            ready = zygote.stdout.readline().split()
            assert ready[:1] == [b"ready"], f"trial {trial}: the ticker did not start: {ready!r}"
            time.sleep(rnd.uniform(0, 0.15))
            os.kill(int(ready[1]), signal.SIGKILL)
            zygote.stdin.write(b"reap\n")
            zygote.stdin.flush()
            while True:  # acknowledgements, then the zygote's word that the ticker is dead
                line = zygote.stdout.readline().decode("utf-8").split()
                if line[0] == "reaped":
                    assert os.WIFSIGNALED(int(line[1])), line
                    break
                acked.append((line[0], line[1], " ".join(line[2:])))

            data = parse_data_file(path.read_bytes(), path)  # raises if the kill damaged it
            logs = data[schema.TICKS]
            lost = [a for a in acked if a[2] not in logs[a[0]]["log"][a[1]]]
            assert not lost, f"trial {trial}: acknowledged ticks lost: {lost[:3]}"
            leftovers = stale_temp_files(path)
            assert len(leftovers) <= 1, leftovers  # each ticker sweeps its predecessor's
            temps_seen += len(leftovers)
    finally:
        zygote.stdin.close()
        zygote.wait(10)
    elapsed = time.monotonic() - started
    assert len(acked) >= KILLS, f"the tickers made too little progress: {len(acked)} acks"
    assert temps_seen > 0, "no kill landed inside a write (between mkstemp and os.replace)"
    print(
        f"\n{KILLS} kills, {len(acked)} acknowledged ticks, 0 lost, "
        f"{temps_seen} kills left a temp file, {elapsed:.1f} s"
    )
