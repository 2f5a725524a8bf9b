"""What the main screen's keys for the library as one body ask for: its timeline, an
actor's dossier, the current brief's related briefs. Each answer is a message for the app
(``briefing.ui.messages``), which makes the screen (``briefing.ui.body``); the main
screen's actions post them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.ui.messages import DossierRequested, RelatedRequested, TimelineRequested
from briefing.ui.pane import Pane

if TYPE_CHECKING:
    from briefing.store.library import Entry
    from briefing.ui.filtering import LibraryFilter

ACTIONS = frozenset({"timeline", "dossier", "related"})


def timeline(passing: LibraryFilter) -> TimelineRequested:
    """The timeline of the briefs the filters let through (``MainScreen.filter``)."""
    if passing.filtered:
        return TimelineRequested(passing.selection, passing.text)
    return TimelineRequested()


def dossier(entry: Entry | None, item: tuple[Pane, int] | None) -> DossierRequested | None:
    """The dossier of the selected actor, or of the selected quote's speaker."""
    if entry is None or entry.brief is None or item is None:
        return None
    pane, index = item
    if pane is Pane.ACTORS:
        actor = entry.brief.actors[index].id
    elif pane is Pane.QUOTES:
        actor = entry.brief.quotes[index].speaker
    else:
        return None
    return DossierRequested(entry_id=entry.id, actor_id=actor)


def related(entry: Entry | None) -> RelatedRequested | None:
    if entry is not None and entry.brief is not None:
        return RelatedRequested(entry.id)
    return None


def enabled(action: str, entry: Entry | None) -> bool:
    """Whether one of :data:`ACTIONS` applies now (``check_action``): the dossier and the
    related briefs need a brief on screen. With no actor or quote selected, the dossier's
    key says what it needs rather than doing nothing."""
    if action in ("dossier", "related"):
        return entry is not None and entry.brief is not None
    return True
