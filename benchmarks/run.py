"""``make bench``: measure the reader at several library sizes; write the data and the tables.

    python -m benchmarks.run [--sizes 1,100,1000,10000] [--runs N] [--load-runs N] [--quick]

Size 1 is the shipped library (``briefs/``); larger sizes are synthetic libraries from
``benchmarks.generate`` under ``benchmarks/.work/`` (reused between runs). Every timing
is a median of runs that alternate with their reference, in fresh processes; nothing
here is asserted, because the machine may be busy. The measurements go to
``results.json``; ``benchmarks.table`` writes its tables into ``results.md`` (the targets
are there), whose prose is written by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import cores, instructions, library_bench, paint, reader_filter, site_build, table
from benchmarks.generate import generate, huge_brief
from benchmarks.table import median, percentile

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / ".work"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def probe(kind: str, paths: list[Path], cache: Path, *options: str) -> dict[str, Any]:
    """One measurement in a fresh interpreter with its own XDG cache dir."""
    return run_json(["benchmarks.probe", kind, *map(str, paths), *options], cache)


def run_json(module_args: list[str], cache: Path) -> dict[str, Any]:
    """``python -m`` a measuring module with its own XDG cache dir; its JSON answer."""
    command = [sys.executable, "-m", *module_args]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{module_args[0]} {module_args[1]} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def search_stats(probe: dict[str, Any]) -> dict[str, float]:
    """Per-keystroke latency of a search probe: the whole, and the 1-2 character queries."""
    keys = probe["keystrokes"]
    every = [k["ms"] for k in keys]
    short = [k["ms"] for k in keys if k["chars"] <= 2] or every
    rows = [k["rows_ms"] for k in keys]
    return {
        "keystrokes": len(every),
        "p50": median(every),
        "p95": percentile(every, 95),
        "max": max(every),
        "short_p50": median(short),
        "short_p95": percentile(short, 95),
        "rows_p95": percentile(rows, 95),
        "with_rows_p95": percentile([k["ms"] + k["rows_ms"] for k in keys], 95),
        "first": every[0],
        "build_s": probe["build_s"],
    }


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def _run(*command: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    import yaml

    model = next(
        (ln.split(":", 1)[1].strip() for ln in _read("/proc/cpuinfo").splitlines()
         if ln.startswith("model name")),
        platform.processor() or "unknown",
    )  # fmt: skip
    total = next(
        (int(ln.split()[1]) for ln in _read("/proc/meminfo").splitlines()
         if ln.startswith("MemTotal:")),
        0,
    )  # fmt: skip
    dirty = _run("git", "status", "--porcelain", "--", "briefing")
    commit = _run("git", "rev-parse", "--short", "HEAD") or "unknown"
    return {
        "cpu": f"{os.cpu_count()} x {model}",
        "memory": f"{total / 2**20:.1f} GiB" if total else "unknown",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "textual": _version("textual"),
        "pyyaml": f"{_version('PyYAML')} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})",
        "tmux": _run("tmux", "-V") or "not installed",
        "code": commit + (" + uncommitted changes in briefing/" if dirty else ""),
    }


def load_average() -> str:
    return " ".join(_read("/proc/loadavg").split()[:3]) or "unknown"


def reader_memory(paths: list[Path], warm: Path, caches: Path) -> dict[str, Any]:
    """The reader's own peak RSS once loaded, with the warm index and with none."""
    found = {}
    for mode, cache in (("warm", warm), ("cold", caches / "reader-cold")):
        found[mode] = run_json(["benchmarks.reader_memory", *map(str, paths)], cache)
    return found


def library_for(size: int, work: Path) -> tuple[list[Path], str]:
    """Paths to load and the reader's arguments: none for the shipped library (./briefs)."""
    if size == 1:
        return [REPO / "briefs"], ""
    root = generate(work / f"lib-{size}", size)
    return [root], str(root)


