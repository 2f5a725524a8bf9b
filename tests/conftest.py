"""Shared fixtures: where the brief fixtures live and how a test loads and inspects one."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from briefing.brief import yamlnodes
from briefing.brief.loader import LoadResult, load_file
from briefing.brief.problems import Problem
from briefing.store.index import Index

FIXTURES = Path(__file__).parent / "fixtures"
UI = Path(__file__).parent / "ui"

# Two kinds of property testing. ``make test`` (and CI) is a gate: each property test tries
# the same examples on every run, so it passes or fails for everyone alike, never on the
# luck of a seed, and no example database is written. ``make explore`` (the pytest option
# ``--hypothesis-profile=explore``, which the plugin loads after this) searches afresh with
# ten times the examples, keeps what fails in ``.hypothesis/`` to replay it, and prints the
# blob that reproduces it; a failure found there is committed as an ``@example``.
settings.register_profile("gate", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile("gate")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the reader's tests ``ui`` and the core's ``core``, so either runs alone."""
    for item in items:
        if UI in item.path.parents:
            item.add_marker(pytest.mark.ui)
        elif not any(item.iter_markers("e2e")) and not any(item.iter_markers("slow")):
            item.add_marker(pytest.mark.core)


Loader = Callable[[str], LoadResult]
Expect = Callable[..., Problem]


@pytest.fixture(autouse=True)
def _private_xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's config, cache or reading state, nor follows
    their ``BRIEFING_LIBRARY``; a test that needs one of them sets its own."""
    home = tmp_path_factory.mktemp("xdg")
    for name in ("CONFIG", "CACHE", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    monkeypatch.delenv("BRIEFING_LIBRARY", raising=False)


@pytest.fixture(autouse=True)
def _indexes_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close the SQLite connection of every index a test opened and still holds, once the
    test is over; what it dropped is freed as before.

    A ``sqlite3.Connection`` refers to itself through its statement cache, so one left open
    is freed by the cycle collector alone, whenever that runs, and a process running many
    tests would hold hundreds of descriptors meanwhile. The program closes the one index it
    keeps; tests make many. Closed, not flushed: nothing a test left queued is written after.
    """
    opened: weakref.WeakSet[Index] = weakref.WeakSet()
    connect = Index._connect

    def tracked(index: Index) -> sqlite3.Connection:
        opened.add(index)
        return connect(index)

    monkeypatch.setattr(Index, "_connect", tracked)
    yield
    for index in list(opened):
        with contextlib.suppress(sqlite3.Error):
            if index._db is not None:
                index._db.close()


def fresh_python(code: str) -> str:
    """What ``code`` prints when run in a fresh interpreter, which must exit 0 (else the test
    fails with its stderr): for what a process imports, or limits it sets on itself."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextlib.contextmanager
def sqlite_file(path: Path) -> Iterator[sqlite3.Connection]:
    """``sqlite3.connect(path)`` used as ``with`` uses it (committed when the block ends, or
    rolled back), and then closed, which that ``with`` never does."""
    db = sqlite3.connect(path)
    try:
        with db:
            yield db
    finally:
        db.close()


@pytest.fixture
def bad_dir() -> Path:
    return FIXTURES / "bad"


@pytest.fixture
def good_dir() -> Path:
    return FIXTURES / "good"


@pytest.fixture
def load_bad(bad_dir: Path) -> Loader:
    """Load ``tests/fixtures/bad/<name>``, shown as just its name in problems."""
    return lambda name: load_file(bad_dir / name, display=name)


@pytest.fixture
def load_good(good_dir: Path) -> Loader:
    return lambda name: load_file(good_dir / name, display=name)


def _expect(
    result: LoadResult,
    code: str,
    line: int,
    col: int,
    message: str,
    hint: str | None = None,
    *,
    severity: str = "error",
) -> Problem:
    """The one problem with ``code``, checked at its place and in its words."""
    found = [p for p in result.problems if p.code == code]
    shown = "\n".join(p.format() for p in result.problems)
    assert len(found) == 1, f"expected one '{code}' problem, got:\n{shown}"
    problem = found[0]
    assert (problem.line, problem.col) == (line, col), problem.format()
    assert problem.severity == severity, problem.format()
    assert message in problem.message, problem.format()
    if hint is not None:
        assert problem.hint is not None and hint in problem.hint, problem.format()
    return problem


@pytest.fixture
def expect() -> Expect:
    """``expect(result, code, line, col, message, hint=None)`` -> the matching problem."""
    return _expect


PARSERS = ["python"] + (["libyaml"] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test under each YAML parser PyYAML has here (libyaml and pure Python)."""
    loader = yaml.SafeLoader if request.param == "python" else yaml.CSafeLoader
    monkeypatch.setattr(yamlnodes, "_LOADER", loader)
    yield request.param
