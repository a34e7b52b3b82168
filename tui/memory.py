"""Garbage collection for an app that keeps years of history in memory.

The data file's contents live as long as the app. CPython's full collections walk every
live container, so with ten years of history each one took 30-80 ms and fell in the
middle of start-up and of keypresses (measured with `python -m bench` and a `gc.callbacks`
probe: 50-100 ms of collections before the first frame, a full collection every third
tick). Data that lives for the whole run needs no cycle detection, and start-up allocates
far more than it frees. So `tandem` opening the app:

1. holds collections while it imports, reads the file and builds the first screen;
2. once the file is read, freezes what exists (`gc.freeze`: the modules and the data move
   to a generation the collector never walks; reference counting still frees them);
3. after the first frame, collects the young garbage of start-up and turns collection on.

The user interface is never frozen (its dialogs and screens come and go), nor is a copy of
the file read later (a change from the other home): those are collected as usual. Only
`tandem` holds collections; tests and other callers of `make_app` never do, and `release`
undoes everything when the app has ended, so nothing piles up in a process that goes on.
"""

from __future__ import annotations

import gc

_state = {"held": False, "frozen": False}


def hold_collections() -> None:
    """From opening the app to its first frame: allocate, do not collect."""
    gc.disable()
    _state["held"] = True


def data_loaded() -> None:
    """The file has been read: keep the collector off it (and off the modules) from now on."""
    if _state["held"]:
        gc.collect(1)  # what reading it left behind, cheaply, so it is not frozen
        gc.freeze()
        _state["frozen"] = True


def settle() -> None:
    """After the first frame: collect start-up's young garbage and collect as usual again."""
    if _state["held"]:
        gc.collect(1)
        gc.enable()
        _state["held"] = False


def release() -> None:
    """The app has ended (or never started): the collector as it was before."""
    if _state["frozen"]:
        gc.unfreeze()
        _state["frozen"] = False
    if _state["held"]:
        gc.enable()
        _state["held"] = False
