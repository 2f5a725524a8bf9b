"""The brief list's filters and order: the one place the reader's current selection lives.

:class:`LibraryFilter` holds what the search box's query and the sort key let through
(``briefing.search.query`` parses, ``briefing.catalog`` selects and orders: nothing is
matched here). The main screen owns one (``MainScreen.filter``) and posts
:class:`FilterChanged` whenever the query, the order or the library under them changes,
so a screen showing "the briefs passing the filters" (the library timeline) is given
``filter.catalog`` and ``filter.selection`` when it opens and can follow the message.

Words in the query are not the filter's: the reader's search index finds them as they are
typed, and the hits are then kept to the selected briefs. A ``-word`` is: a brief where one
item holds it is left out of the list, by the rule ``briefing list -- -word`` follows
(``Catalog.select`` with its words). That reads every brief's texts, so it waits until the
box has been still for :data:`EXCLUDE_AFTER` (the screen calls :meth:`apply_exclusions`):
"-junta" typed letter by letter never looks for "-j", "-ju" ...
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.message import Message

from briefing import ui

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from briefing.catalog.build import LibraryCatalog
    from briefing.catalog.selection import Selection, SortKey
    from briefing.search.items import SearchResult
    from briefing.search.matching import Query
    from briefing.search.query import ParsedQuery, QueryError
    from briefing.store.library import Entry
    from briefing.ui.library import LibraryView

EXCLUDE_AFTER = 0.3
"""Seconds the search box stays as typed before its ``-words`` leave briefs out."""
WIDER = 10
"""With filters set, this many times the listed hits are looked at, since some are in
briefs the filters leave out."""
SORT_CYCLE: tuple[SortKey, ...] = ("date", "title", "changed")
"""The orders the sort key steps through, the first being the default."""
SORT_LABELS: dict[SortKey, str] = {
    "date": "by date",
    "title": "by title",
    "changed": "by change",
    "id": "by id",
}


class LibraryFilter:
    """The query, its selection and the list's order, over the catalog once it is built."""

    def __init__(self, briefs_matching: Callable[[Query], set[str]] | None = None) -> None:
        self._briefs_matching = briefs_matching
        """The briefs holding a ``-word`` (``LibraryView.briefs_matching``: the reader's
        search index); without it the catalog reads their texts."""
        self.catalog: LibraryCatalog | None = None
        """None until the reader has loaded the library and built it (in a worker)."""
        self.sort: SortKey = SORT_CYCLE[0]
        self.text = ""
        self.parsed: ParsedQuery | None = None
        self._selection: Selection | None = None
        self._selected_at = -1
        """The catalog's version when the selection was made."""
        self._excluding = False
        """Whether the query's ``-words`` apply yet (see :meth:`apply_exclusions`)."""

    @property
    def selection(self) -> Selection | None:
        """The briefs passing the filters (every brief when none is set), as the library is
        now; None until the catalog is ready."""
        catalog = self.catalog
        if catalog is not None and catalog.version != self._selected_at:
            self.reselect()
        return self._selection

    @property
    def ready(self) -> bool:
        return self.catalog is not None

    @property
    def filtered(self) -> bool:
        """True when field filters or a ``-word`` narrow the list (words alone do not)."""
        return self.parsed is not None and self.parsed.has_filters

    @property
    def errors(self) -> tuple[QueryError, ...]:
        return self.parsed.errors if self.parsed is not None else ()

    @property
    def pending(self) -> bool:
        """Whether the query has ``-words`` that do not apply yet."""
        return self.parsed is not None and bool(self.parsed.excluded) and not self._excluding

    def set_query(self, text: str) -> ParsedQuery:
        """Parse the search box's text (never raises) and select by its filters; the same
        text run again (the library changed) keeps its ``-words`` applied."""
        if text != self.text:
            self._excluding = False
        self.text = text
        self.parsed = ui.parse_query(text)
        self.reselect()
        return self.parsed

    def apply_exclusions(self) -> None:
        """The box has been still: the query's ``-words`` leave their briefs out now."""
        self._excluding = True
        self.reselect()

    def adopt(self, catalog: LibraryCatalog) -> None:
        """The catalog is built: the query typed meanwhile applies now."""
        self.catalog = catalog
        self.reselect()

    def reselect(self) -> None:
        """Select again (the query, the catalog or what has been read changed)."""
        catalog = self.catalog
        if catalog is None:
            self._selection = None
            return
        self._selected_at = catalog.version
        parsed = self.parsed
        if parsed is None or not parsed.has_filters:
            self._selection = catalog.all
        elif not (parsed.excluded and self._excluding) or self._briefs_matching is None:
            # The words are the search index's: the hits are kept to these briefs.
            self._selection = catalog.select(parsed, words=False, excluded=self._excluding)
        else:  # each -word's briefs, from the search index, out of the filters' selection
            chosen = catalog.select(parsed, words=False)
            out = set().union(*map(self._briefs_matching, parsed.excluded))
            numbers = (n for n in map(catalog.number, out) if n is not None)
            mask = chosen.mask & ~catalog.mask_of(numbers)
            self._selection = replace(chosen, mask=mask, count=mask.bit_count())

    def cycle_sort(self) -> SortKey:
        at = SORT_CYCLE.index(self.sort) if self.sort in SORT_CYCLE else -1
        self.sort = SORT_CYCLE[(at + 1) % len(SORT_CYCLE)]
        return self.sort

    def order(self) -> list[str]:
        """The ids the list shows, in order; empty before the catalog is ready."""
        if self.catalog is None:
            return []
        return self.catalog.order(self.sort, self.selection)

    def passes(self, brief_id: str) -> bool:
        """Whether the brief passes the filters (every brief does while none is set)."""
        if self.catalog is None or not self.filtered or self.selection is None:
            return True
        return self.catalog.number(brief_id) in self.selection

    def title(self, loaded: int) -> str:
        """The brief list's title: its key, "N of M briefs" while filtered, the order."""
        selection = self.selection
        if self.filtered and selection is not None:
            count = f"{selection.count:,} of {selection.total:,} briefs"
        else:
            count = "Briefs"
        order = SORT_LABELS[self.sort] if self.ready else "loading"
        return f"0 {count} · {order}" if loaded > 1 else f"0 {count}"


