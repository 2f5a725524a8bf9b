"""When CPython's cyclic collector runs: every policy the reader and the commands set, here.

At start-up (:func:`imports_kept`, :func:`until_first_frame`, :func:`first_frame_out`,
:func:`keep_all`): importing Textual builds about 100,000 objects that live as long as
the process, and the collector would scan them again and again while they are built, then
answered the first frame's allocations with a full collection in the middle of it. So it
is off until the first frame is out, and what lives for good is frozen out of its sight.

No full collections while a library loads (or ``briefing check`` judges one).

A load keeps every brief it makes, and CPython's cyclic collector answers a heap that
grows by whole generations with full collections, each walking every object kept so far:
about a tenth of a cold load of 10,000 briefs went to them, to find almost nothing (a
brief and its problems hold no cycles). While a load runs, only the young generations are
collected (what parsing leaves in cycles dies young and is still collected); the oldest is
looked at again once the last load running has ended.

Decoding the index's rows (a warm load) needs no collection at all: the lists of a row and
the briefs built from them hold no cycles, so all they leave is freed as it is dropped, and
each young collection only walks the briefs just made (about a tenth of a warm load of
10,000 briefs). While rows are decoded (:func:`decoding`), no collection runs, and a load
that ends decoding rows keeps what it made frozen (:meth:`Quiet.keep`), as the reader
would once it has the library.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def imports_kept() -> Iterator[None]:
    """No collection while the block imports, then everything it built frozen: modules live
    as long as the process. The collector is left as it was found."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def until_first_frame() -> None:
    """Freeze what start-up built so far and stop collecting until :func:`first_frame_out`."""
    gc.freeze()
    gc.disable()


def first_frame_out() -> None:
    """Collect again (the first frame is drawn, or the app ended without one)."""
    gc.enable()


def keep_all() -> None:
    """Freeze everything alive now: the loaded library lives until it is reloaded, and out
    of the collector's sight a full collection never lands in a keystroke."""
    gc.freeze()


_PAUSED = 1 << 30
"""The oldest generation's threshold while loads run: never reached."""

_lock = threading.Lock()


class _Held:
    """One generation's threshold held at ``value`` while anything holds it. Holders may
    overlap (the reader loads in a thread and reloads in another): the threshold comes back
    when the last one lets go, as it was before the first one took hold."""

    def __init__(self, generation: int, value: int) -> None:
        self.generation = generation
        self.value = value
        self.holders = 0
        self.before = 0

    def _set(self, value: int) -> int:
        """Set this generation's threshold; the one it replaces."""
        thresholds = list(gc.get_threshold())
        thresholds[self.generation], old = value, thresholds[self.generation]
        gc.set_threshold(*thresholds)
        return old

    def take(self) -> None:
        with _lock:
            if self.holders == 0:
                self.before = self._set(self.value)
            self.holders += 1

    def let_go(self) -> None:
        with _lock:
            self.holders -= 1
            if self.holders == 0:
                self._set(self.before)


_FULL = _Held(2, _PAUSED)
"""Full collections paused (:func:`loading`)."""
_ALL = _Held(0, 0)
"""Every collection off: a young threshold of 0 (:func:`decoding`, :class:`Quiet`)."""


@contextmanager
def loading() -> Iterator[None]:
    """Full collections paused for the duration (loads may overlap: see ``_Held``)."""
    _FULL.take()
    try:
        yield
    finally:
        _FULL.let_go()


@contextmanager
def decoding() -> Iterator[None]:
    """No collection at all for the duration, for code that makes no cycles; like
    :func:`loading`, overlapping ones restore the threshold when the last one ends."""
    _ALL.take()
    try:
        yield
    finally:
        _ALL.let_go()


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
            _ALL.take()
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            _ALL.let_go()

    def __enter__(self) -> Quiet:
        return self

    def keep(self) -> None:
        """End the stretch as a load that ran to its end, its briefs to live on: if it is
        quiet, everything alive is frozen first (:func:`keep_all`). A quiet stretch made no
        cycles, so the collection its end would start walks every entry and row the load
        kept, to find nothing. After a parse (not quiet) the collector runs as before."""
        if self._paused:
            keep_all()
        self.resume()

    def __exit__(self, *_exc: object) -> None:
        self.resume()
