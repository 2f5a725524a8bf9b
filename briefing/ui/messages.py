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
    """Show brief ``entry_id`` with item ``index`` of ``pane`` selected (from the palette)."""

    def __init__(self, entry_id: str, pane: Pane, index: int) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.pane = pane
        self.index = index


class CommandChosen(Message):
    """Run a binding's ``action`` where bindings of ``scope`` live (from the palette)."""

    def __init__(self, scope: str, action: str) -> None:
        super().__init__()
        self.scope = scope
        self.action = action
