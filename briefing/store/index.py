"""A cache of loaded briefs in the XDG cache folder, so a large library opens fast.

Each file's entry is keyed by its path, size and modification time, plus the
same for every article its quotes were verified against: change any of them
and that one file is parsed again. The cache is never trusted: a file that is
corrupt, from another program or from another format version is thrown away
and rebuilt, and any read error falls back to parsing the brief itself.

Beside each brief the index keeps what the library as a whole needs of it
(``briefing.store.facts``: its facts, actors, timeline and folded texts), written with
it, so the library's commands answer without decoding every brief; and what is derived
from the whole library (who is who across it), under a fingerprint of the library.
``briefing.store.facts_index`` reads them.

``sqlite3`` and ``json`` are imported by the first method that
needs them, not with this module: importing the library costs nothing until the
index is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import __version__
from briefing.brief.outcome import LoadResult
from briefing.paths import cache_dir
from briefing.store import facts as library_facts
from briefing.store.codec import (
    CODEC_VERSION,
    decode_brief,
    decode_problems,
    encode_brief,
    encode_problems,
)

if TYPE_CHECKING:
    import sqlite3

_APPLICATION_ID = 0x42524946  # "BRIF": tells our file from any other SQLite database
_FORMAT = f"{CODEC_VERSION}:{__version__}"

FLUSH_EVERY = 200
"""Rows written per transaction: bounds the JSON held in memory on a cold start."""

Stamp = tuple[int, int]
"""(size, time of its last change in ns) of a file when it was read: see :func:`stamp`."""

_MISSING: Stamp = (-1, -1)
"""The stamp stored for an article that could not be read, so it keeps matching while absent."""

_DAMAGED = (26, 11)
"""``SQLITE_NOTADB`` and ``SQLITE_CORRUPT``, errors on opening that mean the file itself is
bad (garbage, damaged): rebuild it."""


def _key(path: Path) -> str:
    return str(path) if path.is_absolute() else os.path.abspath(path)


def _utf8(text: str) -> bool:
    """SQLite text is UTF-8: a file name that is not (a surrogate escape) cannot be a key."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def stamp(path: Path | str) -> Stamp | None:
    """(size, time of the last change) of a file, or None if it cannot be looked at.

    The later of the modification and the status-change time: ``chmod`` changes only the
    latter, and a file made unreadable (or readable again) must not be served from here as
    it was; nor may a file whose modification time a tool set back (``touch -d``, ``cp -p``).
    """
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, max(info.st_mtime_ns, info.st_ctime_ns)


def articles_unchanged(articles: Iterable[Any]) -> bool:
    """Every ``[path, size, mtime_ns]`` stored for a brief's articles still holds (an
    article that could not be read must still be missing); raises ValueError, TypeError
    or OverflowError on a damaged list."""
    return not any(
        not isinstance(a, str) or (stamp(a) or _MISSING) != (sz, mt) for a, sz, mt in articles
    )


