"""The app's side of the library as one body: its catalog, and the screens made from it.

The catalog (``briefing.catalog``) is the one the filters use, made and warmed in a worker
once the library has loaded (``briefing.ui.reading``). Until it is ready the screens made
from it (the dossier, the library timeline, related briefs) say so rather than open, and an
actor's details leave out "in N other briefs", as the list's sort and facets keys do: making
one on the UI thread would freeze the reader for as long as the worker takes (seconds, at
10,000 briefs, every brief decoded). Screens ask with the messages of
``briefing.ui.messages`` and are given their data: a ``Dossier``, a ``LibraryTimeline``, the
lists of ``Link``. A line chosen on them is an ``ItemChosen`` or a ``BriefChosen``, which
the app carries out on the main screen as the palette's.

``BriefingApp`` is built on this class; nothing here knows the main screen's insides.
"""

from __future__ import annotations

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
    from briefing.ui.keeper import LibraryKeeper
    from briefing.ui.reading import CatalogKeeper


class BodyApp(TerminalApp):
    keeper: LibraryKeeper
    catalogs: CatalogKeeper

    # -- the catalog -----------------------------------------------------------------------

    def _catalog_or_say(self, what: str) -> LibraryCatalog | None:
        """The worker's catalog; None, with a notice that ``what`` waits for it, before."""
        catalog = self.catalogs.catalog
        if catalog is None:
            self.notify(f"{what} once the library has loaded.", timeout=3)
        return catalog

    def actor_entity(self, entry_id: str, actor_id: str) -> tuple[str, int] | None:
        """The entity key of an actor and how many other briefs it is in; None until the
        catalog is made."""
        catalog = self.catalogs.catalog
        entity = None if catalog is None else catalog.entities.for_actor(entry_id, actor_id)
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
        catalog = self._catalog_or_say("Dossiers open")
        if catalog is None:
            return
        entities = catalog.entities
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
        opening = ui.dossier_opening(catalog, entity)
        rest = partial(ui.dossier, catalog, entity)
        self.push_screen(screens.DossierScreen(opening, rest=rest, quotes=entity.quotes))

    @on(TimelineRequested)
    def _open_timeline(self, message: TimelineRequested) -> None:
        catalog = self._catalog_or_say("The library timeline opens")
        if catalog is None:
            return
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
        catalog, ident = self._catalog_or_say("Related briefs open"), message.entry_id
        if catalog is None:
            return
        names, naming = ui.related(catalog, ident), ui.referenced_by(catalog, ident)
        self.push_screen(screens.RelatedScreen(entry.brief.title, names, naming))
