"""First paint counted in instructions: the reader and the minimal Textual app under valgrind.

    python -m benchmarks.instructions [--work DIR] [PATH]   (default: the shipped library)

A wall-clock first paint moves with whatever else the machine runs; the number of
instructions a program executes to its first frame hardly moves at all (the same run twice
differs by well under 0.1%). So this gives the first-paint ratio to the minimal app as a
count: the reader with a warm index, the reader on a first run (an empty cache folder), and
the prefetch helper (``briefing.store.prefetch``), which runs beside the reader, up to its
answer, cold and warm. Each program ends at its first frame (``benchmarks.first_frame``).
The helper runs natively while the reader is counted (valgrind does not follow it), so the
reader's count is its own work; on a machine with a core free the helper costs the reader
nothing, and on a busy one its count is what it takes from the reader.

Needs valgrind and tmux (the reader and the app draw on a terminal); without either,
nothing is measured. ``make bench`` runs it on the shipped library.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED_MINIMAL = REPO.parent / "shared" / "tools" / "minimal_textual_app.py"
OWN_MINIMAL = REPO / "benchmarks" / "minimal_app.py"
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
_RUNS = itertools.count()


def available() -> bool:
    return shutil.which("valgrind") is not None and shutil.which("tmux") is not None


def _valgrind(program: list[str]) -> list[str]:
    # No cache simulation: only the instruction count is wanted, and it runs ten times faster.
    return [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "benchmarks.first_frame",
        *program,
    ]


def _count(text: str) -> int:
    found = _REFS.search(text)
    if found is None:
        raise SystemExit(f"valgrind gave no instruction count:\n{text[-2000:]}")
    return int(found.group(1).replace(",", ""))


def _env(cache: Path) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # programs start from bytecode, as installed
    return env


def on_terminal(program: list[str], cache: Path, work: Path, timeout: float = 300) -> int:
    """Instructions of ``program`` to its first frame, run in a 120x40 tmux pane."""
    out = work / "instructions.err"
    out.unlink(missing_ok=True)
    # A server of its own per run: a new session on the socket of one just killed can
    # find that server still going away ("server exited unexpectedly").
    socket = f"instructions-{os.getpid()}-{next(_RUNS)}"
    command = " ".join(_quote(part) for part in _valgrind(program)) + f" 2> {_quote(str(out))}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    env = _env(cache)
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "120", "-y", "40", "-c", str(REPO), command],
        env=env,
        check=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = out.read_text(errors="replace") if out.exists() else ""
            if _REFS.search(text):
                return _count(text)
            time.sleep(0.2)
        raise SystemExit(f"no first frame within {timeout:.0f} s: {' '.join(program)}")
    finally:
        subprocess.run([*tmux, "kill-server"], env=env, capture_output=True, check=False)


def helper(paths: list[Path], cache: Path) -> int:
    """Instructions of the prefetch helper up to its answer."""
    done = subprocess.run(
        _valgrind(["helper", *map(str, paths)]),
        cwd=REPO,
        env=_env(cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    return _count(done.stderr)


def _read_here(paths: list[Path], cache: Path) -> bool:
    """Whether the reader reads the first screen itself with this cache, in a 120x40 pane."""
    code = (
        "import sys; from pathlib import Path; from briefing.store.prefetch import Ready; "
        "sys.exit(Ready.here([Path(p) for p in sys.argv[1:]], None, 40) is None)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, paths)], cwd=REPO, env=_env(cache), check=False
    )
    return done.returncode == 0


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def measure(paths: list[Path], work: Path) -> dict[str, Any]:
    """Counts for the minimal app and the reader, warm and cold, and the helper."""
    minimal = SHARED_MINIMAL if SHARED_MINIMAL.is_file() else OWN_MINIMAL
    work.mkdir(parents=True, exist_ok=True)
    warm, cold = work / "instructions-warm", work / "instructions-cold"
    for folder in (warm, cold):
        shutil.rmtree(folder, ignore_errors=True)
    reader = ["reader", *map(str, paths)]
    on_terminal(reader, warm, work)  # writes bytecode
    # The index, whole: a reader that ends at its first frame ends before its helper writes it.
    subprocess.run(
        [sys.executable, "-m", "briefing", "list", *map(str, paths)],
        cwd=REPO,
        env=_env(warm),
        stdout=subprocess.DEVNULL,
        check=True,
    )
    found: dict[str, Any] = {"paths": [str(p) for p in paths], "minimal_app": minimal.name}
    found["minimal"] = on_terminal(["minimal", str(minimal)], work / "instructions-minimal", work)
    found["reader_warm"] = on_terminal(reader, warm, work)
    found["reader_cold"] = on_terminal(reader, cold, work)
    shutil.rmtree(cold, ignore_errors=True)
    # A library the index holds, no longer than the first screen, is read by the reader
    # itself (``Ready.here``): then no helper runs beside a warm start.
    found["helper_warm"] = helper(paths, warm) if not _read_here(paths, warm) else None
    found["helper_cold"] = helper(paths, cold)
    shutil.rmtree(cold, ignore_errors=True)
    return found


def lines(found: dict[str, Any]) -> list[str]:
    """The table for results.md."""
    from benchmarks.table import markdown

    base = found["minimal"]

    def row(label: str, count: int | None, ratio: bool) -> list[str]:
        if count is None:
            return [label, "none runs: the reader reads the index itself", ""]
        return [label, f"{count / 1e6:,.0f}M", f"{count / base:.3f}x" if ratio else ""]

    rows = [
        row(f"minimal Textual app (`{found['minimal_app']}`)", base, True),
        row("reader, warm index", found["reader_warm"], True),
        row("reader, first run (empty cache folder)", found["reader_cold"], True),
        row("prefetch helper to its answer, warm index", found["helper_warm"], False),
        row("prefetch helper to its answer, first run", found["helper_cold"], False),
    ]
    intro = [
        "Instructions executed to the first frame (valgrind, process start included), "
        f"library `{', '.join(Path(p).name for p in found['paths'])}`: a count, not a time, "
        "so the machine's load does not move it. The helper runs beside the reader on "
        "another core; its count is not in the reader's.",
        "",
    ]
    return intro + markdown(["program", "instructions", "÷ minimal app"], "lrr", rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instructions", description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=[REPO / "briefs"])
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work")
    args = parser.parse_args(argv)
    if not available():
        print("valgrind or tmux not found: nothing measured", file=sys.stderr)
        return 1
    found = measure([p.absolute() for p in args.paths], args.work.absolute())
    print(json.dumps(found, indent=1))
    print("\n".join(lines(found)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
