"""Read YAML text into a small tree of marked nodes, refusing what a brief never needs.

PyYAML's own composer and constructor are not used: they expand aliases (a
500-byte "billion laughs" file explodes later), recurse until RecursionError
(pure Python) or a segfault (libyaml, about 30,000 nested ``[``), keep the
last of duplicate keys without a word, and build Python objects from tags.
Walking the parser's event stream ourselves lets each of those become a
:class:`Problem` at the exact line and column, and keeps every scalar as the
text that was written, so YAML 1.1 surprises (``NO`` -> false) can be reported
instead of silently converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from briefing.brief.positions import Positions
from briefing.brief.problems import Problem
from briefing.brief.pyyaml import yaml
from briefing.brief.yamlerrors import syntax_problem

MAX_DEPTH = 32
"""A brief needs five levels; anything near this bound is an attack or an accident."""

_LOADER: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {None, "!", _STR, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

_TYPE_WORDS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date or time",
    "tag:yaml.org,2002:null": "empty (null)",
}


class Scalar(NamedTuple):
    """A scalar as written, where it was written.

    A named tuple rather than a dataclass: a cold load makes one for every key and value
    of every brief, and :func:`_scalar` makes one without a call into Python, where a
    dataclass's ``__init__`` is a Python function. Never changed once made: placed anew
    (:func:`_move`) by making another.
    """

    value: str
    line: int
    col: int
    plain: bool
    """Written without quotes, so YAML 1.1 may read it as something other than text."""
    explicit_str: bool = False

    @property
    def implicit_type(self) -> str | None:
        """What a YAML 1.1 tool would make of this plain scalar, when not text."""
        if not self.plain or self.explicit_str:
            return None
        return _TYPE_WORDS.get(_resolve_plain(self.value))


_scalar = tuple.__new__
"""``_scalar(Scalar, (value, line, col, plain, explicit_str))``: a :class:`Scalar`, made in C."""


class Sequence:
    """A list, its items added as they are read. Written out rather than a ``@dataclass``:
    ``dataclasses`` imports ``inspect`` and a third of the standard library with it, which a
    process that parses (``check``, a helper) need not load."""

    __slots__ = ("col", "items", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.items: list[Node] = []

    def __repr__(self) -> str:
        return f"Sequence(line={self.line}, col={self.col}, items={self.items!r})"


class Mapping:
    """A mapping, its pairs added as they are read (see :class:`Sequence`)."""

    __slots__ = ("col", "line", "pairs")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.pairs: list[tuple[Scalar, Node]] = []

    def __repr__(self) -> str:
        return f"Mapping(line={self.line}, col={self.col}, pairs={self.pairs!r})"


Node = Scalar | Sequence | Mapping


def describe(node: Node) -> str:
    """A node's kind in an author's words, for messages such as "expected text, found a list"."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return node.implicit_type or "text"


_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    key: list(value) for key, value in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


def _resolve_plain(value: str) -> str:
    candidates = _RESOLVERS.get(value[:1] if value else "", [])
    if not value:
        candidates = _RESOLVERS.get("", [])
    for tag, pattern in candidates:
        if pattern.match(value):
            return tag
    return _STR


_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_DOC_START, _DOC_END = yaml.DocumentStartEvent, yaml.DocumentEndEvent


class _Stop(Exception):
    """Parsing cannot go on: the problem that ends it is already recorded."""


