"""Issue 13's figures: ``briefing check`` cold and warm, and the cold load serial and on every
core, each beside the raw libyaml parse of the same files, measured in the same run.

    python -m benchmarks.cores [--runs N] [--work DIR] [--write] PATH   measure, print the table
    python -m benchmarks.cores probe MODE PATH                one measurement (JSON on stdout)

``make bench`` runs :func:`measure` on its largest library and keeps the figures in
``results.json`` (under ``cores``); ``benchmarks.table`` writes their rows in the table
against targets and their own table in ``results.md``. Every case is a fresh process;
the cases alternate run by run, so a busy machine slows a figure and its reference alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHECK_WARM_SECONDS = 1.5
"""Issue 13: an unchanged 10,000-brief library checks in this, process start included."""
PARALLEL_RATIO = 1.0
"""Issue 13: a cold load on every core takes at most this times the raw parse."""

LOADS = {
    "parse": "raw parse: yaml.load(CSafeLoader), one process",
    "serial": "cold load, serial",
    "parallel": "cold load on every core (helpers at idle priority, as the reader runs them)",
    "parallel-normal": "cold load on every core, helpers at normal priority (for comparison)",
}
CHECKS = {
    "check-cold": "`briefing check`, no verdicts kept (it keeps them)",
    "check-warm": "`briefing check`, nothing changed since",
    "check-edited": "`briefing check`, one brief edited since",
}
EDITED = "batch-003/brief-01500.yaml"
"""The brief edited (a comment added at its end, then taken off) for ``check-edited``."""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- one measurement, in a fresh process ---------------------------------------------------


def probe(mode: str, root: Path) -> dict[str, Any]:
    """Seconds to parse every brief (``parse``) or to load the library with an empty index."""
    if mode == "parallel-normal":
        import briefing.store.pool

        setattr(briefing.store.pool, "idle_priority", lambda pid: None)  # noqa: B010 (a private name)
    import yaml

    from briefing.store.index import Index
    from briefing.store.library import Library

    library = Library([root], index=Index(), parallel=mode.startswith("parallel"))
    if mode == "parse":
        files = [path for _, path in library.discover()]
        started = time.perf_counter()
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        return {"seconds": time.perf_counter() - started, "files": len(files)}
    started = time.perf_counter()
    library.load_all()
    return {"seconds": time.perf_counter() - started, "files": len(library)}


def _probe(mode: str, root: Path, cache: Path) -> float:
    command = [sys.executable, "-m", "benchmarks.cores", "probe", mode, str(root)]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"benchmarks.cores probe {mode} failed:\n{done.stderr}")
    seconds: float = json.loads(done.stdout)["seconds"]
    return seconds


def _check(root: Path, cache: Path) -> float:
    """Wall time of the command as a hook runs it: process start to exit, output discarded."""
    script = Path(sys.executable).with_name("briefing")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "check", str(root)], env=env, stdout=subprocess.DEVNULL, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"briefing check exited {done.returncode}")
    return seconds


def _edited(root: Path) -> Path:
    """The brief ``check-edited`` edits: :data:`EDITED` in a generated library, else the
    first brief found."""
    chosen = root / EDITED
    return chosen if chosen.is_file() else min(root.rglob("*.yaml"))


# -- the suite -------------------------------------------------------------------------------


def measure(root: Path, runs: int, work: Path) -> dict[str, Any]:
    """Every case ``runs`` times, alternating, each in a fresh process with its own cache."""
    found: dict[str, Any] = {"root": str(root), "runs": runs, "times": {}}
    times: dict[str, list[float]] = {case: [] for case in (*LOADS, *CHECKS)}
    found["load_before"] = os.getloadavg()
    for number in range(runs):
        log(f"   check and cold loads: run {number + 1} of {runs}")
        for mode in LOADS:
            cache = work / f"cores-{mode}"
            shutil.rmtree(cache, ignore_errors=True)
            times[mode].append(_probe(mode, root, cache))
            shutil.rmtree(cache, ignore_errors=True)
        cache = work / "cores-check"
        shutil.rmtree(cache, ignore_errors=True)
        times["check-cold"].append(_check(root, cache))
        times["check-warm"].append(_check(root, cache))
        edited = _edited(root)
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + f"# edited in run {number + 1}\n".encode())
            times["check-edited"].append(_check(root, cache))
        finally:
            edited.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)
    found["load_after"] = os.getloadavg()
    found["times"] = times
    found["files"] = sum(1 for _ in root.rglob("*.y*ml"))
    return found


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["probe"]:
        print(json.dumps(probe(args[1], Path(args[2]))))
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cores", description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("benchmarks/.work"))
    parser.add_argument(
        "--write",
        action="store_true",
        help="also put the figures in results.json and their table in results.md",
    )
    options = parser.parse_args(args)
    found = measure(options.root.absolute(), options.runs, options.work.absolute())
    from benchmarks.table import HERE, cores_lines, update

    if options.write:
        update("cores", found, HERE / "results.json", HERE / "results.md")
    print("\n".join(cores_lines(found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
