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
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, library, pagefind

from briefing.site.build import build_site


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Closed with its module: Playwright's synchronous API runs an event loop in this
    thread while it is open, and the asyncio tests that follow need the thread free."""
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
