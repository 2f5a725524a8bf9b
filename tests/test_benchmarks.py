"""The benchmark suite runs end to end on a tiny library, so ``make bench`` cannot rot.

Timings are never asserted (the machine may be busy); the test checks that every figure
is measured into the JSON, written beside its target in the tables, and parses as a number,
and that the hand-written prose of results.md is kept.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate
from benchmarks.table import tables

REPO = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
FIGURES = (
    "first paint, cold cache",
    "library load, warm",
    "library load, cold",
    "search per keystroke",
    "reload one changed file",
    "peak RSS, the reader once loaded (headless, 120x40)",
    "peak RSS, core only (load + search index, no UI)",
)
CORES = (
    "briefing check, nothing changed since",
    "briefing check, one brief edited since",
    "briefing check, no verdicts kept",
    "cold load on every core",
    "cold load, serial",
)


def _block(text: str, name: str) -> list[str]:
    """The lines between a table's markers in results.md."""
    body = text.split(f"<!-- table: {name} -->\n", 1)[1]
    return body.split("<!-- /table -->", 1)[0].strip().splitlines()


def _table(lines: list[str]) -> list[list[str]]:
    rows = [ln for ln in lines if ln.startswith("|")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]


def _numbers(cell: str) -> list[float]:
    return [float(n.replace(",", "")) for n in NUMBER.findall(cell)]


@pytest.mark.e2e
def test_quick_benchmark_writes_every_figure(tmp_path: Path) -> None:
    tmux = shutil.which("tmux") is not None
    out, data, work = tmp_path / "results.md", tmp_path / "results.json", tmp_path / "work"
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--harness", "builtin"]
    command += ["--out", str(out), "--json", str(data), "--work", str(work)]
    if not tmux:
        command.append("--no-paint")
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = out.read_text("utf-8")
    measured = json.loads(data.read_text("utf-8"))

    assert sorted(measured["results"]) == ["1", "20"]
    assert "## Costs behind the code" in text  # the prose written by hand is kept
    written = tables(measured)
    assert {"library", "site", "cores"} <= set(written)  # library_bench, site_build, cores
    for name, lines in written.items():  # every table is in its place, as written
        assert _block(text, name) == lines, name
    assert "benchmarks/firstpaint.py" in text or not tmux

    rows = _table(_block(text, "targets"))
    seen = {(row[0], row[1]) for row in rows}
    for figure in FIGURES if tmux else FIGURES[1:]:
        for size in ("1 (shipped)", "20"):
            assert (figure, size) in seen, (figure, size)
    for figure in CORES:  # issue 13's, on the largest library of the run
        assert (figure, "20") in seen, figure
    assert len(_table(_block(text, "cores"))) == 7  # every case of benchmarks/cores.py
    if tmux:
        assert ("key answered, huge brief open", "1 (500 quotes, 300 KB summary)") in seen
        assert ("key answered while loading", "20, loading") in seen
    for figure, _size, measured, reference, _ratio, target, status in rows:
        assert _numbers(measured) and all(map(math.isfinite, _numbers(measured))), measured
        assert _numbers(reference), reference
        assert status.replace("*", "").split()[0] in ("PASS", "MISS", "—"), status
        assert target, figure

    library = _table(_block(text, "library"))  # issue 12's figures
    figures = {row[0].split(" (")[0] for row in library}
    assert {"filter, per typed character", "sort change", "library timeline, first screen"} <= {
        f.split(" (")[0] for f in figures
    }
    assert any(f.startswith("dossier of an entity in") for f in figures)
    assert sum(1 for row in library if row[0].startswith("`briefing ")) == 8
    for _figure, size, measured_cell, _reference, target, status in library:
        assert size == "20" and _numbers(measured_cell) and target, measured_cell
        assert status == "—"  # targets are checked at 10,000 only

    site = _table(_block(text, "site"))  # issue 15's: three runs of `briefing site`
    assert [row[0] for row in site] == ["first build", "unchanged library", "one brief changed"]
    for row in site:
        assert _numbers(row[1]) and "20 briefs" in row[3], row

    for name in ("load", "search", "reload", "memory"):  # one numeric row per size
        table = _table(_block(text, name))
        assert [row[0] for row in table] == ["1 (shipped)", "20"], name
        for row in table:
            assert all(_numbers(cell) for cell in row[1:]), row
    paint = _table(_block(text, "paint"))
    if tmux:
        assert {(row[0], row[1]) for row in paint} >= {("1 (shipped)", "cold"), ("20", "cold")}
        for row in paint:
            assert row[5] == "1/1" and all(_numbers(cell) for cell in row[2:5]), row
        keys = _table(_block(text, "keys"))
        assert len(keys) == 3
        for row in keys:
            assert row[4] == "1/1" and all(_numbers(cell) for cell in row[1:4]), row

    # the reload test rewrote a synthetic brief and must have put it back byte for byte
    fresh = generate(tmp_path / "fresh", 20)
    for path in sorted(fresh.rglob("*.yaml")):
        used = work / "lib-20" / path.relative_to(fresh)
        assert used.read_bytes() == path.read_bytes(), used
