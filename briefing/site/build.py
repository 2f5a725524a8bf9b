"""A site from a library: load the briefs, write every page, index them for search.

Each run renders every page and lets the :class:`~briefing.site.writer.SiteWriter` keep the
files whose bytes did not change, so a changed brief rewrites its own pages (the brief, its
articles) and the pages that list it (the index page, tag and year pages it appears on),
and an unchanged library rewrites nothing. Pages of briefs that are gone are removed
before Pagefind reads the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.brief.outcome import DEFAULT_MAX_BYTES
from briefing.brief.problems import Problem
from briefing.catalog.build import catalog_of_library
from briefing.catalog.timeline import library_timeline
from briefing.search.query import ParsedQuery
from briefing.site import urls
from briefing.site.across import Across
from briefing.site.layout import ICON_SVG, SEARCH_JS, SITE_CSS, Site, page, search_body
from briefing.site.listing import Row, listing_pages
from briefing.site.people import people_page, published_entities
from briefing.site.progress import Progress
from briefing.site.render import Job, render_all
from briefing.site.searchindex import Digest, pagefind_version, run_pagefind
from briefing.site.timelinepages import timeline_pages
from briefing.site.writer import Counts, SiteWriter, read_manifest
from briefing.store.index import Index
from briefing.store.library import Library


@dataclass(slots=True)
class Built:
    """What a build did, for the command's report."""

    briefs: int = 0
    left_out: list[tuple[str, list[Problem]]] = field(default_factory=list)
    """Briefs not published, each with its problems (they do not load)."""
    counts: Counts = field(default_factory=Counts)
    searched: bool = False
    """True when Pagefind ran (pages it reads changed); False when its index was kept."""


def build_site(
    paths: Sequence[Path],
    output: Path,
    pagefind: Path,
    *,
    query: ParsedQuery | None = None,
    title: str = "Briefs",
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    index: Index | None = None,
) -> Built:
    """Write the site of the briefs under ``paths`` into ``output``.

    ``pagefind`` is the Pagefind program; ``query`` chooses the briefs published (the query
    language of ``briefing list``; None: all of them). ``index`` is the reader's cache of
    parsed briefs (None parses every file). Raises :class:`~briefing.site.writer.SiteError`
    when ``output`` cannot be used or Pagefind fails.
    """
    previous = read_manifest(output)
    output.mkdir(parents=True, exist_ok=True)
    built = Built()
    library = Library(paths, max_bytes=max_bytes, index=index, packed=False)
    found = library.discover_text()
    if progress:
        progress.start("reading briefs", len(found))
    for _ in library.iter_load(found):
        if progress:
            progress.advance()
    if progress:
        progress.finish()
    for entry in library.entries:
        if entry.brief is None or entry.stale:
            built.left_out.append((library.display(entry.path), entry.problems))
    catalog = catalog_of_library(library)
    selection = catalog.all if query is None else catalog.select(query)
    briefs = [
        brief
        for brief in (catalog.brief(i) for i in catalog.order("date", selection))
        if brief is not None and not library_entry_stale(library, brief.id)
    ]
    built.briefs = len(briefs)
    published = frozenset(brief.id for brief in briefs)
    entities = published_entities(catalog, published)
    across = Across.of(catalog, published, frozenset(entity.key for entity in entities))
    has_timeline = len(library_timeline(catalog, selection)) > 0
    site = Site(title, has_entities=bool(entities), has_timeline=has_timeline)
    writer = SiteWriter(output)
    writer.put(urls.STYLESHEET, SITE_CSS.encode("utf-8"))
    writer.put(urls.SCRIPT, SEARCH_JS.encode("utf-8"))
    writer.put(urls.ICON, ICON_SVG.encode("utf-8"))
    writer.put(
        urls.SEARCH, page(site, urls.SEARCH, "Search", search_body(), section="search", search=True)
    )
    digest = Digest(pagefind_version(pagefind))
    rows: list[Row] = []
    people: list[str] = []
    if progress:
        progress.start("writing pages", len(briefs) + len(entities))

    def timeline() -> None:  # while the workers render the rest
        for relative, data in timeline_pages(site, catalog, selection):
            writer.put(relative, data)

    job = Job(site, output, briefs, entities, across)
    for chunk in render_all(job, timeline):
        writer.merge(chunk.files, chunk.written, chunk.unchanged)
        for relative, page_digest in chunk.indexed:
            digest.add(relative, page_digest)
        rows += chunk.rows
        people += chunk.people
        if progress:
            progress.advance(chunk.done)
    for relative, data in listing_pages(site, rows):
        writer.put(relative, data)
    if entities:
        writer.put(*people_page(site, people))
    if progress:
        progress.finish()
    # Gone briefs' pages must go before Pagefind reads the folder.
    if previous is not None:
        writer.remove_stale(f for f in previous.files if not f.startswith(urls.PAGEFIND + "/"))
    if progress:
        progress.start("indexing for search (Pagefind)", 0)
    search_digest = digest.hexdigest()
    built.searched = run_pagefind(pagefind, output, writer, digest, previous)
    if progress:
        progress.finish()
    writer.finish(previous, search_digest)
    built.counts = writer.counts
    return built


def library_entry_stale(library: Library, brief_id: str) -> bool:
    """True when the brief's file now has errors and the brief is an older version."""
    entry = library.get(brief_id)
    return entry is None or entry.stale
