"""Fixtures for driving the reader headless: a fresh copy of the test library, an app
built the way the CLI builds it, and waits on app state (never on the clock)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from briefing.ui.app import BriefingApp, make_app
from briefing.ui.screens.main import MainScreen

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the user's config or cache; animations and blink off."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    yield


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A writable copy of ``tests/ui/data``: returns its ``library`` folder."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root / "library"


def app_for(*paths: Path, watch: bool = False, **kwargs: object) -> BriefingApp:
    return make_app(list(paths), watch=watch, **kwargs)  # type: ignore[arg-type]


async def settle(pilot: Pilot[None], *, rounds: int = 200) -> None:
    """Wait until the library is loaded and the summary on screen is rendered."""
    app = pilot.app
    assert isinstance(app, BriefingApp)
    for _ in range(rounds):
        await pilot.pause()
        main = app.main
        busy = any(
            w.group in ("library", "reload", "summary", "editor") and not w.is_finished
            for w in app.workers
        )
        if main.still_loading or busy:
            continue
        summary = main.summary
        if main.brief is None or summary.rendered == main.brief.summary:
            await pilot.pause()
            return
    raise AssertionError("the reader did not settle")


async def wait_for(pilot: Pilot[None], condition: object, *, rounds: int = 300) -> None:
    """Pause until ``condition()`` is true; fail after ``rounds`` idle cycles."""
    assert callable(condition)
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition never became true")


def main_of(pilot: Pilot[None]) -> MainScreen:
    app = pilot.app
    assert isinstance(app, BriefingApp)
    return app.main


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal would show now, as plain text."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def notices(pilot: Pilot[None]) -> list[str]:
    """Titles and messages of the notifications shown so far (Textual keeps them privately)."""
    return [f"{n.title}: {n.message}" for n in pilot.app._notifications]
