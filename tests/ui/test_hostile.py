"""Brief text that looks like markup is shown exactly as written, everywhere."""

from __future__ import annotations

import os
from pathlib import Path

from pilot_helpers import app_for, main_of, notices, screen_text, settle
from textual.command import CommandPalette

from briefing.ui.palette import ActorsProvider, BriefsProvider, QuotesProvider
from briefing.ui.screens.details import DetailsScreen

TITLE = "[bold]Beta[/bold] brief with [/] and $name"
ACTOR = "[b]Mallory[/b] [/] $name"
QUOTE = "[@click=app.quit]quit now[/] and [bold]shout[/bold] $name"
QUESTION = "Does [/] break the [link=https://x]reader[/link]?"


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_hostile_strings_are_literal_in_every_pane(library: Path) -> None:
    app = app_for(library / "beta.yaml")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = flat(screen_text(pilot))
        for literal in (
            TITLE,
            "#[red]tag[/red] #$var",
            "[i]Outlet[/i] $outlet",
            ACTOR,
            "[link=https://evil.example]role[/link]",
            QUOTE,
            QUESTION,
            "[bold]markup-like[/bold] words, a stray [/] tag",
            "[@click=app.quit]click me[/] and $name variables",
        ):
            assert literal in text, literal
        await pilot.press("2")  # the cross-link subtitle names the actor
        await pilot.press("3")
        assert ACTOR in flat(screen_text(pilot))
        assert app.is_running


async def test_hostile_strings_are_literal_in_details(library: Path) -> None:
    app = app_for(library / "beta.yaml")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        text = flat(screen_text(pilot))
        for literal in (ACTOR, "Also called: [@click=app.quit]", QUOTE, QUESTION):
            assert literal in text, literal
        assert "Notes with [bold]tags[/bold] and [/] inside." in text
        await pilot.press("escape", "3", "enter")
        await pilot.pause()
        text = flat(screen_text(pilot))
        assert f"“{QUOTE}”" in text
        assert "Context: [dim]context[/dim]" in text


async def test_hostile_strings_are_literal_in_search_results(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"mallory")
        await pilot.pause()
        assert ACTOR in flat(screen_text(pilot))
        await pilot.press("enter")
        main = main_of(pilot)
        assert main.current is not None and main.current.id == "beta"
        assert TITLE in flat(screen_text(pilot))


async def test_hostile_strings_are_literal_in_the_palette(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket", "ctrl+p")  # beta: newer than alpha
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"mallory")
        for _ in range(50):
            await pilot.pause()
            if ACTOR in flat(screen_text(pilot)):
                break
        assert ACTOR in flat(screen_text(pilot))
        await pilot.press("enter")
        await pilot.pause()
        main = main_of(pilot)
        shown: object = app.screen  # after the palette: not what the assertion above says
        assert shown is main
        # The actor and Mallory's quote both match; either way the item is selected.
        assert main.selected_item() in (("actors", 0), ("quotes", 0))


async def test_providers_build_literal_prompts(library: Path) -> None:
    """Textual's Matcher.highlight would parse these as markup; ours must not."""
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")  # beta: newer than alpha
        screen = app.screen
        for provider_class, query, expected in (
            (BriefsProvider, "beta", TITLE),
            (ActorsProvider, "mallory", ACTOR),
            (QuotesProvider, "shout", QUOTE),
        ):
            provider = provider_class(screen)
            hits = [hit async for hit in provider.search(query)]
            assert hits, provider_class.__name__
            assert any(expected in hit.prompt.plain for hit in hits)  # type: ignore[union-attr]
            found = [hit async for hit in provider.discover()]
            assert any(expected in hit.prompt.plain for hit in found)  # type: ignore[union-attr]


async def test_an_article_that_is_a_fifo_neither_hangs_the_start_nor_the_source_view(
    library: Path,
) -> None:
    article = library.parent / "articles" / "alpha.txt"
    article.unlink()
    os.mkfifo(article)  # read, it would block the first screen's parse, then the `s` key
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entry = app.keeper.entry("alpha")
        assert entry is not None and "source-file-unreadable" in [p.code for p in entry.problems]
        await pilot.press("3", "s")
        await pilot.pause()
        assert any("it is a FIFO (named pipe)" in n for n in notices(pilot))
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
