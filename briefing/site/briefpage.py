"""A brief's page: the HTML export (``briefing.export.html``) inside the site's frame, with
links into the site: each quote to its passage in the article, each source to its article
page, each actor to its page across briefs, tags to their lists, related briefs and the
briefs that name this one to their pages.

The page is what Pagefind indexes (``data-pagefind-body``), so search finds titles,
summaries, actors, quotes, questions, timelines and discrepancies.
"""

from __future__ import annotations

from briefing.brief.model import Actor, Brief, Quote, Source
from briefing.export import html
from briefing.export.html import date_html, e
from briefing.site import urls
from briefing.site.across import Across
from briefing.site.folding import extra_words
from briefing.site.layout import SEP, Site, page


class SiteLinks(html.Links):
    """Links from the page ``here`` to the pages made for the brief's quotes, sources and
    actors."""

    def __init__(
        self, here: str, passages: dict[int, str], articles: set[str], across: Across
    ) -> None:
        self.here = here
        self.across = across
        self.passages = passages
        """Quote number to the address of its highlighted passage."""
        self.articles = articles
        """Ids of the sources whose article has a page."""

    def passage(self, brief: Brief, quote: Quote, number: int) -> str:
        target = self.passages.get(number)
        return urls.link(self.here, target) if target else ""

    def article(self, brief: Brief, source: Source) -> str:
        if source.id in self.articles:
            return urls.link(self.here, urls.source_page(brief.id, source.id))
        return ""

    def actor(self, brief: Brief, actor: Actor) -> str:
        target = self.across.entity_page(brief.id, actor.id)
        return urls.link(self.here, target) if target else ""


def brief_page(
    site: Site, brief: Brief, passages: dict[int, str], articles: set[str], across: Across
) -> tuple[str, bytes]:
    """The page of ``brief``; ``passages`` maps quote numbers to highlighted passages,
    ``articles`` holds the source ids that have an article page."""
    here = urls.brief_page(brief.id)
    links = SiteLinks(here, passages, articles, across)
    # The export names related briefs by id; the site links them, and adds back-links.
    parts = [part for part in html.sections(brief, links) if part[0] != "related"]
    parts += across.sections(here, brief.id)
    meta = []
    if brief.date:
        meta.append(date_html(brief.date))
    outlets = list(dict.fromkeys(s.outlet for s in brief.sources if s.outlet))
    if outlets:
        meta.append(e(", ".join(outlets)))
    if brief.tags:
        tags = " ".join(
            f'<a href="{urls.link(here, urls.tag_page(t))}">#{e(t)}</a>' for t in brief.tags
        )
        meta.append(f'<span class="tags">{tags}</span>')
    meta_line = f'<p class="meta">{SEP.join(meta)}</p>' if meta else ""
    nav, body = html.sections_html(parts)
    folded = extra_words(brief)
    hidden = f'\n<p hidden data-pagefind-weight="0.5">{e(folded)}</p>' if folded else ""
    content = (
        f"<header>\n<h1>{e(brief.title)}</h1>\n{meta_line}\n"
        f'<nav aria-label="Sections of this brief" data-pagefind-ignore><ul>{nav}</ul></nav>\n'
        "</header>\n"
        f"{body}{hidden}"
    )
    return here, page(site, here, brief.title, content, indexed=True)
