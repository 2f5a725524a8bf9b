"""What ``briefing check`` finds across a library, beyond each brief on its own.

- ``related-unknown`` / ``related-self``: a ``related`` id the library has no brief of, or
  the brief's own id;
- ``entity-kinds``: one ``entity`` used for actors of different kinds;
- ``entity-ambiguous``: an actor whose name could be two entities, linked to neither;
- ``entity-lookalike``: two actors that look alike but do not link (a middle name or a
  suffix apart, a surname alone, the same name for two kinds, names spelled alike, a name
  close to one given an ``entity``), so the author can decide. Pairs where both sides
  have their own ``entity`` are the author's decision already and are not reported.

Every problem is a warning at one actor (or related item) naming the other's place.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import combinations

from briefing.brief.problems import Problem
from briefing.catalog.entities import Entities, Entity, Mention
from briefing.catalog.selection import Catalog
from briefing.search.names import TITLES, NameKey, is_unnamed, name_key, name_words

Display = Callable[[str], str]
"""A file's absolute path -> how problems name it."""

_ALIKE = 0.85
"""How alike (difflib's ratio) two names that do not link must be to be reported."""
_HINT_LINK = "to link them, give both the same 'entity'; to keep them apart, give each its own"


def library_problems(catalog: Catalog, display: Display, *, links: bool = True) -> list[Problem]:
    """Every library-level warning (see the module docstring); ``links``: check related
    ids (only meaningful when the whole library is being checked)."""
    problems = _related(catalog, display) if links else []
    entities = catalog.entities
    problems += _kinds(catalog, entities, display)
    problems += _ambiguous(catalog, entities, display)
    problems += _lookalikes(catalog, entities, display)
    return problems


def _where(catalog: Catalog, mention: Mention, display: Display) -> tuple[str, int]:
    facts = catalog.at(mention.number)
    return display(facts.path), facts.actors[mention.index].line


def _warn(
    catalog: Catalog, mention: Mention, display: Display, message: str, hint: str, code: str
) -> Problem:
    path, line = _where(catalog, mention, display)
    return Problem(path, line, 1, "warning", message, hint, code)


def _at(catalog: Catalog, mention: Mention, display: Display) -> str:
    path, line = _where(catalog, mention, display)
    return f"{path}:{line}"


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _related(catalog: Catalog, display: Display) -> list[Problem]:
    problems = []
    ids = [f.id for f in catalog]
    for facts in catalog:
        # Most briefs name only others the library has: their briefs (to say where each
        # link is) are read only when one does not.
        if all(r != facts.id and r in catalog for r in facts.related):
            continue
        brief = catalog.brief(facts.id)
        path = display(facts.path)
        for link in brief.related if brief is not None else ():
            if link.id == facts.id:
                message = "a brief cannot be related to itself"
                problems.append(
                    Problem(path, link.line, link.col, "warning", message, None, "related-self")
                )
            elif link.id not in catalog:
                close = difflib.get_close_matches(link.id, ids, n=1, cutoff=0.6)
                message = f"related brief '{link.id}' is not in the library"
                hint = f"did you mean '{close[0]}'?" if close else "an id is a path without .yaml"
                problems.append(
                    Problem(path, link.line, link.col, "warning", message, hint, "related-unknown")
                )
    return problems


def _kinds(catalog: Catalog, entities: Entities, display: Display) -> list[Problem]:
    problems = []
    for entity in entities:
        if not entity.explicit or len(entity.kinds) < 2:
            continue
        actors = [(m, catalog.at(m.number).actors[m.index]) for m in entity.mentions]
        first = next(m for m, a in actors if a.kind == entity.kind)
        for mention, actor in actors:
            if actor.kind != entity.kind:
                message = (
                    f"entity '{entity.key}' is {_a(actor.kind)} here, but {_a(entity.kind)} at "
                    f"{_at(catalog, first, display)}"
                )
                hint = "give it the same kind everywhere, or give one of them another entity"
                problems.append(_warn(catalog, mention, display, message, hint, "entity-kinds"))
    return problems


def _ambiguous(catalog: Catalog, entities: Entities, display: Display) -> list[Problem]:
    problems = []
    for doubt in entities.ambiguous:
        actor = catalog.at(doubt.mention.number).actors[doubt.mention.index]
        others = [entities.get(k) for k in doubt.candidates]
        named = [
            f"'{e.key}' ({_at(catalog, e.mentions[0], display)})" for e in others if e is not None
        ]
        message = f"'{actor.name}' could be {' or '.join(named)}, so it is linked to neither"
        hint = "give it the entity of the one it is"
        problems.append(_warn(catalog, doubt.mention, display, message, hint, "entity-ambiguous"))
    return problems


Form = tuple[str, NameKey | None, tuple[str, ...]]
"""An entity's name as compared: kind, name key, folded words."""


def _forms(catalog: Catalog, entity: Entity) -> list[Form]:
    """Each distinct form of the entity's names, unnamed actors left out."""
    found: dict[tuple[str, str], Form] = {}
    for mention in entity.mentions:
        actor = catalog.at(mention.number).actors[mention.index]
        if (actor.kind, actor.name) in found or is_unnamed(actor.name):
            continue
        words = name_words(actor.name)
        while actor.kind == "person" and len(words) > 1 and words[0] in TITLES:
            words = words[1:]
        found[actor.kind, actor.name] = (actor.kind, name_key(actor.name, actor.kind), tuple(words))
    # Names that differ by a title alone ("Gen. X", "General X") compare the same: once each,
    # in the order first met, so the reason found first for a pair stays the same.
    return list(dict.fromkeys(found.values()))


