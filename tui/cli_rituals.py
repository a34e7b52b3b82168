"""Commands about rituals: `ritual`, `tick`, `untick`, `skip`, `streaks` and `today`."""

from __future__ import annotations

import argparse
from typing import Any

from store import recurrence, rule_presets
from store.errors import RejectedInput
from store.models import Ritual
from store.repository import Agenda
from store.streaks import Figures, RitualStats
from tui.cli import Context, Parser


def register(commands: Any) -> None:
    """Add the ritual commands to the parser."""
    ritual = commands.add_parser("ritual", help="add, list, edit or archive rituals")
    sub = ritual.add_subparsers(dest="action", required=True, parser_class=Parser)
    add = sub.add_parser("add", help="add a ritual")
    add.add_argument("title")
    _rule_options(add)
    add.set_defaults(handler=run_ritual_add)
    listing = sub.add_parser("list", help="list rituals")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--all", action="store_true", help="include archived rituals")
    listing.set_defaults(handler=run_ritual_list)
    edit = sub.add_parser("edit", help="change a ritual")
    edit.add_argument("ritual")
    edit.add_argument("--title")
    edit.add_argument("--note")
    _rule_options(edit)
    edit.set_defaults(handler=run_ritual_edit)
    archive = sub.add_parser("archive", help="archive a ritual (its history stays)")
    archive.add_argument("ritual")
    archive.set_defaults(handler=run_ritual_archive)

    for name, text in (("tick", "we did it"), ("untick", "take a tick back"), ("skip", "excuse")):
        cmd = commands.add_parser(name, help=f"{text}: RITUAL on a day")
        cmd.add_argument("ritual")
        cmd.add_argument("--date", required=name != "tick", help="YYYY-MM-DD, today, yesterday")
        cmd.add_argument("--by", help="who (default: --as)")
        if name == "tick":
            cmd.add_argument("--note", default="")
        if name == "skip":
            cmd.add_argument("--reason", default="")
        cmd.set_defaults(handler={"tick": run_tick, "untick": run_untick, "skip": run_skip}[name])

    streaks = commands.add_parser("streaks", help="streaks and figures of every ritual")
    streaks.add_argument("--json", action="store_true")
    streaks.set_defaults(handler=run_streaks)
    today = commands.add_parser("today", help="what is due today and this week")
    today.add_argument("--json", action="store_true")
    today.add_argument("--line", action="store_true", help="one short line for a prompt")
    today.set_defaults(handler=run_today)


def _rule_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--rule", help="an RRULE, e.g. FREQ=WEEKLY;BYDAY=SU")
    cmd.add_argument("--every", choices=("day", "week", "month", "year"))
    cmd.add_argument("--on", help="week: sun or mon,thu; month: 15, 'first sat', 'last fri'")
    cmd.add_argument("--interval", type=int, default=1, help="every N weeks/months/...")
    cmd.add_argument("--start", help="first day (default today)")
    cmd.add_argument("--members", help="comma-separated names (default everyone)")
    cmd.add_argument("--needs", choices=("any", "all"))


def _rule(ctx: Context, args: argparse.Namespace, start: Any, required: bool) -> str | None:
    if args.rule and args.every:
        raise RejectedInput("Give either --rule or --every, not both.")
    if args.every:
        try:
            return rule_presets.rule_from_preset(args.every, args.on, args.interval, start)
        except ValueError as error:
            raise RejectedInput(str(error)) from None
    if args.rule:
        return str(args.rule)
    if required:
        raise RejectedInput("Say how often: --every day|week|month|year or --rule RRULE.")
    return None


def _members(ctx: Context, text: str | None) -> list[str]:
    if not text:
        return []
    return [ctx.store.member(name).id for name in text.split(",") if name.strip()]


