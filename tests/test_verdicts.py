"""``briefing check`` remembers its verdicts: a cached run prints exactly what a cold one does.

Every test compares a cached run with a ``--no-cache`` run of the same library, byte for
byte, and proves which files were judged again by counting calls to the judge.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import sqlite_file
from libraries import EXTRA_ARTICLE, MAX_BYTES, UNJUDGEABLE, check, make_library

from briefing.cli import main
from briefing.store import verdict_cache, verdicts
from briefing.store.verdicts import Judge, Verdict

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "lib")


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "briefing" / "verdicts"


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files judged (parsed and verified) since the last ``clear()``, relative to the
    library's folder."""
    seen: list[str] = []
    real = Judge.judge

    def counting(self: Judge, ident: str, path: str) -> Verdict:
        seen.append(path.split("/lib/", 1)[1])
        return real(self, ident, path)

    monkeypatch.setattr(Judge, "judge", counting)
    yield seen


def same_as_cold(
    root: Path, cache_file: Path, *options: str, judged: list[str] | None = None
) -> tuple[int, str, str]:
    """A cached run, checked against a cold one: same status, same bytes on stdout.

    With ``judged``, it is left holding what the cached run judged, not the cold one.
    """
    if judged is not None:
        judged.clear()
    cached = check(root, cache_file, *options)
    seen = list(judged) if judged is not None else []
    cold = check(root, None, *options)
    assert cached[:2] == cold[:2]
    if judged is not None:
        judged[:] = seen
    return cached


MODES = [(), ("--strict",), ("--json",), ("--strict", "--json")]


@pytest.mark.parametrize("options", MODES)
def test_nothing_changed_judges_nothing_and_prints_the_same(
    library: Path, cache_file: Path, judged: list[str], options: tuple[str, ...]
) -> None:
    first = same_as_cold(library, cache_file, *options, judged=judged)
    assert first[2] == ""
    assert len(judged) > 60
    again = same_as_cold(library, cache_file, *options, judged=judged)
    assert again == first
    assert sorted(judged) == sorted(UNJUDGEABLE)


def test_the_output_is_the_one_a_plain_load_gives(library: Path, cache_file: Path) -> None:
    """Cached or not, the verdicts are those of loading every file, as the reader does, with
    what the library finds beside and across them."""
    from briefing.brief.problems import sorted_problems
    from briefing.catalog.build import catalog_of_library
    from briefing.catalog.checks import library_problems
    from briefing.store.library import Library

    loaded = Library([library], max_bytes=MAX_BYTES)
    loaded.load_all()
    across = library_problems(catalog_of_library(loaded), loaded.display)
    own = [p for e in loaded.entries for p in e.problems]
    expected = [p.format() for p in sorted_problems([*loaded.problems, *own, *across])]
    for _ in range(2):
        _, out, _ = check(library, cache_file)
        assert out.splitlines()[:-1] == expected
        quotes = [q for e in loaded.entries if e.brief for q in e.brief.quotes]
        verified = sum(q.verification.status == "verified" for q in quotes)
        assert out.splitlines()[-1].endswith(f"{verified} of {len(quotes)} quote(s) verified")
        assert f"{len(loaded)} files checked" in out


def test_an_edited_brief_is_judged_again_alone(
    library: Path, cache_file: Path, judged: list[str]
) -> None:
    same_as_cold(library, cache_file)
    edited = library / "x" / "y" / "good" / "minimal.yaml"
    edited.write_text(edited.read_text().replace("title: ", "title: TODO "))
    _, out, _ = same_as_cold(library, cache_file, judged=judged)
    assert sorted(judged) == sorted([*UNJUDGEABLE, "x/y/good/minimal.yaml"])
    assert "good/minimal.yaml:1:8: warning: title is still a TODO" in out


def test_an_edit_that_keeps_size_and_time_is_still_seen(
    library: Path, cache_file: Path, judged: list[str]
) -> None:
    """The key is the brief's bytes, not its size and time."""
    edited = library / "x" / "y" / "good" / "minimal.yaml"
    same_as_cold(library, cache_file)
    info = edited.stat()
    text = edited.read_text()
    edited.write_text(text.replace("Minimal", "TODO me", 1))
    os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert edited.stat().st_size == info.st_size
    _, out, _ = same_as_cold(library, cache_file, judged=judged)
    assert "x/y/good/minimal.yaml" in judged
    assert "good/minimal.yaml:1:8: warning: title is still a TODO" in out


