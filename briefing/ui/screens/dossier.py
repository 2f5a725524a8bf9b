"""The dossier of a person or organisation across the library, on a screen of its own.

Given a ``briefing.catalog.dossier.Dossier``: every brief the entity is in (with its role
and affiliation there, in date order), its quotes with their verification marks, and the
open questions and timeline entries naming it, one line each under a heading; the line
under the cursor is shown whole below the list. ``enter`` asks the app (``ItemChosen``)
to show that brief at that item: the actor, the quote, the question, or the timeline
entry in the summary.

The screen may open with the appearances alone (``briefing.catalog.dossier.opening``) and
a ``rest`` to call for the whole dossier: a thread worker calls it, and its parts are added
below the appearances, the cursor and the panel left where they are, so the keys work
while the briefs are read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from briefing.brief.dates import display_date
from briefing.catalog.dossier import (
    Appearance,
    Dossier,
    DossierEvent,
    DossierQuestion,
    DossierQuote,
    Place,
)
from briefing.ui import render
from briefing.ui.bindings import bindings_for
from briefing.ui.messages import ItemChosen
from briefing.ui.pane import Pane
from briefing.ui.screens.lines import LinesScreen, date_column, flat
from briefing.ui.widgets.rows import ListedRows, RowList

Line = Appearance | DossierQuote | DossierQuestion | DossierEvent
Row = str | Line
"""A heading (or the blank line before one), or a line of the dossier."""
ALSO_SHOWN = 5
"""Other spellings of the name the header lists."""
PANES: dict[type, Pane] = {
    Appearance: Pane.ACTORS,
    DossierQuote: Pane.QUOTES,
    DossierQuestion: Pane.QUESTIONS,
    DossierEvent: Pane.SUMMARY,
}
"""Where each kind of line is in its brief (a timeline entry: in the summary)."""


def _date(place: Place) -> str:
    return display_date(place.date) if place.date else "undated"


def _where(place: Place) -> Content:
    return Content.styled(f"  {place.title} · {_date(place)}", "dim")


class DossierRows(ListedRows[Line]):
    """The dossier as rows: a heading per part that has lines, then its lines."""

    def __init__(self, dossier: Dossier) -> None:
        super().__init__()
        self.dossier = dossier
        self._add(self._parts(dossier))

    @staticmethod
    def _parts(dossier: Dossier) -> list[tuple[str, tuple[Line, ...]]]:
        return [
            ("Briefs", dossier.appearances),
            ("Quotes", dossier.quotes),
            ("Open questions", dossier.questions),
            ("Timeline", dossier.events),
        ]

    def _add(self, parts: list[tuple[str, tuple[Line, ...]]]) -> None:
        for title, lines in parts:
            if lines:
                self.rows += [""] if self.rows else []  # a blank line between parts
                self.rows.append(f"{title} ({len(lines)})")
                self.rows.extend(lines)

    def complete(self, dossier: Dossier) -> bool:
        """Become the rows of ``dossier``, the whole of the one these were made from: its
        other parts added below the appearances, which stay the same rows. True when the
        appearances differed (a brief did not load, or changed), and every row was made
        again."""
        same = dossier.appearances == self.dossier.appearances
        if not same:
            self.rows.clear()
            self._add(self._parts(dossier))
        else:
            self._add(self._parts(dossier)[1:])
        self.dossier = dossier
        return not same

    def line(self, row: int) -> Content:
        item = self.rows[row]
        if isinstance(item, str):
            return Content(item)
        if isinstance(item, Appearance):
            said = "; ".join(flat(x) for x in (item.role, item.affiliation) if x)
            return Content.assemble(
                date_column(_date(item.place)),
                flat(item.place.title),
                Content.styled(f"  as {flat(item.name)}" + (f"; {said}" if said else ""), "dim"),
            )
        if isinstance(item, DossierQuote):
            return Content.assemble(
                render.status_mark(item.status), " “", flat(item.text), "”", _where(item.place)
            )
        if isinstance(item, DossierQuestion):
            return Content.assemble(flat(item.question), _where(item.place))
        return Content.assemble(
            date_column(display_date(item.date)),
            flat(item.event),
            Content.styled(f"  {item.place.title}", "dim"),
        )

    def whole(self, row: int) -> Content:
        """Everything the row's line holds, for the panel below the list."""
        item = self.rows[row]
        if isinstance(item, str):
            return Content("")
        where = Content.styled(f"{item.place.title} · {_date(item.place)}", "dim")
        if isinstance(item, Appearance):
            facts = [f"as {item.name}", item.role, item.affiliation]
            return Content.assemble(where, "\n", "; ".join(x for x in facts if x))
        if isinstance(item, DossierQuote):
            source = render.from_source(item.source)
            status = Content.assemble(
                render.status_mark(item.status), " ", render.status_text(item.status)
            )
            context = f"\n{item.context}" if item.context else ""
            tail = Content.assemble(where, Content.styled(source, "dim"), "  ", status)
            return Content.assemble("“", item.text, "”", context, "\n", tail)
        if isinstance(item, DossierQuestion):
            return Content.assemble(item.question, "\n", where)
        tail = Content.assemble(where, Content.styled(render.from_source(item.source), "dim"))
        return render.dated_event(item.date, item.event, tail)

    def chosen(self, row: int) -> ItemChosen:
        """Where the line at ``row`` is, as the message asking to show it."""
        item = self.item(row)
        section = "timeline" if isinstance(item, DossierEvent) else ""
        return ItemChosen(item.place.brief_id, PANES[type(item)], item.place.index, section)


