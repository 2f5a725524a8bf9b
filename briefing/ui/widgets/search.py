"""The search box and its results: typed words in, hits across every brief out.

The panel owns a ``SearchController`` (the query, its hits and which one the user is on),
runs the query as the user types, and posts ``HitChosen`` when the user picks a hit;
jumping to the item is the screen's job. Only the first ``LIMIT`` hits are fetched and
listed, so a one-letter query over 10,000 briefs still answers within a frame; the count
says how many items match in all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.ui import render
from briefing.ui.bindings import bindings_for

if TYPE_CHECKING:
    from briefing.search.items import Hit, SearchResult
    from briefing.ui.library import LibraryView

LIMIT = 200
"""Hits fetched per keystroke: what the list shows and n/N walk; the count covers all."""

KIND_WIDTH = 12


def hit_prompt(hit: Hit, brief_title: str) -> render.Hanging:
    """The kind in a column of its own; beside it the item and brief, then the snippet.

    Always two lines (a label or title holding line breaks is joined into one), so a row's
    height is known before it is built: :class:`HitRow`."""
    kind = str(hit.kind)
    label = "" if hit.label.lower() == kind else " ".join(hit.label.splitlines())
    first = Content.assemble(
        Content.styled(label + "  ", "bold") if label else "",
        Content.styled(" ".join(brief_title.splitlines()), "dim"),
    )
    snippet = render.highlighted(hit.snippet, hit.spans, "bold reverse")
    gutter = Content.styled(f"{kind:<{KIND_WIDTH - 1}} ", "bold $text-accent")
    body = Content.assemble(first, "\n", snippet)
    return render.Hanging(gutter, body, indent=KIND_WIDTH, wrap=False)


class HitRow(Visual):
    """A row of the hits list, built when first drawn or read.

    The list measures every row before it draws one; a hit's snippet and prompt cost more
    than finding it, and only the rows on screen are ever drawn, so each row says its
    height (two lines, see :func:`hit_prompt`) without being built.
    """

    HEIGHT = 2

    def __init__(self, hits: Sequence[Hit], index: int, title_of: Callable[[str], str]) -> None:
        self._hits = hits
        self._index = index
        self._title_of = title_of
        self._built: render.Hanging | None = None

    @property
    def hanging(self) -> render.Hanging:
        """The row itself (the hit made, its snippet cut and highlighted)."""
        if self._built is None:
            hit = self._hits[self._index]
            self._built = hit_prompt(hit, self._title_of(hit.brief_id))
        return self._built

    @property
    def plain(self) -> str:
        return self.hanging.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.hanging.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.HEIGHT

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.hanging.render_strips(width, height, style, options)


class SearchController:
    """The query, its hits and the one the user is on; it knows nothing of widgets."""

    def __init__(self, library: LibraryView) -> None:
        self.library = library
        self.text = ""
        self.result: SearchResult | None = None
        self.hits: Sequence[Hit] = ()
        self.at: int | None = None
        """The index of the hit the user is on, if any."""

    def run(self, text: str) -> None:
        """Search every brief now: the index answers within a frame, so typing never waits."""
        self.text = text
        self.result = self.library.search(text, LIMIT)
        self.hits = self.result.hits if self.result else ()
        self.at = 0 if self.hits else None

    def rerun(self) -> None:
        """The briefs changed: the same query, fresh hits, on the same hit where it still is."""
        if self.text.strip():
            at = self.at
            self.run(self.text)
            if at is not None and self.hits:
                self.at = min(at, len(self.hits) - 1)

    def choose(self, index: int) -> Hit | None:
        if not 0 <= index < len(self.hits):
            return None
        self.at = index
        return self.hits[index]

    def step(self, step: int) -> Hit | None:
        """The next (``step`` 1) or previous (-1) hit, round the ends."""
        if not self.hits:
            return None
        at = self.at if self.at is not None else (-1 if step > 0 else 0)
        return self.choose((at + step) % len(self.hits))

    def status(self) -> Content:
        """``Hit 3 of 20 for “words”`` and the keys that walk them; empty without hits."""
        if not self.hits or self.at is None:
            return Content("")
        result = self.result
        return Content.assemble(
            Content.styled(f"Hit {self.at + 1} of {len(self.hits)}", "bold"),
            f" (of {result.count} matches)" if result and result.count > len(self.hits) else "",
            " for “",
            self.text,
            "”   n/N next/previous · / edit the search · esc clears",
        )


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

    class HitChosen(Message):
        """The user picked ``hit`` (enter or a click): show its item."""

        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class GoToList(Message):
        """Enter with no hit to go to (filters alone): on to the list they narrowed."""

    class HitsChanged(Message):
        """The query ran again: other hits, or none."""

    def __init__(self, library: LibraryView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.search = SearchController(library)
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

    def show_hits(self) -> None:
        result = self.search.result
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
        title_of, hits = self.search.library.title_of, result.hits
        self.results.set_options([Option(HitRow(hits, i, title_of)) for i in range(len(hits))])
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

    def set_text(self, text: str) -> None:
        """Put ``text`` in the box (a facet chosen) and run it."""
        with self.input.prevent(Input.Changed):
            self.input.value = text
        self.run(text)

    def select(self, index: int) -> None:
        if index < self.results.option_count:
            self.results.highlighted = index

    def run(self, text: str) -> None:
        self.search.run(text)
        self.show_hits()
        self.post_message(self.HitsChanged())

    def rerun(self) -> None:
        """The briefs changed: run the query again, keeping the user on their hit."""
        if self.search.text.strip():
            self.search.rerun()
            self.show_hits()

    def clear(self) -> None:
        self.set_text("")

    def step(self, step: int) -> Hit | None:
        """Move to the next or previous hit (``n``/``N``) and return it."""
        hit = self.search.step(step)
        if hit is not None and self.search.at is not None:
            self.select(self.search.at)
        return hit

    def _choose(self, index: int) -> None:
        hit = self.search.choose(index)
        if hit is not None:
            self.select(index)
            self.post_message(self.HitChosen(hit))

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run(event.value)

    @on(Go)
    def _go(self, event: Go) -> None:
        event.stop()
        if not self.search.hits:
            self.post_message(self.GoToList())
        else:
            self._choose(self.results.highlighted or 0)

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    @on(Move)
    def _move(self, event: Move) -> None:
        event.stop()
        if event.step > 0:
            self.results.action_cursor_down()
        else:
            self.results.action_cursor_up()