def test_an_edited_article_re_verifies_the_briefs_citing_it(
    library: Path, cache_file: Path, judged: list[str]
) -> None:
    _, before, _ = same_as_cold(library, cache_file)
    assert "citing.yaml" not in before  # both quotes verified
    (library / "seeds" / "extra.txt").write_text("The minister said nothing at all.\n")
    _, after, _ = same_as_cold(library, cache_file, judged=judged)
    assert sorted(judged) == sorted([*UNJUDGEABLE, "briefs/citing.yaml"])
    assert "citing.yaml:10:1: warning: quote not found in source 'wire'" in after


def test_a_changed_article_of_the_shipped_brief_re_verifies_both_citing_it(
    library: Path, cache_file: Path, judged: list[str]
) -> None:
    same_as_cold(library, cache_file)
    article = library / "seeds" / "000_b12468ef608dcbd7.txt"
    article.write_text(article.read_text() + "\nOne more line.\n")
    same_as_cold(library, cache_file, judged=judged)
    assert sorted(judged) == sorted(
        [*UNJUDGEABLE, "briefs/niger-russia-trainers.yaml", "x/y/good/full.yaml"]
    )


def test_a_deleted_article_is_reported_as_a_cold_run_reports_it(
    library: Path, cache_file: Path
) -> None:
    same_as_cold(library, cache_file)
    (library / "seeds" / "extra.txt").unlink()
    _, out, _ = same_as_cold(library, cache_file)
    assert "citing.yaml:4:1: warning: source 'wire': article file" in out
    (library / "seeds" / "extra.txt").write_text(EXTRA_ARTICLE)  # and back
    _, out, _ = same_as_cold(library, cache_file)
    assert "citing.yaml" not in out


def test_added_and_deleted_briefs(library: Path, cache_file: Path, judged: list[str]) -> None:
    same_as_cold(library, cache_file)
    added = library / "briefs" / "added.yaml"
    shutil.copy(FIXTURES / "bad" / "yaml11-no.yaml", added)
    (library / "x" / "y" / "good" / "crlf.yaml").unlink()
    _, out, _ = same_as_cold(library, cache_file, judged=judged)
    assert sorted(judged) == sorted([*UNJUDGEABLE, "briefs/added.yaml"])
    assert "briefs/added.yaml:" in out
    kept = json.loads(cache_file.read_bytes().split(b"\n", 3)[3])[0]
    assert str(added) in kept and str(library / "x" / "y" / "good" / "crlf.yaml") not in kept


ACROSS = {"entity-kinds", "entity-lookalike", "related-unknown"}
"""Codes of warnings found across briefs that the test library has."""
BESIDE = {"folder-link-inside", "shared-id"}
"""Codes of problems found beside the files' own: of the folders, of the ids."""


def codes(out: str) -> set[str]:
    return {problem["code"] for problem in json.loads(out)["problems"]}


