"""The first screen's library work, done by a helper process while Textual is imported.

Before the reader can draw it spends most of its start-up importing Textual, and the first
screen then needs the library's file list (a folder walk) and, on a first run, the first
files parsed (PyYAML and the validator imported, files parsed and their quotes checked).
On one thread all of that comes one after the other. A helper started before Textual is
imported does the library part on another
core: it walks the folders, parses the first screen's files the index lacks and stores them
there, then writes the file list to its stdout, a pipe. When the reader needs the list, it
reads the pipe; the index then answers for the first screen as on any warm start.

The helper answers as soon as it has parsed the first screen's files, and then waits: it
writes them to the index only when the reader's loading worker, which starts after the first
frame, comes to use the index (:meth:`Prefetch.finish` tells it to go on, through its stdin,
and waits for it to be done). A second process at work beside the reader slows its drawing
even from another core (``benchmarks/results.md``), and nothing needs the index before the
first frame. A reader killed alone closes that pipe: the helper then writes what it parsed,
at idle priority, so the work is not lost (a hang-up of the terminal ends them both).

Until it answers the helper runs at normal priority: the reader cannot draw without its
answer, so at idle priority it would only starve on a machine with no idle core (the
terminal's own work is enough) while the reader comes to wait for it. After that it is
set to idle priority (``briefing.store.spawn``), and back to normal when the reader waits
for the index.

The helper is a new interpreter (``python -m briefing.store.prefetch``) started with
``posix_spawn`` (``briefing.store.spawn``): cheap for the reader, where after a ``fork``
every page the reader then writes is copied; and nothing of the reader's state is
shared.
Where ``posix_spawn`` is missing, or if the helper fails or is slow, the reader does the
work itself as before: the prefetch can only save time, and never changes what is shown.
The helper writes only to the index, which is built for several processes at once (SQLite).

A helper is a whole interpreter: on a machine with two cores its start-up takes time from the
reader's. It is kept off the core the reader runs on when it starts (``away_from_caller``),
so that it shares another core with the terminal rather than the reader's with the reader.
For a library no longer than its first screen, whose every file the index holds
as it is on disk, the answer is read here instead (:meth:`Ready.here`): a walk of a few
files and one query, far less than a helper costs. Then no helper is started.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from briefing.store.spawn import (
    away_from_caller,
    idle_priority,
    normal_priority,
    run_on,
    spawn,
)

if TYPE_CHECKING:
    from briefing.store.catalog import Groups
    from briefing.store.index import Index, Row
    from briefing.store.library import Library

Listing = list[tuple[str, str]]
"""(brief id, path) pairs as ``Library.discover_text`` returns them."""


class Answer(NamedTuple):
    listing: Listing
    rows: list[Row]
    """The index's rows for the first screen's files, for ``Library.load_cached``: with
    them the reader opens no SQLite (nor imports it) before its first frame."""
    groups: Groups
    """The files that wanted one id (``Catalog.groups``): with them the reader has every
    brief's shared-id warning without working out the ids of the whole library first."""


FIRST_SCREEN = 60
"""Briefs read before the first frame, at most: more rows than the brief list shows on a tall
screen. A shorter terminal reads fewer (:func:`first_screen`)."""
FIRST_PARSED = 16
"""With a cold cache, files parsed before the first frame: enough to fill the list at 120x40,
so a first run shows a whole screen, not one brief and a list to come."""


def first_screen(fd: int = 1) -> int:
    """Briefs read before the first frame on the terminal ``fd`` is: the brief list shows at
    most one a line, and each costs its decoding before the frame."""
    try:
        lines = os.get_terminal_size(fd).lines
    except OSError:  # not a terminal after all: as on a tall one
        return FIRST_SCREEN
    return max(1, min(FIRST_SCREEN, lines))


WAIT_SECONDS = 2.0
"""Longest the reader waits for the helper's answer before doing the work itself."""

_MAX_ANSWER = 256 * 1024 * 1024
"""A bound on what the reader takes from the pipe, so a confused helper cannot make it
allocate without limit."""


