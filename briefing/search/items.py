"""The searchable items of a brief, and the hits a search makes of them.

An item is what a hit jumps to: the title, the summary, one tag, source, actor, quote, open
question, timeline entry or discrepancy. Its fields are searched as one text, joined by a
separator no phrase can cross.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Protocol, overload

from briefing.brief.model import Brief
from briefing.brief.records import Record
from briefing.search.matching import (
    SEPARATOR,
    SNIPPET_BEFORE,
    SNIPPET_WIDTH,
    Folded,
    Query,
    Term,
    fold,
    snippet,
)


class Kind(StrEnum):
    """What a searchable item is: a hit's ``kind``."""

    TITLE = "title"
    SUMMARY = "summary"
    ACTOR = "actor"
    QUOTE = "quote"
    QUESTION = "question"
    TIMELINE = "timeline"
    DISCREPANCY = "discrepancy"
    SOURCE = "source"
    TAG = "tag"


KINDS: tuple[Kind, ...] = tuple(Kind)
# The index stores an item's kind in one byte, as its place in KINDS; these name those codes.
TITLE, SUMMARY, ACTOR, QUOTE, QUESTION, TIMELINE, DISCREPANCY, SOURCE, TAG = range(len(KINDS))


class Hit(Record):
    __slots__ = ("brief_id", "index", "kind", "label", "line", "snippet", "spans")
    brief_id: str
    kind: Kind
    index: int
    """Index of the item in its tuple on the Brief (0 for title and summary)."""
    label: str
    snippet: str
    """A one-line window of the original text around the first match."""
    spans: tuple[tuple[int, int], ...]
    """Every match inside ``snippet`` (overlaps merged), for highlighting."""
    line: int

    def __init__(
        self,
        brief_id: str,
        kind: Kind,
        index: int,
        label: str,
        snippet: str,
        spans: tuple[tuple[int, int], ...],
        line: int,
    ) -> None:
        self.brief_id = brief_id
        self.kind = kind
        self.index = index
        self.label = label
        self.snippet = snippet
        self.spans = spans
        self.line = line


class SearchResult(Record):
    __slots__ = ("capped", "count", "hits", "query")
    query: Query
    hits: Sequence[Hit]
    """The first ``limit`` in library order; each built when first read."""
    count: int
    """Matching items; with ``capped`` only a lower bound (show it as "200+")."""
    capped: bool

    def __init__(self, query: Query, hits: Sequence[Hit], count: int, capped: bool = False) -> None:
        self.query = query
        self.hits = hits
        self.count = count
        self.capped = capped


def _join(*parts: str) -> str:
    return SEPARATOR.join(p for p in parts if p)


def item_text(brief: Brief, kind: int, i: int) -> str:
    if kind == TITLE:
        return brief.title
    if kind == SUMMARY:
        return brief.summary
    if kind == ACTOR:
        a = brief.actors[i]
        return _join(a.name, a.role, a.affiliation, *a.aliases, a.notes)
    if kind == QUOTE:
        return _join(brief.quotes[i].text, brief.quotes[i].context)
    if kind == QUESTION:
        return _join(brief.open_questions[i].question, brief.open_questions[i].notes)
    if kind == TIMELINE:
        return _join(brief.timeline[i].date.isoformat(), brief.timeline[i].event)
    if kind == DISCREPANCY:
        d = brief.discrepancies[i]
        return _join(d.topic, *(a.says for a in d.accounts))
    if kind == SOURCE:
        return _join(brief.sources[i].outlet, brief.sources[i].title)
    return brief.tags[i]


def _label(brief: Brief, kind: int, i: int) -> str:
    if kind == ACTOR:
        return brief.actors[i].name
    if kind == QUOTE:
        return f"Quote by {brief.speaker_name(brief.quotes[i])}"
    if kind == TIMELINE:
        return f"Timeline {brief.timeline[i].date.isoformat()}"
    if kind == SOURCE:
        return f"Source: {brief.sources[i].label}"
    return ("Title", "Summary", "", "", "Open question", "", "Discrepancy", "", "Tag")[kind]


class Packed(Protocol):
    """A brief held compactly, decoded when read (``briefing.store.packed.Packed``)."""

    @property
    def id(self) -> str: ...
    def brief(self) -> Brief: ...


Held = Brief | Packed
"""A brief as the search index and its hits keep it: decoded, or packed."""


def whole(held: Held) -> Brief:
    """The brief ``held`` holds, decoded."""
    return held if held.__class__ is Brief else held.brief()  # type: ignore[union-attr]


class _Lined(Protocol):
    @property
    def line(self) -> int: ...


