"""Every key of the main screen, pressed the way a user presses it."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, choose_in_palette, main_of, settle, wait_for
from textual.command import CommandPalette
from textual.widgets import Input

from briefing.ui.bindings import SECTION_TITLES, TABLE
from briefing.ui.pane import BRIEF_PANES as PANES
from briefing.ui.screens.help import HelpScreen
from briefing.ui.widgets.brieflist import BriefList
from briefing.ui.widgets.panes import ActorsPane, QuotesPane
from briefing.ui.widgets.summary import SummaryScroll


async def test_number_keys_jump_to_panes(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert isinstance(app.focused, BriefList)  # a library opens on its list
        expected = {"1": SummaryScroll, "2": ActorsPane, "3": QuotesPane}
        for key, kind in expected.items():
            await pilot.press(key)
            assert isinstance(app.focused, kind), key
        await pilot.press("4")
        assert app.focused is main.pane_widget("questions")
        await pilot.press("0")
        assert isinstance(app.focused, BriefList)


async def test_tab_and_shift_tab_cycle_through_panes(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(main.pane)
        assert seen == [*PANES, "briefs"]
        await pilot.press("shift+tab")
        assert main.pane == "questions"
        await pilot.press("shift+tab")
        assert main.pane == "quotes"
        assert app.focused is main.pane_widget("quotes")


async def test_movement_keys_inside_a_list_pane(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        actors = main_of(pilot).query_one(ActorsPane)
        assert actors.highlighted == 0
        await pilot.press("j", "j")
        assert actors.highlighted == 2
        await pilot.press("k")
        assert actors.highlighted == 1
        await pilot.press("G")
        assert actors.highlighted == 3
        await pilot.press("g")
        assert actors.highlighted == 0
        await pilot.press("down")
        assert actors.highlighted == 1
        await pilot.press("pagedown")
        assert actors.highlighted == 3
        await pilot.press("pageup")
        assert actors.highlighted == 0


async def test_movement_keys_scroll_the_summary(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        scroll = main_of(pilot).query_one(SummaryScroll)
        assert scroll.max_scroll_y > 0
        await pilot.press("j")
        assert scroll.scroll_y == 1
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("k")
        assert scroll.scroll_y == scroll.max_scroll_y - 1
        await pilot.press("g")
        assert scroll.scroll_y == 0


async def test_brackets_step_through_briefs(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("2")  # the list is newest first: beta, alpha, gamma (undated)
        assert main.current is not None and main.current.id == "beta"
        await pilot.press("right_square_bracket")
        assert main.current.id == "alpha"
        assert main.brief_list.highlighted == 1
        await pilot.press("left_square_bracket")
        assert main.current.id == "beta"
        assert main.brief_list.highlighted == 0
        await pilot.press("left_square_bracket")
        assert main.current.id == "beta"  # stops at the start, no wrap
        await pilot.press(*["right_square_bracket"] * 3)
        assert main.current.id == "gamma"  # stops at the end
        await pilot.press("left_square_bracket")
        assert main.current.id == "alpha"


async def test_moving_in_the_list_shows_that_brief(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("j")  # down from beta, where the reader opens: the list is newest first
        await settle(pilot)
        assert main.current is not None and main.current.id == "alpha"
        assert main.query_one(ActorsPane).option_count == 4  # alpha's actors, not beta's two
        await pilot.press("enter")
        assert isinstance(app.focused, SummaryScroll)


async def test_help_lists_every_binding_and_escape_closes_it(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.help_text()
        for row in TABLE:
            assert row.binding.description in text
            assert row.binding.id is not None and row.binding.id in text
        for title in SECTION_TITLES.values():  # the source view and problems list too
            assert title in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_ctrl_p_opens_the_palette(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_q_quits(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_q_is_typed_in_the_search_box(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q", "u", "a", "y")
        await pilot.pause()
        assert app.is_running
        search = app.screen.query_one("#search-input", Input)
        assert search.value == "quay"
        await pilot.press("escape")  # leaves the box; now q quits
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keymap_from_config_moves_a_key(library: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"briefing.search" = "ctrl+f"\n"briefing.pane.actors" = "a"\n')
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("a")
        assert main.pane == "actors"
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "^f" in app.screen.help_text()


async def test_palette_runs_commands_from_the_bindings_table(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        for query, check in (
            ("Open questions pane", lambda: main.pane == "questions"),
            ("Previous brief", lambda: main.current is not None and main.current.id == "beta"),
            ("Help", lambda: isinstance(app.screen, HelpScreen)),
        ):
            await choose_in_palette(pilot, query)
            await wait_for(pilot, check)
