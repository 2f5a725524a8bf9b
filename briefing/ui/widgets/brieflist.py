"""The brief list: one row per brief of the library, drawn from the entries on demand.

An ``OptionList`` keeps an ``Option`` and a ``Content`` prompt per row (memory that grows
with the library) and measures every new row as it arrives. This list keeps only the entries and the
first screen line of each row, and builds the few rows on screen when they are drawn (with
a small cache of rendered strips), so a batch of briefs arriving while the library loads
costs a list extend and nothing else.

It behaves as the ``OptionList`` it replaces: the same keys (wrapping at the ends), mouse,
highlight styles and messages. Brief text is only ever a plain ``Content`` part: titles are
never parsed as markup.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import clamp
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import OptionList

from briefing.brief.dates import display_date
from briefing.ui.bindings import bindings_for
from briefing.ui.pane import Pane
from briefing.ui.render import Hanging
from briefing.ui.widgets.virtual import VirtualList

if TYPE_CHECKING:
    from briefing.store.library import Entry

INDENT = 2
"""Cells of the gutter: the ✗ of a brief that never loaded, the mark of a new or changed
one, blanks otherwise."""
MARKS = {"new": ("●", "new since you last read"), "changed": ("◐", "changed since you read it")}
"""The gutter's mark for each reading status (``briefing.store.seen``), and what it means."""


def row_lines(entry: Entry, status: str | None = None) -> tuple[Content, list[Content]]:
    """The gutter and the lines of an entry's row: its title, then date and problems.

    A brief that never loaded says so instead of hiding. A title is one line whatever it
    holds, so a row is one or two lines and its height is known without its text.
    ``status`` (``new``, ``changed``) puts its mark in the gutter.
    """
    brief = entry.brief
    title = Content(" ".join((brief.title if brief else entry.id).splitlines()))
    if brief is None:
        return Content.styled("✗ ", "$text-error"), [
            title,
            Content.styled("not loaded", "$text-error"),
        ]
    second = display_date(brief.date) if brief.date else ""
    if problems := len(entry.problems):
        second = f"{second}  ⚠ {problems} problem{'s' * (problems != 1)}".strip()
    gutter = (
        Content.styled(f"{MARKS[status][0]} ", "$text-accent bold") if status else Content("  ")
    )
    return gutter, [title, Content.styled(second, "dim")] if second else [title]


def row_height(entry: Entry) -> int:
    brief = entry.brief
    return 2 if brief is None or brief.date or entry.problems else 1


