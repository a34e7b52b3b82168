"""Commands about quality time: `idea` and `moment`."""

from __future__ import annotations

import argparse
import random
from typing import Any

from store.catalogue import load_catalogue
from store.ideas import Filters, apply_filters, suggest
from store.models import Idea, Moment
from store.records import resolve
from tui.cli import Context, Parser
from tui.paths import CATALOGUE_PATH


def register(commands: Any) -> None:
    """Add `idea` and `moment` to the parser."""
    idea = commands.add_parser("idea", help="browse, add, favourite and suggest ideas")
    sub = idea.add_subparsers(dest="action", required=True, parser_class=Parser)
    listing = sub.add_parser("list", help="list ideas")
    listing.add_argument("--category")
    listing.add_argument("--search", default="")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_idea_list)
    show = sub.add_parser("show", help="show one idea")
    show.add_argument("key")
    show.set_defaults(handler=run_idea_show)
    add = sub.add_parser("add", help="add your own idea")
    add.add_argument("title")
    add.add_argument("--category", default="everyday-routines")
    add.add_argument("--blurb", default="")
    add.add_argument("--duration", default="")
    for facet in ("cost", "setting", "energy", "age", "leads"):
        add.add_argument(f"--{facet}")
    add.add_argument("--distance", action="store_true", help="works from two homes")
    add.set_defaults(handler=run_idea_add)
    surprise = sub.add_parser("suggest", help="surprise us: one idea that fits")
    surprise.add_argument("--category")
    surprise.add_argument("--json", action="store_true")
    surprise.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    surprise.set_defaults(handler=run_idea_suggest)
    fav = sub.add_parser("fav", help="favourite (or un-favourite) an idea")
    fav.add_argument("key")
    fav.add_argument("--by")
    fav.set_defaults(handler=run_idea_fav)

    moment = commands.add_parser("moment", help="log or plan time together")
    sub = moment.add_subparsers(dest="action", required=True, parser_class=Parser)
    add = sub.add_parser("add", help="log a moment (or plan one with --planned)")
    add.add_argument("title")
    add.add_argument("--idea")
    add.add_argument("--date")
    add.add_argument("--note", default="")
    add.add_argument("--mood", type=int, choices=range(1, 6), metavar="1-5")
    add.add_argument("--planned", action="store_true")
    add.add_argument("--by")
    add.set_defaults(handler=run_moment_add)
    listing = sub.add_parser("list", help="list moments, newest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_moment_list)


def all_ideas(ctx: Context) -> tuple[Idea, ...]:
    """The catalogue and the family's own ideas, with their state."""
    return tuple(ctx.store.ideas(load_catalogue(CATALOGUE_PATH).ideas))


def find_idea(ctx: Context, ref: str) -> Idea:
    """An idea by key, exact title or unambiguous prefix."""
    return resolve(all_ideas(ctx), ref, lambda i: (i.key, i.title), "idea")


def idea_json(idea: Idea, names: dict[str, str]) -> dict[str, Any]:
    """An idea as the `--json` outputs document it."""
    return {
        "key": idea.key,
        "title": idea.title,
        "category": idea.category,
        "blurb": idea.blurb,
        "duration": idea.duration,
        "cost": idea.cost,
        "setting": idea.setting,
        "energy": idea.energy,
        "age": idea.age,
        "leads": idea.leads,
        "distance": idea.distance,
        "custom": idea.custom,
        "favourite_by": [names.get(m, "?") for m in idea.favourite_by],
        "hidden": idea.hidden,
    }


def run_idea_list(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem idea list [--category C] [--search Q] [--json]`"""
    ideas = apply_filters(all_ideas(ctx), Filters(category=args.category, query=args.search))
    names = ctx.store.member_names()
    if args.json:
        ctx.print_json([idea_json(i, names) for i in ideas])
        return 0
    for idea in ideas:
        ctx.print(f"{idea.key}: {idea.title} ({idea.category}, {idea.duration})")
    return 0


def run_idea_show(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem idea show KEY`"""
    idea = find_idea(ctx, args.key)
    names = ctx.store.member_names()
    ctx.print(f"{idea.title}  [{idea.key}]")
    ctx.print(idea.blurb)
    leads = {"either": "either of you", "mother": "mum teaches", "son": "the son teaches"}
    ctx.print(
        f"{idea.category} · {idea.duration} · cost {idea.cost} · {idea.setting} · "
        f"{idea.energy} · age {idea.age} · {leads[idea.leads]}"
    )
    if idea.favourite_by:
        ctx.print("Favourite of " + " and ".join(names.get(m, "?") for m in idea.favourite_by))
    return 0


def run_idea_add(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem idea add TITLE [--category C] [...]`"""
    facets = {
        f: getattr(args, f)
        for f in ("cost", "setting", "energy", "age", "leads", "duration")
        if getattr(args, f)
    }
    idea = ctx.store.add_idea(
        args.title, args.category, args.blurb, distance=args.distance, **facets
    )
    ctx.print(f"Added the idea {idea.title!r} ({idea.key}).")
    return 0


def run_idea_suggest(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem idea suggest [--category C] [--json]`"""
    members = [m.id for m in ctx.store.list_members()]
    rng = random.Random(args.seed)
    idea = suggest(
        all_ideas(ctx),
        Filters(category=args.category),
        members=members,
        last_done=ctx.store.last_done(),
        today=ctx.today,
        rng=rng,
    )
    if idea is None:
        ctx.print("No idea fits those filters.")
        return 1
    if args.json:
        ctx.print_json(idea_json(idea, ctx.store.member_names()))
    else:
        ctx.print(f"How about: {idea.title} ({idea.key})")
        ctx.print(idea.blurb)
    return 0


def run_idea_fav(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem idea fav KEY [--by NAME]`"""
    idea = find_idea(ctx, args.key)
    member = ctx.who(args.by)
    now = ctx.store.toggle_favourite(idea.key, member)
    name = ctx.store.member(member).name
    verb = "is now a favourite of" if now else "is no longer a favourite of"
    ctx.print(f"{idea.title} {verb} {name}.")
    return 0


def moment_json(moment: Moment, names: dict[str, str]) -> dict[str, Any]:
    """A moment as `moment list --json` documents it."""
    return {
        "id": moment.id,
        "title": moment.title,
        "date": moment.date.isoformat(),
        "planned": moment.planned,
        "idea": moment.idea_key,
        "members": [names.get(m, "?") for m in moment.members],
        "note": moment.note,
        "mood": moment.mood,
        "by": names.get(moment.by, "?"),
    }


def run_moment_add(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem moment add TITLE [--idea KEY] [--date DATE] [--note] [--mood] [--planned]`"""
    idea_key = find_idea(ctx, args.idea).key if args.idea else None
    moment = ctx.store.add_moment(
        args.title,
        ctx.day(args.date),
        ctx.who(args.by),
        note=args.note,
        mood=args.mood,
        planned=args.planned,
        idea_key=idea_key,
    )
    verb = "Planned" if moment.planned else "Logged"
    ctx.print(f"{verb} {moment.title!r} on {moment.date.isoformat()}.")
    return 0


def run_moment_list(ctx: Context, args: argparse.Namespace) -> int:
    """`tandem moment list [--json]`"""
    moments = ctx.store.list_moments()
    names = ctx.store.member_names()
    if args.json:
        ctx.print_json([moment_json(m, names) for m in moments])
        return 0
    for m in moments:
        flag = " (planned)" if m.planned else ""
        note = f" - {m.note.splitlines()[0]}" if m.note else ""
        ctx.print(f"{m.date.isoformat()} {m.title}{flag}{note}")
    return 0
