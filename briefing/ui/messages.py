"""What screens, widgets and the palette ask of the app: messages up, never calls.

A screen that wants another screen, or a place in another brief, posts one of these; it
bubbles to the app, which handles it with ``@on``. So no screen imports the app, and a
screen can be run under a plain ``App`` that records what it asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing.catalog.selection import Selection
    from briefing.search.items import Kind


class BriefChosen(Message):
    """Show brief ``entry_id`` on the main screen."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


class PlaceChosen(Message):
    """Show brief ``entry_id`` at its item ``index`` of ``kind`` (an actor, a quote, an
    open question: selected in its pane; a timeline entry: revealed in the summary)."""

    def __init__(self, entry_id: str, kind: Kind, index: int) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.kind: Kind = kind
        self.index = index


class DossierRequested(Message):
    """Open the dossier of the entity ``key`` (``briefing.catalog.entities``); with
    ``entry_id`` and ``actor_id`` instead, of that actor's entity."""

    def __init__(self, key: str = "", *, entry_id: str = "", actor_id: str = "") -> None:
        super().__init__()
        self.key = key
        self.entry_id = entry_id
        self.actor_id = actor_id


class TimelineRequested(Message):
    """Open the library timeline of the briefs in ``selection`` (None: every brief);
    ``query`` is the filter text that made it, for the screen's title."""

    def __init__(self, selection: Selection | None = None, query: str = "") -> None:
        super().__init__()
        self.selection = selection
        self.query = query


class RelatedRequested(Message):
    """Open the briefs brief ``entry_id`` names, and those naming it."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
