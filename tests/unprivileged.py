"""Running a command the way a user would, where permissions are checked.

Root bypasses them (``CAP_DAC_OVERRIDE``), so as root the command runs under ``setpriv``
with that power (and ``CAP_DAC_READ_SEARCH``) taken out of its bounding set: it is still
root, owns the test's files and may chmod them, but a file it made unreadable is unreadable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@cache
def prefix() -> tuple[str, ...] | None:
    """What to put before a command so permissions apply to it; None where nothing can."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    command = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    with tempfile.TemporaryDirectory() as folder:
        locked = Path(folder) / "locked"
        locked.write_text("secret")
        locked.chmod(0)
        tried = subprocess.run([*command, "cat", str(locked)], capture_output=True, check=False)
    return command if tried.returncode != 0 else None


needs_permissions = pytest.mark.skipif(
    prefix() is None, reason="permissions cannot be enforced here (root without setpriv)"
)


def run_python(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run ``script`` unprivileged in a fresh interpreter; its stdout (it must succeed)."""
    command = prefix()
    assert command is not None
    done = subprocess.run(
        [*command, sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "tests"), **(env or {})},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_briefing(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = prefix()
    assert command is not None
    return subprocess.run(
        [*command, sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        check=False,
    )
