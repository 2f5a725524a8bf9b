"""The first screen's library work, done in a forked process while Textual is imported.

Before the reader can draw it spends about 150 ms importing Textual, and the first screen
then needs the library's file list (a folder walk: 17 ms at 10,000 briefs) and, on a first
run, the first files parsed (PyYAML and the validator imported, files parsed and their
quotes checked: 25 ms for the shipped library). All of it ran on the one thread, one after
the other. A child forked before Textual is imported does the library part on the other
core: it walks the folders, parses the first screen's files the index lacks and stores them
there, then sends the file list down a pipe. When the reader needs the list, it reads the
pipe; the index then answers for the first screen as on any warm start.

Only on Linux, where ``fork`` without ``exec`` is safe while the process has a single thread
(it does: this runs before anything starts one). Anywhere else, or if the child fails or is
slow, the reader does the work itself as before: the prefetch can only save time, and never
changes what is shown. The child writes only to the index, which is built for several
processes at once (SQLite), and leaves by ``os._exit`` so it flushes none of the parent's
buffers and runs none of its exit handlers.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

Listing = list[tuple[str, str]]
"""(brief id, path) pairs as ``Library.discover_text`` returns them."""

FIRST_SCREEN = 60
"""Briefs read before the first frame: more rows than the brief list shows on a tall screen."""
FIRST_PARSED = 16
"""With a cold cache, files parsed before the first frame: enough to fill the list at 120x40
(about 1 ms each), so a first run shows a whole screen, not one brief and a list to come."""

WAIT_SECONDS = 2.0
"""Longest the reader waits for the child's answer before doing the work itself."""

_MAX_ANSWER = 256 * 1024 * 1024
"""A bound on what the parent will read from the pipe, so a confused child cannot make it
allocate without limit."""


def _work(paths: Sequence[Path], max_bytes: int | None, first: int, parse_first: int) -> Listing:
    """The child's job: the file list, with the first screen's files in the index."""
    from briefing.index import Index
    from briefing.library import Library
    from briefing.outcome import DEFAULT_MAX_BYTES

    library = Library(paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES, index=Index())
    found = library.discover_text()
    library.load_cached(found[:first], parse_first=parse_first)
    library.flush()
    if library.index is not None:
        library.index.close()
    return found


Work = Callable[[], Listing]


class Prefetch:
    """A running child and the read end of its pipe; :meth:`listing` collects the answer."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self._fd: int | None = fd

    @classmethod
    def start(cls, paths: Sequence[Path], max_bytes: int | None = None) -> Prefetch | None:
        """Fork the child, or return None where forking is not safe or not possible."""
        return cls.fork(lambda: _work(paths, max_bytes, FIRST_SCREEN, FIRST_PARSED))

    @classmethod
    def fork(cls, work: Work) -> Prefetch | None:
        if sys.platform != "linux" or not hasattr(os, "fork"):
            return None
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return None
        if pid == 0:  # the child: never returns
            os.close(read_fd)
            _run_child(work, write_fd)
        os.close(write_fd)
        return cls(pid, read_fd)

    def listing(self, timeout: float = WAIT_SECONDS) -> Listing | None:
        """The child's file list, or None if it failed or did not answer within ``timeout``.

        Either way the child is gone afterwards (reaped, or killed and reaped). A second
        call returns None: the answer is read once.
        """
        fd, self._fd = self._fd, None
        if fd is None:
            return None
        try:
            data = _read_all(fd, time.monotonic() + timeout)
        finally:
            os.close(fd)
        if data is None:
            self._kill()
            return None
        status = self._reap()
        if status != 0:
            return None
        try:
            answer = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None
        return _checked(answer)

    def cancel(self) -> None:
        """Stop waiting: kill the child if it still runs, and close the pipe."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
            self._kill()

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> int | None:
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return None
        return os.waitstatus_to_exitcode(status)


def _run_child(work: Work, write_fd: int) -> None:
    code = 1  # whatever goes wrong, the parent falls back; a child must never print
    try:
        view = memoryview(marshal.dumps(work()))
        while view:
            view = view[os.write(write_fd, view) :]
        code = 0
    finally:
        os._exit(code)


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe; None past ``deadline``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > _MAX_ANSWER:
            return None
        chunks.append(chunk)


def _checked(answer: object) -> Listing | None:
    """The answer if it has the listing's shape: the parent trusts nothing it did not build."""
    if not isinstance(answer, list):
        return None
    for pair in answer:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], str)
        ):
            return None
    return answer
