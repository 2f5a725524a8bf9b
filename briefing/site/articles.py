"""A brief's source articles as pages, each quote's passage highlighted and anchored.

A quote on a brief's page links to ``sources/<brief>.<source>.html#quote-N``, where its
passage in the article is a ``<mark>``. Passages are found again here, by the quote
checker (``briefing.brief.provenance``) on the very text the page shows, so a highlight can
never point at the wrong words, even if the article changed since the brief was checked.

Articles are data like briefs: read as the quote checker reads them
(``briefing.brief.provenance.article_text``: regular files only, bounded, never blocking),
control characters shown as spaces (one for one, so offsets hold), every character escaped.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from briefing.brief.model import Brief, Source
from briefing.brief.provenance import Article, article_text, verify
from briefing.brief.reading import Unread
from briefing.export.common import CONTROL, is_web_url
from briefing.export.html import date_html, e
from briefing.site import urls
from briefing.site.layout import SEP, Site, page


@dataclass(frozen=True, slots=True)
class Passage:
    number: int
    """The quote's number on the brief's page (1-based), its anchor ``quote-N``."""
    start: int
    end: int


def passages(brief: Brief, source: Source, article: Article) -> list[Passage]:
    """Where each of the brief's quotes from ``source`` stands in the article."""
    found = []
    for number, quote in enumerate(brief.quotes, 1):
        if quote.source != source.id:
            continue
        checked = verify(quote.text, article)
        if checked.status == "verified" and checked.span is not None:
            found.append(Passage(number, *checked.span))
    return found


def _text(segment: str) -> str:
    return e(CONTROL.sub(" ", segment))


def marked(text: str, found: list[Passage]) -> str:
    """``text`` escaped, each passage in a ``<mark>`` whose id is its quote's anchor.

    Overlapping passages are cut at every boundary; a passage that starts inside
    another's mark gets an empty anchor of its own there.
    """
    cuts = sorted({0, len(text), *(p.start for p in found), *(p.end for p in found)})
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        segment = _text(text[start:end])
        covering = [p for p in found if p.start <= start and end <= p.end]
        if not covering:
            out.append(segment)
            continue
        starting = [p.number for p in found if p.start == start]
        anchors = "".join(f'<span id="quote-{n}"></span>' for n in starting[1:])
        mark_id = f' id="quote-{starting[0]}"' if starting else ""
        out.append(f"{anchors}<mark{mark_id}>{segment}</mark>")
    return "".join(out)


@dataclass(slots=True)
class Articles:
    """A brief's article pages, and what its own page links to."""

    pages: list[tuple[str, bytes]]
    passages: dict[int, str]
    """Quote number to the address (with anchor) of its highlighted passage."""
    sources: set[str]
    """Ids of the sources that have an article page."""


def source_pages(site: Site, brief: Brief) -> Articles:
    """A page for each source of ``brief`` whose article file can be read."""
    made = Articles([], {}, set())
    for source in brief.sources:
        if source.path is None:
            continue
        text = article_text(source.path)
        if isinstance(text, Unread):
            continue
        here = urls.source_page(brief.id, source.id)
        found = passages(brief, source, Article.from_text(text))
        for passage in found:
            made.passages.setdefault(passage.number, f"{here}#quote-{passage.number}")
        made.pages.append((here, _page(site, brief, source, text, found, here)))
        made.sources.add(source.id)
    return made


def _page(
    site: Site, brief: Brief, source: Source, text: str, found: list[Passage], here: str
) -> bytes:
    back = urls.link(here, urls.brief_page(brief.id))
    meta = []
    if source.title and source.title != source.label:
        meta.append(f"<cite>{e(source.title)}</cite>")
    if source.date:
        meta.append(date_html(source.date))
    if source.url and is_web_url(source.url):
        meta.append(f'<a href="{e(source.url)}" rel="noopener noreferrer">{e(source.url)}</a>')
    elif source.url:
        meta.append(f"<code>{e(source.url)}</code>")
    meta_line = f'<p class="meta">{SEP.join(meta)}</p>' if meta else ""
    quotes = ""
    if found:
        items = "".join(
            f'<li><a href="#quote-{p.number}">Quote {p.number}</a>: '
            f"\u201c{_text(text[p.start : p.end])}\u201d "
            f'(<a href="{back}#quote-{p.number}">in the brief</a>)</li>'
            for p in found
        )
        quotes = (
            '<section aria-labelledby="passages-h"><h2 id="passages-h">Quoted passages</h2>'
            f"<ol>{items}</ol></section>"
        )
    count = len(found)
    body = (
        f'<p class="meta"><a href="{back}">\u2190 {e(brief.title)}</a></p>\n'
        f"<h1>{e(source.label)}</h1>\n{meta_line}\n"
        f'<p class="meta">The source article as the brief cites it; '
        f"{count} verified quote{'' if count == 1 else 's'} highlighted.</p>\n{quotes}\n"
        '<section aria-labelledby="article-h"><h2 id="article-h">The article</h2>\n'
        f'<div class="article">{marked(text, found)}</div></section>'
    )
    return page(site, here, f"{source.label}: {brief.title}", body)
