"""A few SVG snapshots of whole screens: layout regressions a state assertion would miss.

Fixed data (tests/ui/data), paths shown relative to the repository, no clock, no cursor
blink. Update with ``pytest tests/ui/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pilot_helpers import app_for, settle, settle_reading
from textual.pilot import Pilot

from briefing.ui.app import BriefingApp

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def from_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in banners are shown relative to the working folder: make that fixed."""
    monkeypatch.chdir(REPO)


def library_app() -> BriefingApp:
    return app_for(Path("tests/ui/data/library"))


def keys(*presses: str) -> Callable[[Pilot[None]], object]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
        await settle(pilot)
        await settle_reading(pilot)  # the mark of the brief on screen: gone

    return run


def test_main_screen_wide(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys("2"))


def test_main_screen_narrow(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(80, 24), run_before=keys("3"))


def test_search_results(snap_compare: Callable[..., bool]) -> None:
    presses = ("slash", "s", "h", "i", "p", "s")
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys(*presses))


def test_actor_details(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys("2", "enter"))


def test_error_state(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys("G"))
