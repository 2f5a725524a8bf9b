"""Issue 12's figures: the library as one body (filters, order, dossiers, one timeline, the
commands that answer from the index), measured at each size, each beside a reference.

    python -m benchmarks.library_bench [--sizes 1000,10000] [--runs N] [--out results.md]

``benchmarks.run`` (``make bench``) calls :func:`measure` after its own cases and keeps
what it returns under ``library`` in ``results.json``; run alone, this replaces that part
of ``results.json`` and the ``library`` table of ``results.md`` (``benchmarks.table``).
The in-memory cases run in a fresh interpreter (``--probe``) on the library as the reader
holds it: loaded from a warm index, its catalog built (``catalog_of_library``) and warmed
(``Catalog.warm``, which the reader runs in a worker after loading). References are the
same operations without what was made ahead: the first filter after loading (indexes built
then), the first sort, a dossier whose entities must be linked first, the timeline's first
opening (its order sorted then), and for the commands the interpreter starting and
printing its version.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from benchmarks import table
from benchmarks.generate import generate
from benchmarks.table import size_label

REPO = Path(__file__).resolve().parent.parent
FILTER_QUERIES = (
    "tag:sahel",
    "actor:langley",
    'outlet:"associated press"',
    "after:2020-03",
    "-tag:security is:new",
    "before:2015-06-30 tag:diplomacy",
    'actor:"tomas cisse" -outlet:reuters',
)
"""Typed one character at a time, as into the reader's search box."""
CLI_CASES = (
    ("list",),
    ("list", "tag:sahel", "-is:new"),
    ("list", "junta"),
    ("show", "batch-000/brief-00001"),
    ("actors",),
    ("actor", "michael-e-langley"),
    ("timeline", "tag:sahel"),
    ("timeline",),
)
FIRST_SCREEN = 40
"""Timeline lines a first screen shows (a tall terminal)."""


def _clock(run: Any) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


# -- the probe: one fresh interpreter per size --------------------------------------------------


def probe(paths: list[Path], state: Path) -> dict[str, Any]:
    from briefing.catalog.build import catalog_of_library
    from briefing.catalog.dossier import dossier
    from briefing.catalog.selection import SORT_KEYS
    from briefing.catalog.timeline import library_timeline
    from briefing.store.index import Index
    from briefing.store.library import Library
    from briefing.store.seen import SeenState

    library = Library(paths, index=Index())
    library.load_all()
    found: dict[str, Any] = {"briefs": len(library)}
    seen = SeenState(state)
    first = catalog_of_library(library, seen=seen)
    found["first_filter_ms"] = _clock(lambda: first.select(FILTER_QUERIES[0], words=False))
    found["first_sort_ms"] = _clock(lambda: first.order("title"))
    tracemalloc.start()
    build_ms = _clock(lambda: found.setdefault("catalog", catalog_of_library(library, seen=seen)))
    catalog = found.pop("catalog")
    found["build_ms"] = build_ms
    found["warm_ms"] = _clock(catalog.warm)
    found["catalog_kib"] = tracemalloc.get_traced_memory()[0] // 1024
    tracemalloc.stop()

    keystrokes = []
    for query in FILTER_QUERIES:
        for end in range(1, len(query) + 1):
            keystrokes.append(_clock(lambda q=query[:end]: catalog.select(q, words=False)))
    found["filter_ms"] = keystrokes

    selection = catalog.select("tag:sahel", words=False)
    sorts = []
    for _ in range(5):
        for sort in SORT_KEYS:
            sorts.append(_clock(lambda s=sort: catalog.order(s, selection)))
            sorts.append(_clock(lambda s=sort: catalog.order(s)))
    found["sort_ms"] = sorts

    # The entity in the number of briefs closest to 500 (the generator puts one person in a
    # brief in 20: 500 at 10,000).
    busiest = min(catalog.entities, key=lambda e: (abs(len(e.briefs) - 500), e.key))
    found["dossier_briefs"] = len(busiest.briefs)
    found["dossier_ms"] = [_clock(lambda: dossier(catalog, busiest)) for _ in range(5)]
    fresh = catalog_of_library(library)
    found["dossier_unlinked_ms"] = _clock(
        lambda: dossier(fresh, fresh.entities.get(busiest.key))  # type: ignore[arg-type]
    )

    def first_screen(selection: Any) -> None:
        timeline = library_timeline(catalog, selection)
        timeline[:FIRST_SCREEN]
        timeline.months()

    found["timeline_first_ms"] = _clock(lambda: first_screen(None))
    found["timeline_entries"] = len(library_timeline(catalog))
    found["timeline_ms"] = [
        _clock(lambda q=q: first_screen(catalog.select(q, words=False)))
        for q in ("", "tag:sahel", "after:2020", "actor:langley", "-tag:security")
    ]
    return found


# -- the commands -------------------------------------------------------------------------------


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, timeout=300)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return time.perf_counter() - started


def commands(library: Path, cache: Path, runs: int) -> dict[str, Any]:
    """Each command's wall time on a warm index, interleaved with the reference."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "BRIEFING_LIBRARY": str(library)}
    env["XDG_STATE_HOME"] = str(cache / "state")
    base = [sys.executable, "-m", "briefing"]
    for case in CLI_CASES:  # fill the index and the stored entities, as any earlier run does
        _wall([*base, *case], env)
    found: dict[str, Any] = {"reference": []}
    for _ in range(runs):
        found["reference"].append(_wall([*base, "--version"], env))
        for case in CLI_CASES:
            found.setdefault(" ".join(case), []).append(_wall([*base, *case], env))
    return found


# -- measuring and writing ----------------------------------------------------------------------


def measure(sizes: list[int], work: Path, runs: int = 5) -> dict[int, dict[str, Any]]:
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        print(f"== library as one body: {size_label(size)} briefs", file=sys.stderr, flush=True)
        library = generate(work / f"lib-{size}", size)
        cache = work / "library-cache" / str(size)
        cache.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        found = commands(library, cache, runs)
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.library_bench", "--probe", str(library),
             str(cache / "probe-state.json")],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        if done.returncode:
            raise SystemExit(f"library probe failed:\n{done.stderr}")
        results[size] = {"probe": json.loads(done.stdout), "commands": found}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.library_bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work")
    parser.add_argument("--probe", nargs=2, metavar=("LIBRARY", "STATE"))
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe([Path(args.probe[0])], Path(args.probe[1]))))
        return 0
    results = measure([int(s) for s in args.sizes.split(",")], args.work.absolute(), args.runs)
    print("\n".join(table.update("library", results, args.json, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
