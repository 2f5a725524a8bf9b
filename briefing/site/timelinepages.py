"""The library's timeline (``briefing.catalog.timeline``): every dated event of the
published briefs, in date order, one page per year under a page listing the years."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.catalog.selection import Catalog, Selection
from briefing.catalog.timeline import TimelineLine, library_timeline
from briefing.export.html import date_html, e
from briefing.site import urls
from briefing.site.layout import Site, page, plural


def _line(here: str, line: TimelineLine) -> str:
    href = urls.link(here, urls.brief_page(line.brief_id)) + "#timeline"
    source = f" ({e(line.source)})" if line.source else ""
    return (
        f"<li>{date_html(line.date)}: "
        f'{e(line.event)}{source} <span class="muted">\u2014 <a href="{href}">'
        f"{e(line.title)}</a></span></li>"
    )


def timeline_pages(
    site: Site, catalog: Catalog, selection: Selection
) -> Iterator[tuple[str, bytes]]:
    lines = library_timeline(catalog, selection)
    by_year: dict[int, list[tuple[str, list[TimelineLine]]]] = {}
    for month in lines.months():
        chunk = lines[month.start : month.start + month.count]
        by_year.setdefault(chunk[0].date.year, []).append((month.label, chunk))
    years = sorted(by_year, reverse=True)
    for year in years:
        here = urls.timeline_page(year)
        sections = []
        for number, (label, chunk) in enumerate(by_year[year]):
            items = "\n".join(_line(here, line) for line in chunk)
            sections.append(
                f'<section aria-labelledby="m{number}-h"><h2 id="m{number}-h">{e(label)}</h2>'
                f"\n<ol>\n{items}\n</ol></section>"
            )
        count = sum(len(chunk) for _, chunk in by_year[year])
        back = urls.link(here, urls.TIMELINE)
        body = (
            f'<p class="meta"><a href="{back}">\u2190 every year</a></p>\n'
            f"<h1>Timeline of {year}</h1>\n"
            f'<p class="meta">{plural(count, "event")}, oldest first.</p>\n' + "\n".join(sections)
        )
        yield here, page(site, here, f"Timeline of {year}", body, section="timeline")
    items = "".join(
        f'<li><a href="{urls.timeline_page(y)}">{y}</a> <span class="count">'
        f"{sum(len(c) for _, c in by_year[y]):,}</span></li>"
        for y in years
    )
    body = (
        "<h1>Timeline</h1>\n"
        f'<p class="meta">{len(lines):,} dated events from the briefs, by year.</p>\n'
        f'<nav aria-label="Years" class="filters"><ul>{items}</ul></nav>'
    )
    yield urls.TIMELINE, page(site, urls.TIMELINE, "Timeline", body, section="timeline")