class _Builder:
    def __init__(self, path: str, positions: Positions | None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.positions = positions
        self._complex: set[int] = set()
        """Ids of the stand-in keys of complex keys: each is a problem of its own, never
        a duplicate of another."""

    def place(self, line: int, col: int) -> tuple[int, int]:
        """A parser's place (1-based) as an editor shows it."""
        return (line, col) if self.positions is None else self.positions.mark(line, col)

    def fail(self, line: int, col: int, message: str, code: str, hint: str | None) -> None:
        line, col = self.place(line, col)
        self.problems.append(Problem(self.path, line, col, "error", message, hint, code))

    def error(self, mark: Any, message: str, code: str, hint: str | None = None) -> None:
        self.fail(mark.line + 1, mark.column + 1, message, code, hint)

    def check_properties(self, event: Any) -> None:
        """Anchors and tags: rare, so only looked at when an event carries one."""
        if getattr(event, "anchor", None) is not None:
            self.error(
                event.start_mark,
                f"anchor '&{event.anchor}' is not allowed in a brief",
                "alias",
                "write the value out in full; anchors and aliases are rejected",
            )
        tag: str | None = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag
            self.error(
                event.start_mark,
                f"tag '{shown}' is not allowed in a brief",
                "unknown-tag",
                "remove the tag; briefs hold plain text, lists and mappings only",
            )

    def build(self, next_event: Callable[[], Any]) -> Node | None:
        """Turn one document's events into nodes, iteratively (no recursion, no depth limit hit).

        This loop runs once per event of every brief on a cold start, where it is most of
        the time not spent in libyaml itself: it asks the parser for each event directly
        (no generator in between), dispatches on the event's exact class rather than
        through isinstance chains, and keeps the open collection's state in locals (a
        frame of them is saved per level), attaching a value to it inline.
        """
        saved: list[tuple[Any, bool, Any, Scalar | None, dict[str, Scalar]]] = []
        """The enclosing collections' state, innermost last: see the locals below."""
        parent: Sequence | Mapping | None = None
        in_mapping = False
        """Whether ``parent`` is a mapping; ``into`` is its pairs (or its items)."""
        into: Any = None
        key: Scalar | None = None
        """The key read in ``parent`` whose value is still to come."""
        seen: dict[str, Scalar] = {}
        """Keys of ``parent`` so far (a mapping's), for duplicates."""
        complex_keys = self._complex
        make = _scalar
        root: Node | None = None
        scalar, seq_start, map_start = _SCALAR, _SEQ_START, _MAP_START
        seq_end, map_end = _SEQ_END, _MAP_END
        while (event := next_event()) is not None:
            kind = event.__class__
            node: Node
            if kind is scalar:
                if event.tag is not None or event.anchor is not None:
                    self.check_properties(event)
                mark = event.start_mark
                node = make(
                    Scalar,
                    (
                        event.value,
                        mark.line + 1,
                        mark.column + 1,
                        not event.style and event.implicit[0],
                        event.tag == _STR,
                    ),
                )
                # The common cases first: a key, a text value under its key, a list item.
                if in_mapping:
                    if key is None:
                        key = node
                        continue
                    if not complex_keys and key.value not in seen:
                        seen[key.value] = key
                        into.append((key, node))
                        key = None
                        continue
                elif parent is not None:
                    into.append(node)
                    continue
            elif kind is seq_start or kind is map_start:
                if event.tag is not None or event.anchor is not None:
                    self.check_properties(event)
                if len(saved) >= MAX_DEPTH:
                    self.error(
                        event.start_mark,
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "too-deep",
                        "a brief needs only a few levels; check for runaway brackets"
                        if event.flow_style
                        else "a brief needs only a few levels; check the indentation",
                    )
                    raise _Stop
                mark = event.start_mark
                container: Sequence | Mapping = (
                    Sequence(mark.line + 1, mark.column + 1)
                    if kind is seq_start
                    else Mapping(mark.line + 1, mark.column + 1)
                )
                if parent is not None:
                    key = self._attach(parent, in_mapping, into, key, seen, container)
                    saved.append((parent, in_mapping, into, key, seen))
                else:
                    saved.append((None, False, None, None, {}))
                parent, key, seen = container, None, {}
                if kind is seq_start:
                    in_mapping, into = False, container.items  # type: ignore[union-attr]
                else:
                    in_mapping, into = True, container.pairs  # type: ignore[union-attr]
                if root is None:
                    root = container
                continue
            elif kind is seq_end or kind is map_end:
                parent, in_mapping, into, key, seen = saved.pop()
                if not saved:
                    return root
                continue
            elif kind is _ALIAS:
                self.error(
                    event.start_mark,
                    f"alias '*{event.anchor}' is not allowed in a brief",
                    "alias",
                    "write the value out in full; anchors and aliases are rejected",
                )
                mark = event.start_mark
                node = Scalar("", mark.line + 1, mark.column + 1, plain=True)
            elif kind is _DOC_END:
                return root
            else:
                continue
            if parent is None:
                return node
            key = self._attach(parent, in_mapping, into, key, seen, node)
        return root

    def _attach(
        self,
        parent: Sequence | Mapping,
        in_mapping: bool,
        into: Any,
        key: Scalar | None,
        seen: dict[str, Scalar],
        node: Node,
    ) -> Scalar | None:
        """Put ``node`` into ``parent`` (whose pending key is ``key``); returns the pending key
        after it."""
        if not in_mapping:
            into.append(node)
            return key
        if key is None:
            if isinstance(node, Scalar):
                return node
            self.fail(
                node.line,
                node.col,
                f"a key must be plain text, not {describe(node)}",
                "complex-key",
                None,
            )
            stand_in = Scalar("", node.line, node.col, plain=False)
            self._complex.add(id(stand_in))
            return stand_in
        if id(key) in self._complex:
            into.append((key, node))
            return None
        first = seen.get(key.value)
        if first is not None:
            first_line, _col = self.place(first.line, first.col)
            self.fail(
                key.line,
                key.col,
                f"duplicate key '{key.value}' (first at line {first_line})",
                "duplicate-key",
                "YAML would silently keep only the last one; remove or merge them",
            )
            return None
        seen[key.value] = key
        into.append((key, node))
        return None


_OWN_DEPTH_LIMIT = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (PyYAML 6.0.4) refuses about 1,000 open brackets with this, while it
still looks ahead for a key: before the event that :data:`MAX_DEPTH` refuses is ever seen."""


def parse_nodes(
    text: str, path: str, positions: Positions | None = None
) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into nodes; never raises for any input text.

    The depth rule must not depend on which libyaml is installed: when libyaml stops on
    its own nesting limit, the text is read again by the pure-Python parser, which has
    none and reaches the :data:`MAX_DEPTH` event, so every parser reports the same
    ``too-deep`` problem at the same place.

    ``positions`` maps the parser's places to the file as written (see
    ``briefing.brief.positions``): given, every node and problem is placed as an editor
    shows it. Without it, the text is taken to be the file as written and to hold none of
    the line breaks only YAML sees.
    """
    root, problems = _parse_nodes(text, path, _LOADER, positions)
    if (
        _LOADER is not yaml.SafeLoader
        and problems
        and problems[-1].code == "yaml-syntax"
        and _OWN_DEPTH_LIMIT in problems[-1].message
    ):
        root, problems = _parse_nodes(text, path, yaml.SafeLoader, positions)
    if positions is not None and root is not None:
        root = _move(root, positions)
    return root, problems


def _move(root: Node, positions: Positions) -> Node:
    """Every node placed as an editor shows it (after it was built: the loop that builds
    nodes runs for every scalar of every brief, and most files need no map). Scalars are
    made anew, collections changed in place; returns the root so placed."""
    mark = positions.mark

    def placed(scalar: Scalar) -> Scalar:
        line, col = mark(scalar.line, scalar.col)
        return scalar._replace(line=line, col=col)

    def moved(node: Node) -> Node:
        if isinstance(node, Scalar):
            return placed(node)
        stack.append(node)
        return node

    stack: list[Sequence | Mapping] = []
    root = moved(root)
    while stack:
        container = stack.pop()
        container.line, container.col = mark(container.line, container.col)
        if isinstance(container, Mapping):
            container.pairs = [(placed(key), moved(value)) for key, value in container.pairs]
        else:
            container.items = [moved(item) for item in container.items]
    return root


def _parse_nodes(
    text: str, path: str, loader_class: Any, positions: Positions | None
) -> tuple[Node | None, list[Problem]]:
    builder = _Builder(path, positions)
    loader = None
    root: Node | None = None
    try:
        loader = loader_class(text)  # the pure-Python reader may refuse the text already
        next_event = loader.get_event
        while (event := next_event()) is not None:
            if event.__class__ is _DOC_START:
                if root is not None or builder.problems:
                    builder.error(
                        event.start_mark,
                        "a brief holds one YAML document; this file has several",
                        "multiple-documents",
                        "remove the '---' line, or split the file in two",
                    )
                    break
                root = builder.build(next_event)
                if root is None or (isinstance(root, Scalar) and root.plain and not root.value):
                    root = Scalar("", 1, 1, plain=True)  # nothing written: empty from its start
    except _Stop:
        pass
    except yaml.YAMLError as error:
        builder.problems.append(syntax_problem(path, text, error, positions))
    except (RecursionError, MemoryError, ValueError) as error:  # defensive: never a traceback
        builder.problems.append(Problem(path, 1, 1, "error", f"unreadable YAML: {error}"))
    finally:
        if loader is not None:
            loader.dispose()
    return root, builder.problems
