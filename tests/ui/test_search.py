"""Search as you type across every brief; enter jumps, n/N walk, escape clears."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import app_for, main_of, open_brief, settle, type_query, wait_for
from textual.widgets import Input, OptionList, Static

from briefing.search.items import Hit, Kind
from briefing.ui.pane import Pane
from briefing.ui.widgets.panes import ActorsPane, QuotesPane
from briefing.ui.widgets.search import HitRow
from briefing.ui.widgets.summary import SummaryScroll


def results(pilot: object) -> OptionList:
    return main_of(pilot).query_one("#search-results", OptionList)  # type: ignore[arg-type]


def count_line(pilot: object) -> str:
    return str(main_of(pilot).query_one("#search-count", Static).render())  # type: ignore[arg-type]


async def test_slash_opens_the_box_and_results_follow_each_keystroke(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        assert main.has_class("-searching")
        counts = []
        for key in "ship signed":
            await pilot.press(key if key != " " else "space")
            result = main.search_panel.search.result
            counts.append(result.count if result else 0)
        assert counts[:4] == sorted(counts[:4], reverse=True)  # "s" ... "ship" narrow it down
        assert counts[0] > counts[3] > counts[-1] == 2  # both words in one item: two hits
        assert count_line(pilot) == "2 hits"
        rows = [option.prompt for option in results(pilot).options]
        assert rows[0].plain.startswith("summary")  # type: ignore[union-attr]
        assert "Harbour strike in Valparaíso" in rows[1].plain  # type: ignore[union-attr]
        assert rows[1].plain.startswith("quote       Quote by Marta Rojas")  # type: ignore[union-attr]
        quote = rows[1]
        assert isinstance(quote, HitRow)  # built when first drawn or read
        body = quote.hanging.body
        styled = {body.plain[s.start : s.end] for s in body.spans if "reverse" in str(s.style)}
        assert {"ship", "signed"} <= {t.lower() for t in styled}


async def test_a_quoted_phrase_matches_exactly(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"fair and final"')
        assert count_line(pilot) == "2 hits"
        await pilot.press(*"x")
        await pilot.press("backspace", "backspace")
        await pilot.press("ctrl+u")  # clear the box
        await pilot.press(*'"final fair"')
        await pilot.pause()
        assert count_line(pilot) == "No hits"
        assert results(pilot).option_count == 0


async def test_search_ignores_accents_and_case(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "VALPARAISO")
        assert count_line(pilot) == "4 hits"


async def test_enter_jumps_to_the_item_and_selects_it(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await type_query(pilot, '"fair and final"')
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not main.has_class("-searching")
        assert isinstance(app.focused, QuotesPane)
        assert app.focused.highlighted == 1
        status = str(main.query_one("#status", Static).render())
        assert status.startswith('Hit 2 of 2 for “"fair and final"”')


async def test_n_and_shift_n_walk_hits_across_briefs(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_brief(pilot, "alpha")
        main = main_of(pilot)
        await type_query(pilot, "[bold]")
        await pilot.press("enter")
        assert main.current is not None and main.current.id == "beta"
        assert isinstance(app.focused, SummaryScroll)  # hit 1: the title
        await pilot.press("n", "n")
        assert isinstance(app.focused, ActorsPane) and app.focused.highlighted == 0
        await pilot.press("n")
        assert isinstance(app.focused, QuotesPane) and app.focused.highlighted == 0
        await pilot.press("n")  # wraps to the first hit
        assert main.search_panel.search.at == 0
        await pilot.press("N")
        assert main.search_panel.search.at == 3 and isinstance(app.focused, QuotesPane)


async def test_a_timeline_hit_scrolls_to_the_entry(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_brief(pilot, "alpha")  # the hit is in the brief on screen
        main = main_of(pilot)
        await type_query(pilot, "ships")
        labels = [o.prompt.plain.split()[0] for o in results(pilot).options]  # type: ignore[union-attr]
        await pilot.press(*["down"] * labels.index("timeline"), "enter")
        assert isinstance(app.focused, SummaryScroll)
        entry = main.summary.entries["timeline", 2]
        scroll = main.query_one(SummaryScroll)
        await wait_for(pilot, lambda: entry.has_class("-hit") and scroll.scroll_y > 0)
        await pilot.pause()
        assert scroll.region.contains_region(entry.region)


async def test_a_hit_in_another_briefs_timeline_is_revealed_once_it_renders(
    library: Path,
) -> None:
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("left_square_bracket")  # on beta; the hit is in alpha
        await settle(pilot)
        main.jump_to_item("alpha", Pane.SUMMARY, 2, "timeline")
        await settle(pilot)
        entry = main.summary.entries["timeline", 2]
        scroll = main.query_one(SummaryScroll)
        # Marked, then scrolled to: again a frame later, once the Markdown above is laid out.
        await wait_for(pilot, lambda: entry.has_class("-hit") and scroll.scroll_y > 0)
        await pilot.pause()
        assert scroll.region.contains_region(entry.region)


async def test_escape_clears_the_search(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("2")
        await type_query(pilot, "ships")
        await pilot.press("escape")
        assert not main.has_class("-searching")
        assert main.query_one("#search-input", Input).value == ""
        assert main.hits == ()
        assert isinstance(app.focused, ActorsPane)
        # escape on the main screen also drops hits kept after a jump
        await type_query(pilot, "ships")
        await pilot.press("enter")
        assert main.hits
        await pilot.press("escape")
        assert main.hits == ()
        assert not main.query_one("#status", Static).display


async def test_only_the_hits_on_screen_are_built_and_a_row_stays_two_lines(
    library: Path,
) -> None:
    """A hit's snippet and prompt are made when its row is drawn (or read): a query typed
    over a large library lists 200 hits, and at most a screen of them are ever shown."""
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "a")
        options = results(pilot).options
        rows = [option.prompt for option in options]
        assert all(isinstance(row, HitRow) for row in rows)
        shown = results(pilot).scrollable_content_region.height // HitRow.HEIGHT + 1
        built = [row for row in rows if row._built is not None]  # type: ignore[union-attr]
        assert len(rows) > shown and 0 < len(built) <= shown
        results(pilot).action_last()  # the last hit: built as it comes on screen
        await pilot.pause()
        assert rows[-1]._built is not None  # type: ignore[union-attr]


def test_a_hit_row_is_two_lines_whatever_its_title_or_label_holds() -> None:
    """The hits list counts two lines a row without building it: a line break in a
    brief's title or an item's label is joined into the row's first line."""
    hit = Hit("b", Kind.ACTOR, 0, "Gen.\nLangley", "the general said", ((4, 11),), 3)
    row = HitRow([hit], 0, lambda _id: "A title\nwritten on two lines")
    assert row.hanging.body.plain == "Gen. Langley  A title written on two lines\nthe general said"
    assert row.get_height({}, 80) == HitRow.HEIGHT == len(row.hanging.body.plain.splitlines())
