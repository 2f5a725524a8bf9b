"""What the convergence tests share: a library kept live by its watcher, and how to compare it
with a fresh scan of the disk."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from hypothesis import HealthCheck, settings

from briefing.store.index import Index
from briefing.store.library import Entry, Library
from briefing.store.watch import watch_paths

DEADLINE = 30.0
"""Longest wait for the live view to equal the disk: a guard against a hang, not a timing."""

View = dict[str, tuple[str, Any, tuple[object, ...]]]


def view_of(entries: Sequence[Entry], problems: Sequence[object] = ()) -> View:
    """What a reader shows of each brief: its file, the brief (unless an older good version
    is being kept for a broken file, which a fresh scan cannot know of) and its problems."""
    shown: View = {
        entry.id: (
            str(entry.path),
            None if entry.stale else entry.brief,
            tuple((p.path, p.line, p.col, p.code, p.message) for p in entry.problems),
        )
        for entry in entries
    }
    shown[""] = ("", None, tuple(repr(p) for p in problems))  # the library's own problems
    return shown


def fresh_view(roots: Sequence[Path]) -> View:
    """A fresh scan: a new library, no index, every file parsed."""
    library = Library(list(roots))
    library.load_all()
    return view_of(library.entries, library.problems)


def wait_until_equal(live: Callable[[], View], roots: Sequence[Path]) -> None:
    """Wait (with a deadline) until the live view is the fresh scan's; fail with the difference."""
    wanted = fresh_view(roots)
    deadline = time.monotonic() + DEADLINE
    seen = live()
    while seen != wanted and time.monotonic() < deadline:
        time.sleep(0.02)  # polling a condition, with a deadline
        seen = live()
    if seen != wanted:
        missing = sorted(set(wanted) - set(seen))
        extra = sorted(set(seen) - set(wanted))
        differ = sorted(k for k in set(seen) & set(wanted) if seen[k] != wanted[k])
        raise AssertionError(
            f"the live library differs from the disk: missing {missing}, extra {extra}, "
            f"different {[(k, seen[k], wanted[k]) for k in differ[:3]]}"
        )


def machine_settings(variable: str, examples: int, steps: int) -> settings:
    """Hypothesis settings for a convergence state machine; ``variable`` in the environment
    sets how many examples (many more than the default, for a long run)."""
    return settings(
        max_examples=int(os.environ.get(variable, str(examples))),
        stateful_step_count=steps,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


class Live(Protocol):
    """A library being kept current: compared with the disk once quiet, then closed."""

    def converge(self) -> None: ...

    def close(self) -> None: ...


class LiveLibrary:
    """A library loaded once, then kept current by the watcher in a thread, as the reader
    keeps it (``briefing.ui.keeper`` does the same with Textual workers)."""

    def __init__(self, roots: Sequence[Path], cache: Path, **watch: Any) -> None:
        self.roots = list(roots)
        self.library = Library(self.roots, index=Index(cache / "index.sqlite3"))
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.failure: BaseException | None = None
        with self.lock:
            self.library.load_all()
        options = {"quiet_ms": 50, "max_wait_ms": 300, **watch}
        self.thread = threading.Thread(target=self._follow, args=(options,), daemon=True)
        self.thread.start()
        if not self.ready.wait(DEADLINE):
            raise AssertionError("the watcher never became ready")

    def _follow(self, options: dict[str, Any]) -> None:
        try:
            for batch in watch_paths(
                self.roots, self.stop, ready=self.ready, initial_rescan=True, **options
            ):
                with self.lock:
                    self.library.apply(batch)
        except BaseException as error:  # reported by view(), not lost in a thread
            self.failure = error
            self.ready.set()

    def view(self) -> View:
        if self.failure is not None:
            raise AssertionError("the watch loop failed") from self.failure
        with self.lock:
            return view_of(self.library.entries, self.library.problems)

    def converge(self) -> None:
        wait_until_equal(self.view, self.roots)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(DEADLINE)
        assert not self.thread.is_alive()
        if self.library.index is not None:
            self.library.index.close()
