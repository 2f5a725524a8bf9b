"""``briefing check``'s memory: the verdict on each file, reused until one of its inputs changes.

A verdict (a file's problems and its quote counts) is a function of the file's bytes, the
checker that judged them, the size limit, the brief's id and the bytes of every article
its quotes were verified against. Each is kept as a digest beside the verdict, and a
verdict is reused only when every digest still matches, that is when judging the file
again would give the same answer. The checker's digest (:func:`checker`) covers the code
that decides verdicts (the sources of ``briefing.brief``, the codec and this module),
PyYAML and libyaml, and Python itself, so a changed rule never hides behind an old
verdict, even between releases. The file they are kept in is ``verdict_cache.py``'s.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from briefing import __version__
from briefing.brief.outcome import LoadResult
from briefing.brief.problems import Problem
from briefing.brief.provenance import ArticleCache
from briefing.brief.reading import Unread
from briefing.store.codec import decode_problems, encode_problems
from briefing.store.facts import Columns
from briefing.store.facts import encode as encode_facts
from briefing.store.index import TRANSIENT
from briefing.store.parallel import facts_columns
from briefing.store.rows import cacheable, encode_payload, stamp

FORMAT = 2
"""Of a kept verdict and of the cache file; another number is an old cache, not a damaged one."""

Item = tuple[str, str]
"""(brief id, absolute path) of one file to judge."""
ArticleDigest = tuple[str, "str | None"]
"""(article path as the brief names it, digest of its bytes or None when unreadable)."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Verdict(NamedTuple):
    digest: str | None
    """Of the brief's bytes; None when they could not be read, and the verdict is not kept."""
    brief_id: str
    max_bytes: int
    articles: tuple[ArticleDigest, ...]
    problems: list[list[Any]]
    """As ``briefing.store.codec.encode_problems`` writes them: without the path."""
    quotes: int
    verified: int
    unverifiable: tuple[int, ...]
    """Lines of the quotes whose source has no article text (``--strict`` makes them errors)."""

    @classmethod
    def of(
        cls,
        result: LoadResult,
        found: str | None,
        ident: str,
        max_bytes: int,
        articles: Iterable[ArticleDigest] = (),
    ) -> Verdict:
        """The verdict a load gives: of bytes with digest ``found``, verified against
        ``articles``."""
        quotes = result.brief.quotes if result.brief is not None else ()
        return cls(
            found,
            ident,
            max_bytes,
            tuple(articles),
            encode_problems(result.problems),
            len(quotes),
            sum(1 for q in quotes if q.verification.status == "verified"),
            tuple(q.line for q in quotes if q.verification.status == "no_source"),
        )

    def encode(self) -> list[Any]:
        """Plain lists, for JSON and for a pipe between processes (``marshal``)."""
        return [
            self.digest,
            self.brief_id,
            self.max_bytes,
            [list(pair) for pair in self.articles],
            self.problems,
            self.quotes,
            self.verified,
            list(self.unverifiable),
        ]

    @classmethod
    def decode(cls, data: Any) -> Verdict:
        """The verdict in ``data``, checked field by field; ValueError if anything is off.

        Every kept verdict is checked on every run: the common shapes (no problems, a list
        of line numbers) are checked by builtins rather than item by item.
        """
        if type(data) is not list or len(data) != 8:
            raise ValueError("malformed verdict: not a list of 8")
        found, ident, limit, articles, problems, quotes, verified, lines = data
        if not (
            (found is None or type(found) is str)
            and type(ident) is str
            and _count(limit)
            and type(articles) is list
            and all(map(_article, articles))
            and type(problems) is list
            and all(map(_problem, problems))
            and _count(quotes)
            and _count(verified)
            and verified <= quotes
            and type(lines) is list
            and (not lines or (set(map(type, lines)) == {int} and min(lines) >= 0))
        ):
            raise ValueError("malformed verdict")
        return cls(
            found,
            ident,
            limit,
            tuple((path, value) for path, value in articles),
            problems,
            quotes,
            verified,
            tuple(lines),
        )


def _count(value: object) -> bool:
    return type(value) is int and value >= 0