def _block(form: Form) -> str:
    """A person's surname; the first word of any other name."""
    kind, key, words = form
    if kind != "person":
        return words[0]
    return key.last if key is not None else words[-1]


def _blocks(forms: dict[str, list[Form]], entities: Entities) -> Iterator[list[Entity]]:
    """Entities sharing a surname, or a first word: the only ones compared."""
    by_word: dict[str, list[Entity]] = {}
    for entity in entities:
        words = {_block(form) for form in forms[entity.key] if form[2]}
        for word in words:
            by_word.setdefault(word, []).append(entity)
    yield from (group for group in by_word.values() if len(group) > 1)


def _surname_of(alone: Form, key: NameKey | None) -> bool:
    """A one-word person's name that is the surname of a full one."""
    words = alone[2]
    return alone[1] is None and len(words) == 1 and key is not None and words[0] == key.last


def _why(a: Form, b: Form) -> str | None:
    """Why two spellings look alike though they do not link; None if they do not."""
    (kind_a, key_a, words_a), (kind_b, key_b, words_b) = a, b
    if words_a == words_b and kind_a != kind_b:
        return f"the same name for {_a(kind_a)} and {_a(kind_b)}"
    if kind_a != kind_b:
        return None
    if key_a is not None and key_b is not None and key_a.last:
        if key_a.links_with(key_b):
            return None
        if (key_a.first, key_a.last) == (key_b.first, key_b.last):
            return "the same name, but for a middle name or a suffix"
    if kind_a == "person" and (_surname_of(a, key_b) or _surname_of(b, key_a)):
        return "a surname alone"
    if words_a != words_b and _spelled_alike(words_a, words_b):
        return "names spelled alike"
    return None


@functools.lru_cache(maxsize=1 << 14)
def _spelling(words: tuple[str, ...]) -> tuple[str, Counter[str]]:
    """A name as its spelling is compared, and how many of each character it has."""
    text = " ".join(words)
    return text, Counter(text)


def _ratio(matches: int, length: int) -> float:
    """difflib's own arithmetic, so a bound computed here is the one it computes."""
    return 2.0 * matches / length if length else 1.0


def _spelled_alike(words_a: tuple[str, ...], words_b: tuple[str, ...]) -> bool:
    """difflib's ratio of the two spellings is at least :data:`_ALIKE`. Most pairs in a
    block are nowhere near, so its two cheap upper bounds (``real_quick_ratio``: the
    lengths; ``quick_ratio``: the characters in common, counted once per name here rather
    than once per pair) are tried first."""
    a, count_a = _spelling(words_a)
    b, count_b = _spelling(words_b)
    length = len(a) + len(b)
    if _ratio(min(len(a), len(b)), length) < _ALIKE:
        return False
    common = sum(min(n, count_b[c]) for c, n in count_a.items() if c in count_b)
    if _ratio(common, length) < _ALIKE:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= _ALIKE


def _lookalikes(catalog: Catalog, entities: Entities, display: Display) -> list[Problem]:
    problems = []
    # A pair already reported as an ambiguity is not reported again as alike.
    reported = {
        (min(entities.of(d.mention.number, d.mention.index).key, c),
         max(entities.of(d.mention.number, d.mention.index).key, c))
        for d in entities.ambiguous
        for c in d.candidates
    }  # fmt: skip
    forms = {entity.key: _forms(catalog, entity) for entity in entities}
    for block in _blocks(forms, entities):
        for first, second in combinations(block, 2):
            pair = (min(first.key, second.key), max(first.key, second.key))
            if pair in reported or (first.explicit and second.explicit):
                continue
            why = _pair_reason(forms, first, second)
            if why is None:
                continue
            reported.add(pair)
            earlier, later = sorted((first, second), key=lambda e: _order(catalog, e))
            actor = catalog.at(later.mentions[0].number).actors[later.mentions[0].index]
            message = (
                f"'{actor.name}' looks like '{earlier.name}' at "
                f"{_at(catalog, earlier.mentions[0], display)} but is not linked to it ({why})"
            )
            problems.append(
                _warn(catalog, later.mentions[0], display, message, _HINT_LINK, "entity-lookalike")
            )
    return problems


def _pair_reason(forms: dict[str, list[Form]], first: Entity, second: Entity) -> str | None:
    one_explicit = first.explicit != second.explicit
    for a in forms[first.key]:
        for b in forms[second.key]:
            why = _why(a, b)
            if why is None and one_explicit and _initial_alike(a, b):
                why = "close names, one with an entity and one without"
            if why is not None:
                return why
    return None


def _initial_alike(a: Form, b: Form) -> bool:
    """Two people with one surname and one first initial (``M. Langley``, ``Mike Langley``)."""
    (kind_a, _, words_a), (kind_b, _, words_b) = a, b
    return (
        kind_a == kind_b == "person"
        and len(words_a) > 1
        and len(words_b) > 1
        and words_a[-1] == words_b[-1]
        and words_a[0][0] == words_b[0][0]
    )


def _order(catalog: Catalog, entity: Entity) -> tuple[str, int]:
    mention = entity.mentions[0]
    return catalog.at(mention.number).id, mention.index
