"""The index's rows: a load as it is stored (``[articles, brief, problems, digest]`` as
plain lists, ``marshal``-ed and compressed: :func:`encode_payload`), and when a stored one
still holds (its file and every article unchanged since).

Why ``marshal`` and not JSON: the index is this program's own cache, read back by the same
code that wrote it, as Python's own ``.pyc`` files are; ``marshal`` reads plain lists in two
thirds of ``json``'s time and writes them in a third (a warm start decodes every row), keeps
lone surrogates as they are, and is built in. zlib's checksum refuses a row damaged on disk
before ``marshal`` sees it, and the index's format names this codec, so a row written by
another version is never read. What ``marshal`` can make that JSON cannot (bytes, tuples,
sets, numbers of other kinds) is refused by the same checks as a value of the wrong type:
see ``briefing.store.codec.decode_brief``. A row made on purpose to pass the checksum could
still claim a list of two billion items: ``marshal`` reserves that much address space before
reading them (seconds, or a ``MemoryError`` where it is capped), then refuses the row.
Making one takes write access to the user's own cache, which gives far more than that.

The stored form is also how a library holds each brief between uses
(``briefing.store.packed``): a tenth of the brief decoded, and already made by the index
or the helper that parsed it, so holding it costs nothing more.

Apart from the index itself so that rows read by another process
(``briefing.store.prefetch``) and loads made by helpers (``briefing.store.parallel``) are
encoded and decoded without SQLite. ``zlib`` is imported by the functions that need it.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.brief.outcome import LoadResult
from briefing.brief.problems import Problem
from briefing.store.codec import decode_brief, decode_problems, encode_brief, encode_problems
from briefing.store.collector import decoding

Stamp = tuple[int, int]
"""(size, time of its last change in ns) of a file when it was read: see :func:`stamp`."""

_MISSING: Stamp = (-1, -1)
"""The stamp stored for an article that could not be read, so it keeps matching while absent."""


def file_key(path: Path | str) -> str:
    """Identity of a file for lookups: its path made absolute (paths in a library are
    absolute already, and kept as they are)."""
    text = str(path)
    return text if os.path.isabs(text) else os.path.abspath(text)


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


Row = tuple[str, int, int, Any]
"""(absolute path, size, mtime in ns, the stored payload: bytes from :func:`encode_payload`)."""

PAYLOAD_LEVEL = 1
"""zlib's fastest level: a cold load compresses every brief once; higher levels save a few
per cent of the size for twice the time, and decompressing costs the same."""
PAYLOAD_WINDOW = 12
"""zlib's window, 2**12 bytes (the default is 2**15). A payload is a few kilobytes, which
this window compresses about as well; a wider one is set up for nothing, and setting it
up is most of the time compressing a payload takes, and a fifth of decompressing one.
:func:`unpack_payload` sets up this one alone: a payload made with a wider window is
refused, as damaged."""
MARSHAL_VERSION = 4
"""``marshal``'s format: every Python this runs on reads and writes it."""
_NO_CODE: dict[str, bool] = {"allow_code": False} if sys.version_info >= (3, 13) else {}
"""A payload holds no code, and from Python 3.13 ``marshal`` can be told to refuse any."""
PAYLOAD_MAX = 64 * 1024 * 1024
"""Most bytes a stored payload may decompress to: a damaged or foreign row cannot make the
reader allocate without bound (a 5 MB brief encodes to far less)."""


def cacheable(result: LoadResult) -> bool:
    """Whether a load is a verdict on the file's content, to be kept while it is unchanged.

    A read that failed (permission denied, an I/O error, an article that could not be read)
    says nothing about the content, and a file made readable keeps its size and time: such a
    load must be tried again on the next reload and the next start, never served from here.
    """
    return unfailed(result.problems)


def unfailed(problems: Iterable[Problem]) -> bool:
    """:func:`cacheable` of a load with these problems."""
    return not any(problem.code in TRANSIENT for problem in problems)


TRANSIENT = frozenset({"unreadable", "source-file-unreadable"})
"""Problem codes of reads that failed, rather than of what a file says."""


def decode_rows(
    rows: list[Row],
    wanted: list[tuple[Path, str, str]],
    stamps: dict[str, Stamp | None] | None = None,
) -> dict[str, LoadResult]:
    """The loads in ``rows`` whose file and articles are unchanged since, keyed by path.

    Needs no SQLite, so rows read by another process cost the reader only
    this. Anything malformed is left out: that file is parsed instead.
    """
    return decode_all(rows, by_key_of(wanted), stamps)


