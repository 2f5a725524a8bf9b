"""A dossier: everything the library holds on one entity (``briefing.catalog.entities``).

:func:`dossier` ``(catalog, entity)`` gives a :class:`Dossier`:

- ``appearances``: every brief the entity is in, with its name, role and affiliation
  there, in date order (undated last), so a change of role shows;
- ``quotes``: everything it said, in that order, each with its verification status;
- ``questions``: the open questions naming it (by actor id, or by a name or alias of
  its actor in that brief, in the text);
- ``events``: the timeline entries naming it, in date order.

Every line carries the brief id, the item's index in its list and its line in the file,
so a reader can jump to it. The briefs are read through ``catalog.briefs`` (the reader's
loaded library, or the index), only those the entity appears in.

:func:`opening` ``(catalog, entity)`` gives the appearances alone, from the catalog's facts
with no brief read: decoding the 500 briefs of a busy entity costs more than a keystroke
may, so the reader shows these first and the rest (:func:`dossier`) when a worker has it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing.brief.dates import date_key
from briefing.brief.model import Actor, Brief, VerificationStatus
from briefing.catalog.entities import Entity
from briefing.catalog.selection import Catalog
from briefing.search.matching import Term, fold, term
from briefing.search.names import name_key, name_words, plain_words
from briefing.store.facts import BriefFacts


@dataclass(frozen=True, slots=True)
class Place:
    """Where a line of the dossier is: brief, its title and date, and the item in it."""

    brief_id: str
    title: str
    date: dt.date | None
    """The brief's date."""
    index: int
    """The item's index in its list (actors, quotes, open questions, timeline)."""
    line: int


@dataclass(frozen=True, slots=True)
class Appearance:
    place: Place
    actor_id: str
    name: str
    """The name as this brief writes it."""
    kind: str
    role: str
    affiliation: str


@dataclass(frozen=True, slots=True)
class DossierQuote:
    place: Place
    text: str
    context: str
    status: VerificationStatus
    source: str
    """The label of the source it is verified against, or ``""``."""


@dataclass(frozen=True, slots=True)
class DossierQuestion:
    place: Place
    question: str


@dataclass(frozen=True, slots=True)
class DossierEvent:
    place: Place
    date: dt.date
    """The event's date."""
    event: str
    source: str


@dataclass(frozen=True, slots=True)
class Dossier:
    key: str
    name: str
    kind: str
    kinds: tuple[str, ...]
    names: tuple[str, ...]
    appearances: tuple[Appearance, ...]
    quotes: tuple[DossierQuote, ...]
    questions: tuple[DossierQuestion, ...]
    events: tuple[DossierEvent, ...]


def _date_order(brief: Brief | BriefFacts) -> tuple[bool, int, str]:
    return (brief.date is None, date_key(brief.date) if brief.date else 0, brief.id)


def name_terms(brief: Brief, actor: Actor) -> list[Term]:
    """How this brief's text may name this actor: its name (with and without titles),
    its aliases, and for a person their last name when no other actor of the brief
    shares it."""
    forms = {" ".join(name_words(actor.name)), *(" ".join(name_words(a)) for a in actor.aliases)}
    key = name_key(actor.name, actor.kind)
    if key is not None and key.last:
        forms.add(" ".join(key.words()))
        others = [name_key(a.name, a.kind) for a in brief.actors if a is not actor]
        if len(key.last) > 2 and not any(k is not None and k.last == key.last for k in others):
            forms.add(key.last)
    return [term(form, whole=True) for form in sorted(forms) if form]


class _Naming:
    """How one brief's text may name the entity's actors there (:func:`name_terms`)."""

    __slots__ = ("needs", "terms")

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.needs = tuple({t.tokens for t in terms})
        """The words of each term: a text names someone only if it holds all of one's."""

    def named_in(self, text: str) -> bool:
        # Most texts hold no term's words: substring tests of the folded text say so without
        # splitting it into words. The terms' words have their apostrophes closed up
        # ("O'Brien" is "obrien"), so the tests look at the text closed up the same way.
        folded = fold(text)
        closed = folded.replace("'", "")
        for needs in self.needs:
            for word in needs:
                if word not in closed:
                    break
            else:
                break  # this term's words are all there: look closer
        else:
            return False
        words = " ".join(plain_words(folded, folded=True))
        return any(t.search(words) for t in self.terms)


