"""``briefing check``: validate briefs the way a compiler reports errors.

Output is one ``path:line:col: severity: message`` line per problem, sorted, so
editors and CI logs can jump to each; ``--format json`` gives the same to tools.

Pre-commit hooks and CI run it on every commit, on libraries that barely change: each
file's verdict is kept (``briefing.store.verdict_cache``) and reused while every input
it was judged on is unchanged (``briefing.store.verdicts``), so an unchanged library is
answered from digests alone, and the output is the same bytes either way.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from briefing.brief.outcome import DEFAULT_MAX_BYTES
from briefing.brief.problems import Problem, sorted_problems
from briefing.brief.sanitize import visible
from briefing.store.codec import decode_problems
from briefing.store.library import Library, display_path
from briefing.store.pool import Item, Pool, helpers_for
from briefing.store.verdicts import CurrentArticles, Judge, Verdict, file_digest

if TYPE_CHECKING:
    from briefing.store.verdict_cache import VerdictCache


def _strict(problems: list[Problem], judged: list[tuple[str, Verdict]]) -> list[Problem]:
    """Warnings become errors, and so does every quote that could not be verified."""
    upgraded = [replace(p, severity="error") for p in problems]
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
    out = out or sys.stdout
    library = Library(paths, max_bytes=max_bytes)
    found = library.discover_text()
    cwd = os.getcwd()
    shown = [display_path(path, cwd) for _, path in found]
    verdicts = judge_files(found, shown, max_bytes, _cache(cache, cache_file, err), library.paths)
    judged = list(zip(shown, verdicts, strict=True))
    problems = [p for name, v in judged for p in decode_problems(v.problems, name)]
    if strict:
        problems = _strict(problems, judged)
    problems = sorted_problems(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    quotes = sum(v.quotes for v in verdicts)
    verified = sum(v.verified for v in verdicts)
    files = len(found)
    if fmt == "json":
        json.dump(
            {
                "files": files,
                "errors": errors,
                "warnings": warnings,
                "quotes": {"total": quotes, "verified": verified},
                "problems": [p.to_json() for p in problems],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        for problem in problems:
            out.write(problem.format() + "\n")
        plural = "" if files == 1 else "s"
        out.write(
            f"{files} file{plural} checked: {errors} error(s), {warnings} warning(s); "
            f"{verified} of {quotes} quote(s) verified\n"
        )
    return 1 if errors else 0


def _cache(wanted: bool, path: Path | None, err: TextIO | None) -> VerdictCache | None:
    if not wanted:
        return None
    from briefing.store.verdict_cache import VerdictCache

    def warn(text: str) -> None:
        print(f"briefing check: warning: {visible(text)}", file=err or sys.stderr)

    return VerdictCache(warn, path)


def judge_files(
    found: Sequence[tuple[str, str]],
    shown: Sequence[str],
    max_bytes: int,
    cache: VerdictCache | None,
    roots: Iterable[Path] = (),
) -> list[Verdict]:
    """The verdict on each (id, path) of ``found`` (``shown``: the paths as printed), kept
    ones where every input is unchanged; new ones are kept for the next run."""
    judge = Judge(max_bytes)
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
    items = [(found[n][0], found[n][1], shown[n]) for n in todo]
    for number, verdict in zip(todo, _judged(judge, items), strict=True):
        verdicts[number] = verdict
    done = [v for v in verdicts if v is not None]
    assert len(done) == len(found)
    if cache is not None:
        for number in todo:
            cache.put(found[number][1], done[number])
        cache.forget_missing(roots, {path for _, path in found})
        cache.save()
    return done


def _judged(judge: Judge, items: list[Item]) -> Iterator[Verdict]:
    """Verdicts on ``items`` in their order: from helper processes on every core when there
    are enough (at normal priority: nothing else is drawn while a check runs)."""
    helpers = helpers_for(len(items))
    if not helpers:
        yield from (judge.judge(*item) for item in items)
        return
    pool = Pool("judge", [judge.max_bytes], helpers, idle=False)
    chunks = pool.run(items)
    try:
        start = 0
        for chunk in chunks:
            for item, data in zip(items[start : start + len(chunk)], chunk, strict=True):
                try:
                    verdict = Verdict.decode(data)
                    if verdict.brief_id != item[0]:
                        raise ValueError("a verdict on another file")
                except ValueError:  # a helper's bug must not become a wrong verdict
                    verdict = judge.judge(*item)
                yield verdict
            start += len(chunk)
    finally:
        chunks.close()
