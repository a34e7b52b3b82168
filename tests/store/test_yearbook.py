"""The year book: figures checked against independent computations, and both renderings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]

from store.clock import FixedClock
from store.demo import demo_family
from store.models import Ritual, Tick
from store.repository import Store
from store.yearbook import YearBook, book_title, build_yearbook
from store.yearbook_render import render_html, render_markdown, yearbook_blocks

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo() -> Store:
    store = Store.in_memory(FixedClock(TODAY))
    store.storage.write(demo_family(TODAY))
    return store


def _book(store: Store, year: int, today: date = TODAY) -> YearBook:
    rituals = store.list_rituals(include_archived=True)
    return build_yearbook(
        year, today, store.list_members(), rituals, {r.id: store.ticks(r.id) for r in rituals},
        store.list_moments(), store.list_goals(), store.member_names(),
    )


def _brute_force(ritual: Ritual, ticks: tuple[Tick, ...], year: int) -> tuple[list[int], int]:
    """Kept windows per month and the best streak, straight from dateutil (the year is over)."""
    rule = rrulestr(ritual.rule, dtstart=datetime.combine(ritual.start, datetime.min.time()))
    dates = [d.date() for d in rule.between(datetime(year, 1, 1), datetime(year + 2, 1, 1), True)]
    done = {t.date for t in ticks if t.kind == "done"}
    skipped = {t.date for t in ticks if t.kind == "skip"}
    kept, best, run = [0] * 12, 0, 0
    for begin, end in zip(dates, dates[1:], strict=False):
        if begin.year != year:
            break
        days = {begin + timedelta(days=n) for n in range((end - begin).days)}
        if days & done:
            kept[begin.month - 1] += 1
            run += 1
            best = max(best, run)
        elif not days & skipped:
            run = 0
    return kept, best


def test_title_names_the_family_and_the_year() -> None:
    assert book_title(["Sarah", "Leo"], 2026) == "Sarah & Leo — 2026"
    assert book_title(["Ann", "Bob", "Cy"], 2025) == "Ann, Bob & Cy — 2025"
    assert book_title([], 2025) == "Tandem — 2025"


def test_demo_2025_sections_are_all_there(demo: Store) -> None:
    text = render_markdown(yearbook_blocks(_book(demo, 2025)))
    assert text.startswith("# Sarah & Leo — 2025\n")
    for heading in ("## Rituals kept", "### Month by month", "## Moments", "### January"):
        assert f"\n{heading}\n" in text
    assert "| Ritual | Jan | Feb |" in text


def test_demo_2026_has_goals_and_cheers_and_stops_at_today(demo: Store) -> None:
    book = _book(demo, 2026)
    assert book.as_of == TODAY
    text = render_markdown(yearbook_blocks(book))
    assert "up to 22 November." in text
    assert [g.title for g in book.goals] == ["Bake sourdough"]
    assert book.goals[0].supporters == (("Leo", "I'll feed the starter when you're away"),)
    assert "\n## Goals reached\n" in text and "\n## Cheers\n" in text
    expected = sorted(
        (c.at.date(), c.text) for g in demo.list_goals() for c in g.cheers if c.at.year == 2026
    )
    assert sorted((c.date, c.text) for c in book.cheers) == expected
    assert all(sum(r.possible[11:]) == 0 for r in book.rituals)  # December has not come


def test_moments_counted_from_the_store(demo: Store) -> None:
    book = _book(demo, 2025)
    expected = [m for m in demo.list_moments() if m.date.year == 2025 and not m.planned]
    assert book.moment_count == len(expected) > 0
    for month, entries in book.moments:
        assert all(m.date.month == month for m in entries)
        assert [m.date for m in entries] == sorted(m.date for m in entries)
    text = render_markdown(yearbook_blocks(book))
    assert all(m.title in text for m in expected)


def test_the_planned_moment_is_not_a_memory(demo: Store) -> None:
    planned = next(m for m in demo.list_moments() if m.planned)
    book = _book(demo, planned.date.year, today=planned.date + timedelta(days=10))
    assert planned.title not in [m.title for _, ms in book.moments for m in ms]


def test_daily_ritual_matches_the_streak_figures(demo: Store) -> None:
    chat = next(r for r in demo.list_rituals() if r.title == "Goodnight chat")
    year = next(r for r in _book(demo, 2025).rituals if r.title == "Goodnight chat")
    end = demo.ritual_stats(chat, date(2025, 12, 31))
    begin = demo.ritual_stats(chat, date(2024, 12, 31))
    assert year.kept_total == end.overall.satisfied - begin.overall.satisfied
    assert year.possible_total == year.kept_total + end.overall.missed - begin.overall.missed
    assert year.best_streak <= end.overall.longest_streak


@pytest.mark.parametrize("year", [2025])
def test_every_ritual_matches_a_brute_force_count(demo: Store, year: int) -> None:
    book = {r.title: r for r in _book(demo, year).rituals}
    rituals = demo.list_rituals()
    assert set(book) == {r.title for r in rituals}
    for ritual in rituals:
        if ritual.needs == "all":
            continue  # the brute force only knows "anyone ticks"
        kept, best = _brute_force(ritual, demo.ticks(ritual.id), year)
        assert list(book[ritual.title].kept) == kept, ritual.title
        assert book[ritual.title].best_streak == best, ritual.title


def test_sunday_dinner_possible_is_sundays_minus_skips(demo: Store) -> None:
    dinner = next(r for r in demo.list_rituals() if r.title == "Sunday dinner")
    figures = next(r for r in _book(demo, 2025).rituals if r.title == "Sunday dinner")
    sundays = [date(2025, 1, 5) + timedelta(weeks=n) for n in range(52)]
    skipped = {t.date for t in demo.ticks(dinner.id) if t.kind == "skip"}
    done = {t.date for t in demo.ticks(dinner.id) if t.kind == "done"}
    for month in range(1, 13):
        possible = 0
        for sunday in (s for s in sundays if s.month == month):
            week = {sunday + timedelta(days=n) for n in range(7)}
            possible += 1 if week & done or not week & skipped else 0
        assert figures.possible[month - 1] == possible, month


def test_needs_all_counts_only_weeks_both_kept(family: Store) -> None:
    photo = family.add_ritual("Photo", "FREQ=WEEKLY;BYDAY=WE", date(2026, 1, 7), needs="all")
    family.tick(photo.id, date(2026, 1, 7), "Mum")
    family.tick(photo.id, date(2026, 1, 9), "Leo")  # same window: kept
    family.tick(photo.id, date(2026, 1, 14), "Mum")  # Leo never: not kept
    book = _book(family, 2026)
    [figures] = book.rituals
    assert figures.kept[0] == 1 and figures.possible[0] == 4
    assert figures.best_streak == 1


def test_a_year_with_nothing_says_so_kindly(demo: Store) -> None:
    book = _book(demo, 2019)
    assert book.empty
    text = render_markdown(yearbook_blocks(book))
    assert text.startswith("# Sarah & Leo — 2019\n")
    assert "Nothing was written down in 2019" in text
    assert "\n## " not in text
    future = render_markdown(yearbook_blocks(_book(demo, 2031)))
    assert "2031 has not happened yet" in future


def test_markdown_and_html_escape_the_familys_text(family: Store) -> None:
    family.add_moment("<b>Tea</b> & *cake* | 1", date(2026, 3, 1), "Leo",
                      note="# not a heading\n- not a list & &amp; <script>")
    blocks = yearbook_blocks(_book(family, 2026))
    page = render_html(blocks)
    assert "<b>Tea</b>" not in page and "&lt;b&gt;Tea&lt;/b&gt; &amp; *cake*" in page
    assert "&lt;script&gt;" in page and "<br>" in page
    assert page.startswith("<!DOCTYPE html>") and "<title>Mum &amp; Leo — 2026</title>" in page
    text = render_markdown(blocks)
    assert r"\<b\>Tea\</b\> & \*cake\* \| 1" in text
    assert "). # not a heading  \n  \\- not a list & \\&amp; \\<script\\>\n" in text
