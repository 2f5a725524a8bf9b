"""The reader's filters at scale: what a typed filter character and a sort-key press cost
the running reader (headless, under Textual's Pilot) on a generated library.

    python -m benchmarks.reader_filter [--size 10000] [--runs 3] [--work DIR]
                                       [--out results.md] [--json results.json]

``benchmarks.run`` (``make bench``) calls :func:`measure` once, at its largest size, and
keeps what it returns under ``reader_filter`` in ``results.json``; ``benchmarks.table``
writes its rows into the ``library`` table, beside the same operations timed on the
catalog alone. Run alone, this replaces that part of ``results.json`` and the ``library``
table of ``results.md``.

The reader runs in a fresh interpreter (``--probe``) with its own XDG cache and state
folders. Timed on the UI thread, as the screen handles them: a character of a query typed
into the search box (what ``Input.Changed`` sets off: ``SearchPanel.run``, which searches
and lists the hits, then the screen's handler of its ``HitsChanged``: the query's
problems, the catalog's selection, the list's order and rows, its title, the status line)
and the sort key (``action_cycle_sort``). Not timed: the ``Input`` widget taking the key,
and the terminal redraw, which happens between keys. The reference, interleaved with it
run by run, is a character of a words-only query (the plain search, as before filters).
Nothing is asserted: the machine may be busy, so the load average is kept beside the
figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import table
from benchmarks.generate import generate
from benchmarks.library_bench import FILTER_QUERIES, REPO
from benchmarks.table import median, percentile

WORD_QUERIES = ("junta ministry", "langley niamey")
"""Words only: the reference, typed one character at a time like the filters."""
SORT_FILTER = "tag:sahel"
"""The filter set while the sort key is pressed (the list narrowed), besides none."""


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": median(values),
        "p95_ms": percentile(values, 95),
        "max_ms": max(values),
        "n": len(values),
    }


# -- the probe: one fresh interpreter -----------------------------------------------------------


async def _measure(library: Path, runs: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO / "tests" / "ui"))
    from pilot_helpers import settle  # the tests' wait: loaded, catalog built and warmed

    from briefing.catalog.selection import SORT_KEYS
    from briefing.ui.app import make_app
    from briefing.ui.widgets.search import SearchPanel

    app = make_app([library], watch=False)
    found: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        await settle(pilot, rounds=100_000)
        found["load_and_catalog_s"] = time.perf_counter() - started
        main = app.main
        catalog = app.catalogs.catalog
        assert catalog is not None, "the catalog was not built"
        found["briefs"] = len(catalog)
        main.action_search()
        await pilot.pause()
        panel = main.search_panel

        def key(text: str) -> None:
            """A character typed: the panel's work and the screen's, as the app runs them
            (the message the panel posts is handled here, inside the clock, not twice)."""
            with panel.prevent(SearchPanel.HitsChanged):
                panel.run(text)
            main.on_search_panel_hits_changed(SearchPanel.HitsChanged())

        async def timed(action: Callable[[], None], into: list[float]) -> None:
            began = time.perf_counter()
            action()
            into.append((time.perf_counter() - began) * 1000)
            await pilot.pause()  # the redraw and anything queued, between keys, untimed

        async def typed(queries: tuple[str, ...], into: list[float]) -> None:
            for query in queries:
                for end in range(1, len(query) + 1):
                    await timed(partial(key, query[:end]), into)
                key("")
                await pilot.pause()

        filters: list[float] = []
        words: list[float] = []
        sort_filtered: list[float] = []
        sort_all: list[float] = []
        for _ in range(runs):  # interleaved, so a busy moment slows both alike
            await typed(FILTER_QUERIES, filters)
            await typed(WORD_QUERIES, words)
            for text, into in ((SORT_FILTER, sort_filtered), ("", sort_all)):
                key(text)
                await pilot.pause()
                found["rows_" + ("filtered" if text else "all")] = len(main.lists.rows or ())
                for _ in SORT_KEYS:  # once round every order
                    await timed(main.action_cycle_sort, into)
    for name, values in (
        ("filter_key", filters),
        ("word_key", words),
        ("sort_filtered", sort_filtered),
        ("sort_all", sort_all),
    ):
        found[name] = _stats(values)
    return found


def probe(library: Path, runs: int) -> dict[str, Any]:
    return asyncio.run(_measure(library, runs))


# -- measuring and writing ----------------------------------------------------------------------


def measure(size: int, work: Path, runs: int = 3) -> dict[str, Any]:
    """The probe on a generated library of ``size`` briefs, in a fresh interpreter with its
    own cache (kept between runs, as a user's is) and an empty reading state."""
    print(f"== the reader's filters: {size:,} briefs", file=sys.stderr, flush=True)
    library = generate(work / f"lib-{size}", size)
    cache = work / "reader-filter" / "cache" / str(size)
    state = work / "reader-filter" / "state"
    warm = cache.is_dir() and any(cache.iterdir())
    cache.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(state, ignore_errors=True)  # every brief new, as on a first opening
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache),
        "XDG_STATE_HOME": str(state),
        "XDG_CONFIG_HOME": str(work / "home" / ".config"),  # no user config
    }
    command = [sys.executable, "-m", "benchmarks.reader_filter", "--probe", str(library)]
    command += ["--runs", str(runs)]
    load = os.getloadavg()[0]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"benchmarks.reader_filter probe failed:\n{done.stderr}")
    found: dict[str, Any] = json.loads(done.stdout)
    found |= {"size": size, "runs": runs, "index": "warm" if warm else "cold"}
    found |= {"load": load, "load_after": os.getloadavg()[0]}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reader_filter", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    parser.add_argument("--probe", type=Path, metavar="LIBRARY", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(args.probe, args.runs)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    found = measure(args.size, args.work.absolute(), args.runs)
    print("\n".join(table.update("reader_filter", found, args.json, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
