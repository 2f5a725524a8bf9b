"""``briefing list``: one row per brief, as an aligned table or as JSON.

Rows are computed from library entries (or anything shaped like one), so the
reader's library and the command line count the same things the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from briefing.brief.model import Brief
from briefing.brief.problems import Problem, count_errors
from briefing.export.common import JSON_VERSION, dumps_json, iso, one_line

SortKey = Literal["id", "date", "title"]
SORT_KEYS: tuple[SortKey, ...] = ("id", "date", "title")


class EntryLike(Protocol):
    """What a row needs from a library entry."""

    @property
    def id(self) -> str: ...

    @property
    def path(self) -> Path: ...

    @property
    def brief(self) -> Brief | None: ...

    @property
    def problems(self) -> Sequence[Problem]: ...


@dataclass(frozen=True, slots=True)
class ListRow:
    id: str
    path: str
    loaded: bool
    """False when no version of the brief could be loaded: counts are then 0."""
    date: str
    title: str
    actors: int
    quotes: int
    questions: int
    errors: int
    warnings: int

    @property
    def problems(self) -> int:
        return self.errors + self.warnings


def _row(entry: EntryLike) -> ListRow:
    brief = entry.brief
    errors = count_errors(list(entry.problems))
    return ListRow(
        id=entry.id,
        path=str(entry.path),
        loaded=brief is not None,
        date=iso(brief.date) if brief else "",
        title=brief.title if brief else "",
        actors=len(brief.actors) if brief else 0,
        quotes=len(brief.quotes) if brief else 0,
        questions=len(brief.open_questions) if brief else 0,
        errors=errors,
        warnings=len(entry.problems) - errors,
    )


def list_rows(entries: Iterable[EntryLike], sort: SortKey = "id") -> list[ListRow]:
    """Rows sorted by id; by date, newest first (undated last); or by title, ignoring case.

    Ties always fall back to the id, so the order never depends on the file system.
    """
    rows = sorted((_row(e) for e in entries), key=lambda r: r.id)
    if sort == "date":
        # Two stable passes: newest date first, then undated rows moved to the end.
        rows.sort(key=lambda r: r.date, reverse=True)
        rows.sort(key=lambda r: not r.date)
    elif sort == "title":
        rows.sort(key=lambda r: (not r.title, r.title.casefold()))
    return rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


_HEADERS = ("ID", "DATE", "ACTORS", "QUOTES", "QUESTIONS", "ERRORS", "WARNINGS", "TITLE")
_NUMERIC = range(2, 7)


def format_table(rows: Sequence[ListRow]) -> str:
    """Aligned columns with the title last, unpadded and untruncated, for grep and cut."""
    cells = [_HEADERS]
    for row in rows:
        if row.loaded:
            counts = (str(row.actors), str(row.quotes), str(row.questions))
            title = one_line(row.title)
        else:
            counts = ("-", "-", "-")
            title = "(does not load; see briefing check)"
        problems = (str(row.errors), str(row.warnings))
        cells.append((one_line(row.id), row.date or "-", *counts, *problems, title))
    widths = [max(_width(line[i]) for line in cells) for i in range(len(_HEADERS) - 1)]
    out = []
    for line in cells:
        padded = [_pad(v, widths[i], right=i in _NUMERIC) for i, v in enumerate(line[:-1])]
        out.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(out) + "\n"


def to_data(row: ListRow) -> dict[str, Any]:
    """Keys: id, path, loaded, date (ISO or null), title, actors, quotes, questions,
    problems, errors, warnings."""
    return {
        "id": row.id,
        "path": row.path,
        "loaded": row.loaded,
        "date": row.date or None,
        "title": row.title,
        "actors": row.actors,
        "quotes": row.quotes,
        "questions": row.questions,
        "problems": row.problems,
        "errors": row.errors,
        "warnings": row.warnings,
    }


def format_json(rows: Sequence[ListRow]) -> str:
    return dumps_json({"version": JSON_VERSION, "briefs": [to_data(r) for r in rows]})
