"""What the reader's long lists share: rows drawn from their source only when on screen.

The brief list (``brieflist.BriefList``: one row per brief, one or two lines each) and the
lists of the library's screens (``rows.RowList``: lines under headings) hold thousands of
rows; a widget per row, or an ``OptionList`` measuring every prompt, would cost as much to
open as the rows are many. Both are a ``ScrollView`` whose virtual height is its count of
lines and whose ``render_line`` draws the row on that line, keeping the last few hundred
rows drawn. This base holds what does not depend on the rows: the highlighted and hovered
rows, the messages a move or a choice posts, the virtual size, the strips kept, the mouse.

A subclass keeps ``_lines`` (its height in lines) as its rows change, and says where a row
is (``row_span``) and whether the cursor may stop on it (``choosable``), when its rows are
not one line each, all choosable.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

CACHED_ROWS = 256
"""Rendered rows kept: a few screens' worth, so moving the cursor redraws little."""


class VirtualList(ScrollView, can_focus=True):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = set()

    highlighted: reactive[int | None] = reactive(None)
    """The row under the cursor, or None when there is none."""
    hover_row: reactive[int | None] = reactive(None)
    """The row under the mouse, or None."""

    class RowMessage(Message):
        def __init__(self, source: VirtualList, row: int) -> None:
            super().__init__()
            self.source = source
            self.row = row
            """The row the message is about."""

        @property
        def control(self) -> VirtualList:
            return self.source

    class Highlighted(RowMessage):
        """The cursor moved to ``row`` (by key, mouse or code)."""

    class Selected(RowMessage):
        """The user chose ``row`` (``enter`` or a click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines = 0
        """The list's height in lines."""
        self._cache: LRUCache[tuple[int, Style, int], list[Strip]] = LRUCache(CACHED_ROWS)
        """Each row's lines as last drawn, by row, style and width."""

    # -- what a subclass may say of its rows -----------------------------------------------

    def row_span(self, row: int) -> tuple[int, int]:
        """The first line of ``row`` and how many lines to bring on screen with it."""
        return row, 1

    def choosable(self, row: int) -> bool:
        """Whether the cursor may stop on ``row`` (which the mouse may name after a change)."""
        return 0 <= row < self._lines

    # -- drawing ---------------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        region = self.scrollable_content_region
        if not region:
            return
        size = Size(region.width, self._lines)
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)  # private: docs/textual-private-api.md

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_virtual_size()
        return super().render_lines(crop)

    def redraw(self) -> None:
        """Draw every row again (what they show changed)."""
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._cache.clear()  # theme variables in the rows ($text-error) may have changed
        self.refresh()
        super().notify_style_update()

    def _on_resize(self, _: events.Resize) -> None:
        self._cache.clear()

    # -- the cursor ------------------------------------------------------------------------

    def watch_highlighted(self, row: int | None) -> None:
        if row is None:
            return
        self.scroll_to_row(row)
        self.post_message(self.Highlighted(self, row))

    def scroll_to_row(self, row: int, *, top: bool = False) -> None:
        """Bring ``row`` on screen (``top``: to the top of the list)."""
        if not self.is_mounted:
            return
        self._update_virtual_size()
        first, height = self.row_span(row)
        width = self.scrollable_content_region.width
        self.scroll_to_region(
            Region(0, first, width, height), animate=False, force=True, top=top, immediate=True
        )

    def on_show(self) -> None:
        if self.highlighted is not None:
            self.scroll_to_row(self.highlighted)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    # -- the mouse -------------------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and self.choosable(row):
            self.highlighted = row
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        self.hover_row = row if isinstance(row, int) else None

    def _on_leave(self, _: events.Leave) -> None:
        self.hover_row = None
