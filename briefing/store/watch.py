"""Notice briefs changing on disk, however the editor saves them, and never lose one.

Folders are watched, never single files: vim and many other editors save by writing a new
file and renaming it over the old one, which silently ends a watch on the old file. A file
named on the command line is covered by watching its folder (not recursively) and keeping
only events for that file.

A watcher can drop events: the kernel's queue overflows in a burst of thousands of files,
a folder's files may be written before its watch exists, a folder can be moved in whole,
the library folder itself can be deleted and made again. So a change is either one file
(``added``, ``modified``, ``deleted``: reload that file) or a folder to rescan (``rescan``:
make the library's view of everything below it match the disk again). A folder created,
moved in or out, or made readable is rescanned once its watch is in place; an overflow
rescans every root; a root that disappears is looked for until it is back, then rescanned.
As a backstop, every root is rescanned after ``backstop_s`` without a change (a cheap
comparison of sizes and times, for file systems that report nothing, such as a network
share changed by another machine).

On Linux the events come from inotify (``briefing.store.inotify``), which says when events
were lost; elsewhere from watchfiles, which does not, so the backstop runs every
:data:`FALLBACK_BACKSTOP` seconds there.

Changes are debounced: a batch is yielded once the folders have been quiet for ``quiet_ms``
(or ``max_wait_ms`` after the first change at most), and each path appears once per batch
with its net change, so a burst of saves or a rename dance costs the reader one reload.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from briefing.store import inotify
from briefing.store.changes import Batch, Change, ChangeKind, norm
from briefing.store.tree import InotifySource
from briefing.store.walk import Chain, is_brief_name, real_roots, walk

if TYPE_CHECKING:
    import watchfiles

__all__ = ["Batch", "Change", "ChangeKind", "is_brief_name", "watch_paths"]

BACKSTOP = 30.0
"""Seconds without a change after which every root is compared with the disk anyway."""
FALLBACK_BACKSTOP = 2.0
"""The same where the events cannot say that some were lost (no inotify)."""


class Source(Protocol):
    roots: list[str]

    def start(self) -> list[Change]: ...

    def wait(self, timeout: float) -> list[Change]: ...

    def close(self) -> None: ...


class WatchfilesSource:
    """Where inotify is missing: watchfiles, whose events are hints and may be lost."""

    def __init__(self, roots: Sequence[Path]) -> None:
        import queue

        self.roots = list(dict.fromkeys(norm(root) for root in roots))
        self._real = real_roots(self.roots)
        self._queue: queue.Queue[list[Change]] = queue.Queue()
        self._halt = threading.Event()
        self._known: set[str] = set()
        """Folders and noted links: a deletion event names no kind, and only these are
        worth a rescan when they go."""

    def _learn(self, top: str, chain: Chain) -> None:
        found = walk(top, chain, self._real)
        self._known.update(found.folders)
        self._known.update(note.path for note in found.notes)

    def start(self) -> list[Change]:
        import watchfiles

        folders = [r for r in self.roots if os.path.isdir(r)]
        for folder in folders:
            self._learn(folder, ())
        parents = sorted(
            {os.path.dirname(r) for r in self.roots if os.path.isfile(r)} - set(folders)
        )
        files = {r for r in self.roots if os.path.isfile(r)}
        started = threading.Barrier(1 + bool(folders) + bool(parents))

        def pump(paths: list[str], recursive: bool) -> None:
            first = True
            try:
                for raw in watchfiles.watch(
                    *paths,
                    debounce=50,
                    step=20,
                    stop_event=self._halt,
                    rust_timeout=50,
                    yield_on_timeout=True,
                    recursive=recursive,
                    ignore_permission_denied=True,
                ):
                    if first:
                        first = False
                        started.wait()
                    self._queue.put(self._convert(raw, recursive, files))
            except Exception:  # the backstop keeps the library right without events
                pass
            finally:
                if first:
                    started.wait()

        for paths, recursive in ((folders, True), (parents, False)):
            if paths:
                threading.Thread(
                    target=pump, args=(paths, recursive), name="briefing-watch", daemon=True
                ).start()
        started.wait()
        return []

    def _convert(
        self, raw: set[tuple[watchfiles.Change, str]], recursive: bool, files: set[str]
    ) -> list[Change]:
        import watchfiles

        kinds: dict[watchfiles.Change, ChangeKind] = {
            watchfiles.Change.added: "added",
            watchfiles.Change.modified: "modified",
            watchfiles.Change.deleted: "deleted",
        }
        changes: list[Change] = []
        for change, text in raw:
            path = norm(text)
            if not recursive:
                if path in files:
                    changes.append((kinds[change], Path(path)))
            elif any(part.startswith(".") for part in path.split(os.sep)[1:]):
                continue
            elif is_brief_name(os.path.basename(path)):
                changes.append((kinds[change], Path(path)))
            elif os.path.isdir(path):
                self._learn(path, ())
                changes.append(("rescan", Path(path)))
            elif change == watchfiles.Change.deleted and path in self._known:
                self._known.discard(path)
                changes.append(("rescan", Path(path)))
        return changes

    def wait(self, timeout: float) -> list[Change]:
        import queue

        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return []

    def close(self) -> None:
        self._halt.set()


def make_source(roots: Sequence[Path], backend: str | None = None) -> Source:
    """inotify where there is one; ``backend="watchfiles"`` forces the fallback (tests).

    Where an inotify instance cannot be had (the per-user limit of instances is reached),
    the fallback is used: its events may fail too, and then its backstop alone (a
    comparison with the disk every :data:`FALLBACK_BACKSTOP` seconds) keeps the library
    right, a little later rather than never.
    """
    if backend != "watchfiles" and inotify.available():
        try:
            return InotifySource(roots)
        except OSError:
            pass
    return WatchfilesSource(roots)


def _collapse(pending: list[Change]) -> Batch:
    """One net change per path, judged by whether the file exists now; folders to rescan,
    leaving out those inside another one of the batch.

    A file renamed away and written back (vim's backup dance) is "modified", not
    deleted-then-added, which would make the reader drop and re-add the brief. A rename
    over an existing file arrives as "added": consumers treat "added" and "modified" alike.
    """
    kinds: dict[Path, set[ChangeKind]] = {}
    folders: set[Path] = set()
    for kind, path in pending:
        if kind == "rescan":
            folders.add(path)
        else:
            kinds.setdefault(path, set()).add(kind)
    batch: Batch = set()
    for path, seen in kinds.items():
        if not path.exists():
            batch.add(("deleted", path))
        elif "added" in seen and "deleted" not in seen:
            batch.add(("added", path))
        else:
            batch.add(("modified", path))
    for folder in folders:
        if not any(other in folder.parents for other in folders):
            batch.add(("rescan", folder))
    return batch


def watch_paths(
    roots: Sequence[Path],
    stop: threading.Event,
    *,
    quiet_ms: int = 150,
    max_wait_ms: int = 600,
    ready: threading.Event | None = None,
    initial_rescan: bool = False,
    backstop_s: float | None = None,
    backend: str | None = None,
) -> Generator[Batch, None, None]:
    """Yield batches of ``(kind, path)`` for briefs and folders under ``roots`` until ``stop``.

    Blocking: run it in a thread, and set ``stop`` (or close the generator) to end it.
    Paths are absolute. ``ready`` is set once the watches are in place (changes made
    before that may be missed: ``initial_rescan`` makes the first batch a rescan of every
    root, to cover them). A root that does not exist is waited for.
    """
    source = make_source(roots, backend)
    if backstop_s is None:
        backstop_s = BACKSTOP if isinstance(source, InotifySource) else FALLBACK_BACKSTOP
    quiet, longest = quiet_ms / 1000, max_wait_ms / 1000
    try:
        pending = source.start()
        if ready is not None:
            ready.set()
        if initial_rescan:
            pending.extend(("rescan", Path(root)) for root in source.roots)
        now = time.monotonic()
        first = last = now
        backstop_at = now + backstop_s
        while not stop.is_set():
            if isinstance(source, InotifySource) and source.degraded:
                backstop_at = min(backstop_at, time.monotonic() + FALLBACK_BACKSTOP)
            got = source.wait(min(0.1, quiet) if pending else 0.1)
            now = time.monotonic()
            if got:
                if not pending:
                    first = now
                pending.extend(got)
                last = now
            if pending and (now - last >= quiet or now - first >= longest):
                batch = _collapse(pending)
                pending = []
                backstop_at = now + backstop_s
                if batch and not stop.is_set():
                    yield batch
            elif not pending and now >= backstop_at:
                pending = [("rescan", Path(root)) for root in source.roots]
                first = last = now - quiet
    finally:
        source.close()
