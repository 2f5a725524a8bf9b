"""A cold load on every core: the files the index lacks, parsed ahead by helper processes.

``Library.iter_load`` asks :class:`ParseAhead` for the loads of files the index cannot
answer. Helpers (``briefing.store.pool``) parse them, at idle priority so the reader's
frames and keys come first, and hand each back encoded exactly as the index stores it
(``briefing.store.rows.encode_payload``), with what the library reads of it without the
brief (its problems, digest, title, date and cited articles) beside it: the caller stores
the payload as it is and holds it packed (``briefing.store.packed``), decoded only when
the brief is first read. The caller's core is one the helpers' work shares: decoding every
brief on it would spend it on briefs a ``check`` or a command never reads (the reader, which
indexes them all, decodes each in its loading worker). Files come back in the library's
order, so entries, problems and the index are the same as a serial load's.
"""

from __future__ import annotations

import sys
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.brief.outcome import LoadResult
from briefing.brief.problems import Problem
from briefing.brief.records import Record
from briefing.store.codec import decode_date, decode_problems, encode_problems
from briefing.store.index import Index
from briefing.store.packed import Packed, cited_of
from briefing.store.rows import Stamp, cacheable, encode_payload, stamp, unfailed

if TYPE_CHECKING:
    from briefing.brief.model import Brief
    from briefing.brief.provenance import ArticleCache
    from briefing.store.facts import Columns
    from briefing.store.pool import Item


def facts_columns(data: Any) -> Columns | None:
    """Facts columns a helper encoded (see :class:`LoadTask`); ValueError if malformed."""
    if data is None:
        return None
    if type(data) not in (list, tuple) or len(data) != 4 or {type(x) for x in data} != {str}:
        raise ValueError("malformed facts columns")
    return (data[0], data[1], data[2], data[3])


def load_stamped(
    path: Path, ident: str, shown: str, max_bytes: int, articles: ArticleCache
) -> tuple[Stamp | None, LoadResult]:
    """Parse one file, with its stamp for the index taken before it is read, so a change made
    meanwhile is seen on the next start. The one way a library parses, here or in a helper."""
    from briefing.brief.loader import load_file

    file_stamp = stamp(path)
    result = load_file(path, brief_id=ident, display=shown, max_bytes=max_bytes, articles=articles)
    return file_stamp, result


class LoadTask:
    """Load files and encode each as the index keeps it, with what the library needs of it
    beside: [size, time, payload, columns, problems, digest, title, date, cited] (-1, -1 for
    a file that could not be stamped; columns: the facts columns the index keeps beside the
    payload, or None when it is not to be kept; problems encoded without their path, as a
    helper names the file anything; title, date (ISO) and cited (``[path, line]`` of each
    article its sources name) of the brief, or None, None, [] without one).

    Run by helpers and by the caller alike (``briefing.store.pool``), so where a file was
    parsed never changes what the library holds: a payload, decoded when first read, which
    gives the brief a warm start gives (dates, tuples and strings shared with the rest of
    the library) rather than the parser's own objects."""

    def __init__(self, max_bytes: int) -> None:
        from briefing.brief.provenance import ArticleCache

        self.max_bytes = max_bytes
        self.articles = ArticleCache()

    def __call__(self, items: Sequence[Item]) -> list[Any]:
        # Here, not with the module: a file parsed alone (the prefetch helper's first
        # screen) leaves its facts to the index's write, after the answer.
        from briefing.store.facts import encode as encode_facts

        found: list[Any] = []
        for ident, path in items:
            file_stamp, result = load_stamped(
                Path(path), ident, path, self.max_bytes, self.articles
            )
            articles, payload = encode_payload(result)
            columns = None
            if file_stamp is not None and cacheable(result):
                columns = encode_facts(result.brief, result.problems, result.digest, articles)
            problems = encode_problems(result.problems)
            listed = _listed(result.brief)
            found.append(
                [*(file_stamp or (-1, -1)), payload, columns, problems, result.digest, *listed]
            )
        return found


def _listed(brief: Brief | None) -> tuple[str | None, str | None, list[list[Any]]]:
    """What the library reads of a brief without decoding it: its title, its date (ISO) and
    the articles its sources name; None, None, [] without a brief."""
    if brief is None:
        return None, None, []
    date = brief.date.isoformat() if brief.date else None
    return brief.title, date, [list(article) for article in cited_of(brief)]


