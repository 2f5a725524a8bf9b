"""A brief's links to other briefs: those it names (``related:``) and those naming it.

Given the ``briefing.catalog.links`` lists, one line per brief (its date and title) under
"Related" and "Referenced by"; ``enter`` asks the app (``BriefChosen``) to show that brief.
An id the library has no brief of is listed, marked, and cannot be opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from briefing.brief.dates import display_date
from briefing.catalog.links import Link
from briefing.ui.bindings import bindings_for
from briefing.ui.messages import BriefChosen
from briefing.ui.screens.lines import LinesScreen, date_column, flat
from briefing.ui.widgets.rows import ListedRows


class LinkRows(ListedRows[Link]):
    def __init__(self, related: Sequence[Link], referenced_by: Sequence[Link]) -> None:
        super().__init__()
        self.rows += [f"Related ({len(related)})", *related]
        self.rows += [f"Referenced by ({len(referenced_by)})", *referenced_by]

    def line(self, row: int) -> Content:
        item = self.rows[row]
        if isinstance(item, str):
            return Content(item)
        if not item.exists:
            return Content.assemble(
                date_column("✗", "$text-error"),
                item.brief_id,
                Content.styled("  not in the library", "dim"),
            )
        date = display_date(item.date) if item.date else ""
        return Content.assemble(
            date_column(date),
            flat(item.title) or item.brief_id,
            Content.styled(f"  {item.brief_id}", "dim"),
        )

    def whole(self, row: int) -> Content:
        return Content("")  # a line holds it all

    def chosen(self, row: int) -> BriefChosen | str:
        link = self.item(row)
        if link.exists:
            return BriefChosen(link.brief_id)
        return f"No brief {link.brief_id!r} in the library."


class RelatedScreen(LinesScreen[LinkRows]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("related")

    def __init__(self, title: str, related: Sequence[Link], referenced_by: Sequence[Link]) -> None:
        head = Content.assemble(
            Content.styled("Related briefs ", "bold $text-accent"),
            Content.styled(flat(title), "bold"),
            "\n",
            Content.styled("Briefs it names, and briefs naming it", "dim"),
        )
        super().__init__(LinkRows(related, referenced_by), head, id="related")
