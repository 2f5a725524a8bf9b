"""First paint of the reader beside the minimal Textual app, measured in tmux.

The shared tool (../shared/tools/ttfp.py beside the checkout) is used when present, else
``benchmarks.firstpaint``, which writes the same ``raw`` results. The reader and the
minimal app alternate run by run (A B C, then C B A), so a noisy neighbour slows both
alike and the ratio of medians stays meaningful.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.brief.loader import load_file
from briefing.store.library import Library

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "tools"
FOOTER_MARKER = "Quit"
"""A footer key label: the footer is the last part of the first screen to draw."""


@dataclass(frozen=True)
class Harness:
    name: str
    command: list[str]
    minimal_app: Path


def find_harness(choice: str = "auto") -> Harness:
    """The shared ttfp tool and reference app when beside the checkout, else our own."""
    ttfp, minimal = SHARED / "ttfp.py", SHARED / "minimal_textual_app.py"
    if choice != "builtin" and ttfp.is_file() and minimal.is_file():
        return Harness("../shared/tools/ttfp.py", [sys.executable, str(ttfp)], minimal)
    if choice == "shared":
        raise SystemExit(f"--harness shared: {ttfp} or {minimal} is missing")
    own = [sys.executable, "-m", "benchmarks.firstpaint"]
    return Harness("benchmarks/firstpaint.py", own, REPO / "benchmarks" / "minimal_app.py")


def reader_command() -> str:
    script = Path(sys.executable).parent / "briefing"
    return str(script) if script.exists() else f"{sys.executable} -m briefing"


# -- markers ---------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Text as a pane draws it at a line start: no Markdown marks, no combining characters."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    line = line.lstrip("#>*-_ `")
    return "".join(c for c in line if not unicodedata.combining(c)).replace("*", "")


def phrase(text: str, avoid: list[str], shortest: int = 14, longest: int = 28) -> str:
    """Leading words of ``text``: long enough to be unique on screen, short enough not to wrap."""
    words = _plain(text).split()
    picked = ""
    for word in words:
        unique = bool(picked) and not any(picked in other for other in avoid)
        longer = f"{picked} {word}".strip()
        if unique and (len(picked) >= shortest or len(longer) > longest):
            break
        picked = longer
    return picked


def markers_for(paths: list[Path]) -> dict[str, str]:
    """What the first screen shows once drawn: title, a first row of each pane, a footer key."""
    found = Library(paths).discover()
    first = load_file(found[0][1], brief_id=found[0][0]).brief
    if first is None:
        raise SystemExit(f"the first brief {found[0][1]} does not load; cannot pick markers")
    title = phrase(first.title, [], shortest=40, longest=80)
    markers = {"title": title, "footer": FOOTER_MARKER}
    markers["summary"] = phrase(first.summary, [title])
    if first.actors:
        markers["actors"] = phrase(first.actors[0].name, [], shortest=24, longest=24)
    if first.quotes:
        markers["quotes"] = "\u201c" + phrase(first.quotes[0].text, [])
    if first.open_questions:
        markers["questions"] = phrase(first.open_questions[0].question, [title])
    if len(found) > 1:
        second = load_file(found[1][1], brief_id=found[1][0]).brief
        if second is not None:
            markers["list"] = phrase(second.title, [title], longest=24)
    return {k: v for k, v in markers.items() if v}


# -- cases and results -----------------------------------------------------------------


def _case(label: str, cmd: str, markers: list[str], cache: Path) -> dict[str, Any]:
    return {
        "label": label,
        "cmd": cmd,
        "markers": markers,
        "runs": 1,
        "warmup": 0,
        "timeout": 30.0,
        "cwd": str(REPO),
        "env": {"XDG_CACHE_HOME": str(cache)},
    }


def paint_cases(
    harness: Harness,
    reader_args: str,
    markers: list[str],
    kinds: dict[str, Path | None],
    runs: int,
    warmup: bool,
    scratch: Path,
) -> list[dict[str, Any]]:
    """Interleaved cases; a kind mapped to None gets a fresh, empty cache dir every run."""
    reader = f"{reader_command()} {reader_args}".strip()
    commands = {"minimal": (f"{sys.executable} {harness.minimal_app}", ["READY"])}
    order = list(kinds)
    cases = []
    rounds = [("warmup", i) for i in range(1 if warmup else 0)]
    rounds += [("run", i) for i in range(runs)]
    for tag, number in rounds:
        for kind in order if number % 2 == 0 else reversed(order):
            cache = kinds[kind] or scratch / f"paint-{kind}-{tag}-{number}"
            cmd, wanted = commands.get(kind, (reader, markers))
            cases.append(_case(f"{tag}:{kind}:{number}", cmd, wanted, cache))
    return cases


def run_suite(harness: Harness, cases: list[dict[str, Any]], work: Path) -> dict[str, Any]:
    cases_file, out = work / "paint-cases.json", work / "paint-results.json"
    cases_file.write_text(json.dumps(cases, indent=1), "utf-8")
    out.unlink(missing_ok=True)
    command = [*harness.command, "suite", str(cases_file), "--out", str(out)]
    command += ["--home", str(work / "home")]
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    if done.returncode or not out.exists():
        raise SystemExit(f"{harness.name} failed ({done.returncode}):\n{done.stdout}")
    raw: dict[str, Any] = json.loads(out.read_text("utf-8"))["raw"]
    return raw


def summarize(raw: dict[str, Any], markers: dict[str, str]) -> dict[str, Any]:
    """Median first paint per kind, ratio to the minimal app, reader memory, failures."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for label, runs in raw.items():
        tag, kind, _ = label.split(":")
        if tag == "run":
            by_kind.setdefault(kind, []).extend(r for r in runs if not r.get("warmup"))
    names = {v: k for k, v in markers.items()}
    kinds: dict[str, Any] = {}
    for kind, runs in by_kind.items():
        ok = [r for r in runs if r.get("ok")]
        row: dict[str, Any] = {"runs": len(runs), "ok": len(ok)}
        row["ms"] = [r["t_all"] * 1000 for r in ok]
        row["median_ms"] = statistics.median(row["ms"]) if ok else None
        hwm = [r["mem_kib"]["VmHWM"] for r in ok if r.get("mem_kib", {}).get("VmHWM")]
        row["hwm_mib"] = statistics.median(hwm) / 1024 if hwm else None
        if ok and kind != "minimal":
            row["per_marker_ms"] = {
                names.get(m, m): statistics.median(r["markers"][m] * 1000 for r in ok)
                for m in ok[0]["markers"]
            }
        failed = [r for r in runs if not r.get("ok")]
        if failed:
            row["error"] = failed[0].get("error", "failed")
            row["screen"] = failed[0].get("screen", "")
        kinds[kind] = row
    base = kinds.get("minimal", {}).get("median_ms")
    for kind, row in kinds.items():
        if kind != "minimal" and base and row["median_ms"]:
            row["ratio"] = row["median_ms"] / base
    return kinds


