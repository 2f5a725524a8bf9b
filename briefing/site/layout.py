"""The frame every page shares, the stylesheet, the icon and the search page's script.

Every page carries a Content-Security-Policy: nothing from another host, styles and images
from the site itself, and no script at all, except on the search page, which runs the
site's own ``assets/search.js`` and Pagefind's bundle (a WebAssembly module, hence
``'wasm-unsafe-eval'``, and the index files it fetches from the site). Every value that
comes from a brief is escaped by the callers with :func:`briefing.export.html.e`.

Landmarks: a skip link, a banner (``header``) with the site navigation and a search form,
``main`` and a ``footer``; every page has one ``h1``.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.export.html import CSS, e, head
from briefing.site import urls

_BASE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"
)
CSP = _BASE_CSP + "; script-src 'none'"
"""Every page but the search page: no script may run."""
SEARCH_CSP = (
    _BASE_CSP + "; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'"
)
"""The search page: the site's own scripts, Pagefind's WebAssembly, fetches from the site."""


SEP = " \u00b7 "
"""Between the parts of a line of facts (date, outlets, tags)."""


def plural(count: int, word: str) -> str:
    """``1 brief``, ``2 briefs``, ``1,204 briefs``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Site:
    """What every page's frame needs to know about the site."""

    title: str
    has_entities: bool = False
    has_timeline: bool = False


def page(
    site: Site,
    here: str,
    title: str,
    body: str,
    *,
    section: str = "",
    indexed: bool = False,
    search: bool = False,
) -> bytes:
    """A whole page at path ``here``: ``title`` is plain text, ``body`` is escaped HTML.

    ``section`` names the navigation entry to mark as current (``briefs``, ``people``,
    ``timeline``, ``search``); ``indexed`` marks ``main`` for Pagefind.
    """
    up = urls.root(here)
    nav = [("briefs", urls.INDEX, "Briefs")]
    if site.has_entities:
        nav.append(("people", urls.PEOPLE, "People"))
    if site.has_timeline:
        nav.append(("timeline", urls.TIMELINE, "Timeline"))
    items = "".join(
        f'<li><a href="{up}{href}"{_current(key == section)}>{label}</a></li>'
        for key, href, label in nav
    )
    csp = SEARCH_CSP if search else CSP
    script = f'<script type="module" src="{up}{urls.SCRIPT}"></script>\n' if search else ""
    pagefind = " data-pagefind-body" if indexed else ""
    full_title = e(title) if title == site.title else f"{e(title)} \u00b7 {e(site.title)}"
    text = f"""<!DOCTYPE html>
<html lang="en">
<head>
{head(csp, full_title)}
<link rel="stylesheet" href="{up}{urls.STYLESHEET}">
<link rel="icon" href="{up}{urls.ICON}" type="image/svg+xml">
{script}</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="site">
<p class="site-name"><a href="{up}{urls.INDEX}">{e(site.title)}</a></p>
<nav aria-label="Site"><ul>{items}</ul></nav>
<form class="search" role="search" action="{up}{urls.SEARCH}" method="get">
<label for="site-q">Search the briefs</label>
<input id="site-q" name="q" type="search" placeholder="actors, quotes, questions\u2026">
<button type="submit">Search</button>
</form>
</header>
<main id="content"{pagefind}>
{body}
</main>
<footer class="site"><p>{e(site.title)}: made with <code>briefing site</code>; \
no part of this site is loaded from elsewhere.</p></footer>
</body>
</html>
"""
    return text.encode("utf-8")


def _current(yes: bool) -> str:
    return ' aria-current="page"' if yes else ""


