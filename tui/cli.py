"""The `tandem` command line: parses arguments, opens the store, runs a command or the app.

Commands other than the app itself never import Textual, so `tandem today` stays fast
enough for a shell prompt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from store.clock import Clock
from store.errors import RejectedInput, TandemError
from store.validation import parse_day
from tui import __version__
from tui.clock import UsageError, resolve_clock
from tui.paths import default_db_path

Handler = Callable[["Context", argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse with one-sentence errors and exit status 2 (DESIGN section 6)."""

    def error(self, message: str) -> NoReturn:
        """Print one sentence and the way to more help, then exit 2."""
        self.exit(2, f"tandem: {message} (see '{self.prog} --help').\n")


@dataclass
class Context:
    """What every command needs: where the data is, who is typing, and the clock."""

    db_path: Path
    clock: Clock
    as_name: str | None
    out: Any = field(default_factory=lambda: sys.stdout)
    notices: list[str] = field(default_factory=list)
    """What opening the file did that the user should hear about (merged conflict copies)."""
    _store: Any = None

    @property
    def store(self) -> Any:
        """The opened `Store` (opened on first use, so `--help` never touches the file)."""
        if self._store is None:
            self._store = self.open_store(merge_copies=True)
        return self._store

    def open_store(self, *, merge_copies: bool, backup_later: bool = False) -> Any:
        """Open and prepare the file (`Store.prepare`), telling on stderr what was merged
        from conflict copies; the app merges them, and writes the day's backup, itself."""
        from store.repository import Store

        store = Store.open(self.db_path, self.clock)
        try:
            self.notices = store.prepare(merge_copies=merge_copies, backup_later=backup_later)
        except BaseException:
            store.close()
            raise
        for line in self.notices:
            print(f"tandem: {line}", file=sys.stderr)
        return store

    @property
    def today(self) -> date:
        """The day every command works on."""
        return self.clock.today()

    def day(self, text: str | None, what: str = "date") -> date:
        """Parse a date option (`today` when absent)."""
        return parse_day(text or "today", self.today, what)

    def who(self, name: str | None, what: str = "--by") -> str:
        """The member id for `--by NAME`, falling back to `--as` and a one-member family."""
        chosen = name or self.as_name
        if chosen:
            return str(self.store.member(chosen).id)
        members = self.store.list_members()
        if len(members) == 1:
            return str(members[0].id)
        if not members:
            raise RejectedInput("No members yet; run 'tandem init --member NAME:ROLE ...' first.")
        raise UsageError(f"Say who: {what} NAME (or 'tandem --as NAME ...', or TANDEM_AS).")

    def print(self, text: str = "") -> None:
        """Write one line of output."""
        print(text, file=self.out)

    def print_json(self, value: Any) -> None:
        """Write JSON output with real UTF-8 characters."""
        print(json.dumps(value, ensure_ascii=False, indent=2), file=self.out)


def build_parser() -> Parser:
    """The whole command line of DESIGN section 6."""
    from tui import cli_exports, cli_files, cli_ideas, cli_people, cli_rituals

    parser = Parser(
        prog="tandem",
        description="Tandem: rituals, goals and quality time for a mother and her son.",
        epilog="With no command, opens the app. Exit status: 0 done, 1 refused, 2 usage, "
        "3 data file needs recovery, 75 busy.",
    )
    parser.add_argument("--version", action="version", version=f"tandem {__version__}")
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in (cli_people, cli_rituals, cli_ideas, cli_files, cli_exports):
        module.register(subparsers)
    return parser


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="data file (default: $TANDEM_DB or data dir)")
    parser.add_argument("--as", dest="as_name", metavar="NAME", help="who is at the keyboard")
    parser.add_argument("--today", help=argparse.SUPPRESS)
    parser.add_argument("--demo", action="store_true", help="open a demo family to look around")


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; raises SystemExit for --help, --version and usage errors.

    Opening the app takes the global options only, so those are tried first, exactly
    (no abbreviations, no help, errors not reported): the forty-odd subcommands' parsers
    (17 ms of argparse) are built only when anything else is there, and then the whole
    parser reads the whole command line as it always did.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    quick = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    _add_global_options(quick)
    try:
        found, rest = quick.parse_known_args(args)
    except argparse.ArgumentError:
        rest = args
    if not rest:
        return found
    return build_parser().parse_args(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `tandem` command; returns the exit status."""
    try:
        args = _parse(argv)
    except SystemExit as done:  # --help, --version and usage errors (status 2)
        return done.code if isinstance(done.code, int) else 2
    try:
        clock = resolve_clock(args.today)
        db_path = (args.db or default_db_path()).expanduser()
        ctx = Context(db_path, clock, args.as_name or os.environ.get("TANDEM_AS") or None)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            return _run_app(ctx, demo=args.demo)
        try:
            return handler(ctx, args)
        finally:
            if ctx._store is not None:
                ctx._store.close()
    except TandemError as error:
        print(f"tandem: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_app(ctx: Context, *, demo: bool) -> int:
    from tui import memory

    memory.hold_collections()  # until the first frame (tui.memory says why)
    try:
        from tui.app import make_app

        if demo:
            from tui.demo import demo_store

            with demo_store(ctx.clock) as store:
                memory.data_loaded()
                app = make_app(store, as_name=ctx.as_name)
                app.run()
            return app.return_code or 0
        store = ctx.open_store(merge_copies=False, backup_later=True)
        memory.data_loaded()
        app = make_app(store, as_name=ctx.as_name, db_path=ctx.db_path, merge_copies=True)
        app.run()
        return app.return_code or 0
    finally:
        memory.release()
