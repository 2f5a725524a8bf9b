"""The panes of the main screen by name, and the ring that focus and ``tab`` go round.

``Pane`` is the one name for a pane everywhere in the UI: widget ids, the bindings'
``jump('actors')`` arguments, the palette, search hits and the details screen. It is a
``StrEnum``, so a pane and its widget id are the same string.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.brief.model import Actor, Brief, Question, Quote
    from briefing.search.items import Kind

    Items = Sequence[Actor] | Sequence[Quote] | Sequence[Question]


class Pane(StrEnum):
    BRIEFS = "briefs"
    SUMMARY = "summary"
    ACTORS = "actors"
    QUOTES = "quotes"
    QUESTIONS = "questions"
    BROKEN = "broken"
    """What a brief that never loaded shows in place of the four brief panes."""

    @property
    def key(self) -> str:
        """The digit that jumps to the pane (none for the problems view)."""
        return _KEYS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def item(self) -> str:
        """What one row of an item pane is called, for titles and notices."""
        return _ITEMS[self]

    def items(self, brief: Brief) -> Items:
        """The items of ``brief`` this pane lists, one per row (none but in item panes)."""
        if self is Pane.ACTORS:
            return brief.actors
        if self is Pane.QUOTES:
            return brief.quotes
        return brief.open_questions if self is Pane.QUESTIONS else ()

    def line_of(self, brief: Brief, index: int) -> int:
        """The file line of item ``index``, for the editor (1 when it has none)."""
        items = self.items(brief)
        return (items[index].line if 0 <= index < len(items) else 0) or 1

    @classmethod
    def showing(cls, kind: Kind) -> Pane:
        """The pane that shows a search item of ``kind``: an item pane for actors, quotes
        and questions, the summary for everything else."""
        return _ITEM_PANES.get(kind, cls.SUMMARY)


BRIEF_PANES = (Pane.SUMMARY, Pane.ACTORS, Pane.QUOTES, Pane.QUESTIONS)
"""The four panes of a brief that loaded."""
ITEM_PANES = (Pane.ACTORS, Pane.QUOTES, Pane.QUESTIONS)
"""The panes listing items of a brief, one row per item."""

_KEYS = {Pane.BRIEFS: "0", Pane.SUMMARY: "1", Pane.ACTORS: "2", Pane.QUOTES: "3"}
_KEYS |= {Pane.QUESTIONS: "4", Pane.BROKEN: ""}
_LABELS = {Pane.BRIEFS: "Briefs", Pane.SUMMARY: "Summary", Pane.ACTORS: "Actors"}
_LABELS |= {Pane.QUOTES: "Quotes", Pane.QUESTIONS: "Questions", Pane.BROKEN: "Problems"}
_ITEMS = {Pane.ACTORS: "actor", Pane.QUOTES: "quote", Pane.QUESTIONS: "question"}
_ITEMS |= {Pane.BRIEFS: "brief", Pane.SUMMARY: "summary", Pane.BROKEN: "problem"}
_ITEM_PANES = {"actor": Pane.ACTORS, "quote": Pane.QUOTES, "question": Pane.QUESTIONS}


class PaneRing:
    """Which pane has the user, and the order ``tab`` and ``shift+tab`` go round.

    The order depends on the library (the brief list only when there is more than one
    brief) and on the brief (a brief that never loaded has its problems instead of its
    four panes), so it is asked for each time rather than kept.
    """

    def __init__(self) -> None:
        self.current = Pane.SUMMARY
        """The pane the user is in (the one shown when the terminal is narrow)."""

    @staticmethod
    def order(*, many: bool, broken: bool) -> list[Pane]:
        first = [Pane.BRIEFS] if many else []
        return [*first, Pane.BROKEN] if broken else [*first, *BRIEF_PANES]

    @staticmethod
    def landing(pane: Pane, order: Sequence[Pane]) -> Pane | None:
        """Where a jump to ``pane`` lands: a brief pane of a broken brief is its problems."""
        if pane in order:
            return pane
        return Pane.BROKEN if Pane.BROKEN in order else None

    def step(self, order: Sequence[Pane], step: int) -> Pane:
        """The pane ``step`` places round the ring from the current one."""
        at = order.index(self.current) if self.current in order else -1
        return order[(at + step) % len(order)]
