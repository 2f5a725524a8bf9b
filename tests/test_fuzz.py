"""Property-based tests: whatever the input, the loader returns a result and never raises.

Inputs range from random bytes to briefs built from the format and then broken:
keys deleted, types swapped, control characters and escapes sprinkled in, lines
re-indented. Every run also checks the result is coherent: a brief exactly when
there is no error, problems at real positions, no unsafe character anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.brief import yamlnodes
from briefing.brief.loader import LoadResult, load_text
from briefing.brief.model import ACTOR_KINDS
from briefing.brief.provenance import Article, ArticleCache, quote_parts, verify
from briefing.brief.records import Record

pytestmark = pytest.mark.slow  # hundreds of generated files per test: not for a quick loop

ROOT = Path(__file__).resolve().parent.parent
BRIEF_PATH = ROOT / "briefs" / "fuzzed.yaml"  # so ../seeds/... names the real articles
SEED_FILES = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
ARTICLES = ArticleCache()
PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])

# What must never reach a terminal from a loaded brief (tab and newline are fine in text).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

FUZZ = settings(
    max_examples=200,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _strings(value: object) -> list[str]:
    """Every string a loaded brief holds, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Record):
        return [s for name in value.fields() for s in _strings(getattr(value, name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.items() for s in _strings(item)]
    return []


def check(result: LoadResult) -> None:
    """What holds for every load, good or bad."""
    assert isinstance(result, LoadResult)
    errors = [p for p in result.problems if p.is_error]
    assert (result.brief is None) == bool(errors), [p.format() for p in result.problems]
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.severity in ("error", "warning")
        assert problem.code and problem.message
        shown = problem.format()
        assert "\n" not in shown and not UNSAFE.search(shown), repr(shown)
    if result.brief is not None:
        for text in _strings(result.brief):
            assert not UNSAFE.search(text), repr(text)


def load(text: str | bytes, parser: Any) -> LoadResult:
    with mock.patch.object(yamlnodes, "_LOADER", parser):
        return load_text(text, BRIEF_PATH, articles=ARTICLES)


parsers = st.sampled_from(PARSERS)


# -- unstructured input ------------------------------------------------------------------


@FUZZ
@given(st.text(), parsers)
def test_random_text(text: str, parser: Any) -> None:
    check(load(text, parser))


@FUZZ
@given(st.binary(max_size=2000), parsers)
def test_random_bytes(data: bytes, parser: Any) -> None:
    check(load(data, parser))


YAMLISH = st.text(
    alphabet="-:[]{},&*!|>'\"#%@`?~.\\ \n\t\r\x1b\x85\u202eabcNOyes0123456789", max_size=300
)


@FUZZ
@given(YAMLISH, parsers)
def test_random_yaml_punctuation(text: str, parser: Any) -> None:
    check(load(text, parser))


# -- briefs built from the format, then broken -------------------------------------------

ids = st.tuples(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=7),
).map("".join)
anything = st.text(max_size=40)  # any code point but surrogates: controls, bidi, emoji
VOCABULARY = (
    "Niger junta\u2019s trainers arrived \u2014 U.S. troops \u201cactive\u201d it's 1,000".split()
)
words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6).map(" ".join)
surprises = st.sampled_from(["NO", "yes", "on", "1.10", "12:30:00", "~", "2024-04-11"])
escapes = st.sampled_from(["\x1b[2J", "\x1b]0;t\x07", "\x1b]52;c;aGk=\x07", "\x9b31m", "\u202e"])
markup = st.sampled_from(["[bold]x[/]", "[/]", "$name", "[link=x]y", "100%"])
# Mostly valid, so that whole briefs load often and the deep paths run too.
texts = st.one_of(
    words, words, words, anything, surprises, markup, st.tuples(words, escapes).map("".join)
)
dates = st.one_of(
    *[st.dates(min_value=dt.date(1900, 1, 1)).map(dt.date.isoformat)] * 3,
    st.sampled_from(["2024", "2024-03", "1999-12"]),
    st.sampled_from(["2024-02-30", "2024-4-1", "April 11", "2024-13-01", "2024-13", "0000"]),
)
urls = st.sampled_from(
    ["https://apnews.com/x", "http://example.com"] * 3
    + ["javascript:alert(1)", "file:///etc", "ftp://a", "example.com"]
)
files = st.sampled_from([*(f"../seeds/{name}" for name in SEED_FILES)] * 3 + ["missing.txt"])
kinds = st.sampled_from([*ACTOR_KINDS, "robot"])
counts = st.sampled_from([2, 2, 2, 3, 1, 0])
SEED_TEXTS = [(ROOT / "seeds" / name).read_text(encoding="utf-8") for name in SEED_FILES]


@st.composite
def passages(draw: st.DrawFn) -> str:
    """A run of words from a real article: a quote that should verify."""
    article = draw(st.sampled_from(SEED_TEXTS)).split()
    start = draw(st.integers(0, len(article) - 1))
    return " ".join(article[start : start + draw(st.integers(1, 12))])


