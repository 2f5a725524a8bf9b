"""``benchmarks.first_frame``: the programs ``benchmarks.instructions`` counts end at their
first frame, before it reaches the terminal, and the helper at its answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from terminals import DATA, Pty

from benchmarks.instructions import OWN_MINIMAL, lines

REPO = Path(__file__).resolve().parents[2]
ALTERNATE_SCREEN = b"\x1b[?1049h"


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}


@pytest.mark.parametrize(
    ("program", "drawn"),
    [(["reader", str(DATA)], b"Harbour strike"), (["minimal", str(OWN_MINIMAL)], b"READY")],
)
def test_a_program_ends_at_its_first_frame(
    tmp_path: Path, program: list[str], drawn: bytes
) -> None:
    term = Pty([sys.executable, "-m", "benchmarks.first_frame", *program], _env(tmp_path))
    try:
        status, _cpu = term.wait_gone()
    finally:
        term.close()
    assert status == 0, bytes(term.raw)[-500:]
    assert ALTERNATE_SCREEN in term.raw  # it got as far as drawing ...
    assert drawn not in term.raw  # ... and ended with its first frame still unwritten


def test_the_helper_ends_at_its_answer(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.first_frame", "helper", str(DATA)],
        env=_env(tmp_path),
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, b"")  # the answer was never written


def _counts(helper_warm: int | None) -> dict[str, Any]:
    return {
        "paths": ["/x/briefs"],
        "minimal_app": "minimal_app.py",
        "minimal": 800_000_000,
        "reader_warm": 1_000_000_000,
        "reader_cold": 1_200_000_000,
        "helper_warm": helper_warm,
        "helper_cold": 300_000_000,
    }


def test_counts_are_given_as_ratios_to_the_minimal_app() -> None:
    table = lines(_counts(helper_warm=100_000_000))
    rows = [line for line in table if line.startswith("| ") and "---" not in line][1:]
    assert rows == [
        "| minimal Textual app (`minimal_app.py`) | 800M | 1.000x |",
        "| reader, warm index | 1,000M | 1.250x |",
        "| reader, first run (empty cache folder) | 1,200M | 1.500x |",
        "| prefetch helper to its answer, warm index | 100M |  |",
        "| prefetch helper to its answer, first run | 300M |  |",
    ]


def test_a_warm_start_without_a_helper_says_so() -> None:
    """A small library the index holds is read by the reader itself: no helper count."""
    assert (
        "| prefetch helper to its answer, warm index | "
        "none runs: the reader reads the index itself |  |" in lines(_counts(helper_warm=None))
    )
