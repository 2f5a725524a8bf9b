"""The index's codec: an exact round trip, and garbage fails only in ways the index catches.

What ``decode_brief`` and ``decode_problems`` raise on malformed data, by cause:

- ``ValueError``: a list of the wrong length unpacked into fields; a date string that is
  not ISO (``date.fromisoformat``); a problem placed before line or column 1.
- ``TypeError``: any value not of its field's type: a number, ``null`` or ``bool`` where
  text, a list or a date is expected, anything but a whole number for a line, anything but
  an object of line numbers for the brief's ``lines``. Every field is checked (``sys.intern``
  and ``str.__str__`` take text only, ``pack`` prose only, ``operator.index`` whole numbers,
  ``list.copy`` lists), so no damaged row ever builds a brief holding another type.
- ``LookupError``: an actor kind, verification status or severity that is not one of its
  few, or a line key that is not one of a brief's top-level keys (``KeyError``).

``Index.lookup_many`` catches these families, plus ``RecursionError`` (a recursion limit on
deep nesting) and ``OverflowError`` (``os.stat`` on an article "path" that is a huge
integer), and parses the file instead; the last test here proves it end to end.
"""

from __future__ import annotations

import copy
import datetime as dt
import marshal
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import sqlite_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.brief import model
from briefing.brief.dates import PartialDate
from briefing.brief.loader import load_file
from briefing.brief.problems import Problem
from briefing.brief.records import LINE_KEYS
from briefing.store.codec import decode_brief, decode_problems, encode_brief, encode_problems
from briefing.store.index import Index
from briefing.store.rows import pack_payload, unpack_payload

REPO = Path(__file__).resolve().parent.parent
REAL = "niger-russia-trainers"
BRIEF_PATH = Path("/library/sub/brief.yaml")

DECODE_ERRORS = (ValueError, TypeError, LookupError)
"""Everything decoding garbage may raise; see the module docstring."""


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def through_store(data: Any) -> Any:
    """What the index does to an encoding: a payload and back (``rows.pack_payload``)."""
    return unpack_payload(pack_payload([[], data, [], ""]))[1]


def round_trip(brief: model.Brief) -> model.Brief:
    return decode_brief(through_store(encode_brief(brief)), brief.id, brief.path)


@pytest.fixture
def real_brief(tmp_path: Path) -> model.Brief:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(REPO / "briefs" / f"{REAL}.yaml", briefs)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    result = load_file(briefs / f"{REAL}.yaml", brief_id=REAL)
    assert result.brief is not None and result.problems == []
    return result.brief


# -- round trips ---------------------------------------------------------------------------


def test_the_real_brief_round_trips_exactly(real_brief: model.Brief) -> None:
    brief = real_brief
    # Every part of the format is exercised, or this test proves less than it says.
    assert brief.date and brief.tags and brief.sources and brief.actors and brief.quotes
    assert brief.open_questions and brief.timeline and brief.discrepancies and brief.lines
    assert all(q.verification.span is not None for q in brief.quotes)

    decoded = round_trip(brief)
    assert decoded == brief
    assert decoded.lines == brief.lines  # not part of ==, so checked on its own
    assert [s.path for s in decoded.sources] == [s.path for s in brief.sources]
    assert all(s.path is not None and s.path.is_file() for s in decoded.sources)


def test_an_unverified_quote_shares_the_one_no_source_verification(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        "title: T\nsummary: S\nactors:\n  - id: a\n    name: A\n"
        "quotes:\n  - speaker: a\n    text: words\n"
    )
    brief = load_file(path).brief
    assert brief is not None
    decoded = round_trip(brief)
    assert decoded == brief
    assert decoded.quotes[0].verification is model.NO_SOURCE


