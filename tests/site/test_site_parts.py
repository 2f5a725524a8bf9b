"""The site's parts on their own: addresses, highlighted passages, article reads, folding,
the progress bar."""

from __future__ import annotations

import io
import os
from pathlib import Path

from briefing.brief.model import Actor, Brief, Quote, Source
from briefing.site import articles, urls
from briefing.site.articles import Passage, marked
from briefing.site.folding import extra_words
from briefing.site.progress import Progress


def test_slugs_are_safe_and_never_shared() -> None:
    ids = ["niger", "Niger", "2024/niger", "2024-niger", "a b", "a-b", "", "../../etc", "é", "e"]
    slugs = [urls.slug(i) for i in ids]
    assert len(set(slugs)) == len(ids)
    assert urls.slug("niger") == "niger"  # an id that is already safe is kept as it is
    for slug in slugs:
        assert slug and all(c.isascii() and (c.isalnum() or c in "-_") for c in slug), slug
        assert slug == slug.lower()
    assert len(urls.slug("x" * 1000)) < 100


def test_links_are_relative_to_the_page() -> None:
    assert urls.link("index.html", urls.brief_page("a")) == "briefs/a.html"
    assert urls.link("briefs/a.html", urls.INDEX) == "../index.html"
    assert urls.link("briefs/a.html", urls.tag_page("x", 2)) == "../tags/x.2.html"
    assert urls.source_page("a.b", "c") != urls.source_page("a", "b.c")


def test_passages_are_marked_and_escaped() -> None:
    text = "a <b> quote & more\x1b[2J end"
    html = marked(text, [Passage(1, 2, 5), Passage(2, 6, 11)])
    assert html == (
        'a <mark id="quote-1">&lt;b&gt;</mark> <mark id="quote-2">quote</mark> &amp; more [2J end'
    )


def test_overlapping_passages_each_get_an_anchor() -> None:
    html = marked("one two three", [Passage(1, 0, 7), Passage(2, 4, 13), Passage(3, 4, 7)])
    assert html == (
        '<mark id="quote-1">one </mark><span id="quote-3"></span><mark id="quote-2">two</mark>'
        "<mark> three</mark>"
    )
    assert all(f'id="quote-{n}"' in html for n in (1, 2, 3))


def test_source_pages_skip_unreadable_articles(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text('She said "we will rebuild" and left.\n')
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    brief = Brief(
        "b",
        tmp_path / "b.yaml",
        "T",
        "S",
        sources=(
            Source("s", path=article),
            Source("gone", path=tmp_path / "nope.txt"),
            Source("pipe", path=fifo),  # refused, never waited on
            Source("folder", path=tmp_path),
        ),
        actors=(Actor("x", "X"),),
        quotes=(Quote("x", "we will rebuild", source="s"), Quote("x", "not there", source="s")),
    )
    from briefing.site.layout import Site

    made = articles.source_pages(Site("Site"), brief)
    assert made.sources == {"s"}
    assert made.passages == {1: "sources/b.s.html#quote-1"}
    (page,) = made.pages
    assert b'<mark id="quote-1">we will rebuild</mark>' in page[1]


def test_folding_adds_only_what_pagefind_would_miss(tmp_path: Path) -> None:
    brief = Brief(
        "b",
        tmp_path / "b.yaml",
        "Søren in Łódź",
        "Valparaíso, Æsir, Chișinău and plain words",
        actors=(Actor("x", "Ørsted"),),
    )
    assert extra_words(brief) == "aesir lodz orsted soren"


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    stream = io.StringIO()
    bar = Progress(stream, enabled=True)
    bar.start("writing pages", 200)
    bar.advance(50)
    assert bar.line(200, 50, 40) == "writing pages [" + "#" * 4 + " " * 13 + "] 50/200"
    bar.finish()
    drawn = stream.getvalue()
    assert drawn.startswith("\rwriting pages [") and "200/200" in drawn and drawn.endswith("\n")
    quiet = io.StringIO()
    bar = Progress(quiet)  # a StringIO is not a terminal
    bar.start("writing pages", 200)
    bar.advance(200)
    bar.finish()
    assert quiet.getvalue() == ""