@pytest.fixture
def across_found(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the warnings across briefs were found (rather than kept)."""
    from briefing.commands import check as command

    calls: list[int] = []
    real = command._across

    def counting(library: Any, *catalog: Any) -> Any:
        calls.append(1)
        return real(library, *catalog)

    monkeypatch.setattr(command, "_across", counting)
    yield calls


def test_warnings_across_briefs_and_beside_them_are_kept_and_the_same(
    library: Path, cache_file: Path, across_found: list[int]
) -> None:
    """Kept from the first run while nothing changed, and what a cold run finds."""
    first = same_as_cold(library, cache_file, "--json")
    assert codes(first[1]) >= ACROSS | BESIDE
    across_found.clear()
    assert same_as_cold(library, cache_file, "--json") == first
    assert len(across_found) == 1  # the cold run's own: the cached one kept them
    for options in MODES:
        same_as_cold(library, cache_file, *options)


def test_an_edited_brief_changes_the_warnings_across_briefs(
    library: Path, cache_file: Path, judged: list[str]
) -> None:
    same_as_cold(library, cache_file)
    odd = library / "entities" / "entity-kinds" / "wagner-2024.yaml"
    odd.write_text(odd.read_text().replace("kind: group", "kind: organization"))
    _, out, _ = same_as_cold(library, cache_file, "--json", judged=judged)
    assert sorted(judged) == sorted([*UNJUDGEABLE, "entities/entity-kinds/wagner-2024.yaml"])
    assert "entity-kinds" not in codes(out)


def test_a_new_brief_changes_the_warnings_of_another(library: Path, cache_file: Path) -> None:
    """``format-1-1`` names a related brief ``full`` the library lacks, until it has one."""
    _, before, _ = same_as_cold(library, cache_file)
    assert "related brief 'full' is not in the library" in before
    shutil.copy(FIXTURES / "good" / "minimal.yaml", library / "full.yaml")
    _, after, _ = same_as_cold(library, cache_file)
    assert "related brief 'full' is not in the library" not in after
    (library / "full.yaml").unlink()
    assert same_as_cold(library, cache_file)[1] == before


def test_a_twin_and_a_folder_problem_follow_the_disk(library: Path, cache_file: Path) -> None:
    first = same_as_cold(library, cache_file, "--json")
    (library / "x" / "y" / "good" / "minimal.yml").unlink()
    (library / "hostile" / "inside").unlink()
    _, out, _ = same_as_cold(library, cache_file, "--json")
    assert not BESIDE & codes(out)
    shutil.copy(FIXTURES / "good" / "minimal.yaml", library / "x" / "y" / "good" / "minimal.yml")
    (library / "hostile" / "inside").symlink_to(library / "x")
    assert same_as_cold(library, cache_file, "--json") == first


def test_under_the_usual_limit_the_library_comes_through_the_reader_s_index(
    library: Path, cache_file: Path
) -> None:
    """The warnings across briefs are found from a load through the reader's index (kept
    under the usual size limit only): an index row of an older version is never used."""
    from briefing.brief.outcome import DEFAULT_MAX_BYTES

    def both() -> str:
        cached = check(library, cache_file, "--json", max_bytes=DEFAULT_MAX_BYTES)
        cold = check(library, None, "--json", max_bytes=DEFAULT_MAX_BYTES)
        assert cached[:2] == cold[:2]
        return cached[1]

    first = both()
    assert codes(first) >= ACROSS | BESIDE
    assert (Path(os.environ["XDG_CACHE_HOME"]) / "briefing" / "index.sqlite3").is_file()
    odd = library / "entities" / "entity-kinds" / "wagner-2024.yaml"
    odd.write_text(odd.read_text().replace("kind: group", "kind: organization"))
    assert "entity-kinds" not in codes(both())
    odd.write_text(odd.read_text().replace("kind: organization", "kind: group"))
    assert both() == first


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files whose brief was decoded from the reader's index (or from a helper's load,
    held packed: decoded when read) since the last ``clear()``, relative to the library's
    folder."""
    from briefing.store import codec, rows

    seen: list[str] = []
    real = rows.decode_payload
    real_brief = codec.decode_brief

    def counting(data: Any, ident: str, path: Path, display: str) -> Any:
        seen.append(str(path).split("/lib/", 1)[1])
        return real(data, ident, path, display)

    def counting_brief(data: Any, ident: str, path: Path) -> Any:
        seen.append(str(path).split("/lib/", 1)[1])
        return real_brief(data, ident, path)

    monkeypatch.setattr(rows, "decode_payload", counting)
    monkeypatch.setattr("briefing.store.packed.decode_brief", counting_brief)
    yield seen


CHANGES: dict[str, Callable[[Path, Path], None]] = {
    "nothing": lambda library, cache: None,
    "a brief edited": lambda library, cache: _replace(
        library / "entities" / "entity-kinds" / "wagner-2024.yaml", "kind: group", "kind: person"
    ),
    "an article edited": lambda library, cache: _replace(
        library / "seeds" / "extra.txt", "minister", "premier"
    ),
    "an article deleted": lambda library, cache: (library / "seeds" / "extra.txt").unlink(),
    "a brief added that another names": lambda library, cache: _copy(
        FIXTURES / "good" / "minimal.yaml", library / "full.yaml"
    ),
    "a brief deleted": lambda library, cache: (library / "x" / "y" / "good" / "crlf.yaml").unlink(),
    "the cache corrupted": lambda library, cache: _garbage(cache),
}
"""What changes between two runs of the same library."""


