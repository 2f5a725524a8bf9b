"""The reader's catalog and reading state: built off the UI thread, kept current on it.

Once the library has loaded, :meth:`CatalogKeeper.build` makes the catalog
(``briefing.catalog.build.catalog_of_library``, from a snapshot of the entries the UI
thread holds) and warms it in a thread worker, reading the state of what the user has
opened (``briefing.store.seen``) on the way, and posts :class:`CatalogReady`. Reloads
then update it on the UI thread (:meth:`CatalogKeeper.sync`, a ``stat`` per changed
brief). Marking briefs read writes the state file, so it runs in a worker too, one at a
time (a lock: the state is not thread-safe), and posts :class:`SeenChanged`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.message import Message

from briefing import ui
from briefing.store.memory import release
from briefing.ui.keeper import cancelled_check

if TYPE_CHECKING:
    from textual.app import App

    from briefing.catalog.build import LibraryCatalog
    from briefing.store.library import Entry
    from briefing.store.seen import SeenState


class CatalogReady(Message):
    """The catalog is built and warm; ``notice``: why the reading state was set aside."""

    def __init__(self, catalog: LibraryCatalog, notice: str | None) -> None:
        super().__init__()
        self.catalog = catalog
        self.notice = notice


class SeenChanged(Message):
    """Briefs were marked read; ``notice``: why the state could not be saved, if so."""

    def __init__(self, count: int, notice: str | None) -> None:
        super().__init__()
        self.count = count
        self.notice = notice


class _Entries:
    """The UI thread's entries by id, as the catalog asks for them (``Entries``)."""

    def __init__(self, lookup: Callable[[str], Entry | None]) -> None:
        self._lookup = lookup

    def get(self, ident: str, /) -> Entry | None:
        return self._lookup(ident)


class CatalogKeeper:
    def __init__(
        self,
        host: App[Any],
        lookup: Callable[[str], Entry | None],
        seen: SeenState | None = None,
    ) -> None:
        self.host = host
        self.entries = _Entries(lookup)
        """The UI thread's entries by id, where every catalog of the reader finds its briefs."""
        self._seen = seen
        self._lock = threading.Lock()
        self.catalog: LibraryCatalog | None = None
        self.building = False

    @property
    def seen(self) -> SeenState:
        if self._seen is None:
            self._seen = ui.SeenState()
        return self._seen

    # -- building (a worker) ---------------------------------------------------------------

    def build(self, entries: list[Entry]) -> None:
        """Make the catalog of ``entries`` (a snapshot: the list is not read again)."""
        self.building = True
        seen = self.seen
        self.host.run_worker(
            lambda: self._build(entries, seen), thread=True, group="catalog", exit_on_error=False
        )

    def _build(self, entries: list[Entry], seen: SeenState) -> None:
        stop = cancelled_check()
        with self._lock:
            len(seen)  # read the state file here, not in a keystroke; a bad one is set aside
            notice, seen.notice = seen.notice, None
        catalog = ui.catalog_of_library(self.entries, seen=seen, entries=entries, stop=stop)
        catalog.warm(stop)
        if stop():
            return  # built part way: never shown
        # The library timeline's order (every entry of the library, sorted once per catalog
        # version): made here, not when `t` first opens it.
        ui.library_timeline(catalog)
        release()  # what building it freed, before the reader settles at this size
        self.host.post_message(CatalogReady(catalog, notice))

    def adopt(self, catalog: LibraryCatalog, current: Iterable[Entry]) -> None:
        """On the UI thread: take the built catalog, with what changed since its snapshot."""
        self.catalog = catalog
        self.building = False
        wanted = {e.id: e.digest for e in current}
        stale = [i for i, d in wanted.items() if (f := catalog.get(i)) is None or f.digest != d]
        gone = [f.id for f in catalog if f.id not in wanted]
        for ident in stale + gone:
            catalog.refresh(ident)

    # -- keeping it current (the UI thread) ------------------------------------------------

    def sync(self, changed: Iterable[Entry], current: Iterable[Entry]) -> None:
        """A reload: bring the changed briefs, and those gone, up to date."""
        catalog = self.catalog
        if catalog is None:
            return
        ids = {e.id for e in current}
        for ident in {e.id for e in changed} | {f.id for f in catalog if f.id not in ids}:
            catalog.refresh(ident)

    def status(self, entry: Entry) -> str | None:
        """``new``, ``changed`` or None: the list's mark (none until the state is read).
        A brief that never loaded counts too (its content is its problems), as ``is:new``
        counts it."""
        if self.catalog is None:
            return None
        return self.seen.status(entry)

    # -- remembering (a worker) ------------------------------------------------------------

    def mark_opened(self, entry: Entry) -> None:
        if self.catalog is None or self.status(entry) is None:
            return
        self._remember([entry])

    def mark_all_seen(self, entries: list[Entry]) -> int:
        """Remember every brief given as read; how many were new or changed."""
        if self.catalog is None:
            return 0
        fresh = [e for e in entries if self.status(e) is not None]
        if fresh:
            self._remember(fresh)
        return len(fresh)

    def _remember(self, entries: list[Entry]) -> None:
        seen = self.seen

        def work() -> None:
            with self._lock:
                seen.mark_all_seen(entries)
                notice, seen.notice = seen.notice, None
            self.host.post_message(SeenChanged(len(entries), notice))

        self.host.run_worker(work, thread=True, group="seen", exit_on_error=False)
