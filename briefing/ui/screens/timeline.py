"""The library timeline: every timeline entry of the chosen briefs, by month, on one screen.

Given a ``briefing.catalog.timeline.LibraryTimeline`` (a lazy sequence: an entry is made
when it is read), the screen shows a heading per month and one line per entry, its date,
its event and its brief's title; only the rows on screen are ever made, however long the
timeline. ``enter`` asks the app (``ItemChosen``) to show the entry in its
brief's summary.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from briefing.brief.dates import display_date
from briefing.catalog.timeline import LibraryTimeline, TimelineLine
from briefing.ui import render
from briefing.ui.bindings import bindings_for
from briefing.ui.messages import ItemChosen
from briefing.ui.pane import Pane
from briefing.ui.screens.lines import LinesScreen, date_column, flat


class TimelineRows:
    """The timeline as rows: month ``m`` is a blank row (but the first), its heading at row
    ``start + 2m``, then its entries; the rows are counted, never listed."""

    def __init__(self, timeline: LibraryTimeline) -> None:
        self.timeline = timeline
        self.months = timeline.months()
        self._headings = [month.start + 2 * number for number, month in enumerate(self.months)]

    def __len__(self) -> int:
        return len(self.timeline) + 2 * len(self.months) - 1 if self.months else 0

    def _month(self, row: int) -> int:
        return bisect_right(self._headings, row) - 1

    def _blank(self, row: int) -> bool:
        number = self._month(row) + 1
        return number < len(self._headings) and self._headings[number] == row + 1

    def heading(self, row: int) -> bool:
        return self._headings[self._month(row)] == row or self._blank(row)

    def entry(self, row: int) -> TimelineLine:
        """The entry on ``row`` (not a heading)."""
        return self.timeline[row - 2 * self._month(row) - 1]

    def line(self, row: int) -> Content:
        if self._blank(row):
            return Content("")
        if self.heading(row):
            month = self.months[self._month(row)]
            return Content(f"{month.label} ({month.count})")
        entry = self.entry(row)
        return Content.assemble(
            date_column(display_date(entry.date)),
            flat(entry.event),
            Content.styled(f"  {flat(entry.title)}", "dim"),
        )

    def chosen(self, row: int) -> ItemChosen:
        """The entry's brief, its timeline entry revealed in the summary."""
        entry = self.entry(row)
        return ItemChosen(entry.brief_id, Pane.SUMMARY, entry.index, "timeline")

    def whole(self, row: int) -> Content:
        if self.heading(row):
            return Content("")
        entry = self.entry(row)
        source = render.from_source(entry.source)
        return render.dated_event(
            entry.date, entry.event, Content.styled(f"{entry.title}{source}", "dim")
        )


def header(timeline: LibraryTimeline, briefs: int, total: int, query: str) -> Content:
    count = len(timeline)
    first = Content.assemble(
        Content.styled("Timeline ", "bold $text-accent"),
        Content.styled(f"{count:,} entr{'ies' if count != 1 else 'y'}", "bold"),
    )
    if briefs == total:
        second = f"of all {total:,} brief{'s' * (total != 1)}, by month"
    else:
        second = f"of {briefs:,} of {total:,} briefs"
        second += f" (filter: {flat(query)}), by month" if query.strip() else ", by month"
    return Content.assemble(first, "\n", Content.styled(second, "dim"))


class TimelineScreen(LinesScreen[TimelineRows]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("timeline")

    def __init__(
        self, timeline: LibraryTimeline, *, briefs: int, total: int, query: str = ""
    ) -> None:
        """``briefs`` of the library's ``total`` pass the filters ``query``."""
        super().__init__(
            TimelineRows(timeline),
            header(timeline, briefs, total, query),
            id="timeline",
            empty="No timeline entries in these briefs.",
        )
