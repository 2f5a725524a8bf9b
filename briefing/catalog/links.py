"""Briefs naming each other: a brief's ``related`` list, and the briefs that name it.

:func:`related` lists what a brief names, in its order, each marked when the library has
no brief of that id; :func:`referenced_by` lists the briefs naming it ("Referenced by"),
newest first. The map of back-links is made once per catalog version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing.catalog.selection import Catalog


@dataclass(frozen=True, slots=True)
class Link:
    brief_id: str
    title: str
    """The brief's title; ``""`` when it does not load or is not in the library."""
    date: dt.date | None
    exists: bool
    """False for a related id the library has no brief of."""


def _link(catalog: Catalog, brief_id: str) -> Link:
    facts = catalog.get(brief_id)
    if facts is None:
        return Link(brief_id, "", None, False)
    return Link(brief_id, facts.title, facts.date, True)


def related(catalog: Catalog, brief_id: str) -> list[Link]:
    """The briefs ``brief_id`` names in its ``related`` list, in its order."""
    facts = catalog.get(brief_id)
    return [] if facts is None else [_link(catalog, i) for i in facts.related]


def _backlinks(catalog: Catalog) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for facts in catalog:
        for target in dict.fromkeys(facts.related):
            if target != facts.id:
                found.setdefault(target, []).append(facts.id)
    return found


def referenced_by(catalog: Catalog, brief_id: str) -> list[Link]:
    """The briefs whose ``related`` names ``brief_id``, in the catalog's date order."""
    sources = catalog.derived("backlinks", lambda: _backlinks(catalog)).get(brief_id, [])
    if not sources:
        return []
    wanted = set(sources)
    return [_link(catalog, i) for i in catalog.order("date") if i in wanted]
