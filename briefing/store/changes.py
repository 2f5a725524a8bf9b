"""What the watcher reports: a file that changed, or a folder to look at again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

ChangeKind = Literal["added", "modified", "deleted", "rescan"]
"""``rescan``: make everything at and below the path match the disk (a folder, a root)."""
Change = tuple[ChangeKind, Path]
Batch = set[Change]


def norm(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))