def test_decoded_briefs_share_repeated_ids_names_kinds_tags_dates_and_line_keys(
    real_brief: model.Brief,
) -> None:
    # Two decodes of the same row stand for two briefs naming the same actors and tags: the
    # strings must be one object each, or 10,000 briefs hold 10,000 copies (memory).
    first, second = round_trip(real_brief), round_trip(real_brief)
    assert first.actors[0].id is second.actors[0].id
    assert first.actors[0].name is second.actors[0].name
    assert first.actors[0].kind is second.actors[0].kind
    assert first.tags[0] is second.tags[0]
    assert first.sources[0].outlet is second.sources[0].outlet
    assert first.date is second.date
    assert first.timeline[0].date is second.timeline[0].date
    assert [k for k in first.lines] == [k for k in second.lines]
    assert all(a is b for a, b in zip(first.lines, second.lines, strict=True))
    # An open question's actor ids: one tuple for every question naming the same actors.
    assert first.open_questions[0].actors is second.open_questions[0].actors
    # Within one brief, a quote's speaker is the very string its actor is known by.
    quote = first.quotes[0]
    actor = first.actor(quote.speaker)
    assert actor is not None and quote.speaker is actor.id
    assert quote.source is first.source(quote.source).id  # type: ignore[union-attr]


def test_lines_decode_whatever_order_a_row_holds_them_in(real_payload: list[Any]) -> None:
    # Rows written before lines became a Lines hold them in the file's order.
    brief = copy.deepcopy(real_payload[1])
    decoded = decode_brief(brief, "x", BRIEF_PATH)
    brief[10] = dict(reversed(list(brief[10].items())))
    assert list(brief[10]) != list(decoded.lines)
    assert decode_brief(brief, "x", BRIEF_PATH).lines == decoded.lines


def test_a_row_with_a_line_key_no_brief_has_is_damaged(real_payload: list[Any]) -> None:
    brief = copy.deepcopy(real_payload[1])
    brief[10]["nonsense"] = 3
    with pytest.raises(KeyError):
        decode_brief(brief, "x", BRIEF_PATH)


def test_a_row_naming_an_unknown_actor_kind_is_damaged(real_payload: list[Any]) -> None:
    brief = copy.deepcopy(real_payload[1])
    brief[5][0][2] = "wizard"
    with pytest.raises(KeyError):
        decode_brief(brief, "x", BRIEF_PATH)


def test_problems_round_trip_and_take_the_path_they_are_shown_under() -> None:
    problems = [
        Problem("old/place.yaml", 3, 7, "error", "bad [bold]thing[/]", "fix $it", "yaml-syntax"),
        Problem("old/place.yaml", 1, 1, "warning", "w", None, "control-chars"),
    ]
    decoded = decode_problems(through_store(encode_problems(problems)), "new/place.yaml")
    assert decoded == [
        Problem("new/place.yaml", 3, 7, "error", "bad [bold]thing[/]", "fix $it", "yaml-syntax"),
        Problem("new/place.yaml", 1, 1, "warning", "w", None, "control-chars"),
    ]
    assert decode_problems([], "x") == []


# -- generated briefs --------------------------------------------------------------------------

# Any text the index can hold: everything but lone surrogates, which a brief decoded
# as strict UTF-8 cannot contain. Control characters included: the codec must not rely on
# the loader having removed them.
text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=20)
lines = st.integers(min_value=1, max_value=10**7)
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
dates = days | st.builds(PartialDate, st.integers(1, 9999), st.integers(0, 12))
optional_dates = st.none() | dates
words = st.lists(text, max_size=3).map(tuple)


@st.composite
def sources(draw: st.DrawFn) -> model.Source:
    file = draw(st.just("") | text | st.just("../seeds/article.txt"))
    return model.Source(
        draw(text),
        draw(text),
        draw(text),
        draw(optional_dates),
        draw(text),
        file,
        BRIEF_PATH.parent / file if file else None,  # the model's rule: file against the folder
        draw(lines),
    )


verifications = st.just(model.NO_SOURCE) | st.builds(
    model.Verification,
    st.sampled_from(["verified", "not_found"]),
    text,
    st.none() | st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)),
)

actors = st.builds(
    model.Actor,
    text,
    text,
    st.sampled_from(model.ACTOR_KINDS),
    text,
    text,
    words,
    text,
    lines,
    text,
)
quotes = st.builds(model.Quote, text, text, text, text, lines, verifications)
questions = st.builds(model.Question, text, text, words, lines)
timeline = st.builds(model.TimelineEntry, dates, text, text, lines)
discrepancies = st.builds(
    model.Discrepancy,
    text,
    st.lists(st.builds(model.Account, text, text, lines), max_size=3).map(tuple),
    lines,
)