class Index:
    """One SQLite file; use it from one thread at a time (the loader's worker)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "index.sqlite3"
        """Where the cache lives: ``$XDG_CACHE_HOME/briefing`` unless a test says otherwise."""
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[Any, ...]] = []
        self._pending_facts: list[tuple[str, Stamp, LoadResult, list[Any]]] = []

    # -- opening -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        import sqlite3

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db: sqlite3.Connection | None
            try:
                db = self._connect()
            except sqlite3.DatabaseError as error:
                if error.sqlite_errorcode & 0xFF not in _DAMAGED:
                    raise  # locked or unreadable: not ours to delete
                db = None
            if db is None or not self._usable(db):
                if db is not None:
                    db.close()
                self.path.unlink(missing_ok=True)
                db = self._connect()
                self._create(db)
        except (sqlite3.Error, OSError):
            return None  # no cache is slower, never wrong
        self._db = db
        return db

    def _connect(self) -> sqlite3.Connection:
        import sqlite3

        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # the first read: fails on a non-database
            db.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error:
            db.close()
            raise
        return db

    @staticmethod
    def _usable(db: sqlite3.Connection) -> bool:
        import sqlite3

        try:
            (app_id,) = db.execute("PRAGMA application_id").fetchone()
            if app_id != _APPLICATION_ID:
                return False
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            return row is not None and row[0] == _FORMAT
        except sqlite3.Error:
            return False

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.executescript(
            f"""
            PRAGMA application_id = {_APPLICATION_ID};
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE files (
                path TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                mtime_ns INTEGER NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE TABLE facts (
                path TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                mtime_ns INTEGER NOT NULL,
                facts TEXT NOT NULL,
                actors TEXT NOT NULL,
                timeline TEXT NOT NULL,
                texts TEXT NOT NULL
            );
            CREATE TABLE derived (
                name TEXT PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                data TEXT NOT NULL
            );
            """
        )
        db.execute("INSERT INTO meta VALUES ('format', ?)", (_FORMAT,))

    # -- reading and writing ---------------------------------------------------------------

    def lookup(self, path: Path, brief_id: str, display: str) -> LoadResult | None:
        """The cached load of this file if neither it nor its articles changed since."""
        return self.lookup_many([(path, brief_id, display)]).get(_key(path))

    def lookup_many(
        self, wanted: list[tuple[Path, str, str]], stamps: dict[str, Stamp | None] | None = None
    ) -> dict[str, LoadResult]:
        """Cached loads for many files in one query, keyed by absolute path string.

        Files that changed, or whose rows are missing or damaged, are simply
        absent from the answer: the caller parses those. ``stamps``, when given,
        receives the (size, mtime) of each file answered.
        """
        by_key = _by_key(wanted)
        # Row by row (a generator): decoded JSON held for a whole batch would lengthen the
        # collector's passes over it.
        return _decode_all(self._rows(by_key), by_key, stamps)

    def rows(self, wanted: list[tuple[Path, str, str]]) -> list[Row]:
        """The stored rows of these files, undecoded and unchecked: see :func:`decode_rows`.

        Plain lists, so another process can hand them over (``briefing.store.prefetch``).
        """
        return list(self._rows(_by_key(wanted)))

    def _rows(self, by_key: dict[str, tuple[Path, str, str]]) -> Iterator[Row]:
        import json

        for key, size, mtime, payload in self._select(by_key):
            try:
                yield key, size, mtime, json.loads(payload)
            except (ValueError, RecursionError):
                continue  # a damaged row: that file is parsed instead

    def _select(self, by_key: dict[str, tuple[Path, str, str]]) -> list[Any]:
        db = self._open()
        if db is None or not by_key:
            return []
        import sqlite3

        keys = [key for key in by_key if _utf8(key)]
        try:
            return db.execute(
                "SELECT path, size, mtime_ns, payload FROM files WHERE path IN "
                f"({','.join('?' * len(keys))})",
                keys,
            ).fetchall()
        except sqlite3.Error:
            return []

    def store(self, path: Path, result: LoadResult, file_stamp: Stamp | None) -> None:
        """Queue one load for writing; :meth:`flush` writes the queue in one transaction.

        A load that failed to read something is not stored (see :func:`cacheable`).
        """
        if file_stamp is None or not _utf8(_key(path)) or not cacheable(result):
            return
        import json

        articles = []
        if result.brief is not None:
            for source in result.brief.sources:
                if source.path is not None:
                    article_stamp = stamp(source.path) or _MISSING
                    articles.append([os.path.abspath(source.path), *article_stamp])
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()
        # Apart from the brief, in their own table, smallest first: a row of files stays the
        # size it was (the reader's warm start reads them all), and reading a brief's facts
        # never walks through its texts. Made as they are written (see flush), so the queue
        # holds no second copy of the library's text.
        self._pending_facts.append((_key(path), file_stamp, result, articles))
        self._pending.append(
            (
                _key(path),
                *file_stamp,
                json.dumps(
                    [
                        articles,
                        encode_brief(result.brief) if result.brief else None,
                        encode_problems(result.problems),
                        result.digest,
                    ],
                    ensure_ascii=False,
                ),
            )
        )

    def flush(self) -> None:
        db = self._open()
        pending, self._pending = self._pending, []
        facts, self._pending_facts = self._pending_facts, []
        if db is None or not pending:
            return
        import sqlite3

        try:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", pending)
                db.executemany(
                    _INSERT_FACTS,
                    (
                        (key, *file_stamp, *library_facts.encode(r.brief, r.problems, r.digest, a))
                        for key, file_stamp, r, a in facts
                    ),
                )
        except sqlite3.Error:
            pass  # the cache is an optimisation: losing a write costs a re-parse later

    def connection(self) -> sqlite3.Connection | None:
        """The open database (made or rebuilt as needed), or None when there can be none:
        for the readers of the other columns (``briefing.store.facts_index``)."""
        return self._open()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


_INSERT_FACTS = "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?, ?)"
"""path, size, mtime_ns, and the brief's facts, actors, timeline and texts."""
Row = tuple[str, int, int, Any]
"""(absolute path, size, mtime in ns, the stored [articles, brief, problems, digest] lists)."""


def cacheable(result: LoadResult) -> bool:
    """Whether a load is a verdict on the file's content, to be kept while it is unchanged.

    A read that failed (permission denied, an I/O error, an article that could not be read)
    says nothing about the content, and a file made readable keeps its size and time: such a
    load must be tried again on the next reload and the next start, never served from here.
    """
    return not any(problem.code in TRANSIENT for problem in result.problems)


TRANSIENT = frozenset({"unreadable", "source-file-unreadable"})
"""Problem codes of reads that failed, rather than of what a file says."""


def decode_rows(
    rows: list[Row],
    wanted: list[tuple[Path, str, str]],
    stamps: dict[str, Stamp | None] | None = None,
) -> dict[str, LoadResult]:
    """The loads in ``rows`` whose file and articles are unchanged since, keyed by path.

    Needs neither SQLite nor JSON, so rows read by another process cost the reader only
    this. Anything malformed is left out: that file is parsed instead.
    """
    return _decode_all(rows, _by_key(wanted), stamps)


def _decode_all(
    rows: Iterable[Row],
    by_key: dict[str, tuple[Path, str, str]],
    stamps: dict[str, Stamp | None] | None = None,
) -> dict[str, LoadResult]:
    found: dict[str, LoadResult] = {}
    for row in rows:
        result = _decode(row, by_key)
        if result is not None:
            found[row[0]] = result
            if stamps is not None:
                stamps[row[0]] = (row[1], row[2])
    return found


def _by_key(wanted: list[tuple[Path, str, str]]) -> dict[str, tuple[Path, str, str]]:
    return {_key(path): (path, ident, display) for path, ident, display in wanted}


def _decode(row: Row, by_key: dict[str, tuple[Path, str, str]]) -> LoadResult | None:
    """One row's load, or None if its file or an article changed, or it is damaged."""
    try:
        key, size, mtime, (articles, brief, problems, digest) = row
        path, ident, display = by_key[key]
        if stamp(key) != (size, mtime) or not articles_unchanged(articles):
            return None
        if not isinstance(digest, str):
            raise TypeError("a digest is text")
        return LoadResult(
            decode_brief(brief, ident, path) if brief else None,
            decode_problems(problems, display),
            digest,
        )
    except (ValueError, TypeError, LookupError, OverflowError, RecursionError):
        return None  # a damaged row: that file is parsed instead
