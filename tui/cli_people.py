"""Commands about people: `init`, `member` and `goal`."""

from __future__ import annotations

import argparse
from typing import Any

from store.errors import RejectedInput
from store.models import Goal
from tui.cli import Context, Parser
from tui.clock import UsageError


def register(commands: Any) -> None:
    """Add `init`, `member` and `goal` to the parser."""
    init = commands.add_parser("init", help="first set-up without the app")
    init.add_argument("--member", action="append", required=True, metavar="NAME:ROLE")
    init.set_defaults(handler=run_init)

    member = commands.add_parser("member", help="add or list members")
    sub = member.add_subparsers(dest="action", required=True, parser_class=Parser)
    add = sub.add_parser("add", help="add a member")
    add.add_argument("name")
    add.add_argument("--role", default="other", help="mother, son or other")
    add.set_defaults(handler=run_member_add)
    listing = sub.add_parser("list", help="list members")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_member_list)

    goal = commands.add_parser("goal", help="the goals board")
    sub = goal.add_subparsers(dest="action", required=True, parser_class=Parser)
    add = sub.add_parser("add", help="add a goal")
    add.add_argument("title")
    add.add_argument("--owner", required=True)
    add.add_argument("--why", default="")
    add.add_argument("--target", help="target date")
    add.set_defaults(handler=run_goal_add)
    listing = sub.add_parser("list", help="list goals")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_goal_list)
    support = sub.add_parser("support", help="pledge help with someone's goal")
    support.add_argument("goal")
    support.add_argument("--by")
    support.add_argument("--pledge", required=True)
    support.set_defaults(handler=run_goal_support)
    cheer = sub.add_parser("cheer", help="cheer a goal on")
    cheer.add_argument("goal")
    cheer.add_argument("text")
    cheer.add_argument("--by")
    cheer.set_defaults(handler=run_goal_cheer)
    step = sub.add_parser("step", help="add a step, or mark step N done")
    step.add_argument("goal")
    step.add_argument("step_action", choices=("add", "done", "undo"), metavar="add|done")
    step.add_argument("value", help="the step's text (add) or its number (done)")
    step.set_defaults(handler=run_goal_step)
    achieve = sub.add_parser("achieve", help="mark a goal achieved")
    achieve.add_argument("goal")
    achieve.set_defaults(handler=run_goal_achieve)


def run_init(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem init --member NAME:ROLE ...`"""
    people = []
    for spec in args.member:
        name, _, role = spec.rpartition(":") if ":" in spec else (spec, "", "other")
        people.append((name, role or "other"))
    if ctx.store.is_set_up:
        raise RejectedInput(f"{ctx.db_path} is already set up; use 'tandem member add'.")
    members = ctx.store.set_up(people)
    ctx.print(f"Set up {ctx.db_path} for " + " and ".join(m.name for m in members) + ".")
    return 0


def run_member_add(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem member add NAME [--role ROLE]`"""
    member = ctx.store.add_member(args.name, args.role)
    ctx.print(f"Added {member.name} ({member.role}).")
    return 0


def run_member_list(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem member list [--json]`"""
    members = ctx.store.list_members()
    if args.json:
        ctx.print_json(
            [{"id": m.id, "name": m.name, "role": m.role, "colour": m.colour} for m in members]
        )
    else:
        for m in members:
            ctx.print(f"{m.name} ({m.role})")
    return 0


def goal_json(goal: Goal, names: dict[str, str]) -> dict[str, Any]:
    """A goal as the `--json` output documents it (members by name)."""
    return {
        "id": goal.id,
        "title": goal.title,
        "owner": names.get(goal.owner, "?"),
        "why": goal.why,
        "target_date": goal.target_date.isoformat() if goal.target_date else None,
        "status": goal.status,
        "achieved_at": goal.achieved_at.isoformat() if goal.achieved_at else None,
        "progress": round(goal.progress, 4),
        "steps": [{"title": s.title, "done": s.done} for s in goal.steps],
        "supports": [
            {"by": names.get(s.by, "?"), "pledge": s.pledge, "at": s.at.isoformat()}
            for s in goal.supports
        ],
        "cheers": [
            {"by": names.get(c.by, "?"), "text": c.text, "at": c.at.isoformat()}
            for c in goal.cheers
        ],
    }


def run_goal_add(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem goal add TITLE --owner NAME [--why TEXT] [--target DATE]`"""
    target = ctx.day(args.target, "target date") if args.target else None
    goal = ctx.store.add_goal(args.title, args.owner, why=args.why, target_date=target)
    ctx.print(f"Added the goal {goal.title!r} for {ctx.store.member(goal.owner).name}.")
    return 0


def run_goal_list(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem goal list [--json]`"""
    goals = ctx.store.list_goals()
    names = ctx.store.member_names()
    if args.json:
        ctx.print_json([goal_json(g, names) for g in goals])
        return 0
    for g in goals:
        helpers = ", ".join(sorted({names.get(s.by, "?") for s in g.supports}))
        support = f"supported by {helpers}" if helpers else "needs a supporter"
        target = f", by {g.target_date.isoformat()}" if g.target_date else ""
        ctx.print(
            f"{names.get(g.owner, '?')}: {g.title} [{g.status}, {g.progress:.0%}{target}]"
            f" - {support}"
        )
    return 0


def run_goal_support(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem goal support GOAL --by NAME --pledge TEXT`"""
    goal = ctx.store.support_goal(args.goal, ctx.who(args.by), args.pledge)
    ctx.print(f"Pledged help with {goal.title!r}.")
    return 0


def run_goal_cheer(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem goal cheer GOAL --by NAME TEXT`"""
    goal = ctx.store.cheer_goal(args.goal, ctx.who(args.by), args.text)
    ctx.print(f"Cheered {goal.title!r}.")
    return 0


def run_goal_step(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem goal step GOAL (add TEXT | done N)`"""
    if args.step_action == "add":
        goal = ctx.store.add_step(args.goal, args.value)
        ctx.print(f"Added step {len(goal.steps)} to {goal.title!r}.")
        return 0
    try:
        number = int(args.value)
    except ValueError:
        raise UsageError(f"Step number {args.value!r} is not a whole number.") from None
    goal = ctx.store.set_step_done(args.goal, number, done=args.step_action == "done")
    ctx.print(f"{goal.title!r} is {goal.progress:.0%} done.")
    return 0


def run_goal_achieve(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem goal achieve GOAL`"""
    goal = ctx.store.achieve_goal(args.goal)
    ctx.print(f"Achieved: {goal.title}! Well done, {ctx.store.member(goal.owner).name}.")
    return 0
