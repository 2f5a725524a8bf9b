"""Widgets of the reader, one per module.

The first frame draws the header, the brief list, the four panes and the key bar, whose
modules the main screen imports. The rest are named here and imported when first read
(``widgets.SearchPanel``), after the first frame or when first needed.
"""

from typing import TYPE_CHECKING

from briefing.deferred import deferred

__getattr__ = deferred(
    __name__,
    {
        "ErrorBanner": "briefing.ui.widgets.banner",  # a brief with problems
        "BrokenView": "briefing.ui.widgets.broken",  # a brief that never loaded
        "SearchPanel": "briefing.ui.widgets.search",  # mounted after the first frame
        "PlainText": "briefing.ui.widgets.plaintext",  # a summary too long for Markdown
    },
)

if TYPE_CHECKING:
    from briefing.ui.widgets.banner import ErrorBanner as ErrorBanner
    from briefing.ui.widgets.broken import BrokenView as BrokenView
    from briefing.ui.widgets.plaintext import PlainText as PlainText
    from briefing.ui.widgets.search import SearchPanel as SearchPanel
