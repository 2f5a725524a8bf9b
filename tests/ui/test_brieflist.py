"""The brief list draws its rows from the entries on demand, and behaves as the OptionList
it replaced: keys (wrapping at the ends), pages, mouse, messages, rows replaced one or all.

Most tests run the widget alone in a tiny app and read its rows back from ``render_line``;
the last drives the reader, whose list must follow the brief on screen when rows move.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import app_for, main_of, settle, wait_for
from textual import events, on
from textual.app import App, ComposeResult
from textual.content import Content

from briefing.brief.model import Brief
from briefing.brief.problems import Problem
from briefing.store.library import Entry
from briefing.ui.widgets.brieflist import BriefList

HOSTILE = "[bold]x[/] [/] $name [@click=app.quit]q[/]"


def entry(
    ident: str,
    title: str = "",
    date: dt.date | None = None,
    problems: int = 0,
    broken: bool = False,
) -> Entry:
    path = Path(f"{ident}.yaml")
    brief = None if broken else Brief(ident, path, title or ident.title(), "Summary.", date=date)
    issues = [Problem(str(path), n + 1, 1, "warning", "x") for n in range(problems)]
    return Entry(ident, path, brief, issues)


def dated(count: int) -> list[Entry]:
    return [entry(f"b{n:05}", f"Brief {n}", dt.date(2024, 1, 1)) for n in range(count)]


class Host(App[None]):
    CSS = "BriefList { width: 30; height: 1fr; }"

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
        self.seen: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield BriefList()

    def on_mount(self) -> None:
        self.query_one(BriefList).add_rows(self.entries)
        self.query_one(BriefList).focus()

    @on(BriefList.Highlighted)
    def _highlighted(self, event: BriefList.Highlighted) -> None:
        self.seen.append(("highlighted", event.row))

    @on(BriefList.Selected)
    def _selected(self, event: BriefList.Selected) -> None:
        self.seen.append(("selected", event.row))


def rows(widget: BriefList) -> list[str]:
    """The list's content lines as drawn now (border and padding aside)."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def on_screen(widget: BriefList, index: int) -> bool:
    top = widget.scroll_offset.y
    first = widget._starts[index]
    return top <= first and first + 2 <= top + widget.scrollable_content_region.height


async def test_a_row_shows_title_date_problems_or_that_it_never_loaded() -> None:
    entries = [
        entry("a", "Harbour strike", dt.date(2024, 3, 4)),
        entry("b", "No date at all"),
        entry("c", "Two problems", dt.date(2024, 5, 1), problems=2),
        entry("d", "One problem", problems=1),
        entry("broken", broken=True),
        entry("e", "A title far too long for the width of the list", dt.date(2024, 1, 2)),
        entry("f", HOSTILE),
        entry("g", "Two\nlines"),
    ]
    async with Host(entries).run_test(size=(40, 24)) as pilot:
        widget = pilot.app.query_one(BriefList)
        assert widget.row_count == 8
        assert (
            [line.rstrip() for line in rows(widget)[:13]]
            == [
                "  Harbour strike",
                "  2024-03-04",
                "  No date at all",  # one line: nothing to say under it
                "  Two problems",
                "  2024-05-01  ⚠ 2 problems",
                "  One problem",
                "  ⚠ 1 problem",
                "✗ broken",
                "  not loaded",
                "  A title far too long fo…",  # cut to the width, never wrapped
                "  2024-01-02",
                f"  {HOSTILE}"[:25] + "…",  # shown as written, never parsed as markup
                "  Two lines",  # a title is one line, whatever it holds
            ]
        )
        assert widget.virtual_size.height == 13


async def test_keys_move_the_highlight_wrap_at_the_ends_and_keep_it_on_screen() -> None:
    async with Host(dated(100)).run_test(size=(40, 12)) as pilot:
        app = pilot.app
        assert isinstance(app, Host)
        widget = app.query_one(BriefList)
        assert widget.highlighted is None
        moves = [
            ("j", 0),  # from nothing to the first row
            ("down", 1),
            ("k", 0),
            ("up", 99),  # wraps round, as OptionList does
            ("j", 0),
            ("G", 99),
            ("g", 0),
            ("end", 99),
            ("home", 0),
            ("pagedown", 5),  # a page is ten lines: five two-line rows
            ("pageup", 0),
        ]
        for key, expected in moves:
            await pilot.press(key)
            assert widget.highlighted == expected, key
            assert on_screen(widget, expected), key
        await pilot.press("G", "pageup")
        assert widget.highlighted == 94 and on_screen(widget, 94)
        await pilot.press("enter")
        assert app.seen[-2:] == [("highlighted", 94), ("selected", 94)]
        assert ("highlighted", 99) in app.seen


async def test_a_click_selects_the_row_under_it_and_the_wheel_only_scrolls() -> None:
    async with Host(dated(100)).run_test(size=(40, 12)) as pilot:
        app = pilot.app
        assert isinstance(app, Host)
        widget = app.query_one(BriefList)
        # Content starts at (2, 1) inside the tall border and padding: line 5 is row 2.
        await pilot.click(BriefList, offset=(4, 6))
        assert widget.highlighted == 2
        assert app.seen == [("highlighted", 2), ("selected", 2)]
        # Pilot has no wheel helper: the events its clicks are made of, with a wheel one.
        await pilot._post_mouse_events([events.MouseScrollDown], BriefList, offset=(4, 6))
        assert widget.scroll_offset.y > 0 and widget.highlighted == 2
        top = widget.scroll_offset.y // 2
        await pilot.click(BriefList, offset=(4, 1))  # the top line is now a later row
        assert widget.highlighted == top and app.seen[-1] == ("selected", top)
        clicks = len(app.seen)
        await pilot.click(BriefList, offset=(0, 1))  # the border: nothing
        assert len(app.seen) == clicks


