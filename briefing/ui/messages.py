"""What screens, widgets and the palette ask of the app: messages up, never calls.

A screen that wants an effect outside itself (the editor, a reload, the clipboard, another
screen) posts one of these; it bubbles to the app, which handles it with ``@on``. So no
screen or widget imports the app, and a screen can be run under a plain ``App`` that
records what it asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing.brief.model import Brief
    from briefing.catalog.selection import Selection
    from briefing.ui.pane import Pane


class EditRequested(Message):
    """Open the editor on entry ``entry_id``'s file at ``line``, then reload it."""

    def __init__(self, entry_id: str, line: int) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.line = line


class ReloadRequested(Message):
    """Pick up added and deleted files and reload every brief (``r``)."""


class CopyRequested(Message):
    """Put ``text`` on the clipboard; ``what`` names it in the notice."""

    def __init__(self, text: str, what: str) -> None:
        super().__init__()
        self.text = text
        self.what = what


class SourceRequested(Message):
    """Show quote ``index`` of ``brief`` in its source article."""

    def __init__(self, brief: Brief, index: int) -> None:
        super().__init__()
        self.brief = brief
        self.index = index


class DetailsRequested(Message):
    """Open the details of item ``index`` of ``pane`` in entry ``entry_id``'s ``brief``."""

    def __init__(self, entry_id: str, brief: Brief, pane: Pane, index: int) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.brief = brief
        self.pane = pane
        self.index = index


class ProblemsRequested(Message):
    """List every problem of entry ``entry_id``; choosing one opens the editor there."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


class BriefChosen(Message):
    """Show brief ``entry_id`` on the main screen (from the palette)."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


class ItemChosen(Message):
    """Show brief ``entry_id`` with item ``index`` of ``pane`` selected (from the palette,
    a dossier, the library timeline); in the summary, with ``section`` (``"timeline"``,
    ``"discrepancy"``), that section's entry ``index`` revealed."""

    def __init__(self, entry_id: str, pane: Pane, index: int, section: str = "") -> None:
        super().__init__()
        self.entry_id = entry_id
        self.pane = pane
        self.index = index
        self.section = section


class CommandChosen(Message):
    """Run a binding's ``action`` where bindings of ``scope`` live (from the palette)."""

    def __init__(self, scope: str, action: str) -> None:
        super().__init__()
        self.scope = scope
        self.action = action


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
