"""Garbage collection for an app that keeps years of history in memory.

The data file's contents (73,000 ticks and 2,000 moments at ten years) live as long as
the app. CPython's full collections walk every live object, so with that history each
one took 30-80 ms, and they fell in the middle of start-up and of keypresses (measured
with `python -m bench` and a `gc.callbacks` probe: 50-100 ms of collections before the
first frame, a full collection every third tick). Objects that live for the whole run
need no cycle detection: this module keeps the collector off while the data is read and
the first screen is built, then freezes what exists (`gc.freeze`: it moves those
objects into a generation the collector never walks, and costs next to nothing) and
turns it back on. Reference counting still frees frozen objects as usual.

Only the `tandem` command holds collections; tests and other callers of `make_app`
never do, so `settle` and `after_reload` are then no-ops.
"""

from __future__ import annotations

import gc

_state = {"held": False, "settled": False}


def hold_collections() -> None:
    """From process start to the first frame: allocate, do not collect."""
    gc.disable()
    _state["held"] = True


def settle() -> None:
    """After the first frame: freeze what exists (the data, the screen) and collect again."""
    if _state["held"]:
        gc.collect(1)  # the young garbage of start-up, cheaply, so it is not frozen
        gc.freeze()
        gc.enable()
        _state["held"], _state["settled"] = False, True


def after_reload() -> None:
    """The data file was read again: freeze the new copy too, once it has settled."""
    if _state["settled"]:
        gc.collect(1)
        gc.freeze()
