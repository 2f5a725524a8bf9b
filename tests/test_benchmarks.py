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
from typing import Any

import pytest

from benchmarks.generate import generate
from benchmarks.table import LARGE, tables

REPO = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
FIGURES = (
    "first paint, cold cache",
    "library load, warm",
    "library load, cold",
    "search per keystroke",
    "reload one changed file",
    "peak RSS, the reader once loaded, catalog built (headless, 120x40)",
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
    reader = measured["reader_filter"]  # benchmarks/reader_filter.py, the largest size
    assert (reader["size"], reader["briefs"], reader["rows_all"]) == (20, 20, 20)
    assert 0 < reader["rows_filtered"] < 20  # the keys timed narrowed the screen's list
    for case in ("filter_key", "word_key", "sort_filtered", "sort_all"):
        assert reader[case]["n"] > 0 and math.isfinite(reader[case]["p95_ms"]), case
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
    assert any(f.startswith("reader: dossier screen of an entity in") for f in figures)
    assert any(f.startswith("reader: library timeline screen") for f in figures)
    in_reader = [row for row in library if ", in the reader (" in row[0]]
    assert [row[0].split(" (")[0] for row in in_reader] == [
        "filter, per typed character, in the reader",
        "sort key, in the reader",
    ]
    for row in in_reader:  # what is timed is said: the screen's work, not the redraw
        assert "not the terminal redraw" in row[0] and _numbers(row[3]), row
        assert row[3].startswith("word search in the reader, per typed character"), row
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


def _screens(first: float | None, later: float) -> dict[str, Any]:
    """What ``benchmarks.reader_screens`` prints, with the dossier opened first in ``first``
    ms (None: a result from before the first opening was measured) and later in ``later``."""
    found: dict[str, Any] = {
        "catalog_worker_s": 1.0,
        "dossier_briefs": 501,
        "dossier_core_ms": [later / 2],
        "dossier_ms": [later, later],
        "timeline_first_ms": 10.0,
        "timeline_ms": [10.0],
        "timeline_filtered_ms": [5.0],
        "timeline_entries": 30,
    }
    if first is not None:
        found |= {
            "dossier_core_first_ms": 55.0,
            "dossier_first_ms": first,
            "dossier_first_cpu_ms": first - 1,
            "dossier_first_whole_ms": 80.0,
            "dossier_whole_ms": [40.0],
        }
    return found


@pytest.mark.parametrize(
    ("first", "later", "status", "said"),
    [
        (60.0, 20.0, "**MISS**", "first 60.0 ms (CPU 59.0 ms); later median 20.0 ms"),
        (30.0, 20.0, "PASS", "first 30.0 ms (CPU 29.0 ms); later median 20.0 ms"),
        (None, 20.0, "PASS", "median 20.0 ms (first opening not measured)"),
    ],
)
def test_the_dossier_screens_figure_is_its_first_opening(
    first: float | None, later: float, status: str, said: str
) -> None:
    from benchmarks.table import _reader_rows

    row = _reader_rows(_screens(first, later), "10,000", LARGE)[0]
    assert row[0].startswith("reader: dossier screen of an entity in 501 briefs")
    assert row[2].startswith(said) and row[-1] == status
    assert ("first opening" in row[0]) == (first is not None)
    if first is not None:
        assert "whole dossier drawn: first 80.0 ms" in row[3]
        assert "`dossier()` in the same process first 55.0 ms, later 10.0 ms" in row[3]


def _reader(size: int, filter_p95: float, sort_p95: float) -> dict[str, Any]:
    def stats(p95: float) -> dict[str, float]:
        return {"median_ms": p95 / 2, "p95_ms": p95, "max_ms": p95 * 2, "n": 10}

    return {
        "size": size,
        "briefs": size,
        "rows_filtered": size // 20,
        "rows_all": size,
        "filter_key": stats(filter_p95),
        "word_key": stats(3.0),
        "sort_filtered": stats(sort_p95),
        "sort_all": stats(1.0),
        "load_and_catalog_s": 4.0,
        "index": "warm",
    }


def test_reader_rows_follow_the_catalog_filter_rows_of_their_size() -> None:
    from benchmarks.table import library_lines

    probe = {
        "filter_ms": [0.1, 0.2],
        "first_filter_ms": 1.0,
        "sort_ms": [0.1],
        "first_sort_ms": 1.0,
        "dossier_briefs": 5,
        "dossier_ms": [1.0],
        "dossier_unlinked_ms": 2.0,
        "timeline_first_ms": 1.0,
        "timeline_ms": [1.0],
        "timeline_entries": 9,
        "build_ms": 10.0,
        "warm_ms": 10.0,
        "catalog_kib": 100,
    }
    library = {
        str(size): {"probe": probe, "commands": {"reference": [0.1]}} for size in (100, LARGE)
    }
    rows = _table(library_lines(library, _reader(LARGE, 20.0, 2.0)))
    figures = [(row[0].split(" (")[0], row[1], row[-1]) for row in rows]
    at_large = figures[figures.index(("filter, per typed character", "10,000", "PASS")) :]
    assert at_large[:4] == [
        ("filter, per typed character", "10,000", "PASS"),
        ("sort change", "10,000", "PASS"),
        ("filter, per typed character, in the reader", "10,000", "**MISS**"),  # 20 ms > 16
        ("sort key, in the reader", "10,000", "PASS"),
    ]
    assert sum(1 for f in figures if "in the reader" in f[0]) == 2  # at its size only

    alone = tables({"reader_filter": _reader(20, 1.0, 1.0)})  # run alone, no catalog figures
    assert [row[1] for row in _table(alone["library"])] == ["20", "20", "20"]
    assert all(row[-1] == "—" for row in _table(alone["library"]))  # targets: 10,000 only