def shipped_copy(work: Path) -> list[Path]:
    """A copy of the shipped library to rewrite in the reload test, never the repo's files."""
    copy = work / "shipped"
    shutil.rmtree(copy, ignore_errors=True)
    for folder in ("briefs", "seeds"):
        shutil.copytree(REPO / folder, copy / folder)
    return [copy / "briefs"]


def measure_load(paths: list[Path], caches: Path, runs: int) -> dict[str, Any]:
    """Cold, parse and warm loads interleaved; the first cold run fills the warm cache."""
    found: dict[str, Any] = {"yaml": [], "cold": [], "warm": [], "cold_runs": [], "warm_runs": []}
    warm = caches / "cold-0"
    for number in range(runs):
        cold = probe("load", paths, caches / f"cold-{number}", "--mode", "cold", "--search")
        found["cold"].append(cold["seconds"])
        found["cold_runs"].append(cold)
        found["yaml"].append(probe("load", paths, caches / "none", "--mode", "yaml")["seconds"])
        hot = probe("load", paths, warm, "--mode", "warm", "--search")
        found["warm"].append(hot["seconds"])
        found["warm_runs"].append(hot)
        if number:
            shutil.rmtree(caches / f"cold-{number}", ignore_errors=True)
    return found


def measure_size(
    size: int, args: argparse.Namespace, harness: paint.Harness | None
) -> dict[str, Any]:
    work: Path = args.work
    paths, reader_args = library_for(size, work)
    caches = work / "cache" / str(size)
    shutil.rmtree(caches, ignore_errors=True)
    caches.mkdir(parents=True)
    found: dict[str, Any] = {}
    log(f"== {table.size_label(size)} briefs: load ({args.load_runs} runs)")
    found["load"] = measure_load(paths, caches, args.load_runs)
    warm = caches / "cold-0"
    log("   search")
    search = probe("search", paths, warm, "--passes", str(args.passes))
    found["search_stats"] = search_stats(search)
    found["search_limit"] = search["limit"]
    log("   reload")
    shutil.copytree(warm, caches / "reload")
    reload_paths = shipped_copy(work) if size == 1 else paths
    found["reload"] = probe("reload", reload_paths, caches / "reload", "--runs", str(args.reloads))
    cold_run = found["load"]["cold_runs"][0]
    found["memory"] = {
        "cold_hwm_kib": max(r["hwm_kib"] for r in found["load"]["cold_runs"]),
        "cold_load_hwm_kib": cold_run["load_hwm_kib"],
        "cold_load_rss_kib": cold_run["load_rss_kib"],
        "cold_search_rss_kib": cold_run.get("search_rss_kib"),
        "warm_load_hwm_kib": max(r["load_hwm_kib"] for r in found["load"]["warm_runs"]),
        "warm_hwm_kib": max(r["hwm_kib"] for r in found["load"]["warm_runs"]),
        "search_hwm_kib": search["hwm_kib"],
    }
    log("   the reader's memory, loaded (headless)")
    found["reader_memory"] = reader_memory(paths, warm, caches)
    if harness is not None:
        warm_paint = size == 1 or size >= 1000 or (args.quick and size > 1)  # 1: the shipped one
        log(f"   first paint ({args.runs} runs{', cold and warm cache' if warm_paint else ''})")
        found["paint"] = paint.measure_paint(
            harness, reader_args, paths, warm if warm_paint else None, args.runs,
            not args.quick, work,
        )  # fmt: skip
    found["paths"] = [str(p.relative_to(REPO) if p.is_relative_to(REPO) else p) for p in paths]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--sizes", default=None, help="comma-separated (default 1,100,1000,10000)")
    parser.add_argument("--runs", type=int, default=None, help="first-paint runs per case (21)")
    parser.add_argument("--load-runs", type=int, default=None, help="load runs per mode (3)")
    parser.add_argument("--quick", action="store_true", help="sizes 1,20 and one run: a smoke test")
    parser.add_argument("--harness", choices=("auto", "shared", "builtin"), default="auto")
    parser.add_argument("--no-paint", action="store_true", help="skip the tmux measurements")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = [int(s) for s in (args.sizes or ("1,20" if quick else "1,100,1000,10000")).split(",")]
    # On shared 2-core machines the minimal app alone can spread by half its median within
    # one case: the median of 9 runs is too unsteady to read a budget of a few percent.
    args.runs = args.runs or (1 if quick else 21)
    args.load_runs = args.load_runs or (1 if quick else 3)
    args.passes = 1 if quick else 2
    args.reloads = 3 if quick else 7
    args.key_runs = 1 if quick else 5
    args.work = args.work.absolute()
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CONFIG_HOME"] = str(args.work / "home" / ".config")  # no user config
    for name in ("COLUMNS", "LINES"):  # Textual would believe these over the tmux pane size
        os.environ.pop(name, None)
    # Programs start from cached bytecode, as an installed reader does, even where the
    # environment says not to write it; the cache lives under the work dir, not the source.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(args.work / "pycache")

    harness = None
    if args.no_paint or shutil.which("tmux") is None:
        log("tmux not found or --no-paint: first paint is not measured")
    else:
        harness = paint.find_harness(args.harness)
    started, load_before = time.monotonic(), load_average()
    results = {size: measure_size(size, args, harness) for size in sizes}
    keys: dict[str, Any] = {}
    if harness is not None:
        largest = max(sizes)
        log(f"== keys: help screen on an idle reader, a huge brief, {largest:,} briefs loading")
        huge = huge_brief(args.work / "huge").parent
        cases = {"idle": ("", [REPO / "briefs"]), "huge": (str(huge), [huge])}
        if largest > 1:
            library = REPO / results[largest]["paths"][0]
            cases["loading"] = (str(library), [library])
        keys = paint.measure_keys(cases, args.key_runs, args.work)
    counted: dict[str, Any] = {}
    if 1 in sizes and instructions.available() and not quick:
        log("== first paint counted in instructions (valgrind), the shipped library")
        counted = instructions.measure([REPO / "briefs"], args.work)
    log("== check cold and warm, the cold load serial and on every core (issue 13)")
    largest_root = REPO / results[max(sizes)]["paths"][0]
    # 9 alternating runs: a cold load of 10,000 briefs spread by a quarter across 5 of them.
    core_figures = cores.measure(largest_root, 1 if quick else 9, args.work)
    context = {
        "machine": machine(),
        "load": (load_before, load_average()),
        "harness": harness.name if harness else None,
        "minimal_app": harness.minimal_app.name if harness else None,
        "command": " ".join(["python -m benchmarks.run", *(argv or sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seconds": time.monotonic() - started,
        "sizes": sizes,
        "runs": args.runs,
        "load_runs": args.load_runs,
        "reloads": args.reloads,
        "key_runs": args.key_runs,
    }
    # Issue 12's figures (the library as one body; its filters in the running reader),
    # issue 15's (publishing a site) and issue 13's (check with its cache, the cold load on
    # every core).
    library = library_bench.measure([s for s in sizes if s > 1], args.work, args.key_runs)
    reader = reader_filter.measure(max(sizes), args.work, 1 if quick else 3)
    site = site_build.measure(max(sizes), args.work)
    data = {
        "context": context,
        "results": results,
        "keys": keys,
        "library": library,
        "reader_filter": reader,
        "site": site,
        "cores": core_figures,
        "instructions": counted,
    }
    args.json.write_text(json.dumps(data, indent=1, default=str) + "\n", "utf-8")
    table.write(json.loads(args.json.read_text("utf-8")), args.out)
    print(table.plain_table(table.target_rows(results, keys)))
    print(f"\nwrote {args.json} and the tables of {args.out} in {context['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
