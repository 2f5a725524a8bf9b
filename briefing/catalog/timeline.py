"""One timeline for the library: every timeline entry of the selected briefs, in date order.

:func:`library_timeline` ``(catalog, selection)`` returns a :class:`LibraryTimeline`, a
sequence of :class:`TimelineLine` (each with its brief's id and title, and its index and
line in the brief, for jumping to it), grouped by month (:meth:`LibraryTimeline.months`).

Order: by date (a month or a year before the days of its period), then by brief id, then
as the brief lists them. The whole library's order is computed once per catalog version
(one int per entry, sorted); a selection then filters it, and lines are made only when
read, so a first screen does not wait for the whole library's lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from briefing.brief.dates import date_key, month_label
from briefing.catalog.selection import Catalog, Selection
from briefing.store.facts import TimelineItem, timeline_items

_INDEX_BITS = 20
_RANK_BITS = 24


@dataclass(frozen=True, slots=True)
class TimelineLine:
    date: dt.date
    event: str
    source: str
    """The label of the source reporting it, or ``""``."""
    brief_id: str
    title: str
    """The title of its brief."""
    index: int
    """Its place in its brief's ``timeline``."""
    line: int
    """Its line in the brief file."""


@dataclass(frozen=True, slots=True)
class Month:
    """A run of lines sharing a month (or a year, for entries dated by the year alone)."""

    label: str
    start: int
    count: int


def _items(catalog: Catalog, number: int) -> tuple[TimelineItem, ...]:
    facts = catalog.at(number)
    if facts.timeline is not None:
        return facts.timeline
    brief = catalog.brief(facts.id)
    return timeline_items(brief) if brief is not None else ()


def _library_order(catalog: Catalog) -> tuple[list[int], list[int]]:
    """Every entry of the catalog as one sortable int (date, brief rank, index), sorted;
    and the brief number of each rank."""
    catalog.prepare("timeline")
    by_rank = [catalog.number(i) for i in catalog.order("id")]
    numbers = [n for n in by_rank if n is not None]
    keys = []
    shift = _RANK_BITS + _INDEX_BITS
    for rank, number in enumerate(numbers):
        dates = _dates(catalog, number)
        base = rank << _INDEX_BITS
        keys += [(date_key(d) << shift) | base | i for i, d in enumerate(dates[: 1 << _INDEX_BITS])]
    keys.sort()
    return keys, numbers


def _dates(catalog: Catalog, number: int) -> list[dt.date]:
    """The dates of a brief's timeline entries, without making the entries themselves (at
    40,000 entries that is most of the time of the first opening)."""
    facts = catalog.at(number)
    if facts.timeline is not None:
        return [item.date for item in facts.timeline]
    noted = catalog.timeline_dates(facts)
    if noted is not None:
        return list(noted)
    brief = catalog.brief(facts.id)
    return [entry.date for entry in brief.timeline] if brief is not None else []


class LibraryTimeline(Sequence[TimelineLine]):
    def __init__(self, catalog: Catalog, selection: Selection | None = None) -> None:
        self._catalog = catalog
        keys, self._numbers = catalog.derived("timeline", lambda: _library_order(catalog))
        rank_mask = (1 << _RANK_BITS) - 1
        if selection is None:
            self._keys = keys
        else:
            bits = selection.mask.to_bytes((max(self._numbers, default=0) >> 3) + 1, "little")
            chosen = bytes(bits[n >> 3] >> (n & 7) & 1 for n in self._numbers)  # by rank
            self._keys = [k for k in keys if chosen[(k >> _INDEX_BITS) & rank_mask]]
        self._rank_mask = rank_mask

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, i: int) -> TimelineLine: ...
    @overload
    def __getitem__(self, i: slice) -> list[TimelineLine]: ...
    def __getitem__(self, i: int | slice) -> TimelineLine | list[TimelineLine]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        key = self._keys[i]
        number = self._numbers[(key >> _INDEX_BITS) & self._rank_mask]
        index = key & ((1 << _INDEX_BITS) - 1)
        facts = self._catalog.at(number)
        item = _items(self._catalog, number)[index]
        return TimelineLine(
            item.date, item.event, item.source, facts.id, facts.title, index, item.line
        )

    def lines(self, start: int = 0, stop: int | None = None) -> Iterator[TimelineLine]:
        """The lines from ``start`` to ``stop``, made as they are read (what printing a long
        timeline wants: each brief's entries are looked up once per run of them)."""
        catalog, numbers, rank_mask = self._catalog, self._numbers, self._rank_mask
        index_mask = (1 << _INDEX_BITS) - 1
        last, facts = -1, None
        items: tuple[TimelineItem, ...] = ()
        for key in self._keys[start:stop]:
            number = numbers[(key >> _INDEX_BITS) & rank_mask]
            if number != last:
                last, facts, items = number, catalog.at(number), _items(catalog, number)
            assert facts is not None
            item = items[key & index_mask]
            yield TimelineLine(
                item.date, item.event, item.source, facts.id, facts.title, item.index, item.line
            )

    def months(self) -> list[Month]:
        """The lines grouped by month, in order: ``March 2024`` holds the entries dated in
        March 2024 and ``2024-03`` itself; ``2024`` those dated by the year alone."""
        groups: list[Month] = []
        if not self._keys:
            return groups
        last = -1
        for position, key in enumerate(self._keys):
            month = (key >> (_RANK_BITS + _INDEX_BITS)) // 100
            if month != last:
                groups.append(Month(month_label(self[position].date), position, 0))
                last = month
        ends = [g.start for g in groups[1:]] + [len(self._keys)]
        return [Month(g.label, g.start, end - g.start) for g, end in zip(groups, ends, strict=True)]


def library_timeline(catalog: Catalog, selection: Selection | None = None) -> LibraryTimeline:
    """Every timeline entry of ``selection`` (default: the whole catalog), in date order."""
    return LibraryTimeline(catalog, selection)
