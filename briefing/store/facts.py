"""What the library as a whole needs of each brief, small enough to read 10,000 at once.

``briefing list``, ``actors``, ``actor`` and ``timeline`` must answer in well under a second
on a 10,000-brief library whose files have not changed. Decoding every brief from the index
takes most of that on its own, so the index keeps, beside each brief, its :class:`BriefFacts`
in four columns, written with the brief and read back only when fresh, each only when
needed:

- ``facts``: title, date, tags, outlets, related ids, content digest, problem and item
  counts (about 200 bytes): read for every command;
- ``actors``: each actor (id, name, kind, entity, role, affiliation, aliases, line), its
  quote count and name key (``briefing.search.names``): for actor filters and entities;
- ``timeline``: the timeline entries (date, event, source label, line);
- ``texts``: every item's folded text, for queries with words.

The reader builds the same facts from the briefs it holds (:func:`facts_of`), sharing their
strings and actors, so the catalog (``briefing.catalog``) sees one shape from either side.
A column not read yet is None; the catalog fills it (:meth:`BriefFacts.fill`) when a
question needs it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import Any, Literal

from briefing.brief.model import ACTOR_KINDS, Actor, ActorKind, Brief
from briefing.brief.problems import Problem, count_errors
from briefing.brief.records import Record
from briefing.search.items import folded_joined, folded_texts, item_count
from briefing.search.names import NameKey, name_key
from briefing.store.codec import decode_date, share

Column = Literal["actors", "timeline", "texts"]
COLUMNS: tuple[Column, ...] = ("actors", "timeline", "texts")


class TimelineItem(Record):
    """One timeline entry of a brief, as the library timeline lists it."""

    __slots__ = ("date", "event", "index", "line", "source")
    date: dt.date
    event: str
    source: str
    """The label of its source (outlet, title or id), or ``""``."""
    line: int
    index: int
    """Its place in the brief's ``timeline``."""

    def __init__(self, date: dt.date, event: str, source: str, line: int, index: int) -> None:
        self.date = date
        self.event = event
        self.source = source
        self.line = line
        self.index = index


People = tuple[tuple[Actor, ...], tuple[int, ...], tuple[NameKey | None, ...]]
"""The actors, the quotes of each, and the name key of each."""


class BriefFacts(Record):
    """One brief file as the library sees it. Never assign to a field; a column not yet
    read is filled once by :meth:`fill`."""

    __slots__ = (
        "actor_count",
        "date",
        "digest",
        "entry_count",
        "errors",
        "id",
        "item_count",
        "loaded",
        "mtime_ns",
        "outlets",
        "path",
        "people",
        "questions",
        "quotes",
        "related",
        "tags",
        "texts",
        "timeline",
        "title",
        "warnings",
    )
    id: str
    path: str
    """Absolute path of the file."""
    loaded: bool
    """False when no version of the brief loads: everything but the counts is empty."""
    title: str
    date: dt.date | None
    tags: tuple[str, ...]
    outlets: tuple[str, ...]
    """The outlets of its sources, each once, in order."""
    related: tuple[str, ...]
    actor_count: int
    entry_count: int
    """Timeline entries."""
    item_count: int
    """Searchable items (``briefing.search.items``): one folded text each."""
    quotes: int
    questions: int
    errors: int
    warnings: int
    digest: str
    mtime_ns: int
    people: People | None
    """The ``actors`` column; None when not read (see :attr:`actors`)."""
    timeline: tuple[TimelineItem, ...] | None
    """None when not read."""
    texts: tuple[str, ...] | None
    """Folded item texts; None when not read."""

    def __init__(
        self,
        id: str,
        path: str,
        *,
        loaded: bool = False,
        title: str = "",
        date: dt.date | None = None,
        tags: tuple[str, ...] = (),
        outlets: tuple[str, ...] = (),
        related: tuple[str, ...] = (),
        actor_count: int = 0,
        entry_count: int = 0,
        item_count: int = 0,
        quotes: int = 0,
        questions: int = 0,
        errors: int = 0,
        warnings: int = 0,
        digest: str = "",
        mtime_ns: int = 0,
        people: People | None = None,
        timeline: tuple[TimelineItem, ...] | None = None,
        texts: tuple[str, ...] | None = None,
    ) -> None:
        self.id = id
        self.path = path
        self.loaded = loaded
        self.title = title
        self.date = date
        self.tags = tags
        self.outlets = outlets
        self.related = related
        self.actor_count = actor_count
        self.entry_count = entry_count
        self.item_count = item_count
        self.quotes = quotes
        self.questions = questions
        self.errors = errors
        self.warnings = warnings
        self.digest = digest
        self.mtime_ns = mtime_ns
        self.people = people
        self.timeline = timeline
        self.texts = texts

    def length(self, column: Column) -> int:
        """How many values ``column`` holds: a stored column of another length is damaged."""
        return (self.actor_count, self.entry_count, self.item_count)[COLUMNS.index(column)]

    def has(self, column: Column) -> bool:
        return (self.people, self.timeline, self.texts)[COLUMNS.index(column)] is not None

    def fill(self, column: Column, value: Any) -> None:
        """Set a column read later (once): ``People``, timeline items or texts."""
        setattr(self, "people" if column == "actors" else column, value)

    def _people(self) -> People:
        if self.people is None:
            raise LookupError(f"the actors of {self.id} were not read (Catalog.fill)")
        return self.people

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self._people()[0]

    @property
    def actor_quotes(self) -> tuple[int, ...]:
        """Quotes by each actor."""
        return self._people()[1]

    @property
    def keys(self) -> tuple[NameKey | None, ...]:
        """Each actor's name key (``briefing.search.names.name_key``)."""
        return self._people()[2]


