"""Making a catalog: from the reader's loaded library, or from the index for a command.

- :func:`catalog_of_library` (the reader): facts from the briefs the library holds,
  sharing their strings; timelines, texts and whole briefs come from the library when
  asked for. Each file is looked at once (a ``stat``, for "recently changed").
- :func:`open_catalog` (``briefing list``, ``actors``, ``actor``, ``timeline``): facts read
  from the index for every file unchanged since it was stored, and only the others
  parsed (and stored, so the next command reads them too). On an unchanged library that
  is one folder walk, a ``stat`` per file and article, and one read of small rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from briefing.brief.model import Brief
from briefing.brief.outcome import DEFAULT_MAX_BYTES
from briefing.catalog.entities import LINKING, Entities
from briefing.catalog.selection import Catalog, Seen
from briefing.search.items import folded_texts
from briefing.store import facts_index
from briefing.store.codec import share
from briefing.store.facts import COLUMNS, BriefFacts, Column, column_of, facts_of
from briefing.store.index import Index, stamp
from briefing.store.library import Entry, Library


def entry_facts(
    entry: Entry, columns: Sequence[Column] = ("actors",), *, brief: Brief | None = None
) -> BriefFacts:
    """The facts of one library entry (its last good brief, its latest problems);
    ``brief``: that brief, decoded already."""
    file_stamp = stamp(entry.path)
    text = str(entry.path)
    # The library's paths are absolute and normal already: its own string then, not a copy
    # for each of 10,000 briefs.
    path = os.path.abspath(text)
    return facts_of(
        entry.id,
        text if path == text else path,
        entry.brief if brief is None else brief,
        entry.problems,
        entry.digest,
        file_stamp[1] if file_stamp else 0,
        columns=columns,
    )


class Entries(Protocol):
    """Where a reader's catalog finds its briefs: a ``Library``, or the reader's own map of
    the entries it was sent (the UI thread never reads the ``Library`` a worker changes)."""

    def get(self, ident: str, /) -> Entry | None: ...


def catalog_of_library(
    library: Entries,
    *,
    seen: Seen | None = None,
    entries: Iterable[Entry] | None = None,
    stop: Callable[[], bool] | None = None,
) -> LibraryCatalog:
    """The catalog of what ``library`` has loaded (or of ``entries``, a snapshot of it);
    keep it current with :meth:`LibraryCatalog.refresh` after a reload. ``stop``, asked
    before each brief, ends it part way (a closing reader), with the briefs taken so far."""
    catalog = LibraryCatalog(library, seen=seen)
    if entries is None:
        assert isinstance(library, Library), "a snapshot of the entries is needed"
        entries = library.entries
    for entry in entries:
        if stop is not None and stop():
            break
        catalog.take(entry)
    return catalog


class LibraryCatalog(Catalog):
    """A catalog over a loaded library: whole briefs come from the library."""

    def __init__(self, library: Entries, *, seen: Seen | None = None) -> None:
        self.library = library
        self._dates: dict[str, tuple[dt.date, ...]] = {}
        """The dates of each brief's timeline, noted while the brief was decoded for its
        facts: the library timeline's order reads every one, and the library holds its
        briefs packed (``briefing.store.packed``). Shared tuples of shared dates."""
        super().__init__(seen=seen, texts_of=self._texts)

    def take(self, entry: Entry) -> None:
        """The facts of ``entry`` (and its timeline's dates), its brief decoded once."""
        brief = entry.brief
        self.set(entry_facts(entry, brief=brief))
        if brief is None:
            self._dates.pop(entry.id, None)
        else:
            self._dates[entry.id] = share(tuple([t.date for t in brief.timeline]))

    def timeline_dates(self, facts: BriefFacts) -> Sequence[dt.date] | None:
        return self._dates.get(facts.id)

    def brief(self, brief_id: str) -> Brief | None:
        entry = self.library.get(brief_id)
        return entry.brief if entry is not None else None

    def _texts(self, facts: BriefFacts) -> list[str]:
        brief = self.brief(facts.id)
        return folded_texts(brief) if brief is not None else []

    def refresh(self, brief_id: str) -> None:
        """Bring one brief up to date after the library reloaded it (or dropped it)."""
        entry = self.library.get(brief_id)
        if entry is None:
            self._dates.pop(brief_id, None)
            self.remove(brief_id)
        else:
            self.take(entry)


class IndexedCatalog(Catalog):
    """A catalog read from the index; whole briefs are read from it one by one."""

    def __init__(self, library: Library, facts: Sequence[BriefFacts], seen: Seen | None) -> None:
        self.library = library
        super().__init__(facts, seen=seen)

    def brief(self, brief_id: str) -> Brief | None:
        facts = self.get(brief_id)
        if facts is None:
            return None
        entries = self.library.load_cached([(brief_id, facts.path)], parse_first=1)
        return entries[0].brief if entries else None

    def prepare(self, column: Column) -> None:
        """Read ``column`` from the index for every brief lacking it, in one pass; a brief
        the index cannot answer for is read whole instead."""
        lacking = [f for f in self if not f.has(column)]
        if not lacking:
            return
        assert self.library.index is not None
        wanted = [(f.path, f.mtime_ns, f.length(column)) for f in lacking]
        found = facts_index.column_many(self.library.index, column, wanted)
        for facts in lacking:
            value = found.get(facts.path)
            if value is None:
                value = column_of(self.brief(facts.id), column)
            facts.fill(column, value)

    def _make_entities(self) -> Entities:
        """Who is who, as stored for this very library (same files, same contents) if it
        was; else linked again from the actors, and stored."""
        assert self.library.index is not None
        index = self.library.index
        name = "entities:" + "\x00".join(str(p) for p in self.library.paths)
        parts = [f"{f.id}\x00{f.path}\x00{f.digest}" for f in sorted(self, key=lambda f: f.id)]
        text = "\x00".join([str(LINKING), *parts]).encode("utf-8", "surrogatepass")
        fingerprint = hashlib.blake2b(text, digest_size=16).hexdigest()
        data = facts_index.derived(index, name, fingerprint)
        if data is not None:
            try:
                return Entities(self, data)
            except (ValueError, TypeError, LookupError, KeyError):
                pass  # damaged: linked again below
        entities = super()._make_entities()
        facts_index.store_derived(index, name, fingerprint, entities.to_data())
        return entities

    def briefs(self, brief_ids: Sequence[str]) -> dict[str, Brief]:
        """Many briefs at once (one index query per few hundred)."""
        wanted = [(i, f.path) for i in brief_ids if (f := self.get(i)) is not None]
        found: dict[str, Brief] = {}
        for entry in self.library.iter_load(wanted):
            if entry.brief is not None:
                found[entry.id] = entry.brief
        return found


def open_catalog(
    paths: Sequence[Path],
    *,
    seen: Seen | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    index: Index | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IndexedCatalog:
    """The catalog of the library at ``paths`` (see the module docstring); the actors,
    timelines and texts are read when a question needs them (``Catalog.prepare``).
    ``progress(done, total)`` is called while files the index lacks are parsed."""
    library = Library(paths, max_bytes=max_bytes, index=index or Index(), packed=False)
    return indexed_catalog(library, library.discover_text(), seen=seen, progress=progress)


def indexed_catalog(
    library: Library,
    found: list[tuple[str, str]],
    *,
    seen: Seen | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IndexedCatalog:
    """:func:`open_catalog` of a library with an index whose files (``found``, from
    :meth:`Library.discover_text`) the caller has already."""
    assert library.index is not None
    stored = facts_index.facts_many(library.index, found)
    facts: list[BriefFacts] = []
    missing: list[tuple[str, str]] = []
    for ident, path in found:
        known = stored.get(path)
        if known is None:
            missing.append((ident, path))
        else:
            facts.append(known)
    for done, entry in enumerate(library.iter_load(missing), 1):
        facts.append(entry_facts(entry, columns=COLUMNS))
        if progress is not None:
            progress(done, len(missing))
    facts.sort(key=lambda f: f.id)
    return IndexedCatalog(library, facts, seen)
