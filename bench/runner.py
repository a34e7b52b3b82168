"""The child process of the headless measurements: `python -m bench.runner SPEC_JSON`.

SPEC_JSON (a file) says what to run and where to write the result:

* `target`: `minimal` (bench.minimal_app) or `tandem` (the real command line,
  `tui.cli.main(argv)`, with `App.run` swapped for `App.run_test(size=(120, 40))`, so the
  whole command path - argument parsing, opening the file - is timed);
* `mode`: `paint` (time to the first complete frame), `probe` (wait until the screen
  settles and return its text) or `tick` (time from `space` to the updated row);
* `t0`: the parent's `time.time()` just before it started this process;
* `marker`: for `paint`, see `bench.markers`.

Stamps are frames: `FrameClock` wraps the app's `_display` (which a real terminal's driver
turns into bytes) so that each frame also renders its escape sequences as a terminal would
get them, then is stamped. A wait ends at the first frame after which the compositor shows
what it waits for; `VmHWM` is read at that moment.
"""

from __future__ import annotations

import asyncio
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)
SETTLE = 0.7
"""Seconds without a change after which a probed screen counts as settled."""


def screen_text(app: Any) -> str:
    """The text of what the top screen shows now (compositor strips, 120x40)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


class FrameClock:
    """Stamps the frames the app sends to its (headless) terminal, and what they show.

    Headless, Textual builds each frame (a `CompositorUpdate`) but skips turning it into
    bytes; this does that too, so a frame costs what it costs in a terminal, then stamps
    it. `first_frame(predicate)` resolves with the stamp of the first frame whose screen
    text satisfies the predicate. (Stamps used to be taken in `call_after_refresh`
    callbacks, which Textual runs once the app is idle again: a frame or more late.)
    """

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self._wanted: list[tuple[Callable[[str], bool], asyncio.Future[float]]] = []
        self.rss_mib = 0.0
        """Peak RSS (MiB) when the latest wait was met."""
        display = app._display

        def display_and_stamp(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if not isinstance(renderable, CompositorUpdate) or app._batch_count:
                return
            renderable.render_segments(app.console)
            stamp = time.time()
            if self._wanted:
                text = screen_text(app)
                for want in list(self._wanted):
                    predicate, future = want
                    if future.done() or predicate(text):
                        self._wanted.remove(want)
                        if not future.done():
                            future.set_result(stamp)
                            self.rss_mib = _rss_mib()

        app._display = display_and_stamp

    def first_frame(self, predicate: Callable[[str], bool]) -> asyncio.Future[float]:
        """Resolves with the stamp of the first frame from now whose screen satisfies it."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._wanted.append((predicate, future))
        return future


async def next_refresh(app: Any) -> float:
    """`time.time()` in the first `call_after_refresh` callback from now."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[float] = loop.create_future()

    def stamp() -> None:
        if not future.done():
            future.set_result(time.time())

    app.call_after_refresh(stamp)
    return await asyncio.wait_for(future, timeout=30)


def _rss_mib() -> float:
    """Peak RSS of this process image: `VmHWM`.

    Not `ru_maxrss`: on Linux that keeps the high-water mark of the pre-exec image, which
    for a child forked from the (large) benchmark process is the benchmark's own size.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def wait_for(frame: asyncio.Future[float], what: str, timeout: float = 20.0) -> float:
    """The stamp of a `FrameClock.first_frame`, or TimeoutError naming `what`."""
    try:
        return await asyncio.wait_for(frame, timeout=timeout)
    except TimeoutError:
        raise TimeoutError(f"not seen: {what}") from None


async def wait_settled(app: Any, timeout: float = 30.0) -> str:
    """The screen's text once it has not changed for `SETTLE` seconds."""
    deadline = time.monotonic() + timeout
    last, since = "", time.monotonic()
    while time.monotonic() < deadline:
        await next_refresh(app)
        text = screen_text(app)
        if text != last:
            last, since = text, time.monotonic()
        elif time.monotonic() - since >= SETTLE and text.strip():
            break
        await asyncio.sleep(0.05)
    return last


# --------------------------------------------------------------------------- tick → screen


def _streak_regex(value: int) -> re.Pattern[str]:
    digits = str(value)
    grouped = f"{value:,}"
    forms = {digits, grouped, grouped.replace(",", " "), grouped.replace(",", "\u202f")}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\d,.])(?:{alternatives})(?![\d,.])")


def expected_streaks(spec: dict[str, Any]) -> tuple[dict[str, int], list[str], str]:
    """Each ritual's current streak after a tick today by the member at the keyboard.

    Worked out before the app starts, on an in-memory copy of the file.
    """
    from datetime import date

    import orjson

    from store.clock import FixedClock
    from store.repository import Store

    today = date.fromisoformat(spec["today"])
    store = Store.in_memory(FixedClock(today))
    store.storage.write(orjson.loads(Path(spec["db"]).read_bytes()))
    me = store.member(spec["as"])
    overview = store.ritual_overview(today)
    expected: dict[str, int] = {}
    for ritual, _ in overview:
        store.tick(ritual.id, today, me.id)
        expected[ritual.title] = store.ritual_stats(ritual, today).overall.current_streak
        store.undo()
    return expected, [r.title for r, _ in overview], overview[0][0].id


