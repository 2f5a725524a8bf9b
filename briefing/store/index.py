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

``sqlite3`` is imported by the first method that needs it, and the facts (with ``json``)
by the first write, not with this module: importing the library costs nothing until the
index is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import __version__
from briefing.brief.outcome import LoadResult
from briefing.paths import index_file
from briefing.store.codec import CODEC_VERSION
from briefing.store.rows import TRANSIENT as TRANSIENT
from briefing.store.rows import Row as Row
from briefing.store.rows import Stamp as Stamp
from briefing.store.rows import articles_unchanged as articles_unchanged
from briefing.store.rows import by_key_of, decode_all, encode_payload, file_key, unpack_payload
from briefing.store.rows import cacheable as cacheable
from briefing.store.rows import decode_rows as decode_rows
from briefing.store.rows import stamp as stamp

if TYPE_CHECKING:
    import sqlite3

    from briefing.store.facts import Columns

_APPLICATION_ID = 0x42524946  # "BRIF": tells our file from any other SQLite database
_FORMAT = f"{CODEC_VERSION}:{__version__}"

FLUSH_EVERY = 200
"""Rows written per transaction: bounds the payloads held in memory on a cold start."""

_DAMAGED = (26, 11)
"""``SQLITE_NOTADB`` and ``SQLITE_CORRUPT``, errors on opening that mean the file itself is
bad (garbage, damaged): rebuild it."""


def _utf8(text: str) -> bool:
    """SQLite text is UTF-8: a file name that is not (a surrogate escape) cannot be a key."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


CACHE_KIB = 256
"""SQLite's page cache for the index (its default is 2 MiB): a load reads each row once, in
path order, so pages kept for a second read are memory held for nothing while the reader
runs."""
PAGE_BYTES = 16384
"""SQLite's page size for a new index (its default is 4 KiB): see :meth:`Index._connect`."""
SELECT_BATCH = 900
"""Paths per query: under SQLite's limit on bound parameters (999 before 3.32)."""


def select_in(db: sqlite3.Connection, query: str, keys: list[str]) -> list[Any]:
    """The rows ``query`` (a ``SELECT`` of one table) gives for the rows whose path is one of
    ``keys``, a batch of keys per statement; keys that cannot be keys are left out. Raises
    ``sqlite3.Error``."""
    keys = [key for key in keys if _utf8(key)]
    rows: list[Any] = []
    for start in range(0, len(keys), SELECT_BATCH):
        batch = keys[start : start + SELECT_BATCH]
        marks = ",".join("?" * len(batch))
        rows += db.execute(f"{query} WHERE path IN ({marks})", batch).fetchall()
    return rows


