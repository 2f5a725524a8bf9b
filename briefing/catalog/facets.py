"""Facets: the tags, outlets and actors of a selection, each with its brief count.

:func:`facets` counts over the selected briefs (entities included once built). Each value
carries the query text that adds it as a filter (``tag:sahel``, ``outlet:"Associated
Press"``, ``entity:michael-e-langley``): actors are counted by entity, so choosing one
selects that person, not everyone sharing a word.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from briefing.catalog.selection import Catalog, Selection
from briefing.search.matching import fold

FacetField = Literal["tag", "outlet", "actor"]


@dataclass(frozen=True, slots=True)
class FacetValue:
    field: FacetField
    label: str
    count: int
    """Briefs of the selection with this value."""
    query: str
    """The filter that selects it, to add to a query."""


@dataclass(frozen=True, slots=True)
class Facets:
    tags: tuple[FacetValue, ...]
    outlets: tuple[FacetValue, ...]
    actors: tuple[FacetValue, ...]


def quoted(field: str, value: str) -> str:
    """``field:value``, the value in quotes when it has spaces (quotes in it dropped)."""
    value = " ".join(value.replace('"', "").split())
    return f'{field}:"{value}"' if " " in value or not value else f"{field}:{value}"


def _ranked(field: FacetField, counts: Counter[str], labels: dict[str, str]) -> list[FacetValue]:
    ranked = sorted(counts, key=lambda v: (-counts[v], fold(labels[v]), v))
    return [FacetValue(field, labels[v], counts[v], quoted(field, labels[v])) for v in ranked]


def facets(catalog: Catalog, selection: Selection | None = None) -> Facets:
    """Tags, outlets and actors (entities) of ``selection`` (default: every brief),
    commonest first, then by name."""
    mask = catalog.all.mask if selection is None else selection.mask
    entities = catalog.entities
    tags: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    tag_labels: dict[str, str] = {}
    outlet_labels: dict[str, str] = {}
    for number in catalog.numbers(mask):
        facts = catalog.at(number)
        for tag in {fold(t): t for t in facts.tags}.items():
            tags[tag[0]] += 1
            tag_labels.setdefault(*tag)
        for outlet in {fold(o): o for o in facts.outlets}.items():
            outlets[outlet[0]] += 1
            outlet_labels.setdefault(*outlet)
        actors.update({entities.of(number, i).key for i in range(len(facts.actors))})
    names = {key: entities.by_key[key].name for key in actors}
    people = sorted(actors, key=lambda k: (-actors[k], fold(names[k]), k))
    return Facets(
        tuple(_ranked("tag", tags, tag_labels)),
        tuple(_ranked("outlet", outlets, outlet_labels)),
        tuple(FacetValue("actor", names[k], actors[k], quoted("entity", k)) for k in people),
    )
