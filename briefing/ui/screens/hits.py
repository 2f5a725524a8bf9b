"""Search on the main screen: run queries as the user types, jump to hits, walk them.

The base class of ``MainScreen``, so its actions (``/``, ``n``, ``N``, escape) bind on the
screen like the others; it needs only the screen's ``show_entry`` and ``focus_pane``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from briefing.ui.widgets.panes import ItemPane
from briefing.ui.widgets.summary import SummaryPane

if TYPE_CHECKING:
    from briefing.search.index import Hit, SearchResult
    from briefing.store.library import Entry
    from briefing.ui.app import BriefingApp
    from briefing.ui.widgets.search import SearchPanel

ITEM_PANES = {"actor": "actors", "quote": "quotes", "question": "questions"}
SUMMARY_SECTIONS = {"timeline": "timeline", "discrepancy": "discrepancy"}


class HitWalker(Screen[None]):
    """Search state and actions; the base of ``MainScreen``, which supplies the panes."""

    hits: Sequence[Hit] = ()
    result: SearchResult | None = None
    hit_at: int | None = None
    search_text: str = ""
    current: Entry | None = None

    @property
    def briefing_app(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

    def set_status(self, text: str | Content) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(bool(text), "-shown")

    def show_entry(self, ident: str, *, keep: bool = False) -> None:
        raise NotImplementedError

    def focus_pane(self, name: str) -> None:
        raise NotImplementedError

    def item_pane(self, name: str) -> ItemPane:
        return self.query_one(f"#{name}", ItemPane)

    @property
    def pane_name(self) -> str:
        raise NotImplementedError

    @property
    def summary(self) -> SummaryPane:
        return self.query_one(SummaryPane)

    @property
    def search_panel(self) -> SearchPanel:
        # Imported here, not with the screen: the panel is mounted after the first frame.
        from briefing.ui.widgets.search import SearchPanel

        panel = self.late_widget("search")
        assert isinstance(panel, SearchPanel)
        return panel

    def late_widget(self, name: str) -> Widget:
        raise NotImplementedError

    def action_search(self) -> None:
        box = self.search_panel.input
        self.add_class("-searching")
        self.set_focus(box)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    def run_search(self, text: str) -> None:
        """Search every brief now: the index answers within a frame, so typing never waits."""
        self.search_text = text
        self.result = self.find_hits(text)
        self.hits = self.result.hits if self.result else ()
        self.hit_at = 0 if self.hits else None
        self.search_panel.show_hits(self.result, self.briefing_app.title_of)
        self.query_ran()
        self._hit_status()
        self.refresh_bindings()

    def find_hits(self, text: str) -> SearchResult | None:
        """The hits for the search box's text (the filters' base narrows them)."""
        from briefing.ui.widgets.search import LIMIT

        index = self.briefing_app.search_index
        return index.search(text, limit=LIMIT) if index is not None and text.strip() else None

    def query_ran(self) -> None:
        """The query ran: what else follows it (the filters' base applies them)."""

    def idle_status(self) -> Content:
        """The status line when no hit is being walked."""
        return Content("")

    def refresh_search(self) -> None:
        """Briefs changed: the same query, fresh hits."""
        if self.search_text.strip():
            at = self.hit_at
            self.run_search(self.search_text)
            if at is not None and self.hits:
                self.hit_at = min(at, len(self.hits) - 1)
                self._hit_status()

    def on_search_panel_go(self, event: SearchPanel.Go) -> None:
        event.stop()
        highlighted = self.search_panel.results.highlighted
        if self.hits:
            self.jump_to_hit(highlighted or 0)
        else:
            self.go_without_hits()

    def go_without_hits(self) -> None:
        """Enter in the search box with no hit to go to."""

    @on(OptionList.OptionSelected, "#search-results")
    def _result_clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.jump_to_hit(event.option_index)

    def on_search_panel_close(self, event: SearchPanel.Close) -> None:
        event.stop()
        self.action_clear_search()

    def action_clear_search(self) -> None:
        panel = self.search_panel
        with panel.input.prevent(Input.Changed):
            panel.input.value = ""
        self.run_search("")
        self.remove_class("-searching")
        self.focus_pane(self.pane_name)

    def action_step_hit(self, step: int) -> None:
        if not self.hits:
            return
        at = self.hit_at if self.hit_at is not None else (-1 if step > 0 else 0)
        self.jump_to_hit((at + step) % len(self.hits))

    def jump_to_hit(self, index: int) -> None:
        if not 0 <= index < len(self.hits):
            return
        self.hit_at = index
        self.search_panel.select(index)
        self.remove_class("-searching")
        hit = self.hits[index]
        self.jump_to_item(hit.brief_id, hit.kind, hit.index)
        self._hit_status()

    def jump_to_item(self, brief_id: str, kind: str, index: int) -> None:
        """Show ``brief_id`` and select its item ``kind``/``index`` in the pane that lists it."""
        if self.current is None or self.current.id != brief_id:
            self.show_entry(brief_id)
        if self.current is None or self.current.brief is None:
            return
        pane_name = ITEM_PANES.get(kind)
        if pane_name is not None:
            pane = self.item_pane(pane_name)
            self.focus_pane(pane_name)
            if 0 <= index < pane.option_count:
                pane.highlighted = index
            return
        self.focus_pane("summary")
        section = SUMMARY_SECTIONS.get(kind)
        if section is not None:
            self.summary.reveal(section, index)

    def _hit_status(self) -> None:
        if not self.hits or self.hit_at is None or self.has_class("-searching"):
            self.set_status(self.idle_status())
            return
        self.set_status(
            Content.assemble(
                Content.styled(f"Hit {self.hit_at + 1} of {len(self.hits)}", "bold"),
                f" (of {self.result.count} matches)"
                if self.result and self.result.count > len(self.hits)
                else "",
                " for “",
                self.search_text,
                "”   n/N next/previous · / edit the search · esc clears",
            )
        )
