"""What a brief's page needs from the library as a whole (``briefing.catalog``): which
briefs the site publishes, each actor's entity page, related briefs and back-links.

A site may publish part of a library (``briefing site tag:sahel``): links go only to
pages the site has; a related brief it does not publish is named by its id, nothing more.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from briefing.catalog.links import Link, related
from briefing.catalog.selection import Catalog
from briefing.export.html import date_html, e
from briefing.site import urls


@dataclass(frozen=True, slots=True)
class Across:
    catalog: Catalog
    published: Set[str]
    """Ids of the briefs the site has a page for."""
    entities: Set[str]
    """Keys of the entities the site has a page for."""
    naming: dict[str, list[str]]
    """For each brief, the published briefs whose ``related`` names it, newest first."""

    @classmethod
    def of(cls, catalog: Catalog, published: Set[str], entities: Set[str]) -> Across:
        """``briefing.catalog.links.referenced_by`` walks the library's order on every
        call; for every page of a site at once, one walk gives all the back-links."""
        naming: dict[str, list[str]] = {}
        for brief_id in catalog.order("date"):
            if brief_id not in published:
                continue
            for link in dict.fromkeys(link.brief_id for link in related(catalog, brief_id)):
                if link != brief_id:
                    naming.setdefault(link, []).append(brief_id)
        return cls(catalog, published, entities, naming)

    def entity_page(self, brief_id: str, actor_id: str) -> str:
        """The page of the entity an actor is, or ``""``."""
        entity = self.catalog.entities.for_actor(brief_id, actor_id)
        if entity is None or entity.key not in self.entities:
            return ""
        return urls.entity_page(entity.key)

    def sections(self, here: str, brief_id: str) -> list[tuple[str, str, str]]:
        """The brief's "Related" and "Referenced by" sections, as ``html.sections`` gives
        sections; none when empty."""
        out = []
        named = related(self.catalog, brief_id)
        if named:
            out.append(("related", "Related", self._list(here, named)))
        naming = [_link(self.catalog, i) for i in self.naming.get(brief_id, [])]
        if naming:
            out.append(("referenced-by", "Referenced by", self._list(here, naming)))
        return out

    def _list(self, here: str, links: list[Link]) -> str:
        items = []
        for link in links:
            if link.brief_id in self.published:
                href = urls.link(here, urls.brief_page(link.brief_id))
                date = f' <span class="muted">{date_html(link.date)}</span>' if link.date else ""
                items.append(f'<li><a href="{href}">{e(link.title)}</a>{date}</li>')
            else:
                why = "not in this site" if link.exists else "no brief of this id in the library"
                items.append(
                    f'<li><code>{e(link.brief_id)}</code> <span class="muted">({why})</span></li>'
                )
        return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _link(catalog: Catalog, brief_id: str) -> Link:
    facts = catalog.get(brief_id)
    assert facts is not None  # a published brief
    return Link(brief_id, facts.title, facts.date, True)
