"""Dates resolved against the publication date, and the forms dateparser gets wrong or cannot parse."""

from __future__ import annotations

from datetime import date, datetime

import dateparser
import pytest

from graph.model import Precision
from loaders.dates import _SCANNER, _scan, find_dates, relative_to_event, resolve, shift
from tests.conftest import REPO, shared_dir

PUB = date(2025, 5, 20)  # a Tuesday


@pytest.mark.parametrize(
    ("words", "label", "precision"),
    [
        ("on Tuesday", "2025-05-20", Precision.DAY),  # the publication day itself
        ("on Monday evening", "2025-05-19", Precision.DAY),
        ("Sunday", "2025-05-18", Precision.DAY),
        ("last Tuesday", "2025-05-13", Precision.DAY),
        ("today", "2025-05-20", Precision.DAY),
        ("yesterday", "2025-05-19", Precision.DAY),
        ("last night", "2025-05-19/2025-05-20", Precision.RANGE),
        ("overnight", "2025-05-19/2025-05-20", Precision.RANGE),
        ("earlier this week", "2025-05-19", Precision.DAY),  # before the report's Tuesday: Monday
        ("this week", "2025-05-19/2025-05-20", Precision.RANGE),
        ("earlier this month", "2025-05-01/2025-05-19", Precision.RANGE),
        ("14 April 2025", "2025-04-14", Precision.DAY),
        ("April 14", "2025-04-14", Precision.DAY),
        ("September 2023", "2023-09", Precision.MONTH),
        ("in March", "2025-03", Precision.MONTH),
        ("in December", "2024-12", Precision.MONTH),  # no later than publication
        ("the 2020 war", "2020", Precision.YEAR),
        ("the 1990s", "1990/1999", Precision.RANGE),
        ("the early 1990s", "1990/1994", Precision.RANGE),
        ("the late 1980s", "1987/1989", Precision.RANGE),
    ],
)
def test_resolution_against_publication(words: str, label: str, precision: Precision) -> None:
    span = resolve(words, PUB)
    assert (span.label(), span.precision) == (label, precision)
    assert span.raw == words


def test_durations_are_intervals_ending_at_publication() -> None:
    span = resolve("for months", PUB)
    assert span.precision is Precision.RANGE
    assert (span.start, span.end) == (date(2025, 1, 1), PUB)
    since = resolve("since 2022", PUB)
    assert (since.start, since.end, since.precision) == (date(2022, 1, 1), PUB, Precision.RANGE)


def test_an_ordinal_year_or_month_counts_back_from_publication() -> None:
    # "the insurgency, now in its fifth year" began four calendar years before the report
    found = find_dates("The insurgency, now in its fifth year, has emptied the valley.", PUB)
    assert [(m.span.start, m.span.end, m.span.precision) for m in found] == [
        (date(2021, 1, 1), PUB, Precision.RANGE)
    ]
    assert (resolve("in their second month", PUB).start, resolve("in its 11th year", PUB).start) == (
        date(2025, 4, 1),
        date(2015, 1, 1),
    )


@pytest.mark.parametrize("words", ["on Tuesday", "yesterday", "last night", "earlier this week", "April 14"])
def test_without_publication_relative_dates_stay_unknown(words: str) -> None:
    span = resolve(words, None)
    assert span.precision is Precision.UNKNOWN
    assert span.raw == words
    assert span.start is None


def test_absolute_dates_need_no_publication() -> None:
    assert resolve("14 April 2025", None).label() == "2025-04-14"
    assert resolve("the early 1990s", None).label() == "1990/1994"


BASE = datetime(2025, 5, 20)
SETTINGS = {"RELATIVE_BASE": BASE, "PREFER_DATES_FROM": "past"}


@pytest.mark.parametrize(
    "words", ["earlier this week", "the 2020 war", "the early 1990s", "for months", "since 2022", "overnight"]
)
def test_dateparser_cannot_parse_these_forms(words: str) -> None:
    """Why the relative forms are resolved by hand: dateparser returns nothing for them."""
    assert dateparser.parse(words, languages=["en"], settings=SETTINGS) is None  # type: ignore[arg-type]


def test_dateparser_resolves_a_weekday_to_the_week_before() -> None:
    """Published on a Tuesday, 'on Tuesday' is that day; dateparser answers the Tuesday before."""
    parsed = dateparser.parse("on Tuesday", languages=["en"], settings=SETTINGS)  # type: ignore[arg-type]
    assert parsed is not None and parsed.date() == date(2025, 5, 13)
    assert resolve("on Tuesday", PUB).label() == "2025-05-20"


def test_dateparser_handles_absolute_forms() -> None:
    parsed = dateparser.parse("14 April 2025", languages=["en"], settings=SETTINGS)  # type: ignore[arg-type]
    assert parsed is not None and parsed.date() == date(2025, 4, 14)


def test_find_dates_in_a_sentence() -> None:
    text = "The ministry said on Tuesday that shelling overnight had followed the 2020 war."
    found = [(m.text, m.span.label()) for m in find_dates(text, PUB)]
    assert found == [
        ("on Tuesday", "2025-05-20"),
        ("overnight", "2025-05-19/2025-05-20"),
        ("the 2020 war", "2020"),
    ]


def test_modal_may_and_large_numbers_are_not_dates() -> None:
    assert find_dates("The talks may resume, officials said.", PUB) == []
    assert find_dates("The strike killed 2000 people.", PUB) == []


