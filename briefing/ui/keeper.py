"""The library behind the UI: loaded and reloaded in worker threads, indexed on the UI thread.

The ``Library`` object is only ever touched by one worker thread at a time (a lock), and
the UI never reads it: workers post messages carrying the entries, and the UI thread keeps
its own id -> entry map and the search index (which is not thread-safe).

The keeper is what the screens read the library through (``briefing.ui.library.LibraryView``):
the entries in order, one by id, the search.

Before the first frame, :meth:`LibraryKeeper.load_first` takes what the first screen shows
from the prefetch helper or the CLI's own read of the index (``briefing.store.prefetch``:
the file list and the index rows), or without either walks the folders and reads the index
on the UI thread (milliseconds), so the first frame is the whole screen rather than an
empty frame redrawn when a thread hands over. The worker loads the rest, posting small
batches, the first brief alone and at once when the index did not have it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from time import monotonic, time_ns
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import get_current_worker

from briefing import search
from briefing.brief.outcome import DEFAULT_MAX_BYTES
from briefing.store.index import Index
from briefing.store.library import Library
from briefing.store.prefetch import FIRST_PARSED, FIRST_SCREEN

if TYPE_CHECKING:
    from textual.app import App

    from briefing.brief.problems import Problem
    from briefing.search.index import SearchIndex, SearchResult
    from briefing.search.matching import Query
    from briefing.store.cited import CitedArticles
    from briefing.store.library import Entry
    from briefing.store.prefetch import Readied
    from briefing.store.watch import Change

BATCH_SECONDS = 0.05
"""How often a loading batch is posted: often enough to look alive, rare enough to be cheap."""
BATCH_MAX = 250
"""Most entries in one batch: the UI thread indexes a batch at once, and keys wait behind it,
so a fast (cached) load must not arrive as one 10,000-brief lump."""
AHEAD_MAX = BATCH_MAX
"""Most entries posted by the worker and not yet indexed by the UI thread, the batch about
to be posted included. The library holds briefs packed (``briefing.store.packed``) and
keeps the last ones decoded: the worker reads from the index faster than the search
index takes briefs in, and without this bound it would run so far ahead that each brief
was decoded twice, once to load it and again to index it. ``packed.KEPT`` is above this
plus the batch the library decodes meanwhile (``LOOKUP_BATCH``)."""
AHEAD_WAIT_S = 1.0
"""Longest the worker waits for the UI thread to catch up, at a time: a UI thread busy
elsewhere slows the load, never stops it."""
LOADED_LOOK_S = 0.1
"""How often a reload waiting for the loading worker looks whether it was cancelled."""


def cancelled_check() -> Callable[[], bool]:
    """Whether the worker running the caller was cancelled, to ask as its work goes on: the
    app is closing, and a long load, reload or catalog build stops between files rather
    than keep the process on after the reader has exited."""
    worker = get_current_worker()
    return lambda: worker.is_cancelled


class EntriesLoaded(Message):
    """A batch of entries from the loading worker, in id order."""

    def __init__(self, entries: list[Entry], done: int, total: int, finished: bool) -> None:
        super().__init__()
        self.entries = entries
        self.done = done
        self.total = total
        self.finished = finished


class EntriesChanged(Message):
    """A reload finished: ``changed`` entries differ; ``order`` is the whole library now."""

    def __init__(self, changed: list[Entry], order: list[Entry], notice: str) -> None:
        super().__init__()
        self.changed = changed
        self.order = order
        self.notice = notice


def _folder_notice(problems: list[Problem]) -> str:
    """What the reader says of folders it could not look at (``briefing check`` lists them)."""
    if not problems:
        return "every folder readable again"
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{first.path}: {first.message}{more}"


class LibraryKeeper:
    def __init__(
        self,
        host: App[Any],
        paths: Sequence[Path],
        max_bytes: int | None,
        prefetch: Readied | None = None,
    ) -> None:
        self.host = host
        """Runs the workers and receives their messages."""
        self.paths = list(paths)
        self.max_bytes = max_bytes
        self.library: Library | None = None
        self.index: SearchIndex | None = None
        self.entries: dict[str, Entry] = {}
        """The UI thread's view of the library."""
        self._order: list[Entry] = []
        self._positions: dict[str, int] = {}
        self._lock = threading.Lock()
        self._found: list[tuple[str, str]] = []
        self._first = 0
        """How many of ``_found`` :meth:`load_first` loaded; the worker starts after them."""
        self._prefetch = prefetch
        """What readies the first screen (``briefing.store.prefetch``: a helper, or the
        answer the CLI read itself), if any, until the index is free (``_helper_done``)."""
        self._since = 0
        """When :meth:`load_first` began (``time.time_ns()``)."""
        self._cited: CitedArticles | None = None
        """The articles the briefs cite, looked at for changes (:meth:`changed_articles`)."""
        self._ahead = 0
        """Entries posted by the worker and not yet taken in by the UI thread (``AHEAD_MAX``)."""
        self._caught_up = threading.Condition()
        self._loaded = threading.Event()
        """Set once the loading worker is done (or stopped): reloads wait for it."""

    def new_library(self) -> Library:
        return Library(
            self.paths,
            max_bytes=self.max_bytes or DEFAULT_MAX_BYTES,
            index=Index(),
            parallel=True,  # what the index lacks is parsed by helpers at idle priority
        )

    def display(self, path: Path) -> str:
        """How messages name a file of the library (see ``Library.display``)."""
        library = self.library
        return str(path) if library is None else library.display(path)

    # -- worker threads --------------------------------------------------------------------

    def load_first(self) -> tuple[list[Entry], int]:
        """On the UI thread, before the worker: the cached briefs the first screen shows.

        Returns them (with a cold cache, the first ``FIRST_PARSED`` files, parsed here;
        the worker parses the rest) and how many files the library holds. Call once, then
        :meth:`start`.
        """
        with self._lock:
            self._since = time_ns()
            library = self.new_library()
            self.library = library
            helper = self._prefetch
            count = FIRST_SCREEN if helper is None else helper.first  # as many as it readied
            answer = helper.listing() if helper is not None else None
            if answer is None:
                self._found = library.discover_text()
            else:
                self._found = answer.listing
                library.adopt(self._found, answer.groups)
            first = library.load_cached(
                self._found[:count],
                parse_first=min(FIRST_PARSED, count),
                rows=None if answer is None else answer.rows,
            )
            self._first = len(first)
            self.entries.update((entry.id, entry) for entry in first)
            self._append(first)
            return first, len(self._found)

    def start(self) -> None:
        self.host.run_worker(self._load, thread=True, group="library", exit_on_error=False)

    def _helper_done(self) -> None:
        """With the lock: let the prefetch helper finish writing the index before this
        process uses it (it answered first, and writes after)."""
        helper, self._prefetch = self._prefetch, None
        if helper is not None:
            helper.finish()

    def _load(self) -> None:
        try:
            self._load_all()
        finally:
            self._loaded.set()

    def _load_all(self) -> None:
        cancelled = cancelled_check()
        with self._lock:
            self._helper_done()
            library = self.library
            since = self._since
            if library is None:  # load_first was not called
                since = time_ns()
                library = self.library = self.new_library()
                self._found = library.discover_text()
            total = len(self._found)
            batch: list[Entry] = []
            done, last = self._first, 0.0
            for entry in library.iter_load(self._found[self._first :]):
                if cancelled():
                    return
                entry.unpack()  # the search index reads it next: decoded here, not on the UI thread
                batch.append(entry)
                done += 1
                if done == 1 or len(batch) >= BATCH_MAX or monotonic() - last > BATCH_SECONDS:
                    self._wait_for_the_ui(len(batch), cancelled)
                    self._post_loaded(EntriesLoaded(batch, done, total, False))
                    batch, last = [], monotonic()
            self._post_loaded(EntriesLoaded(batch, done, total, True))
            self._follow(library, since)
            if library.problems:
                self.host.post_message(
                    EntriesChanged([], library.entries, _folder_notice(library.problems))
                )

    def _wait_for_the_ui(self, size: int, cancelled: Callable[[], bool]) -> None:
        """Let the UI thread index what was posted before ``size`` more are (``AHEAD_MAX``)."""
        with self._caught_up:
            self._caught_up.wait_for(
                lambda: self._ahead + size <= AHEAD_MAX or cancelled(), timeout=AHEAD_WAIT_S
            )

    def _post_loaded(self, message: EntriesLoaded) -> None:
        with self._caught_up:
            self._ahead += len(message.entries)
        self.host.post_message(message)

    def reload(self, changes: set[Change] | None) -> None:
        """Apply what the watcher saw (see ``Library.apply``), or with None read every file
        again (``r``), picking up added and deleted ones."""
        work = partial(self._reload, changes)
        self.host.run_worker(work, thread=True, group="reload", exit_on_error=False)

    def _reload(self, changes: set[Change] | None) -> None:
        cancelled = cancelled_check()
        # After the loading worker, never before it or in place of one it stopped (the app
        # closing): until then the library holds the first screen only, and the watcher's
        # first rescan would parse, here and one by one, every file the load reads.
        while not self._loaded.wait(LOADED_LOOK_S):
            if cancelled():
                return
        with self._lock:
            if cancelled():
                return
            since = time_ns()
            library = self.library
            if library is None:
                return
            problems = library.problems
            # The briefs as held (packed: compared as bytes), never decoded for this.
            before = {e.id: (e.source, list(e.problems)) for e in library.entries}
            # Stopped between files when the app closes (``cancelled_check``).
            if changes is None:
                library.rescan(cancelled)
            elif not library.apply(changes, cancelled) and library.problems == problems:
                return  # a backstop rescan that found the disk as it was
            if cancelled():
                return  # stopped part way: the app is closing, nothing to show
            self._follow(library, since)
            order = library.entries
            changed = [e for e in order if before.get(e.id) != (e.source, e.problems)]
            removed = len(set(before) - {e.id for e in order})
            bits = []
            if changed:
                bits.append(f"{len(changed)} brief{'s' * (len(changed) != 1)} updated")
            if removed:
                bits.append(f"{removed} removed")
            if library.problems != problems or (changes is None and library.problems):
                bits.append(_folder_notice(library.problems))
            notice = ", ".join(bits) if bits else ("Nothing changed" if changes is None else "")
            # Posted under the lock, so two reloads report in the order they ran.
            self.host.post_message(EntriesChanged(changed, order, notice))

    def _follow(self, library: Library, since_ns: int) -> None:
        """Under the lock: the articles the briefs cite now, after a load begun at
        ``since_ns``."""
        if self._cited is None:
            from briefing.store.cited import CitedArticles

            self._cited = CitedArticles()
        self._cited.follow(library.entries, since_ns)

    def changed_articles(self) -> set[Path]:
        """From any thread: the brief files citing an article changed since the last look
        (none before the library is loaded: the load reads every article anyway)."""
        with self._lock:
            return set() if self._cited is None else self._cited.changed()

    # -- the UI thread: what screens read (``LibraryView``) ---------------------------------

    @property
    def order(self) -> list[Entry]:
        return self._order

    @property
    def positions(self) -> dict[str, int]:
        return self._positions

    @property
    def total(self) -> int:
        return max(len(self._found), len(self._order))

    def entry(self, ident: str) -> Entry | None:
        return self.entries.get(ident)

    def title_of(self, ident: str) -> str:
        entry = self.entries.get(ident)
        title = entry.title if entry is not None else None
        return ident if title is None else title

    def search(self, text: str | Query, limit: int) -> SearchResult | None:
        if self.index is None or not (text.strip() if isinstance(text, str) else text):
            return None
        return self.index.search(text, limit=limit)

    def briefs_matching(self, query: Query) -> set[str]:
        return self.index.briefs_matching(query) if self.index is not None else set()

    def _append(self, entries: list[Entry]) -> None:
        start = len(self._order)
        for offset, entry in enumerate(entries):
            self._positions[entry.id] = start + offset
        self._order.extend(entries)

    # -- the UI thread: what the loading and reloading workers post ------------------------

    def search_index(self) -> SearchIndex:
        if self.index is None:
            self.index = search.SearchIndex()  # imported now: the search package defers it
        return self.index

    def absorb_loaded(self, message: EntriesLoaded) -> None:
        for entry in message.entries:
            self.entries[entry.id] = entry
        self._append(message.entries)
        self.index_entries(message.entries)
        with self._caught_up:
            self._ahead -= len(message.entries)
            self._caught_up.notify_all()

    def index_entries(self, entries: list[Entry]) -> None:
        """Add entries to the search index (for :meth:`load_first`'s, after the first frame)."""
        index = self.search_index()
        for entry in entries:
            if entry.source is not None:
                index.set_brief(entry.source)

    def absorb_changed(self, message: EntriesChanged) -> bool:
        """Take a reload in; returns whether entries came, went or moved (else only changed)."""
        moved = [e.id for e in message.order] != [e.id for e in self._order]
        if moved:
            self._order = []
            self._positions = {}
            self._append(message.order)
        else:
            self._order = list(message.order)
        index = self.search_index()
        for gone in set(self.entries) - {e.id for e in message.order}:
            index.remove(gone)
        self.entries = {e.id: e for e in message.order}
        for entry in message.changed:
            if entry.source is not None:
                index.set_brief(entry.source)
            else:
                index.remove(entry.id)
        return moved
