"""The list panes: briefs, actors, quotes and open questions.

All are ``OptionList``s, which draw only the rows on screen: a library of 10,000 briefs
or a brief of 500 quotes costs no more to show than ten (``ListView`` mounts a widget per
row and took 17 s for 5,000). Prompts are ``Content`` in a hanging-indent ``Visual``, built in
``briefing.ui.render``, and ``markup=False`` besides, so brief text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.model import Brief
from briefing.ui import render
from briefing.ui.bindings import bindings_for


class PaneList(OptionList):
    """An option list that keeps its place when its rows are replaced."""

    pane: ClassVar[str] = ""
    """The pane name used by the screen's jump and cycle actions."""

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


class BriefList(PaneList):
    """Every brief of the library, by id, including those that failed to load."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("list")
    pane = "briefs"

    def __init__(self) -> None:
        super().__init__(id="briefs", title="0 Briefs")


class ItemPane(PaneList):
    """A pane of one kind of brief item; the index of a row is the item's index."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("items")
    empty: ClassVar[str] = ""

    def __init__(self, *, id: str, title: str) -> None:
        super().__init__(id=id, title=title)
        self.brief: Brief | None = None
        self.marked: str | None = None
        """The actor id the cross-link points at (its quotes, or itself)."""

    def show_brief(self, brief: Brief, *, keep: bool = False) -> None:
        """Fill the pane with ``brief``'s items; ``keep`` holds the highlight (a reload)."""
        self.brief = brief
        prompts = self.prompts(brief)
        if not prompts:
            self.show_empty(self.empty)
            return
        if not keep:
            self.highlighted = None
        self.replace(prompts)
        if not keep:
            self.highlighted = 0

    def prompts(self, brief: Brief) -> list[Visual]:
        raise NotImplementedError

    def mark(self, actor_id: str | None) -> None:
        """Point the cross-link at ``actor_id``, redrawing only the rows that change."""
        if actor_id == self.marked or self.brief is None:
            return
        before, self.marked = self.marked, actor_id
        changed = self.rows_of(self.brief, before) + self.rows_of(self.brief, actor_id)
        if changed:
            prompts = self.prompts(self.brief)
            for index in changed:
                self.replace_option_prompt_at_index(index, prompts[index])

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return []

    def keys(self, brief: Brief) -> list[object]:
        """A stable key per item, so a reload can find the same item at a new index."""
        raise NotImplementedError

    def key_of_highlight(self) -> object | None:
        if self.brief is None or self.highlighted is None:
            return None
        keys = self.keys(self.brief)
        return keys[self.highlighted] if self.highlighted < len(keys) else None

    def restore(self, key: object) -> None:
        if self.brief is not None and key in (keys := self.keys(self.brief)):
            self.highlighted = keys.index(key)

    @staticmethod
    def item_line(brief: Brief, pane: str, index: int) -> int:
        """The file line of an item, for the editor."""
        items: dict[str, Sequence[object]] = {
            "actors": brief.actors,
            "quotes": brief.quotes,
            "questions": brief.open_questions,
        }
        chosen = items.get(pane, ())
        line = getattr(chosen[index], "line", 0) if 0 <= index < len(chosen) else 0
        return int(line) or 1


class ActorsPane(ItemPane):
    pane = "actors"
    empty = "No actors in this brief."

    def __init__(self) -> None:
        super().__init__(id="actors", title="2 Actors")

    def prompts(self, brief: Brief) -> list[Visual]:
        return [render.actor_item(brief, a, a.id == self.marked) for a in brief.actors]

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return [i for i, a in enumerate(brief.actors) if actor_id and a.id == actor_id]

    def keys(self, brief: Brief) -> list[object]:
        return [a.id for a in brief.actors]


class QuotesPane(ItemPane):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("quotes")
    pane = "quotes"
    empty = "No quotes in this brief."

    def __init__(self) -> None:
        super().__init__(id="quotes", title="3 Quotes")

    def prompts(self, brief: Brief) -> list[Visual]:
        return [render.quote_item(brief, q, q.speaker == self.marked) for q in brief.quotes]

    def rows_of(self, brief: Brief, actor_id: str | None) -> list[int]:
        return [i for i, q in enumerate(brief.quotes) if actor_id and q.speaker == actor_id]

    def keys(self, brief: Brief) -> list[object]:
        return [(q.speaker, q.text) for q in brief.quotes]


class QuestionsPane(ItemPane):
    pane = "questions"
    empty = "No open questions in this brief."

    def __init__(self) -> None:
        super().__init__(id="questions", title="4 Open questions")

    def prompts(self, brief: Brief) -> list[Visual]:
        return [render.question_item(brief, q) for q in brief.open_questions]

    def keys(self, brief: Brief) -> list[object]:
        return [q.question for q in brief.open_questions]
