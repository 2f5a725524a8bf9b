"""``briefing check`` and ``briefing schema``, in-process through main() and as a real command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.brief.schema import BRIEF
from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<msg>.+)$"
)
SUMMARY = re.compile(
    r"^(?P<files>\d+) files? checked: (?P<errors>\d+) error\(s\), (?P<warnings>\d+) warning\(s\); "
    r"(?P<verified>\d+) of (?P<quotes>\d+) quote\(s\) verified$"
)


def run(
    *args: str | Path, cwd: Path = ROOT, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real command, as a user or CI would run it."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def in_process(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def parse(out: str) -> tuple[list[re.Match[str]], re.Match[str]]:
    *lines, last = out.rstrip("\n").split("\n")
    problems = [LINE.match(line) for line in lines]
    assert all(problems), [line for line, m in zip(lines, problems, strict=True) if not m]
    summary = SUMMARY.match(last)
    assert summary, last
    return [m for m in problems if m], summary


def _bad_folder(tmp_path: Path) -> Path:
    """Every bad fixture, plus the bad inputs too big or too strange to commit."""
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "bad", folder)
    (folder / "deep-brackets.yaml").write_text("title: " + "[" * 30_000 + "]" * 30_000 + "\n")
    (folder / "deep-dashes.yaml").write_text("- " * 30_000 + "x\n")
    (folder / "random.yaml").write_bytes(bytes(range(256)) * 4)
    (folder / "a-folder.yaml").mkdir()  # a folder, however named, is walked, not read
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(folder / "fifo.yaml")
    return folder


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if not p.is_dir()]


# -- output shape and exit codes ---------------------------------------------------------


def test_folder_of_bad_files_gives_sorted_lines_and_a_summary(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    done = run("check", "bad", cwd=tmp_path)  # named as typed: bad/...
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr == ""
    problems, summary = parse(done.stdout)
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in problems]
    assert keys == sorted(keys)
    files = {m["path"] for m in problems}
    expected = {f"bad/{p.name}" for p in _files(folder)}
    assert files == expected  # every file, good or strange, has its say
    assert int(summary["files"]) == len(expected)
    assert int(summary["errors"]) == sum(m["severity"] == "error" for m in problems)
    assert int(summary["warnings"]) == sum(m["severity"] == "warning" for m in problems)
    assert "bad/deep-brackets.yaml:1:39: error: nesting deeper than" in done.stdout
    fifo = "bad/fifo.yaml:1:1: error: cannot read the file: it is a FIFO (named pipe)"
    assert fifo in done.stdout


def test_output_is_plain_text_without_escape_sequences(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    done = run("check", folder, cwd=tmp_path)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", done.stdout)


def test_good_files_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = in_process(capsys, "check", FIXTURES / "good")
    assert (code, err) == (0, "")
    problems, summary = parse(out)
    assert problems == []
    good = str(len(_files(FIXTURES / "good")))
    assert (summary["files"], summary["errors"], summary["warnings"]) == (good, "0", "0")
    assert (summary["verified"], summary["quotes"]) == ("3", "3")


def test_one_error_exits_one_through_main(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "bad" / "five-errors.yaml"
    code, out, _ = in_process(capsys, "check", path)
    assert code == 1
    problems, summary = parse(out)
    assert [(int(m["line"]), int(m["col"])) for m in problems] == [
        (4, 7),
        (7, 10),
        (10, 11),
        (11, 9),
        (14, 14),
    ]
    assert (
        problems[0]
        .group(0)
        .endswith(
            "error: date '2024-02-30' is not a valid date (hint: write dates as YYYY-MM-DD, "
            "e.g. 2024-04-11; a month as YYYY-MM, a year as YYYY)"
        )
    )
    assert (summary["files"], summary["errors"]) == ("1", "5")


def test_warnings_alone_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = in_process(capsys, "check", FIXTURES / "bad" / "unknown-key-rol.yaml")
    assert code == 0
    (problem,), summary = parse(out)
    assert problem["severity"] == "warning"
    assert problem["msg"] == "unknown key 'rol' in actor (hint: did you mean 'role'?)"
    assert summary["warnings"] == "1"


def test_missing_path_exits_two(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = in_process(capsys, "check", tmp_path / "nope")
    assert code == 2
    assert out == ""
    assert "no such file or folder" in err


@pytest.mark.parametrize(
    "args",
    [("--bogus",), ("--format", "xml"), ("--max-bytes", "0"), ("--max-bytes", "lots")],
)
def test_bad_option_exits_two(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", *args, str(FIXTURES / "good")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing: error: ") and err.endswith("(see 'briefing help check')\n")


def test_usage_errors_exit_two_as_a_command(tmp_path: Path) -> None:
    for args in (["check", "--bogus"], ["check", str(tmp_path / "missing")]):
        done = run(*args)
        assert done.returncode == 2, args
        assert "error:" in done.stderr
        assert "Traceback" not in done.stderr


def test_default_path_is_briefs_in_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    shutil.copy(FIXTURES / "bad" / "yaml11-no.yaml", tmp_path / "briefs" / "norway.yaml")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("briefs/norway.yaml:6:11: error: actor name 'NO'")


def test_max_bytes_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "good" / "full.yaml"
    size = path.stat().st_size
    code, out, _ = in_process(capsys, "check", "--max-bytes", str(size - 1), path)
    assert code == 1
    (problem,), _ = parse(out)
    assert problem["msg"].startswith(f"the file is {size:,} bytes, over the {size - 1:,}-byte")
    code, _, _ = in_process(capsys, "check", "--max-bytes", str(size), path)
    assert code == 0


def test_never_reads_an_endless_device() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    done = run("check", "/dev/zero", timeout=20)
    assert done.returncode == 1
    assert "/dev/zero:1:1: error: cannot read the file" in done.stdout


# -- --strict ----------------------------------------------------------------------------


def test_strict_turns_warnings_into_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = in_process(
        capsys, "check", "--strict", FIXTURES / "bad" / "unknown-key-rol.yaml"
    )
    assert code == 1
    (problem,), summary = parse(out)
    assert problem["severity"] == "error"
    assert (summary["errors"], summary["warnings"]) == ("1", "0")


def test_strict_turns_unverified_quotes_into_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "article.txt").write_text("He called it a dynamic situation.\n")
    brief = tmp_path / "b.yaml"
    brief.write_text(
        "title: t\nsummary: s\nsources:\n  - id: art\n    file: article.txt\n"
        "  - id: web\n    url: https://example.com\nactors:\n  - id: a\n    name: A\n"
        "quotes:\n"
        "  - speaker: a\n    text: a dynamic situation\n    source: art\n"  # verified
        "  - speaker: a\n    text: a static situation\n    source: art\n"  # not found
        "  - speaker: a\n    text: no text to check\n    source: web\n"  # no source text
    )
    code, out, _ = in_process(capsys, "check", brief)
    assert code == 0
    problems, summary = parse(out)
    assert [(m["line"], m["severity"]) for m in problems] == [("15", "warning")]
    assert (summary["verified"], summary["quotes"]) == ("1", "3")

    code, out, _ = in_process(capsys, "check", "--strict", brief)
    assert code == 1
    problems, summary = parse(out)
    assert [(m["line"], m["severity"]) for m in problems] == [("15", "error"), ("18", "error")]
    assert "quote cannot be verified" in problems[1]["msg"]
    assert summary["errors"] == "2"


# -- --format json -----------------------------------------------------------------------


def test_json_format_has_every_field(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    done = run("check", "--format", "json", folder, FIXTURES / "good", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert list(report) == ["version", "files", "errors", "warnings", "quotes", "problems"]
    assert report["version"] == 1
    assert report["files"] == len(_files(folder)) + len(_files(FIXTURES / "good"))
    assert report["quotes"] == {"total": 3, "verified": 3}
    problems = report["problems"]
    assert report["errors"] == sum(p["severity"] == "error" for p in problems)
    assert report["warnings"] == len(problems) - report["errors"]
    for problem in problems:
        assert set(problem) == {"path", "line", "col", "severity", "code", "message", "hint"}
        assert isinstance(problem["line"], int) and problem["line"] >= 1
        assert isinstance(problem["col"], int) and problem["col"] >= 1
        assert problem["severity"] in ("error", "warning")
        assert problem["message"]
    by_code = {p["code"] for p in problems}
    assert {
        "yaml-syntax",
        "duplicate-key",
        "alias",
        "too-deep",
        "unknown-tag",
        "not-utf8",
    } <= by_code


def test_json_format_through_main(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = in_process(
        capsys, "check", "--format", "json", FIXTURES / "bad" / "syntax-unclosed-bracket.yaml"
    )
    assert code == 1
    (problem,) = json.loads(out)["problems"]
    assert (problem["line"], problem["col"], problem["code"]) == (5, 8, "yaml-syntax")
    assert problem["hint"] == "a '[' or '{' may be left unclosed"


# -- the shipped briefs ------------------------------------------------------------------


def test_shipped_briefs_pass_strict_check() -> None:
    briefs = sorted((ROOT / "briefs").glob("**/*.y*ml"))
    if not briefs:
        pytest.skip("briefs/ holds no brief yet (the first one lands with its own change)")
    done = run("check", "--strict", "briefs/")
    assert done.returncode == 0, done.stdout
    problems, summary = parse(done.stdout)
    assert problems == []
    assert int(summary["files"]) == len(briefs)
    assert summary["verified"] == summary["quotes"]


# -- briefing schema ---------------------------------------------------------------------


def test_schema_is_a_json_schema_for_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert set(schema["properties"]) == {f.name for f in BRIEF.fields}
    assert set(schema["properties"]) >= {
        "title",
        "date",
        "tags",
        "summary",
        "sources",
        "actors",
        "quotes",
        "open_questions",
        "timeline",
        "discrepancies",
    }
    assert set(schema["required"]) == {"title", "summary"}
    assert schema["additionalProperties"] is False
    actor = schema["properties"]["actors"]["items"]
    assert actor["type"] == "object"
    assert set(actor["required"]) == {"id", "name"}
    assert actor["properties"]["kind"]["enum"] == [
        "person",
        "organization",
        "state",
        "group",
        "other",
    ]
    accounts = schema["properties"]["discrepancies"]["items"]["properties"]["accounts"]
    assert accounts["minItems"] == 2
    _assert_schema_shape(schema)


def _assert_schema_shape(node: object) -> None:
    """Every subschema uses only JSON Schema keywords with the right kinds of values."""
    assert isinstance(node, dict)
    allowed = {
        "$schema", "$id", "title", "description", "type", "properties", "required",
        "additionalProperties", "items", "minItems", "minLength", "pattern", "format", "enum",
    }  # fmt: skip
    assert set(node) <= allowed, set(node) - allowed
    if "type" in node:
        assert node["type"] in ("object", "array", "string")
    for name, sub in node.get("properties", {}).items():
        assert isinstance(name, str)
        _assert_schema_shape(sub)
    if "items" in node:
        _assert_schema_shape(node["items"])
    if "required" in node:
        assert set(node["required"]) <= set(node["properties"])
    if "pattern" in node:
        re.compile(node["pattern"])


def test_schema_as_a_command() -> None:
    done = run("schema")
    assert done.returncode == 0
    assert json.loads(done.stdout)["title"].startswith("briefing brief")


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
def test_an_article_that_is_no_article_is_a_warning_not_a_hang(tmp_path: Path, kind: str) -> None:
    article = tmp_path / "article.txt"
    if kind == "fifo":
        os.mkfifo(article)
    elif kind == "zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero on this system")
        article.symlink_to("/dev/zero")
    else:
        with article.open("wb") as handle:
            handle.truncate(200_000_000)
    (tmp_path / "b.yaml").write_text(
        "title: t\nsummary: s\nsources:\n  - id: art\n    file: article.txt\n"
        "actors:\n  - id: a\n    name: A\nquotes:\n  - speaker: a\n    text: hello\n"
        "    source: art\n"
    )
    done = run("check", tmp_path / "b.yaml", timeout=30)
    assert done.returncode == 0, done.stderr
    (problem,), summary = parse(done.stdout)
    assert (problem["line"], problem["severity"]) == ("4", "warning")
    assert "source 'art': article file 'article.txt'" in problem["msg"]
    assert summary["verified"] == "0"
