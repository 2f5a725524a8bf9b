"""Big briefs and big libraries stay usable: virtual lists, plain text for huge summaries."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, main_of, settle
from textual.widgets import Markdown

from briefing.ui.widgets.brieflist import BriefList
from briefing.ui.widgets.panes import QuotesPane
from briefing.ui.widgets.plaintext import PlainText
from briefing.ui.widgets.summary import MARKDOWN_LIMIT


def big_brief(path: Path, paragraphs: int, quotes: int) -> Path:
    para = "Dockworkers **stopped** work [again](https://example.org) at the port of Valparaíso. "
    summary = "\n\n".join(f"  Paragraph {i}. " + para * 4 for i in range(paragraphs))
    lines = ["title: A very long brief", "summary: |", summary.replace("\n\n", "\n\n  ")]
    lines += ["actors:", "  - id: a", "    name: Someone", "quotes:"]
    lines += [f"  - speaker: a\n    text: quote number {i}" for i in range(quotes)]
    path.write_text("\n".join(lines) + "\n")
    return path


async def test_a_huge_summary_is_plain_text_and_keys_reach_the_panes(tmp_path: Path) -> None:
    path = big_brief(tmp_path / "big.yaml", paragraphs=900, quotes=500)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=2000)
        main = main_of(pilot)
        assert main.brief is not None and len(main.brief.summary) > 20 * MARKDOWN_LIMIT
        summary = main.summary
        assert summary.plain_mode
        assert not main.query(Markdown)  # never handed to the Markdown widget
        await pilot.press("1")
        assert isinstance(app.focused, PlainText)
        # How fast is the benchmarks' business (section f); here: the keys all arrive.
        await pilot.press("G", "k", "g", "3", "G", "k")
        quotes = main.query_one(QuotesPane)
        assert quotes.option_count == 500 and quotes.highlighted == 498


async def test_a_library_of_many_briefs_is_one_virtual_list(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(400):
        (folder / f"b{number:04}.yaml").write_text(
            f"title: Brief {number}\nsummary: Summary of brief {number}.\n"
        )
    app = app_for(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=3000)
        main = main_of(pilot)
        briefs = main.query_one(BriefList)
        assert briefs.row_count == 400
        assert not briefs.children  # rows are drawn, not mounted
        await pilot.press("G")
        await settle(pilot)
        assert main.current is not None and main.current.id == "b0399"
        assert "Brief 399" in str(main.query_one("#header").render())