def _copy(source: Path, target: Path) -> None:
    shutil.copy(source, target)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_warnings_across_briefs_come_from_the_index_s_facts(
    library: Path, cache_file: Path, decoded: list[str], judged: list[str], change: str
) -> None:
    """Under the usual limit, the warnings across briefs are found again from the facts the
    reader's index keeps of each brief (those judged again give theirs to the index as
    they were encoded where they were judged): after any change, the output is a cold
    run's, and no brief is decoded but those read to say where they name an id the
    library lacks."""
    from briefing.brief.outcome import DEFAULT_MAX_BYTES

    first = check(library, cache_file, "--json", max_bytes=DEFAULT_MAX_BYTES)
    assert codes(first[1]) >= ACROSS | BESIDE
    CHANGES[change](library, cache_file)
    decoded.clear()
    judged.clear()
    cached = check(library, cache_file, "--json", max_bytes=DEFAULT_MAX_BYTES)
    seen_judged, seen_decoded = set(judged), set(decoded)
    cold = check(library, None, "--json", max_bytes=DEFAULT_MAX_BYTES)
    assert cached[:2] == cold[:2]
    if change == "nothing":
        assert cached == first
    naming = {
        problem["path"].split("/lib/", 1)[-1]
        for problem in json.loads(cold[1])["problems"]
        if problem["code"].startswith("related-")
    }
    if change == "the cache corrupted":
        assert len(seen_judged) > 60  # every file judged again, and none decoded for it
    assert seen_decoded <= naming


