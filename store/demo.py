"""Generated families: the demo (`tandem --demo`) and the synthetic ones of the benchmark.

Both build a raw data-file dict (see `store.schema`) deterministically from a seed and a
"today", so the demo, the snapshots and the benchmark always see the same data.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from store import recurrence, schema, streaks


@dataclass(frozen=True, slots=True)
class _RitualPlan:
    title: str
    rule: str
    keep: float
    """Chance that a window is kept."""
    needs: str = "any"
    note: str = ""


DEMO_RITUALS = (
    _RitualPlan("Sunday dinner", "FREQ=WEEKLY;BYDAY=SU", 0.9, note="Phones in the basket."),
    _RitualPlan("First-Saturday hike", "FREQ=MONTHLY;BYDAY=1SA", 0.8),
    _RitualPlan("Birthday breakfast", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14", 1.0),
    _RitualPlan("Goodnight chat", "FREQ=DAILY", 0.75),
    _RitualPlan("Friday film night", "FREQ=WEEKLY;BYDAY=FR", 0.7),
    _RitualPlan("Photo of the week", "FREQ=WEEKLY;BYDAY=WE", 0.8, needs="all"),
)

DEMO_MOMENTS = (
    ("Pancake mishap", "One pancake ended up on the ceiling. We laughed for ten minutes.", 5,
     "pancake-flip-off"),
    ("Walk by the river", "Leo told me about the new coach. He seems to like him.", 4,
     "follow-a-river"),
    ("Chess night", "Leo won twice and taught me a new opening.", 4,
     "chess-one-lesson-at-a-time"),
    ("Cooked grandma's soup", "It tasted almost like hers. Almost.", 5, "grandmas-recipe-card"),
    ("Visited the science museum", "The planetarium show put us both to sleep.", 3,
     "one-room-in-a-museum"),
    ("Talk in the car", "Asked what scares him about next year. A real answer.", 5,
     "one-question-per-car-ride"),
    ("Painted the fence", "Half the paint on the fence, half on us.", 4, None),
    ("Volunteered at the food bank", "Sorted tins for three hours. Worth it.", 4,
     "food-bank-shift"),
)
"""What the demo family did, with a note to remember it by and, mostly, the idea it came from."""


def _stamp(day: date, sequence: int = 0) -> str:
    moment = datetime.combine(day, time(19), tzinfo=UTC) + timedelta(microseconds=sequence)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _epoch(day: date) -> int:
    return int(datetime.combine(day, time(20), tzinfo=UTC).timestamp())


class _Builder:
    """Accumulates a raw data file."""

    def __init__(self, seed: int, created: date) -> None:
        self.rng = random.Random(seed)
        self.uuid_rng = random.Random(seed + 1)
        self.created = created
        self.sequence = 0
        self.tables: dict[str, dict[str, Any]] = {name: {} for name in schema.ALL_TABLES}
        self.tables[schema.META]["1"] = {
            "schema_version": schema.SCHEMA_VERSION,
            "created_at": _stamp(created),
            "created_by": "tandem demo",
        }

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.uuid_rng.getrandbits(128), version=4))

    def add(self, table: str, fields: dict[str, Any], day: date | None = None) -> dict[str, Any]:
        self.sequence += 1
        stamp = _stamp(day or self.created, self.sequence)
        doc = {"id": self.new_id(), **fields, "created_at": stamp, "updated_at": stamp}
        doc["deleted"] = False
        rows = self.tables[table]
        rows[str(len(rows) + 1)] = doc
        return doc

    def ritual(
        self, plan: _RitualPlan, start: date, members: list[str], today: date
    ) -> None:
        doc = self.add(
            schema.RITUALS,
            {
                "title": plan.title,
                "rule": plan.rule,
                "start": start.isoformat(),
                "members": members,
                "needs": plan.needs,
                "note": plan.note,
                "archived": False,
            },
            start,
        )
        log: dict[str, list[str]] = {m: [] for m in members}
        occurrences = recurrence.occurrences(plan.rule, start, start, today + timedelta(days=1))
        for occurrence in occurrences:
            roll = self.rng.random()
            if roll < plan.keep:
                late = self.rng.choice((0, 0, 0, 1)) if plan.rule != "FREQ=DAILY" else 0
                day = min(occurrence + timedelta(days=late), today)
                doers = members if plan.needs == "all" else [self.rng.choice(members)]
                for member in doers:
                    log[member].append(schema.encode_tick(day, "done", _epoch(day)))
            elif roll > 0.97 and occurrence < today:
                log[members[0]].append(schema.encode_tick(occurrence, "skip", _epoch(occurrence)))
        for entries in log.values():
            entries.sort()
        stored = {member: schema.join_log(entries) for member, entries in log.items()}
        ticks = {"ritual_id": doc["id"], "log": stored, "notes": {}, "stats": None}
        ticks["stats"] = _warm_cache(doc, log, today)
        self.tables[schema.TICKS][str(len(self.tables[schema.TICKS]) + 1)] = ticks


def _warm_cache(ritual: dict[str, Any], log: dict[str, list[str]], today: date) -> Any:
    """The streak cache as an app in daily use would have left it (as of yesterday)."""
    spec = streaks.RitualSpec(
        ritual["rule"], date.fromisoformat(ritual["start"]), tuple(ritual["members"]),
        ritual["needs"],
    )
    facts = [
        streaks.TickFact(entry.day, member, entry.kind)
        for member, entries in log.items()
        for entry in map(schema.decode_tick, entries)
        if not entry.deleted
    ]
    _, cache = streaks.ritual_stats(spec, facts, today - timedelta(days=1))
    return cache


def demo_family(today: date, years: int = 2, seed: int = 7) -> dict[str, Any]:
    """Sarah and Leo, with `years` of rituals, moments and goals up to `today`."""
    start = today - timedelta(days=365 * years)
    b = _Builder(seed, start)
    sarah = b.add(schema.MEMBERS, {"name": "Sarah", "role": "mother", "colour": "coral"})["id"]
    leo = b.add(schema.MEMBERS, {"name": "Leo", "role": "son", "colour": "teal"})["id"]
    for plan in DEMO_RITUALS:
        b.ritual(plan, start, [sarah, leo], today)
    for n in range(40):
        title, note, mood, idea = DEMO_MOMENTS[n % len(DEMO_MOMENTS)]
        day = start + timedelta(days=int((n + 1) * (today - start).days / 41))
        b.add(
            schema.MOMENTS,
            {
                "idea_key": idea, "title": title, "date": day.isoformat(), "planned": False,
                "members": [sarah, leo], "note": note, "mood": mood,
                "by": b.rng.choice((sarah, leo)),
            },
            day,
        )
    b.add(
        schema.MOMENTS,
        {
            "idea_key": "climbing-wall-taster", "title": "Climbing wall",
            "date": (today + timedelta(days=3)).isoformat(), "planned": True,
            "members": [sarah, leo], "note": "", "mood": None, "by": leo,
        },
    )
    b.add(
        schema.MOMENTS,
        {
            "idea_key": "board-game-tournament", "title": "Board-game tournament",
            "date": (today - timedelta(days=2)).isoformat(), "planned": True,
            "members": [sarah, leo], "note": "", "mood": None, "by": sarah,
        },
    )
    _demo_goals(b, sarah, leo, today)
    return b.tables


def _demo_goals(b: _Builder, sarah: str, leo: str, today: date) -> None:
    def step(title: str, done: bool) -> dict[str, Any]:
        return {"id": b.new_id(), "title": title, "done": done}

    def item(by: str, key: str, text: str, days_ago: int) -> dict[str, Any]:
        return {"id": b.new_id(), "by": by, key: text, "at": _stamp(today - timedelta(days_ago))}

    goals = [
        (leo, "Learn to drive", "So I can visit Dad on my own.", today + timedelta(days=120),
         "active", [step("Provisional licence", True), step("Theory test", True),
                    step("Twenty lessons", False), step("Practical test", False)],
         [item(sarah, "pledge", "Sunday practice in the supermarket car park", 30)],
         [item(sarah, "text", "You did the roundabout perfectly!", 3)]),
        (leo, "Make the school football team", "", today + timedelta(days=10), "active",
         [step("Run three times a week", True), step("Trial day", False)], [], []),
        (sarah, "Run a 10k", "I want to feel strong at fifty.", today + timedelta(days=60),
         "active", [step("5k without stopping", True), step("8k", False), step("Race day", False)],
         [item(leo, "pledge", "I'll run the Saturday long runs with you", 20)],
         [item(leo, "text", "Mum you were flying today", 1)]),
        (sarah, "Bake sourdough", "Grandma's recipe, finally.", None, "achieved",
         [step("Make a starter", True), step("First loaf", True)],
         [item(leo, "pledge", "I'll feed the starter when you're away", 90)],
         [item(leo, "text", "Best bread ever", 40)]),
    ]
    for owner, title, why, target, status, steps, supports, cheers in goals:
        b.add(
            schema.GOALS,
            {
                "owner": owner, "title": title, "why": why,
                "target_date": target.isoformat() if target else None, "status": status,
                "achieved_at": (today - timedelta(days=40)).isoformat()
                if status == "achieved" else None,
                "steps": steps, "supports": supports, "cheers": cheers,
            },
        )


def synthetic_family(
    today: date, years: int, rituals: int = 20, moments_per_year: int = 200, seed: int = 1
) -> dict[str, Any]:
    """The benchmark's family: `rituals` (70% daily, the rest weekly) kept for `years`."""
    start = today - timedelta(days=365 * years)
    b = _Builder(seed, start)
    mum = b.add(schema.MEMBERS, {"name": "Mum", "role": "mother", "colour": "coral"})["id"]
    son = b.add(schema.MEMBERS, {"name": "Son", "role": "son", "colour": "teal"})["id"]
    for n in range(rituals):
        rule = "FREQ=DAILY" if n < rituals * 0.7 else "FREQ=WEEKLY;BYDAY=MO,TH"
        b.ritual(_RitualPlan(f"Ritual {n:02d}", rule, 0.97), start, [mum, son], today)
    for n in range(moments_per_year * years):
        day = start + timedelta(days=n * 365 // moments_per_year)
        b.add(
            schema.MOMENTS,
            {
                "idea_key": None, "title": f"Moment {n}", "date": day.isoformat(),
                "planned": False, "members": [mum, son], "note": "Ein schöner Tag. " * 12,
                "mood": 4, "by": mum,
            },
            day,
        )
    return b.tables
