"""What each filter field of the catalog indexes, and how a value of it is looked up.

``tag:`` indexes each tag folded whole; ``outlet:`` the folded words of each outlet;
``actor:`` the folded words of each actor's name, aliases and entity. A field keeps each
value's brief numbers in ascending order and a sorted vocabulary, so a word prefix is a
range of it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Sequence

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


def actor_words(facts: BriefFacts, index: int) -> set[str]:
    actor = facts.actors[index]
    words = set(tokens(fold(actor.name)))
    for alias in actor.aliases:
        words.update(tokens(fold(alias)))
    if actor.entity:
        words.update(tokens(fold(actor.entity)))
    return words


def field_values(name: str, facts: BriefFacts) -> set[str]:
    if name == "tag":
        return {_tag_value(t) for t in facts.tags}
    if name == "outlet":
        return {w for o in facts.outlets for w in tokens(fold(o))}
    return {w for i in range(len(facts.actors)) for w in actor_words(facts, i)}


def has_all(words: Iterable[str], wanted: Sequence[str]) -> bool:
    """Every wanted word is a prefix of one of ``words``."""
    have = list(words)
    return all(any(w.startswith(p) for w in have) for p in wanted)