WRITE_SECONDS = 5.0
"""Longest the reader's worker waits for the helper to write what it answered to the index
(about as long as SQLite waits for a lock) before it stops the helper."""


def _work(
    paths: Sequence[Path],
    max_bytes: int | None,
    first: int,
    parse_first: int,
    answer: Callable[[tuple[Listing, list[Row], Groups]], None],
) -> None:
    """The helper's job: ``answer`` the file list and the first screen's rows, then store
    the files it parsed for them in the index."""
    from briefing.store.index import Index

    index = Index()
    library, found, wanted, stored = _first_rows(paths, max_bytes, first, index)
    library.load_cached(found[:first], parse_first=parse_first, rows=stored)
    # What it parsed just now is handed over before it is written: the reader waits for
    # the answer, not for the index.
    queued = index.queued_rows(wanted)
    fresh = {row[0] for row in queued}
    rows = [row for row in stored if row[0] not in fresh] + queued
    answer((found, rows, library.catalog.groups))
    index.close()  # writes what load_cached queued


def _first_rows(
    paths: Sequence[Path], max_bytes: int | None, first: int, index: Index
) -> tuple[Library, Listing, list[tuple[Path, str, str]], list[Row]]:
    """The library on ``index``, its files, the first screen's (``first``) as the index is
    asked for them, and the index's rows of those."""
    from briefing.brief.outcome import DEFAULT_MAX_BYTES
    from briefing.store.library import Library

    library = Library(paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES, index=index)
    found = library.discover_text()
    wanted = [(Path(path), ident, path) for ident, path in found[:first]]
    return library, found, wanted, index.rows(wanted)


class Readied(Protocol):
    """What readies the first screen for the reader: a helper (:class:`Prefetch`) or an
    answer read here (:class:`Ready`)."""

    first: int
    """How many briefs of the library the answer readies."""

    def listing(self, timeout: float | None = None) -> Answer | None:
        """The answer, once; None when there is none (the reader then does the work)."""

    def finish(self, timeout: float | None = None) -> None:
        """Return once the index may be used by the reader."""

    def cancel(self) -> None:
        """Stop whatever still runs for the answer."""


class Ready:
    """An answer read in the reader's own process, before Textual is imported."""

    def __init__(self, answer: Answer, first: int) -> None:
        self.first = first
        self._answer: Answer | None = answer

    @classmethod
    def here(
        cls, paths: Sequence[Path], max_bytes: int | None = None, first: int = FIRST_SCREEN
    ) -> Ready | None:
        """The answer a helper would give, read here, when the library holds at most
        ``first`` files and folders and the index holds every file as it is on disk; else
        None (a first run, a bigger library, a file changed or new: a helper does it).

        With no index yet nothing is opened, and a bigger library is not walked further
        than ``first`` entries to tell: nothing is imported either, as the helper that then
        starts should start at once."""
        from briefing.paths import index_file

        if not os.path.isfile(index_file()) or not _at_most(paths, first):
            return None
        from briefing.store.index import Index
        from briefing.store.rows import file_key, stamp

        index = Index()
        try:
            library, found, wanted, rows = _first_rows(paths, max_bytes, first, index)
        finally:
            index.close()
        held = {row[0]: (row[1], row[2]) for row in rows}
        if len(held) != len(wanted) or any(
            held.get(file_key(path)) != stamp(path) for path, _, _ in wanted
        ):
            return None
        return cls(Answer(found, rows, library.catalog.groups), first)

    def listing(self, timeout: float | None = None) -> Answer | None:
        answer, self._answer = self._answer, None
        return answer

    def finish(self, timeout: float | None = None) -> None:
        """Nothing runs: the index was closed as soon as it was read."""

    def cancel(self) -> None:
        self._answer = None


def _at_most(paths: Sequence[Path], limit: int) -> bool:
    """Whether ``paths`` hold at most ``limit`` entries, files and folders, hidden ones
    aside as the library's walk leaves them; looked at no further than that. A link to a
    folder may lead anywhere (a walk follows it), so it says no."""
    seen = 0
    folders = [str(path) for path in paths]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                for item in listing:
                    if item.name.startswith("."):
                        continue
                    seen += 1
                    if seen > limit:
                        return False
                    if item.is_dir(follow_symlinks=False):
                        folders.append(item.path)
                    elif item.is_symlink() and item.is_dir():
                        return False
        except NotADirectoryError:
            seen += 1  # a file named on the command line
        except OSError:
            return False  # unreadable or gone: the helper's walk says what it is
        if seen > limit:
            return False
    return True