def _actors(catalog: Catalog, entity: Entity) -> dict[str, tuple[BriefFacts, list[int]]]:
    """Each brief the entity is in, by id: its facts, and the indices of its actors there."""
    actors: dict[str, tuple[BriefFacts, list[int]]] = {}
    for mention in entity.mentions:
        facts = catalog.at(mention.number)
        actors.setdefault(facts.id, (facts, []))[1].append(mention.index)
    return actors


def _of(
    entity: Entity,
    appearances: list[Appearance],
    quotes: list[DossierQuote] | None = None,
    questions: list[DossierQuestion] | None = None,
    events: list[DossierEvent] | None = None,
) -> Dossier:
    """The dossier of ``entity`` holding these lines (none of a kind not given)."""
    return Dossier(
        entity.key,
        entity.name,
        entity.kind,
        entity.kinds,
        entity.names,
        tuple(appearances),
        tuple(quotes or ()),
        tuple(questions or ()),
        tuple(events or ()),
    )


def _appearance(place: Place, actor: Actor) -> Appearance:
    return Appearance(place, actor.id, actor.name, actor.kind, actor.role, actor.affiliation)


def opening(catalog: Catalog, entity: Entity) -> Dossier:
    """The dossier of ``entity`` with its appearances only (no quotes, questions or events),
    made from the catalog's facts: the same appearances as :func:`dossier`'s whenever every
    brief of the entity loads, since the facts hold the briefs' actors as written."""
    actors = _actors(catalog, entity)
    if any(facts.actors is None for facts, _ in actors.values()):
        catalog.prepare("actors")  # the entities were linked from them: seldom needed
    appearances: list[Appearance] = []
    for facts, indices in sorted(actors.values(), key=lambda f: _date_order(f[0])):
        listed = facts.actors or ()
        for index in indices:
            if index < len(listed):
                actor = listed[index]
                place = Place(facts.id, facts.title, facts.date, index, actor.line)
                appearances.append(_appearance(place, actor))
    return _of(entity, appearances)


def dossier(catalog: Catalog, entity: Entity) -> Dossier:
    """The dossier of ``entity`` (see the module docstring)."""
    actors = {ident: indices for ident, (_, indices) in _actors(catalog, entity).items()}
    briefs = sorted(catalog.briefs(list(actors)).values(), key=_date_order)
    appearances: list[Appearance] = []
    quotes: list[DossierQuote] = []
    questions: list[DossierQuestion] = []
    events: list[DossierEvent] = []
    for brief in briefs:
        labels = {s.id: s.label for s in brief.sources}
        indices = [i for i in actors[brief.id] if i < len(brief.actors)]
        mine = [brief.actors[i] for i in indices]
        ids = {a.id for a in mine}
        naming = _Naming([t for a in mine for t in name_terms(brief, a)])

        def place(index: int, line: int, brief: Brief = brief) -> Place:
            return Place(brief.id, brief.title, brief.date, index, line)

        for index, actor in zip(indices, mine, strict=True):
            appearances.append(_appearance(place(index, actor.line), actor))
        for index, quote in enumerate(brief.quotes):
            if quote.speaker in ids:
                source = labels.get(quote.source, quote.source)
                status = quote.verification.status
                quotes.append(
                    DossierQuote(
                        place(index, quote.line), quote.text, quote.context, status, source
                    )
                )
        for index, question in enumerate(brief.open_questions):
            if any(a in ids for a in question.actors) or naming.named_in(question.question):
                questions.append(DossierQuestion(place(index, question.line), question.question))
        for index, entry in enumerate(brief.timeline):
            if naming.named_in(entry.event):
                source = labels.get(entry.source, entry.source)
                events.append(
                    DossierEvent(place(index, entry.line), entry.date, entry.event, source)
                )
    events.sort(key=lambda e: (date_key(e.date), e.place.brief_id, e.place.index))
    return _of(entity, appearances, quotes, questions, events)