def run_ritual_add(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem ritual add TITLE (--rule RRULE | --every ...) [...]`"""
    start = ctx.day(args.start, "start date")
    rule = _rule(ctx, args, start, required=True)
    assert rule is not None
    ritual = ctx.store.add_ritual(
        args.title, rule, start, _members(ctx, args.members), args.needs or "any"
    )
    words, _ = ctx.store.describe_rule(ritual)
    upcoming = recurrence.next_occurrences(ritual.rule, ritual.start, ctx.today, 5)
    ctx.print(f"Added {ritual.title}: {words}.")
    ctx.print("Next: " + ", ".join(d.strftime("%a %d %b %Y") for d in upcoming))
    return 0


def ritual_json(ctx: Context, ritual: Ritual) -> dict[str, Any]:
    """A ritual as `ritual list --json` documents it."""
    names = ctx.store.member_names()
    words, window = ctx.store.describe_rule(ritual)
    return {
        "id": ritual.id,
        "title": ritual.title,
        "rule": ritual.rule,
        "rule_text": words,
        "window_text": window,
        "start": ritual.start.isoformat(),
        "members": [names.get(m, "?") for m in ritual.members],
        "needs": ritual.needs,
        "note": ritual.note,
        "archived": ritual.archived,
    }


def run_ritual_list(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem ritual list [--json]`"""
    rituals = ctx.store.list_rituals(include_archived=args.all)
    if args.json:
        ctx.print_json([ritual_json(ctx, r) for r in rituals])
        return 0
    for r in rituals:
        words, _ = ctx.store.describe_rule(r)
        ctx.print(f"{r.title}: {words}" + (" (archived)" if r.archived else ""))
    return 0


def run_ritual_edit(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem ritual edit RITUAL [--title] [--rule|--every ...] [...]`"""
    current = ctx.store.ritual(args.ritual)
    changes: dict[str, Any] = {}
    if args.start:
        changes["start"] = ctx.day(args.start, "start date")
    rule = _rule(ctx, args, changes.get("start", current.start), required=False)
    if rule:
        changes["rule"] = rule
    if args.title is not None:
        changes["title"] = args.title
    if args.note is not None:
        changes["note"] = args.note
    if args.members:
        changes["members"] = _members(ctx, args.members)
    if args.needs:
        changes["needs"] = args.needs
    if not changes:
        raise RejectedInput("Nothing to change; give --title, --rule, --every, --start, ...")
    ritual = ctx.store.edit_ritual(current.id, **changes)
    ctx.print(f"Changed {ritual.title}: {ctx.store.describe_rule(ritual)[0]}.")
    return 0


def run_ritual_archive(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem ritual archive RITUAL`"""
    ritual = ctx.store.archive_ritual(args.ritual)
    ctx.print(f"Archived {ritual.title}; its history is kept.")
    return 0


def run_tick(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem tick RITUAL [--date DATE] [--by NAME] [--note TEXT]`"""
    ritual = ctx.store.ritual(args.ritual)
    day = ctx.day(args.date)
    by = ctx.who(args.by)
    if not ctx.store.tick(ritual.id, day, by, note=args.note):
        ctx.print(f"Already ticked: {ritual.title} on {day.isoformat()}.")
        return 0
    figures = ctx.store.ritual_stats(ritual).overall
    ctx.print(f"Ticked {ritual.title} on {day.isoformat()}: {_streak_words(figures)}.")
    return 0


def run_untick(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem untick RITUAL --date DATE [--by NAME]`"""
    ritual = ctx.store.ritual(args.ritual)
    day = ctx.day(args.date)
    if not ctx.store.untick(ritual.id, day, ctx.who(args.by)):
        ctx.print(f"There was no tick on {ritual.title} on {day.isoformat()}.")
        return 0
    ctx.print(f"Removed the tick on {ritual.title} on {day.isoformat()}.")
    return 0


def run_skip(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem skip RITUAL --date DATE [--reason TEXT] [--by NAME]`"""
    ritual = ctx.store.ritual(args.ritual)
    day = ctx.day(args.date)
    if not ctx.store.tick(ritual.id, day, ctx.who(args.by), note=args.reason, kind="skip"):
        ctx.print(f"Already skipped: {ritual.title} on {day.isoformat()}.")
        return 0
    ctx.print(f"Skipped {ritual.title} on {day.isoformat()}; the streak is kept.")
    return 0


def _streak_words(f: Figures) -> str:
    unit = "time" if f.current_streak == 1 else "times"
    return f"{f.current_streak} {unit} in a row (best {f.longest_streak})"


def figures_json(f: Figures) -> dict[str, Any]:
    """The figures of DESIGN section 6 for one ritual or one member."""
    return {
        "current_streak": f.current_streak,
        "longest_streak": f.longest_streak,
        "satisfied": f.satisfied,
        "missed": f.missed,
        "skipped": f.skipped,
        "completion": None if f.completion is None else round(f.completion, 4),
        "strength": round(f.strength, 4),
        "due_now": f.due_now,
        "next_due": f.next_due.isoformat() if f.next_due else None,
    }


def streaks_json(ctx: Context, ritual: Ritual, stats: RitualStats) -> dict[str, Any]:
    """One entry of `tandem streaks --json`."""
    names = ctx.store.member_names()
    base = ritual_json(ctx, ritual)
    keep = ("id", "title", "rule", "rule_text", "window_text", "needs", "start")
    entry = {k: base[k] for k in keep}
    entry.update(figures_json(stats.overall))
    entry["members"] = [
        {"member": names.get(m, "?"), **figures_json(f)} for m, f in stats.per_member
    ]
    return entry


def run_streaks(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem streaks [--json]`"""
    rows = ctx.store.ritual_overview()
    if args.json:
        ctx.print_json([streaks_json(ctx, r, s) for r, s in rows])
        return 0
    for ritual, stats in rows:
        f = stats.overall
        done = "-" if f.completion is None else f"{f.completion:.0%}"
        ctx.print(f"{ritual.title}: {_streak_words(f)}, {done} kept, strength {f.strength:.0%}")
    return 0


def run_today(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem today [--json | --line]`"""
    agenda = ctx.store.agenda()
    if args.json:
        ctx.print_json(
            {
                "date": agenda.today.isoformat(),
                "due": [streaks_json(ctx, r, s) for r, s in agenda.due],
                "this_week": [streaks_json(ctx, r, s) for r, s in agenda.this_week],
                "planned": [
                    {"id": m.id, "title": m.title, "date": m.date.isoformat()}
                    for m in agenda.planned
                ],
                "goals_due": [
                    {"id": g.id, "title": g.title, "target_date": g.target_date.isoformat()}
                    for g in agenda.goals_due
                    if g.target_date
                ],
            }
        )
        return 0
    if args.line:
        ctx.print(agenda_line(agenda))
        return 0
    if not (agenda.due or agenda.this_week or agenda.planned or agenda.goals_due):
        ctx.print("Nothing due today or this week.")
    for r, s in agenda.due:
        ctx.print(f"Due now: {r.title} ({_streak_words(s.overall)})")
    for r, s in agenda.this_week:
        when = s.overall.next_due.strftime("%a %d %b") if s.overall.next_due else ""
        ctx.print(f"This week: {r.title} on {when}")
    for m in agenda.planned:
        ctx.print(f"Planned: {m.title} on {m.date.strftime('%a %d %b')}")
    for g in agenda.goals_due:
        when = g.target_date.strftime("%a %d %b") if g.target_date else ""
        ctx.print(f"Goal target: {g.title} by {when}")
    return 0


def agenda_line(agenda: Agenda) -> str:
    """One short line for a shell prompt: what is due, then the best running streaks."""
    parts = [f"{r.title} due" for r, _ in agenda.due]
    running = sorted(
        (row for row in agenda.rituals if not row[1].overall.due_now),
        key=lambda row: -row[1].overall.current_streak,
    )
    parts += [
        f"{r.title}: {s.overall.current_streak} in a row"
        for r, s in running[:2]
        if s.overall.current_streak >= 2
    ]
    return " · ".join(parts) if parts else "all kept"
