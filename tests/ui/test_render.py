"""Row visuals and the panes that draw them: heights counted as Content wraps, rows
measured once per width, and the plain-text summary wrapped once per width.

Counts of measuring and wrapping calls stand for the time they cost: a timing would be
noise in a pass/fail test (the benchmarks time them).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from textual._wrap import compute_wrap_offsets
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap, Styles
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import OptionList

from briefing.brief.loader import load_text
from briefing.brief.model import Brief
from briefing.ui import render
from briefing.ui.render import Hanging, wrapped_height
from briefing.ui.widgets.panes import QuotesPane
from briefing.ui.widgets.plaintext import PlainText

HOSTILE = "[bold]x[/] [/] [link=https://evil.example]y[/link] $name [@click=app.quit]q[/] ["

# Words of every width class: one cell (ASCII, Latin, Greek, typographic quotes), wide,
# zero-width, and blanks other than the space; long words fold.
PIECES = ["a", "bc", "word", "“", "”", "é", "Ω", "—", " ", "  ", "x" * 14, "y" * 31]
PIECES += ["中", "😀", "\u0301", "\xa0", "\u3000", "\n", "\t"]


def brief_with(quotes: int, speakers: int = 3, text: str = "") -> Brief:
    lines = ["title: Many quotes", "summary: A summary.", "actors:"]
    for n in range(speakers):
        lines += [f"  - id: a{n}", f"    name: Speaker {n}"]
    lines.append("quotes:")
    for n in range(quotes):
        words = text or f"quote number {n} " + "with a few more words " * (n % 4)
        lines += [f"  - speaker: a{n % speakers}", f"    text: {words!r}"]
    brief = load_text("\n".join(lines) + "\n", Path("many.yaml")).brief
    assert brief is not None
    return brief


# --- heights ------------------------------------------------------------------------


def rules() -> RulesMap:
    """Default styles, as the rules a ``Visual`` is measured with."""
    return cast(RulesMap, Styles())


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(1, 40))
def test_heights_are_counted_as_content_wraps(pieces: list[str], width: int) -> None:
    body = Content("".join(pieces))
    row = Hanging(Content("● "), body)
    assert row.get_height(rules(), width + 2) == body.get_height(rules(), width)
    if "\t" not in body.plain:
        lines = body.plain.split("\n")
        assert wrapped_height(body.plain, width) == sum(
            len(divide_line(line, width)) + 1 for line in lines
        )


@pytest.mark.parametrize("width", [1, 2, 5, 9, 17, 40])
def test_a_row_draws_as_many_lines_as_it_measures(width: int) -> None:
    body = Content("“A quote that wraps,   with   spaces, and a wordthatislongerthanthewidth.”")
    row = Hanging(Content("✓ "), Content.assemble("Speaker\n", body))
    options = RenderOptions(lambda style: Style(), rules())
    strips = row.render_strips(width, None, Style(), options)
    assert len(strips) == row.get_height(rules(), width)
    assert all(strip.cell_length <= max(width, 3) for strip in strips)


def test_other_wrapping_rules_are_left_to_content() -> None:
    body = Content("a row long enough to wrap at a narrow width")
    styles = Styles()
    styles.text_wrap = "nowrap"
    styles.text_overflow = "ellipsis"
    row = Hanging(Content("  "), body)
    wrapping = cast(RulesMap, styles)
    assert row.get_height(wrapping, 12) == body.get_height(wrapping, 10) == 1


# --- item panes -----------------------------------------------------------------------


class Panes(App[None]):
    CSS = "QuotesPane { height: 1fr; }"  # as in the reader: an auto height measures every row

    def __init__(self, brief: Brief) -> None:
        super().__init__()
        self.brief = brief

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield QuotesPane()

    def on_mount(self) -> None:
        self.query_one(QuotesPane).show_brief(self.brief)


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The width of every row measurement the pane asks for, in order."""
    widths: list[int] = []
    get_height = Hanging.get_height

    def spy(self: Hanging, rules: Any, width: int) -> int:
        widths.append(width)
        return get_height(self, rules, width)

    monkeypatch.setattr(Hanging, "get_height", spy)
    return widths


