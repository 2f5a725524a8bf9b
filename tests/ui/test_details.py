"""Enter opens an item's details; escape goes back to where the user was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fake_programs import fake
from pilot_helpers import app_for, notices, screen_text, settle, wait_for
from textual.widgets import Static

from briefing.ui.screens.details import DetailsScreen
from briefing.ui.screens.main import MainScreen
from briefing.ui.widgets.panes import ActorsPane, QuotesPane


def details_text(screen: DetailsScreen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_actor_details_show_everything_about_them(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        text = details_text(screen)
        for expected in (
            "Marta Rojas",
            "Leader of the port workers' union",
            "Port workers' union",
            "Also called: Rojas",
            "Quotes (2)",
            "We will not load a single ship until the contracts are signed",
            "as long as it takes",
            "Open questions (1)",
            "Will the union accept the port authority's offer?",
        ):
            assert expected in text, expected
        assert "Has led the union since 2019." in screen_text(pilot)  # notes, as Markdown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, ActorsPane)
        assert app.focused.highlighted == 0


async def test_quote_details_show_source_context_and_verification(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        text = details_text(screen)
        for expected in (
            "“We will not load a single ship until the contracts are signed”",
            "Speaker: Marta Rojas, Leader of the port workers' union",
            "Source: Example Wire",
            "Title: Dockworkers walk out in Valparaíso",
            "Date: 2024-03-04",
            "URL: https://example.org/strike",
            "Context: At the gates of the port on Monday.",
            "✓ verified in the source text",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        assert isinstance(app.focused, QuotesPane)


async def test_unverified_quote_shows_closest_passage(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "G", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        text = details_text(screen)
        assert "✗ not found in the source text" in text
        assert "Closest passage in the source" in text


async def test_question_details(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        text = details_text(screen)
        assert "Will the union accept the port authority's offer?" in text
        assert "Actors: Marta Rojas, Port authority of Valparaíso" in text


async def test_source_key_opens_the_article_at_the_quote(library: Path) -> None:
    from briefing.ui.screens.source import SourceScreen

    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        assert screen.passage is not None
        start, end = screen.passage
        assert screen.article_text[start:end] == (
            "We will not load a single ship until the contracts are signed"
        )
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter", "s")  # from the quote's details too
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_source_key_without_an_article_explains(library: Path) -> None:
    app = app_for(library / "beta.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("names no source article" in n for n in notices(pilot))


async def test_copy_puts_the_item_with_attribution_on_the_clipboard(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "y")
        assert app.clipboard == (
            "“We will not load a single ship until the contracts are signed” "
            "(Marta Rojas, Leader of the port workers' union; Example Wire, "
            "“Dockworkers walk out in Valparaíso”, 2024-03-04 <https://example.org/strike>)"
        )
        await pilot.press("2", "j", "y")
        assert app.clipboard == (
            "Tomás Figueroa (Director of the port authority), in “Harbour strike in Valparaíso”"
        )
        await pilot.press("1", "y")
        assert app.clipboard.startswith("Harbour strike in Valparaíso\n\nDockworkers at the port")
        assert app.clipboard.endswith("Sources: Example Wire, Radio Puerto")
        # No clipboard program here: the notice says the text was sent, not that it was copied.
        await wait_for(pilot, lambda: any("The summary sent" in n for n in notices(pilot)))
        assert not any(n.startswith("Copied") for n in notices(pilot))


async def test_copy_says_which_way_the_text_went(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "wl-copy", f'cat > "{tmp_path}/got"')
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "y")
        await wait_for(pilot, lambda: any(n.startswith("Copied quote") for n in notices(pilot)))
        assert (tmp_path / "got").read_text(encoding="utf-8") == app.clipboard
        assert any("copied with wl-copy" in n for n in notices(pilot))


async def test_copy_under_tmux_that_drops_it_says_nothing_was_copied(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "tmux", "echo external")
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "y")
        await wait_for(pilot, lambda: any("not copied" in n for n in notices(pilot)))
        (notice,) = [n for n in notices(pilot) if "not copied" in n]
        assert notice.startswith("Actor not copied: Nothing reached a clipboard")
        assert "tmux set -g set-clipboard on" in notice
        assert not any(n.startswith("Copied") for n in notices(pilot))