def decode_all(
    rows: Iterable[Row],
    by_key: dict[str, tuple[Path, str, str]],
    stamps: dict[str, Stamp | None] | None = None,
) -> dict[str, LoadResult]:
    found: dict[str, LoadResult] = {}
    with decoding():  # rows and briefs hold no cycles: see briefing.store.collector
        for row in rows:
            result = _decode(row, by_key)
            if result is not None:
                # Keyed by the caller's own string for the path (its Path keeps it), not the
                # row's copy of it: the stamps outlive the load, one key per file.
                key = file_key(by_key[row[0]][0])
                found[key] = result
                if stamps is not None:
                    stamps[key] = (row[1], row[2])
    return found


def by_key_of(wanted: list[tuple[Path, str, str]]) -> dict[str, tuple[Path, str, str]]:
    return {file_key(path): (path, ident, display) for path, ident, display in wanted}


def _decode(row: Row, by_key: dict[str, tuple[Path, str, str]]) -> LoadResult | None:
    """One row's load, or None if its file or an article changed, or it is damaged."""
    try:
        key, size, mtime, payload = row
        path, ident, display = by_key[key]
        if stamp(key) != (size, mtime):
            return None
        data = unpack_payload(payload)
        if not articles_unchanged(data[0]):
            return None
        return decode_payload(data, ident, path, display, payload)
    except (ValueError, TypeError, LookupError, OverflowError, RecursionError):
        return None  # a damaged row: that file is parsed instead


def encode_payload(result: LoadResult) -> tuple[list[Any], bytes]:
    """A load as the index keeps it: the articles its quotes were checked against (with their
    stamps, to tell when they change), the brief, the problems, the digest of the file's
    bytes; compressed (:func:`pack_payload`), and that list of articles."""
    articles = []
    if result.brief is not None:
        for source in result.brief.sources:
            if source.path is not None:
                article_stamp = stamp(source.path) or _MISSING
                articles.append([os.path.abspath(source.path), *article_stamp])
    data = [
        articles,
        encode_brief(result.brief) if result.brief else None,
        encode_problems(result.problems),
        result.digest,
    ]
    return articles, pack_payload(data)


def pack_payload(data: list[Any]) -> bytes:
    """The stored form of a payload's lists (what :func:`unpack_payload` reads back)."""
    import zlib

    packer = zlib.compressobj(PAYLOAD_LEVEL, zlib.DEFLATED, PAYLOAD_WINDOW)
    return packer.compress(marshal.dumps(data, MARSHAL_VERSION, **_NO_CODE)) + packer.flush()


def unpack_payload(payload: Any) -> Any:
    """The lists of a stored payload; ValueError (or TypeError) if it is not one: not bytes,
    not compressed, larger than :data:`PAYLOAD_MAX`, not ``marshal``-ed, not four long."""
    import zlib

    if payload.__class__ is not bytes:
        raise TypeError("a payload is bytes")
    inflate = zlib.decompressobj(PAYLOAD_WINDOW)  # a wider one would be set up for nothing
    try:
        data = inflate.decompress(payload, PAYLOAD_MAX)
    except zlib.error as error:
        raise ValueError(f"not a payload: {error}") from None
    if inflate.unconsumed_tail or not inflate.eof or inflate.unused_data:
        raise ValueError("a payload too large, cut short, or with more after its end")
    try:
        data = marshal.loads(data, **_NO_CODE)
    except EOFError:
        raise ValueError("a payload cut short") from None
    except MemoryError:  # a list claiming more items than memory holds
        raise ValueError("a payload of impossible size") from None
    if data.__class__ is not list or len(data) != 4:
        raise ValueError("a payload is four lists")
    return data


def decode_payload(
    data: Any, ident: str, path: Path, display: str, payload: bytes | None = None
) -> LoadResult:
    """The load in a decoded payload (:func:`unpack_payload` of ``payload``, when given: the
    load then keeps it, as its brief's compact form); any error of shape raises
    (ValueError, TypeError ...)."""
    _, brief, problems, digest = data
    if not isinstance(digest, str):
        raise TypeError("a digest is text")
    return LoadResult(
        decode_brief(brief, ident, path) if brief else None,
        decode_problems(problems, display),
        digest,
        packed=payload if brief else None,
    )
