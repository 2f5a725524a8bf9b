"""What the model's classes are built from: packed prose, written-out methods, ``Lines``.

Apart from model.py so that the model reads as the list of its fields.

Why hand-written rather than ``@dataclass``: ``@dataclass`` generates ``__init__``,
``__eq__``, ``__hash__`` and ``__repr__`` from source text at import, in every start
before the first frame; written out, that code is loaded from the .pyc. A ``Record``
is not a dataclass and does not pretend to be one: it has its own small ``replace``.
The search's records (``briefing.search``) are ``Record``s too: every helper process
that parses briefs imports them to index what it parsed, and ``dataclasses`` alone
(with ``inspect``, which it imports) would be a third of such a helper's imports.

Why packed: CPython stores a string holding one letter beyond Latin-1 (Ł, ș, İ) at
two bytes a character, and most prose of a real library has one. Such a field is
kept as UTF-8 bytes, about half the size, and decoded when read. ASCII text is kept
as it is: reading it costs the property call alone.

(What each of these saves is in benchmarks/results.md, "Costs behind the code".)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from operator import attrgetter
from typing import Any, ClassVar, Self

_UTF8, _EXACT = "utf-8", "surrogatepass"
"""Lone surrogates (a YAML ``\\ud800`` escape) survive the round trip through bytes."""


def pack(text: str) -> str | bytes:
    """How a prose field is stored: ASCII as it is, anything else as UTF-8.

    Anything that is not text raises ``TypeError``: the one way a value of another type
    reaches a model (a damaged index row) is caught there, and that file parsed instead.
    """
    if text.__class__ is str:
        return text if text.isascii() else text.encode(_UTF8, _EXACT)
    if not isinstance(text, str):
        raise TypeError(f"expected text, not {type(text).__name__}")
    return text


def packed(slot: str) -> Any:
    """The class attribute reading a field stored by :func:`pack` in ``slot``, as a ``str``.

    A ``property`` (cheaper to read than a descriptor class of our own); typed ``Any`` as
    the type checker is told the field is a ``str``.
    """
    read = attrgetter(slot)

    def get(record: object) -> str:
        value = read(record)
        return value.decode(_UTF8, _EXACT) if value.__class__ is bytes else value

    return property(get)


class Record:
    """Equality, hashing, repr and ``replace`` over the annotated fields.

    A subclass annotates its fields in order, lists their slots and writes an ``__init__``
    taking every field by name: a field whose slot is not its own name is stored under
    ``_name`` (packed, or named in ``_uncompared``, which equality and hashing leave out).
    Equality compares the stored values: packing is a function of the text, so equal
    texts are stored equal.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    """Field names in order, for repr."""
    _compared: ClassVar[attrgetter[Any]]
    """The stored values equality and hashing use."""
    _uncompared: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        # Its own annotations (strings): inspect.get_annotations would import inspect.
        cls._fields = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
        slots = cls.__dict__["__slots__"]
        compared = [f for f in cls._fields if f not in cls._uncompared]
        cls._compared = attrgetter(*(f if f in slots else f"_{f}" for f in compared))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._compared(self) == self._compared(other))

    def __hash__(self) -> int:
        return hash(self._compared(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with the fields named in ``changes`` set to their values (the record
        itself is never changed); an unknown field is a ``TypeError``."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        build: Any = type(self)  # every subclass's __init__ takes its fields by name
        copy: Self = build(**values)
        return copy

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The field names, in order."""
        return cls._fields


LINE_KEYS = (
    "title",
    "date",
    "tags",
    "summary",
    "sources",
    "actors",
    "quotes",
    "open_questions",
    "timeline",
    "discrepancies",
    "related",
)
"""The top-level keys of a brief, in the schema's order: the only keys ``Lines`` holds."""
_LINE_AT = {key: number for number, key in enumerate(LINE_KEYS)}


class Lines(Mapping[str, int]):
    """Line of each top-level key of a brief: a read-only mapping over one tuple.

    Smaller than a dict of a brief's eight keys, for a library of thousands of briefs.
    Keys outside :data:`LINE_KEYS` raise ``KeyError`` when one is built; keys
    iterate in :data:`LINE_KEYS` order, not the file's.
    """

    __slots__ = ("_at",)

    def __init__(self, lines: Mapping[str, int] | Iterable[tuple[str, int]] = ()) -> None:
        given = lines if lines.__class__ is dict else dict(lines)
        self._at = at = tuple(map(given.get, LINE_KEYS))
        if len(given) != len(at) - at.count(None):  # a key of no brief (or a line of None)
            for key in given:
                _LINE_AT[key]  # raises KeyError for the first key of no brief

    def __getitem__(self, key: str) -> int:
        line = self._at[_LINE_AT[key]]
        if line is None:
            raise KeyError(key)
        return line

    def get(self, key: str, default: Any = None) -> Any:
        number = _LINE_AT.get(key)
        line = None if number is None else self._at[number]
        return default if line is None else line

    def __contains__(self, key: object) -> bool:
        number = _LINE_AT.get(key) if isinstance(key, str) else None
        return number is not None and self._at[number] is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key, line in zip(LINE_KEYS, self._at, strict=True) if line is not None)

    def __len__(self) -> int:
        return len(self._at) - self._at.count(None)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines):
            return self._at == other._at
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, unhashable like dict

    def __repr__(self) -> str:
        return f"Lines({dict(self)!r})"
