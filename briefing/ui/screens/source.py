"""The source article, with the quote's passage highlighted and centred.

Article text is shown as plain ``Content`` (never markup), with every control
character turned into a space: one character for one character, so the
verifier's offsets still point at the right place.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from briefing.ui.bindings import bindings_for
from briefing.ui.widgets.footer import KeysFooter

SPAN_STYLE = "bold reverse"
CLOSEST_STYLE = "underline reverse"
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def displayable(text: str) -> str:
    """``text`` with control characters (tab included) replaced by spaces, length kept."""
    return _CONTROL.sub(" ", text)


def find_passage(text: str, passage: str) -> tuple[int, int] | None:
    """Where ``passage`` occurs in ``text``, tolerant of whitespace and line breaks."""
    words = passage.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def wrapped_row(text: str, offset: int, width: int) -> int:
    """The row (0-based) on which character ``offset`` lands when ``text`` wraps at ``width``.

    Uses ``Content.wrap``, the same wrapping a ``Static`` does, and finds each
    wrapped piece back in its line to recover the offsets it drops.
    """
    width = max(1, width)
    row = 0
    start = 0
    for line in text.split("\n"):
        pieces = Content(line).wrap(width) if line else []
        end = start + len(line)
        if offset > end:
            row += max(1, len(pieces))
            start = end + 1
            continue
        column = offset - start
        position = 0
        for index, piece in enumerate(pieces):
            plain = piece.plain.rstrip()
            found = line.find(plain, position) if plain else -1
            piece_start = position if found < 0 else found
            if index and column < piece_start:
                return row + index - 1
            position = piece_start + len(plain)
        return row + max(0, len(pieces) - 1)
    return max(0, row - 1)


class SourceScreen(Screen[None]):
    """A quote's source article; ``escape`` goes back."""

    DEFAULT_CSS = """
    SourceScreen { layout: vertical; }
    SourceScreen #source-title {
        height: auto; padding: 0 1; background: $panel; text-style: bold;
    }
    SourceScreen #source-notice {
        height: auto; padding: 0 1; background: $warning 30%; color: $text;
    }
    SourceScreen #source-scroll { height: 1fr; padding: 0 1; }
    SourceScreen #source-text { width: 1fr; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("source")

    def __init__(
        self,
        title: str,
        text: str,
        span: tuple[int, int] | None,
        *,
        closest: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article_title = title
        self.article_text = displayable(text)
        self.found = span is not None
        self.passage: tuple[int, int] | None = None
        if span is not None:
            start, end = max(0, span[0]), min(len(self.article_text), span[1])
            if start < len(self.article_text) and end > start:
                self.passage = (start, end)
            else:
                self.found = False
        if not self.found and closest:
            self.passage = find_passage(self.article_text, closest)

    @property
    def notice(self) -> str | None:
        if self.found:
            return None
        if self.passage is not None:
            return "Quote not found in this article. The closest passage is highlighted."
        return "Quote not found in this article."

    def compose(self) -> ComposeResult:
        yield Static(Content(self.article_title), id="source-title")
        if self.notice is not None:
            yield Static(Content(self.notice), id="source-notice")
        content = Content(self.article_text)
        if self.passage is not None:
            style = SPAN_STYLE if self.found else CLOSEST_STYLE
            content = content.stylize(style, *self.passage)
        with VerticalScroll(id="source-scroll"):
            yield Static(content, id="source-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#source-scroll", VerticalScroll).focus()
        self.call_after_refresh(self.action_centre)

    def on_resize(self) -> None:
        self.call_after_refresh(self.action_centre)

    def passage_rows(self) -> tuple[int, int] | None:
        """First and last row of the highlight in the wrapped text, at the current width."""
        if self.passage is None:
            return None
        width = self.query_one("#source-text", Static).size.width
        if width <= 0:
            return None
        start, end = self.passage
        return wrapped_row(self.article_text, start, width), wrapped_row(
            self.article_text, end - 1, width
        )

    def action_centre(self) -> None:
        """Scroll so the highlight sits mid-screen (its top, if it is taller than the view)."""
        rows = self.passage_rows()
        if rows is None:
            return
        scroller = self.query_one("#source-scroll", VerticalScroll)
        text_top = self.query_one("#source-text", Static).virtual_region.y
        first, last = rows
        view = scroller.scrollable_content_region.height
        height = last - first + 1
        y = text_top + first - max(0, (view - height) // 2)
        scroller.scroll_to(y=max(0, y), animate=False, immediate=True)

    def action_scroll(self, where: str) -> None:
        scroller = self.query_one("#source-scroll", VerticalScroll)
        if where == "down":
            scroller.scroll_down(animate=False)
        elif where == "up":
            scroller.scroll_up(animate=False)
        elif where == "home":
            scroller.scroll_home(animate=False)
        elif where == "end":
            scroller.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
