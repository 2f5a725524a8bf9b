"""What the site's tests share: paths, Chromium's arguments, Pagefind, the fixture library."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.site.command import find_pagefind

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "site"
ARTIFACTS = REPO / "tests" / "artifacts" / "site"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pagefind() -> Path:
    found = find_pagefind()
    assert found is not None, "pagefind-bin is in the dev group: run make test"
    return found


def library(tmp: Path) -> list[Path]:
    """The fixture briefs (hostile, accented) and the shipped library, copied."""
    shutil.copytree(FIXTURES, tmp / "fixtures")
    for folder in ("briefs", "seeds"):
        shutil.copytree(REPO / folder, tmp / "shipped" / folder)
    return [tmp / "fixtures" / "briefs", tmp / "shipped" / "briefs"]