class BriefList(VirtualList):
    """Every brief of the library, by index, including those that failed to load."""

    # OptionList's keys but ``enter``, which comes from the table (so a keymap can move it),
    # then the reader's; the scroll keys of ``ScrollView`` that are not redefined here stay.
    BINDINGS: ClassVar[list[BindingType]] = [
        *(b for b in OptionList.BINDINGS if isinstance(b, Binding) and b.key != "enter"),
        *bindings_for("list"),
    ]

    # OptionList's look, so the list is drawn as it was (rules merged where it has two).
    DEFAULT_CSS = """
    BriefList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .brief-list--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .brief-list--row-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .brief-list--row-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "brief-list--row",
        "brief-list--row-highlighted",
        "brief-list--row-hover",
    }

    pane: ClassVar[Pane] = Pane.BRIEFS

    def __init__(self, *, id: str = "briefs", title: str = "0 Briefs") -> None:
        super().__init__(id=id, classes="pane")
        self.border_title = title
        self._entries: list[Entry] = []
        self._starts = array("l")
        """The first line of each row: one machine integer per brief."""
        self.marks: Callable[[Entry], str | None] | None = None
        """Each entry's reading status, for its mark; None: no marks (not known yet)."""
        self._height_of: dict[str, int] = {}
        """Each brief's row height, by id, as last measured: a filter or an order swaps every
        row at once, and their heights are then looked up rather than worked out again."""

    # -- rows ------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> Sequence[Entry]:
        """The entries the rows show, in order."""
        return self._entries

    def add_rows(self, entries: Sequence[Entry]) -> None:
        """Rows at the end: drawn only if they fall on screen, measured by their fields."""
        first_line = self._lines
        for entry in entries:
            self._starts.append(self._lines)
            self._height_of[entry.id] = height = row_height(entry)
            self._lines += height
        self._entries.extend(entries)
        self._update_virtual_size()
        if first_line < self.scroll_offset.y + self.scrollable_content_region.height:
            self.refresh()

    def set_rows(self, entries: Sequence[Entry], changed: Sequence[Entry] = ()) -> None:
        """Swap every row, keeping the highlighted index where it still exists; the rows of
        ``changed`` entries (reloaded) are measured again."""
        keep = self.highlighted
        for entry in changed:
            self._height_of.pop(entry.id, None)
        self._entries = list(entries)
        self._measure(0)
        self.highlighted = None
        if self._entries:
            self.highlighted = min(keep or 0, len(self._entries) - 1)
        self.refresh()

    def replace_row(self, index: int, entry: Entry) -> None:
        """Redraw one row, whose height may have changed (a brief that broke, or mended)."""
        self._entries[index] = entry
        self._height_of[entry.id] = height = row_height(entry)
        if height != self._height(index):
            self._measure(index)
        else:
            self._cache.clear()
        self.refresh()

    def _height(self, index: int) -> int:
        """The lines the row was given: the library updates an entry in place, on its
        thread, so the entry itself may already say otherwise until it is replaced here."""
        end = self._starts[index + 1] if index + 1 < len(self._starts) else self._lines
        return end - self._starts[index]

    def _measure(self, start: int) -> None:
        """Recount the lines of the rows from ``start`` on, after a change of height."""
        line = self._starts[start] if start else 0  # the rows above have not moved
        del self._starts[start:]
        entries = self._entries[start:]
        heights = list(map(self._height_of.get, map(attrgetter("id"), entries)))
        if None in heights:  # rows not measured yet
            for at, entry in enumerate(entries):
                if heights[at] is None:
                    heights[at] = self._height_of[entry.id] = row_height(entry)
        # In C: a whole list (10,000 filtered rows) in about a millisecond.
        self._starts.extend(accumulate(cast(list[int], heights), initial=line))
        self._lines = self._starts.pop()
        self._cache.clear()
        self._update_virtual_size()

    def _row_at_line(self, line: int) -> int | None:
        if not 0 <= line < self._lines:
            return None
        return bisect_right(self._starts, line) - 1

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index = self._row_at_line(line)
        if index is None:
            return Strip.blank(width, self.get_visual_style("brief-list--row").rich_style)
        if index == self.highlighted:
            style = self.get_visual_style("brief-list--row", "brief-list--row-highlighted")
        elif index == self.hover_row:
            style = self.get_visual_style("brief-list--row", "brief-list--row-hover")
        else:
            style = self.get_visual_style("brief-list--row")
        key = (index, style, width)
        if (strips := self._cache.get(key)) is None:
            strips = self._render_row(index, width, style)
            self._cache[key] = strips
        offset = line - self._starts[index]
        if offset >= len(strips):  # the entry changed height and is not replaced yet
            return Strip.blank(width, style.rich_style)
        return strips[offset]

    def _render_row(self, index: int, width: int, style: Style) -> list[Strip]:
        """The row's lines, each cut to the width with an ellipsis, beside its gutter."""
        entry = self._entries[index]
        gutter, lines = row_lines(entry, self.marks(entry) if self.marks else None)
        row = Hanging(gutter, Content("\n").join(lines), indent=INDENT, wrap=False)
        # Widget._get_style is private: docs/textual-private-api.md
        options = RenderOptions(self._get_style, cast(RulesMap, self.styles))
        meta = {"row": index}
        return [
            strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
            for strip in row.render_strips(width, None, style, options)
        ]

    # -- the highlight ---------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._entries:
            return None
        return clamp(highlighted, 0, len(self._entries) - 1)

    def row_span(self, row: int) -> tuple[int, int]:
        return self._starts[row], self._height(row)

    def choosable(self, row: int) -> bool:
        return 0 <= row < len(self._entries)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def _step(self, step: int) -> None:
        """One row up or down, wrapping round at the ends as ``OptionList`` does."""
        count = len(self._entries)
        if not count:
            return
        if self.highlighted is None:
            self.highlighted = 0 if step > 0 else count - 1
        else:
            self.highlighted = (self.highlighted + step) % count

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._entries) - 1

    def _move_page(self, direction: int) -> None:
        """To the row a screen's height away from the highlighted one, without wrapping."""
        if not self._entries:
            return
        line = (
            self._starts[self.highlighted or 0] + direction * self.scrollable_content_region.height
        )
        self.highlighted = self._row_at_line(clamp(line, 0, self._lines - 1))

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self._move_page(1)
