"""The reader's filters at scale: what a typed filter character and a sort change cost
the running reader (headless, under Textual's Pilot) on a generated library.

    python -m benchmarks.reader_filter [--size 10000] [--runs 3] [--out FILE.md]

Timed on the UI thread, as the screen handles them: a character of a query typed into
the search box (``SearchPanel.run`` and the screen's ``query_ran``, as on each
``Input.Changed``: the query parsed, the catalog's selection, the hits kept to the
filtered briefs, the list's order and rows, its title and the count line) and the sort
key (``action_cycle_sort``). The reference, in the same run, is a character of a
words-only query (the search as it was before filters). Also: how long
the catalog took to build and warm in its worker after the library loaded (the UI is
responsive meanwhile). Nothing is asserted: the machine may be busy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from benchmarks.library_bench import FILTER_QUERIES, REPO
from benchmarks.table import median, percentile

HEADING = "## The reader's filters"
WORD_QUERIES = ("junta ministry", "langley niamey")


def _timed(action: Any, times: int) -> list[float]:
    """Milliseconds of each of ``times`` calls of ``action()``."""
    found = []
    for _ in range(times):
        began = time.perf_counter()
        action()
        found.append((time.perf_counter() - began) * 1000)
    return found


async def _measure(library: Path, runs: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO / "tests" / "ui"))
    from pilot_helpers import settle  # the tests' wait: loaded, catalog built

    from briefing.ui.app import make_app

    app = make_app([library], watch=False)
    found: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        await settle(pilot, rounds=100_000)
        found["load_and_catalog_s"] = time.perf_counter() - started
        main = app.main
        catalogs = app.catalogs
        assert catalogs.catalog is not None
        found["briefs"] = len(catalogs.catalog)
        main.action_search()
        await pilot.pause()
        panel = main.search_panel

        def typed(queries: tuple[str, ...]) -> list[float]:
            times = []
            for _ in range(runs):
                for query in queries:
                    for end in range(1, len(query) + 1):
                        began = time.perf_counter()
                        panel.run(query[:end])  # what the box's Input.Changed does
                        main.query_ran()  # and the screen, on the panel's HitsChanged
                        times.append((time.perf_counter() - began) * 1000)
                    panel.run("")
            return times

        filters = typed(FILTER_QUERIES)
        words = typed(WORD_QUERIES)
        panel.run("tag:sahel")
        main.query_ran()
        sorts = _timed(main.action_cycle_sort, runs * 3)
        panel.run("")
        main.query_ran()
        unfiltered = _timed(main.action_cycle_sort, runs * 3)
    for name, values in (
        ("filter_key", filters),
        ("word_key", words),
        ("sort_filtered", sorts),
        ("sort_all", unfiltered),
    ):
        found[name] = {
            "median_ms": median(values),
            "p95_ms": percentile(values, 95),
            "max_ms": max(values),
            "n": len(values),
        }
    return found


def measure(size: int, work: Path, runs: int) -> dict[str, Any]:
    library = work / f"lib-{size}"
    if not library.exists():
        generate(library, size)
    os.environ.setdefault("XDG_CACHE_HOME", str(work / "reader-filter-cache"))
    os.environ["XDG_STATE_HOME"] = str(work / "reader-filter-state")
    return asyncio.run(_measure(library, runs))


def section(size: int, found: dict[str, Any]) -> str:
    rows = [
        f"| {label} | {found[key]['median_ms']:.2f} | {found[key]['p95_ms']:.2f} | "
        f"{found[key]['max_ms']:.2f} | {found[key]['n']} |"
        for key, label in (
            ("filter_key", "a typed filter character"),
            ("word_key", "a typed search character (reference)"),
            ("sort_filtered", "the sort key, filtered by a tag"),
            ("sort_all", "the sort key, every brief"),
        )
    ]
    return "\n".join(
        [
            HEADING,
            "",
            f"In the running reader at {found['briefs']:,} briefs (`python -m "
            "benchmarks.reader_filter`), on the UI thread, milliseconds. The library "
            f"loaded and its catalog was built and warmed in {found['load_and_catalog_s']:.1f} s "
            "(workers; keys answer meanwhile).",
            "",
            "| step | median | p95 | max | n |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reader_filter", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    found = measure(args.size, args.work.absolute(), args.runs)
    text = section(args.size, found)
    if args.out is not None:
        args.out.write_text(text, "utf-8")
    print(json.dumps(found, indent=1), file=sys.stderr)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
