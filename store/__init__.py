"""Tandem's data layer: models, safe TinyDB storage, domain rules and pure maths.

This package never imports Textual, Rich or `tui`: the command line and the app are
two faces over the same `Store` API.
"""

from __future__ import annotations
