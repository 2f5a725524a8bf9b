"""Check a parsed node tree against the format, field by field.

Every problem is collected, in the author's words and at the node's line and
column, so one run of ``briefing check`` shows everything wrong with a file.
``briefing.brief.build`` runs this, then the cross-references, then builds the model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any
from urllib.parse import urlsplit

from briefing.brief import model
from briefing.brief.dates import parse_date
from briefing.brief.problems import Placed, Problem, Severity
from briefing.brief.sanitize import clean, first_control
from briefing.brief.schema import Field, ObjectSpec, Values
from briefing.brief.yamlnodes import Mapping, Node, Scalar, Sequence, describe


class Validator:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(
        self,
        node: Placed,
        message: str,
        code: str,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> None:
        self.problems.append(Problem(self.path, node.line, node.col, severity, message, hint, code))

    # -- scalars -------------------------------------------------------------------------

    def text(self, node: Node, where: str, *, required: bool) -> str | None:
        if not isinstance(node, Scalar):
            self.report(node, f"{where} should be text, not {describe(node)}", "wrong-type")
            return None
        implicit = node.implicit_type
        if implicit == "empty (null)":
            if required and node.value:  # written as ~ or null, not left blank
                self.report(
                    node,
                    f"{where} '{node.value}' is read by YAML as empty (null), not as text",
                    "yaml11-value",
                    f'quote it: "{node.value}"',
                )
            elif required:
                self.report(node, f"{where} is empty", "empty-value")
            return None
        if implicit is not None:
            seen = _as_yaml_reads(node.value)
            self.report(
                node,
                f"{where} '{node.value}' is read by YAML as {implicit}{seen}, not as text",
                "yaml11-value",
                f'quote it: "{node.value}"',
            )
            return None
        value, changed = clean(node.value)
        if changed:
            self.report(
                node,
                f"{where} contained control characters or terminal escape sequences; "
                "they were removed",
                "control-chars",
                severity="warning",
            )
        if required and not value.strip():
            self.report(node, f"{where} is empty", "empty-value")
            return None
        if value[:4].upper() == "TODO":
            self.report(
                node,
                f"{where} is still a TODO",
                "todo",
                "fill it in before sharing the brief",
                severity="warning",
            )
        return value

    def convert(self, field: Field, node: Node, where: str) -> Any:
        kind = field.kind
        if kind in ("text", "markdown", "ref"):
            return self.text(node, where, required=field.required)
        if kind == "id":
            if field.name == "entity":
                return self._id(node, where, "use an id such as 'michael-langley'")
            return self._id(node, where)
        if kind == "date":
            return self._date(node, where)
        if kind == "url":
            value = self.text(node, where, required=False)
            if value is None:
                return None
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                self.report(
                    node,
                    f"{where} '{value}' is not an http or https address",
                    "invalid-url",
                    "only http:// and https:// links are allowed",
                )
                return None
            return value
        if kind == "enum":
            value = self.text(node, where, required=False)
            if value is None:
                return None
            if value not in field.choices:
                self.report(
                    node,
                    f"{where} '{value}' is not one of: {', '.join(field.choices)}",
                    "invalid-choice",
                    _did_you_mean(value, field.choices),
                )
                return None
            return value
        if kind in ("texts", "refs"):
            return self._texts(node, where)
        if kind == "ids":
            return self._links(node, where)
        assert field.item is not None
        return self._objects(field, node, where)

    def _date(self, node: Node, where: str) -> dt.date | None:
        if not isinstance(node, Scalar):
            self.report(node, f"{where} should be a date, not {describe(node)}", "wrong-type")
            return None
        date = parse_date(node.value)
        if date is None:
            self.report(
                node,
                f"{where} '{node.value}' is not a valid date",
                "invalid-date",
                "write dates as YYYY-MM-DD, e.g. 2024-04-11; a month as YYYY-MM, a year as YYYY",
            )
        return date

    def _id(
        self, node: Node, where: str, hint: str = "use a short id such as 'ap' or 'john-lechner'"
    ) -> str | None:
        value = self.text(node, where, required=True)
        if value is not None and re.search(r"\s", value):
            self.report(node, f"{where} '{value}' contains spaces", "invalid-id", hint)
            return None
        return value

    def _list(self, node: Node, where: str) -> list[Node] | None:
        if not isinstance(node, Sequence):
            self.report(
                node,
                f"{where} should be a list, not {describe(node)}",
                "wrong-type",
                "write a list as [a, b] or one '- item' per line",
            )
            return None
        return node.items

    def _texts(self, node: Node, where: str) -> tuple[str, ...] | None:
        items = self._list(node, where)
        if items is None:
            return None
        values = [self.text(item, f"{where} item", required=True) for item in items]
        return tuple(v for v in values if v is not None)

    def _links(self, node: Node, where: str) -> tuple[model.Related, ...] | None:
        """Ids of other briefs, each kept with its place for the library's checks."""
        items = self._list(node, where)
        if items is None:
            return None
        links = []
        for item in items:
            value = self._id(
                item, f"{where} item", "a brief's id is its path in the library without .yaml"
            )
            if value is not None:
                links.append(model.Related(value, item.line, item.col))
        return tuple(links)

    def _objects(self, field: Field, node: Node, where: str) -> list[Values] | None:
        assert field.item is not None
        if not isinstance(node, Sequence):
            self.report(
                node,
                f"{where} should be a list, not {describe(node)}",
                "wrong-type",
                f"write one '- ' entry per {field.item.name}",
            )
            return None
        if len(node.items) < field.min_items:
            self.report(
                node,
                f"{where} needs at least {field.min_items} entries, found {len(node.items)}",
                "too-few",
            )
        objects = [self.object(field.item, item) for item in node.items]
        return [o for o in objects if o is not None]

    # -- mappings ------------------------------------------------------------------------

    def object(self, spec: ObjectSpec, node: Node) -> Values | None:
        """Validate one mapping against its spec, keeping whatever fields are usable.

        Partial objects are kept so that reference checks still run over them:
        an author sees every problem in one pass, not one per fix.
        """
        if not isinstance(node, Mapping):
            self.report(
                node,
                f"each {spec.name} should be a mapping of keys, not {describe(node)}",
                "wrong-type",
            )
            return None
        at: dict[str, Node] = {}
        values: Values = {"__line__": node.line, "__node__": node, "__at__": at}
        fields, required = _table(spec)
        for key, value_node in node.pairs:
            found = fields.get(key.value)
            if found is None:
                self.report(
                    key,
                    f"unknown key '{key.value}' in {spec.name}",
                    "unknown-key",
                    _did_you_mean(key.value, spec.names),
                    severity="warning",
                )
                continue
            field, where = found
            at[field.name] = value_node
            if field.kind in _PROSE and value_node.__class__ is Scalar:
                # Most values of a brief are text with nothing to say about them: kept as
                # they are without the checks that would each find nothing.
                text = value_node.value
                if (
                    value_node.implicit_type is None
                    and text.strip()
                    and text[:4].upper() != "TODO"
                    and not first_control(text)
                ):
                    values[field.name] = text
                    continue
            converted = self.convert(field, value_node, where)
            if converted is not None:
                values[field.name] = converted
        for name in required:
            if name not in at:
                self.report(node, f"{spec.name} is missing required key '{name}'", "missing-key")
        return values


