"""``briefing check``: validate briefs the way a compiler reports errors.

Output is one ``path:line:col: severity: message`` line per problem, sorted, so
editors and CI logs can jump to each; ``--format json`` gives the same to tools.

Pre-commit hooks and CI run it on every commit, on libraries that barely change: each
file's verdict is kept (``briefing.store.verdict_cache``) and reused while every input
it was judged on is unchanged (``briefing.store.verdicts``), so an unchanged library is
answered from digests alone, and the output is the same bytes either way. What must be
judged is judged on every core (``briefing.store.pool``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from briefing.brief.outcome import DEFAULT_MAX_BYTES, LoadResult
from briefing.brief.problems import Problem, sorted_problems
from briefing.brief.sanitize import visible
from briefing.export.common import JSON_VERSION, dumps_json
from briefing.store.codec import decode_problems
from briefing.store.collector import loading
from briefing.store.library import Library
from briefing.store.pool import Item, Pool, helpers_for
from briefing.store.verdicts import (
    CurrentArticles,
    Judge,
    Load,
    Verdict,
    across_key,
    decode_judged,
    file_digest,
)

if TYPE_CHECKING:
    from briefing.catalog.selection import Catalog
    from briefing.store.verdict_cache import VerdictCache

STDIN_NAME = "<stdin>"

Judged = list[tuple[str, Verdict]]
"""Each file as messages name it, with its verdict."""


def _strict(problems: list[Problem], judged: Judged) -> list[Problem]:
    """Warnings become errors, and so does every quote that could not be verified."""
    upgraded = [p.replace(severity="error") for p in problems]
    for shown, verdict in judged:
        for line in verdict.unverifiable:
            upgraded.append(
                Problem(
                    shown,
                    line,
                    1,
                    "error",
                    "quote cannot be verified: its source has no article text",
                    "name the article with 'file:' on the source",
                    "quote-unverified",
                )
            )
    return upgraded


def run_check(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    fmt: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    out: TextIO | None = None,
    cache: bool = True,
    cache_file: Path | None = None,
    err: TextIO | None = None,
) -> int:
    """Check the briefs under ``paths``; ``cache``: reuse the verdicts of earlier runs (kept in
    ``cache_file``, by default in the XDG cache folder) where nothing they depend on changed."""
    # Everything a check makes is kept until it reports: full collections would walk it
    # again and again to find nothing (see ``briefing.store.collector``).
    with loading():
        if not cache:
            return _check_all(paths, strict, fmt, max_bytes, out)
        return _check_kept(paths, strict, fmt, max_bytes, out, cache_file, err)


def _check_kept(
    paths: Sequence[Path],
    strict: bool,
    fmt: str,
    max_bytes: int,
    out: TextIO | None,
    cache_file: Path | None,
    err: TextIO | None,
) -> int:
    """A check with the verdicts of earlier runs kept in ``cache_file``."""
    from briefing.store.index import Index

    # The index is opened only when the warnings across briefs must be found again. It keeps
    # loads under the usual size limit (as the reader makes them): under another, it is not
    # asked, or a brief over the limit could come back from it.
    index = Index() if max_bytes == DEFAULT_MAX_BYTES else None
    library = Library(paths, max_bytes=max_bytes, index=index, parallel=True, packed=False)
    found = library.discover_text()
    shown = [library.display(path) for _, path in found]
    kept = _cache(cache_file, err)
    loads: dict[str, Load] | None = {} if index is not None else None
    verdicts = judge_files(found, max_bytes, kept, library.paths, loads)
    judged = list(zip(shown, verdicts, strict=True))
    own = [library.catalog.shared.get(path) for _, path in found]
    across = _across_kept(library, found, judged, kept, loads or {})
    kept.save()
    return _report(judged, strict, fmt, out, library.problems, across, own)


def _check_all(
    paths: Sequence[Path], strict: bool, fmt: str, max_bytes: int, out: TextIO | None
) -> int:
    """``--no-cache``: every file loaded (on every core), nothing kept."""
    library = Library(paths, max_bytes=max_bytes, parallel=True, packed=False)
    library.load_all()
    judged = [
        # A stale brief is an older good version: its problems are those of the file now.
        (
            library.display(e.path),
            Verdict.of(LoadResult(None if e.stale else e.brief, e.problems), None, e.id, 0),
        )
        for e in library.entries
    ]
    # Folders not looked at (unreadable, links not followed) are problems of no one file.
    return _report(judged, strict, fmt, out, library.problems, _across(library))


def _across(library: Library, catalog: Catalog | None = None) -> list[Problem]:
    """Warnings across briefs: entities, and (when folders are checked, so every id the
    library has is known) related ids; in ``catalog``, by default that of what ``library``
    has loaded."""
    from briefing.catalog.build import catalog_of_library
    from briefing.catalog.checks import library_problems

    if catalog is None:
        catalog = catalog_of_library(library)
    whole = all(path.is_dir() for path in library.paths)
    return library_problems(catalog, library.display, links=whole)


def _across_kept(
    library: Library,
    found: Sequence[Item],
    judged: Judged,
    kept: VerdictCache,
    loads: dict[str, Load],
) -> list[Problem]:
    """The warnings across briefs: kept from an earlier run when every file is as it was
    then (the same files, named the same, each with the same bytes and articles), else
    found again: from the facts the reader's index keeps of each brief (no brief is built
    but those of the files judged now), or, without the index, from the whole library."""
    key = across_key(
        [
            (shown, ident, verdict)
            for (ident, _), (shown, verdict) in zip(found, judged, strict=True)
        ],
        whole=all(path.is_dir() for path in library.paths),
    )
    problems = kept.across(key)
    if problems is not None:
        return problems
    # Each brief as it was loaded: its id, and the digest of its bytes ("" without a brief).
    loaded: dict[str, str]
    if library.index is None:
        for _ in library.iter_load(found):
            pass
        problems = _across(library)
        loaded = {e.id: e.digest if e.source is not None else "" for e in library.entries}
    else:
        from briefing.catalog.build import indexed_catalog

        _feed(library, found, loads)
        catalog = indexed_catalog(library, list(found))
        catalog.prepare("actors")
        problems = _across(library, catalog)
        library.index.close()
        loaded = {f.id: f.digest if f.loaded else "" for f in catalog}
    # Kept only when the briefs loaded are the ones judged (a file edited meanwhile is not).
    # A file that could not be read (a FIFO, an article) is keyed by that: it has no brief,
    # or its brief is the same whatever its quotes' articles say, until it is read.
    same = all(
        (seen := loaded.get(ident)) is not None and seen in ("", verdict.digest)
        for (ident, _), (_, verdict) in zip(found, judged, strict=True)
    )
    if same:
        kept.keep_across(key, problems)
    return problems


def check_stream(
    stream: BinaryIO,
    name: Path | None,
    *,
    strict: bool = False,
    fmt: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    out: TextIO | None = None,
) -> int:
    """``briefing check -``: one brief from a stream, named ``name`` (default ``<stdin>``).

    Its article files are looked for from ``name``'s folder, as if the brief were saved there.
    """
    from briefing.brief.loader import load_stream

    display = STDIN_NAME if name is None else visible(str(name))
    path = Path(STDIN_NAME) if name is None else name
    result = load_stream(stream, path.absolute(), display=display, max_bytes=max_bytes)
    verdict = Verdict.of(result, None, path.stem, max_bytes)
    return _report([(display, verdict)], strict, fmt, out)


def _report(
    judged: Judged,
    strict: bool,
    fmt: str,
    out: TextIO | None,
    folders: Sequence[Problem] = (),
    across: Sequence[Problem] = (),
    own: Sequence[Problem | None] = (),
) -> int:
    """``across``: what was found across the files (``_across``), beside each file's own;
    ``own``: a problem of each file found beside its verdict (its id shared), or None."""
    out = out or sys.stdout
    extra = iter(own)
    problems = list(folders)
    for shown, verdict in judged:
        first = next(extra, None)
        if first is not None:
            problems.append(first)
        problems += decode_problems(verdict.problems, shown)
    problems += across
    if strict:
        problems = _strict(problems, judged)
    problems = sorted_problems(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    quotes = sum(v.quotes for _, v in judged)
    verified = sum(v.verified for _, v in judged)
    files = len(judged)
    if fmt == "json":
        out.write(
            dumps_json(
                {
                    "version": JSON_VERSION,
                    "files": files,
                    "errors": errors,
                    "warnings": warnings,
                    "quotes": {"total": quotes, "verified": verified},
                    "problems": [p.to_json() for p in problems],
                }
            )
        )
    else:
        for problem in problems:
            out.write(problem.format() + "\n")
        plural = "" if files == 1 else "s"
        out.write(
            f"{files} file{plural} checked: {errors} error(s), {warnings} warning(s); "
            f"{verified} of {quotes} quote(s) verified\n"
        )
    return 1 if errors else 0


def _cache(path: Path | None, err: TextIO | None) -> VerdictCache:
    from briefing.store.verdict_cache import VerdictCache

    def warn(text: str) -> None:
        print(f"briefing check: warning: {visible(text)}", file=err or sys.stderr)

    return VerdictCache(warn, path)


def judge_files(
    found: Sequence[tuple[str, str]],
    max_bytes: int,
    cache: VerdictCache | None,
    roots: Iterable[Path] = (),
    loads: dict[str, Load] | None = None,
) -> list[Verdict]:
    """The verdict on each (id, path) of ``found``: kept ones where every input is unchanged;
    new ones are kept for the next run. ``loads``, when given, receives by path the load of
    each file judged, for the reader's index (see :func:`_feed`)."""
    judge = Judge(max_bytes, keep_loads=loads is not None)
    current = CurrentArticles()
    verdicts: list[Verdict | None] = [None] * len(found)
    todo: list[int] = []
    for number, (ident, path) in enumerate(found):
        if cache is not None and path in cache:  # no entry: nothing to compare, no read
            found_digest = file_digest(path, max_bytes)
            if found_digest is not None:
                verdicts[number] = cache.get(path, ident, max_bytes, found_digest, current)
        if verdicts[number] is None:
            todo.append(number)
    items = [found[n] for n in todo]
    for number, (verdict, load) in zip(todo, _judged(judge, items), strict=True):
        verdicts[number] = verdict
        if loads is not None and load is not None:
            loads[found[number][1]] = load
    done = [v for v in verdicts if v is not None]
    assert len(done) == len(found)
    if cache is not None:
        for number in todo:
            cache.put(found[number][1], done[number])
        cache.forget_missing(roots, {path for _, path in found})
    return done


