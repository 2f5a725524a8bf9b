"""Every problem at the line and column an editor shows, under both YAML parsers.

libyaml counts U+2028, U+2029 and NEL (U+0085) as line breaks, editors do not; control
characters are removed before parsing, so the parser's columns are those of a shorter line.
Positions are mapped back to the file as written. A property test inserts these characters
into valid briefs and checks that every problem still points at the same token.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.brief import yamlnodes
from briefing.brief.loader import LoadResult, load_text
from briefing.brief.problems import Problem

if TYPE_CHECKING:
    from conftest import Loader


def at(text: str, problem: Problem) -> str:
    """The file's text from the problem's place on, as an editor counts lines: at LF only,
    and a final LF ends the last line rather than starting one more."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    assert 1 <= problem.line <= len(lines), problem.format()
    line = lines[problem.line - 1].removesuffix("\r")
    assert 1 <= problem.col <= len(line) + 1, problem.format()
    return line[problem.col - 1 :]


def places(result: LoadResult) -> list[tuple[str, int, int]]:
    return sorted((p.code, p.line, p.col) for p in result.problems)


# -- the fixtures --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "position-line-separator.yaml",
        "position-paragraph-separator.yaml",
        "position-next-line.yaml",
    ],
)
def test_a_line_break_only_yaml_sees_moves_no_later_line(
    parser: str, load_bad: Loader, name: str
) -> None:
    result = load_bad(name)
    assert places(result) == [("unknown-key", 4, 1)]


def test_columns_after_a_removed_control_character_are_the_files(
    parser: str, load_bad: Loader, bad_dir: Path
) -> None:
    result = load_bad("position-after-control-char.yaml")
    assert places(result) == [("control-chars", 2, 10), ("yaml-syntax", 2, 14)]
    text = (bad_dir / "position-after-control-char.yaml").read_text()
    syntax = next(p for p in result.problems if p.code == "yaml-syntax")
    assert at(text, syntax).startswith(": c")


def test_two_complex_keys_are_no_duplicate(parser: str, load_bad: Loader) -> None:
    result = load_bad("complex-keys-two.yaml")
    assert places(result) == [("complex-key", 2, 3), ("complex-key", 4, 3)]


def test_a_missing_colon_is_reported_on_its_own_line(parser: str, load_bad: Loader) -> None:
    result = load_bad("syntax-missing-colon.yaml")
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.col) == ("yaml-syntax", 3, 1)
    assert problem.message == (
        "YAML syntax: could not find expected ':' (while scanning a simple key)"
    )
    assert problem.hint == "check the indentation of this line and the one before"


@pytest.mark.parametrize(
    "name", ["empty-yaml-directive.yaml", "empty-document-marker.yaml", "comment-only.yaml"]
)
def test_an_empty_document_is_empty_at_its_start(parser: str, load_bad: Loader, name: str) -> None:
    result = load_bad(name)
    assert places(result) == [("empty-file", 1, 1)]


@pytest.mark.parametrize(
    "text",
    ["%YAML 1.1\n---", "---", "--- # c", "---\n\n\n", "# c", "\n\n", "...\n", "%YAML 1.1\n"],
)
def test_no_problem_points_past_the_last_line(parser: str, text: str) -> None:
    for problem in load_text(text, Path("e.yaml")).problems:
        at(text, problem)  # inside the file as written


# -- the property ------------------------------------------------------------------------

BRIEF = (
    "# a brief\n"
    'title: "{0}Harbour strike{1}"\n'
    "summary: 'The strike{2} goes on.'\n"
    "actors:\n"
    '  - {{id: rojas, name: "Marta{3} Rojas", rol: misspelt}}\n'
    "summery: {4}\n"
    "title: again\n"
)
"""Holes for inserted characters, all inside quoted text but the last, plus three problems:
an unknown key at ``rol`` (on the line of a hole, after it), another at ``summery``, a
duplicate at the second ``title``."""

SPECIAL = st.sampled_from(
    ["\u2028", "\u2029", "\u0085", "\x07", "\x1b[31m", "\x1b]0;x\x07", "\x7f"]
)
CONTROL = st.sampled_from(["\x07", "\x1b[31m", "\x7f", "\x01"])
TOKENS = {"unknown-key": ("rol", "summery"), "duplicate-key": ("title",)}


@settings(max_examples=300, deadline=None)
@given(
    holes=st.tuples(*[st.lists(SPECIAL, max_size=3).map("".join)] * 4),
    last=st.lists(CONTROL, max_size=2).map("".join),
    python=st.booleans(),
)
def test_inserted_characters_never_move_a_problem_off_its_token(
    holes: tuple[str, ...], last: str, python: bool
) -> None:
    text = BRIEF.format(*holes, f'"typo{last}"')
    loader = yaml.SafeLoader if python or not hasattr(yaml, "CSafeLoader") else yaml.CSafeLoader
    original = yamlnodes._LOADER
    yamlnodes._LOADER = loader
    try:
        result = load_text(text.encode("utf-8"), Path("p.yaml"))
    finally:
        yamlnodes._LOADER = original
    codes = sorted(p.code for p in result.problems)
    expected = ["duplicate-key", "unknown-key", "unknown-key"]
    removed = any(c in "".join(holes) + last for c in "\x07\x1b\x7f\x01")
    assert codes == sorted(expected + (["control-chars"] if removed else [])), result.problems
    for problem in result.problems:
        there = at(text, problem)
        if problem.code == "control-chars":
            assert there[:1] in ("\x07", "\x1b", "\x7f", "\x01"), problem.format()
        else:
            assert there.startswith(TOKENS[problem.code]), (problem.format(), there)


SYNTAX = {
    "mapping values": ('summary: s\ntitle: "{0}a{1}" : c\n', ": c"),
    "missing colon": ("title: '{0}t{1}'\nsummary s\ndate: 2024-01-01\n", "summary s"),
    "unclosed bracket": ('summary: s\ntags: ["{0}a{1}", b\ntitle: t\n', ""),
}


@settings(max_examples=200, deadline=None)
@given(
    case=st.sampled_from(sorted(SYNTAX)),
    holes=st.tuples(*[st.lists(SPECIAL, max_size=3).map("".join)] * 2),
    python=st.booleans(),
)
def test_inserted_characters_never_move_a_syntax_error(
    case: str, holes: tuple[str, str], python: bool
) -> None:
    template, token = SYNTAX[case]
    text = template.format(*holes)
    loader = yaml.SafeLoader if python or not hasattr(yaml, "CSafeLoader") else yaml.CSafeLoader
    original = yamlnodes._LOADER
    yamlnodes._LOADER = loader
    try:
        result = load_text(text, Path("s.yaml"))
    finally:
        yamlnodes._LOADER = original
    (syntax,) = [p for p in result.problems if p.code == "yaml-syntax"]
    there = at(text, syntax)  # inside the file, whatever else
    assert there.startswith(token), (syntax.format(), there)
    plain = load_text(template.format("", ""), Path("s.yaml"))
    (before,) = [p for p in plain.problems if p.code == "yaml-syntax"]
    assert syntax.line == before.line  # no line moved by what was inserted
