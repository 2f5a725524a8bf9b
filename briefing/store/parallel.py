"""A cold load on every core: the files the index lacks, parsed ahead by helper processes.

``Library.iter_load`` asks :class:`ParseAhead` for the loads of files the index cannot
answer. Helpers (``briefing.store.pool``) parse them, at idle priority so the reader's
frames and keys come first, and hand each back encoded exactly as the index stores it
(``briefing.store.rows.encode_payload``): the caller stores those bytes as they are and
decodes it as a warm start would. Files come back in the library's order, so entries,
problems and the index are the same as a serial load's.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.brief.outcome import LoadResult
from briefing.store.index import Index
from briefing.store.rows import (
    Stamp,
    cacheable,
    decode_payload,
    encode_payload,
    stamp,
    unpack_payload,
)

if TYPE_CHECKING:
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
    """Load files and encode each as the index keeps it: [size, time, payload, columns] (-1,
    -1 for a file that could not be stamped; columns: the facts columns the index keeps
    beside it, encoded by the helper so the caller does not, or None when it is not to be
    kept). Run by helpers, and by the caller with ``display`` (how the library names its
    files), which gives no columns: the caller makes them from the load.

    The caller too keeps only the payload, and decodes it as a helper's: the parsed brief
    is dropped at once. Decoding costs a twentieth of the parse, and the brief it gives is
    the one a warm start gives (dates, tuples and strings shared with the rest of the
    library), built in one burst rather than scattered among the parser's short-lived
    objects: a cold start of 10,000 briefs then holds about as much as a warm one (14 MB
    less; benchmarks/reader_memory.py)."""

    def __init__(self, max_bytes: int, display: Callable[[str], str] | None = None) -> None:
        from briefing.brief.provenance import ArticleCache

        self.max_bytes = max_bytes
        self.display = display
        self.articles = ArticleCache()

    def __call__(self, items: Sequence[Item]) -> list[Any]:
        # Here, not with the module: a file parsed alone (the prefetch helper's first
        # screen) leaves its facts to the index's write, after the answer.
        from briefing.store.facts import encode as encode_facts

        found: list[Any] = []
        display = self.display
        for ident, path in items:
            # Problems are encoded without their path: a helper names them anything.
            shown = path if display is None else display(path)
            file_stamp, result = load_stamped(
                Path(path), ident, shown, self.max_bytes, self.articles
            )
            articles, payload = encode_payload(result)
            if display is not None:
                found.append([*(file_stamp or (-1, -1)), payload, None])
                continue
            columns = None
            if file_stamp is not None and cacheable(result):
                columns = encode_facts(result.brief, result.problems, result.digest, articles)
            found.append([*(file_stamp or (-1, -1)), payload, columns])
        return found


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
        display: Callable[[str], str],
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
        local = LoadTask(max_bytes, display)
        pool = Pool("load", [max_bytes], helpers, idle=True, local=local)
        if not pool.helpers:
            pool.close()
            return None
        order = [item for item in found if item[1] in lacking]
        return cls(lacking, order, pool.run(order), index)

    def __contains__(self, path: Path) -> bool:
        return str(path) in self._planned

    def take(self, ident: str, path: Path, shown: str) -> tuple[Stamp | None, LoadResult] | None:
        """The load of a planned file, asked for in the planned order, with the file's stamp
        taken before it was read; None if it cannot be had from the helpers (then the caller
        parses it). The index is given it here (unless the load is not to be kept)."""
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
                size, mtime, payload, columns = result
                data = unpack_payload(payload)
                load, articles = decode_payload(data, ident, path, shown, payload), data[0]
                columns = facts_columns(columns)
            except (ValueError, TypeError, LookupError, OverflowError, RecursionError):
                return None
            file_stamp = (size, mtime) if size >= 0 else None
            if self._index is not None and file_stamp is not None and cacheable(load):
                facts = load if columns is None else columns
                self._index.store_encoded(path, payload, file_stamp, facts, articles)
            return file_stamp, load
        return None

    def _next(self) -> Any:
        for result in self._chunk:
            return result
        self._chunk = iter(next(self._results))
        return next(self._chunk)

    def close(self) -> None:
        """Stop the helpers (they stop by themselves once every file is taken)."""
        self._results.close()