class Index:
    """One SQLite file; use it from one thread at a time (the loader's worker)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or index_file()
        """Where the cache lives: ``$XDG_CACHE_HOME/briefing`` unless a test says otherwise."""
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[Any, ...]] = []
        self._pending_facts: list[tuple[str, Stamp, LoadResult | Columns, list[Any]]] = []
        """Each load queued, or its facts columns already encoded (by a helper)."""

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
            # For an index made now (an existing one keeps its own): a brief's row is about
            # 10 KB, which 4 KiB pages split over a chain of overflow pages to write and
            # follow; in 16 KiB pages it fits whole.
            db.execute(f"PRAGMA page_size={PAGE_BYTES}")
            db.execute("PRAGMA journal_mode=WAL")  # the first read: fails on a non-database
            # No fsync: a cold load writes every brief into the index, and must not wait
            # for the disk at each checkpoint. The index is a cache that is never trusted
            # (see the module's doc): a crash of the program loses nothing committed (WAL),
            # and what a crash of the machine may damage is rebuilt or parsed again, never
            # read as a brief.
            db.execute("PRAGMA synchronous=OFF")
            db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
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
                payload BLOB NOT NULL
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
        return self.lookup_many([(path, brief_id, display)]).get(file_key(path))

    def lookup_many(
        self, wanted: list[tuple[Path, str, str]], stamps: dict[str, Stamp | None] | None = None
    ) -> dict[str, LoadResult]:
        """Cached loads for many files in one query, keyed by absolute path string.

        Files that changed, or whose rows are missing or damaged, are simply
        absent from the answer: the caller parses those. ``stamps``, when given,
        receives the (size, mtime) of each file answered.
        """
        by_key = by_key_of(wanted)
        # Row by row (a generator): decoded payloads held for a whole batch would lengthen
        # the collector's passes over them.
        return decode_all(self._rows(by_key), by_key, stamps)

    def rows(self, wanted: list[tuple[Path, str, str]]) -> list[Row]:
        """The stored rows of these files, undecoded and unchecked: see :func:`decode_rows`.

        Plain tuples and bytes, so another process can hand them over
        (``briefing.store.prefetch``).
        """
        return list(self._rows(by_key_of(wanted)))

    def queued_rows(self, wanted: list[tuple[Path, str, str]]) -> list[Row]:
        """:meth:`rows` of these files among the loads queued and not yet written, so a
        helper can hand over what it parsed before it spends time writing it."""
        by_key = by_key_of(wanted)
        return [row for row in self._pending if row[0] in by_key]

    def _rows(self, by_key: dict[str, tuple[Path, str, str]]) -> Iterator[Row]:
        # Each decoded only when its turn comes (``decode_all``): one payload at a time.
        yield from self._select(by_key)

    def _select(self, by_key: dict[str, tuple[Path, str, str]]) -> list[Any]:
        if self._db is None and not os.path.exists(self.path):
            return []  # no index yet: it is made by the first write, not to be read empty
        db = self._open()
        if db is None:
            return []
        import sqlite3

        try:
            return select_in(db, "SELECT path, size, mtime_ns, payload FROM files", list(by_key))
        except sqlite3.Error:
            return []

    def store(self, path: Path, result: LoadResult, file_stamp: Stamp | None) -> None:
        """Queue one load for writing; :meth:`flush` writes the queue in one transaction.

        A load that failed to read something is not stored (see :func:`cacheable`).
        """
        if file_stamp is not None and cacheable(result):
            if result.packed is None:
                articles, result.packed = encode_payload(result)
            else:  # encoded already (for the library to hold): the articles are in it
                articles = unpack_payload(result.packed)[0]
            self.store_encoded(path, result.packed, file_stamp, result, articles)

    def store_encoded(
        self,
        path: Path,
        payload: bytes,
        file_stamp: Stamp,
        facts: LoadResult | Columns,
        articles: Any = None,
    ) -> None:
        """:meth:`store` of a load known to be worth keeping (:func:`cacheable`) and encoded
        already (by :func:`encode_payload`, maybe in another process:
        ``briefing.store.parallel``), with either the load decoded or its facts columns
        encoded already (:func:`briefing.store.facts.encode`, by the helper that parsed it)."""
        key = file_key(path)
        if not _utf8(key):
            return
        if len(self._pending) >= FLUSH_EVERY:
            self.flush()
        # Apart from the brief, in their own table, smallest first: a row of files stays the
        # size it was (the reader's warm start reads them all), and reading a brief's facts
        # never walks through its texts. Made as they are written (see flush), so the queue
        # holds no second copy of the library's text.
        self._pending_facts.append((key, file_stamp, facts, articles))
        self._pending.append((key, *file_stamp, payload))

    def unanswerable(self, keys: list[str]) -> set[str]:
        """The ``keys`` (absolute paths) the index certainly lacks: no row, or a row for
        another size or time of the file. Rows it has may still fail on an article."""
        db = self._open()
        if db is None:
            return set(keys)
        import sqlite3

        try:
            query = "SELECT path, size, mtime_ns FROM files"
            rows = {key: (size, mtime) for key, size, mtime in select_in(db, query, keys)}
        except sqlite3.Error:
            return set(keys)
        return {key for key in keys if key not in rows or stamp(key) != rows[key]}

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
                    ((key, *file_stamp, *_columns(r, a)) for key, file_stamp, r, a in facts),
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


def _columns(facts: LoadResult | Columns, articles: Any) -> Columns:
    if isinstance(facts, LoadResult):
        # Here, not with the module: the facts (and the search folding they use) are wanted
        # only once something is written, after the reader's first screen is ready.
        from briefing.store import facts as library_facts

        return library_facts.encode(facts.brief, facts.problems, facts.digest, articles)
    return facts


_INSERT_FACTS = "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?, ?)"
"""path, size, mtime_ns, and the brief's facts, actors, timeline and texts."""
