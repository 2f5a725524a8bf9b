"""The key bar: the focused widget's keys in the first frame, clickable, compact when narrow."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, main_of, screen_text, settle
from textual.pilot import Pilot

from briefing.ui.screens.help import HelpScreen
from briefing.ui.widgets.footer import KeysFooter


def _bar(pilot: Pilot[None]) -> KeysFooter:
    return pilot.app.screen.query_one(KeysFooter)


def _last_line(pilot: Pilot[None]) -> str:
    return screen_text(pilot).split("\n")[-1]


def _column_of(pilot: Pilot[None], text: str) -> int:
    line = _last_line(pilot)
    assert text in line, line
    return line.index(text)


async def test_the_keys_are_in_the_first_frame(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        # No settling: what the first refresh drew.
        await pilot.pause()
        line = _last_line(pilot)
        assert "/ Search" in line
        assert "? Help" in line
        assert line.rstrip().endswith("▏^p Commands")
        assert len(line) == 120 and line.endswith(" ")


async def test_the_keys_follow_the_focus(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "s Source" not in _last_line(pilot)
        main_of(pilot).focus_pane("quotes")
        await pilot.pause()
        assert "s Source" in _last_line(pilot)  # a key of the quotes pane only


async def test_clicking_a_key_presses_it(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        column = _column_of(pilot, "? Help")
        await pilot.click(KeysFooter, offset=(column + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_clicking_between_keys_does_nothing(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = _last_line(pilot)
        gap = line.index("▏") - 2  # the blank run before the palette key
        assert line[gap] == " "
        await pilot.click(KeysFooter, offset=(gap, 0))
        await pilot.pause()
        assert app.screen is main_of(pilot)


async def test_the_key_under_the_mouse_is_marked(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = _bar(pilot)
        column = _column_of(pilot, "/ Search")
        await pilot.hover(KeysFooter, offset=(column + 1, 0))
        await pilot.pause()
        assert bar.hover is not None
        key = bar.key_at(column + 1)
        assert key is not None and key.description == "Search"
        await pilot.hover(KeysFooter, offset=(_column_of(pilot, "▏") - 2, 0))
        await pilot.pause()
        assert bar.hover is None


async def test_narrow_terminals_get_the_compact_bar(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _bar(pilot).compact
        line = _last_line(pilot)
        assert "q Quit ? Help" in line  # wide, it reads " q Quit  ? Help "
        assert line.rstrip().endswith("▏^p Commands")


async def test_a_remapped_key_shows_as_remapped(library: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"briefing.search" = "f"\n', "utf-8")
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = _last_line(pilot)
        assert "f Search" in line and "/ Search" not in line


async def test_keys_that_do_not_fit_are_left_out_whole(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")  # the quotes pane: the most keys
        await pilot.pause()
        line = _last_line(pilot)
        assert line.rstrip().endswith("▏^p Commands")
        shown = line[: line.index("▏")].split()
        bar = _bar(pilot)
        descriptions = {key.description for key in bar.keys()[0]}
        # every word left of the palette key is a whole key or a whole description
        words = {word for key in bar.keys()[0] for word in (key.display, *key.description.split())}
        assert set(shown) <= words
        assert shown[-1] in {w for d in descriptions for w in d.split()}  # ends on a description