def test_a_cold_check_parses_each_file_once(
    library: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loads made while judging go to the reader's index: the library loaded for the
    warnings across briefs parses only the files whose read failed (never kept)."""
    from briefing.brief.outcome import DEFAULT_MAX_BYTES
    from briefing.store import parallel

    parsed: list[str] = []
    real = parallel.load_stamped

    def counting(path: Path, *args: Any) -> Any:
        parsed.append(str(path.relative_to(library)))
        return real(path, *args)

    monkeypatch.setattr(parallel, "load_stamped", counting)
    code, out, _ = check(library, cache_file, max_bytes=DEFAULT_MAX_BYTES)
    assert sorted(parsed) == ["hostile/dangling.yaml", "hostile/fifo.yaml"]
    assert (code, out) == check(library, None, max_bytes=DEFAULT_MAX_BYTES)[:2]


def test_a_check_leaves_the_index_a_serial_load_would(library: Path, cache_file: Path) -> None:
    """The loads a check gives the reader's index (their facts encoded where each was
    judged, nothing decoded) are the rows a load of the library writes."""

    from briefing.brief.outcome import DEFAULT_MAX_BYTES
    from briefing.store.index import Index
    from briefing.store.library import Library

    def rows(path: Path) -> list[Any]:
        with sqlite_file(path) as db:
            files = sorted(db.execute("SELECT path, size, mtime_ns, payload FROM files"))
            return files + sorted(db.execute("SELECT * FROM facts"))

    check(library, cache_file, max_bytes=DEFAULT_MAX_BYTES)
    checked = Path(os.environ["XDG_CACHE_HOME"]) / "briefing" / "index.sqlite3"
    index = Index(cache_file.parent / "serial.sqlite3")
    Library([library], index=index).load_all()
    index.close()
    assert len(rows(index.path)) > 120
    assert rows(checked) == rows(index.path)


def test_an_article_that_cannot_be_read_is_never_kept(
    library: Path, cache_file: Path, judged: list[str]
) -> None:
    """A failed read says nothing of the brief: it is judged again on every run."""
    article = library / "seeds" / "extra.txt"
    article.unlink()
    os.mkfifo(article)
    for _ in range(2):
        _, out, _ = same_as_cold(library, cache_file, judged=judged)
        assert "briefs/citing.yaml" in judged
        assert "article file '../seeds/extra.txt' cannot be read: it is a FIFO" in out
    article.unlink()
    article.write_text(EXTRA_ARTICLE)
    _, out, _ = same_as_cold(library, cache_file, judged=judged)
    assert "citing.yaml" not in out


def test_strict_and_size_limit_share_nothing_they_should_not(
    library: Path, cache_file: Path
) -> None:
    """A verdict kept under one size limit is not reused under another."""
    for limit in (MAX_BYTES, 1000, MAX_BYTES):
        cached = check(library, cache_file, max_bytes=limit)
        cold = check(library, None, max_bytes=limit)
        assert cached[:2] == cold[:2]
    for options in MODES:
        same_as_cold(library, cache_file, *options)


# -- a cache that cannot be trusted ----------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(3000))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flipped(path: Path) -> None:
    """One byte of a kept verdict changed: still valid JSON, but not what was written."""
    data = bytearray(path.read_bytes())
    at = data.index(b"is not allowed in a brief")
    data[at] = ord("I")
    path.write_bytes(bytes(data))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path) -> None:
    path.write_text("[core]\n\trepositoryformatversion = 0\n")


def _a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")


def _a_fifo(path: Path) -> None:
    """Opened as a plain file, a FIFO blocks until someone writes to it: check would hang."""
    path.unlink()
    os.mkfifo(path)


def _forged(path: Path) -> None:
    """A body with a sound checksum but an entry of the wrong shape is not trusted either."""
    head, checker, _, body = path.read_bytes().split(b"\n", 3)
    whole = json.loads(body)
    entries = whole[0]
    key = next(iter(entries))
    entries[key][5] = -1  # a negative quote count
    body = json.dumps(whole).encode()
    path.write_bytes(b"\n".join([head, checker, verdicts.digest(body).encode(), body]))


DAMAGE = {
    "garbage": (_garbage, "not a briefing verdict cache"),
    "truncated": (_truncated, "damaged"),
    "flipped byte": (_flipped, "checksum"),
    "empty": (_empty, "not a briefing verdict cache"),
    "foreign": (_foreign, "not a briefing verdict cache"),
    "a folder": (_a_folder, "cannot read it"),
    "a FIFO": (_a_fifo, "cannot read it (it is a FIFO"),
    "forged": (_forged, "damaged"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_cache_is_ignored_with_one_warning_and_replaced(
    library: Path, cache_file: Path, judged: list[str], kind: str
) -> None:
    damage, reason = DAMAGE[kind]
    first = same_as_cold(library, cache_file)
    damage(cache_file)
    code, out, err = same_as_cold(library, cache_file, judged=judged)
    assert (code, out) == first[:2]
    assert len(judged) > 60  # nothing in it was used
    assert err.count("\n") == 1 and err.startswith("briefing check: warning: verdict cache ")
    assert reason in err
    if kind != "a folder":  # replaced by a sound one: the next run trusts it, silently
        assert same_as_cold(library, cache_file, judged=judged) == first
        assert sorted(judged) == sorted(UNJUDGEABLE)


def test_an_unwritable_cache_is_one_warning_never_a_failure(tmp_path: Path, library: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    cache_file = blocker / "briefing" / "verdicts"
    cold = check(library, None)
    for _ in range(2):
        code, out, err = check(library, cache_file)
        assert (code, out) == cold[:2]
        assert err.count("\n") == 1 and "cannot write the verdict cache" in err


def test_another_checker_version_is_replaced_without_a_word(
    library: Path, cache_file: Path, judged: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = same_as_cold(library, cache_file)
    monkeypatch.setattr(verdict_cache, "checker", lambda: "0" * 32)
    assert same_as_cold(library, cache_file, judged=judged) == first  # no warning: not damaged
    assert len(judged) > 60


def test_the_checker_digest_follows_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule changed in ``briefing.brief`` makes every kept verdict stale."""
    import briefing.brief

    package = tmp_path / "brief"
    shutil.copytree(Path(briefing.brief.__file__).parent, package)
    monkeypatch.setattr(briefing.brief, "__file__", str(package / "__init__.py"))
    before = verdicts.checker()
    assert verdicts.checker() == before
    (package / "validate.py").write_text((package / "validate.py").read_text() + "\n# changed\n")
    assert verdicts.checker() != before


