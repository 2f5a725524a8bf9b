"""``briefing check``: validate briefs the way a compiler reports errors.

Output is one ``path:line:col: severity: message`` line per problem, sorted, so
editors and CI logs can jump to each; ``--format json`` gives the same to tools.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from briefing.brief.loader import DEFAULT_MAX_BYTES
from briefing.brief.problems import Problem, sorted_problems
from briefing.store.library import Library, display_path


def _strict(problems: list[Problem], library: Library) -> list[Problem]:
    """Warnings become errors, and so does every quote that could not be verified."""
    upgraded = [p.replace(severity="error") for p in problems]
    for entry in library.entries:
        if entry.brief is None or entry.stale:
            continue
        for quote in entry.brief.quotes:
            if quote.verification.status == "no_source":
                upgraded.append(
                    Problem(
                        display_path(entry.path),
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
    out = out or sys.stdout
    library = Library(paths, max_bytes=max_bytes)
    library.load_all()
    problems = [p for entry in library.entries for p in entry.problems]
    if strict:
        problems = _strict(problems, library)
    problems = sorted_problems(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    quotes = [q for e in library.entries if e.brief for q in e.brief.quotes]
    verified = sum(1 for q in quotes if q.verification.status == "verified")
    files = len(library)
    if fmt == "json":
        json.dump(
            {
                "files": files,
                "errors": errors,
                "warnings": warnings,
                "quotes": {"total": len(quotes), "verified": verified},
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
            f"{verified} of {len(quotes)} quote(s) verified\n"
        )
    return 1 if errors else 0
