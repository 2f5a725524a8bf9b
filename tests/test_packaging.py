"""The wheel and sdist: the shipped library (built from briefs/ and seeds/, no second copy),
the licence, and metadata that names this program and reads well on the package index."""

from __future__ import annotations

import email.parser
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST_NAME = "briefing-reader"
REPOSITORY = "https://github.com/briefing-reader/briefing"
pytestmark = pytest.mark.slow  # builds the sdist and the wheel


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built by the project's build backend, without the network."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("briefing_reader-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("briefing_reader-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def metadata(wheel: Path) -> Message:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


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


def test_the_licence_is_in_the_wheel_and_the_sdist(wheel: Path, sdist: Path) -> None:
    licence = (ROOT / "LICENSE").read_bytes()
    assert b"MIT License" in licence
    archive = zipfile.ZipFile(wheel)
    (in_wheel,) = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert archive.read(in_wheel) == licence
    with tarfile.open(sdist) as tar:
        member = tar.extractfile(f"{sdist.name.removesuffix('.tar.gz')}/LICENSE")
        assert member is not None and member.read() == licence


def test_metadata_names_this_program(metadata: Message) -> None:
    assert metadata["Name"] == DIST_NAME
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Author"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Environment :: Console" in classifiers
    assert any(c.startswith("Topic :: ") for c in classifiers)
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(url.startswith(REPOSITORY) for url in urls.values())


def test_python_versions_claimed_are_the_ones_tested(metadata: Message) -> None:
    """Only versions the suite has passed on are named; this run is one of them."""
    versions = [
        c.rsplit(" :: ", 1)[1]
        for c in metadata.get_all("Classifier") or []
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions == ["3.11"]
    floor = metadata["Requires-Python"]
    assert floor == f">={versions[0]}"
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert running in versions, f"the suite ran on {running}: add it to the classifiers"


def test_the_command_is_still_briefing(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    entry_points = archive.read(name).decode("utf-8")
    assert re.search(r"^briefing = briefing\.cli:main$", entry_points, re.MULTILINE)


def test_the_package_page_has_no_links_that_only_work_in_the_repository(
    metadata: Message,
) -> None:
    description = metadata.get_payload()
    assert isinstance(description, str) and description.startswith("# briefing")
    targets = re.findall(r"\]\(([^)\s]+)\)", description)
    targets += re.findall(r"<a\s[^>]*href=\"([^\"]+)\"", description)
    targets += re.findall(r"<img\s[^>]*src=\"([^\"]+)\"", description)
    assert targets, "the README links to its documentation"
    relative = [t for t in targets if not re.match(r"https?://|mailto:|#", t)]
    assert relative == []


def test_the_readme_says_how_to_install_under_the_new_name() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.index("make test")
    install = text.index("## Install")
    development = text.index("## Development")
    assert setup < install < development
    section = text[install:development]
    for command in (f"pipx install {DIST_NAME}", f"uv tool install {DIST_NAME}", "pipx install ."):
        assert command in section, command


def test_the_changelog_has_one_section_per_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert len(headings) == len(set(headings))
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert version in headings


def test_the_sdist_builds_a_complete_wheel(sdist: Path, tmp_path: Path) -> None:
    """Everything the wheel needs is in the sdist, the library included."""
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
            str(tmp_path),
            str(sdist),
        ],
        check=True,
        capture_output=True,
    )
    (rebuilt,) = tmp_path.glob("briefing_reader-*.whl")
    names = set(zipfile.ZipFile(rebuilt).namelist())
    for brief in (ROOT / "briefs").glob("*.yaml"):
        assert f"briefing/_library/briefs/{brief.name}" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_wheel_installs_the_man_page(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".data/data/share/man/man1/briefing.1")]
    assert archive.read(name) == (ROOT / "docs" / "briefing.1").read_bytes()
