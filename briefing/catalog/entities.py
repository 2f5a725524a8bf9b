"""People and organisations across the library: which actors of which briefs are one entity.

The rules, precision first (docs/brief-format.md says them for authors):

1. Actors with the same ``entity`` are one entity, whatever their names; actors with
   different ``entity`` ids are never merged.
2. Actors without one link by name key (``briefing.search.names``): same kind, first and
   last name and suffix, and middle names that agree. Within one first-and-last name, a
   name is put with the names it agrees with *all* of; one that could go with two
   groups that disagree (``Michael Langley`` beside ``Michael E.`` and ``Michael F.
   Langley``) goes with neither, and is :attr:`Entities.ambiguous`.
3. A name group joins the one explicit entity whose actors' names all agree with it (an
   entity known as ``Tomás K. Cissé`` and ``Tomás Cissé`` is not ``Tomás B. Cissé``); with
   two such entities (two John Smiths with their own ids) it joins neither, ambiguously.
4. Actors whose names never link (unnamed, a person's single word) are entities alone.

An entity's key is its ``entity`` id, or for a name group the slug of its name
(``michael-e-langley``); when that is taken, and for actors alone, ``brief-id#actor-id``.
Its name is the most common spelling among its actors (then the fullest).

Built in one pass over the catalog's facts, so its cost follows the number of actors.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from briefing.brief.model import Actor
from briefing.search.matching import fold, tokens
from briefing.search.names import (
    NameKey,
    group_middles,
    middles_agree,
    name_key,
    name_words,
)
from briefing.store.facts import BriefFacts


class Catalog(Protocol):
    """What linking reads of a catalog (``briefing.catalog.selection.Catalog``), named here
    rather than imported: the catalog builds its entities."""

    @property
    def version(self) -> int: ...

    def __iter__(self) -> Iterator[BriefFacts]: ...

    def number(self, brief_id: str) -> int | None: ...

    def at(self, number: int) -> BriefFacts: ...


Middles = tuple[str, ...]

LINKING = 1
"""Changes with the linking rules (here and in ``briefing.search.names``): entities stored
by an earlier version are then linked again."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor of one brief: the brief's number in the catalog, the actor's index."""

    number: int
    index: int


@dataclass(slots=True, eq=False)  # one object per entity: identity is equality
class Entity:
    key: str
    name: str
    kind: str
    """The most common kind among its actors (``kinds`` has them all, commonest first)."""
    kinds: tuple[str, ...]
    explicit: bool
    """True when authors named it with ``entity``."""
    mentions: tuple[Mention, ...]
    """In brief-number order."""
    names: tuple[str, ...]
    """Every spelling of its name, commonest first."""
    quotes: int
    aliases: tuple[str, ...] = ()
    """Every alias its actors are given, once."""
    said: tuple[int, ...] = ()
    """Quotes of each mention (``quotes`` is their sum)."""
    briefs: tuple[int, ...] = field(default=())
    """The brief numbers it appears in, ascending."""

    def count_in(self, mask: int) -> int:
        """Briefs of a selection it appears in."""
        return sum(1 for n in self.briefs if mask >> n & 1)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """An actor that could be two entities, and so is neither (for ``briefing check``)."""

    mention: Mention
    candidates: tuple[str, ...]
    """Keys of the entities it could have joined."""


def slug(name: str, key: NameKey | None = None) -> str:
    """A key for an entity named so: its name's words (a person's without titles)."""
    words = key.words() if key is not None else name_words(name)
    return "-".join(w for word in words for w in word.split()) or "unnamed"


