"""Schema rules: required fields, types, YAML 1.1 surprises, ids, references, dates, urls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefing.brief.loader import load_text

if TYPE_CHECKING:
    from conftest import Expect, Loader


# -- required fields and types -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "col", "message"),
    [
        ("missing-title.yaml", 2, 1, "brief is missing required key 'title'"),
        ("missing-summary.yaml", 2, 1, "brief is missing required key 'summary'"),
        ("missing-actor-name.yaml", 5, 5, "actor is missing required key 'name'"),
        ("missing-quote-text.yaml", 8, 5, "quote is missing required key 'text'"),
    ],
)
def test_missing_required_key(
    name: str, line: int, col: int, message: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(result, "missing-key", line, col, message)


@pytest.mark.parametrize(
    ("item", "missing"),
    [
        ("sources:\n  - outlet: AP\n", "source is missing required key 'id'"),
        ("actors:\n  - name: A\n", "actor is missing required key 'id'"),
        ("quotes:\n  - text: words\n", "quote is missing required key 'speaker'"),
        ("open_questions:\n  - notes: n\n", "open question is missing required key 'question'"),
        ("timeline:\n  - event: e\n", "timeline entry is missing required key 'date'"),
        ("timeline:\n  - date: 2024-04-10\n", "timeline entry is missing required key 'event'"),
        ("discrepancies:\n  - topic: t\n", "discrepancy is missing required key 'accounts'"),
        (
            "discrepancies:\n  - topic: t\n    accounts:\n      - source: a\n      - source: b\n",
            "account is missing required key 'says'",
        ),
    ],
)
def test_every_nested_required_key_is_checked(item: str, missing: str) -> None:
    text = "title: t\nsummary: s\n" + item
    result = load_text(text, Path("m.yaml"))
    assert result.brief is None
    assert missing in [p.message for p in result.problems]


@pytest.mark.parametrize(
    ("text", "col"), [("title: ''\nsummary: s\n", 8), ("title:\nsummary: s\n", 7)]
)
def test_empty_required_text_is_an_error(text: str, col: int) -> None:
    result = load_text(text, Path("e.yaml"))
    assert result.brief is None
    assert [(p.code, p.line, p.col, p.message) for p in result.problems] == [
        ("empty-value", 1, col, "title is empty")
    ]


def test_list_where_text_is_expected(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("wrong-type-list-for-text.yaml")
    assert result.brief is None
    expect(result, "wrong-type", 2, 8, "title should be text, not a list")


def test_mapping_where_list_is_expected(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("wrong-type-mapping-for-list.yaml")
    assert result.brief is None
    expect(
        result,
        "wrong-type",
        5,
        3,
        "actors should be a list, not a mapping",
        "one '- ' entry per actor",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tags: niger\n", "tags should be a list, not text"),
        ("tags: {a: b}\n", "tags should be a list, not a mapping"),
        ("actors:\n  - just a name\n", "each actor should be a mapping of keys, not text"),
        ("date: [2024-04-11]\n", "date should be a date, not a list"),
        ("summary2: x\nactors: 3\n", "actors should be a list, not a number"),
    ],
)
def test_other_wrong_types(text: str, message: str) -> None:
    result = load_text("title: t\nsummary: s\n" + text, Path("w.yaml"))
    assert result.brief is None
    assert message in [p.message for p in result.problems if p.code == "wrong-type"]


# -- YAML 1.1 surprises ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "col", "message", "value"),
    [
        ("yaml11-no.yaml", 6, 11, "actor name 'NO' is read by YAML as a boolean (False)", "NO"),
        ("yaml11-yes.yaml", 7, 18, "actor affiliation 'yes' is read by YAML as a boolean", "yes"),
        ("yaml11-on.yaml", 9, 11, "quote text 'on' is read by YAML as a boolean (True)", "on"),
        ("yaml11-version.yaml", 2, 8, "title '1.10' is read by YAML as a number (1.1)", "1.10"),
        ("yaml11-time.yaml", 6, 12, "'12:30:00' is read by YAML as a number (45000)", "12:30:00"),
        ("yaml11-null.yaml", 2, 8, "title '~' is read by YAML as empty (null)", "~"),
        ("yaml11-date.yaml", 3, 10, "summary '2024-04-11' is read by YAML as a date", "2024-04-11"),
    ],
)
def test_yaml11_surprise_in_text_is_an_error_with_a_hint_to_quote(
    name: str,
    line: int,
    col: int,
    message: str,
    value: str,
    load_bad: Loader,
    expect: Expect,
) -> None:
    result = load_bad(name)
    assert result.brief is None
    problem = expect(result, "yaml11-value", line, col, message, f'quote it: "{value}"')
    assert problem.message.endswith("not as text")


@pytest.mark.parametrize("value", ["NO", "yes", "on", "1.10", "12:30:00", "~", "2024-04-11"])
def test_the_quoted_value_is_text(value: str) -> None:
    result = load_text(f'title: "{value}"\nsummary: s\n', Path("q.yaml"))
    assert result.problems == []
    assert result.brief is not None and result.brief.title == value


# -- ids and references ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("duplicate-actor-id.yaml", 7, "duplicate actor id 'phee' (first at line 5)"),
        ("duplicate-source-id.yaml", 7, "duplicate source id 'ap' (first at line 5)"),
    ],
)
def test_duplicate_ids(
    name: str, line: int, message: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(result, "duplicate-id", line, 9, message, "its own id")


@pytest.mark.parametrize(
    ("name", "line", "col", "message", "hint"),
    [
        ("unknown-speaker.yaml", 8, 14, "unknown actor id 'langly'", "did you mean 'langley'?"),
        ("unknown-quote-source.yaml", 12, 13, "unknown source id 'nyt'", "report"),
        ("unknown-question-actor.yaml", 9, 13, "unknown actor id 'pentagon'", "cnsp"),
        ("unknown-timeline-source.yaml", 9, 13, "unknown source id 'reuters'", "ap"),
        ("unknown-account-source.yaml", 12, 17, "unknown source id 'apnews'", "ap"),
    ],
)
def test_unknown_references(
    name: str, line: int, col: int, message: str, hint: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(result, "unknown-reference", line, col, message, hint)


def test_reference_with_no_ids_to_choose_from_says_where_to_add_them() -> None:
    text = "title: t\nsummary: s\nquotes:\n  - speaker: nobody\n    text: words\n"
    (problem,) = load_text(text, Path("r.yaml")).problems
    assert (problem.code, problem.message) == ("unknown-reference", "unknown actor id 'nobody'")
    assert problem.hint == "add it under actors first"


def test_quote_without_source_when_the_brief_lists_sources(
    load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("quote-without-source.yaml")
    assert result.brief is None
    expect(result, "missing-key", 10, 5, "quote has no 'source' key", "cite one of: report")


def test_quote_without_source_is_fine_when_the_brief_lists_none() -> None:
    text = "title: t\nsummary: s\nactors:\n  - id: a\n    name: A\nquotes:\n  - speaker: a\n"
    result = load_text(text + "    text: words\n", Path("q.yaml"))
    assert result.problems == []
    assert result.brief is not None
    assert result.brief.quotes[0].verification.status == "no_source"


def test_discrepancy_needs_two_accounts(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("discrepancy-one-account.yaml")
    assert result.brief is None
    expect(result, "too-few", 9, 7, "accounts needs at least 2 entries, found 1")


def test_id_with_spaces_is_rejected() -> None:
    result = load_text("title: t\nsummary: s\nactors:\n  - id: a b\n    name: A\n", Path("i.yaml"))
    assert [(p.code, p.line, p.col) for p in result.problems] == [("invalid-id", 4, 9)]


def test_actor_kind_must_be_one_of_the_kinds() -> None:
    text = "title: t\nsummary: s\nactors:\n  - id: a\n    name: A\n    kind: persn\n"
    (problem,) = load_text(text, Path("k.yaml")).problems
    assert (problem.code, problem.line, problem.col) == ("invalid-choice", 6, 11)
    assert problem.hint == "did you mean 'person'?"


# -- dates and urls ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "col", "message"),
    [
        ("invalid-date-feb30.yaml", 4, 7, "date '2024-02-30' is not a valid date"),
        ("invalid-date-unpadded.yaml", 5, 11, "timeline entry date '2024-4-1' is not a valid date"),
        ("invalid-date-words.yaml", 6, 11, "source date 'April 11' is not a valid date"),
    ],
)
def test_invalid_dates(
    name: str, line: int, col: int, message: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(result, "invalid-date", line, col, message, "YYYY-MM-DD")


def test_valid_date_quoted_or_not_is_a_date() -> None:
    text = (
        "title: t\nsummary: s\ndate: 2024-02-29\ntimeline:\n  - date: '2024-04-10'\n    event: e\n"
    )
    result = load_text(text, Path("d.yaml"))
    assert result.problems == []
    assert result.brief is not None
    assert result.brief.date == dt.date(2024, 2, 29)
    assert result.brief.timeline[0].date == dt.date(2024, 4, 10)


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("url-javascript.yaml", "javascript:alert(document.cookie)"),
        ("url-file.yaml", "file:///etc/passwd"),
        ("url-ftp.yaml", "ftp://ftp.example.org/article.txt"),
        ("url-no-scheme.yaml", "www.example.com/article"),
    ],
)
def test_urls_must_be_http_or_https(name: str, url: str, load_bad: Loader, expect: Expect) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(
        result, "invalid-url", 6, 10, f"source url '{url}' is not an http or https address", "http"
    )


@pytest.mark.parametrize("url", ["http://example.com/a", "https://apnews.com/article/x?y=1"])
def test_http_and_https_urls_are_fine(url: str) -> None:
    result = load_text(f"title: t\nsummary: s\nsources:\n  - id: a\n    url: {url}\n", Path("u"))
    assert result.problems == []
    assert result.brief is not None and result.brief.sources[0].url == url


# -- unknown keys ------------------------------------------------------------------------


def test_misspelt_top_level_key_is_a_warning_with_a_suggestion(
    load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("unknown-key-summery.yaml")
    expect(
        result,
        "unknown-key",
        3,
        1,
        "unknown key 'summery' in brief",
        "did you mean 'summary'?",
        severity="warning",
    )
    # The required summary is then missing, which is what stops the brief loading.
    expect(result, "missing-key", 2, 1, "missing required key 'summary'")
    assert result.brief is None


def test_misspelt_actor_key_is_only_a_warning(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("unknown-key-rol.yaml")
    expect(
        result,
        "unknown-key",
        7,
        5,
        "unknown key 'rol' in actor",
        "did you mean 'role'?",
        severity="warning",
    )
    assert len(result.problems) == 1
    assert result.brief is not None
    assert result.brief.actors[0].role == ""


def test_unknown_key_with_nothing_close_has_no_suggestion() -> None:
    (problem,) = load_text("title: t\nsummary: s\nzzzzzz: 1\n", Path("u.yaml")).problems
    assert (problem.code, problem.severity, problem.hint) == ("unknown-key", "warning", None)


# -- every problem reported --------------------------------------------------------------


def test_every_problem_in_a_file_is_reported(load_bad: Loader) -> None:
    result = load_bad("five-errors.yaml")
    assert result.brief is None
    found = sorted((p.line, p.col, p.code) for p in result.problems)
    assert found == [
        (4, 7, "invalid-date"),
        (7, 10, "invalid-url"),
        (10, 11, "yaml11-value"),
        (11, 9, "duplicate-id"),
        (14, 14, "unknown-reference"),
    ]
    assert all(p.severity == "error" for p in result.problems)


def test_a_valid_brief_builds_the_whole_model(load_good: Loader) -> None:
    result = load_good("full.yaml")
    assert result.problems == []
    brief = result.brief
    assert brief is not None
    assert brief.id == "full"
    assert brief.date == dt.date(2024, 4, 11)
    assert brief.tags == ("niger", "russia", "united-states")
    assert [s.id for s in brief.sources] == ["report", "ap"]
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    paths = [s.path.resolve() for s in brief.sources if s.path is not None]
    assert paths == [seeds / "000_b12468ef608dcbd7.txt", seeds / "001_5907ff9c6a8e08f3.txt"]
    langley = brief.actor("langley")
    assert langley is not None
    assert (langley.kind, langley.aliases, langley.line) == ("person", ("Langley",), 19)
    assert [a.kind for a in brief.actors] == ["person", "person", "organization"]
    assert [q.speaker for q in brief.quotes] == ["langley", "lechner", "lechner"]
    assert brief.open_questions[0].actors == ("cnsp", "langley")
    assert brief.timeline[0].date == dt.date(2024, 4, 10)
    (discrepancy,) = brief.discrepancies
    assert [a.source for a in discrepancy.accounts] == ["report", "ap"]
    assert brief.lines["summary"] == 5


# -- the shortcut for plain text ------------------------------------------------------------

_TEXTS = [
    "plain words",
    '"quoted words"',
    "TODO: later",
    '"todo fill in"',
    '""',
    '"   "',
    "yes",
    "~",
    "null",
    "2024-01-01",
    "12",
    "!!str no",
    '"\\x1b[2Jcleared"',
    '"bidi \\u202e reversed"',
    '"bell\\x07"',
]


@pytest.mark.parametrize("text", _TEXTS)
def test_the_shortcut_for_text_values_reports_what_the_full_checks_report(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text value kept without ``Validator.text`` must be one that it would keep as it is,
    saying nothing: every kind of value, in every text field, gives the same brief and the
    same problems with the shortcut and without it."""
    from briefing.brief import validate

    source = (
        f"title: {text}\nsummary: {text}\nsources:\n  - id: s\n    outlet: {text}\n"
        f"actors:\n  - id: a\n    name: {text}\n    role: {text}\n    notes: {text}\n"
        f"quotes:\n  - speaker: a\n    text: {text}\n    source: s\n    context: {text}\n"
        f"open_questions:\n  - question: {text}\n    notes: {text}\n"
        f"discrepancies:\n  - topic: {text}\n    accounts:\n"
        f"      - source: s\n        says: {text}\n      - source: s\n        says: {text}\n"
    )
    fast = load_text(source, Path("b.yaml"))
    monkeypatch.setattr(validate, "_PROSE", frozenset())
    full = load_text(source, Path("b.yaml"))
    assert fast.problems == full.problems
    assert fast.brief == full.brief


def test_every_fixture_gives_the_same_load_with_the_shortcut_and_without(
    bad_dir: Path, good_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.brief import validate

    files = sorted([*bad_dir.glob("*.yaml"), *good_dir.glob("*.yaml")])
    assert len(files) > 50
    fast = [load_text(f.read_bytes(), f) for f in files]
    monkeypatch.setattr(validate, "_PROSE", frozenset())
    full = [load_text(f.read_bytes(), f) for f in files]
    for path, one, other in zip(files, fast, full, strict=True):
        assert (path, one.problems, one.brief) == (path, other.problems, other.brief)
