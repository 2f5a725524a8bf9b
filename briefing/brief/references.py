"""Cross-references inside a brief, and turning validated values into the model.

Kept apart from field validation: these rules need the whole brief (every id
must be known before a quote's speaker can be checked).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.brief import model
from briefing.brief.problems import Problem

if TYPE_CHECKING:
    from briefing.brief.validate import Validator, Values


def _items(values: Values, key: str) -> list[Values]:
    found: list[Values] = values.get(key, [])
    return found


def _unique_ids(check: Validator, items: list[Values], what: str) -> set[str]:
    seen: dict[str, int] = {}
    for item in items:
        ident = item.get("id")
        if ident is None:
            continue
        node = item["__at__"]["id"]
        if ident in seen:
            check.report(
                node,
                f"duplicate {what} id '{ident}' (first at line {seen[ident]})",
                "duplicate-id",
                f"give each {what} its own id",
            )
        else:
            seen[ident] = node.line
    return set(seen)


def _check_ref(check: Validator, item: Values, key: str, known: set[str], what: str) -> None:
    value = item.get(key)
    if value is None:
        return
    values = value if isinstance(value, tuple) else (value,)
    for ref in values:
        if ref not in known:
            close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (
                    f"known {what} ids: {', '.join(sorted(known))}"
                    if known
                    else f"add it under {what}s first"
                )
            )
            check.report(
                item["__at__"][key], f"unknown {what} id '{ref}'", "unknown-reference", hint
            )


def check_references(check: Validator, values: Values) -> None:
    """Ids unique per collection; every speaker, source and actor reference resolves."""
    sources = _items(values, "sources")
    actors = _items(values, "actors")
    source_ids = _unique_ids(check, sources, "source")
    actor_ids = _unique_ids(check, actors, "actor")
    for quote in _items(values, "quotes"):
        _check_ref(check, quote, "speaker", actor_ids, "actor")
        _check_ref(check, quote, "source", source_ids, "source")
        if sources and "source" not in quote["__at__"]:
            check.report(
                quote["__node__"],
                "quote has no 'source' key; it is required when the brief lists sources",
                "missing-key",
                f"cite one of: {', '.join(sorted(source_ids))}",
            )
    for question in _items(values, "open_questions"):
        _check_ref(check, question, "actors", actor_ids, "actor")
    for entry in _items(values, "timeline"):
        _check_ref(check, entry, "source", source_ids, "source")
    for discrepancy in _items(values, "discrepancies"):
        for account in discrepancy.get("accounts", []):
            _check_ref(check, account, "source", source_ids, "source")
    named: dict[str, model.Related] = {}
    for link in values.get("related", ()):
        first = named.setdefault(link.id, link)
        if first is not link:
            check.problems.append(
                Problem(
                    check.path,
                    link.line,
                    link.col,
                    "warning",
                    f"related brief '{link.id}' is listed twice "
                    f"(first at line {first.line}, column {first.col})",
                    None,
                    "duplicate-related",
                )
            )


def _common(item: Values) -> dict[str, Any]:
    """The model fields: everything but our bookkeeping keys."""
    fields = {k: v for k, v in item.items() if not k.startswith("__")}
    fields["line"] = item["__line__"]
    return fields


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
    for item in _items(values, "sources"):
        fields = _shared(_common(item))
        if fields.get("file"):
            fields["path"] = path.parent / fields["file"]
        sources.append(model.Source(**fields))
    actors = [model.Actor(**_shared(_common(item))) for item in _items(values, "actors")]
    quotes = [model.Quote(**_shared(_common(item))) for item in _items(values, "quotes")]
    questions = [
        model.Question(**_shared(_common(item))) for item in _items(values, "open_questions")
    ]
    timeline = [
        model.TimelineEntry(**_shared(_common(item))) for item in _items(values, "timeline")
    ]
    discrepancies = []
    for item in _items(values, "discrepancies"):
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
