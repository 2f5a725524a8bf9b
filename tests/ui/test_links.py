"""Markdown links open only for http and https; anything else is refused with a note."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import app_for, main_of, notices, screen_text, settle, wait_for
from textual.widgets import Markdown


@pytest.mark.parametrize(
    ("href", "opened"),
    [
        ("https://example.org/port", True),
        ("HTTP://example.org", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("ssh://host", False),
        ("/relative/path", False),
    ],
)
async def test_only_web_links_open(
    library: Path, monkeypatch: pytest.MonkeyPatch, href: str, opened: bool
) -> None:
    app = app_for(library / "alpha.yaml")
    seen: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: seen.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        markdown = main_of(pilot).query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, href))
        if opened:
            await wait_for(pilot, lambda: seen == [href])
        else:
            await wait_for(pilot, lambda: any("only http and https" in n for n in notices(pilot)))
            assert seen == []


async def test_clicking_a_link_in_the_summary(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(library / "alpha.yaml")
    seen: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: seen.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for y, line in enumerate(screen_text(pilot).splitlines()):
            x = line.find("See the port")
            if x >= 0:
                await pilot.click(offset=(x + len("See ") + 1, y))
                break
        else:
            raise AssertionError("the link is not on screen")
        await wait_for(pilot, lambda: seen == ["https://example.org/port"])
