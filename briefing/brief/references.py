"""Cross-references inside a brief: unique ids, and every reference to a known id.

Kept apart from field validation: these rules need the whole brief (every id
must be known before a quote's speaker can be checked). Problems go to
the field validator's ``report``; ``briefing.brief.build`` runs both.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from briefing.brief.model import Related
from briefing.brief.schema import Values, listed

if TYPE_CHECKING:
    from briefing.brief.validate import Validator


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
    sources = listed(values, "sources")
    actors = listed(values, "actors")
    source_ids = _unique_ids(check, sources, "source")
    actor_ids = _unique_ids(check, actors, "actor")
    for quote in listed(values, "quotes"):
        _check_ref(check, quote, "speaker", actor_ids, "actor")
        _check_ref(check, quote, "source", source_ids, "source")
        if sources and "source" not in quote["__at__"]:
            check.report(
                quote["__node__"],
                "quote has no 'source' key; it is required when the brief lists sources",
                "missing-key",
                f"cite one of: {', '.join(sorted(source_ids))}",
            )
    for question in listed(values, "open_questions"):
        _check_ref(check, question, "actors", actor_ids, "actor")
    for entry in listed(values, "timeline"):
        _check_ref(check, entry, "source", source_ids, "source")
    for discrepancy in listed(values, "discrepancies"):
        for account in discrepancy.get("accounts", []):
            _check_ref(check, account, "source", source_ids, "source")
    named: dict[str, Related] = {}
    for link in values.get("related", ()):
        first = named.setdefault(link.id, link)
        if first is not link:
            check.report(
                link,
                f"related brief '{link.id}' is listed twice "
                f"(first at line {first.line}, column {first.col})",
                "duplicate-related",
                severity="warning",
            )
