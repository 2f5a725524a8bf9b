"""No full collections while a library loads (or ``briefing check`` judges one).

A load keeps every brief it makes, and CPython's cyclic collector answers a heap that
grows by whole generations with full collections, each walking every object kept so far:
about a tenth of a cold load of 10,000 briefs went to them, to find almost nothing (a
brief and its problems hold no cycles). While a load runs, only the young generations are
collected (what parsing leaves in cycles dies young and is still collected); the oldest is
looked at again once the last load running has ended.

Decoding the index's rows (a warm load) needs no collection at all: JSON lists and the
briefs built from them hold no cycles, so all they leave is freed as it is dropped, and
each young collection only walks the briefs just made (about a tenth of a warm load of
10,000 briefs). While rows are decoded (:func:`decoding`), no collection runs.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_PAUSED = 1 << 30
"""The oldest generation's threshold while loads run: never reached."""

_lock = threading.Lock()
_running = 0
_threshold = 10
"""The oldest generation's threshold before the first load running began."""
_decoding = 0
_young = 700
"""The youngest generation's threshold before the first decoding running began."""


@contextmanager
def loading() -> Iterator[None]:
    """Full collections paused for the duration; loads may overlap (the reader loads in a
    thread and reloads in another): the threshold comes back when the last one ends, as
    it was before the first one began."""
    global _running, _threshold
    with _lock:
        if _running == 0:
            young, middle, _threshold = gc.get_threshold()
            gc.set_threshold(young, middle, _PAUSED)
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                young, middle, _ = gc.get_threshold()
                gc.set_threshold(young, middle, _threshold)


def _quiet() -> None:
    global _decoding, _young
    with _lock:
        if _decoding == 0:
            _young, middle, oldest = gc.get_threshold()
            gc.set_threshold(0, middle, oldest)
        _decoding += 1


def _loud() -> None:
    global _decoding
    with _lock:
        _decoding -= 1
        if _decoding == 0:
            _, middle, oldest = gc.get_threshold()
            gc.set_threshold(_young, middle, oldest)


@contextmanager
def decoding() -> Iterator[None]:
    """No collection at all for the duration (a young threshold of 0 turns them off), for
    code that makes no cycles; like :func:`loading`, the threshold comes back when the last
    one running ends, as it was before the first one began."""
    _quiet()
    try:
        yield
    finally:
        _loud()


class Quiet:
    """:func:`decoding` for a stretch of a load decided as it goes: from :meth:`pause` (a
    batch read from the index) to :meth:`resume` (a batch that parses a file: YAML leaves
    cycles) or the end of the ``with``. Kept across batches: the briefs a batch made and
    dropped are then freed before any collection walks them (most of the gain: a batch's
    briefs outlive it, kept decoded, and a collection after each batch walks them all)."""

    def __init__(self) -> None:
        self._paused = False

    def pause(self) -> None:
        if not self._paused:
            _quiet()
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            _loud()

    def __enter__(self) -> Quiet:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.resume()
