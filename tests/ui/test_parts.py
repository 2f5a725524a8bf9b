"""Pilot tests for the source view, the problems list and the error banner.

Each runs a tiny app that shows one part, and reads what reached the screen
from the compositor, so "visible" means visible, not just "in the widget".
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from briefing.brief.problems import Problem
from briefing.ui.screens.problems import ProblemList, ProblemsScreen
from briefing.ui.screens.source import SourceScreen, displayable, find_passage, wrapped_row
from briefing.ui.widgets.banner import ErrorBanner

HOSTILE = "[bold]x[/] [/] [link=https://evil.example]y[/link] $name [@click=app.quit]q[/] ["
QUOTE = "active watching and warning"


def screen_lines(app: App[Any]) -> list[str]:
    strips: list[Strip] = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]


def article(paragraphs: int = 60) -> tuple[str, tuple[int, int]]:
    """A long article with QUOTE in paragraph 45 (or the last), and the quote's span."""
    body = [
        f"Paragraph {n}: Niamey residents watched as the transport plane unloaded "
        f"equipment at the airport, officials said on condition of anonymity."
        for n in range(paragraphs)
    ]
    body[min(45, paragraphs - 1)] = (
        f"A U.S. officer described the Agadez base's role as {QUOTE} across the Sahel."
    )
    text = "\n\n".join(body)
    start = text.index(QUOTE)
    return text, (start, start + len(QUOTE))


class Host(App[None]):
    """Shows ``first`` on start-up, keeping what a dismissed screen returned."""

    def __init__(self, first: Screen[Any]) -> None:
        super().__init__()
        self.first = first
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("host screen")

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)


# --- wrapping arithmetic -----------------------------------------------------


@pytest.mark.parametrize("width", [8, 13, 20, 33, 80])
def test_wrapped_row_matches_content_wrapping(width: int) -> None:
    text = (
        "Short line.\n\nA much longer line that has to wrap several times at narrow "
        "widths, with supercalifragilisticexpialidocious words that fold.\n"
        "Last line   with   spaces."
    )
    rows = [row.plain for row in Content(text).wrap(width)]
    for marker in ("Short", "much", "wrap", "narrow", "with", "words", "fold", "Last", "spaces"):
        # Markers are unique and shorter than the width, so never split.
        expected = next(n for n, row in enumerate(rows) if marker in row)
        assert wrapped_row(text, text.index(marker), width) == expected, (marker, rows)
        last = text.index(marker) + len(marker) - 1
        assert wrapped_row(text, last, width) == expected


def test_displayable_keeps_length_and_drops_controls() -> None:
    text = "a\x1b[2Jb\tc\r\nd\x9be"
    clean = displayable(text)
    assert len(clean) == len(text)
    assert "\x1b" not in clean and "\x9b" not in clean and "\t" not in clean
    assert clean.split("\n")[1] == "d e"


def test_find_passage_tolerates_line_breaks() -> None:
    text = "one two\nthree   four five"
    two, four = text.index("two"), text.index("four")
    assert find_passage(text, "two three four") == (two, four + len("four"))
    assert find_passage(text, "TWO THREE") == (two, text.index("three") + len("three"))
    assert find_passage(text, "absent words") is None
    assert find_passage(text, "   ") is None


# --- SourceScreen -------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (120, 40)])
async def test_source_view_scrolls_the_quote_into_the_middle(size: tuple[int, int]) -> None:
    text, span = article()
    screen = SourceScreen("Associated Press: Russian trainers", text, span)
    app = Host(screen)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        scroller = screen.query_one("#source-scroll", VerticalScroll)
        rows = screen.passage_rows()
        assert rows is not None
        top, height = round(scroller.scroll_y), scroller.scrollable_content_region.height
        assert scroller.scroll_y > 0, "a quote near the end needs scrolling"
        assert top <= rows[0] and rows[1] < top + height
        shown = "\n".join(screen_lines(app))
        assert "active" in shown and "warning" in shown


async def test_the_quote_is_highlighted_on_screen() -> None:
    text, span = article()
    app = Host(SourceScreen("AP", text, span))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        strips: list[Strip] = app.screen._compositor.render_strips()
        styled = "".join(
            segment.text
            for strip in strips
            for segment in strip
            if segment.style is not None and segment.style.reverse and segment.style.bold
        )
        assert " ".join(styled.split()) == QUOTE


async def test_hostile_article_text_is_shown_literally() -> None:
    text = f"Before.\n{HOSTILE}\x1b]0;pwned\x07 after."
    start = text.index("[link")
    app = Host(SourceScreen(HOSTILE, text, (start, start + 10)))
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert any(HOSTILE in line for line in lines[:2]), "title shown literally"
        body = "\n".join(lines)
        assert body.count(HOSTILE) == 2
        assert "\x1b" not in body and "\x07" not in body
        assert app.is_running


