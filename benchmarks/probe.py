"""One measurement in a fresh interpreter, printed as one JSON object on stdout.

``run.py`` starts a new process per measurement so the OS page cache is warm but no
Python state (parsed briefs, the fold table, sqlite pages held by a connection) carries
over from the run before. Timings cover the operation only; imports are timed apart.

    python -m benchmarks.probe load   --mode yaml|cold|warm|none [--search] PATH...
    python -m benchmarks.probe search [--limit N] [--passes N] PATH...
    python -m benchmarks.probe reload [--runs N] PATH...

The cache dir is whatever XDG_CACHE_HOME says, as for the reader.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

_t_start = time.perf_counter()

import yaml  # noqa: E402  (imported after the clock starts, to time imports)

from briefing.search.index import SearchIndex  # noqa: E402
from briefing.store.index import Index  # noqa: E402
from briefing.store.library import Library  # noqa: E402

IMPORT_S = time.perf_counter() - _t_start

QUERIES = (
    "niger",
    "russia trainers",
    "valparaiso",
    '"military cooperation"',
    "drone base",
    "junta",
    "chisinau",
    '"security council"',
    "langley",
    "wagner",
    "a",
    "s",
    "co",
)
"""Typed one character at a time: names from the shipped brief and the synthetic vocabulary,
accents left off (folding must find them), phrases, misses, and bare 1-2 letter prefixes."""


def rss_kib(field: str = "VmHWM") -> int:
    """VmHWM (the most resident memory this process ever held) or VmRSS (held now)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _library(paths: list[Path]) -> Library:
    return Library(paths, index=Index())


def _instrument(index: Index, found: dict[str, Any]) -> None:
    """Count index lookups and hits, and the rows (and their memory) waiting for a flush."""
    flush = index.flush

    def measured() -> None:
        pending = getattr(index, "_pending", [])
        size = sum(sys.getsizeof(row[-1]) for row in pending)
        if size >= found.get("queued_bytes", 0):
            found.update(queued_rows=len(pending), queued_bytes=size)
        flush()

    index.flush = measured  # type: ignore[method-assign]
    lookup = index.lookup

    def counted(*args: Any, **kwargs: Any) -> Any:
        result = lookup(*args, **kwargs)
        found["lookups"] = found.get("lookups", 0) + 1
        found["hits"] = found.get("hits", 0) + (result is not None)
        return result

    index.lookup = counted  # type: ignore[method-assign]


def _search_index(library: Library) -> SearchIndex:
    """As the reader builds it (``LibraryKeeper.index_entries``): each brief as the library
    holds it, packed, so the index keeps it packed too."""
    index = SearchIndex()
    for entry in library.entries:
        if entry.source is not None:
            index.set_brief(entry.source)
    return index


def probe_load(paths: list[Path], mode: str, build_search: bool) -> dict[str, Any]:
    """Seconds to load every brief: through the library (cold or warm cache, or no index at
    all) or raw PyYAML."""
    cached = Index().path.exists()  # opening is lazy: this creates nothing
    if mode in ("cold", "warm") and cached != (mode == "warm"):
        raise SystemExit(f"load probe: {mode} run, but the index exists: {cached}")
    library = Library(paths) if mode == "none" else _library(paths)
    queue: dict[str, Any] = {}
    if library.index is not None:
        _instrument(library.index, queue)
    t0 = time.perf_counter()
    library.discover()
    discover_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    if mode == "yaml":  # one discovery, as load_all makes
        files = [path for _, path in library.discover()]
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        count = len(files)
    else:
        library.load_all()
    seconds = time.perf_counter() - t0
    if mode != "yaml":  # counted untimed: reading each brief decodes it again
        count = sum(1 for e in library.entries if e.brief is not None)
    result: dict[str, Any] = {"mode": mode, "seconds": seconds, "count": count, **queue}
    result.update(discover_s=discover_s, load_hwm_kib=rss_kib(), load_rss_kib=rss_kib("VmRSS"))
    if build_search and mode != "yaml":
        t1 = time.perf_counter()
        _search_index(library)
        result["search_build_s"] = time.perf_counter() - t1
        result["search_rss_kib"] = rss_kib("VmRSS")
    result["hwm_kib"] = rss_kib()
    return result


