"""No full collections while a library loads (or ``briefing check`` judges one).

A load keeps every brief it makes, and CPython's cyclic collector answers a heap that
grows by whole generations with full collections, each walking every object kept so far:
about a tenth of a cold load of 10,000 briefs went to them, to find almost nothing (a
brief and its problems hold no cycles). While a load runs, only the young generations are
collected (what parsing leaves in cycles dies young and is still collected); the oldest is
looked at again once the last load running has ended.
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
