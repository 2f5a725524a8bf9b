"""The brief list under the filters, and what has been opened: two objects the main screen
owns and calls.

:class:`ListFilter` holds the screen's :class:`~briefing.ui.filtering.LibraryFilter` and
the rows it lets through (the entries the list shows, in order, and where each is), and
says what the list's title, the status line and the search panel's briefs line read. The
screen's keys and handlers call it and apply what it answers to the widgets.

:class:`OpenedMarks` marks what the user opens as read once they have stayed on it a
moment, so stepping through the list with ``j`` does not. What has been read is the
``Reading`` the screen is given (``briefing.ui.reading``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Protocol

from textual.content import Content

from briefing.ui.filtering import LibraryFilter

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing.store.library import Entry
    from briefing.ui.library import LibraryView

OPENED_AFTER = 0.6
"""Seconds a brief stays on screen before it counts as read (not while skimming the list)."""


class Reading(Protocol):
    """What has been read (``briefing.ui.reading.CatalogKeeper``)."""

    def status(self, entry: Entry) -> str | None:
        """``new``, ``changed`` or None (read, or not known yet)."""

    def mark_opened(self, entry: Entry) -> None: ...

    def mark_all_seen(self, entries: list[Entry]) -> int:
        """Mark every entry read; how many were new or changed."""


class ListFilter:
    """The entries the brief list shows: the library's order until the catalog is built,
    then those passing the filters in the chosen order."""

    def __init__(self, library: LibraryView, library_filter: LibraryFilter | None = None) -> None:
        self.library = library
        self.filter = library_filter or LibraryFilter(library.briefs_matching)
        """What the list shows and in what order: the reader's current selection. Screens
        showing "the briefs passing the filters" are given it; ``FilterChanged`` follows."""
        self.rows: list[Entry] | None = None
        """The entries the list shows once the catalog is built (None: the library's order)."""
        self.row_of: dict[str, int] = {}
        self._shown: tuple[object, ...] = ()

    @property
    def entries(self) -> Sequence[Entry]:
        """The entries the list shows, in order: the library's (its own list, not a copy)
        until the catalog is built, then those passing the filters in the chosen order."""
        return self.library.order if self.rows is None else self.rows

    @property
    def position(self) -> Mapping[str, int]:
        return self.library.positions if self.rows is None else self.row_of

    # -- the rows --------------------------------------------------------------------------

    def refilter(self) -> bool:
        """The rows as the filter has them now; whether they differ from those shown.

        Every step over the ids is done by ``map``, ``zip`` and ``itemgetter`` (in C): a
        filter typed over 10,000 briefs reorders them all at each key."""
        ids = self.filter.order()
        self._shown = self._rows_key()
        library, positions = self.library.order, self.library.positions
        if not all(map(positions.__contains__, ids)):
            # The catalog may know a brief a moment before the library lists it (or after).
            ids = [i for i in ids if i in positions]
        at = list(map(positions.__getitem__, ids))
        rows = list(itemgetter(*at)(library)) if len(at) > 1 else [library[i] for i in at]
        # The same entries are the same objects: compared by identity, at C speed.
        if rows == list(self.entries):
            if self.rows is None:
                self.rows, self.row_of = rows, dict(positions)
            return False
        self.rows = rows
        self.row_of = dict(zip(ids, range(len(ids)), strict=True))
        return True

    def _rows_key(self) -> tuple[object, ...]:
        """What the list's rows follow from: the same key, the same rows (a query's
        mistakes change the selection, not its briefs)."""
        catalog, selection = self.filter.catalog, self.filter.selection
        mask = selection.mask if selection is not None else None
        return (mask, self.filter.sort, catalog.version if catalog else -1)

    def stale(self) -> bool:
        """Whether the filter now lets other briefs through, or orders them otherwise,
        than the rows shown."""
        return self.filter.ready and self._rows_key() != self._shown

    # -- what the screen says of them ------------------------------------------------------

    def title(self) -> str:
        """The brief list's title: "N of M briefs" while filtered, and the order."""
        return self.filter.title(max(len(self.entries), 2))

    def status(self, searching: bool) -> Content:
        """The status line while filters are set and the search box is closed."""
        if not self.filter.filtered or searching:
            return Content("")
        selection = self.filter.selection
        counted = f" · {selection.count:,} of {selection.total:,} briefs" if selection else ""
        return Content.assemble(
            Content.styled("Filtered: ", "bold"),
            self.filter.text.strip(),
            counted,
            "   / edits the filters · esc clears",
        )

    def problems(self) -> list[str]:
        """The query's mistakes, each as ``message: part``, for under the search box."""
        return [e.format() for e in self.filter.errors]

    def briefs_line(self) -> str:
        """How many briefs the filters let through, for the search panel's count line."""
        if not self.filter.filtered:
            return ""
        selection = self.filter.selection
        if selection is None:
            return "Filters apply once the library has loaded"
        return f"{selection.count:,} of {selection.total:,} briefs pass the filters"

    def with_filter(self, text: str, query: str) -> str:
        """The search box's ``text`` with a facet's filter ``query`` added."""
        return f"{text.strip()} {query}".strip()


class OpenedMarks:
    """Marks the brief on screen read once it has stayed there :data:`OPENED_AFTER`
    seconds. ``set_timer`` is the screen's, so the timer goes with it; ``showing`` says
    which brief is on screen when it fires (None: none, or the screen has gone)."""

    def __init__(
        self,
        reading: Reading | None,
        set_timer: Callable[[float, Callable[[], None]], Timer],
        showing: Callable[[], Entry | None],
    ) -> None:
        self.reading = reading
        self._set_timer = set_timer
        self._showing = showing
        self._timer: Timer | None = None

    def opened(self, ready: bool) -> None:
        """The brief on screen changed; ``ready``: the catalog is built, so what is read
        can be recorded."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._showing() is not None and ready and self.reading is not None:
            self._timer = self._set_timer(OPENED_AFTER, self._mark)

    def _mark(self) -> None:
        self._timer = None
        entry = self._showing()
        if entry is not None and self.reading is not None:
            self.reading.mark_opened(entry)
