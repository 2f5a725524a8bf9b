"""Search every brief in the library, fast enough to run on each keystroke.

What matches what (folding, word prefixes, phrases) is ``briefing.matching``. Here: several
words must all match inside the same item (one actor, one quote ...), since a hit is a place
to jump to, and hits come in library order (brief id, then the order of the file).

Speed: an inverted index maps each folded word to the sorted ids of the items holding it
(``array('I')``, 4 bytes a posting); a sorted word list turns a prefix into a range. A query
whose rarest word is not too common is answered exactly from the postings, the texts being
read only for phrases and for words whose postings were not worth intersecting. A query made
only of very common prefixes (one or two letters) matches densely, so the library is read in
order until ``limit`` hits: the count is then a lower bound (``capped``), as it is when
reading texts runs out of its few milliseconds. Folded texts are not kept (memory): an item's
text is folded again when a query needs it.

Not thread-safe: call it from one thread.
"""

from __future__ import annotations

import heapq
import time
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from briefing.matching import Query, Term, fold, parse_query, terms_of, tokens
from briefing.model import Brief
from briefing.search_items import KINDS, Hit, Hits, Kind, SearchResult, item_specs, item_text

__all__ = ["KINDS", "Hit", "Kind", "Query", "SearchIndex", "SearchResult", "fold", "parse_query"]


@dataclass(slots=True)
class _Slot:
    brief: Brief
    first: int
    """First item id of this brief's block; its items are ``first .. first + count - 1``."""
    count: int
    capacity: int


_NO_SLOT = 0xFFFFFFFF
_EXACT_MAX_POSTINGS = 60_000
"""Above this, a query's rarest word is so common that reading items in order finds
``limit`` hits sooner than collecting its postings (a set costs about 40 ns a posting)."""
_VERIFY_SECONDS = 0.005
"""How long a query may read texts (1-15 µs an item) before it settles for what it found."""
_COUNT_MAX = 2_000
"""Candidates all read for an exact count; with more, reading stops at ``limit`` hits."""
_FOLDED_KEPT = 1_000_000
"""Characters of folded text kept between keystrokes, since typing a word checks the same
candidates again: a few megabytes at most."""

_Lookup = tuple[int, int, list["array[int]"]]  # postings count, term number, postings


