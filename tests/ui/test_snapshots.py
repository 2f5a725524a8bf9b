"""A few SVG snapshots of whole screens: layout regressions a state assertion would miss.

Fixed data (tests/ui/data), paths shown relative to the repository, no clock, no cursor
blink. Update with ``pytest tests/ui/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pilot_helpers import app_for, main_of, settle, settle_reading
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


ON_ALPHA = ("0", "j")
"""From beta, the newest, where the reader opens, down the list to alpha: the brief with
most to show (actors, quotes, a warning in its banner)."""


def keys(*presses: str) -> Callable[[Pilot[None]], object]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
        await settle(pilot)
        await settle_reading(pilot)  # the mark of the brief on screen: gone

    return run


def test_main_screen_wide(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys(*ON_ALPHA, "2"))


def test_main_screen_narrow(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(80, 24), run_before=keys(*ON_ALPHA, "3"))


def test_search_results(snap_compare: Callable[..., bool]) -> None:
    presses = (*ON_ALPHA, "slash", "s", "h", "i", "p", "s")
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys(*presses))


def test_actor_details(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(
        library_app(), terminal_size=(120, 40), run_before=keys(*ON_ALPHA, "2", "enter")
    )


def test_error_state(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(library_app(), terminal_size=(120, 40), run_before=keys("G"))


def people_app() -> BriefingApp:
    return app_for(Path("tests/ui/data/people"))


def test_dossier(snap_compare: Callable[..., bool]) -> None:
    """Coup in Niger's general: his actor details, then `d`, the cursor on his second brief."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        main_of(pilot).show_entry("niger-coup")  # wherever the sorted list puts it
        for key in ("2", "enter", "d", "j"):
            await pilot.press(key)
        await settle(pilot)

    assert snap_compare(people_app(), terminal_size=(120, 40), run_before=run)


def test_library_timeline(snap_compare: Callable[..., bool]) -> None:
    presses = ("t", "j", "j", "j")
    assert snap_compare(people_app(), terminal_size=(120, 40), run_before=keys(*presses))


def test_library_timeline_narrow(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(people_app(), terminal_size=(80, 24), run_before=keys("t", "G"))
