"""A long plain text, wrapped once per width, of which only the lines on screen are drawn.

The summary pane's view for summaries too long for the Markdown widget.
"""

from __future__ import annotations

import itertools
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual._wrap import compute_wrap_offsets  # private: docs/textual-private-api.md
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from briefing.ui.bindings import bindings_for

_CONTROLS: dict[int, None] = {c: None for c in [*range(0x20), *range(0x7F, 0xA0)] if c != 0x0A}
"""Control characters, dropped: lines are drawn as they are, never as markup or escapes."""


class PlainText(ScrollView, can_focus=True):
    """A long text, wrapped once per width, of which only the lines on screen are drawn.

    For summaries too long for the Markdown widget. ``TextArea`` is an editor: it wraps its
    whole text twice when given it, again on every resize (the pane one line taller when the
    progress line goes) and when its scrollbar comes, and sums the lengths of all its lines
    for each line it draws. Lines break where ``TextArea`` breaks them (Textual's own
    wrapping, a column kept free at the right).
    """

    DEFAULT_CSS = """
    PlainText {
        color: $foreground;
        background: $surface;
        overflow-x: hidden;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("summary")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._paragraphs: list[str] = []
        self._rows: list[tuple[int, int, int]] = []
        """Each line on screen: its paragraph, and where in the paragraph it starts and ends."""
        self._first_rows: list[int] = []
        """The line each paragraph starts on."""
        self._width = 0
        """The width the text was wrapped at (0: not yet)."""

    def load_text(self, text: str) -> None:
        """Show ``text`` from its top; it is wrapped when it is drawn, at the width then.

        Until then it claims a line per paragraph, at least what it will take: the pane
        shows its scrollbar before the first wrap rather than after, which would wrap the
        whole text a second time, two columns narrower.
        """
        self._paragraphs = text.expandtabs(4).translate(_CONTROLS).split("\n")
        self._rows, self._first_rows, self._width = [], [], 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.virtual_size = Size(0, len(self._paragraphs))
        self.refresh()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width or width < 2:
            return
        rows: list[tuple[int, int, int]] = []
        first_rows: list[int] = []
        for number, paragraph in enumerate(self._paragraphs):
            first_rows.append(len(rows))
            cuts = [0, *compute_wrap_offsets(paragraph, width - 1, 4), len(paragraph)]
            rows += [(number, a, b) for a, b in itertools.pairwise(cuts)]
        self._rows, self._first_rows, self._width = rows, first_rows, width
        self.virtual_size = Size(width, len(rows))

    def row_of(self, paragraph: int) -> int:
        """The line on screen paragraph ``paragraph`` (a line of the text) starts on."""
        self._wrap()
        return self._first_rows[paragraph] if paragraph < len(self._first_rows) else 0

    def render_lines(self, crop: Region) -> list[Strip]:
        self._wrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        style = self.rich_style
        row = self.scroll_offset.y + y
        if row >= len(self._rows):
            return Strip.blank(width, style)
        paragraph, start, end = self._rows[row]
        text = self._paragraphs[paragraph][start:end]
        segments = [Segment(text, style)]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(row)) is not None:
            first, last = span
            last = len(text) if last == -1 else last
            chosen = style + self.screen.get_component_rich_style("screen--selection")
            segments = [
                Segment(text[:first], style),
                Segment(text[first:last], chosen),
                Segment(text[last:], style),
            ]
        strip = Strip(segments, cell_len(text)).crop_extend(0, width, style)
        return strip.apply_offsets(0, row)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        lines = (self._paragraphs[p][a:b] for p, a, b in self._rows)
        return selection.extract("\n".join(lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()
