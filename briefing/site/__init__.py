"""``briefing site``: the library as a self-contained static website, searchable offline.

- ``urls``: where every page lives, and links between pages as relative paths;
- ``layout``: the frame of every page (Content-Security-Policy, landmarks, header, search
  box), the stylesheet and the search page's script;
- ``listing``: the index and its filters by tag and year, pre-rendered pages so that they
  work without JavaScript;
- ``briefpage`` and ``articles``: a brief's page (the HTML export, ``briefing.export.html``,
  with links into the site) and its source articles with each quote's passage highlighted;
- ``writer``: files written only when their bytes change, and the manifest of what the
  site holds, so a re-run on an unchanged library rewrites nothing;
- ``searchindex``: Pagefind, run on the brief pages, its output left alone when they did not
  change;
- ``build``: all of the above for a library; ``command`` is ``briefing site`` itself.

Pagefind (the ``site`` extra) is imported by ``command`` only, when the command runs.
"""