def test_the_checker_digest_follows_the_parser_not_its_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytecode written into the parser's ``__pycache__`` (a first import in a fresh install,
    perhaps by a check running beside this one) keeps every verdict; a changed parser file
    does not."""
    import importlib.util

    yaml = tmp_path / "yaml"
    (yaml / "__pycache__").mkdir(parents=True)
    (yaml / "__init__.py").write_text("")
    (yaml / "scanner.py").write_text("# the scanner\n")
    real = importlib.util.find_spec
    spec = importlib.util.spec_from_file_location(
        "yaml", yaml / "__init__.py", submodule_search_locations=[str(yaml)]
    )
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: spec if name == "yaml" else real(name, *a)
    )
    before = verdicts.checker()
    (yaml / "__pycache__" / "scanner.cpython-311.pyc").write_bytes(b"bytecode")
    os.utime(yaml / "__pycache__", ns=(1, 1))  # however coarse the clock, the folder changed
    assert verdicts.checker() == before
    (yaml / "scanner.py").write_text("# the scanner, changed\n")
    assert verdicts.checker() != before


def test_no_cache_neither_reads_nor_writes_it(
    library: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["check", "--no-cache", str(library / "briefs")]) == 0
    assert not (tmp_path / "xdg").exists()
    cold = capsys.readouterr()
    assert main(["check", str(library / "briefs")]) == 0
    assert (tmp_path / "xdg" / "briefing" / "verdicts").is_file()
    assert capsys.readouterr() == cold


def test_the_command_caches_beside_the_index(library: Path, tmp_path: Path) -> None:
    """As a user runs it: the same bytes twice, the second time from the cache."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONDONTWRITEBYTECODE": "1"}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "briefing", "check", *args, "lib"],
            cwd=tmp_path,
            capture_output=True,
            env=env,
            timeout=60,
        )
        for args in ([], [], ["--no-cache"])
    ]
    assert {(r.returncode, r.stdout, r.stderr) for r in runs} == {(1, runs[0].stdout, b"")}
    assert b"Traceback" not in runs[0].stdout
    assert (tmp_path / "xdg" / "briefing" / "verdicts").is_file()


GOOD = [
    "0" * 32,
    "briefs/a",
    100,
    [["/seeds/a.txt", "1" * 32], ["/seeds/gone.txt", None]],
    [[3, 1, "warning", "unknown key 'rol'", None, "unknown-key"]],
    2,
    1,
    [7],
]
BROKEN: dict[str, Callable[[list[Any]], Any]] = {
    "not a list": lambda v: tuple(v),
    "too short": lambda v: v[:7],
    "digest a number": lambda v: [1, *v[1:]],
    "id missing": lambda v: [v[0], None, *v[2:]],
    "limit negative": lambda v: [*v[:2], -1, *v[3:]],
    "limit a bool": lambda v: [*v[:2], True, *v[3:]],
    "article of one": lambda v: [*v[:3], [["/a"]], *v[4:]],
    "article digest a number": lambda v: [*v[:3], [["/a", 5]], *v[4:]],
    "problem of five": lambda v: [*v[:4], [[3, 1, "warning", "x", None]], *v[5:]],
    "problem severity": lambda v: [*v[:4], [[3, 1, "fatal", "x", None, "c"]], *v[5:]],
    "problem line text": lambda v: [*v[:4], [["3", 1, "error", "x", None, "c"]], *v[5:]],
    "more verified than quotes": lambda v: [*v[:5], 1, 2, v[7]],
    "quote count a float": lambda v: [*v[:5], 2.0, *v[6:]],
    "line negative": lambda v: [*v[:7], [-3]],
    "line a bool": lambda v: [*v[:7], [True]],
    "lines a mapping": lambda v: [*v[:7], {"7": 7}],
}


def test_a_sound_verdict_round_trips() -> None:
    assert Verdict.decode(GOOD).encode() == GOOD


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_verdict_of_the_wrong_shape_is_refused(kind: str) -> None:
    with pytest.raises(ValueError, match="malformed verdict"):
        Verdict.decode(BROKEN[kind](list(GOOD)))
