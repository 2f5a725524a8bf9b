"""The Summary pane: the brief's Markdown summary, then its timeline and discrepancies.

Textual's Markdown widget mounts a widget per block, and its cost grows faster than the
text (a long summary takes seconds), so only the selected brief is rendered, and a summary
over ``MARKDOWN_LIMIT`` is shown as plain text in a ``PlainText``, which wraps it once per
width and draws only the lines on screen. The Markdown module itself is imported on first
use, after the first frame, so it never delays the first paint.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

import textual.widgets
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.visual import Visual
from textual.widget import MountError, Widget
from textual.widgets import Static

from briefing import ui
from briefing.brief.dates import short_date
from briefing.brief.model import Brief, Discrepancy, TimelineEntry
from briefing.ui import widgets
from briefing.ui.bindings import bindings_for
from briefing.ui.pane import Pane
from briefing.ui.render import Hanging, Stacked

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widgets import Markdown

    from briefing.ui.widgets.plaintext import PlainText

SETTLE_DELAY = 0.08
"""Seconds a brief must stay selected before its summary renders (Markdown is slow)."""

MARKDOWN_LIMIT = 16_000
"""Summaries longer than this (characters) are shown as plain text: see the module doc."""

DATE_WIDTH = 12
"""Columns for a timeline date and the gap after it."""


def timeline_content(brief: Brief, entry: TimelineEntry) -> Hanging:
    """The date in a column of its own, the event (and its source) beside it."""
    source = brief.source(entry.source)
    tail = Content.styled(f"  ({source.label if source else entry.source})", "dim")
    date = Content.styled(short_date(entry.date), "bold")
    body = Content.assemble(entry.event, tail if entry.source else "")
    return Hanging(date, body, indent=DATE_WIDTH)


def discrepancy_content(brief: Brief, item: Discrepancy) -> Stacked:
    """The topic, then what each source says, as a hanging list."""
    parts: list[Visual] = [Content.styled(item.topic, "bold")]
    for account in item.accounts:
        source = brief.source(account.source)
        label = source.label if source else account.source
        says = Content.assemble(Content.styled(label, "$text-accent"), ": ", account.says)
        parts.append(Hanging(Content("  • "), says, indent=4))
    return Stacked(parts)


def plain_document(brief: Brief) -> tuple[str, dict[tuple[str, int], int]]:
    """The whole pane as one text, and the line each timeline/discrepancy item starts on."""
    lines = brief.summary.rstrip("\n").split("\n")
    where: dict[tuple[str, int], int] = {}
    if brief.timeline:
        lines += ["", "Timeline", ""]
        for index, entry in enumerate(brief.timeline):
            where["timeline", index] = len(lines)
            lines += timeline_content(brief, entry).plain.split("\n")
    if brief.discrepancies:
        lines += ["", "Discrepancies", ""]
        for index, item in enumerate(brief.discrepancies):
            where["discrepancy", index] = len(lines)
            lines += [*discrepancy_content(brief, item).plain.split("\n"), ""]
    return "\n".join(lines), where


class SummaryScroll(VerticalScroll, can_focus=True):
    """The scrolling body for summaries small enough to render as Markdown."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("summary")