def test_a_day_after_an_event() -> None:
    assert relative_to_event("A day after the attack, troops arrived") == (0, 11, 1)
    assert relative_to_event("two weeks before the vote") == (0, 16, -14)
    event = resolve("on Sunday", PUB)
    assert shift(event, 1, "a day after").label() == "2025-05-19"
    assert shift(resolve("in March", PUB), 1, "a day after").precision is Precision.UNKNOWN


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("since early January", "2025-01/2025-05-20"),  # the start is known to the month only
        ("since mid-October", "2024-10/2025-05-20"),
        ("since February 2021", "2021-02/2025-05-20"),
        ("since April 3", "2025-04-03/2025-05-20"),  # a day number keeps the day
        ("since 2021", "2021/2025-05-20"),
        ("since Sunday", "2025-05-18/2025-05-20"),
    ],
)
def test_range_starts_are_as_precise_as_the_words(words: str, expected: str) -> None:
    from loaders.annotation_out import date_fields

    assert date_fields(resolve(words, PUB))[0] == expected


def test_since_a_relative_period_is_a_range_to_publication() -> None:
    from loaders.annotation_out import date_fields

    found = find_dates("Clashes have continued since last year.", PUB)
    assert [(m.text, date_fields(m.span)[:2]) for m in found] == [
        ("since last year", ("2024/2025-05-20", "range"))
    ]


@pytest.mark.parametrize(
    ("pub", "words", "expected"),
    [
        (date(2025, 5, 20), "over the weekend", "2025-05-17/2025-05-18"),  # a Tuesday report
        (date(2025, 5, 18), "over the weekend", "2025-05-17/2025-05-18"),  # published on the Sunday
        (date(2025, 5, 17), "at the weekend", "2025-05-17/2025-05-17"),  # no later than publication
        (date(2025, 5, 18), "last weekend", "2025-05-10/2025-05-11"),  # the weekend before this one
        (date(2025, 5, 20), "last weekend", "2025-05-17/2025-05-18"),
    ],
)
def test_the_weekend_is_the_latest_saturday_and_sunday(pub: date, words: str, expected: str) -> None:
    span = resolve(words, pub)
    assert span.precision is Precision.RANGE
    assert f"{span.start}/{span.end}" == expected


@pytest.mark.parametrize(
    ("words", "start", "precision"),
    [
        ("since the start of 2024", date(2024, 1, 1), Precision.RANGE),
        ("since the beginning of the year", date(2025, 1, 1), Precision.RANGE),
        ("since the beginning of last year", date(2024, 1, 1), Precision.RANGE),
        ("since the autumn of 2023", date(2023, 1, 1), Precision.RANGE),  # a season: the year is known
        ("in the spring of 2022", date(2022, 1, 1), Precision.YEAR),
        ("the 2016 peace agreement", date(2016, 1, 1), Precision.YEAR),
    ],
)
def test_period_starts_and_named_years(words: str, start: date, precision: Precision) -> None:
    found = find_dates(f"Violence has grown {words}, officials said.", PUB)
    assert [m.text for m in found] == [words]
    span = found[0].span
    assert (span.start, span.precision) == (start, precision)
    if precision is Precision.RANGE:
        assert span.end == PUB


def test_the_next_day_and_the_day_after_count_from_an_event() -> None:
    assert relative_to_event("The army said the next day that it had withdrawn") == (14, 26, 1)
    assert relative_to_event("On the day after the raid, police arrived") == (3, 16, 1)
    assert relative_to_event("the following week") == (0, 18, 7)


@pytest.mark.parametrize(
    ("sentence", "words", "label"),
    [
        ("Two soldiers were killed in an ambush two days ago.", "two days ago", "2025-05-18"),
        ("The strike on the depot came 3 days ago, officials said.", "3 days ago", "2025-05-17"),
        ("The town fell the day before yesterday.", "the day before yesterday", "2025-05-18"),
    ],
)
def test_days_counted_back_from_publication(sentence: str, words: str, label: str) -> None:
    found = find_dates(sentence, PUB)
    assert [(m.text, m.span.label(), m.span.precision) for m in found] == [(words, label, Precision.DAY)]
    assert resolve(words, None).precision is Precision.UNKNOWN  # no publication date: never a guess


@pytest.mark.parametrize(
    ("words", "label", "precision"),
    [
        # The calendar week that many weeks back (publication is Tuesday 2025-05-20).
        ("three weeks ago", "2025-04-28/2025-05-04", Precision.RANGE),
        ("a week ago", "2025-05-12/2025-05-18", Precision.RANGE),
        ("two months ago", "2025-03", Precision.MONTH),
        ("six months ago", "2024-11", Precision.MONTH),
        ("a year ago", "2024", Precision.YEAR),
    ],
)
def test_weeks_months_and_years_ago_are_as_precise_as_their_unit(
    words: str, label: str, precision: Precision
) -> None:
    [found] = find_dates(f"Rebels shelled the depot {words}, the army said.", PUB)
    assert (found.text, found.span.label(), found.span.precision) == (words, label, precision)
    assert resolve(words, None).precision is Precision.UNKNOWN


def test_scan_tries_the_scanner_wherever_a_date_can_start() -> None:
    """_scan runs the date scanner only at a digit or a word that opens one of its patterns; on every
    article of the dev and team corpora it finds what the scanner finds trying every character."""
    texts = [
        path.read_text(encoding="utf-8")
        for corpus in (shared_dir() / "dev-corpus", REPO / "tests" / "corpus")
        if (corpus / "articles").is_dir()
        for path in sorted((corpus / "articles").iterdir())
    ]
    assert texts, "no corpus articles found"
    for text in texts:
        assert [(m.span(), m.lastgroup) for m in _scan(text)] == [
            (m.span(), m.lastgroup) for m in _SCANNER.finditer(text)
        ]
