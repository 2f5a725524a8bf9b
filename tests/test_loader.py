"""The loader's own rules: encodings, size, unreadable files, and a library of mixed files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefing.brief.loader import (
    DEFAULT_MAX_BYTES,
    LoadResult,
    decode,
    load_file,
    load_text,
    read_brief,
)
from briefing.store.library import Library

if TYPE_CHECKING:
    from conftest import Expect, Loader


# -- encodings ---------------------------------------------------------------------------


def test_latin1_byte_is_reported_at_its_line(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("not-utf8-latin1.yaml")
    assert result.brief is None
    expect(result, "not-utf8", 3, 13, "byte 0xE9 is not valid UTF-8", "save the file as UTF-8")


@pytest.mark.parametrize("line", [1, 2, 7])
def test_invalid_utf8_line_follows_the_byte(line: int) -> None:
    lines = [b"# fine"] * 8
    lines[line - 1] = b"bad \xff here"
    text, problems = decode(b"\n".join(lines), "x.yaml")
    assert text is None
    assert [(p.code, p.line, p.col) for p in problems] == [("not-utf8", line, 5)]


def test_nul_byte_is_reported(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("nul-byte.yaml")
    assert result.brief is None
    expect(result, "nul-byte", 2, 11, "NUL bytes", "UTF-8")


def test_utf16_is_reported(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("utf16-bom.yaml")
    assert result.brief is None
    expect(result, "not-utf8", 1, 1, "the file is UTF-16, not UTF-8", "save the file as UTF-8")


def test_utf16_big_endian_is_reported_too() -> None:
    data = "title: t\nsummary: s\n".encode("utf-16-be")
    result = load_text(b"\xfe\xff" + data, Path("be.yaml"))
    assert result.brief is None
    assert [p.code for p in result.problems] == ["not-utf8"]


def test_utf8_bom_is_fine(load_good: Loader) -> None:
    result = load_good("utf8-bom.yaml")
    assert result.problems == []
    assert result.brief is not None
    assert result.brief.title == "UTF-8 with a BOM"  # no U+FEFF left at the start
    assert result.brief.lines["title"] == 1


def test_crlf_is_fine_and_leaves_no_carriage_returns(load_good: Loader) -> None:
    result = load_good("crlf.yaml")
    assert result.problems == []
    assert result.brief is not None
    assert result.brief.summary == "Written on Windows.\nStill fine.\n"
    assert result.brief.tags == ("windows", "crlf")
    assert result.brief.lines == {"title": 1, "summary": 2, "tags": 5}


def test_crlf_line_numbers_are_right(load_bad: Loader, expect: Expect) -> None:
    result = load_bad("crlf-line-numbers.yaml")
    assert b"\r\n" in (Path(__file__).parent / "fixtures/bad/crlf-line-numbers.yaml").read_bytes()
    expect(result, "invalid-date", 6, 7, "date '2024-13-01' is not a valid date")


def test_bytes_and_text_load_alike(good_dir: Path) -> None:
    data = (good_dir / "full.yaml").read_bytes()
    path = good_dir / "full.yaml"
    from_bytes = load_text(data, path)
    from_text = load_text(data.decode("utf-8"), path)
    assert from_bytes.brief == from_text.brief
    assert from_bytes.problems == from_text.problems == []


# -- size and unreadable files -----------------------------------------------------------


def test_file_over_the_size_limit_is_not_read(good_dir: Path, expect: Expect) -> None:
    path = good_dir / "full.yaml"
    size = path.stat().st_size
    result = load_file(path, display="full.yaml", max_bytes=size - 1)
    assert result.brief is None
    problem = expect(result, "file-too-large", 1, 1, f"over the {size - 1:,}-byte limit")
    assert f"{size:,} bytes" in problem.message
    assert problem.hint is not None and "--max-bytes" in problem.hint


def test_file_at_the_size_limit_is_read(good_dir: Path) -> None:
    path = good_dir / "full.yaml"
    result = load_file(path, max_bytes=path.stat().st_size)
    assert result.brief is not None


def _read_grown(path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> bytes | LoadResult:
    """``read_brief`` of a file whose size was taken (10 bytes) before it grew: what a read
    sees when a save lands meanwhile."""
    real_stat, real_fstat = os.stat, os.fstat

    def small(info: os.stat_result) -> os.stat_result:
        return os.stat_result((*info[:6], 10, *info[7:10]))

    with monkeypatch.context() as patch:
        # The module's ``os``, which is everyone's: undone as the read returns.
        patch.setattr(os, "stat", lambda *a, **k: small(real_stat(*a, **k)))
        patch.setattr(os, "fstat", lambda fd: small(real_fstat(fd)))
        return read_brief(path, path.name, limit)


def test_a_file_that_grew_since_its_size_was_taken_is_read_whole(
    good_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = good_dir / "full.yaml"
    size = path.stat().st_size
    assert _read_grown(path, size, monkeypatch) == path.read_bytes()


def test_a_file_that_grew_past_the_limit_is_too_large(
    good_dir: Path, expect: Expect, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _read_grown(good_dir / "full.yaml", 100, monkeypatch)
    assert isinstance(result, LoadResult)
    expect(result, "file-too-large", 1, 1, "the file is more than 100 bytes")


def test_default_size_limit_is_five_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 5_000_000


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    result = load_file(tmp_path / "gone.yaml")
    assert result.brief is None
    assert [(p.code, p.line, p.col) for p in result.problems] == [("unreadable", 1, 1)]
    assert "cannot read the file" in result.problems[0].message


def test_folder_given_as_a_file_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.yaml"
    folder.mkdir()
    result = load_file(folder)
    assert result.brief is None
    assert [p.code for p in result.problems] == ["unreadable"]


# -- sanitised messages ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"\\e[2Jkey": 1\ntitle: t\nsummary: s\n',  # unknown key
        'title: t\nsummary: s\ndate: "\\e[2J2024"\n',  # invalid date
        'title: t\nsummary: s\n"\\e[31mk": 1\n"\\e[31mk": 2\n',  # duplicate key
        'title: t\nsummary: s\nactors:\n  - id: a\n    name: A\n    "\\x9b31mx": y\n',
    ],
)
def test_problem_messages_never_carry_escape_sequences(text: str) -> None:
    result = load_text(text, Path("m.yaml"))
    assert result.problems
    for problem in result.problems:
        shown = problem.format()
        assert "\x1b" not in shown and "\x9b" not in shown, repr(shown)


# -- a library of good and bad files -----------------------------------------------------


def test_good_files_load_whatever_the_others_hold(
    tmp_path: Path, good_dir: Path, bad_dir: Path
) -> None:
    for good in good_dir.iterdir():
        shutil.copy(good, tmp_path / good.name)
    for bad in bad_dir.iterdir():
        shutil.copy(bad, tmp_path / f"bad-{bad.name}")
    (tmp_path / "bad-too-deep.yaml").write_text("title: " + "[" * 5000 + "\n")
    # The good fixtures cite ../../../seeds; keep those paths valid from here.
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", tmp_path / "seeds")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    shutil.move(tmp_path / "full.yaml", nested / "full.yaml")
    (nested / "full.yaml").write_text(
        (nested / "full.yaml").read_text().replace("../../../seeds/", "../../seeds/")
    )

    library = Library([tmp_path])
    library.load_all()

    goods = {p.stem for p in good_dir.iterdir()} - {"full"} | {"a/b/full"}
    entries = {entry.id: entry for entry in library.entries}
    for ident in goods:
        entry = entries[ident]
        assert entry.brief is not None, (ident, [p.format() for p in entry.problems])
        assert entry.problems == []
    full = entries["a/b/full"].brief
    assert full is not None
    assert {q.verification.status for q in full.quotes} == {"verified"}
    broken = [e for i, e in entries.items() if i.startswith("bad-")]
    assert len(broken) == len(list(bad_dir.iterdir())) + 1
    for entry in broken:
        assert entry.problems, entry.id


def test_parsed_briefs_share_repeated_ids_names_kinds_tags_and_references() -> None:
    # Two files naming the same actor stand for a library that does: one string each, or
    # 10,000 briefs hold 10,000 copies of every id (memory).
    text = (
        "title: T\nsummary: S\ntags: [niger]\n"
        "actors:\n  - id: langley\n    name: Gen. Langley\n    kind: person\n"
        "quotes:\n  - speaker: langley\n    text: words\n"
        "open_questions:\n  - question: Q?\n    actors: [langley]\n"
    )
    first = load_text(text, Path("a.yaml")).brief
    second = load_text(text.encode(), Path("b.yaml")).brief
    assert first is not None and second is not None
    a, b = first.actors[0], second.actors[0]
    assert a.id is b.id and a.name is b.name and a.kind is b.kind
    assert first.tags[0] is second.tags[0]
    assert first.quotes[0].speaker is a.id
    assert first.open_questions[0].actors[0] is a.id
