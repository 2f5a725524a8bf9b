"""The library as one body of knowledge: filters and order, people across briefs, one
timeline, links between briefs. No Textual here; the reader and the commands build on it.

Making one (``briefing.catalog.build``):

- ``catalog_of_library(library, seen=SeenState())`` in the reader, over the briefs it has
  loaded; then ``catalog.warm()`` in a worker (every filter index, the sort orders and
  the entities, whose cost grows with the library), so no keystroke pays for them.
  After a reload of one brief, ``catalog.refresh(brief_id)``, which redoes that brief only.
- ``open_catalog(paths)`` in a command: facts read from the SQLite index, only changed
  files parsed; actors, timelines and folded texts read when a question needs them, and
  the entities stored under a fingerprint of the library.

Asking it (``briefing.catalog.selection.Catalog``; "ids" are brief ids):

- ``catalog.select(query_text_or_parsed, words=False) -> Selection``: ``mask`` (bit per
  brief number), ``count``, ``total`` (for "N of M briefs"), ``errors`` (the query's
  mistakes as values with their place, never raised). The language is
  ``briefing.search.query``; ``parse(text)`` gives the words for the reader's
  ``SearchIndex.search`` too. After ``warm``, a typed filter character only combines
  ready indexes (what it costs is in benchmarks/results.md). ``words=True`` also matches
  the words by reading every brief's texts: for commands, not for keystrokes.
- ``catalog.order(sort, selection) -> list[id]``: ``date`` (newest first, undated last),
  ``title``, ``changed`` (on disk), ``id``; each order is sorted once per change.
- ``facets(catalog, selection)`` (``briefing.catalog.facets``): tags, outlets and actors
  (entities) with their brief counts, each with the query text that adds it as a filter.
- ``catalog.entities`` (``briefing.catalog.entities.Entities``): ``for_actor(brief_id,
  actor_id)`` ("in 7 other briefs": ``len(entity.briefs) - 1``), ``find(text)``,
  ``close(text)``, ``get(key)``; each ``Entity`` has ``key``, ``name``, ``kind``,
  ``briefs`` (brief numbers: ``catalog.at(n).id``), ``quotes``, ``mentions``.
- ``dossier(catalog, entity)`` (``briefing.catalog.dossier``): appearances, quotes,
  questions and events, each with a ``Place`` (brief id, item index, line) to jump to;
  it reads every brief the entity appears in, so it is made when asked for.
- ``library_timeline(catalog, selection)`` (``briefing.catalog.timeline``): every timeline
  entry of the selection in date order, a lazy sequence of ``TimelineLine`` (brief id and
  title, index, line), with ``months()`` for the headings.
- ``related(catalog, id)`` and ``referenced_by(catalog, id)`` (``briefing.catalog.links``):
  ``Link`` (brief id, title, date, ``exists``).
- ``library_problems(catalog, display)`` (``briefing.catalog.checks``): what ``check``
  warns about across briefs.

What is new: ``briefing.store.seen.SeenState`` (``is_new(entry)``,
``mark_opened(entry)``, ``mark_all_seen(entries)``, ``notice``: a line to show when the
state had to be set aside), which ``is:new`` consults through ``catalog.seen``; a library
``Entry`` carries the ``digest`` it compares.

Dates: ``briefing.brief.dates`` (``display_date`` shows ``March 2024``; ``date_key`` sorts).
"""
