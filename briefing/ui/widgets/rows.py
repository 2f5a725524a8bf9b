"""A list of one-line rows under headings, drawn from its source only where it is on screen.

The dossier, the library timeline and a brief's related briefs are lists of this shape: a
heading ("Quotes (12)", "March 2024"), then lines to choose. The library timeline holds
every entry of every brief; an ``OptionList`` would build an option and a prompt per entry
and measure them all before drawing one. This list asks its :class:`Rows` for the few rows
on screen, each one line cut to the width with an ellipsis, so a row count is all it needs
to open.

The cursor stops on lines, never on headings; ``enter`` or a click posts
:class:`RowList.Selected`, a move posts :class:`RowList.Highlighted`. Text from briefs is
only ever a plain ``Content`` part (the source's business), never markup.
"""

from __future__ import annotations

from typing import ClassVar, Generic, Protocol, TypeVar, cast

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import clamp
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widgets import OptionList

from briefing.ui.bindings import bindings_for
from briefing.ui.widgets.virtual import VirtualList

T = TypeVar("T")


class Rows(Protocol):
    """What a :class:`RowList` shows: how many rows, and each one when it is drawn."""

    def __len__(self) -> int: ...

    def line(self, row: int) -> Content:
        """The row's text, one line (cut to the width when drawn)."""

    def heading(self, row: int) -> bool:
        """Whether the row is a heading, which the cursor passes over."""


class ListedRows(Generic[T]):
    """:class:`Rows` kept in a list: a ``str`` is a heading (``""`` a blank line before
    one), anything else a line; a subclass draws them (``line``)."""

    def __init__(self) -> None:
        self.rows: list[str | T] = []

    def __len__(self) -> int:
        return len(self.rows)

    def heading(self, row: int) -> bool:
        return isinstance(self.rows[row], str)

    def item(self, row: int) -> T:
        """The line at ``row`` (not a heading)."""
        found = self.rows[row]
        assert not isinstance(found, str)
        return found


class RowList(VirtualList):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(b for b in OptionList.BINDINGS if isinstance(b, Binding) and b.key != "enter"),
        *bindings_for("rows"),
    ]
    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
        & > .row-list--heading { color: $text-primary; text-style: bold; }
        & > .row-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .row-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .row-list--hover { background: $block-hover-background; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--row",
        "row-list--heading",
        "row-list--highlighted",
        "row-list--hover",
    }

    def __init__(self, rows: Rows, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self._lines = len(rows)

    def on_mount(self) -> None:
        self.highlighted = self._line_from(0, 1)

    def rows_changed(self) -> None:
        """Take in rows the source gained or changed since it was given (a screen shown
        before all its rows were made). The cursor stays on its row, which is assumed to
        hold the same line; with none yet, it goes to the first line."""
        self._lines = len(self.rows)
        if self.highlighted is None or not self.choosable(self.highlighted):
            self.highlighted = self._line_from(0, 1)
        self._update_virtual_size()
        self.redraw()

    def row_span(self, row: int) -> tuple[int, int]:
        """The row, with its heading when that sits just above it."""
        top = row - 1 if row > 0 and self.rows.heading(row - 1) else row
        return top, row - top + 1

    def choosable(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and not self.rows.heading(row)

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, self.get_visual_style("row-list--row").rich_style)
        parts = ["row-list--row"]
        if self.rows.heading(row):
            parts.append("row-list--heading")
        elif row == self.highlighted:
            parts.append("row-list--highlighted")
        elif row == self.hover_row:
            parts.append("row-list--hover")
        style = self.get_visual_style(*parts)
        key = (row, style, width)
        strips = self._cache.get(key)
        if strips is None:
            line = self.rows.line(row).truncate(width, ellipsis=True)
            options = RenderOptions(self._get_style, cast(RulesMap, self.styles))
            drawn = line.render_strips(width, 1, style, options)
            strip = drawn[0] if drawn else Strip.blank(width, style.rich_style)
            strip = strip.extend_cell_length(width, style.rich_style).crop(0, width)
            strips = self._cache[key] = [strip.apply_meta({"row": row})]
        return strips[0]

    # -- the cursor ------------------------------------------------------------------------

    def _line_from(self, row: int, step: int) -> int | None:
        """The first line (not a heading) from ``row`` on in the direction of ``step``."""
        count = len(self.rows)
        while 0 <= row < count:
            if not self.rows.heading(row):
                return row
            row += step
        return None

    def validate_highlighted(self, row: int | None) -> int | None:
        if row is None or not 0 <= row < len(self.rows) or self.rows.heading(row):
            return None
        return row

    def _move(self, row: int, step: int) -> None:
        """To the line at or past ``row`` going ``step``; else the nearest the other way."""
        count = len(self.rows)
        if not count:
            return
        row = clamp(row, 0, count - 1)
        found = self._line_from(row, step)
        if found is None:
            found = self._line_from(row, -step)
        if found is not None:
            self.highlighted = found

    def action_cursor_down(self) -> None:
        at = self.highlighted
        self._move(0 if at is None else at + 1, 1)

    def action_cursor_up(self) -> None:
        at = self.highlighted
        self._move(len(self.rows) - 1 if at is None else at - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self.rows) - 1, -1)

    def action_page_down(self) -> None:
        at = self.highlighted or 0
        self._move(at + self.scrollable_content_region.height, 1)

    def action_page_up(self) -> None:
        at = self.highlighted or 0
        self._move(at - self.scrollable_content_region.height, -1)