class Entities:
    """Every entity of a catalog, built once (rebuild it when the catalog changes)."""

    def __init__(self, catalog: Catalog, data: Any = None) -> None:
        """Built from the catalog's actors; or from ``data`` (:meth:`to_data` of the same
        library, unchanged since), which raises ValueError, TypeError or LookupError when
        it does not fit the catalog."""
        self.version = catalog.version
        """The catalog version it was built from."""
        self._catalog = catalog
        self.by_key: dict[str, Entity] = {}
        self._of: dict[int, list[str]] = {}
        """Brief number -> the key of each of its actors' entities (a list per brief costs a
        fifth of a dict keyed by mention)."""
        self.ambiguous: list[Ambiguity] = []
        self._words: dict[str, frozenset[str]] = {}
        if data is None:
            self._build()
        else:
            self._load(data)

    def __len__(self) -> int:
        return len(self.by_key)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.by_key.values())

    def get(self, key: str) -> Entity | None:
        return self.by_key.get(key)

    def of(self, number: int, index: int) -> Entity:
        """The entity of actor ``index`` of brief ``number``."""
        if not self._of:  # read back from the index without it: made when first needed
            for entity in self.by_key.values():
                self._mark(entity.key, entity.mentions)
        return self.by_key[self._of[number][index]]

    def _mark(self, key: str, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            keys = self._of.get(mention.number)
            if keys is None:
                keys = self._of[mention.number] = [""] * self._catalog.at(
                    mention.number
                ).actor_count
            keys[mention.index] = key

    def for_actor(self, brief_id: str, actor_id: str) -> Entity | None:
        """The entity of an actor named by brief and actor id (the reader's way to ask)."""
        number = self._catalog.number(brief_id)
        if number is None:
            return None
        facts = self._catalog.at(number)
        for index, actor in enumerate(facts.actors):
            if actor.id == actor_id:
                return self.of(number, index)
        return None

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        catalog = self._catalog
        explicit: dict[str, list[Mention]] = {}
        by_base: dict[tuple[str, str, str, str], dict[Middles, list[Mention]]] = {}
        alone: list[Mention] = []
        for facts in sorted(catalog, key=lambda f: f.id):
            number = catalog.number(facts.id)
            assert number is not None
            for index, actor in enumerate(facts.actors):
                mention = Mention(number, index)
                key = facts.keys[index]
                if actor.entity:
                    explicit.setdefault(actor.entity, []).append(mention)
                elif key is None:
                    alone.append(mention)
                else:
                    by_base.setdefault(key.base, {}).setdefault(key.middles, []).append(mention)
        # The name keys of explicitly named entities, by first and last name: what a name
        # group of the same first and last name may join.
        explicit_keys: dict[tuple[str, str, str, str], dict[str, set[Middles]]] = {}
        for ident, mentions in explicit.items():
            for mention in mentions:
                key = self._key(mention)
                if key is not None:
                    explicit_keys.setdefault(key.base, {}).setdefault(ident, set())
                    explicit_keys[key.base][ident].add(key.middles)
        for ident, mentions in explicit.items():
            self._add(ident, mentions, explicit=True)
        groups: list[list[Mention]] = []
        undecided: list[tuple[list[Mention], list[list[Mention]]]] = []
        for base, variants in by_base.items():
            clusters, doubtful = group_middles(variants)
            members = [[m for middles in c for m in variants[middles]] for c in clusters]
            for number, cluster in enumerate(clusters):
                if number in doubtful:
                    undecided.append((members[number], [members[i] for i in doubtful[number]]))
                    groups.append(members[number])
                    continue
                owners = [
                    ident
                    for ident, known in explicit_keys.get(base, {}).items()
                    if all(middles_agree(k, m) for m in cluster for k in known)
                ]
                if len(owners) == 1:
                    self._join(owners[0], members[number])
                    continue
                if owners:
                    self._doubt(members[number], owners)
                groups.append(members[number])
        named = sorted((self._slug(ms), self._anchor(ms[0]), ms) for ms in groups)
        for name, anchor, mentions in named:
            self._add(name if name not in self.by_key else anchor, mentions)
        for mention in alone:
            self._add(self._anchor(mention), [mention])
        for mentions, rivals in undecided:  # keys are known only now
            self._doubt(mentions, [self._of[r[0].number][r[0].index] for r in rivals])
        self._finish()

    def _key(self, mention: Mention) -> NameKey | None:
        return self._catalog.at(mention.number).keys[mention.index]

    def _anchor(self, mention: Mention) -> str:
        facts = self._catalog.at(mention.number)
        return f"{facts.id}#{facts.actors[mention.index].id}"

    def _slug(self, mentions: list[Mention]) -> str:
        """The slug of the commonest, then fullest, spelling of a name group."""
        spelled = Counter(self._catalog.at(m.number).actors[m.index].name for m in mentions)
        name = min(spelled, key=lambda n: (-spelled[n], -len(name_words(n)), n))
        first = next(m for m in mentions if self._actor(m).name == name)
        return slug(name, self._key(first))

    def _actor(self, mention: Mention) -> Actor:
        return self._catalog.at(mention.number).actors[mention.index]

    def _doubt(self, mentions: list[Mention], candidates: list[str]) -> None:
        self.ambiguous.extend(Ambiguity(m, tuple(candidates)) for m in mentions)

    def _add(self, key: str, mentions: list[Mention], *, explicit: bool = False) -> None:
        self.by_key[key] = Entity(key, "", "", (), explicit, tuple(mentions), (), 0)
        self._mark(key, mentions)

    def _join(self, key: str, mentions: list[Mention]) -> None:
        entity = self.by_key[key]
        entity.mentions = (*entity.mentions, *mentions)
        self._mark(key, mentions)

    def _finish(self) -> None:
        catalog = self._catalog
        for entity in self.by_key.values():
            entity.mentions = tuple(sorted(entity.mentions, key=lambda m: (m.number, m.index)))
            actors = [catalog.at(m.number).actors[m.index] for m in entity.mentions]
            kinds: Counter[str] = Counter(a.kind for a in actors)
            names = Counter(a.name for a in actors)
            entity.kinds = tuple(sorted(kinds, key=lambda k: (-kinds[k], k)))
            entity.kind = entity.kinds[0]
            entity.names = tuple(sorted(names, key=lambda n: (-names[n], -len(name_words(n)), n)))
            entity.name = entity.names[0]
            entity.said = tuple(catalog.at(m.number).actor_quotes[m.index] for m in entity.mentions)
            entity.quotes = sum(entity.said)
            entity.briefs = tuple(sorted({m.number for m in entity.mentions}))
            entity.aliases = tuple(dict.fromkeys(x for a in actors for x in a.aliases))

    # -- keeping -------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """Everything but the catalog itself, as JSON-able lists (briefs named by id)."""
        ident = self._catalog.at

        def place(mention: Mention) -> list[Any]:
            return [ident(mention.number).id, mention.index]

        return {
            "entities": [
                [
                    e.key,
                    e.kind,
                    list(e.kinds),
                    e.explicit,
                    list(e.names),
                    e.quotes,
                    list(e.aliases),
                    [[*place(m), q] for m, q in zip(e.mentions, e.said, strict=True)],
                ]
                for e in self.by_key.values()
            ],
            "ambiguous": [[*place(a.mention), list(a.candidates)] for a in self.ambiguous],
        }

    def _load(self, data: dict[str, Any]) -> None:
        catalog = self._catalog

        def mention(brief_id: str, index: int) -> Mention:
            number = catalog.number(brief_id)
            if number is None or not 0 <= index < catalog.at(number).actor_count:
                raise LookupError(f"no actor {index} in {brief_id!r}")
            return Mention(number, index)

        for key, kind, kinds, explicit, spellings, quotes, aliases, places in data["entities"]:
            mentions = tuple(mention(i, int(n)) for i, n, _ in places)
            said = tuple(int(q) for _, _, q in places)
            names = tuple(str(n) for n in spellings)
            numbers = tuple(sorted({m.number for m in mentions}))
            entity = Entity(
                str(key), names[0], str(kind), tuple(kinds), bool(explicit), mentions, names,
                int(quotes), aliases=tuple(aliases), said=said, briefs=numbers,
            )  # fmt: skip
            self.by_key[entity.key] = entity
        for brief_id, index, candidates in data["ambiguous"]:
            self.ambiguous.append(Ambiguity(mention(brief_id, index), tuple(candidates)))

    def words(self, entity: Entity) -> frozenset[str]:
        """The folded words of its names, aliases and key, for ``actors QUERY``; made when
        first asked for."""
        found = self._words.get(entity.key)
        if found is None:
            words = set(tokens(fold(entity.key)))
            for name in (*entity.names, *entity.aliases):
                words.update(tokens(fold(name)))
            found = self._words[entity.key] = frozenset(words)
        return found

    # -- finding ---------------------------------------------------------------------------

    def find(self, text: str) -> list[Entity]:
        """The entities ``text`` names: a key; else names linking with it or spelled like it
        (folded); else those holding all its words. One entity when it is unambiguous."""
        exact = self.by_key.get(text.strip())
        if exact is not None:
            return [exact]
        wanted = " ".join(name_words(text))
        person = name_key(text, "person")
        found = [
            e
            for e in self.by_key.values()
            if any(" ".join(name_words(n)) == wanted for n in e.names)
            or (person is not None and any(_links(person, name_key(n, e.kind)) for n in e.names))
        ]
        if found:
            return found
        words = tokens(fold(text))
        return [e for e in self.by_key.values() if words and _has_words(self.words(e), words)]

    def close(self, text: str, limit: int = 5) -> list[Entity]:
        """Entities spelled like ``text``, whole or by one word (a misspelt surname), for
        "did you mean"; those in most briefs first."""
        spellings: dict[str, list[Entity]] = {}
        words: dict[str, list[Entity]] = {}
        for entity in self.by_key.values():
            for name in (entity.key, *entity.names):
                spellings.setdefault(" ".join(name_words(name)), []).append(entity)
                for word in name_words(name):
                    if len(word) > 2:
                        words.setdefault(word, []).append(entity)
        wanted = name_words(text)
        found = [
            e
            for c in difflib.get_close_matches(" ".join(wanted), list(spellings), limit, 0.6)
            for e in spellings[c]
        ]
        for word in wanted:
            for close in difflib.get_close_matches(word, list(words), limit, 0.75):
                found.extend(words[close])
        unique = list(dict.fromkeys(found))
        unique.sort(key=lambda e: -len(e.briefs))
        return unique[:limit]


def _links(person: NameKey, key: NameKey | None) -> bool:
    return key is not None and key.kind == "person" and person.links_with(key)


def _has_words(have: frozenset[str], wanted: list[str]) -> bool:
    return all(any(w.startswith(p) for w in have) for p in wanted)
