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
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from briefing.problems import Problem

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

    def build(self, events: Iterator[Any]) -> Node | None:
        """Turn one document's events into nodes, iteratively (no recursion, no depth limit hit)."""
        stack: list[Sequence | Mapping] = []
        pending_key: list[Scalar | None] = []
        seen_keys: list[dict[str, Scalar]] = []
        root: Node | None = None
        for event in events:
            node: Node | None = None
            if isinstance(event, yaml.ScalarEvent):
                self.check_properties(event)
                mark: Any = event.start_mark
                plain = event.style in (None, "") and bool(event.implicit[0])
                node = Scalar(event.value, mark.line + 1, mark.column + 1, plain, event.tag == _STR)
            elif isinstance(event, yaml.AliasEvent):
                self.error(
                    event.start_mark,
                    f"alias '*{event.anchor}' is not allowed in a brief",
                    "alias",
                    "write the value out in full; anchors and aliases are rejected",
                )
                mark = event.start_mark
                node = Scalar("", mark.line + 1, mark.column + 1, plain=True)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self.check_properties(event)
                if len(stack) >= MAX_DEPTH:
                    self.error(
                        event.start_mark,
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "too-deep",
                        "a brief needs only a few levels; check for runaway brackets",
                    )
                    raise _Stop
                mark = event.start_mark
                container: Sequence | Mapping = (
                    Sequence(mark.line + 1, mark.column + 1)
                    if isinstance(event, yaml.SequenceStartEvent)
                    else Mapping(mark.line + 1, mark.column + 1)
                )
                self._attach(stack, pending_key, seen_keys, container)
                stack.append(container)
                pending_key.append(None)
                seen_keys.append({})
                if root is None:
                    root = container
                continue
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                stack.pop()
                pending_key.pop()
                seen_keys.pop()
                if not stack:
                    return root
                continue
            elif isinstance(event, yaml.DocumentEndEvent):
                return root
            else:
                continue
            if not stack:
                return node
            self._attach(stack, pending_key, seen_keys, node)
        return root

    def _attach(
        self,
        stack: list[Sequence | Mapping],
        pending_key: list[Scalar | None],
        seen_keys: list[dict[str, Scalar]],
        node: Node,
    ) -> None:
        if not stack:
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if isinstance(node, Scalar):
                pending_key[-1] = node
            else:
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
                pending_key[-1] = Scalar("", node.line, node.col, plain=False)
            return
        pending_key[-1] = None
        first = seen_keys[-1].get(key.value)
        if first is not None:
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
            return
        seen_keys[-1][key.value] = key
        parent.pairs.append((key, node))


def _events(text: str) -> Generator[Any, None, None]:
    loader = _LOADER(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
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
    if at_fault.startswith("\t") or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "quote text that contains ': ', or check the indentation above"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "check the indentation of this line and the one before"
    elif "flow" in (context or "") or "flow" in problem:
        hint = "a '[' or '{' may be left unclosed"
    return Problem(path, line, col, "error", message, hint, "yaml-syntax")


def parse_nodes(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into nodes; never raises for any input text."""
    builder = _Builder(path)
    events = _events(text)
    root: Node | None = None
    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None or builder.problems:
                    builder.error(
                        event.start_mark,
                        "a brief holds one YAML document; this file has several",
                        "multiple-documents",
                        "remove the '---' line, or split the file in two",
                    )
                    break
                root = builder.build(events)
                if root is None:
                    root = Scalar("", 1, 1, plain=True)
    except _Stop:
        pass
    except yaml.YAMLError as error:
        builder.problems.append(_syntax_problem(path, text, error))
    except (RecursionError, MemoryError, ValueError) as error:  # defensive: never a traceback
        builder.problems.append(Problem(path, 1, 1, "error", f"unreadable YAML: {error}"))
    finally:
        events.close()
    return root, builder.problems
