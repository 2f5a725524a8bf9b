"""Fixtures for the reader's tests: an isolated home and a fresh copy of the test library."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from terminals import COMMAND, Terminal
from terminals import DATA as E2E_LIBRARY
from textual.widgets import Input

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the user's config or cache; animations and blink off."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    # `y` must not reach the clipboard of the machine running the tests, nor its tmux.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX", "STY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    yield


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A writable copy of ``tests/ui/data``: returns its ``library`` folder."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root / "library"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """``terminal(width, height, env="", command=...)``: a tmux session of the test's own
    running the installed command (by default on the test library), closed afterwards."""
    if shutil.which("tmux") is None or not COMMAND.exists():
        pytest.skip("needs tmux and the installed briefing command (make test installs both)")
    opened: list[Terminal] = []
    home = tmp_path / "home"
    # Under pytest the environment holds COLUMNS=80 and LINES=24, and a tmux server started
    # from here passes them to the pane: gone, unless a test sets them on purpose.
    base = (
        f"env -u COLUMNS -u LINES HOME={home} XDG_CONFIG_HOME={home}/config "
        f"XDG_CACHE_HOME={home}/cache"
    )

    def open_terminal(
        width: int, height: int, env: str = "", command: str = f"{COMMAND} {E2E_LIBRARY}"
    ) -> Terminal:
        name = f"briefing-e2e-{os.getpid()}-{len(opened)}"
        term = Terminal(name, width, height, f"{base} {env} {command}")
        opened.append(term)
        return term

    yield open_terminal
    for term in opened:
        term.close()