_PROSE = frozenset({"text", "markdown", "ref"})
"""Kinds whose value is the text itself (:meth:`Validator.text`)."""

_TABLES: dict[int, tuple[ObjectSpec, dict[str, tuple[Field, str]], list[str]]] = {}
"""Per spec: each field by name with the words messages call it, and the required names;
worked out once, not for every key of every brief."""


def _table(spec: ObjectSpec) -> tuple[dict[str, tuple[Field, str]], list[str]]:
    made = _TABLES.get(id(spec))
    if made is None or made[0] is not spec:
        fields = {}
        for field in spec.fields:
            if spec.name == "brief":
                where = field.name
            elif spec.name.endswith(field.name):  # "open question", not "... question question"
                where = spec.name
            else:
                where = f"{spec.name} {field.name}"
            fields[field.name] = (field, where)
        made = (spec, fields, [f.name for f in spec.fields if f.required])
        _TABLES[id(spec)] = made
    return made[1], made[2]


def _did_you_mean(word: str, choices: Any) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _as_yaml_reads(value: str) -> str:
    """Show what YAML 1.1 turns the value into, the surprise the author needs to see."""
    from briefing.brief.pyyaml import yaml

    try:
        loaded = yaml.safe_load(value)
    except yaml.YAMLError:
        return ""
    return f" ({loaded!r})" if str(loaded) != value else ""