class FilteredSearch:
    """The library as the search panel sees it (a ``LibraryView``): the query's words
    searched, the hits kept to the briefs passing its filters, which are set on the way."""

    def __init__(self, library: LibraryView, library_filter: LibraryFilter) -> None:
        self.library = library
        self.filter = library_filter

    @property
    def order(self) -> Sequence[Entry]:
        return self.library.order

    @property
    def positions(self) -> Mapping[str, int]:
        return self.library.positions

    @property
    def total(self) -> int:
        return self.library.total

    def entry(self, ident: str) -> Entry | None:
        return self.library.entry(ident)

    def display(self, path: Path) -> str:
        return self.library.display(path)

    def title_of(self, ident: str) -> str:
        return self.library.title_of(ident)

    def briefs_matching(self, query: Query) -> set[str]:
        return self.library.briefs_matching(query)

    def search(self, text: str | Query, limit: int) -> SearchResult | None:
        parsed = self.filter.set_query(text if isinstance(text, str) else "")
        if not isinstance(text, str):
            return self.library.search(text, limit)
        if not parsed.words:
            return None
        if not self.filter.filtered or not self.filter.ready:
            return self.library.search(parsed.words, limit)
        found = self.library.search(parsed.words, limit * WIDER)
        if found is None or not isinstance(found.hits, ui.Hits):  # no hit: nothing to keep
            return found
        kept, count = found.hits.within(self.filter.passes, limit)
        more = found.capped or len(found.hits) < found.count
        return ui.SearchResult(found.query, kept, count, capped=more)


class FilterChanged(Message):
    """The selection or the order of the brief list changed (read ``filter``)."""

    def __init__(self, library_filter: LibraryFilter) -> None:
        super().__init__()
        self.filter = library_filter
