"""A site from a library: load the briefs, write every page, index them for search.

Each run renders every page and lets the :class:`~briefing.site.writer.SiteWriter` keep the
files whose bytes did not change, so a changed brief rewrites its own pages (the brief, its
articles) and the pages that list it (the index page, tag and year pages it appears on),
and an unchanged library rewrites nothing. Pages of briefs that are gone are removed
before Pagefind reads the site.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods
from pathlib import Path

from briefing.brief.model import Brief
from briefing.brief.outcome import DEFAULT_MAX_BYTES
from briefing.brief.problems import Problem
from briefing.catalog.build import catalog_of_library
from briefing.catalog.timeline import library_timeline
from briefing.search.query import ParsedQuery
from briefing.site import urls
from briefing.site.across import Across
from briefing.site.articles import source_pages
from briefing.site.briefpage import brief_page
from briefing.site.layout import ICON_SVG, SEARCH_JS, SITE_CSS, Site, page, search_body
from briefing.site.listing import Row, listing_pages
from briefing.site.people import entity_pages, published_entities
from briefing.site.progress import Progress
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
    library = Library(paths, max_bytes=max_bytes, index=index)
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
    across = Across(catalog, published, frozenset(entity.key for entity in entities))
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
    if progress:
        progress.start("writing pages", len(briefs))
    for chunk in _render_all(site, briefs, output, across):
        writer.merge(chunk.files, chunk.written, chunk.unchanged)
        for relative, page_digest in chunk.indexed:
            digest.add(relative, page_digest)
        rows += chunk.rows
        if progress:
            progress.advance(len(chunk.rows))
    for relative, data in listing_pages(site, rows):
        writer.put(relative, data)
    for relative, data in entity_pages(site, catalog, entities, published):
        writer.put(relative, data)
    for relative, data in timeline_pages(site, catalog, selection):
        writer.put(relative, data)
    if progress:
        progress.finish()
    # Gone briefs' pages must go before Pagefind reads the folder.
    if previous is not None:
        writer.remove_stale(f for f in previous.files if not f.startswith(urls.PAGEFIND + "/"))
    if progress:
        progress.start("indexing for search", 0)
    search_digest = digest.hexdigest()
    built.searched = run_pagefind(pagefind, output, writer, digest, previous)
    if progress:
        progress.finish()
    writer.finish(previous, search_digest)
    built.counts = writer.counts
    return built


CHUNK = 250
"""Briefs rendered per task."""
PARALLEL_FROM = 2 * CHUNK
"""Below this many briefs, starting worker processes costs more than it saves."""


@dataclass(slots=True)
class _Chunk:
    """What rendering some briefs wrote, for the parent's writer, digest and lists."""

    files: list[str]
    written: int
    unchanged: int
    indexed: list[tuple[str, bytes]]
    """Each brief page (Pagefind's input) and the SHA-256 of its bytes."""
    rows: list[Row]


_JOB: tuple[Site, list[Brief], Path, Across] | None = None
"""What the worker processes render: set before they are forked, so that they inherit the
loaded briefs instead of receiving them through a pipe."""


def _render(start: int, stop: int) -> _Chunk:
    """Write the pages of briefs ``start`` to ``stop`` of :data:`_JOB` (in any process)."""
    assert _JOB is not None
    site, briefs, output, across = _JOB
    writer = SiteWriter(output)
    indexed = []
    rows = []
    for brief in briefs[start:stop]:
        articles = source_pages(site, brief)
        for relative, data in articles.pages:
            writer.put(relative, data)
        relative, data = brief_page(site, brief, articles.passages, articles.sources, across)
        writer.put(relative, data)
        indexed.append((relative, hashlib.sha256(data).digest()))
        rows.append(Row.of(brief))
    counts = writer.counts
    return _Chunk(sorted(writer.files), counts.written, counts.unchanged, indexed, rows)


def _render_all(site: Site, briefs: list[Brief], output: Path, across: Across) -> Iterator[_Chunk]:
    """Every brief's pages, in order of ``briefs``; on as many cores as the machine has
    when the library is large (rendering Markdown is most of a build's own time)."""
    global _JOB
    ranges = [(start, min(start + CHUNK, len(briefs))) for start in range(0, len(briefs), CHUNK)]
    _JOB = (site, briefs, output, across)
    try:
        cores = os.cpu_count() or 1
        if len(briefs) < PARALLEL_FROM or cores < 2 or "fork" not in get_all_start_methods():
            for start, stop in ranges:
                yield _render(start, stop)
            return
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(cores, 8), mp_context=context) as pool:
            futures = [pool.submit(_render, start, stop) for start, stop in ranges]
            for future in futures:
                yield future.result()
    finally:
        _JOB = None


def library_entry_stale(library: Library, brief_id: str) -> bool:
    """True when the brief's file now has errors and the brief is an older version."""
    entry = library.get(brief_id)
    return entry is None or entry.stale
