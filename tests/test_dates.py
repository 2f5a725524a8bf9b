"""Format 1.1: partial dates (a month, a year), an actor's entity, related briefs."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.brief.dates import (
    PartialDate,
    date_key,
    display_date,
    month_label,
    parse_date,
    period,
    precision,
)
from briefing.brief.model import Related
from briefing.brief.schema import DATE_PATTERN, json_schema

if TYPE_CHECKING:
    from conftest import Expect, Loader

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
months = st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12))
years = st.builds(PartialDate, st.integers(1, 9999))
any_date = days | months | years


def test_parse_date_reads_the_three_forms() -> None:
    assert parse_date("2024-03-11") == dt.date(2024, 3, 11)
    assert type(parse_date("2024-03-11")) is dt.date
    month = parse_date("2024-03")
    assert isinstance(month, PartialDate) and month.precision == "month"
    assert (month.year, month.month) == (2024, 3)
    year = parse_date("2024")
    assert isinstance(year, PartialDate) and year.precision == "year"


@pytest.mark.parametrize(
    "text",
    ["2024-13", "2024-00", "0000", "2024-02-30", "2024-3", "24", "2024-03-", "2024 ", "März"],
)
def test_impossible_or_malformed_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


@given(any_date)
def test_a_date_round_trips_through_its_text(date: dt.date) -> None:
    text = date.isoformat()
    assert parse_date(text) == date
    assert str(date) == text
    assert type(parse_date(text)) is type(date)


@given(any_date, any_date)
def test_order_is_the_order_of_the_keys_in_any_mix(a: dt.date, b: dt.date) -> None:
    assert (a < b) == (date_key(a) < date_key(b))
    assert (a <= b) == (date_key(a) <= date_key(b))
    assert (a > b) == (date_key(a) > date_key(b))
    assert (a >= b) == (date_key(a) >= date_key(b))
    assert (a == b) == (date_key(a) == date_key(b) and precision(a) == precision(b))
    if a == b:
        assert hash(a) == hash(b)


@given(st.lists(any_date, max_size=30))
def test_sorting_any_mix_is_total_and_stable(dates: list[dt.date]) -> None:
    ordered = sorted(dates)
    assert [date_key(d) for d in ordered] == sorted(date_key(d) for d in dates)


@given(days)
def test_a_partial_date_sorts_before_the_days_of_its_period(day: dt.date) -> None:
    month = PartialDate(day.year, day.month)
    year = PartialDate(day.year)
    assert year < month < day
    assert year != dt.date(day.year, 1, 1) and month != dt.date(day.year, day.month, 1)
    start, end = period(month)
    assert start <= day <= end
    if day.year < 9999:
        assert year < month < dt.date(day.year + 1, 1, 1)
        assert PartialDate(day.year + 1) > day


def test_periods_and_labels() -> None:
    assert period(PartialDate(2024, 2)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period(PartialDate(2024, 12)) == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert period(PartialDate(2023)) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert display_date(PartialDate(2024, 3)) == "March 2024"
    assert display_date(PartialDate(2024)) == "2024"
    assert display_date(dt.date(2024, 3, 11)) == "2024-03-11"
    assert month_label(dt.date(2024, 3, 11)) == month_label(PartialDate(2024, 3)) == "March 2024"
    assert month_label(PartialDate(2024)) == "2024"
    assert repr(PartialDate(2024, 3)) == "PartialDate('2024-03')"


def test_a_partial_date_survives_copy_and_pickle() -> None:
    month = PartialDate(2024, 3)
    assert copy.deepcopy(month) == month and pickle.loads(pickle.dumps(month)) == month


def test_the_schema_accepts_the_three_forms_and_says_version_1_1() -> None:
    import re

    for text, ok in (("2024", True), ("2024-03", True), ("2024-03-11", True), ("24-3", False)):
        assert bool(re.fullmatch(DATE_PATTERN.strip("^$"), text)) is ok
    assert json_schema()["title"] == "briefing brief, format v1.1"


# -- in briefs --------------------------------------------------------------------------------


def test_format_1_1_brief_loads_whole(load_good: Loader) -> None:
    result = load_good("format-1-1.yaml")
    assert result.problems == []
    brief = result.brief
    assert brief is not None
    assert brief.date == PartialDate(2024, 3)
    assert brief.sources[0].date == PartialDate(2024)
    assert [t.date.isoformat() for t in brief.timeline] == ["2023", "2024-03", "2024-03-11"]
    assert brief.actors[0].entity == "michael-langley"
    assert brief.related == (
        Related("minimal", 22, 5),
        Related("full", 23, 5),
    )
    assert brief.lines["related"] == 22  # where its value starts, as for every key


@pytest.mark.parametrize(
    ("name", "line", "col", "message"),
    [
        ("invalid-partial-date-month13.yaml", 4, 7, "date '2024-13' is not a valid date"),
        ("invalid-partial-date-month00.yaml", 5, 11, "timeline entry date '2024-00' is not a"),
        ("invalid-partial-date-year0.yaml", 6, 11, "source date '0000' is not a valid date"),
    ],
)
def test_impossible_partial_dates_are_errors(
    name: str, line: int, col: int, message: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(result, "invalid-date", line, col, message, "a month as YYYY-MM, a year as YYYY")


def test_entity_follows_the_rules_of_an_id(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("entity-with-space.yaml")
    assert result.brief is None
    expect(result, "invalid-id", 7, 13, "actor entity 'michael langley' contains spaces", "michael")
    result = load_bad("entity-not-text.yaml")
    expect(result, "wrong-type", 7, 13, "actor entity should be text, not a list")


def test_related_is_a_list_of_brief_ids(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("related-id-with-space.yaml")
    assert result.brief is None
    expect(result, "invalid-id", 6, 5, "related item 'mali wagner' contains spaces", "its path")
    result = load_bad("related-not-a-list.yaml")
    expect(result, "wrong-type", 4, 10, "related should be a list, not text")


def test_a_related_brief_listed_twice_is_a_warning(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("related-listed-twice.yaml")
    assert result.brief is not None
    expect(
        result,
        "duplicate-related",
        4,
        36,
        "related brief 'niger-coup' is listed twice (first at line 4, column 11)",
        severity="warning",
    )


def test_every_version_1_brief_stays_valid() -> None:
    """The shipped brief and the good fixtures were written for version 1."""
    from briefing.brief.loader import load_file

    root = Path(__file__).resolve().parent.parent
    good = sorted((root / "tests" / "fixtures" / "good").glob("*.yaml"))
    paths = [p for p in good if p.name != "format-1-1.yaml"]
    paths.append(root / "briefs" / "niger-russia-trainers.yaml")
    for path in paths:
        result = load_file(path)
        assert result.brief is not None, [p.format() for p in result.problems]
        assert not [p for p in result.problems if p.is_error]
