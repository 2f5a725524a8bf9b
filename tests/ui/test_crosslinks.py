"""Actors and quotes point at each other: an actor marks their quotes, a quote its speaker."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, main_of, settle

from briefing.ui import render
from briefing.ui.widgets.panes import ActorsPane, QuotesPane


def marked_rows(pane: ActorsPane | QuotesPane) -> list[int]:
    return [
        i
        for i, option in enumerate(pane.options)
        if isinstance(option.prompt, render.Hanging) and option.prompt.gutter.plain.startswith("●")
    ]


async def test_moving_onto_an_actor_marks_their_quotes(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        actors, quotes = main.query_one(ActorsPane), main.query_one(QuotesPane)
        await pilot.press("2")
        assert marked_rows(quotes) == [0, 2]  # Marta Rojas said quotes 0 and 2
        assert quotes.highlighted == 0
        assert "2 by Marta Rojas" in str(quotes.border_subtitle)
        await pilot.press("j")  # Tomás Figueroa
        assert marked_rows(quotes) == [1]
        assert quotes.highlighted == 1
        await pilot.press("j")  # the port authority: no quotes
        assert marked_rows(quotes) == []
        assert "none by Port authority" in str(quotes.border_subtitle)
        assert marked_rows(actors) == []


async def test_moving_onto_a_quote_marks_its_speaker(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        actors, quotes = main.query_one(ActorsPane), main.query_one(QuotesPane)
        await pilot.press("3")
        assert marked_rows(actors) == [0]
        await pilot.press("j")
        assert marked_rows(actors) == [1]
        assert actors.highlighted == 1
        await pilot.press("G")  # the shipping agents' quote
        assert marked_rows(actors) == [3]
        assert marked_rows(quotes) == []


async def test_quote_rows_show_speaker_names_and_verification(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quotes = main_of(pilot).query_one(QuotesPane)
        rows = [option.prompt.plain for option in quotes.options]  # type: ignore[union-attr]
        assert rows[0].startswith("  ✓ Marta Rojas\n“We will not load")
        assert rows[1].startswith("  ✓ Tomás Figueroa")
        assert rows[3].startswith("  ✗ Shipping agents")
        assert not any("rojas\n" in row or "figueroa" in row for row in rows)