def _article(data: object) -> bool:
    return (
        type(data) is list
        and len(data) == 2
        and type(data[0]) is str
        and (data[1] is None or type(data[1]) is str)
    )


def _problem(data: object) -> bool:
    if type(data) is not list or len(data) != 6:
        return False
    line, col, severity, message, hint, code = data
    return (
        _count(line)
        and _count(col)
        and severity in ("error", "warning")
        and isinstance(message, str)
        and (hint is None or isinstance(hint, str))
        and isinstance(code, str)
    )


# -- judging -----------------------------------------------------------------------------


_UNREAD = "?"
"""Never a digest: an article that exists and could not be read matches nothing kept (a
verdict that names one is not kept either: see :func:`keepable`)."""


def _article_digest(data: bytes | Unread) -> str | None:
    """What a verdict keeps of an article: the digest of its bytes; None when it is missing
    (a verdict on its own: "cannot be read"); :data:`_UNREAD` when a read failed."""
    if isinstance(data, Unread):
        return None if data.missing else _UNREAD
    return digest(data)


class RecordingArticles(ArticleCache):
    """Articles read once per run, remembering the digest of exactly the bytes verified against,
    and which articles the brief being judged consulted."""

    def __init__(self) -> None:
        super().__init__()
        self._digests: dict[Path, str | None] = {}
        self.consulted: dict[str, str | None] = {}

    def _read(self, path: Path) -> Any:
        article = super()._read(path)
        self.consulted[str(path)] = self._digests.get(Path(os.path.abspath(path)), _UNREAD)
        return article

    def read(self, key: Path) -> bytes | Unread:
        data = super().read(key)
        self._digests[key] = _article_digest(data)
        return data


class Judge:
    """Verdicts on files: the same code in ``briefing check`` and in its helper processes
    (``briefing.store.pool``), so where a file was judged never changes its verdict."""

    def __init__(self, max_bytes: int, keep_loads: bool = False) -> None:
        self.max_bytes = max_bytes
        self.keep_loads = keep_loads
        """Keep each load too, encoded as the reader's index stores it (:attr:`load`)."""
        self.articles = RecordingArticles()
        self.load: Load | None = None
        """The last file's load with its stamp, when kept and worth keeping."""

    def __call__(self, items: Sequence[Item]) -> list[Any]:
        """[verdict, size, time, index payload, facts columns] of each file; -1, -1, None,
        None without a load."""
        found = []
        for ident, path in items:
            verdict = self.judge(ident, path).encode()
            found.append([verdict, *(self.load or (-1, -1, None, None))])
        return found

    def judge(self, ident: str, path: str) -> Verdict:
        """The verdict on one file. Its problems are kept without a path, so the name the
        load gives them (the path itself) is never seen."""
        from briefing.brief.loader import load_text, read_brief

        file = Path(path)
        self.load = None
        file_stamp = stamp(path) if self.keep_loads else None  # before the read, as a load
        read = read_brief(file, path, self.max_bytes)
        found: str | None = None
        self.articles.consulted = {}
        if isinstance(read, LoadResult):
            result = read
        else:
            result = load_text(read, file, brief_id=ident, display=path, articles=self.articles)
            found = result.digest  # of the bytes read, as ``digest`` gives it
            if file_stamp is not None and cacheable(result):
                articles, payload = encode_payload(result)
                columns = encode_facts(result.brief, result.problems, result.digest, articles)
                self.load = (*file_stamp, payload, columns)
        return Verdict.of(result, found, ident, self.max_bytes, self.articles.consulted.items())


Load = tuple[int, int, bytes, Columns]
"""A file's size and time before it was read, and its load as the index stores it: the
payload and the facts columns (``briefing.store.facts.encode``)."""


def decode_judged(data: Any) -> tuple[Verdict, Load | None]:
    """What :meth:`Judge.__call__` gave for one file; ValueError if anything is off."""
    if type(data) is not list or len(data) != 5:
        raise ValueError("malformed answer: not a list of 5")
    verdict, size, mtime, payload, columns = data
    if payload is None:
        return Verdict.decode(verdict), None
    if type(size) is not int or type(mtime) is not int or type(payload) is not bytes:
        raise ValueError("malformed load")
    facts = facts_columns(columns)
    if facts is None:
        raise ValueError("a load without its facts")
    return Verdict.decode(verdict), (size, mtime, payload, facts)


