"""``briefing check``: validate briefs the way a compiler reports errors.

Output is one ``path:line:col: severity: message`` line per problem, sorted, so
editors and CI logs can jump to each; ``--format json`` gives the same to tools.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from briefing.brief.loader import DEFAULT_MAX_BYTES, load_stream
from briefing.brief.model import Brief
from briefing.brief.problems import Problem, sorted_problems
from briefing.brief.sanitize import visible
from briefing.export.common import JSON_VERSION, dumps_json
from briefing.store.library import Library

STDIN_NAME = "<stdin>"


class _Checked:
    """One file's outcome, from the library or from standard input."""

    def __init__(self, display: str, brief: Brief | None, problems: list[Problem]) -> None:
        self.display = display
        self.brief = brief
        self.problems = problems


def _strict(problems: list[Problem], checked: list[_Checked]) -> list[Problem]:
    """Warnings become errors, and so does every quote that could not be verified."""
    upgraded = [p.replace(severity="error") for p in problems]
    for item in checked:
        if item.brief is None:
            continue
        for quote in item.brief.quotes:
            if quote.verification.status == "no_source":
                upgraded.append(
                    Problem(
                        item.display,
                        quote.line,
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
) -> int:
    library = Library(paths, max_bytes=max_bytes)
    library.load_all()
    checked = [
        # A stale brief is an older good version: its problems are those of the file now.
        _Checked(library.display(e.path), None if e.stale else e.brief, e.problems)
        for e in library.entries
    ]
    # Folders not looked at (unreadable, links not followed) are problems of no one file.
    return _report(
        checked,
        strict=strict,
        fmt=fmt,
        out=out,
        folders=library.problems,
        across=_across(library),
    )


def _across(library: Library) -> list[Problem]:
    """Warnings across briefs: entities, and (when folders are checked, so every id the
    library has is known) related ids."""
    from briefing.catalog.build import catalog_of_library
    from briefing.catalog.checks import library_problems

    catalog = catalog_of_library(library)
    whole = all(path.is_dir() for path in library.paths)
    return library_problems(catalog, library.display, links=whole)


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
    display = STDIN_NAME if name is None else visible(str(name))
    path = Path(STDIN_NAME) if name is None else name
    result = load_stream(stream, path.absolute(), display=display, max_bytes=max_bytes)
    return _report([_Checked(display, result.brief, result.problems)], strict, fmt, out)


def _report(
    checked: list[_Checked],
    strict: bool,
    fmt: str,
    out: TextIO | None,
    folders: Sequence[Problem] = (),
    across: Sequence[Problem] = (),
) -> int:
    """``across``: what was found across the files (``_across``), beside each file's own."""
    out = out or sys.stdout
    problems = [*folders, *(p for item in checked for p in item.problems), *across]
    if strict:
        problems = _strict(problems, checked)
    problems = sorted_problems(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    quotes = [q for item in checked if item.brief for q in item.brief.quotes]
    verified = sum(1 for q in quotes if q.verification.status == "verified")
    files = len(checked)
    if fmt == "json":
        out.write(
            dumps_json(
                {
                    "version": JSON_VERSION,
                    "files": files,
                    "errors": errors,
                    "warnings": warnings,
                    "quotes": {"total": len(quotes), "verified": verified},
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
            f"{verified} of {len(quotes)} quote(s) verified\n"
        )
    return 1 if errors else 0