def _judged(judge: Judge, items: list[Item]) -> Iterator[tuple[Verdict, Load | None]]:
    """Verdicts on ``items`` in their order, each with its load when the judge keeps them:
    from helper processes on every core when there are enough (at normal priority: nothing
    else is drawn while a check runs)."""

    def here(item: Item) -> tuple[Verdict, Load | None]:
        verdict = judge.judge(*item)
        return verdict, judge.load

    helpers = helpers_for(len(items))
    if not helpers:
        yield from (here(item) for item in items)
        return
    pool = Pool("judge", [judge.max_bytes, judge.keep_loads], helpers, idle=False)
    chunks = pool.run(items)
    try:
        start = 0
        for chunk in chunks:
            for item, data in zip(items[start : start + len(chunk)], chunk, strict=True):
                try:
                    verdict, load = decode_judged(data)
                    if verdict.brief_id != item[0]:
                        raise ValueError("a verdict on another file")
                except ValueError:  # a helper's bug must not become a wrong verdict
                    verdict, load = here(item)
                yield verdict, load
            start += len(chunk)
    finally:
        chunks.close()


def _feed(library: Library, found: Sequence[Item], loads: dict[str, Load]) -> None:
    """Give the reader's index the loads made while judging, so the library's load that
    finds the warnings across briefs parses nothing twice (and the reader starts warm).
    Each comes with its facts encoded where it was judged: nothing is decoded here."""
    index = library.index
    if index is None or not loads:
        return
    for _, path in found:
        load = loads.get(path)
        if load is not None:
            size, mtime, payload, columns = load
            index.store_encoded(Path(path), payload, (size, mtime), columns)
    index.flush()
