"""The event-level YAML reader: syntax, document shape, duplicates, aliases, depth and tags.

Syntax and depth rules run under both PyYAML parsers (libyaml and pure Python),
since which one is used depends on how PyYAML was installed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from conftest import PARSERS

from briefing.brief import yamlnodes
from briefing.brief.loader import LoadResult, load_file, load_text
from briefing.brief.yamlnodes import MAX_DEPTH, Mapping, Scalar, Sequence, parse_nodes

if TYPE_CHECKING:
    from conftest import Expect, Loader


# -- syntax ------------------------------------------------------------------------------


def test_bad_indentation_is_a_syntax_error_at_the_offending_key(
    parser: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("syntax-indentation.yaml")
    assert result.brief is None
    expect(
        result, "yaml-syntax", 6, 12, "YAML syntax: mapping values are not allowed", "indentation"
    )


def test_dedented_key_is_a_syntax_error_with_an_indentation_hint(
    parser: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("syntax-dedent.yaml")
    problem = expect(result, "yaml-syntax", 6, 2, "YAML syntax", "indentation")
    assert "expected" in problem.message


def test_tab_indentation_hints_at_spaces(parser: str, load_bad: Loader, expect: Expect) -> None:
    result = load_bad("syntax-tab.yaml")
    assert result.brief is None
    expect(result, "yaml-syntax", 4, 1, "YAML syntax", "indent with spaces, not tabs")


def test_unclosed_bracket_names_where_it_began(
    parser: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("syntax-unclosed-bracket.yaml")
    assert result.brief is None
    problem = expect(result, "yaml-syntax", 5, 8, "YAML syntax", "'[' or '{' may be left unclosed")
    assert "began at line 3, col 7" in problem.message  # the '[' on the tags line


def test_unclosed_quote_hints_at_the_quote(parser: str, expect: Expect) -> None:
    result = load_text('title: "Unclosed\nsummary: text\n', Path("q.yaml"))
    # The end of the file: the end of its last line, not a line past it.
    problem = expect(result, "yaml-syntax", 2, 14, "YAML syntax", "quote may be left unclosed")
    assert "line 1, col 8" in problem.message


@pytest.mark.parametrize("name", ["empty.yaml", "comment-only.yaml"])
def test_a_file_with_no_content_is_empty(name: str, load_bad: Loader, expect: Expect) -> None:
    result = load_bad(name)
    assert result.brief is None
    expect(result, "empty-file", 1, 1, "the file is empty", "title and a summary")


@pytest.mark.parametrize("text", ["   \n\n", "---\n", "---\n...\n", "~\n", "null\n"])
def test_blank_or_null_documents_are_empty(text: str) -> None:
    result = load_text(text, Path("blank.yaml"))
    assert result.brief is None
    assert [p.code for p in result.problems] == ["empty-file"]


@pytest.mark.parametrize(
    ("name", "found"),
    [("top-level-list.yaml", "not a list"), ("top-level-scalar.yaml", "not text")],
)
def test_top_level_must_be_a_mapping(
    name: str, found: str, load_bad: Loader, expect: Expect
) -> None:
    result = load_bad(name)
    assert result.brief is None
    problem = expect(result, "not-a-mapping", 2, 1, "a brief should be a mapping of keys")
    assert problem.message.endswith(found)


def test_several_documents_are_rejected_at_the_second(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("several-documents.yaml")
    assert result.brief is None
    expect(result, "multiple-documents", 4, 1, "one YAML document", "remove the '---' line")


def test_explicit_document_markers_around_one_document_are_fine() -> None:
    result = load_text("---\ntitle: Marked\nsummary: One document.\n...\n", Path("m.yaml"))
    assert result.problems == []
    assert result.brief is not None and result.brief.title == "Marked"


# -- duplicate keys ----------------------------------------------------------------------


def test_duplicate_top_level_key(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("duplicate-key-top.yaml")
    assert result.brief is None
    expect(
        result,
        "duplicate-key",
        4,
        1,
        "duplicate key 'title' (first at line 2)",
        "silently keep only the last",
    )


def test_duplicate_nested_key(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("duplicate-key-nested.yaml")
    assert result.brief is None
    expect(result, "duplicate-key", 7, 5, "duplicate key 'name' (first at line 6)")


def test_same_key_in_different_mappings_is_not_a_duplicate() -> None:
    text = "title: t\nsummary: s\nactors:\n  - id: a\n    name: A\n  - id: b\n    name: B\n"
    assert load_text(text, Path("ok.yaml")).problems == []


# -- anchors, aliases, bombs -------------------------------------------------------------


def test_anchor_and_alias_are_both_rejected(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("anchor-alias.yaml")
    assert result.brief is None
    anchor, alias = sorted((p for p in result.problems), key=lambda p: p.line)
    assert (anchor.code, anchor.line, anchor.col) == ("alias", 2, 8)
    assert "anchor '&headline'" in anchor.message
    assert (alias.code, alias.line, alias.col) == ("alias", 3, 10)
    assert "alias '*headline'" in alias.message
    assert alias.hint is not None and "write the value out in full" in alias.hint


def test_alias_bomb_is_rejected_without_expanding(load_bad: Loader) -> None:
    result = load_bad("alias-bomb.yaml")
    assert result.brief is None
    # One problem per anchor and per alias written, not per expanded node (9**9 of them).
    written = (Path(__file__).parent / "fixtures/bad/alias-bomb.yaml").read_text()
    expected = written.count("&") + written.count("*")
    assert len(result.problems) == expected
    assert {p.code for p in result.problems} == {"alias"}


# -- depth -------------------------------------------------------------------------------


def _brackets(depth: int) -> str:
    return "title: " + "[" * depth + "]" * depth + "\nsummary: s\n"


def _dashes(depth: int) -> str:
    return "- " * depth + "x\n"


def _indented_dashes(depth: int) -> str:
    return "".join("  " * level + "-\n" for level in range(depth))


@pytest.mark.parametrize("make", [_brackets, _dashes, _indented_dashes])
def test_nesting_1000_deep_is_too_deep(parser: str, make: object) -> None:
    assert callable(make)
    result = load_text(make(1000), Path("deep.yaml"))
    assert result.brief is None
    codes = [p.code for p in result.problems]
    assert codes == ["too-deep"]
    assert f"deeper than {MAX_DEPTH} levels" in result.problems[0].message


def test_nesting_within_the_bound_is_not_too_deep() -> None:
    depth = MAX_DEPTH - 2  # the brief mapping and the tags list take two levels
    result = load_text(_brackets(depth).replace("title: ", "tags: "), Path("d.yaml"))
    assert "too-deep" not in [p.code for p in result.problems]


_DEEP_SCRIPT = """
import sys
from pathlib import Path
import yaml
from briefing.brief import yamlnodes
from briefing.brief.loader import load_text
if sys.argv[2] == "python":
    yamlnodes._LOADER = yaml.SafeLoader