def expected_lines(pane: QuotesPane, brief: Brief) -> int:
    width = pane.scrollable_content_region.width
    prompts = pane.prompts(brief)
    assert all(isinstance(prompt, Hanging) for prompt in prompts)
    return sum(cast(Hanging, p).body.get_height(rules(), width - 2) for p in prompts)


async def test_rows_are_measured_once_per_width(measured: list[int]) -> None:
    """Once at the width beside the scrollbar, not again when only the height changes."""
    brief = brief_with(60)
    async with Panes(brief).run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        quotes = pilot.app.query_one(QuotesPane)
        assert quotes.show_vertical_scrollbar
        width = quotes.scrollable_content_region.width
        assert measured.count(width) == 60, "each row measured once"
        assert set(measured) == {width}, "measured at another width too"
        assert quotes.virtual_size.height == expected_lines(quotes, brief)
        pilot.app.query_one("#box").styles.height = 28
        await pilot.pause()
        assert quotes.outer_size.height == 28 and len(measured) == 60
        pilot.app.query_one("#box").styles.width = 40
        await pilot.pause()
        await pilot.pause()
        assert quotes.outer_size.width == 40 and len(measured) > 60
        assert quotes.virtual_size.height == expected_lines(quotes, brief)
        shown = [strip.text for strip in quotes.render_lines(quotes.size.region)]
        assert all(len(line.rstrip()) <= quotes.size.width for line in shown)


async def test_a_pane_looks_at_its_rows_measure_once_per_drawing_not_once_per_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    brief = brief_with(60)
    async with Panes(brief).run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        quotes = pilot.app.query_one(QuotesPane)
        looked: list[int] = []
        update = OptionList._update_lines

        def counted(self: OptionList) -> None:
            looked.append(1)
            update(self)

        monkeypatch.setattr(OptionList, "_update_lines", counted)
        quotes.refresh()  # every line drawn again, none from the last frame
        drawn = quotes.render_lines(quotes.size.region)
        assert len(drawn) == quotes.size.height > 10
        assert len(looked) == 1
        assert [s.text for s in drawn] == [s.text for s in quotes.render_lines(quotes.size.region)]


async def test_a_cross_link_rebuilds_only_the_rows_it_marks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    brief = brief_with(300, speakers=10)
    built: list[int] = []
    quote_item = render.quote_item

    def spy(brief: Brief, quote: Any, marked: bool) -> Hanging:
        built.append(brief.quotes.index(quote))
        return quote_item(brief, quote, marked)

    async with Panes(brief).run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        quotes = pilot.app.query_one(QuotesPane)
        monkeypatch.setattr(render, "quote_item", spy)
        quotes.mark("a3")
        await pilot.pause()
        assert sorted(built) == list(range(3, 300, 10))
        built.clear()
        quotes.mark("a4")
        await pilot.pause()
        assert sorted(built) == sorted([*range(3, 300, 10), *range(4, 300, 10)])
        marked = quotes.get_option_at_index(4).prompt
        assert isinstance(marked, Hanging) and marked.gutter.plain == render.MARK + " "


# --- plain-text summary ----------------------------------------------------------------


