"""What the screens read of the library: a protocol the keeper satisfies.

Screens and widgets are given a ``LibraryView`` in their constructors and never reach
for the app to find the library, so one can be run alone with a fake (see
``tests/ui/test_screen_alone.py``). They only read it: loading, reloading and the search
index are the keeper's, driven by the app, which tells the screen when entries change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.search.items import SearchResult
    from briefing.search.matching import Query
    from briefing.store.library import Entry


class LibraryView(Protocol):
    @property
    def order(self) -> Sequence[Entry]:
        """Every entry loaded so far, in library order."""

    @property
    def positions(self) -> Mapping[str, int]:
        """Each loaded entry's index in :attr:`order`, by id."""

    @property
    def total(self) -> int:
        """How many briefs the library holds, known before they have all loaded."""

    def entry(self, ident: str) -> Entry | None: ...

    def display(self, path: Path) -> str:
        """How messages name a file of the library (under its root, as that root was given)."""

    def title_of(self, ident: str) -> str:
        """The brief's title, or its id when it never loaded."""

    def search(self, text: str | Query, limit: int) -> SearchResult | None:
        """The first ``limit`` hits for ``text`` (or its words, parsed) across the library;
        None before any brief is indexed or for a blank query."""

    def briefs_matching(self, query: Query) -> set[str]:
        """The ids of every brief where one item matches all of ``query`` (what a
        ``-word`` leaves out); none before any brief is indexed."""
