"""Fixtures for the site's tests: a site built once from fixture briefs, served on
127.0.0.1, and headless Chromium driven by Playwright.

Chromium is Debian's (``make test`` installs the ``chromium`` package): Playwright's own
browser download is not used. Without it the browser tests are skipped, except under CI
(``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.site.build import build_site
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    output = tmp / "out"
    build_site(library(tmp), output, pagefind(), title="Test briefs")
    return output


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """The site over http on 127.0.0.1 (Pagefind's index is fetched: file:// will not do)."""
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"needs Debian's chromium at {CHROMIUM} (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots for a person to look at, kept after the run (git ignores the folder)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
