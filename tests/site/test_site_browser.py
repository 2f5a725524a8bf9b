"""The generated site as a reader sees it, in headless Chromium (Debian's), over http.

Every test watches the browser: dialogs (what the hostile brief's payloads would open),
requests (only the local server may be asked for anything), console errors and uncaught
page errors (a Content-Security-Policy refusal is a console error too).

The site is built once from the fixture briefs, served on 127.0.0.1 (Pagefind fetches its
index: file:// will not do), and opened in Debian's Chromium (``make test`` installs the
``chromium`` package; Playwright's own browser download is not used). Without it these
tests are skipped, except under CI (``CI`` set), where a missing browser is a failure.
The fixtures live here, not in a conftest.py: the suite's modules import ``conftest`` by
name, and a second one would shadow the first.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from site_helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, library, pagefind

from briefing.site import urls
from briefing.site.build import build_site

pytestmark = pytest.mark.slow  # a real browser (chromium) on a site served over http

DEADLINE_MS = 15_000
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    output = tmp / "out"
    build_site(library(tmp), output, pagefind(), title="Test briefs")
    return output


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
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


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """Screenshots for a person to look at, kept after the run (git ignores the folder)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class Watched:
    origin: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Nothing ran that should not, nothing left the site, nothing went wrong."""
        assert self.dialogs == [], self.dialogs
        outside = [u for u in self.requests if not u.startswith(self.origin + "/")]
        assert outside == [], outside
        assert self.errors == [], self.errors


def _watch(page: Any, origin: str) -> Watched:
    watched = Watched(origin)
    page.on("request", lambda request: watched.requests.append(request.url))

    def dismissed(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    page.on(
        "console",
        lambda message: watched.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    return watched


@pytest.fixture
def open_page(browser: Any, server: str) -> Iterator[Any]:
    """A function opening a fresh page: (viewport name, javascript) -> (page, watched)."""
    contexts: list[Any] = []
    watchers: list[Watched] = []

    def opener(viewport: str = "desktop", javascript: bool = True) -> tuple[Any, Watched]:
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(DEADLINE_MS)
        watched = _watch(page, server)
        watchers.append(watched)
        return page, watched

    yield opener
    for context in contexts:
        context.close()
    for watched in watchers:
        watched.check()


def _titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("ol.briefs h2").all_inner_texts()]


def test_the_index_lists_the_briefs_newest_first(open_page: Any, server: str) -> None:
    page, _ = open_page()
    page.goto(f"{server}/index.html")
    assert _titles(page) == [
        "Russian military trainers arrive in Niger",
        "Fires in the hills of Valparaíso",
        '<script>alert("title")</script> Hostile "><img src=x onerror=alert(2)> brief',
    ]
    assert page.locator("h1").inner_text() == "Test briefs"
    counts = page.locator("ol.briefs li").nth(1).inner_text()
    assert "2023-02-05" in counts and "4 quotes (3 verified)" in counts and "#chile" in counts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("valparaiso", "will be rebuilt, house by house"),  # Pagefind ignores the accent
        ("soren alund", "Søren Ålund"),  # ø does not decompose: the folded copy finds it
        ("langley", "Michael E. Langley"),
    ],
)
def test_search_without_accents_finds_the_quote(
    open_page: Any, server: str, query: str, expected: str
) -> None:
    page, _ = open_page()
    page.goto(f"{server}/{urls.SEARCH}?q={query.replace(' ', '+')}")
    results = page.locator("#search-results")
    results.locator("li").first.wait_for()
    assert expected in " ".join(results.inner_text().split())
    assert "found for" in page.locator("#search-status").inner_text()


def test_search_from_the_header_form(open_page: Any, server: str) -> None:
    page, _ = open_page()
    page.goto(f"{server}/index.html")
    page.fill("#site-q", "wagner")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search.html?q=wagner")
    page.locator("#search-results li").first.wait_for()
    assert (
        "Russian military trainers arrive in Niger" in page.locator("#search-results").inner_text()
    )


def test_a_search_for_hostile_text_shows_it_as_text(open_page: Any, server: str) -> None:
    page, watched = open_page()
    page.goto(f"{server}/{urls.SEARCH}?q=alert")
    page.locator("#search-results li").first.wait_for()
    assert "<script>" in page.locator("#search-results").inner_text()
    assert page.locator("#search-results script, #search-results img").count() == 0
    watched.check()


def test_filters_work_without_javascript(open_page: Any, server: str) -> None:
    page, _ = open_page(javascript=False)
    page.goto(f"{server}/index.html")
    page.get_by_role("navigation", name="By tag").get_by_role("link", name="#chile").click()
    page.wait_for_url("**/tags/chile.html")
    assert _titles(page) == ["Fires in the hills of Valparaíso"]
    assert page.locator("h1").inner_text() == "Briefs tagged #chile"
    page.get_by_role("navigation", name="By year").get_by_role("link", name="2024").click()
    page.wait_for_url("**/years/2024.html")
    assert _titles(page) == ["Russian military trainers arrive in Niger"]
    page.get_by_role("navigation", name="By year").get_by_role("link", name="all").click()
    assert len(_titles(page)) == 3


def test_a_quote_links_to_its_passage_highlighted_in_the_article(
    open_page: Any, server: str
) -> None:
    page, _ = open_page()
    page.goto(f"{server}/{urls.brief_page('valparaiso-fires')}")
    quote = page.locator("#quote-2")
    assert "no family will be left without a roof" in quote.inner_text()
    quote.get_by_role("link", name="the passage in its article").click()
    page.wait_for_url("**/sources/valparaiso-fires.wire.html#quote-2")
    target = page.locator("mark:target")
    assert target.inner_text() == "no family will be left without a roof"
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] <= VIEWPORTS["desktop"][1]
    # The quote not found in the article has no passage to link to.
    assert page.locator("mark").count() == 3
    page.goto(f"{server}/{urls.brief_page('valparaiso-fires')}")
    assert page.locator("#quote-4 a.passage").count() == 0


def test_an_actor_leads_to_the_dossier_across_briefs(open_page: Any, server: str) -> None:
    page, _ = open_page(javascript=False)
    page.goto(f"{server}/{urls.brief_page('niger-russia-trainers')}")
    page.locator("#actors").get_by_role("link", name="Gen. Michael E. Langley").click()
    page.wait_for_url("**/entities/michael-e-langley.html")
    assert page.locator("h1").inner_text() == "Gen. Michael E. Langley"
    quotes = page.locator("#quotes")
    assert "active watching and warning" in quotes.inner_text()
    quotes.get_by_role("link", name="Russian military trainers arrive in Niger").click()
    page.wait_for_url("**/briefs/niger-russia-trainers.html#quote-*")
    anchor = page.url.rsplit("#", 1)[1]
    assert "active watching and warning" in page.locator(f"#{anchor}").inner_text()
    page.get_by_role("navigation", name="Site").get_by_role("link", name="People").click()
    names = page.locator("tbody th").all_inner_texts()
    assert "Camila Nieto" in names and "Søren Ålund" in names
    assert names == sorted(names, key=lambda n: n.casefold().replace("ø", "o"))  # by name


def test_the_library_timeline_by_year(open_page: Any, server: str) -> None:
    page, _ = open_page(javascript=False)
    page.goto(f"{server}/index.html")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Timeline").click()
    page.get_by_role("navigation", name="Years").get_by_role("link", name="2023").click()
    page.wait_for_url("**/timeline/2023.html")
    text = page.locator("main").inner_text()
    assert "The fires reach the hills above the port." in text
    assert "Fires in the hills of Valparaíso" in text


def _site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_hostile_briefs_run_nothing_and_request_nothing_on_any_page(
    open_page: Any, server: str, built_site: Path
) -> None:
    pages = _site_pages(built_site)
    assert "briefs/hostile.html" in pages and len(pages) > 10
    page, watched = open_page()
    for relative in pages:
        page.goto(f"{server}/{relative}")
        page.wait_for_load_state("load")
        scripts = page.evaluate("[...document.scripts].map((s) => s.getAttribute('src'))")
        assert scripts == ([urls.SCRIPT] if relative == urls.SEARCH else []), relative
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap((el) => [...el.attributes]"
            ".filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name))"
        )
        assert handlers == [], relative
        links = page.evaluate("[...document.links].map((a) => a.protocol)")
        assert set(links) <= {"http:", "https:"}, relative
        watched.check()
    hostile = f"{server}/briefs/hostile.html"
    page.goto(hostile)
    text = page.locator("main").inner_text()
    for literal in (
        '<script>alert("title")</script>',
        "[click me](javascript:alert(6))",
        "<javascript:alert(8)>",
        "Mallory <script>alert(13)</script>",
        "I said </blockquote><script>alert(16)</script>",
        "Will <marquee>this</marquee> ${alert(18)} {{alert(19)}} run?",
    ):
        assert literal in text, literal
    assert page.get_by_role("link", name="a real link").get_attribute("href") == (
        "https://example.org/safe?a=1&b=2"
    )
    assert "\x1b" not in page.content()
    # The tracker's image and iframe are text; nothing was asked of tracker.invalid.
    assert not [u for u in watched.requests if "tracker.invalid" in u]


def test_pages_have_landmarks_and_one_main_heading(open_page: Any, server: str) -> None:
    page, _ = open_page()
    for relative in ("index.html", urls.brief_page("valparaiso-fires"), urls.SEARCH):
        page.goto(f"{server}/{relative}")
        assert page.get_by_role("banner").count() == 1, relative
        assert page.get_by_role("main").count() == 1, relative
        assert page.get_by_role("contentinfo").count() == 1, relative
        assert page.get_by_role("search").count() >= 1, relative
        assert page.locator("h1").count() == 1, relative
        assert page.locator("a.skip").get_attribute("href") == "#content"


def _background(page: Any) -> str:
    color: str = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return color


def test_light_dark_and_print(open_page: Any, server: str) -> None:
    page, _ = open_page()
    page.goto(f"{server}/{urls.brief_page('niger-russia-trainers')}")
    page.emulate_media(color_scheme="light")
    light = _background(page)
    page.emulate_media(color_scheme="dark")
    dark = _background(page)
    assert light != dark
    page.emulate_media(media="print", color_scheme="light")
    assert not page.locator("header.site").is_visible()
    assert page.locator("main h1").is_visible()


def test_phone_width_has_no_sideways_scrolling(open_page: Any, server: str) -> None:
    page, _ = open_page("phone")
    for relative in ("index.html", urls.brief_page("niger-russia-trainers"), urls.SEARCH):
        page.goto(f"{server}/{relative}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, relative


SCREENSHOTS = {
    "index": "index.html",
    "brief": urls.brief_page("niger-russia-trainers"),
    "dossier": urls.entity_page("michael-e-langley"),
    "timeline": urls.timeline_page(2024),
    "source": urls.source_page("valparaiso-fires", "wire") + "#quote-1",
    "search": f"{urls.SEARCH}?q=valparaiso",
}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_screenshots_for_a_person_to_look_at(
    open_page: Any, server: str, artifacts: Path, viewport: str
) -> None:
    page, _ = open_page(viewport)
    for name, relative in SCREENSHOTS.items():
        page.goto(f"{server}/{relative}")
        if name == "search":
            page.locator("#search-results li").first.wait_for()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            path = artifacts / f"{name}-{viewport}-{scheme}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 1000
    print(f"screenshots in {artifacts}")
