"""Run the folder watcher in a thread worker and turn its batches into messages.

The worker's own ``cancelled_event`` is the stop signal, so the watch ends when
the app exits (Textual cancels every worker) or when a new watch replaces it
(``exclusive=True``), and no thread is left blocking interpreter shutdown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from briefing.store.watch import ChangeKind

GROUP = "watcher"
ARTICLE_GROUP = "article watcher"
ARTICLE_LOOK_S = 1.0
"""How often the articles the briefs cite are looked at (a ``stat`` each)."""


class FilesChanged(Message):
    """Brief files changed on disk; ``changes`` holds one net change per path."""

    def __init__(self, changes: frozenset[tuple[ChangeKind, Path]]) -> None:
        super().__init__()
        self.changes = changes

    @property
    def paths(self) -> set[Path]:
        return {path for _kind, path in self.changes}

    def of_kind(self, kind: ChangeKind) -> set[Path]:
        return {path for k, path in self.changes if k == kind}


class WatchFailed(Message):
    """A watcher stopped on an error: the folder watcher, or (``articles``) the one looking
    at the articles the briefs cite. Nothing is followed until it is started again."""

    def __init__(self, reason: str, *, articles: bool = False) -> None:
        super().__init__()
        self.reason = reason
        self.articles = articles


def start_watcher(
    target: DOMNode,
    roots: Sequence[Path],
    *,
    quiet_ms: int = 150,
    max_wait_ms: int = 600,
    ready: threading.Event | None = None,
    initial_rescan: bool = False,
) -> Worker[None]:
    """Watch ``roots`` in a thread, posting FilesChanged/WatchFailed to ``target``.

    Call again with new roots to replace the watch; cancel the returned worker
    (or exit the app) to stop it. ``ready`` is for tests: it is set once the
    watches are in place. ``initial_rescan`` makes the first message a rescan of
    every root, for what changed before the watches were in place.
    """
    roots = list(roots)

    def run() -> None:
        from briefing.store.watch import watch_paths  # in the thread: ctypes is not free

        stop = get_current_worker().cancelled_event
        try:
            for batch in watch_paths(
                roots,
                stop,
                quiet_ms=quiet_ms,
                max_wait_ms=max_wait_ms,
                ready=ready,
                initial_rescan=initial_rescan,
            ):
                target.post_message(FilesChanged(frozenset(batch)))
        except Exception as error:  # watching is a convenience: report it, keep the app
            target.post_message(WatchFailed(f"Live reload stopped: {error}"))

    return _in_thread(target, run, "brief watcher", GROUP)


def start_article_watcher(
    target: DOMNode, changed: Callable[[], set[Path]], *, every_s: float = ARTICLE_LOOK_S
) -> Worker[None]:
    """Look at the articles the briefs cite every ``every_s`` in a thread, posting the brief
    files citing a changed one as FilesChanged to ``target`` (``changed``: the keeper's
    ``changed_articles``). The folder watcher follows brief files only, and articles
    usually live outside the library's folders."""

    def run() -> None:
        stop = get_current_worker().cancelled_event
        try:
            while not stop.wait(every_s):
                briefs = changed()
                if briefs:
                    target.post_message(FilesChanged(frozenset(("modified", p) for p in briefs)))
        except Exception as error:  # as the folder watcher: report it, keep the app
            target.post_message(WatchFailed(f"Articles no longer followed: {error}", articles=True))

    return _in_thread(target, run, "article watcher", ARTICLE_GROUP)


def _in_thread(target: DOMNode, run: Callable[[], None], name: str, group: str) -> Worker[None]:
    """A watch in a thread worker that a new one of its group replaces; its errors are
    reported by ``run`` itself, never by ending the app."""
    return target.run_worker(
        run, name=name, group=group, exclusive=True, thread=True, exit_on_error=False
    )
