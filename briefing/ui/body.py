"""The app's side of the library as one body: its catalog, and the screens made from it.

The catalog (``briefing.catalog``) is the one the filters use, made and warmed in a worker
once the library has loaded (``briefing.ui.reading``). A screen needing it before then (the
dossier, the library timeline, related briefs, an actor's "in N other briefs") is given
one made on the UI thread from the entries loaded so far, kept current until the worker's
is ready. Screens ask with
the messages of ``briefing.ui.messages`` and are given their data: a ``Dossier``, a
``LibraryTimeline``, the lists of ``Link``. A line chosen on them is an ``ItemChosen`` or
a ``BriefChosen``, which the app carries out on the main screen as the palette's.

``BriefingApp`` is built on this class; nothing here knows the main screen's insides.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import on

from briefing import ui
from briefing.ui import screens
from briefing.ui.messages import DossierRequested, RelatedRequested, TimelineRequested
from briefing.ui.terminal import TerminalApp

if TYPE_CHECKING:
    from briefing.catalog.build import LibraryCatalog
    from briefing.catalog.entities import Entity
    from briefing.ui.keeper import EntriesChanged, EntriesLoaded, LibraryKeeper
    from briefing.ui.reading import CatalogKeeper


class BodyApp(TerminalApp):
    keeper: LibraryKeeper
    catalogs: CatalogKeeper
    _catalog: LibraryCatalog | None = None
    """Made on the UI thread for a screen asking before the worker's catalog is ready."""

    # -- the catalog -----------------------------------------------------------------------

    @property
    def catalog(self) -> LibraryCatalog:
        """The worker's catalog once ready (``briefing.ui.reading``); before that, one made
        now from the entries loaded so far."""
        ready = self.catalogs.catalog
        if ready is not None:
            self._catalog = None
            return ready
        if self._catalog is None:
            entries = list(self.keeper.order)
            self._catalog = ui.catalog_of_library(self.catalogs.entries, entries=entries)
        return self._catalog

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        # BriefingApp's handler of the same name runs first (Textual calls each class's),
        # so the keeper holds these entries already.
        self._changed([entry.id for entry in message.entries])

    def on_entries_changed(self, message: EntriesChanged) -> None:
        made = self._catalog
        gone = {f.id for f in made} - self.keeper.entries.keys() if made is not None else set()
        self._changed([*gone, *(entry.id for entry in message.changed)])

    def _changed(self, idents: Sequence[str]) -> None:
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
        catalog = self.catalogs.catalog
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
        # The appearances now, from the catalog; the quotes, questions and events need
        # every brief of the entity decoded, more than a frame's work for a busy one, so
        # the screen's worker makes them.
        catalog = self.catalog
        opening = ui.dossier_opening(catalog, entity)
        rest = partial(ui.dossier, catalog, entity)
        self.push_screen(screens.DossierScreen(opening, rest=rest, quotes=entity.quotes))

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