def tuples(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(strategy, max_size=3).map(tuple)


briefs = st.builds(
    model.Brief,
    id=text,
    path=st.just(BRIEF_PATH),
    title=text,
    summary=text,
    date=optional_dates,
    tags=words,
    sources=tuples(sources()),
    actors=tuples(actors),
    quotes=tuples(quotes),
    open_questions=tuples(questions),
    timeline=tuples(timeline),
    discrepancies=tuples(discrepancies),
    lines=st.dictionaries(st.sampled_from(LINE_KEYS), lines, max_size=4),
    related=tuples(st.builds(model.Related, text, lines, lines)),
)


@settings(max_examples=300, deadline=None)
@given(briefs)
def test_any_brief_round_trips_exactly(brief: model.Brief) -> None:
    decoded = round_trip(brief)
    assert decoded == brief
    assert decoded.lines == brief.lines
    assert [s.path for s in decoded.sources] == [s.path for s in brief.sources]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            Problem,
            text,
            lines,
            lines,
            st.sampled_from(["error", "warning"]),
            text,
            st.none() | text,
            text,
        ),
        max_size=4,
    ),
    text,
)
def test_any_problems_round_trip(problems: list[Problem], display: str) -> None:
    decoded = decode_problems(through_store(encode_problems(problems)), display)
    assert decoded == [
        Problem(display, p.line, p.col, p.severity, p.message, p.hint, p.code) for p in problems
    ]


# -- garbage --------------------------------------------------------------------------------

_hashable = st.none() | st.booleans() | st.integers() | text | st.binary(max_size=8)
stored_values = st.recursive(
    _hashable
    | st.floats(allow_nan=False)
    | st.complex_numbers(allow_nan=False)
    | st.just(...)
    | st.frozensets(_hashable, max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(_hashable, inner, max_size=3)
    ),
    max_leaves=8,
)
"""Anything ``marshal`` can store but code: what a damaged or foreign row could hold."""


