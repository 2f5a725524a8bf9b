"""One brief from one parsed document: validate it, check its references, build the model.

The one place a ``Brief`` is built from a file's nodes: fields are checked by
``validate``, ids and references by ``references`` (both report into one
``Validator``), and the model is built only when neither found an error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from briefing.brief import model
from briefing.brief.problems import Problem
from briefing.brief.references import check_references
from briefing.brief.schema import BRIEF, Values, listed
from briefing.brief.validate import Validator
from briefing.brief.yamlnodes import Mapping, Node, Scalar, describe


def build_brief(
    root: Node, path: Path, display: str, brief_id: str
) -> tuple[model.Brief | None, list[Problem]]:
    """Validate the whole document and build a Brief when no error was found."""
    check = Validator(display)
    if not isinstance(root, Mapping):
        if isinstance(root, Scalar) and root.implicit_type == "empty (null)":
            check.report(
                root,
                "the file is empty",
                "empty-file",
                "a brief needs at least a title and a summary",
            )
        else:
            check.report(
                root,
                f"a brief should be a mapping of keys (title: ...), not {describe(root)}",
                "not-a-mapping",
            )
        return None, check.problems
    values = check.object(BRIEF, root)
    assert values is not None
    check_references(check, values)
    if any(p.is_error for p in check.problems):
        return None, check.problems
    return make_brief(values, path, brief_id), check.problems


def _common(item: Values) -> dict[str, Any]:
    """The model fields: everything but our bookkeeping keys (``Validator.object``'s three).

    Made of the item itself, which the model is the last to read: no copy per item of
    every brief."""
    del item["__node__"], item["__at__"]
    item["line"] = item.pop("__line__")
    return item


_SHARED = ("id", "name", "kind", "speaker", "source", "entity")
"""Fields whose strings repeat within a brief and across the library (ids, the references to
them, actor names and kinds): interned, so 10,000 briefs keep one copy of each."""


def _shared(fields: dict[str, Any]) -> dict[str, Any]:
    for key in _SHARED:
        value = fields.get(key)
        if value is not None:
            fields[key] = sys.intern(value)
    actors = fields.get("actors")
    if actors:
        fields["actors"] = tuple(map(sys.intern, actors))
    return fields


def make_brief(values: Values, path: Path, brief_id: str) -> model.Brief:
    """Build the immutable model from values that passed every check."""
    sources = []
    for item in listed(values, "sources"):
        fields = _shared(_common(item))
        if fields.get("file"):
            fields["path"] = path.parent / fields["file"]
        sources.append(model.Source(**fields))
    actors = [model.Actor(**_shared(_common(item))) for item in listed(values, "actors")]
    quotes = [model.Quote(**_shared(_common(item))) for item in listed(values, "quotes")]
    questions = [
        model.Question(**_shared(_common(item))) for item in listed(values, "open_questions")
    ]
    timeline = [
        model.TimelineEntry(**_shared(_common(item))) for item in listed(values, "timeline")
    ]
    discrepancies = []
    for item in listed(values, "discrepancies"):
        fields = _common(item)
        fields["accounts"] = tuple(model.Account(**_shared(_common(a))) for a in item["accounts"])
        discrepancies.append(model.Discrepancy(**fields))
    return model.Brief(
        id=brief_id,
        path=path,
        title=values["title"],
        summary=values["summary"],
        date=values.get("date"),
        tags=tuple(map(sys.intern, values.get("tags", ()))),
        sources=tuple(sources),
        actors=tuple(actors),
        quotes=tuple(quotes),
        open_questions=tuple(questions),
        timeline=tuple(timeline),
        discrepancies=tuple(discrepancies),
        lines={k: node.line for k, node in values["__at__"].items()},
        related=values.get("related", ()),
    )