def measure_paint(
    harness: Harness,
    reader_args: str,
    paths: list[Path],
    warm_cache: Path | None,
    runs: int,
    warmup: bool,
    work: Path,
) -> dict[str, Any]:
    """Cold (fresh cache dir each run) and, when ``warm_cache`` is given, warm first paint."""
    markers = markers_for(paths)
    scratch = work / "paint-caches"
    shutil.rmtree(scratch, ignore_errors=True)
    kinds: dict[str, Path | None] = {"minimal": work / "paint-minimal-cache", "cold": None}
    if warm_cache is not None:
        kinds["warm"] = warm_cache
    cases = paint_cases(harness, reader_args, list(markers.values()), kinds, runs, warmup, scratch)
    raw = run_suite(harness, cases, work)
    shutil.rmtree(scratch, ignore_errors=True)
    return {"markers": markers, "kinds": summarize(raw, markers)}


# -- keys while the reader is busy -----------------------------------------------------


def _help_marker() -> str:
    """A line only the help screen shows: its first section title."""
    try:
        from briefing.ui.bindings import SECTION_TITLES
    except ImportError:  # pragma: no cover - the UI is part of the package
        return "Anywhere"
    return next(iter(SECTION_TITLES.values()))


def measure_keys(cases: dict[str, tuple[str, list[Path]]], runs: int, work: Path) -> dict[str, Any]:
    """Draw the first screen, press ``?``, time until the help screen shows.

    ``cases`` maps a name to (reader arguments, paths); each run gets a fresh cache dir, so
    a large library is still loading in the background when the key is sent. Always our own
    harness: the shared tool does not send keys.
    """
    harness = find_harness("builtin")
    scratch = work / "keys-caches"
    shutil.rmtree(scratch, ignore_errors=True)
    markers = {name: markers_for(paths) for name, (_, paths) in cases.items()}
    suite = []
    for number in range(runs):
        for name, (args, _paths) in cases.items():
            case = _case(
                f"run:{name}:{number}",
                f"{reader_command()} {args}".strip(),
                list(markers[name].values()),
                scratch / f"{name}-{number}",
            )
            suite.append({**case, "keys": "?", "after": [_help_marker()]})
    raw = run_suite(harness, suite, work)
    shutil.rmtree(scratch, ignore_errors=True)
    found: dict[str, Any] = {}
    for name in cases:
        runs_ = [r for label, rs in raw.items() if label.split(":")[1] == name for r in rs]
        keyed = [r["key_s"] * 1000 for r in runs_ if "key_s" in r]
        painted = [r["t_all"] * 1000 for r in runs_ if r.get("ok")]
        failed = [r.get("error") or r.get("key_error") for r in runs_ if "key_s" not in r]
        found[name] = {
            "runs": len(runs_),
            "ok": len(keyed),
            "paint_ms": statistics.median(painted) if painted else None,
            "key_ms": statistics.median(keyed) if keyed else None,
            "key_max_ms": max(keyed) if keyed else None,
            "error": failed[0] if failed else None,
            "markers": markers[name],
        }
    return found