def places(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every position in a nested payload, as the keys that lead to it."""
    found = [at]
    if isinstance(data, list):
        for i, item in enumerate(data):
            found.extend(places(item, (*at, i)))
    elif isinstance(data, dict):
        for key, item in data.items():
            found.extend(places(item, (*at, key)))
    return found


def replaced(data: Any, at: tuple[Any, ...], value: Any) -> Any:
    if not at:
        return value
    data = copy.deepcopy(data)
    parent = data
    for key in at[:-1]:
        parent = parent[key]
    parent[at[-1]] = value
    return data


DATES = (dt.date, PartialDate)
"""A day, or a month or a year (format 1.1)."""


def _text(*values: object) -> bool:
    return all(type(value) is str for value in values)


def _lines(*values: object) -> bool:
    return all(type(value) is int for value in values)


def assert_well_typed(brief: model.Brief) -> None:
    """Every value of a decoded brief is of its field's type (what the UI relies on)."""
    assert _text(brief.id, brief.title, brief.summary, *brief.tags)
    assert brief.date is None or type(brief.date) in DATES
    for s in brief.sources:
        assert _text(s.id, s.outlet, s.title, s.url, s.file) and _lines(s.line)
        assert s.date is None or type(s.date) in DATES
        assert (s.path is None) == (s.file == "")
    for a in brief.actors:
        assert _text(a.id, a.name, a.kind, a.role, a.affiliation, a.notes, a.entity, *a.aliases)
        assert a.kind in model.ACTOR_KINDS and _lines(a.line)
    for q in brief.quotes:
        assert _text(q.speaker, q.text, q.source, q.context, q.verification.closest)
        assert q.verification.status in ("verified", "not_found", "no_source")
        assert q.verification.span is None or _lines(*q.verification.span)
        assert _lines(q.line)
    for question in brief.open_questions:
        assert _text(question.question, question.notes, *question.actors)
        assert _lines(question.line)
    for t in brief.timeline:
        assert type(t.date) in DATES and _text(t.event, t.source) and _lines(t.line)
    for d in brief.discrepancies:
        assert _text(d.topic) and _lines(d.line)
        for account in d.accounts:
            assert _text(account.source, account.says) and _lines(account.line)
    assert _lines(*brief.lines.values())
    for r in brief.related:
        assert _text(r.id) and _lines(r.line, r.col)


@pytest.mark.parametrize(
    ("at", "value"),
    [
        ((1, 0), 42),  # the title a number
        ((1, 1), None),  # the summary null
        ((1, 3), "tags"),  # tags a string, not a list
        ((1, 4, 0, 6), 1.5),  # a source's line not a whole number
        ((1, 5, 0, 5), "alias"),  # an actor's aliases a string
        ((1, 6, 0, 5), "made up"),  # a verification status of no kind
        ((1, 10, "title"), "1"),  # a line number that is text
        ((2,), [[1, 1, "fatal", "m", None, "c"]]),  # a problem of no severity
    ],
)
def test_a_row_with_a_value_of_the_wrong_type_is_refused(
    real_payload: list[Any], at: tuple[Any, ...], value: Any
) -> None:
    _, brief, problems, _ = replaced(real_payload, at, value)
    with pytest.raises(DECODE_ERRORS):
        decode_brief(brief, "x", BRIEF_PATH)
        decode_problems(problems, "x.yaml")


@pytest.fixture(scope="module")
def real_payload(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The index row of the real brief, as the index wrote it: [articles, brief, problems,
    digest]."""
    base = tmp_path_factory.mktemp("payload")
    (base / "briefs").mkdir()
    brief_file = base / "briefs" / f"{REAL}.yaml"
    shutil.copy(REPO / "briefs" / brief_file.name, brief_file)
    shutil.copytree(REPO / "seeds", base / "seeds")
    result = load_file(brief_file)
    assert result.brief is not None
    result.problems.append(Problem("p", 2, 3, "warning", "m", "h", "c"))
    index = Index(base / "i.sqlite3")
    index.store(brief_file, result, (1, 1))
    index.close()
    with sqlite_file(base / "i.sqlite3") as db:
        (payload,) = db.execute("SELECT payload FROM files").fetchone()
    data: list[Any] = marshal.loads(zlib.decompress(payload))
    assert len(data[0]) == len(result.brief.sources)  # the articles' stamps are in it
    return data


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), value=stored_values)
def test_decoding_damaged_data_raises_only_what_the_index_catches(
    real_payload: list[Any], data: st.DataObject, value: Any
) -> None:
    at = data.draw(st.sampled_from(places(real_payload)))
    damaged = replaced(real_payload, at, value)
    try:
        _, brief, problems, _ = damaged
        decoded = decode_brief(brief, "x", BRIEF_PATH)
        found = decode_problems(problems, "x.yaml")
    except DECODE_ERRORS:
        return  # any other exception fails the test
    assert_well_typed(decoded)  # damage that still decodes left every value of its type
    for problem in found:
        assert type(problem.line) is int and type(problem.col) is int
        assert problem.line >= 1 and problem.col >= 1 and problem.severity in ("error", "warning")
        assert all(type(t) is str for t in (problem.message, problem.code))
        assert problem.hint is None or type(problem.hint) is str


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), value=stored_values)
def test_the_index_treats_any_damaged_row_as_a_miss(
    tmp_path: Path, real_payload: list[Any], data: st.DataObject, value: Any
) -> None:
    brief_file = tmp_path / "b.yaml"
    brief_file.write_text("title: T\nsummary: S\n")
    info = brief_file.stat()
    index_path = tmp_path / "i.sqlite3"
    index = Index(index_path)
    index.connection()  # creates the file and its tables (a lookup only reads one there is)
    # Half the time in the article stamps, which the index reads before the codec does.
    in_articles = st.sampled_from(places(real_payload[0])).map(lambda at: (0, *at))
    at = data.draw(in_articles | st.sampled_from(places(real_payload)))
    damaged = replaced(real_payload, at, value)
    with sqlite_file(index_path) as db:
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
            (
                str(brief_file),
                info.st_size,
                info.st_mtime_ns,
                pack_payload(damaged),
            ),
        )
    try:
        result = index.lookup(brief_file, "b", "b.yaml")  # must not raise
        if result is not None:  # damage that still decodes is served, every value typed
            assert [p.path for p in result.problems] == ["b.yaml"] * len(result.problems)
            if result.brief is not None:
                assert_well_typed(result.brief)
    finally:
        index.close()
