"""The app's side of the library as one body: its catalog, and the screens made from it.

The catalog (``briefing.catalog``) of the entries the UI thread holds is made and warmed
in a worker once the library has loaded, from a copy of the entries (what changes
meanwhile is brought up to date when it is handed over), or on the UI thread by the first
screen needing it before then (the dossier, the library timeline, related briefs, an
actor's "in N other briefs"); then kept current as entries arrive and change. Screens ask with
the messages of ``briefing.ui.messages`` and are given their data: a ``Dossier``, a
``LibraryTimeline``, the lists of ``Link``. A line chosen on them is an ``ItemChosen`` or
a ``BriefChosen``, which the app carries out on the main screen as the palette's.

``BriefingApp`` is built on this class; nothing here knows the main screen's insides.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on

from briefing import ui
from briefing.ui import screens
from briefing.ui.messages import DossierRequested, RelatedRequested, TimelineRequested
from briefing.ui.terminal import TerminalApp

if TYPE_CHECKING:
    from briefing.catalog.build import LibraryCatalog
    from briefing.catalog.entities import Entity
    from briefing.store.library import Entry
    from briefing.ui.keeper import EntriesChanged, EntriesLoaded, LibraryKeeper


class _Held:
    """The entries the UI thread holds, as a catalog reads a library."""

    def __init__(self, keeper: LibraryKeeper) -> None:
        self._keeper = keeper

    @property
    def entries(self) -> Sequence[Entry]:
        return list(self._keeper.entries.values())

    def get(self, ident: str) -> Entry | None:
        return self._keeper.entries.get(ident)


class _Copy:
    """The entries as they were when a worker began making the catalog from them."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self._entries = entries

    @property
    def entries(self) -> Sequence[Entry]:
        return list(self._entries.values())

    def get(self, ident: str) -> Entry | None:
        return self._entries.get(ident)


class BodyApp(TerminalApp):
    keeper: LibraryKeeper
    _catalog: LibraryCatalog | None = None
    _moved: set[str] | None = None
    """While a worker makes the catalog: the ids changed since it took its copy."""

    # -- the catalog -----------------------------------------------------------------------

    @property
    def catalog(self) -> LibraryCatalog:
        """The catalog of the entries loaded so far, made now if it was not."""
        if self._catalog is None:
            self._catalog = ui.catalog_of_library(_Held(self.keeper))
            self._moved = None  # a worker making one is overtaken
        return self._catalog

    def make_catalog_soon(self) -> None:
        """Make and warm the catalog in a worker, so the first dossier, timeline or
        actor's details does not wait for it."""
        if self._catalog is not None or self._moved is not None:
            return
        self._moved = set()
        copy = _Copy(dict(self.keeper.entries))
        self.run_worker(lambda: self._make(copy), thread=True, group="catalog")

    def _make(self, copy: _Copy) -> None:
        catalog = ui.catalog_of_library(copy)
        catalog.warm()
        ui.library_timeline(catalog)  # sorts every entry of the library once, kept by version
        self.call_from_thread(self._adopt, catalog)

    def _adopt(self, catalog: LibraryCatalog) -> None:
        moved, self._moved = self._moved, None
        if self._catalog is not None or moved is None:
            return  # made on this thread meanwhile
        catalog.library = _Held(self.keeper)
        gone = {f.id for f in catalog} - self.keeper.entries.keys()
        for ident in moved | gone:
            catalog.refresh(ident)  # a brief gone is removed
        self._catalog = catalog
        # It lives until the library changes: out of the collector's sight, as the briefs
        # are (see BriefingApp.run), so no full collection lands in a keystroke.
        gc.freeze()

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        # BriefingApp's handler of the same name runs first (Textual calls each class's),
        # so the keeper holds these entries already.
        self._changed([entry.id for entry in message.entries])
        if message.finished:
            self.make_catalog_soon()

    def on_entries_changed(self, message: EntriesChanged) -> None:
        held = self.keeper.entries
        known = {f.id for f in self._catalog} if self._catalog is not None else set()
        self._changed([*(known - held.keys()), *(entry.id for entry in message.changed)])

    def _changed(self, idents: Sequence[str]) -> None:
        if self._moved is not None:
            self._moved.update(idents)
        if self._catalog is not None:
            for ident in idents:
                self._catalog.refresh(ident)  # a brief gone is removed

    def actor_entity(self, entry_id: str, actor_id: str) -> tuple[str, int] | None:
        """The entity key of an actor and how many other briefs it is in."""
        entity = self.catalog.entities.for_actor(entry_id, actor_id)
        return None if entity is None else (entity.key, len(entity.briefs) - 1)

    def entities(self) -> list[Entity]:
        """Every person and organisation of the library, those in most briefs first; none
        until the catalog is made (the palette must not wait for it)."""
        catalog = self._catalog
        if catalog is None:
            return []
        return catalog.derived(
            "entities by briefs",
            lambda: sorted(catalog.entities, key=lambda e: (-len(e.briefs), e.name)),
        )

    # -- the screens -----------------------------------------------------------------------

    @on(DossierRequested)
    def _open_dossier(self, message: DossierRequested) -> None:
        entities = self.catalog.entities
        if message.key:
            entity = entities.get(message.key)
        else:
            entity = entities.for_actor(message.entry_id, message.actor_id)
        if entity is None:
            self.notify("Not in the library any more.", severity="warning")
            return
        self.push_screen(screens.DossierScreen(ui.dossier(self.catalog, entity)))

    @on(TimelineRequested)
    def _open_timeline(self, message: TimelineRequested) -> None:
        catalog = self.catalog
        selection = message.selection or catalog.all
        timeline = ui.library_timeline(catalog, message.selection)
        briefs, total = selection.count, len(catalog)
        self.push_screen(
            screens.TimelineScreen(timeline, briefs=briefs, total=total, query=message.query)
        )

    @on(RelatedRequested)
    def _open_related(self, message: RelatedRequested) -> None:
        entry = self.keeper.entries.get(message.entry_id)
        if entry is None or entry.brief is None:
            return
        catalog, ident = self.catalog, message.entry_id
        names, naming = ui.related(catalog, ident), ui.referenced_by(catalog, ident)
        self.push_screen(screens.RelatedScreen(entry.brief.title, names, naming))