@st.composite
def briefs(draw: st.DrawFn) -> dict[str, Any]:
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    actor_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    speaker = st.sampled_from(actor_ids)

    def cited() -> dict[str, str]:
        return {"source": draw(st.sampled_from(source_ids))} if source_ids else {}

    brief: dict[str, Any] = {"title": draw(texts), "summary": draw(texts)}
    if draw(st.booleans()):
        brief["date"] = draw(dates)
    if draw(st.booleans()):
        brief["tags"] = draw(st.lists(texts, max_size=3))
    brief["sources"] = [
        {
            "id": i,
            "outlet": draw(texts),
            "url": draw(urls),
            "file": draw(files),
            "date": draw(dates),
        }
        for i in source_ids
    ]
    brief["actors"] = [
        {
            "id": i,
            "name": draw(texts),
            "kind": draw(kinds),
            "aliases": draw(st.lists(texts, max_size=2)),
            **({"entity": draw(st.one_of(ids, texts))} if draw(st.booleans()) else {}),
        }
        for i in actor_ids
    ]
    brief["quotes"] = [
        {"speaker": draw(speaker), "text": draw(st.one_of(passages(), texts)), **cited()}
        for _ in range(draw(st.integers(0, 3)))
    ]
    brief["open_questions"] = [
        {"question": draw(texts), "actors": draw(st.lists(speaker, max_size=2))}
        for _ in range(draw(st.integers(0, 2)))
    ]
    brief["timeline"] = [
        {"date": draw(dates), "event": draw(texts), **cited()}
        for _ in range(draw(st.integers(0, 2)))
    ]
    if source_ids:
        brief["discrepancies"] = [
            {"topic": draw(texts), "accounts": [{**cited(), "says": draw(texts)} for _ in range(n)]}
            for n in draw(st.lists(counts, max_size=2))
        ]
    if draw(st.booleans()):
        brief["related"] = draw(st.lists(st.one_of(ids, texts), max_size=3))
    return brief


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in a nested structure: places a mutation can hit."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((value, key))
            found.extend(_slots(item))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((value, index))
            found.extend(_slots(item))
    return found


replacements = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    st.lists(anything, max_size=3),
    st.dictionaries(anything, anything, max_size=2),
    anything,
)


@st.composite
def broken_briefs(draw: st.DrawFn) -> str:
    brief = draw(briefs())
    for _ in range(draw(st.integers(0, 4))):
        slots = _slots(brief)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["delete", "swap", "rename"]))
        if action == "delete":
            del container[key]
        elif action == "swap":
            container[key] = draw(replacements)
        elif isinstance(container, dict):
            container[draw(st.sampled_from(["summery", "rol", "id", "title", "", "x y"]))] = (
                container.pop(key)
            )
    text = yaml.safe_dump(
        brief,
        indent=draw(st.integers(2, 9)),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        allow_unicode=draw(st.booleans()),
        sort_keys=draw(st.booleans()),
        width=draw(st.integers(20, 200)),
    )
    return draw(_edited(text))


@st.composite
def _edited(draw: st.DrawFn, text: str) -> str:
    """Text-level damage: re-indented lines, stray characters, cut or doubled lines."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["indent", "dedent", "insert", "cut", "double", "tab"]))
        line = lines[index]
        if action == "indent":
            lines[index] = " " * draw(st.integers(1, 4)) + line
        elif action == "dedent":
            lines[index] = line.lstrip(" ")
        elif action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.text(min_size=1, max_size=3)) + line[at:]
        elif action == "cut" and len(lines) > 1:
            del lines[index]
        elif action == "double":
            lines.insert(index, line)
        elif action == "tab":
            lines[index] = "\t" + line
    return "\n".join(lines)


@FUZZ
@given(briefs(), parsers)
def test_briefs_built_from_the_format_load(brief: dict[str, Any], parser: Any) -> None:
    text = yaml.safe_dump(brief, allow_unicode=True, sort_keys=False)
    check(load(text, parser))


@FUZZ
@given(broken_briefs(), parsers, st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_broken_briefs_load(text: str, parser: Any, newline: str, as_bytes: bool) -> None:
    text = text.replace("\n", newline)
    check(load(text.encode("utf-8", "surrogatepass") if as_bytes else text, parser))


# -- provenance --------------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=200), st.sampled_from(SEED_TEXTS))
def test_any_quote_gets_a_status_and_a_span_inside_the_article(quote: str, text: str) -> None:
    article = Article.from_text(text)
    result = verify(quote, article)
    assert result.status in ("verified", "not_found")
    if result.span is not None:
        start, end = result.span
        assert 0 <= start < end <= len(text)


def _retype(data: st.DataObject, quote: str) -> str:
    """The same words as another outlet or a keyboard would type them."""
    swaps = {
        "'": ["'", "\u2019"],
        '"': ['"', "\u201c", "\u201d"],
        "-": ["-", "\u2013", "\u2014", " \u2014 ", "--"],
        " ": [" ", "\n", "  ", "\n  "],
    }
    return "".join(data.draw(st.sampled_from(swaps[c])) if c in swaps else c for c in quote)


@FUZZ
@given(st.data(), st.sampled_from(SEED_TEXTS))
def test_any_passage_of_the_article_is_verified_however_typed(
    data: st.DataObject, text: str
) -> None:
    article = Article.from_text(text)
    words = article.folded.split(" ")
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, min(len(words), start + 40)))
    quote = " ".join(words[start:end])
    if not quote_parts(quote):
        return  # nothing but punctuation: not a quote
    retyped = _retype(data, quote)
    result = verify(retyped, article)
    assert result.status == "verified", (quote, retyped)
