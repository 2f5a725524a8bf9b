"""Where the time goes, for the figures that miss their target: imports and profiles.

    python -X importtime -m benchmarks.analysis headless reader|minimal [PATH...]
    python -m benchmarks.analysis timeline OUT.json [PATH...]
    python -m benchmarks.analysis first-frame reader|minimal OUT.json [PATH...]
    python -m benchmarks.analysis profile load|search|reload PATH...

``headless`` runs the reader (or the minimal app) without a terminal until its first
brief is on screen, so ``-X importtime`` lists what the first screen imported;
``timeline`` runs it with the loading steps timed from process start. The
``profile`` modes print the top functions by own time of one operation as JSON.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


# -- imports of the first screen -------------------------------------------------------


def headless(which: str, paths: list[Path], on_ready: Any = None) -> None:
    """Start the app without a terminal and quit once the first screen has what it needs.

    ``on_ready`` is called when Textual reports the app ready (its first screen mounted).
    """
    from textual.app import App
    from textual.pilot import Pilot

    app: App[Any]
    if which.startswith("minimal"):
        from benchmarks.minimal_app import MinimalApp

        app = MinimalApp()
    else:
        import briefing.cli  # noqa: F401  (the command's own imports come first)
        from briefing.ui.app import BriefingApp, make_app

        app = make_app(paths, watch=False)
        if which == "reader":  # for -X importtime: what the first frame imports, no more
            stop = app.exit

            def first_frame_drawn(_self: Any, _first: Any) -> None:
                stop()  # called once the first frame is drawn: load nothing more

            BriefingApp._load_rest = first_frame_drawn  # type: ignore[method-assign]

    def drawn(main: Any) -> bool:
        if which == "timeline":  # the list's second row, as the first-paint markers want
            return len(main.entries) > 1 or not main.still_loading
        return main.current is not None

    async def until_drawn(pilot: Pilot[Any]) -> None:
        if on_ready is not None:
            on_ready()
        deadline = time.monotonic() + 30
        while not which.startswith("minimal") and time.monotonic() < deadline:
            main = getattr(pilot.app, "_main", None)
            if main is not None and drawn(main):
                break
            await pilot.pause(0.01)
        await pilot.pause()
        pilot.app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=until_drawn)


# -- a timeline of the first screen ----------------------------------------------------

_EVENTS: list[tuple[str, float, float]] = []
_COUNTS: dict[str, list[float]] = {}


def _process_age_ms() -> float:
    """Milliseconds since this process started (to the kernel's 10 ms clock tick)."""
    with open("/proc/self/stat", encoding="ascii") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
    return (since_boot - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000


def _wrap(owner: Any, name: str, label: str, keep: int = 3) -> None:
    """Record the first ``keep`` calls of ``owner.name`` and count them all."""
    import functools

    original = getattr(owner, name, None)
    if original is None:
        return
    count = _COUNTS.setdefault(label, [0, 0.0])

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            t1 = time.perf_counter()
            count[0] += 1
            count[1] += (t1 - t0) * 1000
            if count[0] <= keep:
                _EVENTS.append((label, t0, t1))

    setattr(owner, name, timed)


def timeline(out: Path, paths: list[Path]) -> None:
    """Run the reader headless with its loading steps timed; write them to ``out`` as JSON."""
    anchor, age = time.perf_counter(), _process_age_ms()
    from briefing.store.index import Index
    from briefing.store.library import Library
    from briefing.ui.app import BriefingApp
    from briefing.ui.screens.main import MainScreen

    _wrap(BriefingApp, "start_loading", "first frame drawn, loading starts")
    _wrap(Library, "discover", "Library.discover (list every file)")
    _wrap(Library, "discover_text", "Library.discover_text (list every file, as strings)")
    _wrap(Library, "load_cached", "Library.load_cached (first briefs from the index)")
    _wrap(Library, "_load", "load one brief")
    _wrap(Index, "lookup_many", "Index.lookup")  # the reader's batched lookups count too
    _wrap(BriefingApp, "on_entries_loaded", "UI: handle a batch of entries")
    _wrap(MainScreen, "show_entry", "UI: show a brief")
    headless("timeline", paths)
    events = [
        {
            "what": label,
            "start_ms": age + (t0 - anchor) * 1000,
            "end_ms": age + (t1 - anchor) * 1000,
        }
        for label, t0, t1 in sorted(_EVENTS, key=lambda e: e[1])
    ]
    counts = {label: {"calls": int(c[0]), "total_ms": c[1]} for label, c in _COUNTS.items()}
    out.write_text(json.dumps({"events": events, "counts": counts}), "utf-8")


def run_timeline(paths: list[Path], cache: Path, work: Path) -> dict[str, Any]:
    out = work / "timeline.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, "-m", "benchmarks.analysis", "timeline", str(out)]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [*command, *map(str, paths)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode or not out.exists():
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return result


def _importtime(which: str, paths: list[Path]) -> dict[str, tuple[float, float, int]]:
    """module -> (self ms, cumulative ms, depth), from one ``-X importtime`` run."""
    command = [sys.executable, "-X", "importtime", "-m", "benchmarks.analysis", "headless", which]
    done = subprocess.run(
        [*command, *map(str, paths)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    found: dict[str, tuple[float, float, int]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        found[name.strip()] = (int(own) / 1000, int(total) / 1000, depth)
    return found


def import_diff(paths: list[Path]) -> dict[str, Any]:
    """Imports the reader's first screen makes beyond the minimal app's, heaviest first."""
    reader, minimal = _importtime("reader", paths), _importtime("minimal", [])
    extra = {name: row for name, row in reader.items() if name not in minimal}
    # importtime lists a module after its children, one indentation level shallower
    parent: dict[str, str] = {}
    pending: dict[int, list[str]] = {}
    for name, (_own, _total, depth) in reader.items():
        for child in pending.pop(depth + 1, []):
            parent[child] = name
        pending.setdefault(depth, []).append(name)
    roots = [n for n in extra if parent.get(n) not in extra]
    roots.sort(key=lambda n: -extra[n][1])
    return {
        "reader_ms": sum(own for own, _, _ in reader.values()),
        "minimal_ms": sum(own for own, _, _ in minimal.values()),
        "extra_ms": sum(own for own, _, _ in extra.values()),
        "extra_modules": len(extra),
        "top": [(n, extra[n][1]) for n in roots[:8]],
    }


# -- the main thread until the app is ready -------------------------------------------

FRAME_AREAS = (
    ("imports", ("<frozen importlib", "<frozen zipimport", "(<module>)", "marshal.loads",
                 "_imp.", "posix.stat", "posix.listdir", "open_code", "of '_io.")),
    ("regular expressions", ("/re/", "_compiler.py", "_parser.py", "sre_")),
    ("Textual CSS", ("/textual/css/",)),
    ("Textual widgets", ("/textual/widgets/",)),
    ("Textual, other", ("/textual/",)),
    ("Rich", ("/rich/",)),
    ("briefing", ("/briefing/",)),
    ("markdown-it", ("/markdown_it/",)),
    ("asyncio", ("/asyncio/", "selectors.py")),
)  # fmt: skip
"""Own time is charged to the first area whose needle is in "file(function)"."""


def first_frame(which: str, out: Path, paths: list[Path]) -> None:
    """Profile the main thread from start until the app is ready; own time by area."""
    profiler = cProfile.Profile()
    ready: list[float] = []

    def on_ready() -> None:
        profiler.disable()
        ready.append(_process_age_ms())

    profiler.enable()
    headless(which, paths, on_ready=on_ready)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    areas: dict[str, float] = {}
    for (file, _line, func), (_cc, _calls, own, _cumulative, _callers) in stats.items():
        where = f"{file}({func})"
        area = next((a for a, needles in FRAME_AREAS if any(n in where for n in needles)), None)
        area = area or ("built-ins" if file == "~" else "Python, other")
        areas[area] = areas.get(area, 0.0) + own * 1000
    result = {"total_ms": sum(areas.values()), "areas": areas, "ready_ms": ready[0]}
    out.write_text(json.dumps(result), "utf-8")


def frame_diff(paths: list[Path], work: Path) -> dict[str, Any]:
    """Own time by area until ready, for the reader and the minimal app, one run each."""
    found: dict[str, Any] = {}
    for which in ("reader", "minimal"):
        out = work / f"first-frame-{which}.json"
        out.unlink(missing_ok=True)
        command = [sys.executable, "-m", "benchmarks.analysis", "first-frame", which, str(out)]
        subprocess.run(
            [*command, *map(str, paths)], cwd=REPO, capture_output=True, text=True, timeout=120
        )
        if not out.exists():
            return {"error": f"the {which} run wrote no profile"}
        found[which] = json.loads(out.read_text("utf-8"))
    return found


# -- profiles --------------------------------------------------------------------------


def _top(profile: cProfile.Profile, count: int = 8) -> dict[str, Any]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())
    rows = []
    for (file, line, func), (_cc, calls, own, cumulative, _callers) in stats.items():
        where = Path(file).name if file != "~" else ""
        rows.append(
            {
                "function": f"{where}:{line}({func})" if where else func,
                "calls": calls,
                "own_ms": own * 1000,
                "cumulative_ms": cumulative * 1000,
            }
        )
    rows.sort(key=lambda r: -r["own_ms"])
    shown = [r for r in rows if r["own_ms"] >= total * 1000 / 1000]  # 0.1% and more
    return {"total_ms": total * 1000, "top": rows[:count], "all": shown}


def profile(kind: str, paths: list[Path]) -> dict[str, Any]:
    """Profile only the operation a target is about, with the library already loaded."""
    from benchmarks import probe
    from briefing.store.index import Index
    from briefing.store.library import Library

    library = Library(paths, index=Index())
    profiler = cProfile.Profile()
    if kind == "load":
        profiler.enable()
        library.load_all()
        profiler.disable()
        return _top(profiler)
    library.load_all()
    index = probe._search_index(library)
    if kind == "search":
        limit = probe._ui_limit()
        profiler.enable()
        for query in probe.QUERIES:
            for end in range(1, len(query) + 1):
                index.search(query[:end], limit=limit)
        profiler.disable()
        return _top(profiler)
    files = [path for _, path in library.discover()]
    target = files[len(files) // 2]
    original, info = target.read_bytes(), os.stat(target)
    try:
        for number in range(1, 6):
            target.write_bytes(probe.edited(original, number))
            os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + number * 1_000_000_000))
            profiler.enable()
            ident = library.reload_path(target)
            entry = library.get(ident) if ident else None
            if entry is not None and entry.brief is not None:
                index.set_brief(entry.brief)
            profiler.disable()
    finally:
        target.write_bytes(original)
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    return _top(profiler)


def run_profile(kind: str, paths: list[Path], cache: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.analysis", "profile", kind, *map(str, paths)]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str]) -> int:
    mode, which, *rest = argv
    paths = [Path(p).absolute() for p in rest]
    if mode == "headless":
        headless(which, paths)
    elif mode == "timeline":
        timeline(Path(which), paths)
    elif mode == "first-frame":
        first_frame(which, Path(rest[0]), [Path(p).absolute() for p in rest[1:]])
    else:
        json.dump(profile(which, paths), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
