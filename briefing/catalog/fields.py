"""What each filter field of the catalog indexes, and how a value of it is looked up.

``tag:`` indexes each tag folded whole (:class:`Field`: each value's brief numbers in
ascending order, and a sorted vocabulary, so a prefix is a range of it).

``actor:`` and ``outlet:`` look for words within *one* actor (its name, aliases and entity)
or one outlet, so they index :class:`Groups`: each distinct actor (or outlet) as written is
a group with the briefs holding it, and a :class:`Field` from each folded word to the groups
holding it. A filter's words are then intersected over groups, not briefs, and only the
groups that hold every word give their briefs. A library repeats its actors, so there are
far fewer groups than mentions.

``after:`` and ``before:`` read the briefs sorted by the first and by the last day of their
date's period (:class:`Periods`), so a date is a range of them.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence

from briefing.brief.dates import period
from briefing.search.matching import fold, tokens
from briefing.store.facts import BriefFacts


class Field:
    """One filterable field: value -> sorted brief numbers, and a vocabulary for prefixes."""

    __slots__ = ("_sorted", "postings")

    def __init__(self) -> None:
        self.postings: dict[str, array[int]] = {}
        self._sorted: list[str] | None = None

    def add(self, value: str, number: int) -> None:
        found = self.postings.get(value)
        if found is None:
            self.postings[value] = array("I", (number,))
            self._sorted = None
        elif not found or found[-1] < number:
            found.append(number)
        else:
            at = bisect_left(found, number)
            if at == len(found) or found[at] != number:
                insort(found, number)

    def discard(self, value: str, number: int) -> None:
        found = self.postings.get(value)
        if found is None:
            return
        at = bisect_left(found, number)
        if at < len(found) and found[at] == number:
            del found[at]
        if not found:
            del self.postings[value]
            self._sorted = None

    def starting(self, prefix: str) -> Iterator[str]:
        if self._sorted is None:
            self._sorted = sorted(self.postings)
        words = self._sorted
        for i in range(bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                return
            yield words[i]


def _tag_value(tag: str) -> str:
    return " ".join(fold(tag).split())


_PART = "\x1f"
"""Joins the texts of an actor into its group's key (never in brief text)."""


def field_values(name: str, facts: BriefFacts) -> set[str]:
    """A brief's values for a field: folded tags; or the keys of its actor or outlet groups."""
    if name == "tag":
        return {_tag_value(t) for t in facts.tags}
    if name == "outlet":
        return set(facts.outlets)
    return {_PART.join((a.name, a.entity, *a.aliases)) for a in facts.actors}


class Groups:
    """Distinct actors (or outlets), each with its briefs, and its words to find it by."""

    __slots__ = ("_free", "briefs", "ids", "words")

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.briefs: list[array[int]] = []
        self.words = Field()
        """Folded word -> the ids of the groups holding it (in place of brief numbers)."""
        self._free: list[int] = []

    def add(self, key: str, number: int) -> None:
        group = self.ids.get(key)
        if group is None:
            group = self._free.pop() if self._free else len(self.briefs)
            if group == len(self.briefs):
                self.briefs.append(array("I"))
            self.ids[key] = group
            for word in _words(key):
                self.words.add(word, group)
        numbers = self.briefs[group]
        if not numbers or numbers[-1] < number:
            numbers.append(number)
        elif number not in numbers:
            insort(numbers, number)

    def discard(self, key: str, number: int) -> None:
        group = self.ids.get(key)
        if group is None:
            return
        numbers = self.briefs[group]
        at = bisect_left(numbers, number)
        if at < len(numbers) and numbers[at] == number:
            del numbers[at]
        if not numbers:
            del self.ids[key]
            for word in _words(key):
                self.words.discard(word, group)
            self._free.append(group)

    def numbers(self, prefixes: Sequence[str]) -> list[int]:
        """The briefs holding a group with every prefix (as word prefixes)."""
        chosen: set[int] | None = None
        for prefix in prefixes:
            found = {g for w in self.words.starting(prefix) for g in self.words.postings[w]}
            chosen = found if chosen is None else chosen & found
            if not chosen:
                return []
        return [n for g in chosen or () for n in self.briefs[g]]


def _words(key: str) -> set[str]:
    return {w for part in key.split(_PART) for w in tokens(fold(part))}


class Periods:
    """Dated briefs by the first day of their period, and by the last, as day ordinals."""

    __slots__ = ("by_end", "by_start", "ends", "starts")

    def __init__(self, facts: Sequence[BriefFacts | None]) -> None:
        spans = []
        for number, item in enumerate(facts):
            if item is not None and item.date is not None:
                first, last = period(item.date)
                spans.append((number, first.toordinal(), last.toordinal()))
        spans.sort(key=lambda s: s[1])
        self.by_start, self.starts = [s[0] for s in spans], array("i", [s[1] for s in spans])
        spans.sort(key=lambda s: s[2])
        self.by_end, self.ends = [s[0] for s in spans], array("i", [s[2] for s in spans])

    def numbers(self, after: bool, date: dt.date) -> list[int]:
        """``after``: briefs whose period ends on or after the start of ``date``'s; else
        those whose period starts on or before its end. Undated briefs: neither."""
        first, last = period(date)
        if after:
            return self.by_end[bisect_left(self.ends, first.toordinal()) :]
        return self.by_start[: bisect_right(self.starts, last.toordinal())]