async def measure_ticks(
    app: Any, spec: dict[str, Any], frames: FrameClock, painted: asyncio.Future[float]
) -> dict[str, Any]:
    """Press space on the Rituals pane `runs` times (after one warm-up); undo after each.

    A sample ends at the first frame that shows a ritual's row with its new streak. If
    space does not tick (the pane is not built yet), the sample is `Store.tick` +
    `screen.refresh_data()` instead; if no row shows a streak, it ends at the first frame
    that changed the screen. `method` says which.
    """
    from textual import events

    from bench.markers import rows_by_title

    expected, titles, first_id = spec["expected"], spec["order"], spec["first_id"]
    patterns = {title: _streak_regex(value) for title, value in expected.items()}
    await wait_for(painted, "the first complete frame")
    await asyncio.sleep(0.3)
    store = app.store
    me = store.member(spec["as"]).id

    def shows_new_streak(text: str, before: dict[str, list[tuple[int, str]]]) -> bool:
        for title, lines in rows_by_title(text, titles).items():
            old = {line for _, line in before.get(title, [])}
            for _, line in lines:
                if line not in old and patterns[title].search(line.split(title, 1)[1]):
                    return True
        return False

    samples: list[float] = []
    by_space = True
    streak_rows = True
    warm_up = True
    attempts = 0
    while len(samples) < spec["runs"]:
        attempts += 1
        if attempts > spec["runs"] + 5:
            raise RuntimeError("too many failed tick attempts")
        before_text = screen_text(app)
        before_rows = rows_by_title(before_text, titles)
        if not before_rows:
            streak_rows = False  # no ritual rows on the screen at all
        identity = store.storage.identity
        changed = frames.first_frame(lambda text, before=before_text: text != before)
        shown = frames.first_frame(lambda text, before=before_rows: shows_new_streak(text, before))
        t0 = time.time()
        if by_space:
            app._driver.send_message(events.Key("space", " "))
        else:
            store.tick(first_id, store.clock.today(), me)
            app.screen.refresh_data()
        done = shown if streak_rows else changed
        try:
            done_at: float | None = await asyncio.wait_for(asyncio.shield(done), timeout=2.0)
        except TimeoutError:
            done_at = None
        if store.storage.identity == identity:
            if by_space:
                by_space = False  # space did nothing: fall back, and warm up again
                continue
            raise RuntimeError("Store.tick did not change the data file")
        if done_at is None:
            if not changed.done():
                raise RuntimeError("the screen did not change after the tick")
            streak_rows = False
            done_at = changed.result()
        for future in (changed, shown):
            future.cancel()  # FrameClock drops cancelled waits at the next frame
        if not warm_up:
            samples.append((done_at - t0) * 1000)
        warm_up = False
        store.undo()
        app.refresh_pane()
        await asyncio.sleep(0.15)
    method = "space on the Rituals pane" if by_space else "Store.tick + screen.refresh_data()"
    if streak_rows:
        method += ", until the first frame whose row shows the new streak"
    else:
        method += ", until the first frame that changed the screen (no row shows the streak)"
    return {"samples_ms": samples, "method": method}


# --------------------------------------------------------------------------- main


def _build_and_run(spec: dict[str, Any], drive: Any) -> None:
    """Run the target headless; `drive(app, frames, painted)` runs once it has started.

    `painted` resolves with the stamp of the first frame showing the spec's marker (it is
    asked for before the app starts, so no frame can be missed).
    """
    from textual.app import App

    from bench.markers import Marker

    marker = Marker.from_json(spec["marker"]) if spec.get("marker") else None

    def run_headless(self: Any, *args: Any, **kwargs: Any) -> Any:
        async def main() -> None:
            frames = FrameClock(self)
            painted = frames.first_frame(marker.found if marker else bool)
            async with self.run_test(size=SIZE, notifications=True) as pilot:
                await drive(pilot.app, frames, painted)
                pilot.app.exit()

        asyncio.run(main())
        return None

    App.run = run_headless  # type: ignore[method-assign]
    if spec["target"] == "minimal":
        from bench.minimal_app import make_app

        make_app().run()
    else:
        from tui.cli import main

        code = main(spec["argv"])
        if code:
            raise SystemExit(f"tandem exited with {code}")


def main() -> None:
    """Run one measurement described by the JSON file in argv[1]."""
    spec = json.loads(Path(sys.argv[1]).read_text("utf-8"))
    result: dict[str, Any] = {}
    what = (spec.get("marker") or {}).get("text", "")[:60]

    async def drive(app: Any, frames: FrameClock, painted: asyncio.Future[float]) -> None:
        if spec["mode"] == "paint":
            stamp = await wait_for(painted, f"the marker {what!r}")
            result["first_paint_ms"] = (stamp - spec["t0"]) * 1000
            result["rss_mib"] = frames.rss_mib
        elif spec["mode"] == "probe":
            result["screen"] = await wait_settled(app)
        else:
            result.update(await measure_ticks(app, spec, frames, painted))

    if spec["mode"] == "tick":
        spec["expected"], spec["order"], spec["first_id"] = expected_streaks(spec)
    _build_and_run(spec, drive)
    Path(spec["out"]).write_text(json.dumps(result), "utf-8")


if __name__ == "__main__":
    main()
