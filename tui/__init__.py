"""Tandem's faces: the Textual app and the `tandem` command line, over `store`."""

from __future__ import annotations

__version__ = "0.2.0"
