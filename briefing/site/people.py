"""The people and organisations of the site: one page per entity across briefs (its
dossier, ``briefing.catalog.dossier``) and the list of them all.

A site may publish a subset of the library (``briefing site tag:sahel``): a dossier then
shows only what the published briefs hold, so that no line links to a page that does not
exist, and nothing from an unpublished brief appears.
"""

from __future__ import annotations

from collections.abc import Callable, Set

from briefing.catalog.dossier import Dossier, Place, dossier
from briefing.catalog.entities import Entity
from briefing.catalog.selection import Catalog
from briefing.export.common import VERIFICATION_LABELS
from briefing.export.html import date_html, e
from briefing.search.matching import fold
from briefing.site import urls
from briefing.site.layout import SEP, Site, page, plural

_MARKS = {"verified": "\u2713", "not_found": "\u2717", "no_source": "\u2013"}


def published_entities(catalog: Catalog, published: Set[str]) -> list[Entity]:
    """The entities named in at least one published brief, by name."""
    found = []
    for entity in catalog.entities:
        if any(catalog.at(m.number).id in published for m in entity.mentions):
            found.append(entity)
    found.sort(key=lambda entity: (fold(entity.name), entity.key))
    return found


def _date(place: Place) -> str:
    return "undated" if place.date is None else date_html(place.date)


def _brief(here: str, place: Place, anchor: str = "") -> str:
    href = urls.link(here, urls.brief_page(place.brief_id)) + anchor
    return f'<a href="{href}">{e(place.title)}</a>'


def _section(key: str, title: str, items: list[str], tag: str = "ul") -> str:
    if not items:
        return ""
    return (
        f'<section id="{key}" aria-labelledby="{key}-h"><h2 id="{key}-h">{title}</h2>\n'
        f"<{tag}>\n" + "\n".join(items) + f"\n</{tag}></section>"
    )


def entity_body(here: str, found: Dossier, keep: Callable[[Place], bool]) -> str:
    """The dossier as HTML, keeping the lines whose place ``keep`` accepts."""
    appearances = [
        f"<li>{_date(a.place)}: {_brief(here, a.place, '#' + 'actors')}"
        f"{SEP}<strong>{e(a.name)}</strong>"
        + (f", {e(a.role)}" if a.role else "")
        + (f" ({e(a.affiliation)})" if a.affiliation else "")
        + "</li>"
        for a in found.appearances
        if keep(a.place)
    ]
    quotes = [
        f'<li><figure><blockquote class="{q.status}"><p>{e(q.text)}</p></blockquote>'
        f"<figcaption>{_brief(here, q.place, f'#quote-{q.place.index + 1}')}, "
        f"{_date(q.place)}" + (f", {e(q.source)}" if q.source else "") + " "
        f'<span class="mark {q.status}">{_MARKS[q.status]} '
        f"{e(VERIFICATION_LABELS[q.status])}</span></figcaption></figure></li>"
        for q in found.quotes
        if keep(q.place)
    ]
    questions = [
        f"<li><p><strong>{e(q.question)}</strong></p>"
        f'<p class="muted">{_brief(here, q.place, "#questions")}</p></li>'
        for q in found.questions
        if keep(q.place)
    ]
    events = [
        f"<li>{date_html(ev.date)}: "
        f"{e(ev.event)}"
        + (f" ({e(ev.source)})" if ev.source else "")
        + f' <span class="muted">{_brief(here, ev.place, "#timeline")}</span></li>'
        for ev in found.events
        if keep(ev.place)
    ]
    briefs = len({a.place.brief_id for a in found.appearances if keep(a.place)})
    facts = [e(found.kind), f"in {plural(briefs, 'brief')}"]
    if quotes:
        facts.append(plural(len(quotes), "quote"))
    others = [n for n in found.names if n != found.name]
    also = f'<p class="muted">Also written: {e(", ".join(others))}</p>' if others else ""
    parts = [
        f"<h1>{e(found.name)}</h1>",
        f'<p class="meta">{SEP.join(facts)}</p>{also}',
        _section("appearances", "In the briefs", appearances),
        _section("quotes", "Quotes", quotes, "ol"),
        _section("questions", "Open questions", questions),
        _section("events", "Events", events, "ol"),
    ]
    return "\n".join(p for p in parts if p)


def entity_page(
    site: Site, catalog: Catalog, entity: Entity, published: Set[str]
) -> tuple[str, bytes, str]:
    """The entity's page (address and bytes), and its row of the list of them all."""

    def keep(place: Place) -> bool:
        return place.brief_id in published

    here = urls.entity_page(entity.key)
    found = dossier(catalog, entity)
    data = page(site, here, found.name, entity_body(here, found, keep), section="people")
    briefs = len({a.place.brief_id for a in found.appearances if keep(a.place)})
    quotes = sum(1 for q in found.quotes if keep(q.place))
    row = (
        f'<tr><th scope="row"><a href="{urls.link(urls.PEOPLE, here)}">{e(found.name)}</a>'
        f"</th><td>{e(found.kind)}</td><td>{briefs:,}</td><td>{quotes:,}</td></tr>"
    )
    return here, data, row


def people_page(site: Site, rows: list[str]) -> tuple[str, bytes]:
    """The list of every entity (:data:`urls.PEOPLE`), from their rows in order."""
    count = len(rows)
    body = (
        "<h1>People and organisations</h1>\n"
        f'<p class="meta">{count:,} across the briefs; each page gathers what every brief '
        "holds on one of them.</p>\n"
        '<div class="wide"><table><thead><tr><th scope="col">Name</th><th scope="col">Kind</th>'
        '<th scope="col">Briefs</th><th scope="col">Quotes</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )
    return urls.PEOPLE, page(site, urls.PEOPLE, "People and organisations", body, section="people")