def header(dossier: Dossier, quotes: int | None = None) -> Content:
    """``quotes``: the count to show when ``dossier`` does not hold them yet."""
    briefs = len({a.place.brief_id for a in dossier.appearances})
    quotes = len(dossier.quotes) if quotes is None else quotes
    counts = f"{briefs} brief{'s' * (briefs != 1)} · {quotes} quote{'s' * (quotes != 1)}"
    first = Content.assemble(
        Content.styled("Dossier ", "bold $text-accent"),
        Content.styled(flat(dossier.name), "bold"),
        Content.styled(f"  {', '.join(dossier.kinds)} · {counts}", "dim"),
    )
    also = [flat(n) for n in dossier.names[1:]]
    if len(also) > ALSO_SHOWN:  # the commonest; the rest would push the list off screen
        also = [*also[:ALSO_SHOWN], f"and {len(also) - ALSO_SHOWN} more"]
    second = f"Also written: {', '.join(also)}" if also else f"Entity: {dossier.key}"
    return Content.assemble(first, "\n", Content.styled(second, "dim"))


class DossierScreen(LinesScreen[DossierRows]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("dossier")

    def __init__(
        self,
        dossier: Dossier,
        *,
        rest: Callable[[], Dossier] | None = None,
        quotes: int | None = None,
    ) -> None:
        """``dossier`` is the whole one, or, with ``rest`` (which makes the whole one), its
        appearances alone, whose entity has ``quotes`` quotes."""
        super().__init__(DossierRows(dossier), header(dossier, quotes), id="dossier")
        self.dossier = dossier
        self._rest = rest
        """What makes the whole dossier, until it is shown."""
        self._reading = False
        """Whether ``rest`` was asked for (once: the screen resumes after any on top)."""

    @property
    def complete(self) -> bool:
        """Whether every part of the dossier is shown."""
        return self._rest is None

    def on_screen_resume(self) -> None:
        if self._rest is not None and not self._reading:
            # Once the first frame is drawn: a thread started sooner would take the GIL from
            # the UI thread while it lays the screen out, and delay that frame. Asked for
            # here, where this screen is the current one: Textual runs the callbacks of the
            # current screen after its next paint.
            self._reading = True
            self.call_after_refresh(self._read_rest)

    def _read_rest(self) -> None:
        if self._rest is None or not self.is_attached:
            return  # closed before its first frame
        # A thread: the briefs are decoded in plain Python; the screen's own worker, so
        # closing the screen drops its result.
        self.run_worker(self._rest, thread=True, group="dossier", exit_on_error=False)

    @on(Worker.StateChanged)
    def _rest_made(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "dossier":
            return
        if event.state == WorkerState.ERROR:
            self.notify("Could not read the briefs of this dossier.", severity="error")
        if event.state != WorkerState.SUCCESS or not isinstance(event.worker.result, Dossier):
            return
        event.stop()
        whole = event.worker.result
        self.rows.complete(whole)
        self.dossier = whole
        self._rest = None
        self.query_one(f"#{self.id}-header", Static).update(header(whole))
        self.query_one(RowList).rows_changed()
