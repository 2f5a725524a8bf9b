"""The validated brief as JSON, for other tools.

Named ``jsonout`` so it never shadows the standard library's ``json``.

The output is deterministic (same brief, same bytes) and its keys always come
in this order, every key present even when empty (``""``, ``[]`` or ``null``):

- top level: ``version`` (of this layout: docs/json-output.md), ``id``, ``title``,
  ``date``, ``tags``, ``summary``, ``sources``,
  ``actors``, ``quotes``, ``open_questions``, ``timeline``, ``discrepancies``, ``related``
  (the ids of the briefs it names)
- source: ``id``, ``label``, ``outlet``, ``title``, ``date``, ``url``, ``file``, ``line``
- actor: ``id``, ``name``, ``kind``, ``role``, ``affiliation``, ``aliases``, ``notes``, ``line``,
  ``entity`` (``""`` when the brief gives none)
- quote: ``speaker``, ``speaker_name``, ``text``, ``source``, ``context``,
  ``verification`` (``status``: verified | not_found | no_source, ``closest``,
  ``span``: ``[start, end]`` character offsets in the article, or null), ``line``
- open question: ``question``, ``notes``, ``actors``, ``line``
- timeline entry: ``date``, ``event``, ``source``, ``line``
- discrepancy: ``topic``, ``accounts`` (``source``, ``says``, ``line``), ``line``

Dates are as the brief wrote them: ISO ``YYYY-MM-DD``, or ``YYYY-MM`` and ``YYYY`` for a
month or a year. Strings are exact (non-ASCII kept as UTF-8; control
characters escaped as ``\\uXXXX``). ``file`` is the article path as the brief wrote
it; the absolute path it resolves to is left out, as it would leak the
exporter's file system into a shared file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefing.brief.model import Brief, Quote
from briefing.export.common import JSON_VERSION, dumps_json, iso


def _date(value: dt.date | None) -> str | None:
    return iso(value) or None


def _quote(brief: Brief, quote: Quote) -> dict[str, Any]:
    verification = quote.verification
    return {
        "speaker": quote.speaker,
        "speaker_name": brief.speaker_name(quote),
        "text": quote.text,
        "source": quote.source,
        "context": quote.context,
        "verification": {
            "status": verification.status,
            "closest": verification.closest,
            "span": list(verification.span) if verification.span else None,
        },
        "line": quote.line,
    }


def to_data(brief: Brief) -> dict[str, Any]:
    """The brief as plain JSON-able data, keys in the documented order."""
    return {
        "id": brief.id,
        "title": brief.title,
        "date": _date(brief.date),
        "tags": list(brief.tags),
        "summary": brief.summary,
        "sources": [
            {
                "id": s.id,
                "label": s.label,
                "outlet": s.outlet,
                "title": s.title,
                "date": _date(s.date),
                "url": s.url,
                "file": s.file,
                "line": s.line,
            }
            for s in brief.sources
        ],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "affiliation": a.affiliation,
                "aliases": list(a.aliases),
                "notes": a.notes,
                "line": a.line,
                "entity": a.entity,
            }
            for a in brief.actors
        ],
        "quotes": [_quote(brief, q) for q in brief.quotes],
        "open_questions": [
            {"question": q.question, "notes": q.notes, "actors": list(q.actors), "line": q.line}
            for q in brief.open_questions
        ],
        "timeline": [
            {"date": _date(t.date), "event": t.event, "source": t.source, "line": t.line}
            for t in brief.timeline
        ],
        "discrepancies": [
            {
                "topic": d.topic,
                "accounts": [
                    {"source": a.source, "says": a.says, "line": a.line} for a in d.accounts
                ],
                "line": d.line,
            }
            for d in brief.discrepancies
        ],
        "related": [r.id for r in brief.related],
    }


def render(brief: Brief) -> str:
    return dumps_json({"version": JSON_VERSION, **to_data(brief)})
