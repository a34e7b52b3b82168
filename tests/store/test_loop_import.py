"""Reading a Loop Habit Tracker CSV export and importing it as rituals and ticks."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from store.loop_import import (
    LoopHabit,
    find_loop_export,
    plan_import,
    read_loop_export,
    ritual_id,
    rule_for,
)
from store.repository import Store

DATA = Path(__file__).parent.parent / "data" / "loop_export"
TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
RIVER = 'Долго гуляли у реки, 🌙 "лучшая" прогулка'


def _habits(path: Path = DATA) -> list[LoopHabit]:
    read = find_loop_export(path)
    assert read is not None
    return read_loop_export(read)


def _import(store: Store, path: Path = DATA, who: str = "Mum") -> object:
    member = store.member(who)
    existing = {r.id: r.id for r in store.list_rituals(include_archived=True)}
    existing |= {r.title.casefold(): r.id for r in store.list_rituals(include_archived=True)}
    plan = plan_import(_habits(path), member.id, member.name, existing, TODAY, NOW)
    return store.import_export(plan.exported)


@pytest.mark.parametrize(
    ("numerator", "denominator", "rule"),
    [
        (1, 1, "FREQ=DAILY"),
        (1, 7, "FREQ=WEEKLY;BYDAY=MO"),
        (1, 30, "FREQ=MONTHLY;BYMONTHDAY=1"),
        (1, 31, "FREQ=MONTHLY;BYMONTHDAY=1"),
        (1, 3, "FREQ=DAILY;INTERVAL=3"),
        (3, 7, "FREQ=DAILY;INTERVAL=2"),
        (2, 7, "FREQ=DAILY;INTERVAL=3"),
        (5, 7, "FREQ=DAILY"),
        (4, 30, "FREQ=DAILY;INTERVAL=7"),
    ],
)
def test_frequency_to_rule(numerator: int, denominator: int, rule: str) -> None:
    assert rule_for(numerator, denominator) == rule


def test_reads_the_hand_made_export() -> None:
    habits = {h.name: h for h in _habits()}
    assert list(habits) == ["Walk together", "Call Grandma", "Read aloud", "Water"]
    walk, grandma, read, water = habits.values()
    assert (walk.numerator, walk.denominator, walk.question) == (1, 1, "Did we walk after dinner?")
    assert grandma.description == "Sundays, usually" and (grandma.denominator == 7)
    assert read.archived and not walk.archived
    assert water.numerical and not walk.numerical
    # Walk together has its own folder: its notes come from there.
    assert walk.days[date(2026, 11, 22)] == ("done", RIVER)
    assert walk.days[date(2026, 11, 17)] == ("done", "Two laps,\nthen cocoa")
    assert walk.days[date(2026, 11, 19)] == ("skip", "Leo at a sleepover")
    assert date(2026, 11, 21) not in walk.days  # NO
    # Call Grandma falls back to the combined file: YES_AUTO days are not ticks.
    assert grandma.days == {date(2026, 11, 16): ("done", "")}
    assert sorted(read.days) == [date(2026, 11, 17), date(2026, 11, 19), date(2026, 11, 21)]


def test_import_makes_rituals_and_ticks_for_the_member(family: Store) -> None:
    _import(family)
    rituals = {r.title: r for r in family.list_rituals(include_archived=True)}
    assert set(rituals) == {"Walk together", "Call Grandma", "Read aloud"}
    mum = family.member("Mum").id
    walk = rituals["Walk together"]
    assert (walk.rule, walk.start, walk.members, walk.needs) == (
        "FREQ=DAILY", date(2026, 11, 14), (mum,), "any"
    )
    assert walk.note == "Did we walk after dinner?"
    ticks = family.ticks(walk.id)
    assert [(t.date.day, t.kind) for t in ticks] == [
        (14, "done"), (16, "done"), (17, "done"), (18, "done"), (19, "skip"), (20, "done"),
        (22, "done"),
    ]  # the 23rd is after today and left out
    assert {t.by for t in ticks} == {mum}
    assert ticks[-1].note == RIVER
    grandma = rituals["Call Grandma"]
    assert (grandma.rule, grandma.start) == ("FREQ=WEEKLY;BYDAY=MO", date(2026, 11, 16))
    assert grandma.note == "Did you call Grandma?\nSundays, usually"
    read = rituals["Read aloud"]
    assert (read.rule, read.start, read.archived) == ("FREQ=DAILY;INTERVAL=2", date(2026, 11, 17),
                                                      True)
    stats = family.ritual_stats(walk).overall
    assert (stats.satisfied, stats.missed, stats.skipped, stats.longest_streak) == (6, 2, 1, 4)


def test_importing_again_adds_nothing(family: Store) -> None:
    first = _import(family)
    assert first.lines  # type: ignore[attr-defined]
    again = _import(family)
    assert again.lines == ()  # type: ignore[attr-defined]
    assert len(family.list_rituals(include_archived=True)) == 3


def test_a_habit_named_like_a_ritual_adds_its_ticks_there(family: Store) -> None:
    mine = family.add_ritual("walk together", "FREQ=WEEKLY;BYDAY=SA", date(2026, 1, 3))
    _import(family)
    walks = [r for r in family.list_rituals() if r.title.casefold() == "walk together"]
    assert walks == [mine]  # kept as it was, rule and all
    assert len(family.ticks(mine.id)) == 7


def test_ritual_ids_are_stable_and_uuid_shaped() -> None:
    one = ritual_id("member-1", "Walk together")
    assert one == ritual_id("member-1", "  walk TOGETHER ")
    assert one != ritual_id("member-2", "Walk together")
    assert len(one) == 36 and one[14] == "4"


def test_a_zip_with_a_top_folder_is_read_too(tmp_path: Path) -> None:
    archive = tmp_path / "Loop Habits CSV 2026-11-22.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in DATA.rglob("*.csv"):
            zipped.write(file, "export/" + file.relative_to(DATA).as_posix())
    assert _habits(archive) == _habits(DATA)
    assert _habits(DATA / "Habits.csv") == _habits(DATA)


def test_old_loop_versions_with_numbers_and_no_type(tmp_path: Path) -> None:
    (tmp_path / "Habits.csv").write_text(
        "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
        "001,Meditate,Did you meditate?,,1,1,#FF8F00\n"
        "002,Wake up early,,,2,3,#00897B\n"
    )
    (tmp_path / "Checkmarks.csv").write_text(
        "Date,Meditate,Wake up early,\n"
        "2015-01-25,-1,2,\n2015-01-24,3,0,\n2015-01-23,2,1,\n"
    )
    meditate, wake = _habits(tmp_path)
    assert meditate.days == {date(2015, 1, 24): ("skip", ""), date(2015, 1, 23): ("done", "")}
    assert wake.days == {date(2015, 1, 25): ("done", "")}
    assert rule_for(wake.numerator, wake.denominator) == "FREQ=DAILY"


@pytest.mark.parametrize(
    ("file", "text", "problem"),
    [
        ("Checkmarks.csv", "Date,Walk together,\n2026-11-22,MAYBE,\n",
         "Checkmarks.csv line 2: 'MAYBE' is not a Loop check-mark value"),
        ("Checkmarks.csv", "Date,Walk together,\n22/11/2026,2,\n",
         "Checkmarks.csv line 2: '22/11/2026' is not a date (YYYY-MM-DD)"),
        ("Habits.csv", "Position,Name\n001,Walk\n",
         "Habits.csv has no Name, FrequencyNumerator or FrequencyDenominator column"),
        ("Habits.csv", "Position,Name,NumRepetitions,Interval\n001,Walk,one,1\n",
         "Habits.csv line 2: the frequency or position is not a whole number"),
    ],
)
def test_malformed_files_are_named(tmp_path: Path, file: str, text: str, problem: str) -> None:
    shutil.copy(DATA / "Habits.csv", tmp_path / "Habits.csv")
    (tmp_path / file).write_text(text)
    with pytest.raises(ValueError) as raised:
        _habits(tmp_path)
    assert str(raised.value) == problem


def test_things_that_are_not_loop_exports(tmp_path: Path) -> None:
    (tmp_path / "export.json").write_text(json.dumps({"schema_version": 1}))
    (tmp_path / "other.zip").write_bytes(b"")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as zipped:
        zipped.writestr("ticks.csv", "ritual,date\n")
    assert find_loop_export(tmp_path / "export.json") is None
    assert find_loop_export(tmp_path / "other.zip") is None
    assert find_loop_export(tmp_path) is None
    assert find_loop_export(tmp_path / "missing") is None
