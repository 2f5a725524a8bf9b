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
from briefing.site import urls
from briefing.site.articles import source_pages
from briefing.site.briefpage import brief_page
from briefing.site.layout import ICON_SVG, SEARCH_JS, SITE_CSS, Site, page, search_body
from briefing.site.listing import Row, listing_pages
from briefing.site.progress import Progress
from briefing.site.searchindex import Digest, pagefind_version, run_pagefind
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
    title: str = "Briefs",
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    index: Index | None = None,
) -> Built:
    """Write the site of the briefs under ``paths`` into ``output``.

    ``pagefind`` is the Pagefind program. ``index`` is the reader's cache of parsed briefs
    (None parses every file). Raises :class:`~briefing.site.writer.SiteError` when
    ``output`` cannot be used or Pagefind fails.
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
    briefs = []
    for entry in library.entries:
        if entry.brief is None or entry.stale:
            built.left_out.append((library.display(entry.path), entry.problems))
        else:
            briefs.append(entry.brief)
    built.briefs = len(briefs)

    site = Site(title)
    writer = SiteWriter(output)
    writer.put(urls.STYLESHEET, SITE_CSS.encode("utf-8"))
    writer.put(urls.SCRIPT, SEARCH_JS.encode("utf-8"))
    writer.put(urls.ICON, ICON_SVG.encode("utf-8"))
    writer.put(
        urls.SEARCH, page(site, urls.SEARCH, "Search", search_body(), section="search", search=True)
    )
    digest = Digest(pagefind_version(pagefind))
    rows = []
    if progress:
        progress.start("writing pages", len(briefs))
    for brief in briefs:
        articles = source_pages(site, brief)
        for relative, data in articles.pages:
            writer.put(relative, data)
        relative, data = brief_page(site, brief, articles.passages, articles.sources)
        writer.put(relative, data)
        digest.add(relative, data)
        rows.append(Row.of(brief))
        if progress:
            progress.advance()
    for relative, data in listing_pages(site, rows):
        writer.put(relative, data)
    if progress:
        progress.finish()
    # Gone briefs' pages must go before Pagefind reads the folder.
    if previous is not None:
        writer.remove_stale(f for f in previous.files if not f.startswith(urls.PAGEFIND + "/"))
    if progress:
        progress.start("indexing for search", 0)
    search_digest = digest.hexdigest()
    built.searched = run_pagefind(pagefind, output, writer, search_digest, previous)
    if progress:
        progress.finish()
    writer.finish(previous, search_digest)
    built.counts = writer.counts
    return built
