"""The facets view: the tags, outlets and actors of the briefs listed, with their counts.

Counted by ``briefing.catalog.facets`` over the current selection and handed in. Typing
narrows the rows (case and accents ignored); ``enter`` dismisses the screen with the
chosen value's filter (``tag:sahel``, ``entity:michael-e-langley``), which the main
screen adds to its query. Each field lists its ``SHOWN`` commonest matching values, so a
library of thousands of actors is never thousands of rows.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.catalog.facets import Facets, FacetValue
from briefing.search.matching import fold
from briefing.ui.bindings import bindings_for
from briefing.ui.widgets.footer import KeysFooter

SHOWN = 50
"""Rows per field; typing narrows to the others."""
HEADINGS = (("tags", "Tags"), ("outlets", "Outlets"), ("actors", "Actors"))


class FacetsScreen(Screen[str | None]):
    """Dismissed with the chosen value's filter text, or None on ``escape``."""

    DEFAULT_CSS = """
    FacetsScreen { layout: vertical; }
    FacetsScreen #facets-title { height: auto; padding: 0 1; background: $panel; }
    FacetsScreen #facets-input { border: tall $primary; }
    FacetsScreen #facets-list { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("facets")

    def __init__(self, facets: Facets, query: str = "") -> None:
        super().__init__(id="facets")
        self.facets = facets
        self.query_text = query.strip()
        self.values: list[FacetValue | None] = []
        """The value of each row (None for a heading or a "more" line)."""
        self._folded = {
            field: [(fold(v.label), v) for v in getattr(facets, field)] for field, _ in HEADINGS
        }
        """Each field's values with their labels folded once, not at every keystroke."""

    def compose(self) -> ComposeResult:
        where = f" of the briefs passing “{self.query_text}”" if self.query_text else ""
        yield Static(
            Content.assemble(
                Content.styled("Facets", "bold"),
                where,
                Content.styled(" · type to narrow · enter adds the filter · esc back", "dim"),
            ),
            id="facets-title",
        )
        yield Input(placeholder="Narrow: a tag, an outlet or a name", id="facets-input")
        yield OptionList(id="facets-list", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#facets-input")
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        self.show(event.value)

    def show(self, text: str) -> None:
        """The rows whose label holds ``text`` (folded), by field, commonest first."""
        wanted = fold(text).strip()
        options: list[Option] = []
        self.values = []
        for field, heading in HEADINGS:
            found = [v for folded, v in self._folded[field] if wanted in folded]
            options.append(
                Option(Content.styled(f"{heading} ({len(found):,})", "bold"), disabled=True)
            )
            self.values.append(None)
            for value in found[:SHOWN]:
                options.append(Option(_row(value)))
                self.values.append(value)
            if len(found) > SHOWN:
                more = f"  … {len(found) - SHOWN:,} more: type to narrow"
                options.append(Option(Content.styled(more, "dim"), disabled=True))
                self.values.append(None)
        rows = self.query_one(OptionList)
        rows.set_options(options)
        first = next((i for i, v in enumerate(self.values) if v is not None), None)
        rows.highlighted = first

    def action_move(self, step: int) -> None:
        rows = self.query_one(OptionList)
        if step > 0:
            rows.action_cursor_down()
        else:
            rows.action_cursor_up()

    def action_choose(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected, "#facets-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.values):
            value = self.values[index]
            if value is not None:
                self.dismiss(value.query)

    def action_close(self) -> None:
        self.dismiss(None)


def _row(value: FacetValue) -> Content:
    return Content.assemble(
        Content.styled(f"{value.count:>6,}  ", "$text-accent"),
        value.label,
        Content.styled(f"  {value.query}", "dim"),
    )