class SummaryPane(Vertical):
    """Holds either the Markdown view or the plain-text view of the selected brief."""

    pane: ClassVar[Pane] = Pane.SUMMARY
    SECTIONS: ClassVar[tuple[str, ...]] = ("timeline", "discrepancy")
    """The items after the summary a search hit can reveal (``reveal``), by search kind."""

    def __init__(self) -> None:
        super().__init__(id="summary", classes="pane")
        self.border_title = "1 Summary"
        self.brief: Brief | None = None
        self.rendered: str | None = None
        """The summary text the Markdown view shows now (None while it renders)."""
        self._plain_lines: dict[tuple[str, int], int] = {}
        self.entries: dict[tuple[str, int], Static] = {}
        """The widget of each timeline entry and discrepancy, for search hits to reveal."""
        self._markdown: Markdown | None = None
        self._text: PlainText | None = None
        self._timer: Timer | None = None
        self._pending_reveal: tuple[str, int] | None = None
        self._lock = asyncio.Lock()
        """One render at a time; a render that finds a newer brief waiting gives way."""

    def compose(self) -> ComposeResult:
        with SummaryScroll(id="summary-scroll"):
            yield Static(id="summary-plain", markup=False)
            yield Vertical(id="summary-extra")

    @property
    def plain_mode(self) -> bool:
        return self.brief is not None and len(self.brief.summary) > MARKDOWN_LIMIT

    @property
    def scroll(self) -> SummaryScroll:
        return self.query_one(SummaryScroll)

    def focus_target(self) -> VerticalScroll | PlainText:
        if self.plain_mode and self._text is not None:
            return self._text
        return self.query_one(SummaryScroll)

    def show_brief(self, brief: Brief) -> None:
        """Show ``brief`` after ``SETTLE_DELAY``: holding ``j`` in the list renders once."""
        self.brief = brief
        self.rendered = None
        self._pending_reveal = None
        if self._timer is not None:
            self._timer.stop()
        if self._markdown is None and not self.plain_mode:
            # First paint: the text now, plain; Markdown once the first frame is out.
            self.query_one("#summary-plain", Static).update(Content(brief.summary))
            self.call_after_refresh(self._render_soon)
        elif self._markdown is None and self._text is None:
            self._show_plain(brief)  # first paint too: plain text needs no Markdown
        else:
            self._timer = self.set_timer(SETTLE_DELAY, self._render_current)

    def _render_soon(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.02, self._render_current)

    async def _render_current(self) -> None:
        try:
            await self._render_summary()
        except (MountError, NoMatches):
            # Mounting fails once the app is exiting (a hang-up, a signal or q while this
            # rendered): the screen is taken down from its leaves, so the parts a render
            # mounts into can be gone while the pane is not. Anything else is a real error.
            if self._parts_attached():
                raise

    def _parts_attached(self) -> bool:
        """Whether the pane and the parts a render mounts into are all still in the DOM."""
        try:
            parts = (self.query_one(SummaryScroll), self.query_one("#summary-extra", Vertical))
        except NoMatches:
            return False
        return self.is_attached and all(part.is_attached for part in parts)

    async def _render_summary(self) -> None:
        async with self._lock:
            brief = self.brief
            if brief is None or self.rendered == brief.summary:
                return
            if self.plain_mode:
                self._show_plain(brief)
                return
            scroll = self.query_one(SummaryScroll)
            scroll.display = True
            if self._text is not None:
                self._text.display = False
            extra = self.query_one("#summary-extra", Vertical)
            await extra.remove_children()
            self.entries = {}
            await extra.mount_all(self._sections(brief))
            if self._markdown is None:
                # Textual's widgets package imports each widget when first read.
                self._markdown = textual.widgets.Markdown(id="summary-markdown", open_links=False)
                await scroll.mount(self._markdown, before=0)
            await self._markdown.update(brief.summary)
            self.query_one("#summary-plain", Static).display = False
            scroll.scroll_home(animate=False)
            if self.brief is brief:
                self.rendered = brief.summary
                if self._pending_reveal is not None:
                    self.call_after_refresh(self._reveal, *self._pending_reveal)
                    self._pending_reveal = None

    def _sections(self, brief: Brief) -> list[Static]:
        widgets: list[Static] = []
        if brief.timeline:
            widgets.append(
                Static(Content.styled("Timeline", "bold $text-primary"), classes="section")
            )
            for index, entry in enumerate(brief.timeline):
                widget = Static(timeline_content(brief, entry), classes="entry")
                self.entries["timeline", index] = widget
                widgets.append(widget)
        if brief.discrepancies:
            title = Content.styled("Discrepancies between sources", "bold $text-primary")
            widgets.append(Static(title, classes="section"))
            for index, item in enumerate(brief.discrepancies):
                widget = Static(discrepancy_content(brief, item), classes="entry gap")
                self.entries["discrepancy", index] = widget
                widgets.append(widget)
        return widgets

    def _show_plain(self, brief: Brief) -> None:
        text, self._plain_lines = plain_document(brief)
        if self._text is None:
            self._text = widgets.PlainText(id="summary-text")  # huge summaries only
            self.mount(self._text)
        self._text.display = True
        self._text.load_text(text)
        self.query_one(SummaryScroll).display = False
        self.rendered = brief.summary

    def reveal(self, kind: str, index: int) -> None:
        """Scroll a timeline entry or discrepancy into view and mark it, for a search hit.

        Deferred a frame (when narrow, the pane was hidden until now and has no layout), or
        until the brief's render is done when it has just been selected.
        """
        if self.brief is not None and self.rendered == self.brief.summary:
            self.call_after_refresh(self._reveal, kind, index)
        else:
            self._pending_reveal = (kind, index)

    def _reveal(self, kind: str, index: int, tries: int = 5) -> None:
        scroller: Widget = self._text if self.plain_mode and self._text else self.scroll
        if not scroller.region and tries:  # just shown: no layout yet, so nowhere to scroll
            self.call_after_refresh(self._reveal, kind, index, tries - 1)
            return
        if self.plain_mode and self._text is not None:
            line = self._plain_lines.get((kind, index))
            if line is not None:
                self._text.scroll_to(y=self._text.row_of(line), animate=False)
            return
        target = self.entries.get((kind, index))
        if target is None:
            return
        if not target.size.height and tries:  # just mounted: no place to scroll to yet
            self.call_after_refresh(self._reveal, kind, index, tries - 1)
            return
        for old in self.query(".entry.-hit"):
            old.remove_class("-hit")
        target.add_class("-hit")
        self._show_hit(target)

    def _show_hit(self, target: Widget, again: bool = True) -> None:
        """Scroll ``target`` to the top now, and once more after the next frame: the
        Markdown above it may still be laying out its blocks, and push it down."""
        if not target.is_attached or not target.has_class("-hit"):
            return  # another brief or another hit since
        self.scroll.scroll_to_widget(target, animate=False, top=True)
        if again:
            self.call_after_refresh(self._show_hit, target, False)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Open only web links: a brief is untrusted, and ``file:`` or custom schemes are not."""
        event.stop()
        ui.open_web_link(self, event.href)