def _outlets(brief: Brief) -> tuple[str, ...]:
    return share(tuple(dict.fromkeys(s.outlet for s in brief.sources if s.outlet)))


def people_of(brief: Brief) -> People:
    """The ``actors`` column: each actor without its notes, as the index keeps it (see
    :func:`decode_column`): a catalog outlives the brief it read them from, which a
    library holds packed (``briefing.store.packed``), and nothing across briefs reads notes."""
    counts = _quote_counts(brief)
    return (
        tuple([a.replace(notes="") if a.notes else a for a in brief.actors]),
        share(tuple([counts[a.id] for a in brief.actors])),
        tuple([name_key(a.name, a.kind) for a in brief.actors]),
    )


def _quote_counts(brief: Brief) -> dict[str, int]:
    """How many quotes each actor's id speaks."""
    counts = dict.fromkeys((a.id for a in brief.actors), 0)
    for quote in brief.quotes:
        if quote.speaker in counts:
            counts[quote.speaker] += 1
    return counts


def timeline_items(brief: Brief) -> tuple[TimelineItem, ...]:
    labels = {s.id: s.label for s in brief.sources}
    return tuple(
        TimelineItem(t.date, t.event, labels.get(t.source, t.source), t.line, i)
        for i, t in enumerate(brief.timeline)
    )


def column_of(brief: Brief | None, column: Column) -> Any:
    """One column's value for a brief (empty for one that does not load)."""
    if column == "actors":
        return people_of(brief) if brief is not None else ((), (), ())
    if column == "timeline":
        return timeline_items(brief) if brief is not None else ()
    return tuple(folded_texts(brief)) if brief is not None else ()


def facts_of(
    ident: str,
    path: str,
    brief: Brief | None,
    problems: Sequence[Problem],
    digest: str,
    mtime_ns: int,
    *,
    columns: Sequence[Column] = ("actors",),
) -> BriefFacts:
    """The facts of a loaded brief (``brief`` is None when no version of it loads), with
    the ``columns`` asked for filled."""
    errors = count_errors(list(problems))
    warnings = len(problems) - errors
    facts = BriefFacts(ident, path, errors=errors, warnings=warnings, mtime_ns=mtime_ns)
    if brief is not None:
        facts = BriefFacts(
            ident,
            path,
            loaded=True,
            title=brief.title,
            date=brief.date,
            tags=brief.tags,
            outlets=_outlets(brief),
            related=tuple(r.id for r in brief.related),
            actor_count=len(brief.actors),
            entry_count=len(brief.timeline),
            item_count=item_count(brief),
            quotes=len(brief.quotes),
            questions=len(brief.open_questions),
            errors=errors,
            warnings=warnings,
            digest=digest,
            mtime_ns=mtime_ns,
        )
    for column in columns:
        facts.fill(column, column_of(brief, column))
    return facts


# -- the index's columns ------------------------------------------------------------------


TEXTS_SEPARATOR = "\x1e"
"""Between the folded texts of a brief's items in the ``texts`` column: never in brief text
(the loader removes control characters), so the column is one plain string, read without
decoding any JSON."""


Columns = tuple[str, str, str, str]
"""The ``facts``, ``actors``, ``timeline`` and ``texts`` columns of one brief, encoded."""


