"""Reading the library's facts from the index, and what is derived from the whole library.

The index (``briefing.store.index``) writes, with each brief, its facts, actors, timeline
and folded texts (``briefing.store.facts``). Here they are read back, many files per
query, each only when the file and its articles are unchanged since (a stale or damaged
row is left out: the caller parses that file). And a value derived from the whole library
(who is who across it: ``briefing.catalog.entities``) is kept under a name with the
fingerprint of the library it was derived from, and given back only for that fingerprint.

Nothing here ever raises for what the database holds: the index is a cache.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.store import facts as library_facts
from briefing.store.index import Index, articles_unchanged, select_in, stamp
from briefing.store.rows import file_key


def facts_many(index: Index, wanted: list[tuple[str, str]]) -> dict[str, library_facts.BriefFacts]:
    """The facts of these (id, path) files, keyed by absolute path, for those whose file
    and articles are unchanged since they were stored. Files left out (changed,
    missing, damaged) are the caller's to parse."""
    by_key = {file_key(path): (ident, path) for ident, path in wanted}
    found: dict[str, library_facts.BriefFacts] = {}
    for row in _select(index, list(by_key), "size, mtime_ns, facts"):
        decoded = _decode_facts(row, by_key)
        if decoded is not None:
            found[row[0]] = decoded
    return found


def column_many(
    index: Index, column: library_facts.Column, wanted: list[tuple[str, int, int]]
) -> dict[str, Any]:
    """One column (``actors``, ``timeline``, ``texts``) of these (path, mtime in ns, number
    of values) files, decoded; a file whose row changed since (another mtime) or is
    damaged (another number of values, or not decodable) is left out."""
    expected = {path: (mtime, length) for path, mtime, length in wanted}
    found: dict[str, Any] = {}
    for path, mtime, text in _select(index, list(expected), f"mtime_ns, {column}"):
        try:
            value = library_facts.decode_column(column, text)
            length = len(value[0]) if column == "actors" else len(value)
            if (mtime, length) == expected[path]:
                found[path] = value
        except (ValueError, TypeError, LookupError, RecursionError):
            continue  # a damaged row: the caller reads that brief instead
    return found


def derived(index: Index, name: str, fingerprint: str) -> Any:
    """The JSON value stored under ``name`` for exactly ``fingerprint``; None otherwise."""
    db = index.connection()
    if db is None:
        return None
    import sqlite3

    try:
        row = db.execute("SELECT fingerprint, data FROM derived WHERE name = ?", (name,)).fetchone()
        if row is None or row[0] != fingerprint:
            return None
        return json.loads(row[1])
    except (sqlite3.Error, ValueError, RecursionError):
        return None


def store_derived(index: Index, name: str, fingerprint: str, data: Any) -> None:
    """Keep ``data`` under ``name`` for ``fingerprint``, replacing what was there."""
    db = index.connection()
    if db is None:
        return
    import sqlite3

    try:
        with db:
            db.execute("BEGIN")
            db.execute(
                "INSERT OR REPLACE INTO derived VALUES (?, ?, ?)",
                (name, fingerprint, json.dumps(data, ensure_ascii=False)),
            )
    except sqlite3.Error:
        pass  # a cache: derived again next time


def _select(index: Index, keys: list[str], columns: str) -> list[Any]:
    """``path`` and ``columns`` of the rows of these paths, in batches; [] on any error."""
    db = index.connection()
    if db is None or not keys:
        return []
    import sqlite3

    try:
        return select_in(db, f"SELECT path, {columns} FROM facts", keys)
    except sqlite3.Error:
        return []


def _decode_facts(row: Any, by_key: dict[str, tuple[str, str]]) -> library_facts.BriefFacts | None:
    """One row's facts, or None if its file or an article changed, or it is damaged."""
    try:
        key, size, mtime, text = row
        if stamp(key) != (size, mtime):
            return None
        data = json.loads(library_facts.unseal(text))
        if not articles_unchanged(library_facts.articles_of(data)):
            return None
        ident, path = by_key[key]
        return library_facts.decode(ident, path, mtime, data)
    except (ValueError, TypeError, LookupError, OverflowError, RecursionError):
        return None  # a damaged row: that file is parsed instead
