"""The library as one body of knowledge: filters and order, people across briefs, one
timeline, links between briefs. No Textual here; the reader and the commands build on it.

Making one (``briefing.catalog.build``):

- ``catalog_of_library(library, seen=SeenState())`` in the reader, over the briefs it has
  loaded; after a reload, ``catalog.refresh(brief_id)``.
- ``open_catalog(paths, timeline=..., texts=...)`` in a command: facts read from the
  SQLite index, only changed files parsed.

Asking it (``briefing.catalog.selection.Catalog``; "ids" are brief ids):

- ``catalog.select(query_text_or_parsed, words=True) -> Selection`` (``mask``, ``count``,
  ``total``, ``errors``: the query's mistakes as values with their place, never raised).
  The query language is ``briefing.search.query``. Filter evaluation is bitmaps: a typed
  character at 10,000 briefs costs well under a millisecond once a value's bitmap is made.
- ``catalog.order(sort, selection) -> list[id]``: ``date`` (newest first, undated last),
  ``title``, ``changed`` (on disk), ``id``; each order sorted once per change.
- ``facets(catalog, selection)`` (``briefing.catalog.facets``): tags, outlets and entities
  with their brief counts, and the query text that adds each.
- ``catalog.entities`` (``briefing.catalog.entities.Entities``): ``find(text)``,
  ``close(text)``, ``for_actor(brief_id, actor_id)``, ``get(key)``; each ``Entity`` has
  ``key``, ``name``, ``kind``, ``briefs``, ``quotes``, ``mentions``.
- ``dossier(catalog, entity)`` (``briefing.catalog.dossier``): appearances, quotes,
  questions, events, each with its brief id, item index and line.
- ``library_timeline(catalog, selection)`` (``briefing.catalog.timeline``): every timeline
  entry in date order, as a lazy sequence, with ``months()``.
- ``related(catalog, id)`` and ``referenced_by(catalog, id)`` (``briefing.catalog.links``).
- ``library_problems(catalog, display)`` (``briefing.catalog.checks``): what ``check``
  warns about across briefs.

What is new: ``briefing.store.seen.SeenState`` (``is_new``, ``mark_opened``,
``mark_all_seen``, ``notice``), which ``is:new`` consults through ``catalog.seen``.
"""
