"""``briefing site``: parsed values in, exit status out.

The only module that looks for Pagefind (the ``site`` extra), and only when the command
runs: without it, the command says how to install it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import say
from briefing.brief.outcome import DEFAULT_MAX_BYTES
from briefing.brief.problems import sorted_problems
from briefing.brief.sanitize import visible
from briefing.search.query import ParsedQuery
from briefing.site.build import build_site
from briefing.site.layout import plural
from briefing.site.progress import Progress
from briefing.site.writer import SiteError
from briefing.store.index import Index

INSTALL = (
    "briefing site needs Pagefind, which comes with the site extra: "
    "pip install 'briefing-reader[site]' (or: pipx install 'briefing-reader[site]', "
    "uv tool install 'briefing-reader[site]')"
)


def find_pagefind() -> Path | None:
    """The Pagefind program from the ``pagefind-bin`` package, or None when not installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError):
        return None


def site_main(
    paths: Sequence[Path],
    output: Path,
    *,
    query: ParsedQuery | None = None,
    title: str = "Briefs",
    max_bytes: int | None = None,
    progress: bool | None = None,
) -> int:
    """Exit 0 when the site is written (briefs that do not load are left out, and named);
    1 when Pagefind is missing or fails, or the folder cannot be written."""
    pagefind = find_pagefind()
    if pagefind is None:
        say.error(INSTALL)
        return 1
    shown = visible(str(output))
    try:
        built = build_site(
            paths,
            output,
            pagefind,
            query=query,
            title=title,
            max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            progress=Progress(sys.stderr, progress),
            index=Index(),
        )
    except SiteError as error:
        say.error(visible(str(error)))
        return 1
    except OSError as error:
        where = visible(str(error.filename or output))
        say.error(f"cannot write the site in {shown}: {where}: {error.strerror}")
        return 1
    for display, problems in built.left_out:
        for problem in sorted_problems(problems):
            if problem.is_error:
                print(problem.format(), file=sys.stderr)
        say.warning(f"{visible(display)} left out: it does not load")
    counts = built.counts
    search = "search index rebuilt" if built.searched else "search index unchanged"
    left = f", {len(built.left_out):,} left out (briefing check)" if built.left_out else ""
    print(
        f"{shown}: {plural(built.briefs, 'brief')}{left}; "
        f"{counts.written:,} files written, {counts.unchanged:,} unchanged, "
        f"{counts.removed:,} removed; {search}"
    )
    return 0
