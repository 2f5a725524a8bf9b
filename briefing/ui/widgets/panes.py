"""The item panes: actors, quotes and open questions (the brief list is ``brieflist``).

All are ``OptionList``s, which draw only the rows on screen: a brief of 500 quotes costs no
more to show than ten (``ListView`` mounts a widget per row: unusable for thousands).
Prompts are ``Content`` in a hanging-indent ``Visual``, built in ``briefing.ui.render``, and
``markup=False`` besides, so brief text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.brief.model import Brief
from briefing.ui import render
from briefing.ui.bindings import bindings_for
from briefing.ui.pane import Pane


class PaneList(OptionList):
    """An option list that keeps its place when its rows are replaced."""

    pane: Pane

    def __init__(self, *, id: str | None = None, title: str = "") -> None:
        super().__init__(id=id, markup=False, classes="pane")
        self.border_title = title

    def replace(self, prompts: Sequence[Visual], ids: Sequence[str] | None = None) -> None:
        """Swap every row, keeping the highlighted index where it still exists."""
        keep = self.highlighted
        if ids is None:
            options = [Option(p) for p in prompts]
        else:
            options = [Option(p, id=i) for p, i in zip(prompts, ids, strict=True)]
        self.set_options(options)
        if options:
            self.highlighted = min(keep or 0, len(options) - 1)

    def show_empty(self, message: str) -> None:
        self.set_options([Option(Content.styled(message, "dim italic"), disabled=True)])


class PaneItems(Protocol):
    """What one kind of item pane shows of a brief: a row per item, and how items are
    found again (by key) and cross-linked (by actor)."""

    pane: Pane
    empty: str
    """Said instead of rows when the brief has none."""

    def prompt(self, brief: Brief, index: int, marked: str | None) -> Visual:
        """The row of item ``index``, built alone; ``marked`` is the actor the
        cross-link points at."""

    def keys(self, brief: Brief) -> list[object]:
        """A stable key per item, so a reload can find the same item at a new index."""

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        """The items ``actor_id`` marks (theirs, or themself)."""


class ItemPane(PaneList):
    """A pane of one kind of brief item (its ``PaneItems``); the index of a row is the
    item's index.

    ``OptionList`` measures every row before it draws one, and measures them all again on
    every resize: for a brief of 500 quotes that is most of a frame. So the pane tells the
    layout early that it will need a scrollbar (rows are measured once, at the final width),
    and keeps its measurements when only its height changes.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("items")
    _measured_width = 0
    """The width the rows were last measured and drawn at."""
    _drawing = False
    """Whether the pane is drawing its lines, measured as it began."""

    def __init__(self, items: PaneItems, *, title: str) -> None:
        super().__init__(id=items.pane, title=title)
        self.items = items
        self.pane = items.pane
        self.brief: Brief | None = None
        self.marked: str | None = None
        """The actor id the cross-link points at (its quotes, or itself)."""

    def show_brief(self, brief: Brief, *, keep: bool = False) -> None:
        """Fill the pane with ``brief``'s items; ``keep`` holds the highlight (a reload)."""
        self.brief = brief
        prompts = self.prompts(brief)
        if not prompts:
            self.show_empty(self.items.empty)
            return
        if not keep:
            self.highlighted = None
        self.replace(prompts)
        if not keep:
            self.highlighted = 0

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw, with the rows measured once: ``OptionList`` measures them again for every
        line it draws, and nothing can change them while it draws."""
        self._update_lines()
        self._drawing = True
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = False

    def _update_lines(self) -> None:
        """Measure the rows again exactly when the width they were measured at changed.

        ``OptionList`` forgets every row's height and drawing on any resize instead, so a
        pane one line taller (the progress line going away) would measure every row again;
        and a scrollbar that comes or goes changes the width without a resize at all.
        Overrides a private method and reads private caches: docs/textual-private-api.md.
        """
        if self._drawing:
            return
        if not self._line_cache.lines and self.options and not self.show_vertical_scrollbar:
            self._expect_scrollbar()
        width = self.scrollable_content_region.width
        if width != self._measured_width:
            self._measured_width = width
            self._line_cache.clear()
            self._option_render_cache.clear()
        super()._update_lines()

    def _expect_scrollbar(self) -> None:
        """Show the scrollbar before measuring rows that are sure to need it.

        Every row takes a line per line of its text at least. Without this the pane would
        measure every row at the full width, find it needs a scrollbar, and measure them all
        again two columns narrower. Before the first layout, the claim decides the scrollbar
        when the pane is laid out; the real height replaces it once the rows are measured.
        """
        least = sum(render.least_height(option.prompt) for option in self.options)
        if least > self.scrollable_content_region.height:
            self.virtual_size = Size(self.virtual_size.width, least)
            self._refresh_scrollbars()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh()
        event.prevent_default()  # OptionList's handler forgets every row: see _update_lines

    def prompts(self, brief: Brief) -> list[Visual]:
        count = len(self.pane.items(brief))
        return [self.items.prompt(brief, index, self.marked) for index in range(count)]

    def mark(self, actor_id: str | None) -> None:
        """Point the cross-link at ``actor_id``, redrawing only the rows that change."""
        if actor_id == self.marked or self.brief is None:
            return
        before, self.marked = self.marked, actor_id
        for index in self.rows_of(self.brief, before) + self.rows_of(self.brief, actor_id):
            prompt = self.items.prompt(self.brief, index, self.marked)
            self.replace_option_prompt_at_index(index, prompt)

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return self.items.rows_of(brief, actor_id)

    def key_of_highlight(self) -> object | None:
        if self.brief is None or self.highlighted is None:
            return None
        keys = self.items.keys(self.brief)
        return keys[self.highlighted] if self.highlighted < len(keys) else None

    def restore(self, key: object) -> None:
        if self.brief is not None and key in (keys := self.items.keys(self.brief)):
            self.highlighted = keys.index(key)


class ActorItems:
    pane = Pane.ACTORS
    empty = "No actors in this brief."

    def prompt(self, brief: Brief, index: int, marked: str | None) -> Visual:
        actor = brief.actors[index]
        return render.actor_item(brief, actor, actor.id == marked)

    def keys(self, brief: Brief) -> list[object]:
        return [a.id for a in brief.actors]

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return [i for i, a in enumerate(brief.actors) if actor_id and a.id == actor_id]


class QuoteItems:
    pane = Pane.QUOTES
    empty = "No quotes in this brief."

    def prompt(self, brief: Brief, index: int, marked: str | None) -> Visual:
        quote = brief.quotes[index]
        return render.quote_item(brief, quote, quote.speaker == marked)

    def keys(self, brief: Brief) -> list[object]:
        return [(q.speaker, q.text) for q in brief.quotes]

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return [i for i, q in enumerate(brief.quotes) if actor_id and q.speaker == actor_id]


class QuestionItems:
    pane = Pane.QUESTIONS
    empty = "No open questions in this brief."

    def prompt(self, brief: Brief, index: int, marked: str | None) -> Visual:
        return render.question_item(brief, brief.open_questions[index])

    def keys(self, brief: Brief) -> list[object]:
        return [q.question for q in brief.open_questions]

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return []  # a question names no speaker to mark


class ActorsPane(ItemPane):
    def __init__(self) -> None:
        super().__init__(ActorItems(), title="2 Actors")


class QuotesPane(ItemPane):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("quotes")

    def __init__(self) -> None:
        super().__init__(QuoteItems(), title="3 Quotes")


class QuestionsPane(ItemPane):
    def __init__(self) -> None:
        super().__init__(QuestionItems(), title="4 Open questions")
