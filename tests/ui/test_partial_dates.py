"""A brief of format 1.1 (partial dates, an entity, related briefs) in the reader: it opens,
shows a month as a person reads it ("March 2024"; "Mar 2024" in a column of dates), and
search finds its month-dated timeline entry."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, main_of, screen_text, settle, wait_for

GOOD = Path(__file__).resolve().parent.parent / "fixtures" / "good"


async def test_partial_dates_open_and_show_as_read() -> None:
    app = app_for(GOOD / "format-1-1.yaml", GOOD / "minimal.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert main.brief is not None and main.brief.title.startswith("Partial dates")
        await pilot.press("1", "G")
        await wait_for(pilot, lambda: "Mar 2024    A month." in screen_text(pilot))
        text = screen_text(pilot)
        assert "2023        A year." in text and "2024-03-11  A day." in text
        assert " March 2024 · Sources: Associated Press" in text
        await pilot.press("/", *"a month")
        await wait_for(pilot, lambda: "Timeline 2024-03" in screen_text(pilot))
