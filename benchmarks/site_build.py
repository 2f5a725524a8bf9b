"""``briefing site`` on a large library: the time to publish it, then to re-publish it.

    python -m benchmarks.site_build [--size 10000] [--work DIR]

``benchmarks.run`` calls :func:`measure` once, at its largest size, and keeps what it
returns under ``site`` in ``results.json``; ``benchmarks.table`` writes its table. Each
build is the real command (``python -m briefing site``) in a fresh process with its own XDG
cache, timed by wall clock and by the CPU time of the process and its children (Pagefind
among them). The target (issue 15): 10,000 briefs in at
most 2 minutes on the project's 2-core machines. Nothing is asserted: the machine may be
busy, so the load average is reported beside the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import table
from benchmarks.generate import generate
from briefing.site.layout import plural

REPO = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def count(library: Path) -> int:
    return sum(1 for _ in library.rglob("*.yaml"))


def build(library: Path, output: Path, cache: Path) -> dict[str, Any]:
    """One ``briefing site`` run: wall and CPU seconds, and the summary line it printed."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, "-m", "briefing", "site", "--library", str(library)]
    command += ["-o", str(output)]
    cpu, started = _cpu(), time.monotonic()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    seconds, cpu = time.monotonic() - started, _cpu() - cpu
    if done.returncode or f" {plural(count(library), 'brief')};" not in done.stdout:
        raise SystemExit(f"briefing site failed or left briefs out:\n{done.stdout}{done.stderr}")
    return {"seconds": seconds, "cpu": cpu, "said": done.stdout.strip()}


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: its modification time and size."""
    found = {}
    for path in folder.rglob("*"):
        info = path.stat()
        if path.is_file():
            found[path.relative_to(folder).as_posix()] = (info.st_mtime_ns, info.st_size)
    return found


def measure(size: int, work: Path) -> dict[str, Any]:
    """A first build (cold cache), an unchanged one, and one with one brief changed."""
    print(f"== briefing site: {size:,} briefs", file=sys.stderr, flush=True)
    scratch = work / "site"
    shutil.rmtree(scratch, ignore_errors=True)
    library = scratch / "library"  # a copy: one of its briefs is edited
    shutil.copytree(generate(work / f"lib-{size}", size), library)
    output, cache = scratch / "out", scratch / "cache"
    found: dict[str, Any] = {"size": size, "load": os.getloadavg()[0]}
    found["first"] = build(library, output, cache)
    before = _stamps(output)
    found["unchanged"] = build(library, output, cache)
    found["rewritten"] = sorted(k for k, v in _stamps(output).items() if before.get(k) != v)
    one = sorted(library.rglob("*.yaml"))[0]
    one.write_text(one.read_text("utf-8").replace("title: ", "title: Changed ", 1), "utf-8")
    found["changed"] = build(library, output, cache)
    found["load_after"] = os.getloadavg()[0]
    shutil.rmtree(scratch, ignore_errors=True)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.site_build", description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    args = parser.parse_args(argv)
    found = measure(args.size, args.work.absolute())
    print("\n".join(table.update("site", found, args.json, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
