"""Files parsed on every core: helper processes for a cold load of the library and a cold check.

Parsing is Python, and one process parses on one core. A pool starts helpers (``python -P
-m briefing.store.pool``, with ``posix_spawn``: see ``briefing.store.spawn``) and hands them
chunks of files through pipes; each answers with plain lists (``marshal``), never pickled
objects: the index's encoded rows for a load, verdicts for a check. The caller's thread
works too, on the chunks it needs next, so results come back in the order of the files
whatever the helpers do: a helper that is slow, starved (idle priority on a busy machine),
crashes or answers nonsense only costs the time of doing its chunks here instead. What a
file gives never depends on where it was parsed: helpers and caller run the same task.

Tasks are named (``TASKS``), never imported from what the pipe says.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import queue
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable, Generator, Sequence
from typing import Any

from briefing.store.spawn import idle_priority, spawn

Item = tuple[str, str]
"""(brief id, absolute path) of one file, as ``Library.discover_text`` lists them. How a
file is named in messages is not sent: results keep problems without their path."""
Task = Callable[[Sequence[Item]], list[Any]]
"""Results for a chunk of files, one each, as plain lists, ints and strings."""

TASKS: dict[str, tuple[str, str]] = {
    "load": ("briefing.store.parallel", "LoadTask"),
    "judge": ("briefing.store.verdicts", "Judge"),
}
"""Task name -> (module, factory): the factory takes the options and returns a ``Task``."""

CHUNK = 48
"""Files per chunk: enough that a round trip is a small part of it, few enough that the
caller never waits long for the chunk it needs next."""
AHEAD = 2
"""Chunks each helper holds: one to work on, one queued so it never waits for the next."""
_MAX_FRAME = 256 * 1024 * 1024
_HEADER = struct.Struct("<I")


def make_task(name: str, options: Sequence[Any]) -> Task:
    module, factory = TASKS[name]
    task: Task = getattr(importlib.import_module(module), factory)(*options)
    return task


PARALLEL_MIN = 256
"""Files to parse before helpers are worth starting: each costs an interpreter and the
parser's imports before its first file."""


def helpers_for(files: int) -> int:
    """How many helpers to start for ``files`` files: one per core besides the caller's own
    (which works too), none for a few files or on one core."""
    if files < PARALLEL_MIN or not hasattr(os, "posix_spawn"):
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores - 1


# -- the caller's side ---------------------------------------------------------------------


class _Helper:
    """One helper process, and a thread reading its answers into the pool's queue."""

    def __init__(self, pid: int, send: int, answers: int, inbox: queue.SimpleQueue[Any]) -> None:
        self.pid = pid
        self.send_fd: int | None = send
        self.holds: list[int] = []
        """Chunks given to it and not yet answered, oldest first."""
        self.heard = time.monotonic()
        """When it last answered (or started)."""
        self.thread = threading.Thread(
            target=_read_answers, args=(self, answers, inbox), name="pool", daemon=True
        )
        self.thread.start()

    def give(self, number: int, chunk: Sequence[Item]) -> bool:
        if self.send_fd is None:
            return False
        try:
            _write_frame(self.send_fd, marshal.dumps((number, list(chunk))))
        except OSError:  # it is gone: its chunks are done elsewhere
            return False
        self.holds.append(number)
        return True

    def stop(self) -> None:
        """Kill it (an answer still coming is not wanted now) and have it reaped.

        Reaped by a thread rather than here: a helper at idle priority on a busy machine
        may take a while to be scheduled even to die, and the caller must not wait for it.
        """
        fd, self.send_fd = self.send_fd, None
        if fd is None:
            return
        os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        threading.Thread(target=_reap, args=(self.pid,), name="pool-reap", daemon=True).start()


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _read_answers(helper: _Helper, fd: int, inbox: queue.SimpleQueue[Any]) -> None:
    """Answers as they come, so a helper never waits on a full pipe for the caller to read."""
    try:
        while (frame := _read_frame(fd)) is not None:
            inbox.put((helper, frame))
    except (OSError, ValueError):
        pass
    finally:
        os.close(fd)
        inbox.put((helper, None))  # it is done, one way or another


