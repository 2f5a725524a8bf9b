"""Filters, order and what is new on the main screen: a base of ``MainScreen``.

The screen's :class:`~briefing.ui.filtering.LibraryFilter` (``self.filter``) decides which
briefs the list shows and in what order; this class applies it to the list (its rows, its
title "N of M briefs · by date", the status line), answers the keys that change it (the
sort key, the facets view, mark all read) and marks what the user opens as read once they
have stayed on it a moment, so stepping through the list with ``j`` does not. What has
been read is the ``Reading`` the screen is given (``briefing.ui.reading``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer

from briefing import ui
from briefing.ui import screens
from briefing.ui.filtering import FilterChanged, LibraryFilter

if TYPE_CHECKING:
    from briefing.catalog.build import LibraryCatalog
    from briefing.store.library import Entry
    from briefing.ui.library import LibraryView
    from briefing.ui.widgets.brieflist import BriefList
    from briefing.ui.widgets.search import SearchPanel

OPENED_AFTER = 0.6
"""Seconds a brief stays on screen before it counts as read (not while skimming the list)."""


class Reading(Protocol):
    """What has been read (``briefing.ui.reading.CatalogKeeper``)."""

    def status(self, entry: Entry) -> str | None:
        """``new``, ``changed`` or None (read, or not known yet)."""

    def mark_opened(self, entry: Entry) -> None: ...

    def mark_all_seen(self, entries: list[Entry]) -> int:
        """Mark every entry read; how many were new or changed."""


class FilterActions(Screen[None]):
    library: LibraryView
    current: Entry | None
    filter: LibraryFilter
    reading: Reading | None
    rows: list[Entry] | None = None
    """The entries the list shows once the catalog is built (None: the library's order)."""
    row_of: dict[str, int]
    _opened_timer: Timer | None = None
    _shown: tuple[object, ...] = ()

    # What the main screen provides.

    @property
    def brief_list(self) -> BriefList:
        raise NotImplementedError

    @property
    def search_panel(self) -> SearchPanel:
        raise NotImplementedError

    @property
    def many(self) -> bool:
        raise NotImplementedError

    @property
    def entries(self) -> Sequence[Entry]:
        raise NotImplementedError

    @property
    def position(self) -> Mapping[str, int]:
        raise NotImplementedError

    def set_rows(self, changed: Sequence[Entry] = (), *, moved: bool = True) -> None:
        raise NotImplementedError

    def focus_pane(self, name: str) -> None:
        raise NotImplementedError

    def _hit_status(self) -> None:
        raise NotImplementedError

    # -- the rows --------------------------------------------------------------------------

    def refilter(self) -> bool:
        """The rows as the filter has them now; whether they differ from those shown."""
        entry = self.library.entry
        rows = [e for i in self.filter.order() if (e := entry(i)) is not None]
        self._shown = self._rows_key()
        # The same entries are the same objects: compared by identity, at C speed.
        if rows == list(self.entries):
            if self.rows is None:
                self.rows, self.row_of = rows, dict(self.position)
            return False
        self.rows = rows
        self.row_of = {e.id: i for i, e in enumerate(rows)}
        return True

    def _rows_key(self) -> tuple[object, ...]:
        """What the list's rows follow from: the same key, the same rows."""
        catalog = self.filter.catalog
        return (self.filter.selection, self.filter.sort, catalog.version if catalog else -1)

    def show_rows(self) -> None:
        """The query or the order changed: the list again, the user's brief kept if shown."""
        if self.refilter():
            self.set_rows()
        self.draw_list_title()
        self.post_message(FilterChanged(self.filter))

    def library_changed(self) -> None:
        """Briefs were reloaded, added or removed: the selection may differ."""
        if self.filter.ready:
            self.draw_list_title()
            self.post_message(FilterChanged(self.filter))

    def draw_list_title(self) -> None:
        self.brief_list.border_title = self.filter.title(max(len(self.entries), 2))

    def adopt_catalog(self, catalog: LibraryCatalog) -> None:
        """The catalog is built: the list sorted, filtered by what was typed meanwhile, and
        marked; the brief on screen counts as opened from now."""
        self.filter.adopt(catalog)
        if self.reading is not None:
            self.brief_list.marks = self.reading.status
            self.brief_list.redraw()
        panel = self._search_panel_if_mounted()
        if panel is not None and panel.search.text.strip():
            panel.run(panel.search.text)  # its filters apply now
        self.show_rows()
        self.brief_opened()

    def _search_panel_if_mounted(self) -> SearchPanel | None:
        raise NotImplementedError

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

    # -- the search box's query ------------------------------------------------------------

    def query_ran(self) -> None:
        """The search box's query ran: its mistakes, the briefs it lets through."""
        self.search_panel.show_filter([e.format() for e in self.filter.errors], self._briefs_line())
        if self.filter.ready and self._rows_key() != self._shown:
            self.show_rows()
        self.draw_list_title()

    def _briefs_line(self) -> str:
        if not self.filter.filtered:
            return ""
        selection = self.filter.selection
        if selection is None:
            return "Filters apply once the library has loaded"
        return f"{selection.count:,} of {selection.total:,} briefs pass the filters"

    def on_search_panel_go_to_list(self, event: SearchPanel.GoToList) -> None:
        """Enter with filters but no hit to go to: on to the narrowed list."""
        event.stop()
        if self.filter.filtered:
            self.remove_class("-searching")
            self.focus_pane("briefs" if self.many else "summary")
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
        found = ui.count_facets(catalog, self.filter.selection if self.filter.filtered else None)
        self.app.push_screen(screens.FacetsScreen(found, self.filter.text), self.add_filter)

    def add_filter(self, query: str | None) -> None:
        """A facet was chosen: its filter joins the query, and the list narrows."""
        if not query:
            return
        panel = self.search_panel
        text = f"{panel.search.text.strip()} {query}".strip()
        panel.set_text(text)
        # After the facets screen has gone: focus set now would be on that screen.
        self.call_after_refresh(self.focus_pane, "briefs" if self.many else "summary")

    def action_mark_all_seen(self) -> None:
        if not self.filter.ready or self.reading is None:
            self.notify("What is new is known once the library has loaded.", timeout=2)
            return
        if not self.reading.mark_all_seen(list(self.library.order)):
            self.notify("Nothing new: every brief is marked read.", timeout=2)

    def seen_changed(self, count: int, notice: str | None) -> None:
        """Briefs were marked read (in a worker): marks redrawn; ``is:new`` reselects only
        when the user asked for everything, never under the brief being read."""
        if not self.is_attached:  # the app is closing
            return
        self.brief_list.redraw()
        if count > 1:
            self.notify(f"{count:,} briefs marked read.", timeout=2)
            panel = self._search_panel_if_mounted()
            if self.filter.filtered and panel is not None:
                panel.run(panel.search.text)
        if notice:
            self.notify(notice, title="Reading state", severity="warning", markup=False)

    # -- opening ---------------------------------------------------------------------------

    def brief_opened(self) -> None:
        """The brief on screen changed: it counts as read if the user stays on it."""
        if self._opened_timer is not None:
            self._opened_timer.stop()
            self._opened_timer = None
        if self.current is not None and self.filter.ready and self.reading is not None:
            self._opened_timer = self.set_timer(OPENED_AFTER, self._mark_opened)

    def _mark_opened(self) -> None:
        self._opened_timer = None
        if self.current is not None and self.is_attached and self.reading is not None:
            self.reading.mark_opened(self.current)
