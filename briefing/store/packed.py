"""A brief held as the index stores it, decoded when it is read.

A library holds every brief it loaded, and the reader shows one at a time: decoded, the
briefs of a large library are most of the reader's memory (their strings, records and
tuples), while compressed as the index stores them (``briefing.store.rows.encode_payload``)
they take about a quarter of that, and were made anyway, by the index or the helper that
parsed the file. So a library entry holds a :class:`Packed` and decodes it when asked for
the brief: a fraction of a millisecond, for a key answered within a frame. The briefs
decoded last are kept (:data:`KEPT`), so what is on screen, what the search just read, and
a batch just loaded and not yet indexed are not decoded again.

Holding the bytes rather than a reference into the index keeps a brief's last good version
whatever happens on disk: the file may break, the index row be replaced by another
process or the cache deleted, and the brief read from here is the one loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from briefing.brief.model import Brief
from briefing.store.codec import decode_brief
from briefing.store.rows import unpack_payload

if TYPE_CHECKING:
    from pathlib import Path

KEPT = 512
"""Briefs kept decoded, the last decoded or loaded: more than the reader's loading worker
may have loaded and the search index not yet taken in (``briefing.ui.keeper.AHEAD_MAX``
and a lookup batch), so indexing a brief just loaded never decodes it again; about 3 MB of
briefs of the benchmarks' size."""

_recent: OrderedDict[Packed, Brief] = OrderedDict()
_lock = threading.Lock()
"""The library is loaded in a worker thread while the UI thread reads briefs."""
decoded = 0
"""Briefs decoded from their payload so far (not counting loads): what tests and
measurements of the cache read."""


class Packed:
    """One brief as stored: its payload (bytes), with the id and path it is read under, and
    its title and date, which every row of the brief list shows (not worth decoding it for).

    Never changed once made: a search index or a catalog may hold it, and a reload makes a
    new one, so what they hold stays the version they indexed.
    """

    __slots__ = ("cited", "data", "date", "id", "path", "title")

    def __init__(
        self,
        data: bytes,
        ident: str,
        path: Path,
        title: str,
        date: dt.date | None,
        cited: tuple[tuple[str, int], ...],
    ) -> None:
        """The payload ``data`` of the brief whose list fields are these: from the brief
        itself (:meth:`holding`), or as the process that parsed it found them
        (``briefing.store.parallel``), held without being decoded here."""
        self.data = data
        self.id = ident
        self.path = path
        self.title = title
        self.date = date
        self.cited = cited

    @classmethod
    def holding(cls, data: bytes, brief: Brief) -> Packed:
        """``brief``, whose payload is ``data``."""
        return cls(data, brief.id, brief.path, brief.title, brief.date, cited_of(brief))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Packed:
            return NotImplemented
        assert isinstance(other, Packed)
        return self.data == other.data and self.id == other.id and self.path == other.path

    def __hash__(self) -> int:
        return hash((self.data, self.id))

    def __repr__(self) -> str:
        return f"Packed({self.id!r}, {len(self.data)} bytes)"

    def brief(self) -> Brief:
        """The brief, decoded now unless it was read lately."""
        with _lock:
            brief = _recent.get(self)
            if brief is not None:
                # Not moved to the end: the briefs just loaded and not yet indexed must not be
                # pushed out by those read while indexing (first in, first out).
                return brief
        global decoded
        brief = decode_brief(unpack_payload(self.data)[1], self.id, self.path)
        with _lock:
            decoded += 1
        self.keep(brief)
        return brief

    def keep(self, brief: Brief) -> None:
        """Remember ``brief`` (this payload decoded), the last of those kept."""
        with _lock:
            _recent[self] = brief
            _recent.move_to_end(self)
            while len(_recent) > KEPT:
                _recent.popitem(last=False)

    def moved(self, ident: str) -> Packed:
        """The same brief under another id (a file whose id changed)."""
        return Packed.holding(self.data, self.brief().replace(id=ident))


def cited_of(brief: Brief) -> tuple[tuple[str, int], ...]:
    """The articles a brief's sources name (absolute paths), each with its source's line:
    what the reader looks at for changes (``briefing.store.cited``), after every load."""
    if not any(source.path is not None for source in brief.sources):
        return ()
    return tuple(
        (sys.intern(os.path.abspath(source.path)), source.line)
        for source in brief.sources
        if source.path is not None
    )


def forget() -> None:
    """Drop every brief kept decoded (for tests, and measurements of memory)."""
    with _lock:
        _recent.clear()


def kept() -> int:
    """How many briefs are kept decoded now."""
    with _lock:
        return len(_recent)
