"""Filters, order and what is new on the main screen: a base of ``MainScreen``.

The screen's :class:`~briefing.ui.filtering.LibraryFilter` (``self.filter``) decides which
briefs the list shows and in what order; this class applies it to the list (its rows, its
title "N of M briefs · newest first", the status line), answers the keys that change it
(the sort key, the facets view, mark all read) and marks what the user opens as read once
they have stayed on it a moment, so stepping through the list with ``j`` does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.timer import Timer

from briefing.ui.filtering import FilterChanged, LibraryFilter
from briefing.ui.screens.hits import HitWalker

if TYPE_CHECKING:
    from briefing.catalog.build import LibraryCatalog
    from briefing.search.items import SearchResult
    from briefing.store.library import Entry
    from briefing.ui.reading import CatalogKeeper
    from briefing.ui.widgets.brieflist import BriefList

WIDER = 10
"""With filters set, this many times the listed hits are looked at, since some are in
briefs the filters leave out."""
OPENED_AFTER = 0.6
"""Seconds a brief stays on screen before it counts as read (not while skimming the list)."""


class FilterActions(HitWalker):
    filter: LibraryFilter
    entries: list[Entry]
    _opened_timer: Timer | None = None
    _shown: tuple[object, ...] = ()

    @property
    def brief_list(self) -> BriefList:
        raise NotImplementedError

    @property
    def many(self) -> bool:
        raise NotImplementedError

    @property
    def catalogs(self) -> CatalogKeeper:
        return self.briefing_app.catalogs

    def set_rows(self, order: Sequence[Entry], changed: Sequence[Entry] = ()) -> None:
        raise NotImplementedError

    # -- the rows --------------------------------------------------------------------------

    def visible_rows(self, order: Sequence[Entry]) -> list[Entry]:
        """The entries the list shows: ``order`` (the library's) until the catalog is
        ready, then those passing the filters in the chosen order."""
        if not self.filter.ready:
            return list(order)
        entry = self.briefing_app.keeper.entries.get
        return [e for i in self.filter.order() if (e := entry(i)) is not None]

    def show_rows(self) -> None:
        """The query or the order changed: the list again, the user's brief kept if shown."""
        rows = self.visible_rows(list(self.briefing_app.keeper.entries.values()))
        if rows != self.entries:  # the same entries, the same objects: compared by identity
            self.set_rows(rows)
        self._shown = self._rows_key()
        self.draw_list_title()
        self.post_message(FilterChanged(self.filter))

    def library_changed(self) -> None:
        """Briefs were reloaded, added or removed: the selection may differ."""
        if self.filter.ready:
            self._shown = self._rows_key()
            self.draw_list_title()
            self.post_message(FilterChanged(self.filter))

    def draw_list_title(self) -> None:
        self.brief_list.border_title = self.filter.title(max(len(self.entries), 2))

    def adopt_catalog(self, catalog: LibraryCatalog) -> None:
        """The catalog is built: the list sorted, filtered by what was typed meanwhile, and
        marked; the brief on screen counts as opened from now."""
        self.filter.adopt(catalog)
        self.brief_list.marks = self.catalogs.status
        self.brief_list.redraw()
        if self.search_text.strip():
            self.run_search(self.search_text)
        else:
            self.show_rows()
        self.brief_opened()

    def filter_status(self) -> Content:
        """The status line while filters are set and the search box is closed."""
        if not self.filter.filtered or self.has_class("-searching"):
            return Content("")
        selection = self.filter.selection
        counted = f" · {selection.count:,} of {selection.total:,} briefs" if selection else ""
        return Content.assemble(
            Content.styled("Filtered: ", "bold"),
            self.filter.text.strip(),
            counted,
            "   / edits the filters · esc clears",
        )

    # -- the search box's query -----------------------------------------------------------

    def find_hits(self, text: str) -> SearchResult | None:
        """Words go to the search index, kept to the briefs passing the filters."""
        parsed = self.filter.set_query(text)
        index = self.briefing_app.search_index
        if index is None or not parsed.words:
            return None
        from briefing.search.items import Hits, SearchResult
        from briefing.ui.widgets.search import LIMIT

        if not self.filter.filtered or not self.filter.ready:
            return index.search(parsed.words, limit=LIMIT)
        found = index.search(parsed.words, limit=LIMIT * WIDER)
        if not isinstance(found.hits, Hits):  # no hit at all: nothing to keep to
            return found
        kept, count = found.hits.within(self.filter.passes, LIMIT)
        more = found.capped or len(found.hits) < found.count
        return SearchResult(found.query, kept, count, capped=more)

    def query_ran(self) -> None:
        self.search_panel.show_filter([e.format() for e in self.filter.errors], self._briefs_line())
        if self.filter.ready and self._rows_key() != self._shown:
            self.show_rows()
        self.draw_list_title()

    def _rows_key(self) -> tuple[object, ...]:
        """What the list's rows follow from: the same key, the same rows."""
        catalog = self.filter.catalog
        return (self.filter.selection, self.filter.sort, catalog.version if catalog else -1)

    def _briefs_line(self) -> str:
        if not self.filter.filtered:
            return ""
        selection = self.filter.selection
        if selection is None:
            return "Filters apply once the library has loaded"
        return f"{selection.count:,} of {selection.total:,} briefs pass the filters"

    def idle_status(self) -> Content:
        return self.filter_status()

    def go_without_hits(self) -> None:
        """Enter with filters but no words: on to the narrowed list."""
        if self.filter.filtered:
            self.remove_class("-searching")
            self.focus_pane("briefs" if len(self.entries) > 1 else "summary")
            self._hit_status()

    # -- keys ------------------------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        if not self.filter.ready:
            self.notify("The list can be sorted once the library has loaded.", timeout=2)
            return
        self.filter.cycle_sort()
        self.show_rows()

    def action_facets(self) -> None:
        catalog = self.filter.catalog
        if catalog is None:
            self.notify("Facets are ready once the library has loaded.", timeout=2)
            return
        from briefing.catalog.facets import facets
        from briefing.ui.screens.facets import FacetsScreen

        found = facets(catalog, self.filter.selection if self.filter.filtered else None)
        self.app.push_screen(FacetsScreen(found, self.filter.text), self.add_filter)

    def add_filter(self, query: str | None) -> None:
        """A facet was chosen: its filter joins the query, and the list narrows."""
        if not query:
            return
        text = f"{self.search_text.strip()} {query}".strip()
        panel = self.search_panel
        from textual.widgets import Input

        with panel.input.prevent(Input.Changed):
            panel.input.value = text
        self.run_search(text)
        # After the facets screen has gone: focus set now would be on that screen.
        self.call_after_refresh(self.focus_pane, "briefs" if self.many else self.pane_name)

    def action_mark_all_seen(self) -> None:
        if not self.filter.ready:
            self.notify("What is new is known once the library has loaded.", timeout=2)
            return
        count = self.catalogs.mark_all_seen(list(self.briefing_app.keeper.entries.values()))
        if not count:
            self.notify("Nothing new: every brief is marked read.", timeout=2)

    def seen_changed(self, count: int, notice: str | None) -> None:
        """Briefs were marked read (in a worker): marks redrawn; ``is:new`` reselects only
        when the user asked for everything, never under the brief being read."""
        if not self.is_attached:  # the app is closing
            return
        self.brief_list.redraw()
        if count > 1:
            self.notify(f"{count:,} briefs marked read.", timeout=2)
            if self.filter.filtered:
                self.run_search(self.search_text)
        if notice:
            self.notify(notice, title="Reading state", severity="warning", markup=False)

    # -- opening ---------------------------------------------------------------------------

    def brief_opened(self) -> None:
        """The brief on screen changed: it counts as read if the user stays on it."""
        if self._opened_timer is not None:
            self._opened_timer.stop()
            self._opened_timer = None
        if self.current is not None and self.filter.ready:
            self._opened_timer = self.set_timer(OPENED_AFTER, self._mark_opened)

    def _mark_opened(self) -> None:
        self._opened_timer = None
        if self.current is not None and self.is_attached:
            self.catalogs.mark_opened(self.current)
