"""Installing the package as a user would, from a clone: ``uv tool install``.

uv works from its cache with ``--offline``, so the test needs no network once ``make test``
has synced ``.venv`` (which fills that cache); without the cache it is skipped, saying so.
``pipx install .`` was checked by hand (pipx needs the package index for its own install).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from project_copy import copy_checkout

from briefing import __version__

UV = Path(sys.executable).with_name("uv")
pytestmark = pytest.mark.slow  # builds and installs the package with uv


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``briefing`` command of a ``uv tool install`` from a fresh copy of the clone
    (a new path, so uv builds it instead of reusing an earlier build)."""
    base = tmp_path_factory.mktemp("uv-tool")
    clone = copy_checkout(base / "clone")
    env = {
        **os.environ,
        "UV_TOOL_DIR": str(base / "tools"),
        "UV_TOOL_BIN_DIR": str(base / "bin"),
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_NO_PROGRESS": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    env.pop("UV_PROJECT_ENVIRONMENT", None)
    done = subprocess.run(
        [str(UV), "tool", "install", "--offline", "--python", sys.executable, str(clone)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        said = done.stderr.lower()
        if "network connectivity is disabled" in said or "the network was disabled" in said:
            pytest.skip(f"uv's cache lacks a package for an offline install: {done.stderr}")
        raise AssertionError(done.stderr)
    command = base / "bin" / "briefing"
    assert command.is_file(), done.stderr
    return command


def _run(command: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "NO_COLOR": "1"}
    return subprocess.run(
        [str(command), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_uv_tool_install_gives_this_program(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, "--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"briefing {__version__}"


def test_the_installed_command_checks_its_shipped_library(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, "check", cwd=tmp_path)  # no ./briefs here: the shipped library
    assert done.returncode == 0, done.stderr
    assert " checked: 0 error(s)" in done.stdout
