"""Rendering the pages of briefs and entities, in worker processes on a large library.

Rendering (Markdown above all) is most of a build's own time, and the machines this runs on
have several cores. Workers are forked once the library is loaded, so they inherit the
briefs and the catalog instead of receiving them through a pipe; each writes its pages with
its own :class:`~briefing.site.writer.SiteWriter` and sends back only what the parent needs:
the files it holds, counts, the digest of each page Pagefind will read, and the rows of the
lists. The bytes written are the same as from one process (a test checks it).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods
from pathlib import Path
from typing import Literal

from briefing.brief.model import Brief
from briefing.catalog.entities import Entity
from briefing.site.across import Across
from briefing.site.articles import source_pages
from briefing.site.briefpage import brief_page
from briefing.site.layout import Site
from briefing.site.listing import Row
from briefing.site.people import entity_page
from briefing.site.writer import SiteWriter

CHUNK = 250
"""Briefs or entities rendered per task."""
PARALLEL_FROM = 2 * CHUNK
"""Below this many pages, starting worker processes costs more than it saves."""

Kind = Literal["briefs", "entities"]


@dataclass(frozen=True, slots=True)
class Job:
    """Everything the pages are made from; workers inherit it when forked."""

    site: Site
    output: Path
    briefs: list[Brief]
    entities: list[Entity]
    across: Across


@dataclass(slots=True)
class Chunk:
    """What rendering some briefs or entities wrote, for the parent."""

    kind: Kind
    done: int
    """Briefs or entities rendered."""
    files: list[str]
    written: int
    unchanged: int
    indexed: list[tuple[str, bytes]] = field(default_factory=list)
    """Each brief page (Pagefind's input) and the SHA-256 of its bytes."""
    rows: list[Row] = field(default_factory=list)
    """The briefs' rows of the list pages."""
    people: list[str] = field(default_factory=list)
    """The entities' rows of the list of people."""


_JOB: Job | None = None
"""The job of the running build: set before workers are forked."""


def _render(kind: Kind, start: int, stop: int) -> Chunk:
    """Write the pages of briefs or entities ``start`` to ``stop`` of :data:`_JOB`."""
    assert _JOB is not None
    job = _JOB
    writer = SiteWriter(job.output)
    chunk = Chunk(kind, stop - start, [], 0, 0)
    if kind == "briefs":
        for brief in job.briefs[start:stop]:
            articles = source_pages(job.site, brief)
            for relative, data in articles.pages:
                writer.put(relative, data)
            relative, data = brief_page(
                job.site, brief, articles.passages, articles.sources, job.across
            )
            writer.put(relative, data)
            chunk.indexed.append((relative, hashlib.sha256(data).digest()))
            chunk.rows.append(Row.of(brief))
    else:
        across = job.across
        for entity in job.entities[start:stop]:
            relative, data, row = entity_page(job.site, across.catalog, entity, across.published)
            writer.put(relative, data)
            chunk.people.append(row)
    chunk.files = sorted(writer.files)
    chunk.written, chunk.unchanged = writer.counts.written, writer.counts.unchanged
    return chunk


def render_all(job: Job, meanwhile: Callable[[], None]) -> Iterator[Chunk]:
    """Every brief's and entity's pages, briefs first, each in its order; ``meanwhile``
    runs in this process while the workers render (or first, without workers)."""
    global _JOB
    sizes: tuple[tuple[Kind, int], ...] = (
        ("briefs", len(job.briefs)),
        ("entities", len(job.entities)),
    )
    tasks = [
        (kind, start, min(start + CHUNK, count))
        for kind, count in sizes
        for start in range(0, count, CHUNK)
    ]
    _JOB = job
    try:
        cores = os.cpu_count() or 1
        pages = len(job.briefs) + len(job.entities)
        if pages < PARALLEL_FROM or cores < 2 or "fork" not in get_all_start_methods():
            meanwhile()
            for task in tasks:
                yield _render(*task)
            return
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(cores, 8), mp_context=context) as pool:
            futures = [pool.submit(_render, *task) for task in tasks]
            meanwhile()
            for future in futures:
                yield future.result()
    finally:
        _JOB = None