class Plain(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield PlainText(id="plain")

    def on_mount(self) -> None:
        self.query_one(PlainText).load_text(self.text)


LONG = "\n".join(
    f"Paragraph {n}: “{HOSTILE}” " + "dockworkers stopped work at the port again " * (n % 5)
    for n in range(400)
)
ESCAPES = "Clear\x1b[2J the screen\x9b and ring\x07 the bell\r."


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The width of every line the plain text wrapped."""
    widths: list[int] = []
    import briefing.ui.widgets.plaintext as plaintext

    def spy(line: str, width: int, tab_size: int) -> list[int]:
        widths.append(width)
        return compute_wrap_offsets(line, width, tab_size)

    monkeypatch.setattr(plaintext, "compute_wrap_offsets", spy)
    return widths


def textarea_rows(text: str, width: int) -> list[str]:
    """Lines as TextArea, shown before, broke them: Textual's wrapping, a column kept free."""
    rows: list[str] = []
    for line in text.split("\n"):
        cuts = [0, *compute_wrap_offsets(line, width - 1, 4), len(line)]
        rows += [line[a:b] for a, b in itertools.pairwise(cuts)]
    return rows


async def test_plain_text_wraps_once_and_draws_its_text_literally(wraps: list[int]) -> None:
    async with Plain(LONG).run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        plain = pilot.app.query_one(PlainText)
        width = plain.scrollable_content_region.width
        assert plain.show_vertical_scrollbar and width == 68
        assert wraps == [width - 1] * 400, "wrapped more than once, or before its scrollbar"
        rows = textarea_rows(LONG, width)
        assert plain.virtual_size.height == len(rows)
        shown = [strip.text for strip in plain.render_lines(plain.size.region)]
        assert [line.rstrip() for line in shown] == [row.rstrip() for row in rows[:20]]
        assert HOSTILE[:20] in shown[0]


async def test_plain_text_rewraps_for_a_new_width_only(wraps: list[int]) -> None:
    async with Plain(LONG).run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        plain = pilot.app.query_one(PlainText)
        pilot.app.query_one("#box").styles.height = 12
        await pilot.pause()
        assert len(wraps) == 400 and plain.size.height == 12
        pilot.app.query_one("#box").styles.width = 50
        await pilot.pause()
        await pilot.pause()
        assert len(wraps) == 800
        assert plain.virtual_size.height == len(textarea_rows(LONG, 48))
        paragraph = 300
        row = plain.row_of(paragraph)
        assert textarea_rows(LONG, 48)[row].startswith(f"Paragraph {paragraph}:")


async def test_plain_text_never_draws_control_characters() -> None:
    async with Plain(ESCAPES).run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        plain = pilot.app.query_one(PlainText)
        line = plain.render_lines(plain.size.region)[0]
        assert line.text.rstrip() == "Clear[2J the screen and ring the bell."


async def test_plain_text_scrolls_to_its_end_and_copies_a_selection() -> None:
    async with Plain(LONG).run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        plain = pilot.app.query_one(PlainText)
        plain.focus()
        await pilot.press("G")
        await pilot.pause(0.5)
        assert plain.scroll_y == plain.max_scroll_y > 0
        shown = "\n".join(strip.text for strip in plain.render_lines(plain.size.region))
        assert "Paragraph 399:" in shown
        from textual.geometry import Offset
        from textual.selection import Selection

        picked = plain.get_selection(Selection(Offset(0, 0), Offset(9, 0)))
        assert picked == ("Paragraph", "\n")


async def test_a_huge_summary_shows_with_its_brief(tmp_path: Path) -> None:
    """Plain text needs no Markdown: no settling delay before the first brief's summary."""
    from pilot_helpers import app_for, main_of, wait_for

    from briefing.ui.widgets.summary import MARKDOWN_LIMIT

    path = tmp_path / "huge.yaml"
    summary = "\n\n".join(f"  Paragraph {n}. {HOSTILE} " + "word " * 60 for n in range(200))
    path.write_text(f"title: Huge\nsummary: |\n{summary}\n")
    async with app_for(path).run_test(size=(120, 40)) as pilot:
        main = main_of(pilot)
        await wait_for(pilot, lambda: main.brief is not None)
        assert main.brief is not None and len(main.brief.summary) > MARKDOWN_LIMIT
        assert main.summary.rendered == main.brief.summary
        await pilot.pause()
        plain = main.query_one(PlainText)
        shown = [strip.text for strip in plain.render_lines(plain.size.region)]
        assert shown[0].startswith("Paragraph 0. [bold]x[/] [/] [link=")


def test_the_narrow_characters_are_those_rich_measures_one_cell_wide() -> None:
    """The fast line-breaking path assumes these; the set is written out for start-up speed."""
    from rich.cells import get_character_cell_size

    expected = {
        character
        for start, end in render._NARROW_RANGES
        for character in map(chr, range(start, end))
        if character == " " or (get_character_cell_size(character) == 1 and not character.isspace())
    }
    assert expected == render._NARROW
