"""The query language of the search box and of ``briefing list``, ``actors`` and ``timeline``.

A query is words, as search takes them (``briefing.search.matching``: folded, word
prefixes, ``"quoted phrases"``), and field filters, combinable with both and each other:

==========================  ===============================================================
``tag:sahel``               a tag, folded (case and accents); ``tag:sah*`` any tag starting so
``actor:langley``           an actor whose name, aliases or entity hold every word (prefixes)
``entity:michael-langley``  one entity across the library, by its key (``briefing actors``)
``outlet:"Associated P"``   a source whose outlet holds every word (prefixes)
``after:2024-03``           dated in or after March 2024 (a day, a month or a year)
``before:2024-06-30``       dated on or before 30 June 2024
``is:new``                  new or changed since the user last opened it
``-tag:draft``, ``-word``   a leading ``-`` excludes
==========================  ===============================================================

``after`` and ``before`` include the period they name, and compare periods: a brief dated
``2024-03`` is kept by ``after:2024-03-15``, as it may be later in March. Undated briefs
pass neither (and so pass ``-after:...``).

:func:`parse` never raises: an unknown field, a bad date or a filter without a value
is a :class:`QueryError` with its place in the text, and that part is left out, so the
rest still applies while the user is typing. Field names are case-insensitive.
Anything of the form ``name:value`` with a name of letters only is a filter; text with
a colon is searched for by quoting it (``"12:30"`` needs no quotes: digits are no name).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from briefing.brief.dates import parse_date
from briefing.search.matching import Query, fold, parse_query, tokens

Field = Literal["tag", "actor", "entity", "outlet", "after", "before", "is"]
FIELDS: tuple[Field, ...] = ("tag", "actor", "entity", "outlet", "after", "before", "is")
IS_VALUES = ("new",)

_PART = re.compile(
    r"""(?P<neg>-(?=\S))?
        (?:(?P<name>[A-Za-z]+):(?:"(?P<qvalue>[^"]*)(?P<qclosed>"?)|(?P<value>[^\s"]*))
          |"(?P<phrase>[^"]*)(?P<pclosed>"?)
          |(?P<word>[^\s"]+))""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Filter:
    """One ``field:value``, parsed and checked."""

    field: Field
    value: str
    """As typed, without its quotes."""
    negated: bool
    start: int
    """Offset of its first character (the ``-`` when negated) in the query text."""
    end: int
    words: tuple[str, ...] = ()
    """``actor`` and ``outlet``: the folded words, each a word prefix; ``tag``: the folded
    tag; ``entity``: the key (one element each)."""
    prefix: bool = False
    """``tag``: ``tag:x*``, any tag starting with the value."""
    date: dt.date | None = None
    """``after`` and ``before``: the day, or the ``PartialDate`` (a month, a year) named."""


@dataclass(frozen=True, slots=True)
class QueryError:
    message: str
    start: int
    end: int

    def format(self) -> str:
        """One line for a message under the search box or on stderr."""
        return f"{self.message} (at column {self.start + 1})"


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    words: Query = field(default_factory=Query)
    """The words and phrases every result must match (``SearchIndex.search`` takes it)."""
    excluded: tuple[Query, ...] = ()
    """Each ``-word`` or ``-"phrase"``: a brief where it matches is left out."""
    filters: tuple[Filter, ...] = ()
    errors: tuple[QueryError, ...] = ()

    @property
    def has_filters(self) -> bool:
        """True when anything but words narrows the briefs (filters or exclusions)."""
        return bool(self.filters or self.excluded)

    def __bool__(self) -> bool:
        return bool(self.words or self.excluded or self.filters)


def parse(text: str) -> ParsedQuery:
    """The query in ``text``; never raises (see the module docstring)."""
    words: list[str] = []
    excluded: list[Query] = []
    filters: list[Filter] = []
    errors: list[QueryError] = []
    for match in _PART.finditer(text):
        negated = match.group("neg") is not None
        start, end = match.span()
        name = match.group("name")
        if name is not None:
            quoted = match.group("qvalue")
            value = quoted if quoted is not None else match.group("value")
            found = _filter(name.lower(), value, negated, start, end)
            if isinstance(found, QueryError):
                errors.append(found)
            else:
                filters.append(found)
            continue
        phrase = match.group("phrase")
        part = match.group("word") if phrase is None else f'"{phrase}{match.group("pclosed")}'
        if negated:
            query = parse_query(part)
            if query:
                excluded.append(query)
        else:
            words.append(part)
    return ParsedQuery(
        text, parse_query(" ".join(words)), tuple(excluded), tuple(filters), tuple(errors)
    )


def _filter(name: str, value: str, negated: bool, start: int, end: int) -> Filter | QueryError:
    if name not in FIELDS:
        return QueryError(
            f"unknown filter '{name}:' (filters: {', '.join(f + ':' for f in FIELDS)}); "
            'to search for text with a colon, put it in quotes: "a:b"',
            start,
            end,
        )
    kind: Field = name  # checked just above: one of FIELDS
    if not value.strip():
        return QueryError(f"'{name}:' needs a value", start, end)
    if kind in ("after", "before"):
        date = parse_date(value.strip())
        if date is None:
            return QueryError(
                f"'{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", start, end
            )
        return Filter(kind, value, negated, start, end, date=date)
    if kind == "is":
        if value.lower() not in IS_VALUES:
            return QueryError(
                f"'is:{value}' is not known (use {', '.join('is:' + v for v in IS_VALUES)})",
                start,
                end,
            )
        return Filter(kind, value.lower(), negated, start, end)
    if kind == "entity":
        return Filter(kind, value.strip(), negated, start, end, (value.strip(),))
    if kind == "tag":
        prefix = value.endswith("*")
        folded = " ".join(fold(value.rstrip("*")).split())
        if not folded:
            return QueryError(f"'{name}:' needs a value", start, end)
        return Filter(kind, value, negated, start, end, (folded,), prefix)
    found = tuple(tokens(fold(value)))
    if not found:
        return QueryError(f"'{name}:{value}' has no word to look for", start, end)
    return Filter(kind, value, negated, start, end, found)