class Prefetch:
    """A running helper, and a thread reading its answer; :meth:`listing` collects it.

    The thread reads as the helper writes: a pipe holds 64 KB, and a helper with more to
    say (the list of a large library) would otherwise wait, stalled, until the reader
    asked for the answer, and the reader would then wait for it.
    """

    def __init__(
        self, pid: int, fd: int, cores: set[int] | None = None, go: int | None = None
    ) -> None:
        self.pid = pid
        self._go = go
        """The helper's stdin, whose end tells it to go on and write the index."""
        self._go_lock = threading.Lock()
        """``finish`` (the loading worker) and ``cancel`` (the app closing) may meet."""
        self._cores = cores
        """The cores to give the helper back once the reader waits for it, if it was kept
        off the reader's (``away_from_caller``)."""
        self.first = FIRST_SCREEN
        """How many briefs of the library the answer readies (``--first``)."""
        self._fd: int | None = fd
        self._chunks: list[bytes] = []
        self._whole = True
        """False when the answer was cut off (too long, or a read failed)."""
        self._drained = threading.Event()
        self._exited = threading.Event()
        """Set once the helper is gone and reaped (by the thread, alone: no zombie)."""
        threading.Thread(target=self._drain, args=(fd,), name="prefetch", daemon=True).start()

    def _drain(self, fd: int) -> None:
        size = 0
        try:
            while chunk := os.read(fd, 1 << 20):
                size += len(chunk)
                if size > _MAX_ANSWER:
                    self._whole = False
                    return
                self._chunks.append(chunk)
        except OSError:
            self._whole = False
        finally:
            self._drained.set()
            # The answer is in; the helper may still be writing the index.
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self._exited.set()

    @classmethod
    def start(
        cls, paths: Sequence[Path], max_bytes: int | None = None, first: int = FIRST_SCREEN
    ) -> Prefetch | None:
        """Start the helper for ``paths``, to ready the ``first`` briefs of the library (see
        :func:`first_screen`), or return None where that is not possible."""
        options = ["--first", str(first)]
        options += ["--max-bytes", str(max_bytes)] if max_bytes else []
        options += ["--hold"]  # the index is written when finish() says so
        paths_text = [str(Path(p).absolute()) for p in paths]
        # -P: never import from the working folder, whatever it holds.
        command = [
            sys.executable,
            "-P",
            "-m",
            "briefing.store.prefetch",
            *options,
            "--",
            *paths_text,
        ]
        started = cls.spawn(command)
        if started is not None:
            started.first = first
        return started

    @classmethod
    def spawn(cls, argv: Sequence[str]) -> Prefetch | None:
        """Run ``argv`` with its stdout on a pipe, and its stdin on another for the word to
        go on (:meth:`finish`), on a core other than the reader's (``briefing.store.spawn``)."""
        read_fd, write_fd = os.pipe()
        go_read, go_write = os.pipe()
        try:
            pid = spawn(argv, write_fd, go_read)
        finally:
            os.close(write_fd)
            os.close(go_read)
        if pid is None:
            os.close(read_fd)
            os.close(go_write)
            return None
        return cls(pid, read_fd, away_from_caller(pid), go_write)

    def listing(self, timeout: float | None = None) -> Answer | None:
        """The helper's answer, or None if it failed or did not answer within ``timeout``
        (default :data:`WAIT_SECONDS`).

        Without an answer the helper is gone afterwards (killed if need be, and reaped);
        with one it may still be writing the index (see :meth:`finish`). A second call
        returns None: the answer is read once.
        """
        if self._fd is None:
            return None
        self._everywhere()
        answered = self._drained.wait(WAIT_SECONDS if timeout is None else timeout)
        self._close()
        checked = None
        if answered and self._whole:
            # A helper that failed before it answered leaves no whole marshal on the pipe.
            with contextlib.suppress(EOFError, ValueError, TypeError):
                checked = _checked(marshal.loads(b"".join(self._chunks)))
        self._chunks = []
        if checked is None:
            self._stop()
        return checked

    def finish(self, timeout: float | None = None) -> None:
        """Wait for the helper to be done writing the index (default :data:`WRITE_SECONDS`),
        then stop it if it is not: call this before using the index."""
        if not self._exited.is_set():
            normal_priority(self.pid)  # waited for now: it set itself to idle priority
            self._everywhere()
            self._go_on()
            self._exited.wait(WRITE_SECONDS if timeout is None else timeout)
        self._stop()

    def _go_on(self) -> None:
        """Tell the helper to go on: its stdin ends (once, whoever asks first)."""
        with self._go_lock:
            go, self._go = self._go, None
        if go is not None:
            os.close(go)

    def _everywhere(self) -> None:
        """The reader waits for the helper now: its core is free for the helper too."""
        cores, self._cores = self._cores, None
        if cores is not None and not self._exited.is_set():
            run_on(self.pid, cores)

    def cancel(self) -> None:
        """Stop waiting: kill the helper if it still runs (a write it has begun is lost
        whole, never half-written: the index is SQLite)."""
        self._close()
        self._chunks = []
        self._stop()

    def _stop(self) -> None:
        """Kill the helper if it still runs; return once it is reaped."""
        if not self._exited.is_set():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)  # its end closes: the thread reads EOF
            self._exited.wait()
        self._go_on()

    def _close(self) -> None:
        """Kill the helper unless it has answered, then close the pipe once the thread is
        out of its read."""
        fd, self._fd = self._fd, None
        if not self._drained.is_set():
            self._stop()
            self._drained.wait()
        if fd is not None:
            os.close(fd)


