"""Fixtures for the reader's tests: an isolated home and a fresh copy of the test library."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
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
