"""The Textual reader. Nothing outside ``briefing.ui`` imports Textual.

``import briefing.ui.app`` pulls in only what the first frame needs. What the reader uses
later is named here and imported when first read (``ui.start_watcher``): the editor, the
folder watcher, web links, the palette's providers, the config file's parser, the
clipboard's report, a source article's reader, the catalog, reading state and query
parser of the list's filters, and what the library's screens make of the catalog (a
dossier, the library timeline, related briefs). Screens and widgets have the same
boundary in their packages.
"""

from typing import TYPE_CHECKING

from briefing.deferred import deferred

__getattr__ = deferred(
    __name__,
    {
        "edit_in_editor": "briefing.ui.edit",  # on `e`
        "start_watcher": "briefing.ui.watcher",  # once the library has loaded
        "start_article_watcher": "briefing.ui.watcher",  # with it
        "open_web_link": "briefing.ui.links",  # a link clicked in a brief's Markdown
        "BriefsProvider": "briefing.ui.palette",  # the palette's, when it opens
        "ActorsProvider": "briefing.ui.palette",
        "QuotesProvider": "briefing.ui.palette",
        "CommandsProvider": "briefing.ui.palette",
        "EntitiesProvider": "briefing.ui.palette",
        "load_config": "briefing.config",  # only when a config file exists
        "save_theme": "briefing.config",  # when the user picks a theme
        "copy_notice": "briefing.clipboard:notice",  # after `y`
        "article_text": "briefing.brief.provenance",  # a quote's source article opened
        "catalog_of_library": "briefing.catalog.build",  # in a worker, once loaded
        "SeenState": "briefing.store.seen",  # read with it
        "count_facets": "briefing.catalog.facets:facets",  # on `f`
        "parse_query": "briefing.search.query:parse",  # the search box's filters
        "Hits": "briefing.search.items",  # hits kept to the filtered briefs
        "SearchResult": "briefing.search.items",
        "dossier": "briefing.catalog.dossier",  # on `d`
        "dossier_opening": "briefing.catalog.dossier:opening",
        "library_timeline": "briefing.catalog.timeline",  # on `t`
        "related": "briefing.catalog.links",  # on `l`
        "referenced_by": "briefing.catalog.links",
    },
)

if TYPE_CHECKING:
    from briefing import clipboard
    from briefing.brief.provenance import article_text as article_text
    from briefing.catalog import dossier as _dossier
    from briefing.catalog import facets as _facets
    from briefing.catalog.build import catalog_of_library as catalog_of_library
    from briefing.catalog.dossier import dossier as dossier
    from briefing.catalog.links import referenced_by as referenced_by
    from briefing.catalog.links import related as related
    from briefing.catalog.timeline import library_timeline as library_timeline
    from briefing.config import load_config as load_config
    from briefing.config import save_theme as save_theme
    from briefing.search import query as _query
    from briefing.search.items import Hits as Hits
    from briefing.search.items import SearchResult as SearchResult
    from briefing.store.seen import SeenState as SeenState
    from briefing.ui.edit import edit_in_editor as edit_in_editor
    from briefing.ui.links import open_web_link as open_web_link
    from briefing.ui.palette import ActorsProvider as ActorsProvider
    from briefing.ui.palette import BriefsProvider as BriefsProvider
    from briefing.ui.palette import CommandsProvider as CommandsProvider
    from briefing.ui.palette import EntitiesProvider as EntitiesProvider
    from briefing.ui.palette import QuotesProvider as QuotesProvider
    from briefing.ui.watcher import start_article_watcher as start_article_watcher
    from briefing.ui.watcher import start_watcher as start_watcher

    copy_notice = clipboard.notice
    dossier_opening = _dossier.opening
    count_facets = _facets.facets
    parse_query = _query.parse