SITE_CSS = (
    CSS
    + """
main { max-width: 52rem; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; z-index: 1; }
header.site, footer.site { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
header.site { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem;
  padding: .6rem 1.25rem; border-bottom: 1px solid var(--rule); }
header.site .site-name { margin: 0; font-weight: 700; }
header.site .site-name a { color: var(--fg); text-decoration: none; }
header.site nav ul { margin: 0; }
header.site [aria-current="page"] { font-weight: 700; text-decoration: none; }
form.search { display: flex; gap: .4rem; align-items: center; margin-left: auto; }
form.search label { position: absolute; left: -999px; }
input[type="search"] { font: inherit; font-size: 1rem; padding: .3rem .5rem; min-width: 0;
  width: 16rem; max-width: 100%; color: var(--fg); background: var(--bg);
  border: 1px solid var(--muted); border-radius: 4px; }
button { font: inherit; font-size: .95rem; padding: .3rem .8rem; color: var(--bg);
  background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
footer.site { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 2rem;
  color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
.filters { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: .92rem; }
.filters h2 { font-size: 1rem; margin: 1rem 0 .3rem; border: 0; padding: 0; }
.filters ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
  gap: .2rem .9rem; }
.filters [aria-current="page"] { font-weight: 700; color: var(--fg); text-decoration: none; }
.count { color: var(--muted); font-size: .85em; }
ol.briefs { list-style: none; padding: 0; margin: 0; }
ol.briefs > li { padding: .9rem 0; border-bottom: 1px solid var(--rule); }
ol.briefs h2 { font-size: 1.15rem; margin: 0 0 .2rem; border: 0; padding: 0; }
ol.briefs p { margin: .15rem 0; }
.tags a { white-space: nowrap; }
nav.pages { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem 0; }
nav.pages ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .8rem; }
a.passage { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: .88rem;
  white-space: nowrap; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; }
mark { background: #fde68a; color: #1b1b1b; padding: 0 .1em; }
mark:target { background: #f59e0b; outline: 2px solid var(--accent); outline-offset: 2px; }
[id] { scroll-margin-top: 1rem; }
section:target { outline: none; }
#search-results { padding-left: 1.2rem; }
#search-results li { margin: 0 0 1.2rem; }
#search-results h2 { font-size: 1.1rem; margin: 0 0 .3rem; border: 0; padding: 0; }
.excerpt { margin: .2rem 0 0; }
#search-form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
#search-form label { flex-basis: 100%; }
#search-form input { flex: 1; width: auto; }
form, input, button, label, .excerpt a { font-family: system-ui, -apple-system, "Segoe UI",
  sans-serif; }
@media (prefers-color-scheme: dark) {
  mark { background: #6b5a1e; color: #fff8e1; }
  mark:target { background: #a16207; } }
@media (max-width: 40rem) {
  body { font-size: 16px; }
  main { padding: 1rem .9rem 3rem; }
  header.site { padding: .5rem .9rem; }
  form.search { margin-left: 0; width: 100%; }
  input[type="search"] { flex: 1; width: auto; }
  h1 { font-size: 1.5rem; }
  th, td { padding: .35rem .3rem; } }
@media print {
  header.site, footer.site, .skip, form.search, nav.pages, .filters, a.passage { display: none; }
  body { background: #fff; color: #000; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: #000; }
  blockquote { background: none; }
  mark { background: none; outline: 1px solid #000; }
  section, figure, tr { break-inside: avoid; } }
"""
)

ICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">\
<rect width="16" height="16" rx="3" fill="#0b57a4"/>\
<path d="M4 4h8M4 8h8M4 12h5" stroke="#fff" stroke-width="1.6"/></svg>
"""

SEARCH_JS = r"""// The search page: Pagefind's index, read from this site only.
// Results are built with DOM text nodes: nothing from the index is parsed as HTML into
// the page, so a brief's text can never become markup or script here.
const form = document.getElementById("search-form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const LIMIT = 30;

function say(text) {
  status.textContent = text;
}

// Pagefind's excerpt is text with <mark> around the words found: keep exactly that.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  const out = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function sameSite(url) {
  try {
    const resolved = new URL(url, document.baseURI);
    return resolved.origin === location.origin ? resolved.href : null;
  } catch {
    return null;
  }
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) {
    say("Type words to search for: names, quotes, questions, titles.");
    return;
  }
  say("Searching\u2026");
  let pagefind;
  try {
    pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
    await pagefind.options({ baseUrl: new URL("./", document.baseURI).pathname });
  } catch {
    say("Search could not load its index: it needs the site served over http(s), "
      + "with its pagefind folder (a site without briefs has none).");
    return;
  }
  const search = await pagefind.search(query);
  const found = await Promise.all(search.results.slice(0, LIMIT).map((r) => r.data()));
  for (const result of found) {
    const href = sameSite(result.url);
    if (href === null) continue;
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = result.meta.title || result.url;
    heading.append(link);
    item.append(heading);
    // Where in the brief the words are: its sections (summary, quotes ...), best first.
    const places = (result.sub_results || []).filter((sub) => sub.anchor).slice(0, 6);
    for (const place of places.length ? places : [result]) {
      const where = document.createElement("p");
      where.className = "excerpt";
      const target = sameSite(place.url);
      if (places.length && target !== null) {
        const section = document.createElement("a");
        section.href = target;
        section.textContent = place.title;
        where.append(section, document.createTextNode(": "));
      }
      where.append(excerptNodes(place.excerpt));
      item.append(where);
    }
    list.append(item);
  }
  const total = search.results.length;
  const shown = Math.min(total, LIMIT);
  say(total === 0 ? `Nothing found for \u201c${query}\u201d.`
    : `${total} brief${total === 1 ? "" : "s"} found for \u201c${query}\u201d`
      + (shown < total ? `, the first ${shown} shown.` : "."));
}

const query = new URLSearchParams(location.search).get("q") || "";
input.value = query;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});
run(query);
"""


def search_body() -> str:
    """The search page's content: a form that works alone, results filled by the script."""
    return """<h1>Search</h1>
<form id="search-form" role="search" action="" method="get">
<label for="q">Words to find (accents and case do not matter)</label>
<input id="q" name="q" type="search">
<button type="submit">Search</button>
</form>
<p id="search-status" role="status">Search runs in your browser, from this site's own \
index.</p>
<noscript><p>Searching needs JavaScript. Without it, browse the briefs by tag and year \
from the <a href="index.html">list of briefs</a>.</p></noscript>
<ol id="search-results"></ol>"""
