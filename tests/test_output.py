"""Where output goes: ``show -o`` writes what the path names and never replaces it with
something else; a full disk or an absurd option is an error line, never a traceback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.commands.show import show_main

ROOT = Path(__file__).resolve().parent.parent
BRIEF = "title: Niger\nsummary: A summary.\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "briefs"
    root.mkdir()
    (root / "niger.yaml").write_text(BRIEF)
    return root


def test_a_fifo_is_written_through_to_its_reader(library: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    deadline = time.monotonic() + 10
    # Until the reader has opened its end, the FIFO has no reader: an error, tried again.
    while show_main("niger", "text", fifo, [library]) != 0:
        assert time.monotonic() < deadline, "the reader never opened the FIFO"
    reader.join(10)
    assert received and received[0].startswith(b"Niger\n")
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the FIFO


def test_a_fifo_no_one_reads_is_an_error_not_a_hang(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    assert show_main("niger", "text", fifo, [library]) == 1
    assert "it is a FIFO that no program is reading" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_link_stays_a_link_and_its_file_is_written(library: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert show_main("niger", "markdown", link, [library]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("# Niger")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # its mode kept


def test_a_dangling_link_gets_its_file_made(library: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "made.md")
    assert show_main("niger", "markdown", link, [library]) == 0
    assert link.is_symlink() and (tmp_path / "made.md").read_text().startswith("# Niger")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_device_is_written_through_and_fails_with_a_line(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = os.stat("/dev/full")
    assert show_main("niger", "text", Path("/dev/full"), [library]) == 1
    assert "cannot write /dev/full: No space left on device" in capsys.readouterr().err
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev  # not replaced


def test_a_folder_is_refused(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert show_main("niger", "text", tmp_path, [library]) == 1
    assert "it is a folder" in capsys.readouterr().err


def _command(*args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        cwd=ROOT,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ("check", "briefs"),
        ("check", "--format", "json", "briefs"),
        ("list", "--library", "briefs"),
        ("actors", "--library", "briefs"),
        ("actor", "langley", "--library", "briefs"),
        ("timeline", "--format", "json", "--library", "briefs"),
        ("show", "niger-russia-trainers", "--format", "markdown"),
        ("schema",),
    ],
)
def test_a_full_disk_is_one_error_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = _command(*args, stdout=full.fileno())
    assert done.returncode == 1
    assert done.stderr == "briefing: error: cannot write the output: No space left on device\n"


def test_an_absurd_max_bytes_is_no_reason_to_allocate(tmp_path: Path) -> None:
    done = _command("check", "--max-bytes", "100000000000", "briefs")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.endswith("quote(s) verified\n")
