"""Search over the library: folding and matching rules, the in-memory index, postings.

The index is built after the reader's first frame, so ``SearchIndex`` is imported when
first read (``search.SearchIndex``, see ``briefing.deferred``).
"""

from typing import TYPE_CHECKING

from briefing.deferred import deferred

__getattr__ = deferred(__name__, {"SearchIndex": "briefing.search.index"})

if TYPE_CHECKING:
    from briefing.search.index import SearchIndex as SearchIndex
