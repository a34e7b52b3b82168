"""The `tandem` command line: commands, JSON shapes and exit statuses (DESIGN section 6)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

TODAY = "2026-11-22"


class Tandem:
    """Runs `tandem` in-process against one data file with a fixed today."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, code: int = 0) -> str:
        self.capsys.readouterr()
        status = main(["--db", str(self.db), "--today", TODAY, *args])
        out, err = self.capsys.readouterr()
        assert status == code, f"exit {status}, stdout={out!r}, stderr={err!r}"
        self.err = err
        return out

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json"))


@pytest.fixture
def tandem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Tandem:
    return Tandem(tmp_path / "family.json", capsys)


@pytest.fixture
def family(tandem: Tandem) -> Tandem:
    tandem("init", "--member", "Mum:mother", "--member", "Leo:son")
    return tandem


def test_init_and_member_list(family: Tandem) -> None:
    members = family.json("member", "list")
    assert [(m["name"], m["role"], m["colour"]) for m in members] == [  # type: ignore[union-attr]
        ("Mum", "mother", "coral"),
        ("Leo", "son", "teal"),
    ]


def test_init_twice_is_refused(family: Tandem) -> None:
    family("init", "--member", "Ann:mother", code=1)
    assert "already set up" in family.err


def test_ritual_tick_and_streaks_json(family: Tandem) -> None:
    out = family("ritual", "add", "Sunday dinner", "--every", "week", "--on", "sun",
                 "--start", "2026-10-04")
    assert "every week on Sunday" in out
    for day in ("2026-10-04", "2026-10-11", "2026-10-19", "2026-10-25", "2026-11-01"):
        family("tick", "Sunday", "--date", day, "--by", "Mum")
    # Leo's tick on the same day is his own record; the window still counts once.
    assert "Ticked" in family("tick", "Sunday", "--date", "2026-11-01", "--by", "Leo")
    family("skip", "Sunday", "--date", "2026-11-08", "--by", "Mum", "--reason", "away")
    [entry] = family.json("streaks")  # type: ignore[misc]
    assert entry["title"] == "Sunday dinner"
    assert entry["rule"] == "FREQ=WEEKLY;BYDAY=SU"
    for key in ("id", "rule_text", "needs", "current_streak", "longest_streak", "satisfied",
                "missed", "skipped", "completion", "strength", "due_now", "next_due", "members"):
        assert key in entry
    assert (entry["satisfied"], entry["missed"], entry["skipped"]) == (5, 1, 1)
    assert entry["due_now"] is True and entry["next_due"] == TODAY
    assert [m["member"] for m in entry["members"]] == ["Mum", "Leo"]


def test_duplicate_tick_is_a_no_op(family: Tandem) -> None:
    family("ritual", "add", "Walk", "--every", "day", "--start", "2026-11-01")
    family("tick", "Walk", "--by", "Leo")
    before = family.db.read_bytes()
    assert "Already ticked" in family("tick", "Walk", "--by", "Leo")
    assert family.db.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("tick", "Walk", "--date", "2026-11-23", "--by", "Leo"), "in the future"),
        (("tick", "Walk", "--date", "2026-10-31", "--by", "Leo"), "before that"),
        (("tick", "Walk", "--date", "2026-02-30", "--by", "Leo"), "not a real calendar date"),
        (("tick", "Nope", "--by", "Leo"), "No ritual matches"),
        (("tick", "Walk", "--by", "Zed"), "No member matches"),
        (("goal", "add", "Run", "--owner", "Leo", "--target", "soon"), "not a date"),
        (("tick", "Walk", "--date", "2025-13-01", "--by", "Leo"), "not a real calendar date"),
        (("ritual", "add", "   ", "--every", "day"), "cannot be empty"),
        (("ritual", "add", "x" * 10_000, "--every", "day"), "longer than 200"),
        (("ritual", "add", "Two\nlines", "--every", "day"), "control character"),
        (("goal", "add", "Run\u202e", "--owner", "Leo"), "text-direction override"),
        (("tick", "W", "--by", "Leo"), "more than one ritual"),
        (("member", "add", "mum"), "already a member"),
        (("ritual", "add", "Bad", "--rule", "FREQ=HOURLY"), ""),
    ],
)
def test_rejected_input_exits_1_and_changes_nothing(
    family: Tandem, args: tuple[str, ...], message: str
) -> None:
    family("ritual", "add", "Walk", "--every", "day", "--start", "2026-11-01")
    family("ritual", "add", "Wash up", "--every", "day", "--start", "2026-11-01")
    before = hashlib.sha256(family.db.read_bytes()).hexdigest()
    family(*args, code=1)
    assert message in family.err
    assert family.err.count("\n") == 1 and "Traceback" not in family.err
    assert hashlib.sha256(family.db.read_bytes()).hexdigest() == before


