"""The index of the site: every brief, newest first, and the same list filtered by tag or
by year.

Filters are pages of their own (``tags/sahel.html``, ``years/2024.html``) linked from every
list page, so they work without JavaScript, from a file share as well as a web server.
Lists are cut into pages of :data:`PAGE_SIZE`, so that a library of 10,000 briefs is not
one page of megabytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from briefing.brief.model import Brief
from briefing.export.html import date_html, e
from briefing.site import urls
from briefing.site.layout import SEP, Site, page, plural

PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class Row:
    """What the list shows of one brief."""

    id: str
    title: str
    date: dt.date | None
    tags: tuple[str, ...]
    outlets: tuple[str, ...]
    actors: int
    quotes: int
    verified: int
    questions: int

    @classmethod
    def of(cls, brief: Brief) -> Row:
        outlets = tuple(dict.fromkeys(s.outlet for s in brief.sources if s.outlet))
        verified = sum(1 for q in brief.quotes if q.verification.status == "verified")
        return cls(
            brief.id,
            brief.title,
            brief.date,
            brief.tags,
            outlets,
            len(brief.actors),
            len(brief.quotes),
            verified,
            len(brief.open_questions),
        )


def _row_html(row: Row, here: str) -> str:
    href = urls.link(here, urls.brief_page(row.id))
    meta = []
    if row.date:
        meta.append(date_html(row.date))
    if row.outlets:
        meta.append(e(", ".join(row.outlets)))
    if row.tags:
        tags = " ".join(
            f'<a href="{urls.link(here, urls.tag_page(t))}">#{e(t)}</a>' for t in row.tags
        )
        meta.append(f'<span class="tags">{tags}</span>')
    counts = [plural(row.actors, "actor"), plural(row.quotes, "quote")]
    if row.quotes:
        counts[-1] += f" ({row.verified:,} verified)"
    counts.append(plural(row.questions, "open question"))
    meta_line = f'<p class="meta">{SEP.join(meta)}</p>' if meta else ""
    return (
        f'<li><article><h2><a href="{href}">{e(row.title)}</a></h2>\n'
        f'{meta_line}<p class="meta">{SEP.join(counts)}</p></article></li>'
    )


@dataclass(frozen=True, slots=True)
class Filters:
    """Every tag and year with its count of briefs, for the filter menus."""

    tags: tuple[tuple[str, int], ...]
    years: tuple[tuple[int, int], ...]


def filters_of(rows: Sequence[Row]) -> Filters:
    tags: dict[str, int] = {}
    years: dict[int, int] = {}
    for row in rows:
        for tag in dict.fromkeys(row.tags):
            tags[tag] = tags.get(tag, 0) + 1
        if row.date:
            years[row.date.year] = years.get(row.date.year, 0) + 1
    by_tag = sorted(tags.items(), key=lambda item: (item[0].casefold(), item[0]))
    return Filters(tuple(by_tag), tuple(sorted(years.items(), reverse=True)))


def _filter_nav(
    key: str, heading: str, every: tuple[str, bool], items: list[tuple[str, str, bool, int]]
) -> str:
    """One filter menu: "all", then each value (href, label, current, count)."""
    links = "".join(
        f'<li><a href="{href}"{_current(current)}>{label}</a> '
        f'<span class="count">{count:,}</span></li>'
        for href, label, current, count in items
    )
    return (
        f'<nav aria-labelledby="filter-{key}"><h2 id="filter-{key}">{heading}</h2>'
        f'<ul><li><a href="{every[0]}"{_current(every[1])}>all</a></li>{links}</ul></nav>'
    )


def _filters_html(filters: Filters, here: str, tag: str | None, year: int | None) -> str:
    every = (urls.link(here, urls.INDEX), tag is None and year is None)
    parts = ['<div class="filters">']
    if filters.years:
        years = [
            (urls.link(here, urls.year_page(y)), str(y), y == year, n) for y, n in filters.years
        ]
        parts.append(_filter_nav("years", "By year", every, years))
    if filters.tags:
        tags = [
            (urls.link(here, urls.tag_page(t)), f"#{e(t)}", t == tag, n) for t, n in filters.tags
        ]
        parts.append(_filter_nav("tags", "By tag", every, tags))
    parts.append("</div>")
    return "\n".join(parts)


def _current(yes: bool) -> str:
    return ' aria-current="page"' if yes else ""


def _pager(here: str, number: int, count: int, address: Callable[[int], str]) -> str:
    """Links to the other pages of one list: first, previous, nearby, next, last."""
    if count <= 1:
        return ""
    wanted = {1, count, *range(max(1, number - 2), min(count, number + 2) + 1)}
    items: list[str] = []
    if number > 1:
        items.append(
            f'<li><a href="{urls.link(here, address(number - 1))}" rel="prev">newer</a></li>'
        )
    last = 0
    for n in sorted(wanted):
        if n > last + 1:
            items.append("<li>\u2026</li>")
        if n == number:
            items.append(
                f'<li><a href="{urls.link(here, address(n))}" aria-current="page">{n}</a></li>'
            )
        else:
            items.append(f'<li><a href="{urls.link(here, address(n))}">{n}</a></li>')
        last = n
    if number < count:
        items.append(
            f'<li><a href="{urls.link(here, address(number + 1))}" rel="next">older</a></li>'
        )
    return f'<nav class="pages" aria-label="Pages of this list"><ul>{"".join(items)}</ul></nav>'


def _list_pages(
    site: Site,
    rows: list[Row],
    filters: Filters,
    heading: str,
    address: Callable[[int], str],
    tag: str | None = None,
    year: int | None = None,
) -> Iterator[tuple[str, bytes]]:
    count = max(1, -(-len(rows) // PAGE_SIZE))
    for number in range(1, count + 1):
        here = address(number)
        chunk = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        title = heading if number == 1 else f"{heading} (page {number} of {count})"
        first = (number - 1) * PAGE_SIZE + 1
        if not rows:
            summary = "No briefs."
        elif count > 1:
            last = first + len(chunk) - 1
            summary = f"{plural(len(rows), 'brief')}, newest first; {first:,} to {last:,} here."
        else:
            summary = f"{plural(len(rows), 'brief')}, newest first."
        items = "\n".join(_row_html(r, here) for r in chunk)
        pager = _pager(here, number, count, address)
        body = (
            f'<h1>{e(title)}</h1>\n<p class="meta">{summary}</p>\n'
            f"{_filters_html(filters, here, tag, year)}\n{pager}\n"
            f'<section aria-label="Briefs"><ol class="briefs">\n{items}\n</ol></section>\n{pager}'
        )
        section = "briefs" if tag is None and year is None else ""
        yield here, page(site, here, title, body, section=section)


def listing_pages(site: Site, rows: Sequence[Row]) -> Iterator[tuple[str, bytes]]:
    """Every list page: the index, one per tag, one per year (each cut into pages).

    ``rows`` come in the order the lists show them (the catalog's: newest first, a brief
    dated by its month after that month's days, undated last)."""
    ordered = list(rows)
    filters = filters_of(ordered)
    yield from _list_pages(site, ordered, filters, site.title, urls.index_page)
    by_tag: dict[str, list[Row]] = {}
    by_year: dict[int, list[Row]] = {}
    for row in ordered:
        for tag in dict.fromkeys(row.tags):
            by_tag.setdefault(tag, []).append(row)
        if row.date is not None:
            by_year.setdefault(row.date.year, []).append(row)
    lists: list[tuple[list[Row], str, Callable[[int], str], str | None, int | None]] = [
        (by_tag[tag], f"Briefs tagged #{tag}", partial(urls.tag_page, tag), tag, None)
        for tag, _ in filters.tags
    ]
    lists += [
        (by_year[year], f"Briefs of {year}", partial(urls.year_page, year), None, year)
        for year, _ in filters.years
    ]
    for chosen, heading, address, chosen_tag, chosen_year in lists:
        yield from _list_pages(site, chosen, filters, heading, address, chosen_tag, chosen_year)
