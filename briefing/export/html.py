"""The brief as one self-contained HTML page: no external assets, works offline.

Every value from the brief is hostile until escaped: text goes through
``html.escape(quote=True)``, urls become links only when they are http(s), ids
used in attributes are reduced to a safe charset, and the Markdown fields are
rendered with raw HTML disabled and links limited to http, https and mailto.
A Content-Security-Policy that forbids scripts and every remote load backs all
of that up: should an escape ever be missed, the page still cannot run code or
call home.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html import escape
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.brief.model import Actor, Brief, Quote, Source
from briefing.export.common import (
    is_web_url,
    iso,
    shown,
    source_label,
    strip_controls,
    verification_label,
)

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_LINK_SCHEMES = ("http", "https", "mailto")
_MARKS = {"verified": "\u2713", "not_found": "\u2717", "no_source": "\u2013"}

CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5c5c5c;
  --rule: #d9d9d4; --accent: #0b57a4; --ok: #176b2c; --bad: #a4161a; --quote: #f1f0ea; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e3; --bg: #151617; --muted: #a3a3a0; --rule: #3a3b3d;
    --accent: #8ab4f8; --ok: #7fd491; --bad: #ff8a80; --quote: #222427; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 17px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6, nav, table, figcaption, .meta, .mark {
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .8rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.5rem 0 .5rem; }
a { color: var(--accent); }
.meta, .muted, figcaption { color: var(--muted); font-size: .92rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
.wide { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem;
  border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid var(--rule); }
figure { margin: 1.2rem 0; }
blockquote { margin: 0; padding: .6rem 1rem; background: var(--quote);
  border-left: 4px solid var(--rule); }
blockquote.verified { border-left-color: var(--ok); }
blockquote.not_found { border-left-color: var(--bad); }
.mark { font-weight: 600; white-space: nowrap; }
.mark.verified { color: var(--ok); } .mark.not_found { color: var(--bad); }
:target { outline: 2px solid var(--accent); outline-offset: 2px; }
time { font-variant-numeric: tabular-nums; }
dt { font-weight: 600; } dd { margin: 0 0 .6rem 1.2rem; }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class Links:
    """Where the page of a brief links to other pages: none for the single-page export.

    A site (``briefing.site``) subclasses it to link each quote to its passage highlighted
    in the article, and each actor to its page across briefs. Every href it returns is
    escaped here, like any other value.
    """

    def passage(self, brief: Brief, quote: Quote, number: int) -> str:
        """The href of ``quote``'s passage highlighted in its article, or ``""``."""
        return ""

    def actor(self, brief: Brief, actor: Actor) -> str:
        """The href of ``actor``'s page across briefs, or ``""``."""
        return ""

    def article(self, brief: Brief, source: Source) -> str:
        """The href of ``source``'s article shown as a page, or ``""``."""
        return ""


NO_LINKS = Links()


class _SafeMarkdown(MarkdownIt):
    """CommonMark without raw HTML, images or links outside an allowlist."""

    def __init__(self) -> None:
        super().__init__("commonmark", {"html": False})
        self.disable("image")  # a remote image would be an external asset

    def validateLink(self, url: str) -> bool:
        if not super().validateLink(url):
            return False
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            return False
        return scheme in _LINK_SCHEMES


_MD = _SafeMarkdown()