def encode(
    brief: Brief | None, problems: Sequence[Problem], digest: str, articles: list[Any]
) -> Columns:
    """The ``facts``, ``actors``, ``timeline`` (JSON) and ``texts`` columns of one load.
    ``articles`` ([path, size, mtime_ns] of each article its quotes were checked against)
    is kept with the facts, as the problem counts depend on them."""
    facts = facts_of("", "", brief, problems, digest, 0, columns=())
    data = [
        articles,
        facts.loaded,
        facts.title,
        facts.date.isoformat() if facts.date else None,
        list(facts.tags),
        list(facts.outlets),
        list(facts.related),
        facts.digest,
        facts.errors,
        facts.warnings,
        facts.actor_count,
        facts.quotes,
        facts.questions,
        facts.entry_count,
        facts.item_count,
    ]
    if brief is None:
        return seal(_json(data)), seal("[]"), seal("[]"), seal("")
    # The column people_of reads back, made from the brief's own actors: their notes are
    # not written, so not copied without them first (this runs for every brief parsed).
    quotes = _quote_counts(brief)
    people = []
    for a in brief.actors:
        k = name_key(a.name, a.kind)
        people.append(
            [a.id, a.name, a.kind, a.entity, a.role, a.affiliation, list(a.aliases), a.line,
             quotes[a.id], k.text() if k else None]
        )  # fmt: skip
    timeline = [[t.date.isoformat(), t.event, t.source, t.line] for t in timeline_items(brief)]
    texts = folded_joined(brief, TEXTS_SEPARATOR)
    return seal(_json(data)), seal(_json(people)), seal(_json(timeline)), seal(texts)


def seal(text: str) -> str:
    """A column's text with its checksum in front. The index is a cache that is never
    trusted: damage that still decodes to values of the right types (a title emptied, a
    count changed) must read as a miss too, and only a checksum tells it from the truth."""
    import zlib

    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}{text}"


def unseal(text: object) -> str:
    """The text a :func:`seal` kept; ValueError when its checksum does not match."""
    import zlib

    if not isinstance(text, str) or len(text) < 8:
        raise ValueError("a damaged column")
    body = text[8:]
    if text[:8] != f"{zlib.crc32(body.encode('utf-8', 'surrogatepass')):08x}":
        raise ValueError("a damaged column")
    return body


def _json(value: Any) -> str:
    import json  # with the index's first write, not with the reader's first frame

    return json.dumps(value, ensure_ascii=False)


_I = sys.intern
_KINDS: dict[str, ActorKind] = {kind: kind for kind in ACTOR_KINDS}
_KEYS: dict[str, NameKey] = {}
"""Decoded name keys, shared: a library repeats its people."""


def _key(text: str | None) -> NameKey | None:
    if text is None:
        return None
    key = _KEYS.get(text)
    if key is None:
        key = _KEYS[text] = NameKey.parse(text)
    return key


def articles_of(data: list[Any]) -> list[Any]:
    """The article stamps stored with the facts, for the index's freshness check."""
    articles: list[Any] = data[0]
    return articles


def decode(ident: str, path: str, mtime_ns: int, data: list[Any]) -> BriefFacts:
    """Facts from the index's ``facts`` column; raises ValueError, TypeError or
    LookupError on a damaged row (the index then parses that file again)."""
    (_, loaded, title, date, tags, outlets, related, digest, errors, warnings, actors, quotes,
     questions, entries, items) = data  # fmt: skip
    if not isinstance(loaded, bool) or not isinstance(digest, str) or not isinstance(title, str):
        raise TypeError("a damaged row")
    return BriefFacts(
        ident,
        path,
        loaded=loaded,
        title=title,
        date=decode_date(date) if date else None,
        tags=tuple([_I(t) for t in tags]),
        outlets=tuple([_I(o) for o in outlets]),
        related=tuple([_I(r) for r in related]),
        actor_count=int(actors),
        entry_count=int(entries),
        item_count=int(items),
        quotes=int(quotes),
        questions=int(questions),
        errors=int(errors),
        warnings=int(warnings),
        digest=digest,
        mtime_ns=mtime_ns,
    )


def decode_column(column: Column, text: str) -> Any:
    """A column's value from its text in the index; raises ValueError, TypeError, LookupError
    or RecursionError on damage."""
    text = unseal(text)
    if column == "texts":
        return tuple(text.split(TEXTS_SEPARATOR)) if text else ()
    import json

    data = json.loads(text)
    if column == "actors":
        return (
            tuple(
                [
                    Actor(_I(i), _I(n), _KINDS[k], r, a, tuple([_I(x) for x in al]), "", ln, _I(e))
                    for i, n, k, e, r, a, al, ln, _, _ in data
                ]
            ),
            tuple([int(a[8]) for a in data]),
            tuple([_key(a[9]) for a in data]),
        )
    if column == "timeline":
        return tuple(
            TimelineItem(decode_date(d), e, _I(s), int(ln), i)
            for i, (d, e, s, ln) in enumerate(data)
        )
    raise LookupError(f"no column {column!r}")
