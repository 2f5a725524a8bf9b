"""The library's briefs, filtered by a query and ordered, fast enough for every keystroke.

A :class:`Catalog` holds one :class:`~briefing.store.facts.BriefFacts` per brief, each under
a small number (its bit in a selection). What a filter looks up is indexed once, when first
needed (or by :meth:`Catalog.warm`), and kept current by :meth:`Catalog.set` and
:meth:`Catalog.remove` (``briefing.catalog.fields``):

- tags, each with its brief numbers; actors and outlets as groups (one per distinct actor
  or outlet) with their words, so several words are found within one actor;
- each filter's bitmap (an ``int``, bit ``n`` for brief ``n``), made when first asked for
  and kept until the catalog changes, so a typed character costs a few ``&`` of ints;
- the briefs by the periods of their dates, for ``after:`` and ``before:``;
- the sort orders (date, title, changed, id).

:meth:`Catalog.select` evaluates a query (``briefing.search.query``) to a :class:`Selection`;
:meth:`Catalog.order` lists a selection's ids in an order. Words (and ``-words``) are
matched against each brief's folded item texts, as search matches them, a brief passing
when one of its items matches every word (so every brief listed has a search hit): that
reads every brief's texts, which suits a command; the reader gives words to its search
index and asks ``select(query, words=False, excluded=True)``: its list leaves out the
briefs a ``-word`` matches, by the same rule.

Not thread-safe: use it from one thread (the reader's UI thread, or a command); ``warm``
may run in a worker before the catalog is handed over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import Literal, Protocol, TypeVar

from briefing.brief.dates import date_key
from briefing.brief.model import Brief
from briefing.catalog.entities import Entities
from briefing.catalog.fields import Field, Groups, Periods, field_values
from briefing.search.matching import Query, Term, fold, terms_of
from briefing.search.postings import bits_of, iter_bits
from briefing.search.query import Filter, ParsedQuery, QueryError, parse
from briefing.store.facts import BriefFacts, Column, column_of

T = TypeVar("T")
SortKey = Literal["date", "title", "changed", "id"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "changed", "id")
"""``date``: newest first, undated last; ``title``: A to Z, ignoring case and accents;
``changed``: most recently changed on disk first; ``id``: by id. Ties go by id."""


class Seen(Protocol):
    """What ``is:new`` asks (``briefing.store.seen.SeenState``)."""

    @property
    def version(self) -> int: ...

    def is_new(self, brief: BriefFacts) -> bool: ...


_ONE_BYTE_PER_BIT = bytes.maketrans(b"01", b"\x00\x01")
"""Binary digits ("0", "1") to the bytes 0 and 1, which ``itertools.compress`` reads."""


@dataclass(frozen=True, slots=True)
class Selection:
    """The briefs a query lets through: bit ``n`` of ``mask`` for brief number ``n``."""

    mask: int
    count: int
    total: int
    """Briefs in the catalog, for "N of M briefs"."""
    errors: tuple[QueryError, ...] = ()
    """The parts of the query that were left out, each with its message and place."""

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and number >= 0 and bool(self.mask >> number & 1)


class Catalog:
    def __init__(
        self,
        facts: Iterable[BriefFacts] = (),
        *,
        seen: Seen | None = None,
        texts_of: Callable[[BriefFacts], Sequence[str]] | None = None,
    ) -> None:
        self._facts: list[BriefFacts | None] = []
        self._number: dict[str, int] = {}
        self._free: list[int] = []
        self.seen = seen
        """Consulted by ``is:new``; None: every brief is new."""
        self._texts_of = texts_of
        self.version = 0
        """Grows with every change, so callers can tell when what they derived is stale."""
        self._fields: dict[str, Field | Groups] = {}
        self._bitmaps: dict[tuple[str, str, bool], int] = {}
        self._orders: dict[SortKey, list[int]] = {}
        self._periods: Periods | None = None
        self._new: tuple[int, int, int] | None = None  # (version, seen version, mask)
        self._all: int | None = None
        self._entities: Entities | None = None
        self._derived: dict[str, object] = {}
        for item in facts:
            self.set(item)

    # -- contents ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._number)

    def __contains__(self, brief_id: object) -> bool:
        return brief_id in self._number

    def get(self, brief_id: str) -> BriefFacts | None:
        number = self._number.get(brief_id)
        return None if number is None else self._facts[number]

    def number(self, brief_id: str) -> int | None:
        return self._number.get(brief_id)

    def at(self, number: int) -> BriefFacts:
        facts = self._facts[number]
        assert facts is not None
        return facts

    def __iter__(self) -> Iterator[BriefFacts]:
        """Every brief, in number order (the order they were first added)."""
        return (f for f in self._facts if f is not None)

    @property
    def all(self) -> Selection:
        if self._all is None:
            mask = (1 << len(self._facts)) - 1
            for number in self._free:
                mask &= ~(1 << number)
            self._all = mask
        return Selection(self._all, len(self), len(self))

    def mask_of(self, numbers: Iterable[int]) -> int:
        """The bitmap of these brief numbers."""
        return bits_of(numbers, (len(self._facts) + 7) >> 3)

    def set(self, facts: BriefFacts) -> None:
        """Add a brief, or replace the one with its id."""
        number = self._number.get(facts.id)
        if number is None:
            number = self._free.pop() if self._free else len(self._facts)
            if number == len(self._facts):
                self._facts.append(None)
            self._number[facts.id] = number
        else:
            self._unindex(number)
        self._facts[number] = facts
        if "actor" in self._fields and not facts.has("actors"):
            facts.fill("actors", column_of(self.brief(facts.id), "actors"))
        for name, field in self._fields.items():
            for value in field_values(name, facts):
                field.add(value, number)
        self._changed()

    def remove(self, brief_id: str) -> None:
        number = self._number.pop(brief_id, None)
        if number is None:
            return
        self._unindex(number)
        self._facts[number] = None
        self._free.append(number)
        self._changed()

    def _unindex(self, number: int) -> None:
        old = self._facts[number]
        if old is not None:
            for name, field in self._fields.items():
                for value in field_values(name, old):
                    field.discard(value, number)

    def _changed(self) -> None:
        self.version += 1
        self._bitmaps.clear()
        self._orders.clear()
        self._periods = None
        self._new = None
        self._all = None
        self._derived.clear()

    def brief(self, brief_id: str) -> Brief | None:
        """The whole brief (for dossiers and timelines); None here, where a catalog holds
        only facts: the catalogs of ``briefing.catalog.build`` know where briefs are."""
        return None

    def timeline_dates(self, facts: BriefFacts) -> Sequence[dt.date] | None:
        """The dates of a brief's timeline entries when the catalog noted them (without
        its timeline column or its brief); else None."""
        return None

    def prepare(self, column: Column) -> None:
        """Make sure every brief's facts hold ``column`` where the catalog reads it from the
        facts: the actors always (from the whole briefs here); a timeline or texts are
        otherwise derived from the brief when needed, and not kept."""
        if column == "actors":
            for facts in self:
                if not facts.has("actors"):
                    facts.fill("actors", column_of(self.brief(facts.id), "actors"))

    def briefs(self, brief_ids: Sequence[str]) -> dict[str, Brief]:
        """Many whole briefs, by id (those that load)."""
        found = {i: self.brief(i) for i in brief_ids}
        return {i: b for i, b in found.items() if b is not None}

    @property
    def entities(self) -> Entities:
        """Who is who across the library (``briefing.catalog.entities``), built when first
        asked for after a change: a pass over every actor, so not on every read."""
        if self._entities is None or self._entities.version != self.version:
            self._entities = self._make_entities()
        return self._entities

    def _make_entities(self) -> Entities:
        self.prepare("actors")
        return Entities(self)

    def warm(self, stop: Callable[[], bool] | None = None) -> None:
        """Make now what the first filters and sorts would: every field's index, the sort
        orders, the date periods and the entities (the reader calls it in a worker once the
        library is loaded, so no keystroke does). ``stop``, asked between them, ends it
        part way (a closing reader): what is not made now is made when first asked for."""
        steps: list[Callable[[], object]] = [
            *(partial(self._field, name) for name in ("tag", "outlet", "actor")),
            *(partial(self._order, sort) for sort in SORT_KEYS),
            partial(self._date_mask, True, dt.date.min),
            lambda: self.entities,  # a property that builds them
        ]
        for step in steps:
            if stop is not None and stop():
                return
            step()

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """What ``make`` derives from the whole catalog, made once until it changes."""
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = make()
        return found  # type: ignore[return-value]  # stored by the same name, same type

    def _field(self, name: str) -> Field | Groups:
        field = self._fields.get(name)
        if field is None:
            if name == "actor":
                self.prepare("actors")
            field = self._fields[name] = Field() if name == "tag" else Groups()
            for number, facts in enumerate(self._facts):
                if facts is not None:
                    for value in field_values(name, facts):
                        field.add(value, number)
        return field

    # -- selecting -----------------------------------------------------------------------

    def select(
        self, query: ParsedQuery | str, *, words: bool = True, excluded: bool | None = None
    ) -> Selection:
        """The briefs passing ``query``: every filter, and with ``words`` the words matched
        in one item and no ``-word`` anywhere. Without ``words`` both are left to the
        caller (the reader's search index finds words as they are typed; reading every
        brief's texts is for commands), unless ``excluded`` asks for the ``-word`` rule
        alone (the reader's list leaves those briefs out). A part with an error is left
        out (see its ``errors``); an empty query selects everything."""
        parsed = parse(query) if isinstance(query, str) else query
        mask = self.all.mask
        for item in parsed.filters:
            found = self._filter_mask(item)
            mask = mask & ~found if item.negated else mask & found
        wanted = parsed.words if words else None
        unwanted = parsed.excluded if (words if excluded is None else excluded) else ()
        if wanted or unwanted:
            mask = self._match_words(mask, wanted, unwanted)
        return Selection(mask, mask.bit_count(), len(self), parsed.errors)

    def _bitmap(self, field: str, value: str, prefix: bool) -> int:
        """The briefs with a tag (``prefix``: a tag starting so)."""
        key = (field, value, prefix)
        found = self._bitmaps.get(key)
        if found is None:
            tags = self._field(field)
            assert isinstance(tags, Field)
            if prefix:
                found = 0
                for word in tags.starting(value):
                    found |= self._bitmap(field, word, False)
            else:
                numbers = tags.postings.get(value)
                found = self.mask_of(numbers) if numbers else 0
            self._bitmaps[key] = found
        return found

    def _filter_mask(self, item: Filter) -> int:
        if item.field == "tag":
            return self._bitmap("tag", item.words[0], item.prefix)
        if item.field in ("actor", "outlet"):
            key = (item.field, "\x00".join(item.words), True)
            found = self._bitmaps.get(key)
            if found is None:
                groups = self._field(item.field)
                assert isinstance(groups, Groups)
                found = self._bitmaps[key] = self.mask_of(groups.numbers(item.words))
            return found
        if item.field == "is":
            return self._new_mask()
        if item.field == "entity":
            entity = self.entities.get(item.words[0])
            return self.mask_of(entity.briefs) if entity is not None else 0
        assert item.date is not None
        return self._date_mask(item.field == "after", item.date)

    def _date_mask(self, after: bool, date: dt.date) -> int:
        key = ("after" if after else "before", date.isoformat(), False)
        found = self._bitmaps.get(key)
        if found is None:
            if self._periods is None:
                self._periods = Periods(self._facts)
            found = self._bitmaps[key] = self.mask_of(self._periods.numbers(after, date))
        return found

    def _new_mask(self) -> int:
        seen = self.seen
        seen_version = seen.version if seen is not None else -1
        if self._new is None or self._new[:2] != (self.version, seen_version):
            new = [
                number
                for number, facts in enumerate(self._facts)
                if facts is not None and (seen is None or seen.is_new(facts))
            ]
            self._new = (self.version, seen_version, self.mask_of(new))
        return self._new[2]

    def texts(self, facts: BriefFacts) -> Sequence[str]:
        """The brief's folded item texts, from its facts, ``texts_of`` or the brief."""
        if facts.texts is not None:
            return facts.texts
        if self._texts_of is not None:
            return self._texts_of(facts)
        texts: tuple[str, ...] = column_of(self.brief(facts.id), "texts")
        return texts

    def _match_words(self, mask: int, words: Query | None, excluded: Sequence[Query]) -> int:
        """The briefs of ``mask`` where one item holds every one of ``words`` (when given)
        and no item holds every word of one of ``excluded``."""
        self.prepare("texts")
        wanted = terms_of(words) if words else []
        unwanted = [terms_of(q) for q in excluded]
        kept = []
        for number in self.numbers(mask):
            texts = self.texts(self.at(number))
            if wanted and not _any_item(texts, wanted):
                continue
            if any(_any_item(texts, terms) for terms in unwanted):
                continue
            kept.append(number)
        return self.mask_of(kept)

    def numbers(self, mask: int) -> Iterator[int]:
        """The brief numbers of a mask, lowest first."""
        return iter_bits(mask.to_bytes((len(self._facts) + 8) >> 3, "little"))

    # -- order ---------------------------------------------------------------------------

    def order(self, sort: SortKey = "date", selection: Selection | None = None) -> list[str]:
        """The ids of ``selection`` (default: every brief) in ``sort`` order."""
        numbers = self._order(sort)
        # Every brief in order, listed once per change.
        ids = self.derived(f"order:{sort}", lambda: [self.at(n).id for n in numbers])
        if selection is None or selection.mask == self.all.mask:
            return list(ids)
        if len(numbers) < 2:
            return [i for i, n in zip(ids, numbers, strict=True) if n in selection]
        # One byte per brief number, 1 where the selection has it, then the bytes of the
        # numbers in order picking the ids: every step in C, as the reader's list refilters
        # at each key typed.
        flags = format(selection.mask, "b")[::-1].ljust(len(self._facts), "0")
        picked = itemgetter(*numbers)(flags.encode("ascii").translate(_ONE_BYTE_PER_BIT))
        return list(compress(ids, picked))

    def _order(self, sort: SortKey) -> list[int]:
        found = self._orders.get(sort)
        if found is None:
            live = [n for n, f in enumerate(self._facts) if f is not None]
            live.sort(key=lambda n: self.at(n).id)
            if sort == "date":
                live.sort(key=lambda n: -date_key(self.at(n).date or dt.date.min))
                live.sort(key=lambda n: self.at(n).date is None)
            elif sort == "title":
                live.sort(key=lambda n: (not self.at(n).title, fold(self.at(n).title)))
            elif sort == "changed":
                live.sort(key=lambda n: -self.at(n).mtime_ns)
            found = self._orders[sort] = live
        return found


def _any_item(texts: Sequence[str], terms: list[Term]) -> bool:
    """True when one item's text matches every term (a necessary test on all of them first)."""
    if not terms:
        return False
    joined = "\x00".join(texts)
    if not all(term.search(joined) for term in terms):
        return False
    return any(all(term.search(text) for term in terms) for text in texts)
