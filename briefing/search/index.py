"""Search every brief in the library, fast enough to run on each keystroke.

What matches what (folding, word prefixes, phrases) is ``briefing.search.matching``. Here: several
words must all match inside the same item (one actor, one quote ...), since a hit is a place
to jump to, and hits come in library order (brief id, then the order of the file).

Speed: an inverted index (``briefing.search.postings``) maps each folded word to the ids of the
items holding it, an array for most words and a bitmap for the few in a large share of items;
a sorted word list turns a prefix into a range. A query whose rarest word is not too common is
answered exactly from the postings, the texts being read only for phrases and for words whose
postings were not worth intersecting. A query made only of very common prefixes (one or two
letters) matches densely, so the library is read in order until ``limit`` hits: the count is
then a lower bound (``capped``), as it is when reading texts runs out of its few milliseconds.

Memory: item ids are handed out in blocks, one per brief, with room to grow; an item keeps
only its kind and index (3 bytes at most), its brief being found from its block. Folded
texts are not kept: an item's text is folded again when a query needs it.

Not thread-safe: call it from one thread.
"""

from __future__ import annotations

import heapq
import time
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, pairwise

from briefing.search.items import (
    KINDS,
    Held,
    Hit,
    Hits,
    Kind,
    SearchResult,
    item_specs,
    item_text,
    whole,
)
from briefing.search.matching import Query, Term, fold, parse_query, terms_of, tokens
from briefing.search.postings import (
    Bitmap,
    Candidates,
    Ids,
    Postings,
    gather,
    intersect,
    intersect_cost,
    iter_bits,
    size_of,
)

__all__ = ["KINDS", "Hit", "Kind", "Query", "SearchIndex", "SearchResult", "fold", "parse_query"]


@dataclass(slots=True)
class _Slot:
    held: Held
    """The brief, decoded or packed (``briefing.store.packed``): read when a query needs its
    texts, so an index of thousands holds them compactly."""
    first: int
    """First item id of this brief's block; its items are ``first .. first + count - 1``."""
    count: int
    capacity: int


_NO_SLOT = 0xFFFFFFFF
_EXACT_MAX_POSTINGS = 60_000
"""Above this, a query's rarest word is so common that reading items in order finds
``limit`` hits sooner than collecting its postings into a set."""
_VERIFY_SECONDS = 0.005
"""How long a query may read texts before it settles for what it found: a keystroke's share
of a frame."""
_COUNT_MAX = 2_000
"""Candidates all read for an exact count; with more, reading stops at ``limit`` hits."""
_SORT_MAX = 8_192
"""Out of library order, candidates up to this many are sorted; more are found by walking
the briefs in order, which reaches ``limit`` hits soon among so many."""
_FOLDED_KEPT = 1_000_000
"""Characters of folded text kept between keystrokes, since typing a word checks the same
candidates again: a few megabytes at most."""

_Lookup = tuple[int, int, list[Ids]]  # postings count, term number, postings


