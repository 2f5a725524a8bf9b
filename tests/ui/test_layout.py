"""Layout by terminal size: all panes when wide, one at a time when narrow, a message when tiny."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, main_of, screen_text, settle
from textual.widget import Widget

from briefing.ui.pane import BRIEF_PANES as PANES


def visible(widget: Widget) -> bool:
    """Displayed, with every ancestor displayed, and given room on screen."""
    node: Widget | None = widget
    while node is not None:
        if not node.display:
            return False
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return widget.region.area > 0


async def test_wide_shows_list_and_four_panes(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert not main.has_class("-narrow")
        for name in ("briefs", *PANES):
            assert visible(main.pane_widget(name)), name
        text = screen_text(pilot)
        for title in ("0 Briefs", "1 Summary", "2 Actors", "3 Quotes", "4 Open questions"):
            assert title in text


async def test_single_brief_hides_the_list(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert not visible(main.pane_widget("briefs"))
        assert main.cycle_order() == list(PANES)
        assert all(visible(main.pane_widget(name)) for name in PANES)


async def test_narrow_shows_one_pane_and_every_pane_is_reachable(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert main.has_class("-narrow")
        for key, name in (("1", "summary"), ("2", "actors"), ("3", "quotes"), ("4", "questions")):
            await pilot.press(key)
            await pilot.pause()
            shown = [n for n in ("briefs", *PANES) if visible(main.pane_widget(n))]
            assert shown == [name]
            assert main.pane == name
        await pilot.press("0")
        await pilot.pause()
        assert [n for n in ("briefs", *PANES) if visible(main.pane_widget(n))] == ["briefs"]
        tabs = screen_text(pilot).splitlines()
        assert any("0 Briefs" in line and "4 Questions" in line for line in tabs)


async def test_narrow_pane_text_is_readable(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Marta Rojas" in text
        assert "We will not load a single ship" in text
        assert "Harbour strike in Valparaíso" in text


async def test_tiny_terminal_says_so_and_recovers(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        for size in ((40, 12), (20, 5), (49, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert main_of(pilot).has_class("-tiny")
            assert "Terminal too small" in " ".join(screen_text(pilot).split())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        main = main_of(pilot)
        assert main.has_class("-narrow") and not main.has_class("-tiny")
        assert main.pane == "actors" and visible(main.pane_widget("actors"))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not main.has_class("-narrow")
        assert all(visible(main.pane_widget(n)) for n in ("briefs", *PANES))
        assert app.focused is main.pane_widget("actors")


async def test_starts_tiny_without_crashing(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert "Terminal too small" in " ".join(screen_text(pilot).split())
        await pilot.press("j", "tab", "2", "slash")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "Harbour strike" in screen_text(pilot)


async def test_q_quits_a_tiny_screen_even_after_slash(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("slash", "q")
        await pilot.pause()
        assert not app.is_running


async def test_search_panel_does_not_show_through_the_too_small_message(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "h", "a")
        await pilot.pause()
        main = main_of(pilot)
        assert main.has_class("-searching")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        text = " ".join(screen_text(pilot).split())
        assert "Terminal too small" in text
        assert "hits" not in text and "Harbour" not in text
