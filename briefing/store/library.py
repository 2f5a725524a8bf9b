"""A set of brief files found under one or more roots, loaded and kept equal to the disk.

The library keeps the last good version of each brief: a save that breaks a file replaces
its problems, never the brief a reader is looking at.

It is kept current by :meth:`Library.apply`, given what the watcher saw (``briefing.store.watch``):
a file changed, or a folder to rescan. Whatever order those come in, and whatever the watcher
missed and made up for with a rescan, the result is what a fresh scan (:meth:`discover_text`)
would give: the same walk (``briefing.store.walk``) decides which files are briefs, and ids are
worked out from the whole set of files (``briefing.store.ids``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from briefing.brief.outcome import DEFAULT_MAX_BYTES, LoadResult
from briefing.brief.problems import Problem
from briefing.paths import default_library_paths, shipped_library
from briefing.store.catalog import Catalog, Files, Groups
from briefing.store.collector import Quiet, loading
from briefing.store.entry import Entry
from briefing.store.index import Index, Row, Stamp, decode_rows, stamp
from briefing.store.memory import release
from briefing.store.packed import Packed
from briefing.store.rows import encode_payload, file_key, unfailed

if TYPE_CHECKING:
    from briefing.brief.model import Brief
    from briefing.brief.provenance import ArticleCache
    from briefing.store.parallel import ParseAhead, Parsed

__all__ = ["Entry", "Library", "default_library_paths", "display_path", "shipped_library"]

LOOKUP_BATCH = 250
"""Files looked up in the index per query: few queries, little memory held at once."""
RELEASE_EVERY = 4 * LOOKUP_BATCH
"""Files loaded between two returns of freed memory to the system (``briefing.store.memory``):
often enough that the holes parsing leaves never pile up, rare enough to cost nothing."""
RACY_NS = 2_000_000_000
"""A file changed this recently when read may change again within its time stamp's
resolution (two seconds on some file systems) and keep the same stamp: its stamp is not
trusted to say it is unchanged."""


def display_path(path: Path) -> str:
    """A path as it was given: relative as typed, or absolute; never rewritten relative to
    some other folder (a path into the installed package stays absolute, so it can be
    opened from anywhere). Files found in a library: :meth:`Library.display`."""
    return str(path)


class Library:
    def __init__(
        self,
        paths: Sequence[Path],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        index: Index | None = None,
        parallel: bool = False,
        packed: bool = True,
    ) -> None:
        self.paths = [Path(p).absolute() for p in paths]
        self._shown = [
            (os.path.join(str(root), ""), str(given))
            for root, given in zip(self.paths, paths, strict=True)
        ]
        """Each root as a folder prefix, and as it was given: how :meth:`display` names files."""
        self.max_bytes = max_bytes
        self.index = index
        """Optional cache of earlier loads; None parses every file every time."""
        self.parallel = parallel
        """Parse what the index lacks on every core (``briefing.store.parallel``)."""
        self.packed = packed
        """Hold each brief packed, decoded when read (``briefing.store.packed``): for a
        library kept open (the reader); a command that reads every brief once and exits
        keeps them decoded."""
        self.catalog = Catalog([str(p) for p in self.paths], self.display)
        """Which files are briefs, and their ids."""
        self._entries: dict[str, Entry] = {}
        self._stamps: dict[str, Stamp | None] = {}
        """(size, mtime) of the version loaded; None when that cannot tell a later change."""
        self._articles: ArticleCache | None = None
        """Articles read for quote checks, shared by the files parsed; made on first parse."""

    def display(self, path: Path | str) -> str:
        """How messages name a file of this library: under the root it was found in, as that
        root was given (``briefs/a.yaml`` for ``briefs``), else absolute.

        A prefix test rather than ``os.path.relpath``: this runs once per brief on every
        start, and relpath costs a getcwd() and a normalisation each time.
        """
        text = str(path)
        for prefix, shown in self._shown:
            if text.startswith(prefix):
                return os.path.join(shown, text[len(prefix) :])
            if text == prefix[:-1]:
                return shown
        return text

    # -- discovery -----------------------------------------------------------------------

    def discover(self) -> list[tuple[str, Path]]:
        """Every (id, path) the roots hold now; a file named directly is its own root."""
        return [(ident, Path(text)) for ident, text in self.discover_text()]

    def discover_text(self) -> list[tuple[str, str]]:
        """:meth:`discover` with paths as strings, cheap enough to run before the first frame.

        The files found become the library's own list; :meth:`iter_load` takes the
        result as it is.
        """
        self.catalog.scan()
        return sorted((ident, path) for path, ident in self.catalog.ids.items())

    def adopt(self, found: Sequence[tuple[str, str]], groups: Groups | None = None) -> None:
        """Take a :meth:`discover_text` result made elsewhere (the prefetch helper) as the
        library's list of files; with that scan's shared-id ``groups``, the list itself is
        worked out when first needed (see ``Catalog.adopt``)."""
        self.catalog.adopt(found, groups)

    @property
    def folders(self) -> list[Path]:
        """Folders to watch: roots themselves, or the folder of a file named directly."""
        return sorted({p if p.is_dir() else p.parent for p in self.paths})

    @property
    def problems(self) -> list[Problem]:
        """What the library could not look at: unreadable folders, folder links not followed."""
        return self.catalog.problems()

    # -- loading -------------------------------------------------------------------------

    def _load(
        self,
        ident: str,
        path: Path,
        cached: LoadResult | None = None,
        *,
        fresh: bool = False,
        parsed: Parsed | None = None,
    ) -> Entry:
        """Load one file as ``ident``: ``cached`` if given, else ``parsed`` (by a helper, with
        the file's stamp, and given to the index already), else from the index, else parsed.
        ``fresh`` skips the index: the file is known to have changed."""
        key = file_key(path)
        if cached is None and parsed is not None:
            self._remember(key, parsed.stamp, parsed.problems)
            packed = parsed.held
            held: Brief | Packed | None = packed
            if packed is not None and not self.packed:
                held = packed.brief()
            return self._enter(ident, path, key, parsed.problems, parsed.digest, held)
        result = cached
        if result is None and self.index is not None and not fresh:
            stamps: dict[str, Stamp | None] = {}
            wanted = [(path, ident, self.display(path))]
            result = self.index.lookup_many(wanted, stamps).get(key)
            self._stamps[key] = stamps.get(key)
        if result is None:
            from briefing.brief.provenance import ArticleCache  # only when a file must be parsed
            from briefing.store.parallel import load_stamped

            if self._articles is None:
                self._articles = ArticleCache()
            shown = self.display(path)
            file_stamp, result = load_stamped(path, ident, shown, self.max_bytes, self._articles)
            if self.index is not None:
                self.index.store(path, result, file_stamp)
            self._remember(key, file_stamp, result.problems)
        brief = held = result.brief
        if brief is not None and self.packed:
            payload = result.packed
            if payload is None:  # not made for the index (none, or not kept)
                payload = encode_payload(result)[1]
            held = Packed.holding(payload, brief)
            held.keep(brief)
        return self._enter(ident, path, key, result.problems, result.digest, held)

    def _enter(
        self,
        ident: str,
        path: Path,
        key: str,
        problems: list[Problem],
        digest: str,
        held: Brief | Packed | None,
    ) -> Entry:
        """Make or update the entry of a file just loaded: its problems, and its brief when
        this load gives one (else the last good version stays, stale)."""
        entry = self._entries.get(ident)
        if entry is None or entry.path != path:
            entry = Entry(ident, path)
            self._entries[ident] = entry
        shared = self.catalog.shared.get(key)
        entry.problems = problems if shared is None else [shared, *problems]
        if held is not None:
            entry.hold(held)
            entry.stale, entry.digest = False, digest
        else:
            entry.stale = entry.brief is not None
        return entry

    def _remember(self, key: str, file_stamp: Stamp | None, problems: list[Problem]) -> None:
        """The stamp of the version just parsed, when it can tell a later change."""
        settled = file_stamp is not None and time.time_ns() - file_stamp[1] > RACY_NS
        self._stamps[key] = file_stamp if settled and unfailed(problems) else None

    def load_all(self) -> None:
        for _ in self.iter_load():
            pass

    def iter_load(self, found: Sequence[tuple[str, Path | str]] | None = None) -> Iterable[Entry]:
        """Load file by file, so a caller can show progress and the first brief early.

        ``found`` is a :meth:`discover` or :meth:`discover_text` result the caller
        already has (to count files for a progress bar without walking the folders
        twice), or a slice of one.
        """
        found = self.discover_text() if found is None else found
        with loading(), Quiet() as quiet:
            ahead = self._parse_ahead(found) if self.parallel else None
            try:
                for start in range(0, len(found), LOOKUP_BATCH):
                    batch = found[start : start + LOOKUP_BATCH]
                    yield from self._load_batch(
                        [(ident, Path(path)) for ident, path in batch], ahead, quiet
                    )
                    if start % RELEASE_EVERY == 0:
                        release()
            finally:
                if ahead is not None:
                    ahead.close()
            self.flush()
            quiet.keep()  # the library lives on: see briefing.store.collector
        release()

    def _parse_ahead(self, found: Sequence[tuple[str, Path | str]]) -> ParseAhead | None:
        from briefing.store.parallel import ParseAhead

        if all(isinstance(path, str) for _, path in found):  # discover_text's: no copy
            pairs = cast("Sequence[tuple[str, str]]", found)
        else:
            pairs = [(ident, str(path)) for ident, path in found]
        return ParseAhead.start(pairs, self.index, self.max_bytes)

    def load_cached(
        self,
        found: Sequence[tuple[str, Path | str]],
        *,
        parse_first: int = 0,
        rows: list[Row] | None = None,
    ) -> list[Entry]:
        """The longest run from the start of ``found`` that the index holds.

        For the first screen: a few index rows cost milliseconds, a parse far more, so
        nothing is parsed, except that up to ``parse_first`` files at the start are
        parsed when the index lacks them (a first run, or a cold cache), so the first
        screen has a brief and a filled list. ``rows`` are the index's rows for these
        files, read by another process (``briefing.store.prefetch``): given, the index itself
        is not opened here, and SQLite is not even imported.
        """
        if not found:
            return []
        batch = [(ident, Path(path)) for ident, path in found]
        wanted = [(path, ident, self.display(path)) for ident, path in batch]
        cached: dict[str, LoadResult] = {}
        if rows is not None:
            cached = decode_rows(rows, wanted, self._stamps)
        elif self.index is not None:
            cached = self.index.lookup_many(wanted, self._stamps)
        entries = []
        for number, (ident, path) in enumerate(batch):
            result = cached.get(file_key(path))
            if result is None and number >= parse_first:
                break
            entries.append(self._load(ident, path, result))
        return entries

    def _load_batch(
        self,
        batch: list[tuple[str, Path]],
        ahead: ParseAhead | None = None,
        quiet: Quiet | None = None,
    ) -> Iterable[Entry]:
        cached: dict[str, LoadResult] = {}
        if quiet is not None:
            quiet.pause()  # from the rows decoded (see rows.decode_all) to the entries held
        if self.index is not None:
            cached = self.index.lookup_many(
                [
                    (path, ident, self.display(path))
                    for ident, path in batch
                    if ahead is None or path not in ahead
                ],
                self._stamps,
            )
        if quiet is not None and len(cached) != len(batch):
            # Briefs decoded from rows make no cycles, and are dropped (all but the last few
            # kept decoded) before a collection need walk them; a parse may leave some.
            quiet.resume()
        for ident, path in batch:
            result = cached.get(file_key(path))
            parsed = None
            if result is None and ahead is not None:
                # Held packed under ``path``: one Path for the entry and its brief (memory).
                parsed = ahead.take(ident, path, self.display(path))
            # The index was asked already (or knew it lacked the file): not again, file by file.
            yield self._load(ident, path, result, parsed=parsed, fresh=True)

    def flush(self) -> None:
        """Write what the index has queued (it batches its writes)."""
        if self.index is not None:
            self.index.flush()

    # -- keeping up with the disk --------------------------------------------------------

    def reload_path(self, path: Path) -> str | None:
        """Bring one file up to date: changed, added or deleted. Returns the id it concerns."""
        key = file_key(path)
        before = self.catalog.ids.get(key)
        self.apply([("modified", path)])
        return self.catalog.ids.get(key, before)

    def apply(
        self, changes: Iterable[tuple[str, Path]], stop: Callable[[], bool] | None = None
    ) -> set[str]:
        """Bring the library up to date with what the watcher saw; returns the ids touched.

        ``("rescan", folder)`` makes everything below ``folder`` (a root, too) match the
        disk; any other kind names a file, which is reloaded, added or dropped as it is now.
        ``stop``, asked before each file is read, ends the work part way, leaving files the
        list names unread: only for a reader that is closing.
        """
        self._articles = None  # an article may have been edited too
        catalog = self.catalog
        files = dict(catalog.files)
        load: set[str] = set()
        check: set[str] = set()
        for kind, changed in changes:
            if kind == "rescan":
                catalog.rescan_under(file_key(changed), files, load, check)
            else:
                catalog.file_changed(file_key(changed), files, load)
        for key in check - load:
            known = self._stamps.get(key)
            if known is None or stamp(key) != known:
                load.add(key)
        return self._settle(files, load, stop)

    def _settle(
        self, files: Files, load: set[str], stop: Callable[[], bool] | None = None
    ) -> set[str]:
        """Make ``files`` the list: drop, re-key and load what that changes (``apply``)."""
        catalog = self.catalog
        touched: set[str] = set()
        old_ids, old_shared = catalog.ids, catalog.shared
        catalog.commit(files)
        if catalog.ids is not old_ids:
            for path, ident in old_ids.items():
                new = catalog.ids.get(path)
                if new == ident:
                    continue
                entry = self._entries.get(ident)
                if entry is not None and entry.path == Path(path):
                    del self._entries[ident]
                    touched.add(ident)
                if new is None:
                    self._stamps.pop(path, None)
                elif path not in load:
                    self._rekey(entry, new, Path(path))
                    touched.add(new)
            for path in set(old_shared) | set(catalog.shared):
                if path not in load and old_shared.get(path) != catalog.shared.get(path):
                    touched.update(self._reshare(path))
        for key in sorted(load):
            if stop is not None and stop():
                break
            wanted = catalog.ids.get(key)
            if wanted is not None:
                touched.add(self._load(wanted, Path(key), fresh=True).id)
        self.flush()
        return touched

    def _reshare(self, path: str) -> list[str]:
        """Put the file's shared-id warning (or its absence) into its problems."""
        ident = self.catalog.ids.get(path)
        entry = self._entries.get(ident) if ident else None
        if entry is None:
            return []
        own = [p for p in entry.problems if p.code != "shared-id"]
        shared = self.catalog.shared.get(path)
        entry.problems = own if shared is None else [shared, *own]
        return [entry.id]

    def _rekey(self, entry: Entry | None, ident: str, path: Path) -> None:
        """The file at ``path`` now has the id ``ident`` (a file that shared its id went)."""
        if entry is None or entry.path != path:
            self._load(ident, path)
            return
        moved = entry.moved(ident)
        self._entries[ident] = moved
        self._reshare(str(path))

    def rescan(self, stop: Callable[[], bool] | None = None) -> list[str]:
        """``r``: every file read again (through the index where it is unchanged), added and
        deleted files picked up; returns the ids touched. ``stop`` as for :meth:`apply`."""
        self._articles = None
        before = set(self._entries)
        current = self.discover_text()
        keep = {ident for ident, _path in current}
        for ident in before - keep:
            del self._entries[ident]
        self._stamps = {k: v for k, v in self._stamps.items() if k in self.catalog.files}
        for ident, text in current:
            if stop is not None and stop():
                break
            entry = self._entries.get(ident)
            if entry is not None and str(entry.path) != text:
                del self._entries[ident]
            self._load(ident, Path(text), fresh=self._stamps.get(text) is None)
        self.flush()
        return sorted(before - keep) + [ident for ident, _path in current]

    # -- access --------------------------------------------------------------------------

    @property
    def entries(self) -> list[Entry]:
        return [self._entries[i] for i in sorted(self._entries)]

    def get(self, ident: str) -> Entry | None:
        return self._entries.get(ident)

    def __len__(self) -> int:
        return len(self._entries)
