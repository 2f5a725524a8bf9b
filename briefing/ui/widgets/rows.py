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

from typing import TYPE_CHECKING, ClassVar, Generic, Protocol, TypeVar, cast

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widgets import OptionList

from briefing.ui.bindings import bindings_for

if TYPE_CHECKING:
    from textual.style import Style

T = TypeVar("T")
CACHED_ROWS = 256
"""Rendered rows kept: a few screens' worth, so moving the cursor redraws little."""


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


class RowList(ScrollView, can_focus=True):
    ALLOW_SELECT = False
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

    highlighted: reactive[int | None] = reactive(None)
    """The row under the cursor (never a heading), or None when there is no line."""
    hover_row: reactive[int | None] = reactive(None)

    class RowMessage(Message):
        def __init__(self, row_list: RowList, row: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(RowMessage):
        """The cursor moved to ``row``."""

    class Selected(RowMessage):
        """The user chose ``row`` (``enter`` or a click)."""

    def __init__(self, rows: Rows, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self._cache: LRUCache[tuple[int, Style, int], Strip] = LRUCache(CACHED_ROWS)

    def on_mount(self) -> None:
        self.highlighted = self._line_from(0, 1)

    # -- drawing ---------------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        region = self.scrollable_content_region
        if region:
            size = Size(region.width, len(self.rows))
            if size != self.virtual_size:
                self.virtual_size = size
                self._scroll_update(size)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_virtual_size()
        return super().render_lines(crop)

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
        strip = self._cache.get(key)
        if strip is None:
            line = self.rows.line(row).truncate(width, ellipsis=True)
            options = RenderOptions(self._get_style, cast(RulesMap, self.styles))
            drawn = line.render_strips(width, 1, style, options)
            strip = drawn[0] if drawn else Strip.blank(width, style.rich_style)
            strip = strip.extend_cell_length(width, style.rich_style).crop(0, width)
            strip = self._cache[key] = strip.apply_meta({"row": row})
        return strip

    def notify_style_update(self) -> None:
        self._cache.clear()
        self.refresh()
        super().notify_style_update()

    def _on_resize(self, _: events.Resize) -> None:
        self._cache.clear()

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

    def watch_highlighted(self, row: int | None) -> None:
        if row is None:
            return
        self.scroll_to_row(row)
        self.post_message(self.Highlighted(self, row))

    def scroll_to_row(self, row: int) -> None:
        """Bring ``row`` on screen, with its heading when that sits just above it."""
        if not self.is_mounted:
            return
        self._update_virtual_size()
        top = row - 1 if row > 0 and self.rows.heading(row - 1) else row
        width = self.scrollable_content_region.width
        self.scroll_to_region(
            Region(0, top, width, row - top + 1), animate=False, force=True, immediate=True
        )

    def on_show(self) -> None:
        if self.highlighted is not None:
            self.scroll_to_row(self.highlighted)

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

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    # -- the mouse -------------------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and 0 <= row < len(self.rows) and not self.rows.heading(row):
            self.highlighted = row
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        self.hover_row = row if isinstance(row, int) else None

    def _on_leave(self, _: events.Leave) -> None:
        self.hover_row = None