def test_usage_errors_exit_2(family: Tandem) -> None:
    family("tick", code=2)
    family("ritual", "frobnicate", code=2)
    family("moment", "add", "Film", "--mood", "9", code=2)


def test_missing_who_is_a_usage_error(family: Tandem) -> None:
    family("ritual", "add", "Walk", "--every", "day", "--start", "2026-11-01")
    family("tick", "Walk", code=2)
    assert "--by NAME" in family.err


def test_goals_flow_and_json(family: Tandem) -> None:
    family("goal", "add", "Learn to drive", "--owner", "Leo", "--why", "freedom")
    family("goal", "support", "Learn", "--by", "Leo", "--pledge", "me", code=1)
    family("goal", "support", "Learn", "--by", "Mum", "--pledge", "Sunday lessons")
    family("goal", "cheer", "Learn", "--by", "Mum", "Proud of you")
    family("goal", "step", "Learn", "add", "Theory test")
    family("goal", "step", "Learn", "done", "1")
    family("goal", "step", "Learn", "done", "2", code=1)
    family("goal", "achieve", "Learn")
    [goal] = family.json("goal", "list")  # type: ignore[misc]
    assert goal["owner"] == "Leo" and goal["status"] == "achieved"
    assert goal["supports"][0]["by"] == "Mum" and goal["cheers"][0]["text"] == "Proud of you"
    assert goal["steps"] == [{"title": "Theory test", "done": True}]


def test_moments_and_today(family: Tandem) -> None:
    family("moment", "add", "Pancake mishap", "--date", "yesterday", "--note", "Ceiling!",
           "--mood", "5", "--by", "Mum")
    family("moment", "add", "Cinema", "--date", "2026-11-25", "--planned", "--by", "Leo")
    moments = family.json("moment", "list")
    assert [m["title"] for m in moments] == ["Cinema", "Pancake mishap"]  # type: ignore[index]
    today = family.json("today")
    assert [p["title"] for p in today["planned"]] == ["Cinema"]  # type: ignore[index]


def test_version() -> None:
    out = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("tandem ")


def test_opening_the_app_builds_no_subcommand_parsers(capsys: pytest.CaptureFixture[str]) -> None:
    from tui import cli

    built: list[int] = []
    build = cli.build_parser
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "build_parser", lambda: built.append(1) or build())
        args = cli._parse(["--db", "x.json", "--as", "Mum", "--today", TODAY])
        assert (args.db.name, args.as_name) == ("x.json", "Mum")
        assert getattr(args, "handler", None) is None  # no command: the app
        assert built == []  # the global options alone
        assert cli._parse(["--db", "x.json", "today", "--line"]).line
        assert cli._parse(["ritual", "list", "--a"]).all  # abbreviations as before
        with pytest.raises(SystemExit):
            cli._parse(["--he"])
        assert built == [1, 1, 1]
    assert "ritual" in capsys.readouterr().out  # help, even abbreviated, lists the commands
    for argv, status, message in (
        (["--db"], 2, "tandem: argument --db: expected one argument (see 'tandem --help').\n"),
        (["today", "--version"], 2, "tandem: unrecognized arguments: --version"),
    ):
        with pytest.raises(SystemExit) as refused:
            cli._parse(argv)
        assert refused.value.code == status
        assert capsys.readouterr().err.startswith(message)


def test_commands_other_than_the_app_do_not_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    code = (
        "import sys; from tui.cli import main; "
        f"main(['--db', {str(db)!r}, '--today', '{TODAY}', 'init', '--member', 'A:mother']); "
        f"main(['--db', {str(db)!r}, '--today', '{TODAY}', 'today', '--line']); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "assert not bad, bad"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=Path(__file__).parents[2])
    # A prompt's `tandem today` reads without the lock, so it never loads the lock library.
    code = (
        "import sys; from tui.cli import main; "
        f"main(['--db', {str(db)!r}, '--today', '{TODAY}', 'today', '--line']); "
        "assert 'filelock' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=Path(__file__).parents[2])


def test_store_never_imports_the_ui() -> None:
    code = (
        "import sys, store.repository, store.streaks, store.merge, store.exchange; "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
