"""The reader itself converges: the same random file-system changes as the core's state machine
(tests/test_convergence.py), against the running app, whose list, entries and focused brief
must come to show what a fresh scan finds, keeping the brief the user chose while it exists.

The app runs headless in a thread of its own (as the reader runs in its terminal); the
test reads its state on the app's thread (``call_from_thread``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from convergence import DEADLINE, View, fresh_view, machine_settings, view_of, wait_until_equal
from hypothesis import strategies as st
from hypothesis.stateful import rule
from test_convergence import DiskChanges, brief_text

from briefing.ui.app import BriefingApp, make_app


class LiveApp:
    """The reader on ``roots``, watching them, in a thread."""

    def __init__(self, roots: list[Path], cache: Path) -> None:
        self.roots = roots
        self._saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME",)}
        os.environ["XDG_CACHE_HOME"] = str(cache)
        self.app: BriefingApp = make_app(roots, watch=True, config_path=cache / "none.toml")
        self.thread = threading.Thread(
            target=lambda: self.app.run(headless=True, size=(120, 40)), daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + DEADLINE
        while not self._loaded():
            assert time.monotonic() < deadline, "the reader never finished loading"
            time.sleep(0.02)  # polling a condition, with a deadline

    def _loaded(self) -> bool:
        if not self.app.is_running:
            return False
        try:
            return bool(self.app.call_from_thread(lambda: not self.app.main.still_loading))
        except Exception:
            return False  # not mounted yet

    def on_app(self, work: Any) -> Any:
        return self.app.call_from_thread(work)

    def view(self) -> View:
        def read() -> View:
            main, keeper = self.app.main, self.app.keeper
            entries = list(main.brief_list.entries)  # the rows the list shows
            problems = keeper.library.problems if keeper.library is not None else []
            shown = view_of(entries, problems)
            current = main.current
            consistent = (
                [e.id for e in entries] == sorted(keeper.entries)
                and [e.id for e in entries] == [e.id for e in keeper.order]
                and keeper.positions == {e.id: n for n, e in enumerate(entries)}
                and (current is None) == (not entries)
                and (current is None or current.id in keeper.positions)
                and main.has_class("-empty") == (not entries)
            )
            if not consistent:
                shown["__screen__"] = ("inconsistent", None, ())
            return shown

        return self.on_app(read)  # type: ignore[no-any-return]

    def current(self) -> str | None:
        return self.on_app(lambda: self.app.main.current.id if self.app.main.current else None)  # type: ignore[no-any-return]

    def show(self, ident: str) -> None:
        self.on_app(lambda: self.app.main.show_entry(ident))

    def converge(self) -> None:
        wait_until_equal(self.view, self.roots)

    def close(self) -> None:
        if self.app.is_running:
            self.app.call_from_thread(self.app.exit)
        self.thread.join(DEADLINE)
        assert not self.thread.is_alive()
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class ReaderDiskChanges(DiskChanges):
    focused: str | None = None

    def make_live(self, roots: list[Path], cache: Path) -> LiveApp:
        return LiveApp(roots, cache)

    @rule(data=st.data())
    def focus(self, data: st.DataObject) -> None:
        """The user moves to a brief (once the reader shows what is on disk)."""
        self.settle()
        ids = sorted(k for k in fresh_view([self.root]) if k)
        if ids:
            self.focused = data.draw(st.sampled_from(ids))
            assert isinstance(self.live, LiveApp)
            self.live.show(self.focused)

    @rule()
    def settle(self) -> None:
        super().settle()
        assert isinstance(self.live, LiveApp)
        current = self.live.current()
        if self.focused is not None and self.focused in self.live.view():
            assert current == self.focused, "the focused brief was not kept"
        self.focused = current


TestReaderDiskChanges = ReaderDiskChanges.TestCase
TestReaderDiskChanges.settings = machine_settings("BRIEFING_CONVERGE_UI_EXAMPLES", 10, 10)


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[tuple[Path, LiveApp]]:
    root = tmp_path / "library"
    root.mkdir()
    for name in ("a", "b", "c"):
        (root / f"{name}.yaml").write_text(brief_text(name))
    live = LiveApp([root], tmp_path / "cache")
    yield root, live
    live.close()


def test_renamed_away_the_library_leaves_no_brief_on_screen(
    reader: tuple[Path, LiveApp], tmp_path: Path
) -> None:
    root, live = reader
    live.show("b")
    os.rename(root, tmp_path / "library.old")
    live.converge()
    assert live.current() is None
    assert "No briefs left" in live.on_app(lambda: str(live.app.main.query_one("#header").render()))
    root.mkdir()  # made again: shown again
    (root / "d.yaml").write_text(brief_text("d"))
    live.converge()
    assert live.current() == "d"


def test_a_save_during_the_first_load_is_shown(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    for n in range(2000):
        (root / f"b{n:04}.yaml").write_text(brief_text(f"n{n}"))
    live = LiveApp.__new__(LiveApp)  # started by hand: the save lands mid-load
    live.roots = [root]
    live._saved = {"XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME")}
    os.environ["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    live.app = make_app([root], watch=True, config_path=tmp_path / "none.toml")
    live.thread = threading.Thread(
        target=lambda: live.app.run(headless=True, size=(120, 40)), daemon=True
    )
    live.thread.start()
    try:
        deadline = time.monotonic() + DEADLINE
        while not live.app.keeper.entries:  # the first screen is up; the rest is loading
            assert time.monotonic() < deadline
            time.sleep(0.01)  # polling a condition, with a deadline
        (root / "b1999.yaml").write_text(brief_text("saved during the load"))
        live.converge()
        entry = live.app.keeper.entries["b1999"]
        assert entry.brief is not None and entry.brief.title == "saved during the load"
    finally:
        live.close()