_TOP_KEYS = {TITLE: "title", SUMMARY: "summary", TAG: "tags"}


def _listed(brief: Brief, kind: int) -> Sequence[_Lined]:
    kinds = (brief.sources, brief.actors, brief.quotes, brief.open_questions)
    return (*kinds, brief.timeline, brief.discrepancies)[
        (SOURCE, ACTOR, QUOTE, QUESTION, TIMELINE, DISCREPANCY).index(kind)
    ]


def item_line(brief: Brief, kind: int, i: int) -> int:
    key = _TOP_KEYS.get(kind)
    return brief.lines.get(key, 0) if key else _listed(brief, kind)[i].line


def item_specs(brief: Brief) -> list[tuple[int, int, int]]:
    """(kind, index, line) of every searchable item, in the order of the file."""
    specs = [(TITLE, 0, item_line(brief, TITLE, 0)), (SUMMARY, 0, item_line(brief, SUMMARY, 0))]
    specs += [(TAG, i, item_line(brief, TAG, i)) for i in range(len(brief.tags))]
    for kind in (SOURCE, ACTOR, QUOTE, QUESTION, TIMELINE, DISCREPANCY):
        specs += [(kind, i, item.line) for i, item in enumerate(_listed(brief, kind))]
    specs.sort(key=lambda s: s[2])
    return specs


def item_count(brief: Brief) -> int:
    """How many items :func:`item_specs` lists, without listing them."""
    listed = (brief.sources, brief.actors, brief.quotes, brief.open_questions, brief.timeline)
    return 2 + len(brief.tags) + len(brief.discrepancies) + sum(map(len, listed))


def folded_texts(brief: Brief) -> list[str]:
    """Every item's text, folded for matching, in the order of the file: what a library
    filter matches words against when no search index is built (``briefing list QUERY``)."""
    return [fold(item_text(brief, kind, index)) for kind, index, _ in item_specs(brief)]


def folded_joined(brief: Brief, separator: str) -> str:
    """``separator.join(folded_texts(brief))``, folded in one pass rather than item by item:
    :func:`fold` maps each character on its own (any script, any path it takes), so the
    folded join is the join of the folded texts, given a ``separator`` that folds to itself
    (an ASCII character that is not a capital). The index's ``texts`` column is made so on
    every cold load."""
    return fold(separator.join([item_text(brief, kind, i) for kind, i, _ in item_specs(brief)]))


def _make_hit(brief: Brief, kind: int, index: int, terms: list[Term]) -> Hit:
    folded = Folded(item_text(brief, kind, index))
    patterns = [t.pattern_for(folded.folded) for t in terms]
    firsts = [m for m in (p.search(folded.folded) for p in patterns) if m]
    spans: list[tuple[int, int]] = []
    if firsts:
        first = folded.span(*min(firsts, key=lambda m: m.start()).span())
        lo = folded.to_folded(max(0, first[0] - SNIPPET_BEFORE))
        hi = folded.to_folded(min(len(folded.text), first[0] + 2 * SNIPPET_WIDTH))
        spans = [first]
        for p in patterns:
            spans += [folded.span(*m.span()) for m in p.finditer(folded.folded, lo, hi)]
    shown, places = snippet(folded.text, spans)
    label, line = _label(brief, kind, index), item_line(brief, kind, index)
    return Hit(brief.id, KINDS[kind], index, label, shown, places, line)


class Hits(Sequence[Hit]):
    """Hits made on first read, since a snippet costs more than finding its item (and its
    brief may have to be decoded). Each keeps the brief it was found in, as it was held, so
    a reload after the search cannot change it."""

    __slots__ = ("_made", "_refs", "_terms")

    def __init__(self, refs: list[tuple[Held, int, int]], terms: list[Term]) -> None:
        self._refs = refs
        self._terms = terms
        self._made: list[Hit | None] = [None] * len(refs)

    def __len__(self) -> int:
        return len(self._refs)

    @overload
    def __getitem__(self, i: int) -> Hit: ...
    @overload
    def __getitem__(self, i: slice) -> list[Hit]: ...
    def __getitem__(self, i: int | slice) -> Hit | list[Hit]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        hit = self._made[i]
        if hit is None:
            held, kind, index = self._refs[i]
            hit = self._made[i] = _make_hit(whole(held), kind, index, self._terms)
        return hit

    def within(self, keep: Callable[[str], bool], limit: int) -> tuple[Hits, int]:
        """The first ``limit`` hits in briefs whose id ``keep`` accepts (the reader's
        filters), still made on first read, and how many there are in all."""
        kept = [r for r in self._refs if keep(r[0].id)]
        return Hits(kept[:limit], self._terms), len(kept)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} hits>"
