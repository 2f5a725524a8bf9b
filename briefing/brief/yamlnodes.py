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
from dataclasses import dataclass, field
from typing import Any

import yaml

from briefing.brief.problems import Problem

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


@dataclass(slots=True)
class Scalar:
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


@dataclass(slots=True)
class Sequence:
    line: int
    col: int
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Mapping:
    line: int
    col: int
    pairs: list[tuple[Scalar, Node]] = field(default_factory=list)


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
_DOC_END = yaml.DocumentEndEvent


class _Stop(Exception):
    """Parsing cannot go on: the problem that ends it is already recorded."""


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, mark: Any, message: str, code: str, hint: str | None = None) -> None:
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, "error", message, hint, code)
        )

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

        This loop runs once per scalar of every brief on a cold start, so it dispatches on
        the event's exact class rather than through isinstance chains, and attaches a node
        to its parent inline; only the rare cases (a complex or repeated key) call out.
        """
        stack: list[Sequence | Mapping] = []
        pending_key: list[Scalar | None] = []
        seen_keys: list[dict[str, Scalar]] = []
        root: Node | None = None
        while (event := next_event()) is not None:
            kind = event.__class__
            node: Node
            if kind is _SCALAR:
                if event.tag is not None or event.anchor is not None:
                    self.check_properties(event)
                mark = event.start_mark
                node = Scalar(
                    event.value,
                    mark.line + 1,
                    mark.column + 1,
                    not event.style and event.implicit[0],
                    event.tag == _STR,
                )
            elif kind is _SEQ_START or kind is _MAP_START:
                if event.tag is not None or event.anchor is not None:
                    self.check_properties(event)
                if len(stack) >= MAX_DEPTH:
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
                node = (
                    Sequence(mark.line + 1, mark.column + 1)
                    if kind is _SEQ_START
                    else Mapping(mark.line + 1, mark.column + 1)
                )
            elif kind is _SEQ_END or kind is _MAP_END:
                stack.pop()
                pending_key.pop()
                seen_keys.pop()
                if not stack:
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
            if stack:
                parent = stack[-1]
                if isinstance(parent, Sequence):
                    parent.items.append(node)
                elif (key := pending_key[-1]) is None:
                    pending_key[-1] = node if type(node) is Scalar else self._complex(node)
                else:
                    pending_key[-1] = None
                    first = seen_keys[-1].get(key.value)
                    if first is None:
                        seen_keys[-1][key.value] = key
                        parent.pairs.append((key, node))
                    else:
                        self._repeated(key, first)
            elif type(node) is Scalar:
                return node  # a document that is one scalar
            if not isinstance(node, Scalar):
                stack.append(node)
                pending_key.append(None)
                seen_keys.append({})
                if root is None:
                    root = node
        return root

    def _complex(self, node: Node) -> Scalar:
        """A mapping or list where a key should be: reported, and an empty key stands in."""
        self.problems.append(
            Problem(
                self.path,
                node.line,
                node.col,
                "error",
                f"a key must be plain text, not {describe(node)}",
                None,
                "complex-key",
            )
        )
        return Scalar("", node.line, node.col, plain=False)

    def _repeated(self, key: Scalar, first: Scalar) -> None:
        self.problems.append(
            Problem(
                self.path,
                key.line,
                key.col,
                "error",
                f"duplicate key '{key.value}' (first at line {first.line})",
                "YAML would silently keep only the last one; remove or merge them",
                "duplicate-key",
            )
        )


_INDENTATION_ERRORS = (
    "could not find expected ':'",
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-' indicator",
)


def _character_problem(path: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML refuses (U+FFFE, a lone surrogate ...), placed by finding it.

    The error's own position is in characters for PyYAML but in bytes for libyaml.
    """
    char = chr(error.character) if isinstance(error.character, int) else "\ufffd"
    offset = max(text.find(char), 0)
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - before.rfind("\n")
    message = f"YAML syntax: character U+{ord(char):04X} is not allowed"
    return Problem(
        path, line, col, "error", message, "remove it; briefs are plain text", "yaml-syntax"
    )


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        return _character_problem(path, text, error)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    opened = getattr(error, "context_mark", None)
    if opened is not None and mark is not None and opened.line != mark.line:
        message += f", which began at line {opened.line + 1}, col {opened.column + 1}"
    lines = text.split("\n")
    at_fault = lines[line - 1][col - 1 :] if line - 1 < len(lines) else ""
    hint = None
    if at_fault.startswith("\t") or "tab character" in problem or "'\\t'" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "quote text that contains ': ', or check the indentation above"
    elif any(text in problem for text in _INDENTATION_ERRORS):
        hint = "check the indentation of this line and the one before"
    elif "flow" in (context or "") or "flow" in problem:
        hint = "a '[' or '{' may be left unclosed"
    elif "quoted scalar" in (context or "") and "end of stream" in problem:
        hint = "a quote may be left unclosed"
    elif "unknown escape" in problem:
        hint = "in double quotes write a backslash as \\\\, or use single quotes"
    return Problem(path, line, col, "error", message, hint, "yaml-syntax")


_OWN_DEPTH_LIMIT = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (PyYAML 6.0.4) refuses about 1,000 open brackets with this, while it
still looks ahead for a key: before the event that :data:`MAX_DEPTH` refuses is ever seen."""


def parse_nodes(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into nodes; never raises for any input text.

    The depth rule must not depend on which libyaml is installed: when libyaml stops on
    its own nesting limit, the text is read again by the pure-Python parser, which has
    none and reaches the :data:`MAX_DEPTH` event, so every parser reports the same
    ``too-deep`` problem at the same place.
    """
    root, problems = _parse_nodes(text, path, _LOADER)
    if (
        _LOADER is not yaml.SafeLoader
        and problems
        and problems[-1].code == "yaml-syntax"
        and _OWN_DEPTH_LIMIT in problems[-1].message
    ):
        root, problems = _parse_nodes(text, path, yaml.SafeLoader)
    return root, problems


def _parse_nodes(text: str, path: str, loader_class: Any) -> tuple[Node | None, list[Problem]]:
    builder = _Builder(path)
    loader = None
    root: Node | None = None
    try:
        loader = loader_class(text)  # reads the text's start: may raise already
        next_event = loader.get_event
        while (event := next_event()) is not None:
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None or builder.problems:
                    builder.error(
                        event.start_mark,
                        "a brief holds one YAML document; this file has several",
                        "multiple-documents",
                        "remove the '---' line, or split the file in two",
                    )
                    break
                root = builder.build(next_event)
                if root is None:
                    root = Scalar("", 1, 1, plain=True)
    except _Stop:
        pass
    except yaml.YAMLError as error:
        builder.problems.append(_syntax_problem(path, text, error))
    except (RecursionError, MemoryError, ValueError) as error:  # defensive: never a traceback
        builder.problems.append(Problem(path, 1, 1, "error", f"unreadable YAML: {error}"))
    finally:
        if loader is not None:
            loader.dispose()
    return root, builder.problems