def _demote(tokens: list[Token], shift: int) -> None:
    """Nest the field's headings under the page's and mark its links as external."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("rel", "noopener noreferrer")


def markdown(text: str, heading_shift: int = 2) -> str:
    tokens = _MD.parse(strip_controls(text))
    _demote(tokens, heading_shift)
    html: str = _MD.renderer.render(tokens, _MD.options, {})
    return html


def e(text: str) -> str:
    return escape(strip_controls(text), quote=True)


def anchor(kind: str, raw_id: str) -> str:
    """An id attribute value from a brief's id: ``[A-Za-z0-9_-]`` only, unique per raw id.

    When sanitising changes the id, a short hash of the original is appended so
    ``a b`` and ``a-b`` never share an anchor.
    """
    safe = _UNSAFE_ID.sub("-", raw_id)
    if safe != raw_id or not safe:
        safe += "-" + hashlib.sha256(raw_id.encode("utf-8", "replace")).hexdigest()[:8]
    return f"{kind}-{safe}"


def _url(url: str, text: str | None = None) -> str:
    if is_web_url(url):
        return f'<a href="{e(url)}" rel="noopener noreferrer">{e(text or url)}</a>'
    return f"<code>{e(url)}</code>"


def _source_link(brief: Brief, source_id: str) -> str:
    label = e(source_label(brief, source_id))
    if brief.source(source_id) is None:
        return label
    return f'<a href="#{anchor("source", source_id)}">{label}</a>'


def _actor_link(brief: Brief, actor_id: str) -> str:
    actor = brief.actor(actor_id)
    if actor is None:
        return e(actor_id)
    return f'<a href="#{anchor("actor", actor_id)}">{e(actor.name)}</a>'


def date_html(value: dt.date) -> str:
    """Machine-readable as written (``2024-03`` is a valid HTML month), shown for people."""
    return f'<time datetime="{iso(value)}">{shown(value)}</time>'


def _source_item(brief: Brief, source: Source, links: Links) -> str:
    parts = [f"<strong>{e(source.label)}</strong>"]
    if source.title and source.title != source.label:
        parts.append(f"<cite>{e(source.title)}</cite>")
    if source.date:
        parts.append(date_html(source.date))
    if source.url:
        parts.append(_url(source.url))
    href = links.article(brief, source)
    if href:
        parts.append(f'<a href="{e(href)}">the article</a>')
    elif source.file:
        parts.append(f'<span class="muted">file: <code>{e(source.file)}</code></span>')
    return f'<li id="{anchor("source", source.id)}">{" · ".join(parts)}</li>'


def _actor_row(brief: Brief, actor: Actor, links: Links) -> str:
    numbers = [n for n, q in enumerate(brief.quotes, 1) if q.speaker == actor.id]
    quote_links = ", ".join(f'<a href="#quote-{n}">{n}</a>' for n in numbers)
    name = e(actor.name)
    href = links.actor(brief, actor)
    if href:
        name = f'<a href="{e(href)}">{name}</a>'
    if actor.aliases:
        name += f'<br><span class="muted">also: {e(", ".join(actor.aliases))}</span>'
    if actor.entity:
        name += f'<br><span class="muted">entity: <code>{e(actor.entity)}</code></span>'
    return (
        f'<tr id="{anchor("actor", actor.id)}"><th scope="row">{name}</th>'
        f"<td>{e(actor.kind)}</td><td>{e(actor.role)}</td><td>{e(actor.affiliation)}</td>"
        f"<td>{markdown(actor.notes, 3) if actor.notes else ''}</td>"
        f"<td>{quote_links}</td></tr>"
    )


def _quote_figure(brief: Brief, quote: Quote, number: int, links: Links) -> str:
    status = quote.verification.status
    mark = f'<span class="mark {status}">{_MARKS[status]} {e(verification_label(quote))}</span>'
    caption = f"\u2014 {_actor_link(brief, quote.speaker)}"
    if quote.source:
        caption += f", {_source_link(brief, quote.source)}"
    href = links.passage(brief, quote, number)
    if href:
        mark += f' <a class="passage" href="{e(href)}">the passage in its article</a>'
    parts = [
        f'<figure id="quote-{number}"><blockquote class="{status}"><p>{e(quote.text)}</p>'
        f"</blockquote><figcaption>{caption} {mark}</figcaption>"
    ]
    if status == "not_found" and quote.verification.closest:
        closest = e(quote.verification.closest)
        parts.append(f'<p class="muted">Closest passage in the source: \u201c{closest}\u201d</p>')
    if quote.context:
        parts.append(f'<p class="muted">Context: {e(quote.context)}</p>')
    parts.append("</figure>")
    return "".join(parts)


def sections(brief: Brief, links: Links = NO_LINKS) -> list[tuple[str, str, str]]:
    """(anchor, heading, body) for each non-empty section, in reading order."""
    out = [("summary", "Summary", markdown(brief.summary))]
    if brief.sources:
        sources = "\n".join(_source_item(brief, s, links) for s in brief.sources)
        out.append(("sources", "Sources", f"<ul>\n{sources}\n</ul>"))
    if brief.actors:
        rows = "\n".join(_actor_row(brief, a, links) for a in brief.actors)
        head = "".join(
            f'<th scope="col">{h}</th>'
            for h in ("Name", "Kind", "Role", "Affiliation", "Notes", "Quotes")
        )
        table = (
            f'<div class="wide"><table>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table></div>"
        )
        out.append(("actors", "Actors", table))
    if brief.quotes:
        figures = "\n".join(
            _quote_figure(brief, q, n, links) for n, q in enumerate(brief.quotes, 1)
        )
        out.append(("quotes", "Quotes", figures))
    if brief.open_questions:
        items: list[str] = []
        for question in brief.open_questions:
            item = f"<li><p><strong>{e(question.question)}</strong></p>"
            if question.actors:
                names = ", ".join(_actor_link(brief, a) for a in question.actors)
                item += f'<p class="muted">Actors: {names}</p>'
            if question.notes:
                item += markdown(question.notes, 3)
            items.append(item + "</li>")
        out.append(("questions", "Open questions", "<ol>\n" + "\n".join(items) + "\n</ol>"))
    if brief.timeline:
        items = []
        for entry in brief.timeline:
            source = f" ({_source_link(brief, entry.source)})" if entry.source else ""
            items.append(f"<li>{date_html(entry.date)}: {e(entry.event)}{source}</li>")
        out.append(("timeline", "Timeline", "<ol>\n" + "\n".join(items) + "\n</ol>"))
    if brief.discrepancies:
        blocks = []
        for discrepancy in brief.discrepancies:
            accounts = "".join(
                f"<dt>{_source_link(brief, a.source)}</dt><dd>{e(a.says)}</dd>"
                for a in discrepancy.accounts
            )
            blocks.append(f"<h3>{e(discrepancy.topic)}</h3>\n<dl>{accounts}</dl>")
        out.append(("discrepancies", "Discrepancies", "\n".join(blocks)))
    if brief.related:
        items = [f"<li><code>{e(r.id)}</code></li>" for r in brief.related]
        out.append(("related", "Related", "<ul>\n" + "\n".join(items) + "\n</ul>"))
    return out


def head(csp: str, title: str) -> str:
    """The first lines of a page's ``head``: encoding, policy, no referrer, viewport, title."""
    return f"""<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>"""


def sections_html(parts: list[tuple[str, str, str]]) -> tuple[str, str]:
    """The navigation items and the sections of :func:`sections`, as HTML."""
    nav = "".join(f'<li><a href="#{key}">{title}</a></li>' for key, title, _ in parts)
    body = "\n".join(
        f'<section id="{key}" aria-labelledby="{key}-h">\n'
        f'<h2 id="{key}-h">{title}</h2>\n{content}\n</section>'
        for key, title, content in parts
    )
    return nav, body


def render(brief: Brief) -> str:
    parts = sections(brief)
    meta = []
    if brief.date:
        meta.append(date_html(brief.date))
    if brief.tags:
        meta.append("Tags: " + ", ".join(e(t) for t in brief.tags))
    meta_line = f'<p class="meta">{" · ".join(meta)}</p>' if meta else ""
    nav, body = sections_html(parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{head(_CSP, e(brief.title))}
<style>{CSS}</style>
</head>
<body>
<main>
<header>
<h1>{e(brief.title)}</h1>
{meta_line}
<nav aria-label="Sections"><ul>{nav}</ul></nav>
</header>
{body}
</main>
</body>
</html>
"""
