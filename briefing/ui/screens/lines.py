"""The shape the dossier, the library timeline and related briefs share: a header, a
``RowList`` of lines under headings, the line under the cursor shown whole below it, and
the key bar. The rows say what each line holds whole and what choosing one asks for:
a message for the app, or a notice for the user.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from briefing.ui.widgets.footer import KeysFooter
from briefing.ui.widgets.rows import RowList, Rows


class Lines(Rows, Protocol):
    """The rows of a :class:`LinesScreen`."""

    def whole(self, row: int) -> Content:
        """Everything the line at ``row`` holds, for the panel below the list (empty: no
        panel)."""

    def chosen(self, row: int) -> Message | str:
        """What choosing the line at ``row`` asks of the app, or a notice saying why
        nothing can be done."""


R = TypeVar("R", bound=Lines)
DATE_WIDTH = 15
"""Columns for a date and the gap after it (the longest: "September 2024")."""


def date_column(text: str, style: str = "bold") -> Content:
    return Content.styled(text.ljust(DATE_WIDTH), style)


def flat(text: str) -> str:
    """The text on one line (a row is one line: newlines in a brief's text become spaces)."""
    return " ".join(text.split())


class LinesScreen(Screen[None], Generic[R]):
    DEFAULT_CSS = """
    LinesScreen .lines-header { height: auto; padding: 0 1; background: $panel; }
    LinesScreen .lines-empty { padding: 1 2; color: $text-muted; }
    LinesScreen .lines-whole {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $foreground 25%;
    }
    """

    def __init__(self, rows: R, header: Content, *, id: str, empty: str = "") -> None:
        """``empty`` is said instead of the list when ``rows`` has none."""
        super().__init__(id=id)
        self.rows = rows
        self._header = header
        self._empty = empty

    def compose(self) -> ComposeResult:
        yield Static(self._header, id=f"{self.id}-header", classes="lines-header")
        if not len(self.rows) and self._empty:
            yield Static(Content(self._empty), classes="lines-empty")
        yield RowList(self.rows, id=f"{self.id}-rows")
        yield Static(id=f"{self.id}-whole", classes="lines-whole", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(RowList).focus()

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        whole = self.rows.whole(event.row)
        panel = self.query_one(f"#{self.id}-whole", Static)
        panel.update(whole)
        panel.display = bool(whole)

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        found = self.rows.chosen(event.row)
        if isinstance(found, Message):
            self.post_message(found)
        else:
            self.notify(found, severity="warning", markup=False)

    def action_back(self) -> None:
        self.dismiss()