class SearchIndex:
    def __init__(self) -> None:
        self._postings = Postings()
        self._slots: list[_Slot | None] = []
        self._free: list[int] = []
        self._slot_of: dict[str, int] = {}
        self._block_first = array("I")  # first item id of each block handed out, ascending
        self._block_slot = array("I")  # the slot holding it (_NO_SLOT once released)
        self._item_kind = bytearray()
        self._item_index = array("B")  # widened when a brief has more items of a kind
        self._order: list[int] | None = None  # live slots by brief id; None when stale
        self._in_order = True  # item ids already follow library order
        self._order_key: array[int] | None = None
        self._folded: dict[int, str] = {}  # item id -> folded text, for the next keystrokes
        self._folded_size = 0

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, brief_id: object) -> bool:
        return brief_id in self._slot_of

    def set_brief(self, held: Held) -> None:
        """Add a brief (decoded, or packed: kept so, and decoded when its texts are read), or
        replace the version indexed under its id."""
        brief = whole(held)
        specs = item_specs(brief)
        self._forget_folded()  # item ids may now hold other texts
        number = self._slot_of.get(brief.id)
        if number is None:
            number = self._free.pop() if self._free else len(self._slots)
            if number == len(self._slots):
                self._slots.append(None)
            self._slot_of[brief.id] = number
        slot = self._slots[number]
        if slot is not None:
            self._unpost(slot)
            if len(specs) <= slot.capacity:  # same ids: the library order holds
                slot.held, slot.count = held, len(specs)
            else:
                self._release(slot)
                slot = None
        if slot is None:
            slot = self._slots[number] = self._allocate(held, len(specs), number)
            self._order = None
        self._widen(max(index for _, index, _ in specs))
        for item, (kind, index, _) in enumerate(specs, slot.first):
            self._item_kind[item] = kind
            self._item_index[item] = index
        self._post(slot)

    def remove(self, brief_id: str) -> None:
        number = self._slot_of.pop(brief_id, None)
        if number is None:
            return
        self._forget_folded()
        slot = self._slot(number)
        self._unpost(slot)
        self._release(slot)
        self._slots[number] = None
        self._free.append(number)
        self._order = None

    def prepare(self) -> None:
        """Sort now what the next search would: call it after loading many briefs, so the
        sorting is not done in the user's first keystroke."""
        self._postings.sync()
        self._sync_order()

    def _allocate(self, held: Held, count: int, number: int) -> _Slot:
        capacity = count + max(4, count // 4)  # room for an edit that adds a few items
        first = len(self._item_kind)
        self._block_first.append(first)
        self._block_slot.append(number)
        self._item_kind.extend(bytes(capacity))
        self._item_index.frombytes(bytes(self._item_index.itemsize * capacity))
        self._postings.grow(len(self._item_kind))
        return _Slot(held, first, count, capacity)

    def _release(self, slot: _Slot) -> None:
        """Its ids are never posted again; marked, so a stale one cannot name the brief that
        reuses the slot number."""
        self._block_slot[bisect_left(self._block_first, slot.first)] = _NO_SLOT

    def _widen(self, index: int) -> None:
        if index >> (8 * self._item_index.itemsize):
            self._item_index = array("H" if index <= 0xFFFF else "I", self._item_index)

    def _held_of(self, item: int) -> Held:
        return self._slot(self._block_slot[bisect_right(self._block_first, item) - 1]).held

    def _item_words(self, slot: _Slot) -> Iterator[tuple[int, set[str]]]:
        brief = whole(slot.held)
        for item in range(slot.first, slot.first + slot.count):
            text = item_text(brief, self._item_kind[item], self._item_index[item])
            yield item, set(tokens(fold(text)))

    def _post(self, slot: _Slot) -> None:
        at_end = slot.first + slot.capacity == len(self._item_kind)
        self._postings.add(self._item_words(slot), at_end)

    def _unpost(self, slot: _Slot) -> None:
        self._postings.discard(self._item_words(slot))

    def _sync_order(self) -> list[int]:
        if self._order is None:
            self._order = [number for _, number in sorted(self._slot_of.items())]
            firsts = [self._slot(n).first for n in self._order]
            self._in_order = all(a < b for a, b in pairwise(firsts))
            self._order_key = None
            if not self._in_order:  # each item id -> its place in library order
                key = array("I", bytes(4 * len(self._item_kind)))
                place = 0
                for s in map(self._slot, self._order):
                    # Over the whole capacity: an edit may grow the brief in place.
                    key[s.first : s.first + s.capacity] = array(
                        "I", range(place, place + s.capacity)
                    )
                    place += s.capacity
                self._order_key = key
        return self._order

    def _slot(self, number: int) -> _Slot:
        slot = self._slots[number]
        assert slot is not None
        return slot

    def _matches(self, item: int, terms: list[Term]) -> bool:
        folded = self._folded.get(item)
        if folded is None:
            brief = whole(self._held_of(item))
            folded = fold(item_text(brief, self._item_kind[item], self._item_index[item]))
            if self._folded_size > _FOLDED_KEPT:
                self._forget_folded()
            self._folded[item] = folded
            self._folded_size += len(folded)
        return all(term.search(folded) for term in terms)

    def _forget_folded(self) -> None:
        self._folded.clear()
        self._folded_size = 0

    def _in_library_order(self, items: Iterable[int]) -> list[int]:
        if self._in_order:
            return sorted(items)
        assert self._order_key is not None
        return sorted(items, key=self._order_key.__getitem__)

    def _ordered(self, candidates: Candidates) -> Iterable[int]:
        if isinstance(candidates, set):
            return self._in_library_order(candidates)
        data = candidates.to_bytes(self._postings.size, "little")
        if self._in_order:
            return iter_bits(data)
        if candidates.bit_count() <= _SORT_MAX:
            return self._in_library_order(iter_bits(data))
        return self._walk_in_order(data)

    def _walk_in_order(self, data: bytes) -> Iterator[int]:
        """The set bits of ``data``, brief by brief in library order."""
        for slot in map(self._slot, self._sync_order()):
            first, count = slot.first, slot.count
            bits = int.from_bytes(data[first >> 3 : (first + count + 7) >> 3], "little")
            bits = bits >> (first & 7) & ((1 << count) - 1)
            while bits:
                low = bits & -bits
                yield first + low.bit_length() - 1
                bits ^= low

    def search(self, query: str | Query, limit: int = 200) -> SearchResult:
        """Items matching every word and phrase of ``query``, the first ``limit`` listed."""
        q = parse_query(query) if isinstance(query, str) else query
        terms = terms_of(q)
        if not terms or not self._slot_of:
            return SearchResult(q, (), 0)
        self.prepare()
        lookups: list[_Lookup] = []
        for t, term in enumerate(terms):
            last = len(term.tokens) - 1
            for k, token in enumerate(term.tokens):
                found = self._postings.lookup(token, term.prefix_last and k == last)
                cost = sum(map(len, found))
                if not cost:
                    return SearchResult(q, (), 0)
                lookups.append((cost, t, found))
        lookups.sort(key=lambda x: x[0])
        limit = max(limit, 0)
        if lookups[0][0] > _EXACT_MAX_POSTINGS:
            items, count, capped = self._scan(terms, limit)
        else:
            items, count, capped = self._exact(terms, lookups, limit)
        return SearchResult(q, Hits(self._refs(items), terms), count, capped)

    def briefs_matching(self, query: Query) -> set[str]:
        """The ids of every brief where one item matches every word and phrase of
        ``query``: all of them, however common the words (the briefs a ``-word`` leaves
        out). The postings decide, the texts being read only for phrases and the like."""
        terms = terms_of(query)
        if not terms or not self._slot_of:
            return set()
        self.prepare()
        size = self._postings.size
        candidates: Candidates | None = None
        for term in terms:
            last = len(term.tokens) - 1
            for k, token in enumerate(term.tokens):
                found = self._postings.lookup(token, term.prefix_last and k == last)
                if not found:
                    return set()
                if candidates is None:
                    candidates = gather(found, size)
                else:
                    candidates = intersect(candidates, found, size)
        if not candidates:
            return set()
        unsure = [term for term in terms if not term.exact]
        briefs: set[str] = set()
        if isinstance(candidates, set):
            for item in candidates:
                brief = self._held_of(item)
                if brief.id not in briefs and (not unsure or self._matches(item, unsure)):
                    briefs.add(brief.id)
            return briefs
        data = candidates.to_bytes(size, "little")
        for slot in map(self._slot, self._slot_of.values()):
            first, count = slot.first, slot.count
            bits = int.from_bytes(data[first >> 3 : (first + count + 7) >> 3], "little")
            bits = bits >> (first & 7) & ((1 << count) - 1)
            while bits:
                low = bits & -bits
                if not unsure or self._matches(first + low.bit_length() - 1, unsure):
                    briefs.add(slot.held.id)
                    break
                bits ^= low
        return briefs

    def _refs(self, items: list[int]) -> list[tuple[Held, int, int]]:
        refs: list[tuple[Held, int, int]] = []
        start = end = 0  # the block of the last item: hits come in runs from one brief
        for i in items:
            if not start <= i < end:
                slot = self._slot(self._block_slot[bisect_right(self._block_first, i) - 1])
                brief, start, end = slot.held, slot.first, slot.first + slot.count
            refs.append((brief, self._item_kind[i], self._item_index[i]))
        return refs

    def _exact(
        self, terms: list[Term], lookups: list[_Lookup], limit: int
    ) -> tuple[list[int], int, bool]:
        (_, t, found), *rest = lookups
        if not rest and len(found) == 1 and terms[t].exact and self._in_order:
            ids = found[0]  # one word: already in order
            if isinstance(ids, Bitmap):
                return list(islice(iter_bits(ids.bits), limit)), len(ids), False
            return ids[:limit].tolist(), len(ids), False
        size = self._postings.size
        candidates = gather(found, size)
        filtered = {t}
        for postings, t, found in rest:
            # ``postings`` is what intersecting arrays would cost: a word that arrays alone
            # would have intersected is never left to the texts.
            cost = min(postings, intersect_cost(candidates, found, size))
            if cost > _EXACT_MAX_POSTINGS or size_of(candidates) * 100 < cost:
                continue  # a common word: cheaper to look for it in the candidates' texts
            candidates = intersect(candidates, found, size)
            filtered.add(t)
        count = size_of(candidates)
        unsure = [term for t, term in enumerate(terms) if not (term.exact and t in filtered)]
        if not unsure or not count:
            return self._first_in_order(candidates, limit), count, False
        return self._verify_in_order(
            self._ordered(candidates), unsure, limit, count_all=count <= _COUNT_MAX
        )

    def _first_in_order(self, items: Candidates, limit: int) -> list[int]:
        if isinstance(items, int):
            return list(islice(self._ordered(items), limit))
        if len(items) > 4 * limit and self._in_order:
            return heapq.nsmallest(limit, items)
        return self._in_library_order(items)[:limit]

    def _scan(self, terms: list[Term], limit: int) -> tuple[list[int], int, bool]:
        """Every term is a very common prefix: read the library in order."""
        items = (
            item
            for slot in map(self._slot, self._sync_order())
            for item in range(slot.first, slot.first + slot.count)
        )
        return self._verify_in_order(items, terms, limit, count_all=False)

    def _verify_in_order(
        self, items: Iterable[int], terms: list[Term], limit: int, *, count_all: bool
    ) -> tuple[list[int], int, bool]:
        """Read ``items`` until every one is checked, ``limit`` match (unless ``count_all``)
        or the time budget is spent: the count is then a lower bound."""
        hits: list[int] = []
        count = 0
        deadline = time.perf_counter() + _VERIFY_SECONDS
        for n, item in enumerate(items):
            if (count == limit and not count_all) or (
                n & 31 == 31 and time.perf_counter() > deadline
            ):
                return hits, count, True
            if self._matches(item, terms):
                count += 1
                if len(hits) < limit:
                    hits.append(item)
        return hits, count, False
