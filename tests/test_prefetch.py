"""The forked child that readies the first screen while the reader imports Textual."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from briefing import prefetch
from briefing.index import Index
from briefing.library import Library
from briefing.prefetch import Prefetch

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the prefetch forks on Linux only")

REPO = Path(__file__).resolve().parent.parent


def _gone(pid: int) -> bool:
    """True once the child is reaped: no zombie is left behind."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _library(root: Path, count: int) -> Path:
    source = (REPO / "briefs" / "niger-russia-trainers.yaml").read_text("utf-8")
    seeds = root / "seeds"
    seeds.mkdir()
    for seed in (REPO / "seeds").iterdir():
        (seeds / seed.name).write_bytes(seed.read_bytes())
    briefs = root / "briefs"
    briefs.mkdir()
    for number in range(count):
        (briefs / f"b{number:03}.yaml").write_text(source, "utf-8")
    return briefs


def test_the_child_sends_the_listing_and_leaves_the_first_screen_in_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(prefetch, "FIRST_PARSED", 3)
    briefs = _library(tmp_path, 5)
    started = Prefetch.start([briefs])
    assert started is not None

    listing = started.listing()

    assert listing == Library([briefs]).discover_text()
    assert _gone(started.pid)
    paths = [(Path(path), ident, path) for ident, path in listing]
    cached = Index().lookup_many(paths)
    assert len(cached) == 3  # the first three were parsed and stored; the rest wait
    assert all(result.brief is not None for result in cached.values())


def test_an_answer_is_read_once(tmp_path: Path) -> None:
    started = Prefetch.fork(lambda: [("a", str(tmp_path / "a.yaml"))])
    assert started is not None
    assert started.listing() == [("a", str(tmp_path / "a.yaml"))]
    assert started.listing() is None


def test_a_child_that_fails_means_the_reader_does_the_work(tmp_path: Path) -> None:
    def broken() -> list[tuple[str, str]]:
        raise RuntimeError("disk on fire")

    started = Prefetch.fork(broken)
    assert started is not None
    assert started.listing() is None
    assert _gone(started.pid)


def test_a_child_that_never_answers_is_killed_after_the_wait(tmp_path: Path) -> None:
    def stuck() -> list[tuple[str, str]]:
        signal.pause()  # blocks until a signal: only SIGKILL comes
        return []

    started = Prefetch.fork(stuck)
    assert started is not None
    assert started.listing(timeout=0.2) is None
    assert _gone(started.pid)


def test_an_answer_of_the_wrong_shape_is_not_trusted() -> None:
    started = Prefetch.fork(lambda: [("id", 3)])  # type: ignore[list-item]
    assert started is not None
    assert started.listing() is None


def test_cancel_stops_a_child_nobody_waits_for() -> None:
    def stuck() -> list[tuple[str, str]]:
        signal.pause()
        return []

    started = Prefetch.fork(stuck)
    assert started is not None
    started.cancel()
    assert _gone(started.pid)
    assert started.listing() is None


def test_no_fork_off_linux(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Prefetch.start([tmp_path]) is None


def test_the_reader_uses_the_listing_and_does_not_walk_the_folders_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.ui.app import make_app

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 2)
    started = Prefetch.start([briefs])
    assert started is not None
    app = make_app([briefs], watch=False, prefetch=started)
    walks: list[object] = []
    real = Library.discover_text

    def counted(self: Library) -> list[tuple[str, str]]:
        walks.append(self)
        return real(self)

    monkeypatch.setattr(Library, "discover_text", counted)
    first, total = app.keeper.load_first()
    assert walks == []
    assert total == 2
    assert [entry.id for entry in first] == ["b000", "b001"]
    assert all(entry.brief is not None for entry in first)