def _ui_limit() -> int:
    """The limit the search box passes, read from the UI so the probe never drifts from it."""
    try:
        from briefing.ui.widgets.search import LIMIT
    except ImportError:  # pragma: no cover - the UI is part of the package
        return 200
    return LIMIT


def probe_search(paths: list[Path], limit: int | None, passes: int) -> dict[str, Any]:
    """Per-keystroke latency of SearchIndex.search over the whole loaded library."""
    library = _library(paths)
    library.load_all()
    t0 = time.perf_counter()
    index = _search_index(library)
    build_s = time.perf_counter() - t0
    limit = _ui_limit() if limit is None else limit
    rows = _row_builder(library)
    keystrokes: list[dict[str, Any]] = []
    for number in range(passes):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                typed = query[:end]
                if not typed.strip():
                    continue
                t1 = time.perf_counter()
                result = index.search(typed, limit=limit)
                t2 = time.perf_counter()
                rows(result.hits)
                t3 = time.perf_counter()
                keystrokes.append(
                    {
                        "pass": number,
                        "typed": typed,
                        "chars": len(typed.strip('"').strip()),
                        "ms": (t2 - t1) * 1000,
                        "rows_ms": (t3 - t2) * 1000,
                        "hits": len(result.hits),
                        "count": result.count,
                    }
                )
    return {
        "briefs": len(index),
        "limit": limit,
        "build_s": build_s,
        "keystrokes": keystrokes,
        "hwm_kib": rss_kib(),
    }


def _row_builder(library: Library) -> Any:
    """What the search panel does with the hits next: one prompt per listed hit."""
    from briefing.ui.widgets.search import hit_prompt

    titles = {e.id: e.title for e in library.entries if e.title is not None}

    def build(hits: Any) -> None:
        for hit in hits:
            hit_prompt(hit, titles.get(hit.brief_id, hit.brief_id))

    return build


_TITLE = re.compile(rb"^title:[ \t]*(\"?)", re.MULTILINE)


def edited(original: bytes, number: int) -> bytes:
    """The same brief with a new title, so the reload has real content to pick up."""
    match = _TITLE.search(original)
    if match is None:
        raise SystemExit("reload probe: the brief has no title line")
    return original[: match.end()] + b"Edited %d - " % number + original[match.end() :]


def probe_reload(paths: list[Path], runs: int) -> dict[str, Any]:
    """Rewrite one file (new title, new mtime), then time reload_path plus set_brief."""
    library = _library(paths)
    library.load_all()
    index = _search_index(library)
    files = [path for _, path in library.discover()]
    target = files[len(files) // 2]
    original = target.read_bytes()
    info = os.stat(target)
    times: list[float] = []
    try:
        for number in range(1, runs + 1):
            target.write_bytes(edited(original, number))
            bumped = info.st_mtime_ns + number * 1_000_000_000
            os.utime(target, ns=(info.st_atime_ns, bumped))
            t0 = time.perf_counter()
            ident = library.reload_path(target)
            entry = library.get(ident) if ident else None
            if entry is None or entry.brief is None:
                raise SystemExit(f"reload probe: {target} did not reload")
            index.set_brief(entry.brief)
            times.append((time.perf_counter() - t0) * 1000)
            if not entry.brief.title.startswith(f"Edited {number} - "):
                raise SystemExit(f"reload probe: {target} reloaded stale content")
    finally:
        target.write_bytes(original)
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    return {"file": str(target), "ms": times, "hwm_kib": rss_kib()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.probe")
    parser.add_argument("kind", choices=("load", "search", "reload"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--mode", choices=("yaml", "cold", "warm", "none"), default="warm")
    parser.add_argument("--search", action="store_true", help="load: also build the index")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    paths = [p.absolute() for p in args.paths]
    if args.kind == "load":
        result = probe_load(paths, args.mode, args.search)
    elif args.kind == "search":
        result = probe_search(paths, args.limit, args.passes)
    else:
        result = probe_reload(paths, args.runs)
    result["import_s"] = IMPORT_S
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
