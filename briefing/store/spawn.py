"""Helper processes started the cheap way, and kept off the cores the reader needs.

Shared by the prefetch helper (``briefing.store.prefetch``) and the parsing pool
(``briefing.store.pool``). A helper is a new interpreter started with ``posix_spawn``,
not ``fork``: a forked child makes every page the parent then writes a copy, and nothing
of the parent's state (threads, locks, the open index) should be shared. Imported before
the reader's first frame: only ``os`` and ``contextlib`` here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence


def spawn(argv: Sequence[str], stdout: int, stdin: int | None = None) -> int | None:
    """Start ``argv`` with its stdout on ``stdout`` and its stdin on ``stdin`` (or nothing);
    its stderr is discarded: a helper that fails must never print over the reader's screen.

    Returns its pid, or None where ``posix_spawn`` is missing or the start failed. Pipes from
    ``os.pipe`` are not inherited, so a helper holds only the two ends given here.
    """
    if not hasattr(os, "posix_spawn"):
        return None
    actions = [
        (os.POSIX_SPAWN_DUP2, stdout, 1),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_DUP2, stdin, 0)
        if stdin is not None
        else (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
    ]
    try:
        return os.posix_spawn(argv[0], list(argv), os.environ, file_actions=actions)
    except OSError:
        return None


def away_from_caller(pid: int) -> set[int] | None:
    """Keep the helper ``pid`` off the core the caller is running on, where the caller may
    run on others; return the cores it had, for :func:`run_on`, or None if nothing changed.

    The reader is busy on one core until its first frame; a helper the scheduler puts on
    that same core takes turns with it, while on another core it only shares with the
    terminal's work. Once the reader waits for the helper, its core is of use to the helper
    again: give the cores back then. The reader itself is not pinned: it goes on using every
    core (and the helpers it spawns later inherit that). Linux only; elsewhere, nothing
    changes.
    """
    with contextlib.suppress(OSError, AttributeError, ValueError, IndexError):
        cores = os.sched_getaffinity(0)
        here = _current_core()
        if here in cores and len(cores) > 1:
            os.sched_setaffinity(pid, cores - {here})
            return cores
    return None


def run_on(pid: int, cores: set[int]) -> None:
    """Let the helper ``pid`` run on ``cores`` (undoes :func:`away_from_caller`)."""
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setaffinity(pid, cores)


def _current_core() -> int:
    """The core the calling thread runs on: field 39 of ``/proc/self/stat``, counted after
    the command name, which may itself hold spaces and parentheses."""
    fd = os.open("/proc/self/stat", os.O_RDONLY)
    try:
        stat = os.read(fd, 4096)
    finally:
        os.close(fd)
    return int(stat.rsplit(b")", 1)[1].split()[36])


def idle_priority(pid: int) -> None:
    """Let a helper run only on a core nothing else wants, so it never slows the reader or
    the terminal. Linux has such a class; elsewhere, a low priority. A helper the reader
    comes to wait for is given :func:`normal_priority`: on a machine busy with other work
    no core is ever idle, and it would starve while the reader waits."""
    with contextlib.suppress(OSError, AttributeError):
        if hasattr(os, "SCHED_IDLE"):
            os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
        else:
            os.setpriority(os.PRIO_PROCESS, pid, 10)


def normal_priority(pid: int) -> None:
    """Undo :func:`idle_priority`: the helper is now what the reader waits for."""
    with contextlib.suppress(OSError, AttributeError):
        if hasattr(os, "SCHED_IDLE"):
            os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))
        else:
            os.setpriority(os.PRIO_PROCESS, pid, 0)
