"""The wheel carries the shipped library, built from briefs/ and seeds/ (no second copy)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # builds the wheel with pip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("briefing-*.whl")
    return built


def test_wheel_ships_every_brief_and_article(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for brief in (ROOT / "briefs").glob("*.yaml"):
        assert f"briefing/_library/briefs/{brief.name}" in names
    for article in (ROOT / "seeds").glob("*.txt"):
        assert f"briefing/_library/seeds/{article.name}" in names


def test_shipped_articles_are_byte_identical_to_the_seeds(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    for article in (ROOT / "seeds").glob("*.txt"):
        assert archive.read(f"briefing/_library/seeds/{article.name}") == article.read_bytes()


def test_repository_keeps_one_copy_of_the_library() -> None:
    assert not (ROOT / "briefing" / "_library").exists()


def test_seeds_are_byte_identical_to_the_shared_articles() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    ours = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert ours == sorted(p.name for p in shared.glob("*.txt"))
    for name in ours:
        assert (ROOT / "seeds" / name).read_bytes() == (shared / name).read_bytes()