depth = 30_000
text = ("title: " + "[" * depth + "]" * depth) if sys.argv[1] == "[" else ("- " * depth + "x")
result = load_text(text + "\\n", Path("deep.yaml"))
assert result.brief is None
for problem in result.problems:
    print(problem.code, problem.format())
"""


@pytest.mark.parametrize("opener", ["[", "- "])
@pytest.mark.parametrize("which", PARSERS)
def test_nesting_30000_deep_does_not_crash_the_process(opener: str, which: str) -> None:
    # libyaml's own loader segfaults near this depth; a subprocess proves ours does not.
    done = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT, opener.strip(), which],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("too-deep "), done.stdout
    assert f"deeper than {MAX_DEPTH} levels" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "line", "col", "hint"),
    [
        ("too-deep-brackets.yaml", 2, 38, "runaway brackets"),
        ("too-deep-braces.yaml", 2, 133, "runaway brackets"),
        ("too-deep-block.yaml", 34, 65, "indentation"),
    ],
)
def test_over_deep_fixtures_are_too_deep_at_the_same_place(
    parser: str, load_bad: Loader, expect: Expect, name: str, line: int, col: int, hint: str
) -> None:
    # libyaml 0.2.6 stops near 1,000 open brackets on its own; the rule must not notice.
    result = load_bad(name)
    assert result.brief is None
    assert [p.code for p in result.problems] == ["too-deep"]
    expect(result, "too-deep", line, col, f"deeper than {MAX_DEPTH} levels", hint)


def _comparable(result: LoadResult) -> list[tuple[object, ...]]:
    """A problem list with only the parser's own wording of a syntax error left out."""
    return [
        (p.path, p.line, p.col, p.severity, p.code, p.hint)
        + (() if p.code == "yaml-syntax" else (p.message,))
        for p in result.problems
    ]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize("folder", ["bad", "good"])
