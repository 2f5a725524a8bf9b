"""Stand-ins for programs on PATH (clipboard tools, tmux) that do what a test says."""

from __future__ import annotations

import stat
from pathlib import Path


def fake(bin_dir: Path, name: str, body: str) -> Path:
    """An executable ``bin_dir/name`` running the shell ``body``."""
    bin_dir.mkdir(exist_ok=True)
    program = bin_dir / name
    program.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program
