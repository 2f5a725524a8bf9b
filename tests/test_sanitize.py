"""Escape sequences and control characters never survive loading; markup-like text does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.brief import sanitize
from briefing.brief.loader import load_text
from briefing.brief.sanitize import clean, clean_source, visible

if TYPE_CHECKING:
    from conftest import Expect, Loader

# Anything a terminal could act on: C0 (but tab and newline), DEL, C1, bidi controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_escapes_in_strings_are_removed_with_a_warning_and_the_rest_kept(
    load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("escapes-in-strings.yaml")
    brief = result.brief
    assert brief is not None
    assert brief.title == "Clearscreen"  # "\e[2J" went, whole
    assert brief.summary == "Set the title"  # OSC 0 up to its BEL went
    assert brief.tags == ("copy paste", "c1 red", "bidi evil")  # OSC 52, C1 CSI, U+202E
    assert brief.actors[0].name == "[bold]Bold[/] $name [link=https://example.com]x[/link]"
    warnings = [p for p in result.problems if p.code == "control-chars"]
    assert [(p.line, p.col) for p in warnings] == [(2, 8), (3, 10), (4, 8), (4, 44), (4, 61)]
    assert all(p.severity == "warning" for p in warnings)
    assert "were removed" in warnings[0].message
    assert len(result.problems) == len(warnings)


@pytest.mark.parametrize(
    ("name", "summary", "line"),
    [
        ("raw-escape-bytes.yaml", "The title has raw escape bytes.", 2),
        # C1 controls are told apart from the no-break space by the text itself: in UTF-8
        # both start with the byte 0xC2.
        ("raw-c1-controls.yaml", "Kept:\u00a0a no-break space.", 3),
    ],
)
def test_raw_escapes_in_the_file_are_removed_with_a_warning(
    load_bad: Loader, expect: Expect, name: str, summary: str, line: int
) -> None:
    result = load_bad(name)
    assert result.brief is not None
    assert result.brief.title == "Raw red text"
    assert result.brief.summary == summary
    expect(result, "control-chars", line, 11, "2 control character(s)", severity="warning")


def test_every_fixture_loads_the_same_told_clean_by_its_bytes_or_by_its_text(
    bad_dir: Path, good_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted([*bad_dir.glob("*.yaml"), *good_dir.glob("*.yaml")])
    assert len(files) > 50
    told = [f for f in files if sanitize.raw_free(f.read_bytes())]
    assert 0 < len(told) < len(files)
    fast = [load_text(f.read_bytes(), f) for f in files]
    monkeypatch.setattr(sanitize, "raw_free", lambda data: False)
    full = [load_text(f.read_bytes(), f) for f in files]
    for path, one, other in zip(files, fast, full, strict=True):
        assert (path, one.problems, one.brief) == (path, other.problems, other.brief)


def test_markup_like_text_is_data_and_kept_exactly(load_good: Loader) -> None:
    result = load_good("markup-is-data.yaml")
    assert result.problems == []
    brief = result.brief
    assert brief is not None
    assert brief.title == "[bold]Not bold[/] and $name and [link=https://example.com]x[/link]"
    assert brief.summary == (
        "Text that looks like markup is data: [red]red[/red], $HOME, [/], [@click=quit]x[/].\n"
    )
    assert brief.tags == ("[b]", "$x")


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (r"a\e[2Jb", "ab"),
        (r"a\x1b]0;title\x07b", "ab"),
        (r"a\x1b]0;title\x1b\\b", "ab"),  # OSC ended by ST
        (r"a\e]52;c;ZWNobyBoaQ==\ab", "ab"),  # OSC 52: write the clipboard
        (r"a\e]8;;https://evil.example\e\\link\e]8;;\e\\b", "alinkb"),  # OSC 8 hyperlink
        (r"a\x9b2Jb", "ab"),  # 8-bit CSI
        (r"a\x9b", "a"),
        (r"a\x85b", "ab"),  # NEL, a C1 control
        (r"a\u202Eb\u2066c\u2069", "abc"),  # bidi override and isolates
        (r"a\x07b\x08c\x7fd", "abcd"),  # BEL, backspace, DEL
        (r"a\rb", "ab"),  # a lone CR could overwrite the line drawn before it
        (r"tab\tkept", "tab\tkept"),
        (r"new\nline kept", "new\nline kept"),
    ],
)
def test_escape_in_double_quoted_value(written: str, kept: str) -> None:
    result = load_text(f'title: "{written}"\nsummary: s\n', Path("e.yaml"))
    assert result.brief is not None, [p.format() for p in result.problems]
    assert result.brief.title == kept
    assert not _UNSAFE.search(result.brief.title)
    changed = kept != written.replace("\\n", "\n").replace("\\t", "\t")
    assert [p.code for p in result.problems] == (["control-chars"] if changed else [])


@pytest.mark.parametrize(
    "text",
    [
        "[bold]x[/]",
        "[/]",
        "$name",
        "[link=x]y[/link]",
        "[@click=app.quit]z[/]",
        "\\e[2J written as text",
        "100% [b]sure[/b] {x} <b>",
        "caf\u00e9 \u201cquoted\u201d \u2014 \u2026 \u4e2d\u6587 \U0001f600",
    ],
)
def test_clean_leaves_ordinary_text_alone(text: str) -> None:
    assert clean(text) == (text, False)


def test_clean_removes_every_unsafe_character_in_any_string() -> None:
    every = "".join(chr(c) for c in range(0xA0)) + "\u202a\u202b\u202c\u202d\u202e\u2066\u2069"
    cleaned, changed = clean(every)
    assert changed
    assert not _UNSAFE.search(cleaned)
    assert "\t" in cleaned and "\n" in cleaned
    assert "".join(chr(c) for c in range(0x20, 0x7F)) in cleaned  # printable ASCII untouched


def test_unterminated_sequence_in_the_file_ends_at_its_line() -> None:
    # A stray OSC or DCS introducer must not swallow the rest of the file.
    for introducer in ("\x1b]0;x", "\x1bP", "\x90", "\x9d"):
        text = f"title: a{introducer}\nsummary: kept\n"
        cleaned, removed = clean_source(text)
        assert cleaned == "title: a\nsummary: kept\n", repr(introducer)
        assert removed == [(8, 8 + len(introducer))]
        result = load_text(text, Path("u.yaml"))
        assert result.brief is not None and result.brief.summary == "kept"


def test_lone_escape_keeps_the_line_break_after_it() -> None:
    cleaned, removed = clean_source("title: a\x1b\nsummary: kept\r\n")
    assert cleaned == "title: a\nsummary: kept\r\n"
    assert removed == [(8, 9)]


def test_clean_source_reports_each_removal_span() -> None:
    text = "a\x1b[31mb\x07c\x9bd"
    cleaned, removed = clean_source(text)
    assert cleaned == "abc"  # the 8-bit CSI takes "d" as its final byte
    assert removed == [(1, 6), (7, 8), (9, 11)]


def test_clean_source_keeps_what_yaml_accepts() -> None:
    text = "title: t\tx\r\nsummary: \u0085 \u00a0 \u202e\n"
    assert clean_source(text) == (text, [])


def test_messages_spell_out_control_characters_and_stay_on_one_line(
    load_bad: Loader, expect: Expect
) -> None:
    result = load_bad("escapes-in-messages.yaml")
    assert result.brief is None
    for problem in result.problems:
        assert not _UNSAFE.search(problem.format())
        assert "\n" not in problem.format()
    key = [p for p in result.problems if p.code == "unknown-key"]
    assert [(p.line, p.col, p.message) for p in key] == [
        (4, 1, "unknown key '\\x1b[2Jtitle' in brief"),
        (6, 1, "unknown key 'line\\nbreak' in brief"),
    ]
    expect(result, "invalid-date", 5, 7, "date '\\x1b]0;pwned\\x072024-04-11' is not a valid date")
    expect(result, "duplicate-key", 7, 1, "duplicate key 'line\\nbreak' (first at line 6)")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("bidi\u202e", "bidi\\u202e"),
        ("line\nbreak\ttab\r", "line\\nbreak\\ttab\\r"),
        ("c1\x9b", "c1\\x9b"),
        ("lone\ud800", "lone\\ud800"),
        ("[bold] $x caf\u00e9 \u201cq\u201d", "[bold] $x caf\u00e9 \u201cq\u201d"),
    ],
)
def test_visible_spells_out_only_what_is_unsafe(text: str, shown: str) -> None:
    assert visible(text) == shown


@given(st.text(alphabet=st.characters(max_codepoint=0xA0)))
def test_the_quick_search_for_raw_controls_finds_what_the_whole_pattern_finds(text: str) -> None:
    """``clean_source`` looks for the first characters alone before using the whole pattern."""
    assert bool(sanitize._RAW_FIRST.search(text)) == bool(sanitize._RAW.search(text))


_EDGES = "a\u00a0\u00bf\u0085\u0080\u009f\x01\x0b\x1b\x1f\x7f\t\r\n\u201c"
"""Each side of every boundary ``raw_free`` draws, often enough to meet each one."""


@given(
    st.text(alphabet=st.characters(max_codepoint=0xC0)) | st.text(alphabet=st.sampled_from(_EDGES))
)
def test_bytes_told_clean_decode_to_text_clean_source_leaves_alone(text: str) -> None:
    """The loader asks the file's bytes first: clean bytes are clean text, and text with
    anything to remove never has clean bytes; only U+00A0-U+00BF (which share their first
    byte with the C1 controls) send clean text on to the search of the text itself."""
    data = text.encode()
    has_raw = bool(sanitize._RAW_FIRST.search(text))
    if sanitize.raw_free(data):
        assert not has_raw
        assert clean_source(text, data) == (text, [])
    elif not any("\u0080" <= ch <= "\u00bf" for ch in text):
        assert has_raw
    assert clean_source(text, data) == clean_source(text)
