"""The model's hand-written classes behave as the dataclasses they replaced, in less memory.

What callers rely on: construction by position and keyword, equality and hashing over
every field (``lines`` aside), a readable repr, ``replace`` and ``fields``, and each prose
field reading back exactly the ``str`` it was given, though stored as UTF-8.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import fresh_python
from hypothesis import given
from hypothesis import strategies as st

from briefing.brief import model, records, schema
from briefing.brief.records import LINE_KEYS, Lines

PATH = Path("/library/brief.yaml")
POLISH = "Łukasz Wiśniewski said the İstanbul talks in Chișinău had failed."
"""Prose CPython keeps at two bytes a character (letters beyond Latin-1)."""

PROSE = {
    model.Verification: ("closest",),
    model.Actor: ("role", "notes"),
    model.Quote: ("text", "context"),
    model.Question: ("question", "notes"),
    model.TimelineEntry: ("event",),
    model.Account: ("says",),
    model.Discrepancy: ("topic",),
    model.Brief: ("summary",),
}
"""Every packed field, by class."""


def example(cls: type[Any], text: str = POLISH) -> Any:
    """One instance of ``cls`` with ``text`` in each of its prose fields."""
    values: dict[type[Any], Any] = {
        model.Verification: lambda: model.Verification("not_found", text, (1, 2)),
        model.Source: lambda: model.Source("s", "AP", "T", dt.date(2024, 1, 2), "", "a.txt"),
        model.Actor: lambda: model.Actor("a", "Ana", "person", text, "junta", ("An",), text, 3),
        model.Quote: lambda: model.Quote("a", text, "s", text, 4, model.NO_SOURCE),
        model.Question: lambda: model.Question(text, text, ("a",), 5),
        model.TimelineEntry: lambda: model.TimelineEntry(dt.date(2024, 1, 2), text, "s", 6),
        model.Account: lambda: model.Account("s", text, 7),
        model.Discrepancy: lambda: model.Discrepancy(text, (model.Account("s", text, 8),), 9),
        model.Brief: lambda: model.Brief(
            "b", PATH, "Title", text, dt.date(2024, 1, 2), ("t",), lines={"title": 1}
        ),
    }
    return values[cls]()


ALL = [*PROSE, model.Source]


# -- prose is packed, and reads back exactly -----------------------------------------------


@pytest.mark.parametrize("cls", list(PROSE), ids=lambda c: c.__name__)
def test_prose_beyond_latin1_is_held_as_utf8_in_half_the_memory(cls: type[Any]) -> None:
    item = example(cls)
    for name in PROSE[cls]:
        stored = object.__getattribute__(item, f"_{name}")
        assert stored == POLISH.encode("utf-8")
        assert sys.getsizeof(stored) < 0.6 * sys.getsizeof(POLISH)
        assert getattr(item, name) == POLISH and type(getattr(item, name)) is str


@pytest.mark.parametrize("cls", list(PROSE), ids=lambda c: c.__name__)
def test_ascii_prose_is_held_and_read_as_the_same_string(cls: type[Any]) -> None:
    text = "plain words"
    item = example(cls, text)
    for name in PROSE[cls]:
        assert getattr(item, name) is text


@given(st.text())  # every code point, lone surrogates (a YAML "\ud800") included
def test_any_text_reads_back_exactly(text: str) -> None:
    quote = model.Quote("a", text, context=text)
    assert quote.text == text and quote.context == text
    assert quote == model.Quote("a", text, context=text)


def test_prose_cannot_be_assigned_in_place() -> None:
    quote = example(model.Quote)
    with pytest.raises(AttributeError):
        quote.text = "changed"
    changed = quote.replace(text="changed")
    assert changed.text == "changed" and quote.text != "changed"


# -- the behaviour callers use ----------------------------------------------------------------


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_equality_and_hash_cover_every_field(cls: type[Any]) -> None:
    item, twin = example(cls), example(cls)
    assert item == twin and hash(item) == hash(twin) and item is not twin
    assert item != object() and (item == 1) is False
    for name in cls.fields():
        if name == "lines":
            continue
        try:
            changed = item.replace(**{name: object()})
        except TypeError:  # prose is packed, and packing takes text only
            changed = item.replace(**{name: "something else"})
        assert changed != item, name


@pytest.mark.parametrize("value", [None, 3, b"bytes", ["a list"]])
def test_prose_fields_take_text_only(value: object) -> None:
    # The one way another type can reach a model is a damaged index row: refused there.
    with pytest.raises(TypeError, match="expected text"):
        model.Quote("a", value)  # type: ignore[arg-type]


def test_a_brief_is_compared_without_its_lines() -> None:
    brief = example(model.Brief)
    moved = brief.replace(lines={"title": 2, "summary": 3})
    assert moved == brief and hash(moved) == hash(brief)
    assert moved.lines != brief.lines


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_fields_replace_and_repr(cls: type[Any]) -> None:
    item = example(cls)
    names = list(cls.fields())
    assert names == list(cls.__annotations__)
    assert item.replace() == item and item.replace() is not item
    with pytest.raises(TypeError):
        item.replace(no_such_field=1)
    shown = ", ".join(f"{n}={getattr(item, n)!r}" for n in names)
    assert repr(item) == f"{cls.__name__}({shown})"


def test_keywords_and_defaults_build_what_positions_build() -> None:
    assert model.Quote(speaker="a", text="t") == model.Quote("a", "t", "", "", 0, model.NO_SOURCE)
    assert model.Brief(id="b", path=PATH, title="T", summary="S") == model.Brief(
        "b", PATH, "T", "S", None, (), (), (), (), (), (), (), {}
    )
    assert model.Brief("b", PATH, "T", "S").lines == {}


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_copies_and_pickles_are_equal(cls: type[Any]) -> None:
    item = example(cls)
    assert copy.copy(item) == item
    assert copy.deepcopy(item) == item
    assert pickle.loads(pickle.dumps(item)) == item


def test_methods_are_written_out_not_generated_at_import() -> None:
    # @dataclass compiles its methods from strings at import, in every start.
    for cls in ALL:
        for method in ("__init__", "__eq__", "__hash__", "__repr__"):
            code = getattr(cls, method).__code__
            assert code.co_filename in (model.__file__, records.__file__), (cls, method)
    code = (
        "import sys, briefing.brief.model\n"
        "assert 'dataclasses' not in sys.modules, 'the model imported dataclasses'\n"
    )
    fresh_python(code)


# -- lines --------------------------------------------------------------------------------


def test_line_keys_are_the_briefs_top_level_keys() -> None:
    assert list(LINE_KEYS) == schema.BRIEF.names


def test_lines_read_as_the_dict_they_were_built_from() -> None:
    given_lines = {"summary": 5, "title": 1, "tags": 3}
    lines = Lines(given_lines)
    assert lines == given_lines and given_lines == lines and lines == Lines(lines.items())
    assert lines["summary"] == 5 and lines.get("summary", 1) == 5
    assert lines.get("date") is None and lines.get("date", 1) == 1 and lines.get("x", 2) == 2
    number: object = 3  # not a key of any kind a mapping of str could hold
    assert "title" in lines and "date" not in lines and number not in lines
    assert len(lines) == 3 and list(lines) == ["title", "tags", "summary"]  # schema order
    assert (
        dict(lines) == given_lines and repr(lines) == "Lines({'title': 1, 'tags': 3, 'summary': 5})"
    )
    with pytest.raises(KeyError):
        lines["date"]
    with pytest.raises(KeyError):
        lines["nonsense"]
    assert lines != {"summary": 5} and lines != Lines({"summary": 5})


def test_lines_hold_only_top_level_keys() -> None:
    with pytest.raises(KeyError):
        Lines({"title": 1, "bogus": 2})


def test_lines_take_less_memory_than_a_dict() -> None:
    given_lines = {key: number for number, key in enumerate(LINE_KEYS[:8], 1)}
    lines = Lines(given_lines)
    held = sys.getsizeof(lines) + sys.getsizeof(object.__getattribute__(lines, "_at"))
    assert held < 0.7 * sys.getsizeof(given_lines)


def test_problem_loadresult_and_entry_behave_as_their_dataclasses_did() -> None:
    """Written out as Records for start-up time; callers use replace, equality and repr."""
    from pathlib import Path

    from briefing.brief.outcome import LoadResult
    from briefing.brief.problems import Problem
    from briefing.store.library import Entry

    problem = Problem("a.yaml", 3, 5, "error", "bad", code="yaml-syntax")
    assert problem.hint is None
    warned = problem.replace(severity="warning")
    assert warned == Problem("a.yaml", 3, 5, "warning", "bad", None, "yaml-syntax")
    assert warned != problem and hash(problem) == hash(problem.replace())
    assert "severity='warning'" in repr(warned)

    result = LoadResult(None)
    assert result.problems == [] and result.problems is not LoadResult(None).problems
    assert LoadResult(None, [problem]) == LoadResult(None, [problem])
    assert LoadResult(None, [problem]).errors == 1

    entry = Entry("b", Path("b.yaml"))
    assert (entry.brief, entry.problems, entry.stale) == (None, [], False)
    entry.problems = [warned]  # the library updates entries in place
    assert entry == Entry("b", Path("b.yaml"), None, [warned])