async def test_the_row_under_the_mouse_is_marked_until_it_leaves() -> None:
    async with Host(dated(10)).run_test(size=(40, 12)) as pilot:
        widget = pilot.app.query_one(BriefList)
        await pilot.hover(BriefList, offset=(4, 3))  # the second line of row 1: row 1
        assert widget.hover_row == 1 and widget.highlighted is None  # hovering selects nothing
        await pilot.hover(BriefList, offset=(4, 6))
        assert widget.hover_row == 2
        await pilot.hover(BriefList, offset=(35, 6))  # outside the list, in the screen
        assert widget.hover_row is None


async def test_rows_arriving_in_batches_make_no_object_per_row() -> None:
    entries = dated(20_000)
    async with Host([]).run_test(size=(40, 12)) as pilot:
        widget = pilot.app.query_one(BriefList)
        gc.collect()
        before = sum(isinstance(o, Content) for o in gc.get_objects())
        for start in range(0, len(entries), 250):  # as the loading worker sends them
            widget.add_rows(entries[start : start + 250])
        await pilot.press("G", "k", "g")
        gc.collect()
        after = sum(isinstance(o, Content) for o in gc.get_objects())
        assert widget.row_count == 20_000 and widget.virtual_size.height == 40_000
        assert after - before < 100  # a few screens of rows at most, not 20,000
        assert len(widget._cache) < 30  # rows drawn: those shown, in their styles
        assert rows(widget)[0].startswith("  Brief 0")


async def test_one_row_or_every_row_can_be_replaced() -> None:
    async with Host(dated(5)).run_test(size=(40, 16)) as pilot:
        widget = pilot.app.query_one(BriefList)
        widget.highlighted = 4
        widget.replace_row(1, entry("b00001", "Renamed"))  # no date: the rows below move up
        await pilot.pause()
        assert [line.strip() for line in rows(widget)[:6]] == [
            "Brief 0",
            "2024-01-01",
            "Renamed",
            "Brief 2",
            "2024-01-01",
            "Brief 3",
        ]
        widget.replace_row(1, entry("b00001", broken=True))  # and back down
        await pilot.pause()
        assert [line.strip() for line in rows(widget)[2:5]] == ["✗ b00001", "not loaded", "Brief 2"]
        # The library updates an entry in place, on its thread, before the screen hears.
        changed = widget._entries[3]
        assert changed.brief is not None
        changed.brief.date = None
        widget._cache.clear()  # drawn afresh meanwhile, as after a resize
        assert [line.strip() for line in rows(widget)[6:9]] == ["Brief 3", "", "Brief 4"]
        widget.replace_row(3, changed)
        await pilot.pause()
        assert [line.strip() for line in rows(widget)[6:8]] == ["Brief 3", "Brief 4"]
        widget.set_rows(dated(3))
        await pilot.pause()
        assert widget.row_count == 3 and widget.highlighted == 2  # clamped to the last row
        assert widget.virtual_size.height == 6
        widget.set_rows([])
        await pilot.pause()
        assert widget.highlighted is None and rows(widget)[0].strip() == ""


async def test_the_highlight_follows_the_brief_shown_when_rows_move(library: Path) -> None:
    app = app_for(library, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await pilot.press("0")  # on beta, the newest: where the reader opens
        assert main.current is not None and main.current.id == "beta"
        await wait_for(pilot, lambda: any(w.group == "watcher" for w in app.workers))
        newer = "title: Aardvark\ndate: 2025-01-01\nsummary: First in line.\n"
        (library / "aardvark.yaml").write_text(newer)
        await wait_for(pilot, lambda: "aardvark" in main.position, rounds=1000)
        await settle(pilot)
        assert main.current is not None and main.current.id == "beta"  # not what moved under it
        assert main.brief_list.highlighted == main.position["beta"] == 1


async def test_the_reader_opens_on_the_newest_brief(library: Path) -> None:
    # alpha loads first (first in its folder) and shows at once; once the catalog has
    # sorted the list newest first, the reader is on its first row.
    async with app_for(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert main.library.order[0].id == "alpha"
        assert [e.id for e in main.entries] == ["beta", "alpha", "gamma"]
        assert main.current is not None and main.current.id == "beta"
        assert main.brief_list.highlighted == 0


async def test_a_key_pressed_before_the_list_is_sorted_keeps_the_brief_shown(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import ui

    built = ui.catalog_of_library
    pressed = threading.Event()

    def after_a_key(*args: Any, **kwargs: Any) -> Any:
        assert pressed.wait(30), "the test never pressed its key"
        return built(*args, **kwargs)

    monkeypatch.setattr(ui, "catalog_of_library", after_a_key)
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_of(pilot)
        await wait_for(pilot, lambda: not main.still_loading and app.catalogs.building)
        assert main.current is not None and main.current.id == "alpha"
        await pilot.press("1")  # to the summary: the user is reading alpha
        pressed.set()
        await settle(pilot)
        assert [e.id for e in main.entries] == ["beta", "alpha", "gamma"]
        assert main.current is not None and main.current.id == "alpha"
        assert main.brief_list.highlighted == 1


async def test_the_reader_opens_on_a_brief_that_loaded_not_a_broken_file_before_it(
    library: Path,
) -> None:
    (library / "aaa-broken.yaml").write_text('title: "never closed\n', encoding="utf-8")
    async with app_for(library).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        assert main.library.order[0].id == "aaa-broken"  # first in the folder
        assert main.current is not None and main.current.brief is not None
        assert main.current.id == "beta"  # the newest; the broken file, undated, is last
