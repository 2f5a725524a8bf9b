"""The query language: words, field filters, exclusions; mistakes as values, never raised."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.brief.dates import PartialDate
from briefing.commands.library import query_text
from briefing.search.matching import Query
from briefing.search.query import FIELDS, Filter, QueryError, parse


def only_filter(text: str) -> Filter:
    parsed = parse(text)
    assert parsed.errors == () and len(parsed.filters) == 1, parsed
    return parsed.filters[0]


def test_words_and_phrases_are_the_search_words() -> None:
    parsed = parse('Valparaíso "russian military" tag:sahel lang')
    assert parsed.words == Query(("valparaiso", "lang"), ("russian military",), "")
    assert [f.field for f in parsed.filters] == ["tag"]


@pytest.mark.parametrize(
    ("text", "field", "words", "negated"),
    [
        ("tag:sahel", "tag", ("sahel",), False),
        ("TAG:Sahél", "tag", ("sahel",), False),
        ('tag:"United States"', "tag", ("united states",), False),
        ("-tag:draft", "tag", ("draft",), True),
        ("actor:langley", "actor", ("langley",), False),
        ('actor:"Michael Lang', "actor", ("michael", "lang"), False),
        ('outlet:"Associated Press"', "outlet", ("associated", "press"), False),
        ("entity:michael-e-langley", "entity", ("michael-e-langley",), False),
        ("-is:new", "is", (), True),
    ],
)
def test_field_filters(text: str, field: str, words: tuple[str, ...], negated: bool) -> None:
    found = only_filter(text)
    assert (found.field, found.words, found.negated) == (field, words, negated)
    assert (found.start, found.end) == (0, len(text))


def test_dates_and_prefixes() -> None:
    assert only_filter("after:2024-03").date == PartialDate(2024, 3)
    assert only_filter("before:2024-06-30").date == dt.date(2024, 6, 30)
    assert only_filter("after:2024").date == PartialDate(2024)
    tag = only_filter("tag:sah*")
    assert (tag.words, tag.prefix) == (("sah",), True)


def test_exclusions_of_words() -> None:
    parsed = parse('junta -russia -"air defense" -')
    assert parsed.words == Query(("junta",))
    assert parsed.excluded == (Query(("russia",)), Query((), ("air defense",)))


@pytest.mark.parametrize(
    ("text", "message", "span"),
    [
        ("foo:bar", "unknown filter 'foo:'", (0, 7)),
        ("x after:2024-13", "'2024-13' is not a date", (2, 15)),
        ("before:yesterday", "'yesterday' is not a date", (0, 16)),
        ("after:2024-02-30", "'2024-02-30' is not a date", (0, 16)),
        ("is:old", "'is:old' is not known (use is:new)", (0, 6)),
        ("tag:", "'tag:' needs a value", (0, 4)),
        ('tag:""', "'tag:' needs a value", (0, 6)),
        ("actor:--", "'actor:--' has no word to look for", (0, 8)),
        ("https://example.org", "to search for text with a colon, put it in quotes", (0, 19)),
    ],
)
def test_mistakes_are_values_with_their_place(
    text: str, message: str, span: tuple[int, int]
) -> None:
    parsed = parse(text)
    assert len(parsed.errors) == 1, parsed
    (error,) = parsed.errors
    assert message in error.message
    assert (error.start, error.end) == span
    assert error.format().endswith(f"(at column {span[0] + 1})")


def test_the_rest_of_a_query_with_a_mistake_still_applies() -> None:
    parsed = parse("junta foo:bar tag:sahel")
    assert parsed.words == Query(("junta",))
    assert [f.field for f in parsed.filters] == ["tag"]
    assert [e.start for e in parsed.errors] == [6]


def test_a_colon_after_digits_or_in_quotes_is_text() -> None:
    assert parse("12:30").filters == () and parse("12:30").errors == ()
    assert parse('"a:b"').words == Query((), ("a:b",))


pieces = st.one_of(
    st.sampled_from([*FIELDS, "foo", "TAG", ""]).map(lambda f: f + ":"),
    st.sampled_from(["-", '"', " ", "*", "2024", "2024-13", "-03", "sahel", "ł", "\x00", "\t"]),
    st.text(max_size=6),
)


@given(st.lists(pieces, max_size=12).map("".join))
def test_parse_never_raises_and_every_mistake_is_placed(text: str) -> None:
    parsed = parse(text)
    assert parsed.text == text
    for error in parsed.errors:
        assert isinstance(error, QueryError)
        assert 0 <= error.start < error.end <= len(text)
    for item in parsed.filters:
        assert item.field in FIELDS
        assert text[item.start : item.end].lstrip("-").lower().startswith(item.field)


def test_shell_words_are_quoted_back() -> None:
    # The shell took the quotes off: outlet:"Associated Press" arrives as one argument.
    assert query_text(["outlet:Associated Press", "-tag:draft", "air defense", "-two words"]) == (
        'outlet:"Associated Press" -tag:draft "air defense" -"two words"'
    )
    assert parse(query_text(["outlet:Associated Press"])).filters[0].words == (
        "associated",
        "press",
    )
