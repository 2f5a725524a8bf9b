"""Where each page of the site lives, and relative links between pages.

Every page sits at the root (``index.html``) or one folder down (``briefs/x.html``), and
every link is relative, so the site works from any folder of any host, or from a file
share. File names come from brief ids, tags and source ids, which are data: they are
reduced to ``[a-z0-9_-]``, and whenever that changes anything, a short hash of the original
is appended, so that two different ids never share a page, even on a file system that
ignores case.
"""

from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_LONGEST = 80
"""Characters kept from the original before the hash: file names stay far below 255 bytes."""

INDEX = "index.html"
SEARCH = "search.html"
TIMELINE = "timeline.html"
PEOPLE = "people.html"
STYLESHEET = "assets/site.css"
SCRIPT = "assets/search.js"
ICON = "assets/icon.svg"
PAGEFIND = "pagefind"
"""The folder Pagefind's bundle is written to."""
INDEXED_GLOB = "briefs/*.html"
"""The pages Pagefind indexes: one per brief (the others list or repeat what they hold)."""


def slug(raw: str) -> str:
    """A file-name-safe, case-insensitively unique form of ``raw`` (see the module docstring)."""
    safe = _UNSAFE.sub("-", raw.lower()).strip("-")[:_LONGEST]
    if safe != raw or not safe:
        digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        safe = f"{safe}-{digest}" if safe else digest
    return safe


def brief_page(brief_id: str) -> str:
    return f"briefs/{slug(brief_id)}.html"


def source_page(brief_id: str, source_id: str) -> str:
    """A source article as cited by one brief, with that brief's quotes highlighted.

    ``.`` never occurs in a slug, so it separates the two without ambiguity.
    """
    return f"sources/{slug(brief_id)}.{slug(source_id)}.html"


def _numbered(stem: str, number: int) -> str:
    return f"{stem}.html" if number <= 1 else f"{stem}.{number}.html"


def index_page(number: int = 1) -> str:
    """The list of every brief, newest first, in pages of ``listing.PAGE_SIZE``."""
    return "index.html" if number <= 1 else f"pages/{number}.html"


def tag_page(tag: str, number: int = 1) -> str:
    return _numbered(f"tags/{slug(tag)}", number)


def year_page(year: int, number: int = 1) -> str:
    return _numbered(f"years/{year:04d}", number)


def entity_page(key: str) -> str:
    return f"entities/{slug(key)}.html"


def timeline_page(year: int) -> str:
    return f"timeline/{year:04d}.html"


def link(here: str, target: str) -> str:
    """The relative href from page ``here`` to page ``target`` (fragment allowed)."""
    return "../" * here.count("/") + target


def root(here: str) -> str:
    """The site's root folder as seen from ``here``: ``""`` or ``"../"``."""
    return "../" * here.count("/")
