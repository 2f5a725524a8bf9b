"""The inverted index behind search: each folded word -> the sorted ids of the items holding it.

Most words are rare and keep their ids in an ``array('I')``, 4 bytes an id. A few are in a
large share of every item (at 10,000 briefs, a common word can be in 40,000 of 260,000
items): once a word is in more than one item id in 32, its ids become a ``Bitmap`` over
every item id, 1 bit an id, no larger than the array it replaces. It goes back to an array
under one id in 64, where the bitmap is twice the array: the gap keeps an edit from flipping
a word to and fro.

Bitmaps also answer the queries that are costly with sets: the items holding two common
words are one ``&`` of two Python ints, not the intersection of two sets of 40,000 ids. So a
query's candidates are a ``set`` of ids while only arrays are involved, and an ``int`` whose
bit ``i`` is item ``i`` once a bitmap is (see :func:`gather` and :func:`intersect`).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, ValuesView
from typing import TypeAlias

_DENSE_MIN = 256
"""Fewest ids a bitmap holds: a small library keeps arrays, whose updates cost less."""
_NONZERO = re.compile(rb"[^\x00]+")
_BITS = tuple(tuple(k for k in range(8) if byte >> k & 1) for byte in range(256))


class Bitmap:
    """The ids of one common word: bit ``i & 7`` of byte ``i >> 3`` is item ``i``."""

    __slots__ = ("bits", "count")

    def __init__(self, ids: Iterable[int], size: int) -> None:
        bits = bytearray(size)
        count = 0
        for i in ids:
            bits[i >> 3] |= 1 << (i & 7)
            count += 1
        self.bits = bits
        self.count = count

    def __len__(self) -> int:
        return self.count

    def mask(self) -> int:
        return int.from_bytes(self.bits, "little")


Ids: TypeAlias = "array[int] | Bitmap"
Candidates: TypeAlias = "set[int] | int"
"""Item ids: a set, or an int whose bit ``i`` stands for item ``i``."""


def iter_bits(data: bytes | bytearray) -> Iterator[int]:
    """The set bits of ``data`` (little-endian), lowest first; runs of zero bytes are skipped
    by the regex engine, so a sparse bitmap costs little more than its set bits."""
    for run in _NONZERO.finditer(data):
        for j in range(run.start(), run.end()):
            base = j << 3
            for k in _BITS[data[j]]:
                yield base | k


def bits_of(ids: Iterable[int], size: int) -> int:
    bits = bytearray(size)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def size_of(candidates: Candidates) -> int:
    return candidates.bit_count() if isinstance(candidates, int) else len(candidates)


def gather(found: list[Ids], size: int) -> Candidates:
    """The ids of any of ``found`` (the words a prefix covers)."""
    sparse, dense = _split(found)
    if dense:
        return _mask(dense) | (bits_of((i for ids in sparse for i in ids), size) if sparse else 0)
    union: set[int] = set()
    for ids in sparse:
        union.update(ids)
    return union


def _split(found: list[Ids]) -> tuple[list[array[int]], list[Bitmap]]:
    sparse = [ids for ids in found if not isinstance(ids, Bitmap)]
    return sparse, [ids for ids in found if isinstance(ids, Bitmap)]


def _mask(dense: list[Bitmap]) -> int:
    mask = 0
    for bitmap in dense:
        mask |= bitmap.mask()
    return mask


def intersect_cost(candidates: Candidates, found: list[Ids], size: int) -> int:
    """What :func:`intersect` costs, in ids intersected with a set (the unit of cost)."""
    sparse, dense = _split(found)
    postings = sum(map(len, sparse))
    if isinstance(candidates, int):  # a posting tested in Python; an int made of each bitmap
        return 4 * postings + len(dense) * (size >> 5)
    if len(dense) < 2:  # each candidate tested in Python
        return postings + 4 * len(candidates) * len(dense)
    return postings + 4 * len(candidates) + len(dense) * (size >> 5)


def intersect(candidates: Candidates, found: list[Ids], size: int) -> Candidates:
    """The ``candidates`` in any of ``found``."""
    sparse, dense = _split(found)
    if isinstance(candidates, set):
        kept: set[int] = set()
        for ids in sparse:
            kept |= candidates.intersection(ids)
        if len(dense) > 1:  # one int for the candidates beats testing them for each bitmap
            return bits_of(candidates, size) & _mask(dense) | bits_of(kept, size)
        for bitmap in dense:
            bits = bitmap.bits
            kept.update([c for c in candidates if bits[c >> 3] >> (c & 7) & 1])
        return kept
    hits: list[int] = []
    if sparse:  # a few ids: test each against the candidates' bits
        data = candidates.to_bytes(size, "little")
        hits = [i for ids in sparse for i in ids if data[i >> 3] >> (i & 7) & 1]
        if not dense:
            return set(hits)
    return candidates & _mask(dense) | (bits_of(hits, size) if hits else 0)


class Postings:
    """Folded word -> ids of the items holding it, ascending; and the words, sorted."""

    def __init__(self) -> None:
        self._ids: dict[str, Ids] = {}
        self._dense: dict[str, Bitmap] = {}
        self._words: list[str] = []  # sorted, may hold stale words; see sync
        self._new_words: list[str] = []
        self._stale: set[str] = set()
        self.size = 0
        """Bytes of every bitmap: one bit for each item id handed out."""
        self._swept = 0

    def __len__(self) -> int:
        return len(self._ids)

    def get(self, word: str) -> Ids | None:
        return self._ids.get(word)

    def values(self) -> ValuesView[Ids]:
        return self._ids.values()

    def grow(self, span: int) -> None:
        """Make room for item ids below ``span``."""
        size = (span + 7) >> 3
        if size <= self.size:
            return
        pad = bytes(size - self.size)
        for bitmap in self._dense.values():
            bitmap.bits += pad
        self.size = size
        if size > self._swept + (self._swept >> 3):  # now and then, not on every brief
            self._swept = size
            self._thin_out()

    def add(self, items: Iterable[tuple[int, set[str]]], at_end: bool) -> None:
        """Post each item under its words; ``at_end``: the items are the highest ids yet."""
        ids_of = self._ids
        dense_at = max(_DENSE_MIN, self.size >> 2)  # one item id in 32
        for item, words in items:
            for word in words.difference(ids_of):
                ids_of[word] = array("I")
                if word in self._stale:
                    self._stale.discard(word)
                else:
                    self._new_words.append(word)
            byte, bit = item >> 3, 1 << (item & 7)
            for word in words:
                ids = ids_of[word]
                if isinstance(ids, Bitmap):
                    ids.bits[byte] |= bit
                    ids.count += 1
                    continue
                if at_end:
                    ids.append(item)
                else:
                    ids.insert(bisect_left(ids, item), item)
                if len(ids) > dense_at:
                    ids_of[word] = self._dense[word] = Bitmap(ids, self.size)

    def discard(self, items: Iterable[tuple[int, set[str]]]) -> None:
        ids_of = self._ids
        for item, words in items:
            byte, keep = item >> 3, ~(1 << (item & 7)) & 0xFF
            for word in words:
                ids = ids_of[word]
                if len(ids) == 1:
                    del ids_of[word]
                    self._dense.pop(word, None)
                    self._stale.add(word)
                elif isinstance(ids, Bitmap):
                    ids.bits[byte] &= keep
                    ids.count -= 1
                else:
                    del ids[bisect_left(ids, item)]
        self._thin_out()

    def _thin_out(self) -> None:
        """Back to arrays for the bitmaps now under one item id in 64."""
        sparse_at = max(_DENSE_MIN // 2, self.size >> 3)
        for word, bitmap in list(self._dense.items()):
            if bitmap.count < sparse_at:
                self._ids[word] = array("I", iter_bits(bitmap.bits))
                del self._dense[word]

    def sync(self) -> None:
        """Sort the words added since the last call: before a lookup."""
        if self._new_words:
            self._words += sorted(self._new_words)
            self._words.sort()  # two sorted runs: a linear merge
            self._new_words.clear()
        if len(self._stale) > len(self._words) // 8:
            self._words = [w for w in self._words if w in self._ids]
            self._stale.clear()

    def lookup(self, token: str, prefix: bool) -> list[Ids]:
        """The ids of ``token``, or of every word it starts (``prefix``); after :meth:`sync`."""
        if not prefix:
            ids = self._ids.get(token)
            return [ids] if ids is not None else []
        lo = bisect_left(self._words, token)
        hi = bisect_left(self._words, token + "\U0010ffff", lo)
        return [ids for ids in map(self._ids.get, self._words[lo:hi]) if ids is not None]
