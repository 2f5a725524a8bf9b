"""The search box and its results: typed words in, hits across every brief out.

The panel only shows hits and reports what the user picked; running the query and
jumping to an item is the screen's job. Only the first ``LIMIT`` hits are fetched and
listed, so a one-letter query over 10,000 briefs still answers within a frame; the count
says how many items match in all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.ui import render
from briefing.ui.bindings import bindings_for

if TYPE_CHECKING:
    from briefing.search.index import Hit, SearchResult

LIMIT = 200
"""Hits fetched per keystroke: what the list shows and n/N walk; the count covers all."""

KIND_LABELS: dict[str, str] = {
    "title": "title",
    "summary": "summary",
    "tag": "tag",
    "source": "source",
    "actor": "actor",
    "quote": "quote",
    "question": "question",
    "timeline": "timeline",
    "discrepancy": "discrepancy",
}


KIND_WIDTH = 12


def hit_prompt(hit: Hit, brief_title: str) -> render.Hanging:
    """The kind in a column of its own; beside it the item and brief, then the snippet."""
    kind = KIND_LABELS.get(hit.kind, hit.kind)
    label = "" if hit.label.lower() in (kind, hit.kind) else hit.label
    first = Content.assemble(
        Content.styled(label + "  ", "bold") if label else "",
        Content.styled(brief_title, "dim"),
    )
    snippet = render.highlighted(hit.snippet, hit.spans, "bold reverse")
    gutter = Content.styled(f"{kind:<{KIND_WIDTH - 1}} ", "bold $text-accent")
    body = Content.assemble(first, "\n", snippet)
    return render.Hanging(gutter, body, indent=KIND_WIDTH, wrap=False)


class SearchInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("search")

    def action_go(self) -> None:
        self.post_message(SearchPanel.Go())

    def action_move(self, step: int) -> None:
        self.post_message(SearchPanel.Move(step))

    def action_close(self) -> None:
        self.post_message(SearchPanel.Close())


class SearchPanel(Vertical):
    """Input, a count line and the result rows; hidden until ``/``."""

    class Go(Message):
        """Jump to the highlighted result."""

    class Close(Message):
        """Clear the query and hide the panel."""

    class Move(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Built now, not in compose: the panel is mounted on demand, and the screen
        # focuses and fills it before its children have mounted.
        self.input = SearchInput(
            placeholder='Search all briefs: words, "a phrase", tag:x actor:x after:2024-03 is:new',
            id="search-input",
        )
        self._hit_count = ""
        self.problem = Static(id="search-problem", markup=False)
        """The query's mistakes (an unknown filter, a bad date), under the box."""
        self.count = Static(id="search-count", markup=False)
        self.results = OptionList(id="search-results", markup=False)

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.problem
        yield self.count
        yield self.results

    def show_hits(self, result: SearchResult | None, title_of: Callable[[str], str]) -> None:
        count = self.count
        if result is None or not result.query:
            count.update(
                Content.styled("Type to search titles, summaries, actors, quotes ...", "dim")
            )
            self._hit_count = ""
            self.results.clear_options()
            return
        total = f"{result.count}{'+' if result.capped else ''}"
        text = f"{total} hit{'s' * (result.count != 1)}"
        if len(result.hits) < result.count:
            text += f", first {len(result.hits)} listed: add words to narrow"
        count.update(
            Content.styled(text, "bold") if result.hits else Content.styled("No hits", "dim")
        )
        self._hit_count = text if result.hits else "no hits"
        self.results.set_options(Option(hit_prompt(h, title_of(h.brief_id))) for h in result.hits)
        if result.hits:
            self.results.highlighted = 0

    def show_filter(self, problems: list[str], briefs: str) -> None:
        """The query's mistakes under the box, and how many briefs its filters let through
        before the hit count."""
        self.problem.update(Content.styled("\n".join(problems), "$text-error"))
        # Not a class: a class change restyles the whole panel, at every keystroke.
        self.problem.display = bool(problems)
        if briefs:
            hits = self._hit_count or "enter goes to the list"
            self.count.update(Content.assemble(Content.styled(briefs, "bold"), " · ", hits))

    def select(self, index: int) -> None:
        if index < self.results.option_count:
            self.results.highlighted = index

    @on(Move)
    def _move(self, event: Move) -> None:
        event.stop()
        if event.step > 0:
            self.results.action_cursor_down()
        else:
            self.results.action_cursor_up()
