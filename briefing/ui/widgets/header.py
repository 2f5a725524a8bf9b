"""The top of the main screen: the selected brief's title, date, tags and outlets.

Textual's ``Header`` is not used: it shows a clock, which would make every snapshot
differ, and its title is parsed as markup, which brief titles must never be.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from briefing.brief.model import Brief
from briefing.ui import render


class BriefHeader(Static):
    def __init__(self) -> None:
        super().__init__(Content.styled("briefing", "bold"), id="header", markup=False)

    def show_brief(self, brief: Brief) -> None:
        self.update(render.header(brief))

    def show_text(self, title: str, detail: str = "") -> None:
        """For states without a brief: loading, an empty library, a file that never loaded."""
        second = Content.styled(detail, "dim") if detail else Content("")
        self.update(Content.assemble(Content.styled(title, "bold"), "\n", second))
