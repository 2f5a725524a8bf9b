"""Names of people and organisations, folded so that the ways of writing one name meet.

:func:`name_key` turns an actor's name and kind into a :class:`NameKey`, or None for a name
that must never link by itself. The rules (docs/brief-format.md repeats them for authors):

- Case, accents, punctuation and apostrophes are folded as search folds them
  (``Gen. Michael E. Langley`` -> ``michael e langley``); a part in parentheses is dropped.
- For a person, leading titles and ranks are dropped (``Gen.``, ``Lt. Col.``,
  ``President``, ``Sen.``, ``Mr.`` ...), and a generational suffix (``Jr.``, ``Sr.``, ``II``)
  is kept apart: it is part of the name, as a father and his son share the rest.
- A person's name of one word never links: it is a surname or a nickname (``Langley``).
  Other kinds link by their whole name once a leading "the" is dropped (``Niger``, ``The
  Associated Press`` = ``Associated Press``).
- Unnamed actors never link: a name saying ``unnamed``, ``anonymous`` or ``unidentified``,
  or starting with "a", "an", "one", "two", "several", "some" (``A senior U.S. official``);
  nor a person described rather than named ("the spokesman", "his lawyer").

Two keys link when :meth:`NameKey.links_with` says so: same kind, same first and last name
and suffix, and middle names that agree (one side may lack a middle initial the other has).
Whether that makes them one entity across a library is ``briefing.catalog.entities``'s
business: precision first, a name that could be two people links to neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from briefing.brief.records import Record
from briefing.search.matching import fold

TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam madame monsieur mme mlle
    gen general lt lieutenant col colonel maj major capt captain cpt cmdr commander
    adm admiral vadm radm sgt sergeant cpl corporal pvt private brig brigadier marshal
    field air vice rear chief staff commodore
    president pres vp prime minister pm premier chancellor secretary sec
    sen senator rep representative congressman congresswoman gov governor mayor
    amb ambassador king queen prince princess emir sheikh sultan pope
    rev reverend fr father imam rabbi ayatollah judge justice
    """.split()
)
"""Titles and ranks, folded and without their dots; dropped from the start of a person's name."""
SUFFIXES = frozenset("jr sr ii iii iv".split())
UNNAMED_WORDS = frozenset("unnamed anonymous unidentified".split())
UNNAMED_START = frozenset("a an one two three four five several some many another".split())
DESCRIBED = frozenset("the his her their its our".split())
"""Words a person's description starts with, never a name."""

_PARENTHESES = re.compile(r"\([^)]*\)?")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_APOSTROPHES = re.compile(r"(?<=\w)'(?=\w)")  # fold() has made curly ones straight
_WORD = re.compile(r"[^\W_]+")
_INITIALS = re.compile(r"\b\w(?: \w\b)+")


def _close_up(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


class NameKey(Record):
    """A name as it links: for a person first, middle and last names and a suffix; for
    any other kind the whole folded name in ``first``."""

    __slots__ = ("first", "kind", "last", "middles", "suffix")
    kind: str
    first: str
    last: str
    suffix: str
    middles: tuple[str, ...]

    def __init__(
        self, kind: str, first: str, last: str = "", suffix: str = "", middles: tuple[str, ...] = ()
    ) -> None:
        self.kind = kind
        self.first = first
        self.last = last
        self.suffix = suffix
        self.middles = middles

    @property
    def base(self) -> tuple[str, str, str, str]:
        """What two linking names share exactly: kind, first, last, suffix."""
        return (self.kind, self.first, self.last, self.suffix)

    def links_with(self, other: NameKey) -> bool:
        return self.base == other.base and middles_agree(self.middles, other.middles)

    def text(self) -> str:
        """One line for the index; :meth:`parse` reads it back."""
        return "|".join((self.kind, self.first, self.last, self.suffix, " ".join(self.middles)))

    @classmethod
    def parse(cls, text: str) -> NameKey:
        kind, first, last, suffix, middles = text.split("|")
        return cls(kind, first, last, suffix, tuple(middles.split()))

    def words(self) -> tuple[str, ...]:
        """Its words in reading order, for comparing names that do not link."""
        if not self.last:
            return tuple(self.first.split())
        return (self.first, *self.middles, self.last, *((self.suffix,) if self.suffix else ()))


def middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """``E.`` agrees with ``Edward`` and with nothing; ``Edward`` only with ``E.`` and itself."""
    if not a or not b:
        return all(len(m) == 1 for m in a or b)
    return len(a) == len(b) and all(
        x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(a, b, strict=True)
    )


def group_middles(
    variants: Iterable[tuple[str, ...]],
) -> tuple[list[list[tuple[str, ...]]], dict[int, list[int]]]:
    """Middle-name variants of one first-and-last name, grouped; and for each group that
    could equally have joined several others, the numbers of those (precision first: it
    joins none of them).

    The most specific variants come first (``Edward``, then ``E.``, then none), and each
    joins the one group it agrees with entirely."""
    ordered = sorted(variants, key=lambda m: (-len(m), -sum(map(len, m)), m))
    groups: list[list[tuple[str, ...]]] = []
    doubtful: dict[int, list[int]] = {}
    for middles in ordered:
        fits = [i for i, g in enumerate(groups) if all(middles_agree(middles, o) for o in g)]
        if len(fits) == 1:
            groups[fits[0]].append(middles)
            continue
        if fits:
            doubtful[len(groups)] = fits
        groups.append([middles])
    return groups, doubtful


def name_words(name: str) -> list[str]:
    """The folded words of a name, parentheses left out and apostrophes closed up."""
    return plain_words(_PARENTHESES.sub(" ", name))


def plain_words(text: str, *, folded: bool = False) -> list[str]:
    """The folded words of any text as names are read: ``O'Brien's`` -> ``obrien``,
    ``Jean-Pierre`` -> ``jean``, ``pierre``; for finding a name in a sentence. ``folded``:
    the text is folded already (``briefing.search.matching.fold``)."""
    text = text if folded else fold(text)
    return _WORD.findall(_APOSTROPHES.sub("", _POSSESSIVE.sub("", text)))


def is_unnamed(name: str) -> bool:
    """Whether ``name`` describes someone unnamed ("an official", "One top U.S. official
    (unnamed)"), a title before it set aside: "Gen. An Wang" is read as "An Wang" is, so a
    title never decides whether a name links (both never do: precision first)."""
    words = _WORD.findall(fold(name))
    start = next((word for word in words if word not in TITLES), None)
    return start is None or start in UNNAMED_START or not UNNAMED_WORDS.isdisjoint(words)


@lru_cache(maxsize=65_536)
def name_key(name: str, kind: str) -> NameKey | None:
    """The key this name links by, or None when it must never link by itself.

    Cached: a library repeats the same few thousand names across its briefs.
    """
    if is_unnamed(name):
        return None
    words = name_words(name)
    if kind != "person":
        if words and words[0] == "the":
            words = words[1:]
        # "U.S. State Department" = "US State Department": initials join into one word.
        joined = " ".join(words)
        return NameKey(kind, _INITIALS.sub(_close_up, joined)) if words else None
    if words and words[0] in DESCRIBED:
        return None  # "the spokesman", "his lawyer": a description, not a name
    while words and words[0] in TITLES:
        words = words[1:]
    suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
    if len(words) < 2:
        return None
    return NameKey(kind, words[0], words[-1], suffix, tuple(words[1:-1]))
