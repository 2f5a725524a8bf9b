"""Notice briefs changing on disk, however the editor saves them.

Folders are watched, never single files: vim and many other editors save by
writing a new file and renaming it over the old one, which silently ends a
watch on the old file. A file named on the command line is covered by watching
its folder (not recursively) and keeping only events for that file.

Changes are debounced: a batch is yielded once the folders have been quiet for
``quiet_ms`` (or ``max_wait_ms`` after the first change at most), and each path
appears once per batch with its net change, so a burst of saves or a
rename dance costs the reader one reload.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Literal

import watchfiles

ChangeKind = Literal["added", "modified", "deleted"]
Batch = set[tuple[ChangeKind, Path]]
_Item = set[tuple[watchfiles.Change, str]] | Exception | None

BRIEF_SUFFIXES = frozenset({".yaml", ".yml"})


def is_brief_name(name: str) -> bool:
    """A YAML file that is not an editor's lock or autosave file (emacs: ``.#x.yaml``)."""
    if name.startswith((".#", "#")):
        return False
    return os.path.splitext(name)[1].lower() in BRIEF_SUFFIXES


def _norm(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _plan(roots: Sequence[Path]) -> tuple[list[str], list[str], set[str]]:
    """Split roots into folders watched recursively and parents of single files.

    Roots that do not exist are skipped (watchfiles would refuse to start); a
    file whose folder is already watched recursively needs no watch of its own.
    """
    folders: list[str] = []
    files: set[str] = set()
    for root in roots:
        if root.is_dir():
            folders.append(_norm(root))
        elif root.exists():
            files.add(_norm(root))
    folders = sorted(set(folders))

    def covered(parent: str) -> bool:
        return any(parent == f or parent.startswith(f.rstrip(os.sep) + os.sep) for f in folders)

    parents = sorted({os.path.dirname(f) for f in files if not covered(os.path.dirname(f))})
    return folders, parents, files


def _make_filter(folders: list[str], files: set[str]) -> Callable[[watchfiles.Change, str], bool]:
    prefixes = tuple(f.rstrip(os.sep) + os.sep for f in folders)

    def keep(_change: watchfiles.Change, raw: str) -> bool:
        if not is_brief_name(os.path.basename(raw)):
            return False
        path = _norm(raw)
        return path in files or path.startswith(prefixes)

    return keep


def _collapse(pending: dict[str, set[watchfiles.Change]]) -> Batch:
    """One net change per path, judged by whether the file exists now.

    Event order is lost inside watchfiles' sets, so existence decides: a file
    renamed away and written back (vim's backup dance) is "modified", not
    deleted-then-added, which would make the reader drop and re-add the brief.
    A rename over an existing file arrives as "added" only: consumers should
    treat "added" and "modified" alike (reload the path).
    """
    batch: Batch = set()
    for raw, changes in pending.items():
        path = Path(raw)
        kind: ChangeKind
        if not path.exists():
            kind = "deleted"
        elif watchfiles.Change.added in changes and watchfiles.Change.deleted not in changes:
            kind = "added"
        else:
            kind = "modified"
        batch.add((kind, path))
    return batch


class _Countdown:
    """Sets ``ready`` once every stream has polled once (so its watches exist)."""

    def __init__(self, count: int, ready: threading.Event | None) -> None:
        self._left = count
        self._ready = ready
        self._lock = threading.Lock()
        if count == 0 and ready is not None:
            ready.set()

    def tick(self) -> None:
        with self._lock:
            self._left -= 1
            if self._left == 0 and self._ready is not None:
                self._ready.set()


class _Either:
    """Stops the streams when the caller's event is set or the generator is closed."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop
        self.closed = threading.Event()

    def is_set(self) -> bool:
        return self.stop.is_set() or self.closed.is_set()


def _pump(
    stream: Iterator[set[tuple[watchfiles.Change, str]]],
    out: queue.Queue[_Item],
    countdown: _Countdown,
) -> None:
    """Move one watchfiles stream's changes into the shared queue, then say it ended."""
    polled = False
    try:
        for changes in stream:
            if not polled:
                polled = True
                countdown.tick()
            if changes:
                out.put(changes)
    except Exception as error:
        out.put(error)
    finally:
        if not polled:
            countdown.tick()
        out.put(None)


def watch_paths(
    roots: Sequence[Path],
    stop: threading.Event,
    *,
    quiet_ms: int = 150,
    max_wait_ms: int = 600,
    ready: threading.Event | None = None,
) -> Generator[Batch, None, None]:
    """Yield batches of ``(kind, path)`` for brief files under ``roots`` until ``stop`` is set.

    Blocking: run it in a thread, and set ``stop`` to end it (its helper
    threads end with it). Returns at once when no root exists. Paths are
    absolute. ``ready`` is set once the operating system's watches are in place
    (changes made before that may be missed), or when there is nothing to
    watch. An error inside watchfiles is re-raised here.
    """
    folders, parents, files = _plan(roots)
    keep = _make_filter(folders, files)
    out: queue.Queue[_Item] = queue.Queue()
    halt = _Either(stop)
    groups = [
        (paths, recursive) for paths, recursive in ((folders, True), (parents, False)) if paths
    ]
    countdown = _Countdown(len(groups), ready)
    for paths, recursive in groups:
        stream = watchfiles.watch(
            *paths,
            watch_filter=keep,
            debounce=quiet_ms,
            step=min(50, quiet_ms),
            stop_event=halt,
            rust_timeout=quiet_ms,
            yield_on_timeout=True,
            recursive=recursive,
            ignore_permission_denied=True,
        )
        threading.Thread(
            target=_pump, args=(stream, out, countdown), name="briefing-watch", daemon=True
        ).start()
    try:
        yield from _batches(out, len(groups), halt, quiet_ms, max_wait_ms)
    finally:
        halt.closed.set()  # abandoned or failed: end the helper threads too


def _batches(
    out: queue.Queue[_Item], running: int, halt: _Either, quiet_ms: int, max_wait_ms: int
) -> Iterator[Batch]:
    pending: dict[str, set[watchfiles.Change]] = {}
    first_change = 0.0
    while running:
        try:
            item = out.get(timeout=quiet_ms / 1000 if pending else None)
        except queue.Empty:
            item = set()  # quiet for quiet_ms: the batch is complete
        if item is None:
            running -= 1
            continue
        if isinstance(item, Exception):
            raise item
        for change, raw in item:
            if not pending:
                first_change = time.monotonic()
            pending.setdefault(raw, set()).add(change)
        if not pending:
            continue
        waited_ms = (time.monotonic() - first_change) * 1000
        if not item or waited_ms >= max_wait_ms:
            batch = _collapse(pending)
            pending = {}
            if halt.is_set():
                return
            yield batch
