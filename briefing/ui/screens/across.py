"""The main screen's keys for the library as one body: its timeline, an actor's dossier,
the current brief's related briefs. Each asks the app with a message
(``briefing.ui.messages``); the app makes the screen (``briefing.ui.body``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from briefing.ui.messages import DossierRequested, RelatedRequested, TimelineRequested
from briefing.ui.pane import Pane

if TYPE_CHECKING:
    from textual.message import Message

    from briefing.store.library import Entry
    from briefing.ui.filtering import LibraryFilter

ACTIONS = frozenset({"timeline", "dossier", "related"})


class _Screen(Protocol):
    current: Entry | None
    filter: LibraryFilter

    def selected_item(self) -> tuple[Pane, int] | None: ...

    def post_message(self, message: Message) -> bool: ...


class AcrossKeys:
    def action_timeline(self: _Screen) -> None:
        """The timeline of the briefs the filters let through (``MainScreen.filter``)."""
        passing = self.filter
        if passing.filtered:
            self.post_message(TimelineRequested(passing.selection, passing.text))
        else:
            self.post_message(TimelineRequested())

    def action_dossier(self: _Screen) -> None:
        """The dossier of the selected actor, or of the selected quote's speaker."""
        item = self.selected_item()
        entry = self.current
        if entry is None or entry.brief is None or item is None:
            return
        pane, index = item
        if pane is Pane.ACTORS:
            actor = entry.brief.actors[index].id
        elif pane is Pane.QUOTES:
            actor = entry.brief.quotes[index].speaker
        else:
            return
        self.post_message(DossierRequested(entry_id=entry.id, actor_id=actor))

    def action_related(self: _Screen) -> None:
        if self.current is not None and self.current.brief is not None:
            self.post_message(RelatedRequested(self.current.id))

    def across_enabled(self: _Screen, action: str) -> bool:
        """Whether one of :data:`ACTIONS` applies now (``check_action``)."""
        if action == "dossier":
            item = self.selected_item()
            return item is not None and item[0] in (Pane.ACTORS, Pane.QUOTES)
        if action == "related":
            return self.current is not None and self.current.brief is not None
        return True