def _checked(answer: object) -> Answer | None:
    """The answer if it has the right shape: the reader trusts nothing it did not build.

    The rows are checked deeper where they are decoded (``briefing.store.index.decode_rows``).
    """
    if not (isinstance(answer, tuple) and len(answer) == 3):
        return None
    listing, rows, groups = answer
    if not isinstance(listing, list) or not isinstance(rows, list):
        return None
    if not isinstance(groups, dict) or not all(
        isinstance(ident, str)
        and isinstance(members, list)
        and all(_text_pair(member) for member in members)
        for ident, members in groups.items()
    ):
        return None
    if not all(_text_pair(pair) for pair in listing):
        return None
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 4 and isinstance(row[0], str)):
            return None
    return Answer(listing, rows, groups)


def _text_pair(pair: object) -> bool:
    return (
        isinstance(pair, tuple)
        and len(pair) == 2
        and isinstance(pair[0], str)
        and isinstance(pair[1], str)
    )


def main(argv: Sequence[str] | None = None) -> int:
    """The helper: ``python -m briefing.store.prefetch [--first N] [--max-bytes N] [--hold]
    -- PATH...``; ``--hold``: write the index only once told to (see :func:`_answer`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    first, max_bytes = FIRST_SCREEN, None
    if args[:1] == ["--first"]:
        first, args = int(args[1]), args[2:]
    if args[:1] == ["--max-bytes"]:
        max_bytes, args = int(args[1]), args[2:]
    hold = args[:1] == ["--hold"]
    if hold:
        args = args[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    answer = partial(_answer, hold=hold)
    _work([Path(p) for p in args], max_bytes, first, min(FIRST_PARSED, first), answer)
    return 0


def _answer(answer: tuple[Listing, list[Row], Groups], hold: bool = False) -> None:
    """Write the answer and end it: the pipe closes (the reader reads its end), and this
    process goes on at idle priority, as nothing waits for it now. With ``hold``, it first
    waits for the reader's word (the end of its stdin) before it returns to
    write the index."""
    sys.stdout.buffer.write(marshal.dumps(answer))
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # closes the pipe's last write end
    os.close(devnull)
    idle_priority(os.getpid())
    if hold:
        with contextlib.suppress(OSError):
            os.read(0, 1)


if __name__ == "__main__":
    sys.exit(main())