class CurrentArticles:
    """The digest of each article as it is now, read once per run the way verification reads
    it, to tell whether a kept verdict still holds."""

    def __init__(self) -> None:
        self._reader = ArticleCache()
        self._digests: dict[str, str | None] = {}

    def __call__(self, path: str) -> str | None:
        if path not in self._digests:
            self._digests[path] = _article_digest(self._reader.read(Path(os.path.abspath(path))))
        return self._digests[path]


def keepable(verdict: Verdict) -> bool:
    """Whether a verdict is one on the file's content: a read that failed (the brief, or an
    article) says nothing of it, and is tried again on the next run, never kept."""
    return verdict.digest is not None and not any(p[5] in TRANSIENT for p in verdict.problems)


def across_key(files: Sequence[tuple[str, str, Verdict]], *, whole: bool) -> str:
    """What the warnings across briefs are a function of: every file (as messages name it,
    its id, its bytes and its articles, in the library's order), and whether the library's
    related ids are checked (``whole``). The code is the cache's own key (:func:`checker`)."""
    import json

    listed = [[shown, ident, v.digest, [list(a) for a in v.articles]] for shown, ident, v in files]
    return digest(json.dumps([whole, listed], ensure_ascii=False).encode("utf-8", "surrogatepass"))


def encode_across(problems: Sequence[Problem]) -> list[Any]:
    """Warnings across briefs, each with its path (they name many files)."""
    return [
        [p.path, *row] for p, row in zip(problems, encode_problems(list(problems)), strict=True)
    ]


def decode_across(data: Any) -> list[Problem]:
    """The warnings in ``data``, checked field by field; ValueError if anything is off."""
    if type(data) is not list:
        raise ValueError("malformed warnings: not a list")
    found: list[Problem] = []
    for row in data:
        if type(row) is not list or len(row) != 7 or type(row[0]) is not str:
            raise ValueError("malformed warning")
        if not _problem(row[1:]):
            raise ValueError("malformed warning")
        found += decode_problems([row[1:]], row[0])
    return found


def checker() -> str:
    """The digest of everything besides a file's inputs that decides its verdict.

    PyYAML (and the libyaml its wheel links in) is told apart by its files' names, sizes
    and times, found without importing it: the import alone is a tenth of a warm check.
    Only its files count: the ``__pycache__`` folder's time changes whenever Python writes
    bytecode into it (the first import of a module in a fresh install), which changes no
    verdict and must not throw every kept one away.
    """
    import importlib.util

    import briefing.brief

    whole = hashlib.blake2b(digest_size=16)
    whole.update(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    package = Path(briefing.brief.__file__).parent
    here = Path(__file__)
    # The warnings across briefs are kept too: the code that finds them is an input as well.
    sources = [*sorted(package.glob("*.py")), here, here.with_name("codec.py")]
    sources += [*sorted(package.with_name("catalog").glob("*.py")), here.with_name("facts.py")]
    for source in sources:
        whole.update(source.name.encode() + b"\0" + _contents(source))
    spec = importlib.util.find_spec("yaml")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if not entry.is_file():
                continue
            info = entry.stat()
            whole.update(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return whole.hexdigest()


def _contents(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0unreadable\0"


def file_digest(path: str, max_bytes: int) -> str | None:
    """The digest of a brief file's bytes, or None when they could not be judged from a digest
    (not a regular file, unreadable, over the limit): those are judged again, cheaply.

    Opened without blocking and checked after opening, so a FIFO or a device is never read.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        whole = hashlib.blake2b(digest_size=16)
        size = 0
        # The size it has now, plus one byte to see the end: a read of a regular file comes
        # back short only at its end, and a file still growing is read on in pieces, never
        # past the limit.
        want = info.st_size + 1
        while chunk := os.read(handle, want):
            whole.update(chunk)
            size += len(chunk)
            if size > max_bytes:
                return None
            if len(chunk) < want:
                break
            want = min(1 << 16, max_bytes + 1 - size)
        return whole.hexdigest()
    except OSError:
        return None
    finally:
        os.close(handle)
