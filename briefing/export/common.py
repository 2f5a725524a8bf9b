"""Wording and safety checks every export format shares.

The formats must agree on how a quote's verification reads and on which urls
are links, or a brief would say different things depending on how it is read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import urlsplit

from briefing.brief.dates import display_date
from briefing.brief.model import Brief, Quote, VerificationStatus

JSON_VERSION = 1
"""The ``"version"`` every JSON output starts with (docs/json-output.md): raised when a key
is removed or changes meaning, not when one is added."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters but newline and tab."""
_C1 = re.compile(r"[\x7f-\x9f]")

VERIFICATION_LABELS: dict[VerificationStatus, str] = {
    "verified": "verified",
    "not_found": "not found in source",
    "no_source": "no source text",
}


def strip_controls(text: str) -> str:
    """Remove C0/C1 control characters except newline and tab.

    The loader already sanitises, but exports go to terminals, pipes and files
    that other tools read, so a brief built any other way must not smuggle an
    escape sequence through them either.
    """
    return CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Collapse all whitespace runs (newlines too) for places that hold one line."""
    if text.isprintable() and "  " not in text:  # most values: nothing to take out
        return text.strip()
    return " ".join(strip_controls(text).split())


def is_web_url(url: str) -> bool:
    """True only for an absolute http(s) url that is safe to make a link."""
    if not url or url != url.strip() or CONTROL.search(url) or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def iso(date: dt.date | None) -> str:
    """The date as the brief wrote it (``2024-03-11``, ``2024-03``, ``2024``), for machines."""
    return date.isoformat() if date else ""


def shown(date: dt.date | None) -> str:
    """The date for people: ``2024-03-11``, ``March 2024``, ``2024``."""
    return display_date(date) if date else ""


def verification_label(quote: Quote) -> str:
    return VERIFICATION_LABELS[quote.verification.status]


def source_label(brief: Brief, source_id: str) -> str:
    """The outlet/title a reader recognises, falling back to the id."""
    source = brief.source(source_id)
    return source.label if source else source_id


def actor_names(brief: Brief, actor_ids: tuple[str, ...]) -> list[str]:
    names = []
    for actor_id in actor_ids:
        actor = brief.actor(actor_id)
        names.append(actor.name if actor else actor_id)
    return names


def dumps_json(data: Any) -> str:
    """Indented UTF-8 JSON with DEL and C1 controls escaped as well as C0.

    ``json`` escapes only C0 under ``ensure_ascii=False``; a raw C1 byte (CSI)
    would still reach a terminal. Escaping keeps the decoded data exact.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
