"""`python -m tui` runs the `tandem` command."""

from __future__ import annotations

from tui.cli import main

raise SystemExit(main())