class Pool:
    """``run`` a task over chunks of files with helper processes; ``None`` helpers when the
    platform cannot start them, and the caller simply does everything."""

    def __init__(
        self,
        task: str,
        options: Sequence[Any],
        helpers: int,
        *,
        idle: bool,
    ) -> None:
        self._local = make_task(task, options)
        """The caller's own task: the helpers', so where a chunk is done never matters."""
        self._inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._yielded = 0
        self._given = 0
        """Chunks before this one are given out, or done here."""
        self._chunk_seconds = 0.05
        """How long the last chunk took here: how long a helper may keep the caller waiting."""
        self._helpers = [h for h in (self._start(task, options, idle) for _ in range(helpers)) if h]

    def _start(self, task: str, options: Sequence[Any], idle: bool) -> _Helper | None:
        to_helper, from_caller = os.pipe()
        from_helper, to_caller = os.pipe()
        pid = spawn(
            [sys.executable, "-P", "-m", "briefing.store.pool"], stdout=to_caller, stdin=to_helper
        )
        os.close(to_helper)
        os.close(to_caller)
        if pid is None:
            os.close(from_caller)
            os.close(from_helper)
            return None
        if idle:
            idle_priority(pid)
        helper = _Helper(pid, from_caller, from_helper, self._inbox)
        try:
            _write_frame(from_caller, marshal.dumps((task, list(options), _origin())))
        except OSError:
            helper.stop()
            return None
        return helper

    @property
    def helpers(self) -> int:
        return len(self._helpers)

    def run(self, items: Sequence[Item]) -> Generator[list[Any], None, None]:
        """Each file's result, chunk by chunk, in the order of ``items``.

        A generator: the helpers are stopped when it ends or is closed.
        """
        chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
        done: dict[int, list[Any]] = {}
        self._yielded = self._given = 0
        try:
            self._refill(chunks, done)
            for wanted in range(len(chunks)):
                while wanted not in done:
                    self._step(wanted, chunks, done)
                self._yielded = wanted + 1
                yield done.pop(wanted)
        finally:
            self.close()

    def _step(self, wanted: int, chunks: list[Sequence[Item]], done: dict[int, list[Any]]) -> None:
        """One move towards having chunk ``wanted``: take an answer, or do a chunk here, or
        wait a little for the helper holding it.

        The caller works ahead a few chunks per worker (itself included), enough not to wait
        for a helper of its own speed, and no further: results flow out in order as they are
        made, never held back behind one slow chunk. A helper not heard from for two
        chunks' time (starved at idle priority, or stuck) is not waited for.
        """
        if self._collect(chunks, done, block=0.0):
            self._refill(chunks, done)
            return
        holder = self._holder(wanted)
        if holder is None:  # never given out, or its helper is gone
            self._here(wanted, chunks, done)
            return
        reach = min(wanted + (AHEAD + 1) * (len(self._helpers) + 1), len(chunks))
        if self._given < reach:
            self._here(self._given, chunks, done)
            return
        if time.monotonic() - holder.heard > 2 * self._chunk_seconds:
            self._here(wanted, chunks, done)
        elif self._collect(chunks, done, block=self._chunk_seconds):
            self._refill(chunks, done)
        else:
            self._here(wanted, chunks, done)

    def _here(self, number: int, chunks: list[Sequence[Item]], done: dict[int, list[Any]]) -> None:
        """Do a chunk in the caller, timing it."""
        self._given = max(self._given, number + 1)
        started = time.monotonic()
        done[number] = self._local(chunks[number])
        self._chunk_seconds = max(time.monotonic() - started, 0.005)

    def _holder(self, number: int) -> _Helper | None:
        for helper in self._helpers:
            if number in helper.holds:
                return helper
        return None

    def _collect(
        self, chunks: list[Sequence[Item]], done: dict[int, list[Any]], block: float
    ) -> bool:
        """Take one answer if there is one (waiting up to ``block`` seconds); True if taken."""
        try:
            helper, frame = self._inbox.get(timeout=block) if block else self._inbox.get_nowait()
        except queue.Empty:
            return False
        if frame is None:  # it ended: what it held is done here when wanted
            self._drop(helper)
            return True
        try:
            number, results = marshal.loads(frame)
            if not (
                type(number) is int
                and number in helper.holds
                and isinstance(results, list)
                and len(results) == len(chunks[number])
            ):
                raise ValueError("an answer of the wrong shape")
        except (EOFError, ValueError, TypeError):
            self._drop(helper)  # confused: trust nothing more from it
            return True
        helper.holds.remove(number)
        helper.heard = time.monotonic()
        if number >= self._yielded:  # else done here already, and handed on
            done.setdefault(number, results)
        return True

    def _drop(self, helper: _Helper) -> None:
        if helper in self._helpers:
            self._helpers.remove(helper)
            helper.stop()

    def _refill(self, chunks: list[Sequence[Item]], done: dict[int, list[Any]]) -> None:
        """Keep every helper holding ``AHEAD`` chunks while chunks are left to give."""
        for helper in list(self._helpers):
            while len(helper.holds) < AHEAD and self._given < len(chunks):
                if self._given in done:
                    self._given += 1
                    continue
                if not helper.give(self._given, chunks[self._given]):
                    self._drop(helper)
                    break
                self._given += 1

    def close(self) -> None:
        for helper in self._helpers:
            helper.stop()
        self._helpers = []


# -- frames --------------------------------------------------------------------------------


def _write_frame(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _read_frame(fd: int) -> bytes | None:
    """The next frame, or None at the end of the stream; ValueError if it cannot be one."""
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    if size > _MAX_FRAME:
        raise ValueError("a frame over the limit")
    data = _read_exactly(fd, size)
    if data is None:
        raise ValueError("a frame cut short")
    return data


# -- the helper's side ---------------------------------------------------------------------


def _origin() -> str:
    """Where this process's ``briefing`` comes from. A helper started from another
    environment (``-P`` keeps the working folder out, not ``PYTHONPATH``) could hold other
    code, and give other answers: it stops at once instead, and the caller does its work."""
    import briefing

    return os.path.realpath(briefing.__file__)


def main() -> int:
    """The helper: a (task, options, origin) frame, then (number, chunk) frames until stdin
    ends."""
    first = _read_frame(0)
    if first is None:
        return 0
    name, options, origin = marshal.loads(first)
    if origin != _origin():
        return 3
    task = make_task(name, options)
    while (frame := _read_frame(0)) is not None:
        number, chunk = marshal.loads(frame)
        _write_frame(1, marshal.dumps((number, task(chunk))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
