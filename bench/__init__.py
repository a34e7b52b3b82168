"""Tandem's speed budgets (DESIGN section 7) as one benchmark anyone can run: `python -m bench`.

Every budget is a ratio against a reference measured in the same run, with the targets
interleaved round-robin, as described in `notes/performance.md`. See `python -m bench --help`.

This package imports nothing heavy at import time: `python -m bench.minimal_app` and
`python -m bench.runner` start fresh interpreters whose start-up cost is being measured.
"""

from __future__ import annotations