class SearchIndex:
    def __init__(self) -> None:
        self._postings: dict[str, array[int]] = {}
        self._words: list[str] = []  # sorted, may hold stale words; see _sync_words
        self._new_words: list[str] = []
        self._stale: set[str] = set()
        self._slots: list[_Slot | None] = []
        self._free: list[int] = []
        self._slot_of: dict[str, int] = {}
        self._item_slot = array("I")
        self._item_kind = bytearray()
        self._item_index = array("I")
        self._order: list[int] | None = None  # live slots by brief id; None when stale
        self._in_order = True  # item ids already follow library order
        self._order_key: array[int] | None = None
        self._folded: dict[int, str] = {}  # item id -> folded text, for the next keystrokes
        self._folded_size = 0

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, brief_id: object) -> bool:
        return brief_id in self._slot_of

    def set_brief(self, brief: Brief) -> None:
        """Add ``brief``, or replace the version indexed under its id."""
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
                slot.brief, slot.count = brief, len(specs)
            else:
                self._release(slot)
                slot = None
        if slot is None:
            slot = self._slots[number] = self._allocate(brief, len(specs))
            self._order = None
        for item, (kind, index, _) in enumerate(specs, slot.first):
            self._item_slot[item] = number
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
        """Sort now what the next search would: call it after loading many briefs, off the
        keystroke path (tens of milliseconds at 10,000 briefs)."""
        self._sync_words()
        self._sync_order()

    def _allocate(self, brief: Brief, count: int) -> _Slot:
        capacity = count + max(4, count // 4)  # room for an edit that adds a few items
        first = len(self._item_slot)
        self._item_slot.extend([_NO_SLOT] * capacity)
        self._item_kind.extend(bytes(capacity))
        self._item_index.frombytes(bytes(self._item_index.itemsize * capacity))
        return _Slot(brief, first, count, capacity)

    def _release(self, slot: _Slot) -> None:
        self._item_slot[slot.first : slot.first + slot.capacity] = array(
            "I", [_NO_SLOT] * slot.capacity
        )

    def _item_words(self, slot: _Slot) -> Iterator[tuple[int, set[str]]]:
        for item in range(slot.first, slot.first + slot.count):
            text = item_text(slot.brief, self._item_kind[item], self._item_index[item])
            yield item, set(tokens(fold(text)))

    def _post(self, slot: _Slot) -> None:
        postings = self._postings
        at_end = slot.first + slot.capacity == len(self._item_slot)
        for item, words in self._item_words(slot):
            for word in words.difference(postings):
                postings[word] = array("I")
                if word in self._stale:
                    self._stale.discard(word)
                else:
                    self._new_words.append(word)
            if at_end:  # the newest ids: appending keeps postings sorted
                for word in words:
                    postings[word].append(item)
            else:
                for word in words:
                    ids = postings[word]
                    ids.insert(bisect_left(ids, item), item)

    def _unpost(self, slot: _Slot) -> None:
        postings = self._postings
        for item, words in self._item_words(slot):
            for word in words:
                ids = postings[word]
                if len(ids) == 1:
                    del postings[word]
                    self._stale.add(word)
                else:
                    del ids[bisect_left(ids, item)]

    def _sync_words(self) -> None:
        if self._new_words:
            self._words += sorted(self._new_words)
            self._words.sort()  # two sorted runs: a linear merge
            self._new_words.clear()
        if len(self._stale) > len(self._words) // 8:
            self._words = [w for w in self._words if w in self._postings]
            self._stale.clear()

    def _sync_order(self) -> list[int]:
        if self._order is None:
            self._order = [number for _, number in sorted(self._slot_of.items())]
            firsts = [self._slot(n).first for n in self._order]
            self._in_order = all(a < b for a, b in pairwise(firsts))
            self._order_key = None
            if not self._in_order:
                key = array("Q", bytes(8 * len(self._item_slot)))
                for rank, number in enumerate(self._order):
                    s = self._slot(number)
                    # Over the whole capacity: an edit may grow the brief in place.
                    key[s.first : s.first + s.capacity] = array(
                        "Q", range(rank << 24, (rank << 24) + s.capacity)
                    )
                self._order_key = key
        return self._order

    def _slot(self, number: int) -> _Slot:
        slot = self._slots[number]
        assert slot is not None
        return slot

    def _lookup(self, token: str, prefix: bool) -> list[array[int]]:
        if not prefix:
            ids = self._postings.get(token)
            return [ids] if ids is not None else []
        lo = bisect_left(self._words, token)
        hi = bisect_left(self._words, token + "\U0010ffff", lo)
        return [ids for ids in map(self._postings.get, self._words[lo:hi]) if ids is not None]

    def _matches(self, item: int, terms: list[Term]) -> bool:
        folded = self._folded.get(item)
        if folded is None:
            brief = self._slot(self._item_slot[item]).brief
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
                found = self._lookup(token, term.prefix_last and k == last)
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
        refs = [
            (self._slot(self._item_slot[i]).brief, self._item_kind[i], self._item_index[i])
            for i in items
        ]
        return SearchResult(q, Hits(refs, terms), count, capped)

    def _exact(
        self, terms: list[Term], lookups: list[_Lookup], limit: int
    ) -> tuple[list[int], int, bool]:
        (_, t, found), *rest = lookups
        if not rest and len(found) == 1 and terms[t].exact and self._in_order:
            return found[0][:limit].tolist(), len(found[0]), False  # one word: already in order
        candidates: set[int] = set()
        for ids in found:
            candidates.update(ids)
        filtered = {t}
        for cost, t, found in rest:
            if cost > _EXACT_MAX_POSTINGS or len(candidates) * 100 < cost:
                break  # a common word: cheaper to look for it in the candidates' texts
            narrowed: set[int] = set()
            for ids in found:
                narrowed |= candidates.intersection(ids)
            candidates = narrowed
            filtered.add(t)
        unsure = [term for t, term in enumerate(terms) if not (term.exact and t in filtered)]
        if not unsure:
            return self._first_in_order(candidates, limit), len(candidates), False
        ordered = self._in_library_order(candidates)
        count_all = len(candidates) <= _COUNT_MAX
        return self._verify_in_order(ordered, unsure, limit, count_all=count_all)

    def _first_in_order(self, items: Collection[int], limit: int) -> list[int]:
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