def test_every_fixture_gives_the_same_problems_under_both_parsers(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = sorted((Path(__file__).parent / "fixtures" / folder).iterdir())
    assert fixtures
    seen: dict[str, list[list[tuple[object, ...]]]] = {}
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(yamlnodes, "_LOADER", loader)
        for path in fixtures:
            seen.setdefault(path.name, []).append(_comparable(load_file(path, display=path.name)))
    differing = {name: lists for name, lists in seen.items() if lists[0] != lists[1]}
    assert differing == {}


# -- tags --------------------------------------------------------------------------------


def test_python_apply_tag_is_rejected_and_never_runs(load_bad: Loader, expect: Expect) -> None:
    marker = Path("/tmp/briefing-fixture-pwned")  # the command in the fixture touches this
    marker.unlink(missing_ok=True)
    result = load_bad("tag-python-apply.yaml")
    assert result.brief is None
    expect(
        result,
        "unknown-tag",
        2,
        8,
        "tag '!!python/object/apply:os.system' is not allowed",
        "remove the tag",
    )
    assert not marker.exists()


def test_python_name_tag_is_rejected(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("tag-python-name.yaml")
    assert result.brief is None
    expect(result, "unknown-tag", 3, 10, "tag '!!python/name:os.system' is not allowed")


def test_unknown_local_tag_is_rejected(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("tag-unknown.yaml")
    assert result.brief is None
    expect(result, "unknown-tag", 2, 8, "tag '!foo' is not allowed")


@pytest.mark.parametrize(
    "template",
    [
        'title: !!python/object/apply:os.system ["touch {marker}"]\nsummary: s\n',
        'title: !!python/object/new:os.system ["touch {marker}"]\nsummary: s\n',
        "title: t\nsummary: !!python/object/apply:subprocess.check_call [[touch, {marker}]]\n",
        '!!python/object/apply:os.system\nargs: ["touch {marker}"]\n',
        'title: t\nsummary: s\ntags:\n  - !!python/object/apply:os.system ["touch {marker}"]\n',
        '? !!python/object/apply:os.system ["touch {marker}"]\n: value\ntitle: t\nsummary: s\n',
        '!!python/object:os.system {{cmd: "touch {marker}"}}\n',
    ],
)
def test_no_python_tag_runs_code_wherever_it_is(template: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = load_text(template.format(marker=marker), Path("tag.yaml"))
    assert result.brief is None
    assert "unknown-tag" in [p.code for p in result.problems]
    assert not marker.exists()


def test_explicit_str_tag_makes_a_value_text() -> None:
    result = load_text("title: !!str 1.10\nsummary: !!str yes\n", Path("str.yaml"))
    assert result.problems == []
    assert result.brief is not None
    assert (result.brief.title, result.brief.summary) == ("1.10", "yes")


def test_other_core_tags_are_rejected() -> None:
    result = load_text("title: !!int 3\nsummary: !!binary aGk=\n", Path("t.yaml"))
    assert [p.code for p in result.problems] == ["unknown-tag", "unknown-tag"]


# -- the node tree -----------------------------------------------------------------------


def test_nodes_keep_text_as_written_with_their_positions() -> None:
    root, problems = parse_nodes("title: NO\nlist:\n  - 1.10\n  - 'yes'\n", "n.yaml")
    assert problems == []
    assert isinstance(root, Mapping)
    (title_key, title), (_, items) = root.pairs
    assert isinstance(title, Scalar) and isinstance(items, Sequence)
    assert (title_key.value, title_key.line, title_key.col) == ("title", 1, 1)
    assert (title.value, title.line, title.col, title.implicit_type) == ("NO", 1, 8, "a boolean")
    number, quoted = items.items
    assert isinstance(number, Scalar) and isinstance(quoted, Scalar)
    assert (number.value, number.line, number.col, number.implicit_type) == (
        "1.10",
        3,
        5,
        "a number",
    )
    assert (quoted.value, quoted.plain, quoted.implicit_type) == ("yes", False, None)


def test_complex_keys_are_rejected() -> None:
    result: LoadResult = load_text("? [a, b]\n: 1\ntitle: t\nsummary: s\n", Path("k.yaml"))
    assert result.brief is None
    assert [(p.code, p.line, p.col) for p in result.problems] == [("complex-key", 1, 3)]


def test_a_duplicate_key_does_not_hide_the_other_problems() -> None:
    text = "title: t\nsummary: s\ndate: 2024-02-30\nsummary: again\nsummery: typo\n"
    result = load_text(text, Path("dup.yaml"))
    assert result.brief is None  # a duplicate key is an error, even with nothing else wrong
    assert sorted((p.line, p.code) for p in result.problems) == [
        (3, "invalid-date"),
        (4, "duplicate-key"),
        (5, "unknown-key"),
    ]


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_a_character_yaml_refuses_is_placed_where_it_is(parser: str, char: str) -> None:
    text = f"title: caf\u00e9 \u00e9t\u00e9\nsummary: b{char}\n"
    result = load_text(text.encode("utf-8"), Path("c.yaml"))
    assert result.brief is None
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.col) == ("yaml-syntax", 2, 11)
    assert f"character U+{ord(char):04X} is not allowed" in problem.message
    assert problem.hint == "remove it; briefs are plain text"
