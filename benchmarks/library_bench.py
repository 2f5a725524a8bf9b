"""Issue 12's figures: the library as one body (filters, order, dossiers, one timeline, the
commands that answer from the index), measured at each size, each beside a reference.

    python -m benchmarks.library_bench [--sizes 1000,10000] [--runs N] [--out results.md]

``benchmarks.run`` (``make bench``) calls :func:`measure` and :func:`update` after its own
cases; run alone, this updates its section of ``results.md`` in place. The in-memory cases
run in a fresh interpreter (``--probe``) on the library as the reader holds it: loaded from
a warm index, its catalog built (``catalog_of_library``) and warmed (``Catalog.warm``, which
the reader runs in a worker after loading). References are the same operations without
what was made ahead: the first filter after loading (indexes built then), the first sort,
a dossier whose entities must be linked first, the timeline's first opening (its order
sorted then), and for the commands the interpreter starting and printing its version.
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

from benchmarks.generate import generate
from benchmarks.report import LARGE, load_average, median, ms, percentile, size_label

REPO = Path(__file__).resolve().parent.parent
HEADING = "## g. The library as one body (issue 12)"
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
FILTER_MS, SORT_MS, DOSSIER_MS, TIMELINE_MS, COMMAND_S = 16.0, 16.0, 50.0, 100.0, 1.0
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


def _status(value: float, target: float, size: int) -> str:
    if size != LARGE:  # the targets are stated for 10,000 briefs
        return "—"
    return "PASS" if value <= target else "**MISS**"


def section(results: dict[int, dict[str, Any]]) -> str:
    rows = ["| figure | briefs | measured | reference (same run) | target | status |"]
    rows.append("|---|---:|---:|---|---|---|")
    for size, found in sorted(results.items()):
        p, label = found["probe"], size_label(size)
        filters = p["filter_ms"]
        p95 = percentile(filters, 95)
        rows.append(
            f"| filter, per typed character | {label} | p50 {ms(median(filters))}, p95 "
            f"{ms(p95)} ({len(filters)} keys) | first filter after loading "
            f"{ms(p['first_filter_ms'])} | p95 ≤ {FILTER_MS:.0f} ms | "
            f"{_status(p95, FILTER_MS, size)} |"
        )
        sorts = percentile(p["sort_ms"], 95)
        rows.append(
            f"| sort change (date, title, changed, id) | {label} | p95 {ms(sorts)} | first "
            f"sort {ms(p['first_sort_ms'])} | ≤ {SORT_MS:.0f} ms | "
            f"{_status(sorts, SORT_MS, size)} |"
        )
        dossier = median(p["dossier_ms"])
        rows.append(
            f"| dossier of an entity in {p['dossier_briefs']:,} briefs | {label} | "
            f"{ms(dossier)} | linked first {ms(p['dossier_unlinked_ms'])} | ≤ {DOSSIER_MS:.0f} ms"
            f" (500 briefs) | {_status(dossier, DOSSIER_MS, size)} |"
        )
        screen = max(p["timeline_first_ms"], *p["timeline_ms"])
        rows.append(
            f"| library timeline, first screen ({p['timeline_entries']:,} entries) | {label} | "
            f"first opening {ms(p['timeline_first_ms'])}; filter changed: max "
            f"{ms(max(p['timeline_ms']))} | — | ≤ {TIMELINE_MS:.0f} ms | "
            f"{_status(screen, TIMELINE_MS, size)} |"
        )
        commands = found["commands"]
        reference = median(commands["reference"])
        for case in CLI_CASES:
            wall = commands[" ".join(case)]
            rows.append(
                f"| `briefing {' '.join(case)}`, warm index | {label} | median "
                f"{median(wall):.2f} s, max {max(wall):.2f} s | `briefing --version` "
                f"{reference:.2f} s | ≤ {COMMAND_S:.0f} s wall | "
                f"{_status(median(wall), COMMAND_S, size)} |"
            )
        rows.append(
            f"| catalog, built and warmed | {label} | {p['build_ms'] / 1000:.2f} s + "
            f"{p['warm_ms'] / 1000:.2f} s, {p['catalog_kib'] / 1024:.1f} MiB | — | (measured) | — |"
        )
    return "\n".join(
        [
            HEADING,
            "",
            "Written by `benchmarks/library_bench.py` "
            f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average at the end "
            f"{load_average()}). Targets from issue 12, checked at 10,000 briefs; the "
            "commands' figures are wall time, process start included, medians of runs "
            "interleaved with the reference. On a machine shared with other jobs, wall time "
            "stretches with the load average.",
            "",
            *rows,
            "",
        ]
    )


def update(path: Path, text: str, heading: str = HEADING) -> None:
    """Put ``text`` in place of the section under ``heading`` in ``path`` (this module's,
    by default), or after the rest."""
    old = path.read_text("utf-8") if path.exists() else ""
    if heading in old:
        before, after = old.split(heading, 1)
        rest = after.split("\n## ", 1)
        old = before + (("## " + rest[1]) if len(rest) > 1 else "")
    new = old.rstrip("\n") + "\n\n" + text if old.strip() else text
    path.write_text(new, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.library_bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work")
    parser.add_argument("--probe", nargs=2, metavar=("LIBRARY", "STATE"))
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe([Path(args.probe[0])], Path(args.probe[1]))))
        return 0
    results = measure([int(s) for s in args.sizes.split(",")], args.work.absolute(), args.runs)
    update(args.out, section(results))
    (args.work / "library-results.json").write_text(json.dumps(results, indent=1), "utf-8")
    print(section(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