class Parsed(Record):
    """One file's load as a helper made it, ready to hold: what ``Library`` keeps of it."""

    __slots__ = ("digest", "held", "problems", "stamp")
    stamp: Stamp | None
    """The file's, taken before it was read; None if it could not be taken."""
    problems: list[Problem]
    digest: str
    held: Packed | None
    """The brief, packed; None when the file gives none."""

    def __init__(
        self, stamp: Stamp | None, problems: list[Problem], digest: str, held: Packed | None
    ) -> None:
        self.stamp = stamp
        self.problems = problems
        self.digest = digest
        self.held = held


def parsed_of(result: Any, ident: str, path: Path, shown: str) -> tuple[Parsed, Any]:
    """What :class:`LoadTask` gave for one file, checked (ValueError, TypeError ... when it
    is not such an answer), and its facts columns for the index."""
    size, mtime, payload, columns, problems, digest, title, date, cited = result
    if payload.__class__ is not bytes or digest.__class__ is not str:
        raise TypeError("a payload is bytes, a digest text")
    if size.__class__ is not int or mtime.__class__ is not int:
        raise TypeError("a stamp is numbers")
    found = decode_problems(problems, shown)
    held = None
    if title is not None:
        if title.__class__ is not str or cited.__class__ is not list:
            raise TypeError("a title is text, the articles a list")
        held = Packed(
            payload,
            ident,
            path,
            title,
            None if date is None else decode_date(date),
            tuple([(sys.intern(str.__str__(name)), _line(line)) for name, line in cited]),
        )
    file_stamp = (size, mtime) if size >= 0 else None
    return Parsed(file_stamp, found, digest, held), facts_columns(columns)


def _line(value: Any) -> int:
    if value.__class__ is not int:
        raise TypeError("a line is a number")
    return int(value)


class ParseAhead:
    """The loads of the files planned, parsed by a pool, taken one by one in their order."""

    def __init__(
        self,
        planned: set[str],
        order: list[Item],
        results: Generator[list[Any], None, None],
        index: Index | None,
    ) -> None:
        self._planned = planned
        self._order = iter(order)
        self._results = results
        self._chunk: Iterator[Any] = iter(())
        self._index = index

    @classmethod
    def start(
        cls,
        found: Sequence[Item],
        index: Index | None,
        max_bytes: int,
    ) -> ParseAhead | None:
        """Helpers for the files of ``found`` the index lacks, or None when there are too few
        to be worth it, or no second core, or no way to start a helper. ``found`` is held on
        to, not copied: the library's own list."""
        from briefing.store.pool import Pool, helpers_for

        if not helpers_for(len(found)):
            return None
        keys = [path for _, path in found]
        lacking = index.unanswerable(keys) if index is not None else set(keys)
        helpers = helpers_for(len(lacking))
        if not helpers:
            return None
        pool = Pool("load", [max_bytes], helpers, idle=True)
        if not pool.helpers:
            pool.close()
            return None
        order = [item for item in found if item[1] in lacking]
        return cls(lacking, order, pool.run(order), index)

    def __contains__(self, path: Path) -> bool:
        return str(path) in self._planned

    def take(self, ident: str, path: Path, shown: str) -> Parsed | None:
        """The load of a planned file, asked for in the planned order; None if it cannot be
        had from the helpers (then the caller parses it). The index is given it here
        (unless the load is not to be kept)."""
        key = str(path)
        if key not in self._planned:
            return None
        for planned in self._order:
            try:
                result = self._next()
            except StopIteration:  # cannot happen: every planned file has a result
                return None
            if planned[1] != key:
                continue  # skipped by the caller: the index had it after all
            try:
                parsed, columns = parsed_of(result, ident, path, shown)
            except (ValueError, TypeError, LookupError, OverflowError, RecursionError):
                return None
            if self._index is not None and parsed.stamp is not None and unfailed(parsed.problems):
                if columns is None:
                    return None  # a load to keep comes with its facts: parsed here instead
                self._index.store_encoded(path, result[2], parsed.stamp, columns)
            return parsed
        return None

    def _next(self) -> Any:
        for result in self._chunk:
            return result
        self._chunk = iter(next(self._results))
        return next(self._chunk)

    def close(self) -> None:
        """Stop the helpers (they stop by themselves once every file is taken)."""
        self._results.close()
