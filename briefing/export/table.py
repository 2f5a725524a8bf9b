"""``briefing list`` and ``briefing actors``: one row per brief or entity, as an aligned
table or as JSON.

Rows are made from the catalog's facts (``briefing.store.facts``), in the order the
catalog gives, so the reader and the command line count the same things the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing.export.common import JSON_VERSION, dumps_json, iso, one_line
from briefing.store.facts import BriefFacts


@dataclass(frozen=True, slots=True)
class ListRow:
    id: str
    path: str
    loaded: bool
    """False when no version of the brief could be loaded: counts are then 0."""
    date: str
    """As the brief wrote it: a day, a month or a year; ``""`` when undated."""
    title: str
    tags: tuple[str, ...]
    actors: int
    quotes: int
    questions: int
    errors: int
    warnings: int
    new: bool
    """New or changed since the user last opened it in the reader."""

    @property
    def problems(self) -> int:
        return self.errors + self.warnings


def list_row(facts: BriefFacts, *, new: bool = False) -> ListRow:
    return ListRow(
        id=facts.id,
        path=facts.path,
        loaded=facts.loaded,
        date=iso(facts.date),
        title=facts.title,
        tags=facts.tags,
        actors=facts.actor_count,
        quotes=facts.quotes,
        questions=facts.questions,
        errors=facts.errors,
        warnings=facts.warnings,
        new=new,
    )


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


_HEADERS = ("ID", "DATE", "ACTORS", "QUOTES", "QUESTIONS", "ERRORS", "WARNINGS", "TITLE")
_NUMERIC = range(2, 7)


def aligned(cells: Sequence[Sequence[str]], numeric: range) -> str:
    """Aligned columns (``numeric`` ones to the right) with the last column unpadded and
    untruncated, for grep and cut; the first row is the headers."""
    widths = [max(_width(line[i]) for line in cells) for i in range(len(cells[0]) - 1)]
    out = []
    for line in cells:
        padded = [_pad(v, widths[i], right=i in numeric) for i, v in enumerate(line[:-1])]
        out.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(out) + "\n"


def format_table(rows: Sequence[ListRow]) -> str:
    """One line per brief, the title last."""
    cells: list[tuple[str, ...]] = [_HEADERS]
    for row in rows:
        if row.loaded:
            counts = (str(row.actors), str(row.quotes), str(row.questions))
            title = one_line(row.title)
        else:
            counts = ("-", "-", "-")
            title = "(does not load; see briefing check)"
        problems = (str(row.errors), str(row.warnings))
        cells.append((one_line(row.id), row.date or "-", *counts, *problems, title))
    return aligned(cells, _NUMERIC)


def to_data(row: ListRow) -> dict[str, Any]:
    """Keys: id, path, loaded, date (as written, or null), title, tags, actors, quotes,
    questions, problems, errors, warnings, new."""
    return {
        "id": row.id,
        "path": row.path,
        "loaded": row.loaded,
        "date": row.date or None,
        "title": row.title,
        "tags": list(row.tags),
        "actors": row.actors,
        "quotes": row.quotes,
        "questions": row.questions,
        "problems": row.problems,
        "errors": row.errors,
        "warnings": row.warnings,
        "new": row.new,
    }


def format_json(rows: Sequence[ListRow]) -> str:
    return dumps_json({"version": JSON_VERSION, "briefs": [to_data(r) for r in rows]})


# -- briefing actors --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorRow:
    key: str
    """What ``briefing actor`` and ``entity:`` take."""
    name: str
    kind: str
    briefs: int
    quotes: int
    names: tuple[str, ...]
    """Every spelling, commonest first."""
    explicit: bool
    """Named by authors with ``entity``."""


def format_actors(rows: Sequence[ActorRow]) -> str:
    """One line per entity, its name last."""
    cells: list[tuple[str, ...]] = [("KEY", "KIND", "BRIEFS", "QUOTES", "NAME")]
    cells += [
        (one_line(r.key), r.kind, str(r.briefs), str(r.quotes), one_line(r.name)) for r in rows
    ]
    return aligned(cells, range(2, 4))


def actors_json(rows: Sequence[ActorRow]) -> str:
    """``version`` and ``actors``, each: key, name, kind, briefs, quotes, names, explicit."""
    actors = [
        {
            "key": r.key,
            "name": r.name,
            "kind": r.kind,
            "briefs": r.briefs,
            "quotes": r.quotes,
            "names": list(r.names),
            "explicit": r.explicit,
        }
        for r in rows
    ]
    return dumps_json({"version": JSON_VERSION, "actors": actors})