async def test_escape_closes_the_source_view() -> None:
    text, span = article(5)
    screen = SourceScreen("AP", text, span)
    app = Host(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        assert app.results == [None]


async def test_quote_not_found_says_so_and_marks_the_closest_passage() -> None:
    text, _span = article()
    closest = "the Agadez base's role as active\nwatching"
    screen = SourceScreen("AP", text, None, closest=closest)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Quote not found in this article" in shown
        assert "closest passage is highlighted" in shown
        rows = screen.passage_rows()
        scroller = screen.query_one("#source-scroll", VerticalScroll)
        assert rows is not None and scroller.scroll_y <= rows[0]
        assert rows[1] < scroller.scroll_y + scroller.scrollable_content_region.height


async def test_quote_not_found_without_a_closest_passage() -> None:
    text, _span = article(3)
    screen = SourceScreen("AP", text, None)
    app = Host(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Quote not found in this article." in shown
        assert "closest" not in shown
        assert screen.passage_rows() is None


async def test_a_stale_span_beyond_the_text_is_not_found() -> None:
    screen = SourceScreen("AP", "short text", (500, 520))
    app = Host(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not screen.found
        assert "Quote not found" in "\n".join(screen_lines(app))


async def test_j_k_g_and_c_move_around() -> None:
    text, span = article()
    screen = SourceScreen("AP", text, span)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scroller = screen.query_one("#source-scroll", VerticalScroll)
        centred = scroller.scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroller.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert scroller.scroll_y == 2
        await pilot.press("c")
        await pilot.pause()
        assert scroller.scroll_y == centred


# --- ProblemsScreen -----------------------------------------------------------


PROBLEMS = [
    Problem("briefs/niger.yaml", 12, 3, "error", f"bad value {HOSTILE}", code="x"),
    Problem("briefs/niger.yaml", 30, 1, "warning", "quote not found in source", hint="check it"),
]


async def test_problems_are_listed_as_path_line_col_lines() -> None:
    app = Host(ProblemsScreen(PROBLEMS, title="briefs/niger.yaml"))
    async with app.run_test(size=(160, 20)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert f"briefs/niger.yaml:12:3: error: bad value {HOSTILE}" in shown
        assert "briefs/niger.yaml:30:1: warning: quote not found in source (hint: check it)" in (
            shown
        )
        assert "1 error, 1 warning in briefs/niger.yaml" in shown


async def test_enter_returns_the_chosen_problem() -> None:
    app = Host(ProblemsScreen(PROBLEMS))
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.results == [PROBLEMS[1]]


async def test_escape_closes_the_problems_list() -> None:
    screen = ProblemsScreen(PROBLEMS)
    app = Host(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, ProblemList)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen and app.results == [None]


async def test_no_problems() -> None:
    app = Host(ProblemsScreen([]))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "No problems" in "\n".join(screen_lines(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []


# --- ErrorBanner --------------------------------------------------------------


class BannerApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ErrorBanner(id="banner")
        yield Static("the last good brief")


async def test_banner_is_hidden_without_problems() -> None:
    app = BannerApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        banner = app.query_one(ErrorBanner)
        assert not banner.display
        assert screen_lines(app)[0].startswith("the last good brief")
        banner.show_problems([], "niger.yaml", list_key="!")
        await pilot.pause()
        assert not banner.display


async def test_banner_shows_count_first_problem_and_key() -> None:
    app = BannerApp()
    async with app.run_test(size=(240, 10)) as pilot:
        banner = app.query_one(ErrorBanner)
        later = Problem("niger.yaml", 40, 2, "error", "later problem")
        first = Problem("niger.yaml", 7, 5, "error", f"bad\nthing {HOSTILE}")
        warning = Problem("niger.yaml", 3, 1, "warning", "an earlier warning")
        banner.show_problems(
            [later, first, warning], "niger.yaml", list_key="!", showing_last_good=True
        )
        await pilot.pause()
        assert banner.display
        shown = "\n".join(screen_lines(app))
        expected = (
            f"3 problems in niger.yaml: first one at line 7: bad thing {HOSTILE}"
            " — press ! to list them. Showing the last good version."
        )
        assert expected in shown
        assert "the last good brief" in shown
        banner.clear()
        await pilot.pause()
        assert not banner.display


async def test_banner_for_one_problem_uses_the_key_it_is_given() -> None:
    app = BannerApp()
    async with app.run_test(size=(120, 10)) as pilot:
        banner = app.query_one(ErrorBanner)
        banner.show_problems([PROBLEMS[1]], "a.yaml", list_key="ctrl+e")
        await pilot.pause()
        line = screen_lines(app)[0]
        assert "1 problem in a.yaml: at line 30: quote not found in source" in line
        assert "press ctrl+e to list it" in line
        assert "last good" not in line
