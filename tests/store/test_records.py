"""Members, goals, moments, idea state, references and undo through the Store API."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from store.clock import FixedClock
from store.errors import Ambiguous, NotFound, RejectedInput
from store.repository import Store


def test_set_up_adds_members_in_order(store: Store) -> None:
    members = store.set_up([("Mum", "mother"), ("Leo", "son")])
    assert [(m.name, m.role) for m in members] == [("Mum", "mother"), ("Leo", "son")]
    assert store.is_set_up


def test_set_up_is_not_undone_but_a_member_added_later_is(store: Store) -> None:
    store.set_up([("Mum", "mother"), ("Leo", "son")])
    assert not store.can_undo and store.undo() is None
    assert store.is_set_up and len(store.list_members()) == 2
    store.add_member("Gran", "other")
    assert store.undo() is not None
    assert [m.name for m in store.list_members()] == ["Mum", "Leo"]


def test_member_names_are_unique_regardless_of_case(family: Store) -> None:
    with pytest.raises(RejectedInput, match="already a member called"):
        family.add_member("mum")
    assert len(family.list_members()) == 2


def test_set_up_refuses_all_when_one_name_is_bad(store: Store) -> None:
    with pytest.raises(RejectedInput):
        store.set_up([("Mum", "mother"), ("Le\no", "son")])
    assert store.list_members() == ()


def test_unknown_role_is_refused(store: Store) -> None:
    with pytest.raises(RejectedInput, match="role must be one of"):
        store.add_member("Gran", "grandmother")


@pytest.mark.parametrize("ref", ["Mum", "mum", "Mu"])
def test_member_found_by_name_or_prefix(family: Store, ref: str) -> None:
    assert family.member(ref).name == "Mum"


def test_reference_errors_are_clear(family: Store) -> None:
    family.add_member("Leona")
    with pytest.raises(NotFound, match="No member matches 'Zed'"):
        family.member("Zed")
    with pytest.raises(Ambiguous, match="more than one member"):
        family.member("Le")
    assert family.member("Leo").name == "Leo"  # an exact name beats a prefix


def test_goal_support_cheer_steps_and_achieve(family: Store) -> None:
    goal = family.add_goal("Learn to drive", "Leo", why="Freedom", target_date=date(2027, 3, 1))
    with pytest.raises(RejectedInput, match="a pledge of support comes from someone else"):
        family.support_goal(goal.id, "Leo", "I'll cheer myself")
    family.support_goal("Learn", "Mum", "Sunday lessons in the car park")
    family.cheer_goal("Learn", "Mum", "You've got this")
    family.add_step("Learn", "Theory test")
    family.add_step("Learn", "Ten lessons")
    assert family.set_step_done("Learn", 1).progress == 0.5
    with pytest.raises(RejectedInput, match="there is no step 3"):
        family.set_step_done("Learn", 3)
    done = family.achieve_goal("Learn")
    assert done.status == "achieved" and done.achieved_at == date(2026, 11, 22)
    assert done.progress == 1.0
    mum = family.member("Mum").id
    assert [s.by for s in done.supports] == [mum]
    assert [c.text for c in done.cheers] == ["You've got this"]


def test_moments_are_newest_first_and_validated(family: Store) -> None:
    family.add_moment("Pancakes", date(2026, 11, 1), "Mum", note="Flipped one onto the floor")
    family.add_moment("Hike", date(2026, 11, 15), "Leo", mood=5)
    assert [m.title for m in family.list_moments()] == ["Hike", "Pancakes"]
    with pytest.raises(RejectedInput, match="mood"):
        family.add_moment("Film", date(2026, 11, 2), "Leo", mood=6)


def test_favourites_are_per_member(family: Store) -> None:
    assert family.toggle_favourite("bake-bread", "Mum") is True
    assert family.toggle_favourite("bake-bread", "Leo") is True
    assert family.toggle_favourite("bake-bread", "Mum") is False
    state = family.idea_states()["bake-bread"]
    assert state.favourite_by == (family.member("Leo").id,)


def test_custom_idea_round_trip(family: Store) -> None:
    idea = family.add_idea("Fix the bike together", "learning", leads="son")
    assert idea.custom and idea.leads == "son"
    assert family.custom_ideas() == (idea,)


def test_undo_takes_back_an_edit_a_creation_and_a_deletion(family: Store) -> None:
    goal = family.add_goal("Read 12 books", "Mum")
    family.edit_goal(goal.id, title="Read 20 books")
    assert family.undo() == "edited Read 12 books"
    assert family.goal(goal.id).title == "Read 12 books"
    family.delete_goal(goal.id)
    assert family.list_goals() == ()
    assert family.undo() == "deleted the goal Read 12 books"
    assert family.list_goals()[0].id == goal.id
    assert family.undo() == "added the goal Read 12 books"
    assert family.list_goals() == ()


def test_undo_with_nothing_to_undo(store: Store) -> None:
    assert store.undo() is None


def test_figures_stay_exact_when_a_cached_ritual_is_edited_or_viewed_in_the_past(
    family: Store,
) -> None:
    walk = family.add_ritual("Walk", "FREQ=DAILY", date(2026, 11, 1))
    leo = family.member("Leo").id
    for day in range(1, 22):
        if day != 10:
            family.tick(walk.id, date(2026, 11, day), leo)
    assert family.ritual_stats(walk).overall.current_streak == 11
    # Weekly on Saturday from the same start: every Saturday was kept.
    weekly = family.edit_ritual(walk.id, rule="FREQ=WEEKLY;BYDAY=SA")
    assert family.ritual_stats(weekly).overall.satisfied == 3
    # Asking about an earlier day ignores the later cache.
    daily = family.edit_ritual(walk.id, rule="FREQ=DAILY")
    assert family.ritual_stats(daily, today=date(2026, 11, 9)).overall.current_streak == 9


def test_figures_are_recomputed_only_for_the_ritual_that_changed(
    family: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    leo, mum = family.member("Leo").id, family.member("Mum").id
    walk = family.add_ritual("Walk", "FREQ=DAILY", date(2026, 11, 1))
    call = family.add_ritual("Call", "FREQ=WEEKLY;BYDAY=SU", date(2026, 10, 1), needs="all")
    for day in range(1, 21):
        family.tick(walk.id, date(2026, 11, day), leo)
    computed: list[str] = []
    compute = Store._compute_stats

    def counted(ritual, doc, as_of):  # type: ignore[no-untyped-def]
        computed.append(ritual.title)
        return compute(ritual, doc, as_of)

    monkeypatch.setattr(Store, "_compute_stats", staticmethod(counted))
    first = family.agenda()
    assert computed == ["Call"]  # the walk's figures came with its last tick
    assert family.agenda() == first and computed == ["Call"]  # nothing changed: kept
    family.tick(call.id, date(2026, 11, 22), mum)
    after = family.agenda()
    assert computed == ["Call", "Call"]  # by the tick, for the file; the agenda reused them
    assert after != first
    assert family.ritual_stats(walk, date(2026, 11, 21)) != family.ritual_stats(walk)
    assert computed[2:] == ["Walk", "Walk"]  # another day, then today again
    family.undo()
    assert family.agenda() == first
    # The figures kept are the figures a fresh store computes from the same file.
    fresh = Store.in_memory(family.clock)
    fresh.storage.write(family.raw_data())
    assert fresh.agenda() == family.agenda()


def test_ticks_since_a_day_skip_the_older_history(family: Store) -> None:
    walk = family.add_ritual("Walk", "FREQ=DAILY", date(2026, 11, 1))
    leo, mum = family.member("Leo").id, family.member("Mum").id
    for day in (2, 9, 20):
        family.tick(walk.id, date(2026, 11, day), leo)
    family.tick(walk.id, date(2026, 11, 9), mum, note="rain")
    recent = family.ticks(walk.id, since=date(2026, 11, 9))
    assert sorted((t.date.day, t.by, t.note) for t in recent) == sorted(
        [(9, leo, ""), (9, mum, "rain"), (20, leo, "")]
    )
    assert len(family.ticks(walk.id)) == 4


def test_planned_moments_in_a_range(family: Store) -> None:
    family.add_moment("Cinema", date(2026, 11, 25), "Leo", planned=True)
    family.add_moment("Zoo", date(2026, 12, 5), "Leo", planned=True)
    family.add_moment("Pancakes", date(2026, 11, 23), "Mum")
    planned = family.planned_moments(date(2026, 11, 22), date(2026, 11, 29))
    assert [m.title for m in planned] == ["Cinema"]


def test_a_custom_idea_can_work_from_two_homes(family: Store) -> None:
    idea = family.add_idea("Same film, two sofas", "movies-and-shows", distance=True)
    assert family.custom_ideas()[0].distance is True and idea.distance is True


def test_daily_strength_matches_loop_habit_trackers_published_score(family: Store) -> None:
    """Loop's example: 20 daily ticks ending today give a score of 0.655747."""
    walk = family.add_ritual("Walk", "FREQ=DAILY", date(2026, 11, 3))
    leo = family.member("Leo").id
    for day in range(3, 23):
        family.tick(walk.id, date(2026, 11, day), leo)
    figures = family.ritual_stats(walk).overall
    assert figures.strength == pytest.approx(0.655747, abs=1e-6)
    assert (figures.current_streak, figures.due_now) == (20, False)


def test_a_file_replaced_under_an_open_store_keeps_both_changes(
    clock: FixedClock, tmp_path: Path
) -> None:
    """A sync tool renames the other home's version over ours; then we write."""
    path = tmp_path / "shared.json"
    ours = Store.open(path, clock)
    ours.set_up([("Mum", "mother"), ("Leo", "son")])
    walk = ours.add_ritual("Walk", "FREQ=DAILY", date(2026, 11, 1))
    theirs_path = tmp_path / "incoming.json"
    theirs_path.write_bytes(path.read_bytes())
    theirs = Store.open(theirs_path, clock)
    theirs.tick(walk.id, date(2026, 11, 20), theirs.member("Leo").id)
    theirs.close()
    os.replace(theirs_path, path)  # what Syncthing and Dropbox do
    ours.tick(walk.id, date(2026, 11, 21), ours.member("Mum").id)
    ours.close()
    again = Store.open(path, clock)
    assert sorted(t.date.day for t in again.ticks(walk.id)) == [20, 21]
    again.close()
