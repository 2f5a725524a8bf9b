"""The main screen: the brief list, the four panes, and what each shows.

Panes report what the user did (highlighted, selected); the screen decides what the other
panes show. Layout and focus are in ``layout.py``, search in ``hits.py``: its bases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from briefing.brief.model import Brief
from briefing.ui import render
from briefing.ui.bindings import bindings_for
from briefing.ui.filtering import LibraryFilter
from briefing.ui.screens.filters import FilterActions
from briefing.ui.screens.layout import LATE_WIDGETS, PANES, PaneLayout
from briefing.ui.widgets.brieflist import BriefList
from briefing.ui.widgets.footer import KeysFooter
from briefing.ui.widgets.header import BriefHeader
from briefing.ui.widgets.panes import ActorsPane, ItemPane, QuestionsPane, QuotesPane
from briefing.ui.widgets.summary import SummaryPane

if TYPE_CHECKING:
    from briefing.store.library import Entry


class MainScreen(FilterActions, PaneLayout):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("main")
    AUTO_FOCUS = ""
    """Focus is given when the first brief arrives, to the list or the summary."""

    def __init__(self) -> None:
        super().__init__(id="main")
        self.entries: list[Entry] = []
        self.position: dict[str, int] = {}
        self.current: Entry | None = None
        self.still_loading = True
        self._resumed = False
        self.expected = 0
        """How many briefs the library holds, known before they have all loaded."""
        self.filter = LibraryFilter()
        """What the list shows and in what order: the reader's current selection."""

    def compose(self) -> ComposeResult:
        # Classes set now cost nothing; set after mount, each restyles the whole screen.
        self.set_class(True, "-single", update=False)
        self.set_class(True, *self.size_classes(*self.app.size), update=False)
        # Widgets the first frame hides (the problems banner, search, a broken brief's
        # problems, the narrow layout's tabs, the too-small message) are mounted after it,
        # or when first needed.
        yield BriefHeader()
        yield Static(Content("Loading the library…"), id="status", classes="-shown")
        with Horizontal(id="body"):
            yield BriefList()
            with Container(id="panes"):
                yield SummaryPane().set_class(True, "-current", update=False)
                yield ActorsPane()
                yield QuotesPane()
                yield QuestionsPane()
        yield KeysFooter()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual restyles every node when a screen is first shown, just after the mount
        styled them all (5 ms of the first frame): skipped. Later resumes are left to
        Textual as they are. Overrides a private handler: textual is pinned.
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        super()._on_screen_resume(event)

    def on_mount(self) -> None:
        self.query_one(BriefHeader).show_text("briefing", "Loading the library…")
        self._layout(*self.app.size)
        self.briefing_app.start_loading()
        self.call_after_refresh(self._mount_hidden)

    def _mount_hidden(self) -> None:
        if not self.is_attached:  # the app quit before its first frame was out
            return
        for name in LATE_WIDGETS:
            self.late_widget(name)

    def late_widget(self, name: str) -> Widget:
        """``#name``, one of ``LATE_WIDGETS``, mounted now if it is not there yet."""
        found = self.query(f"#{name}")
        if found:
            return found.first()
        widget: Widget
        if name == "banner":
            widget = self.briefing_app.make_banner()
            self.mount(widget, after=self.query_one(BriefHeader))
        elif name == "tabs":
            widget = Static(id="tabs", markup=False)
            self.mount(widget, before=self.query_one("#body"))
        elif name == "broken":
            from briefing.ui.widgets.broken import BrokenView  # a broken brief is rare

            widget = BrokenView()
            self.query_one("#body").mount(widget)
        elif name == "search":
            from briefing.ui.widgets.search import SearchPanel

            widget = SearchPanel(id="search")
            self.mount(widget, before=self.query_one(KeysFooter))
        else:
            widget = Static(id="too-small", markup=False)
            self.mount(widget, before=self.query_one(KeysFooter))
        return widget

    # -- widgets ---------------------------------------------------------------------------

    @property
    def brief_list(self) -> BriefList:
        return self.query_one(BriefList)

    @property
    def item_panes(self) -> tuple[ActorsPane, QuotesPane, QuestionsPane]:
        return (
            self.query_one(ActorsPane),
            self.query_one(QuotesPane),
            self.query_one(QuestionsPane),
        )

    @property
    def brief(self) -> Brief | None:
        return self.current.brief if self.current else None

    @property
    def many(self) -> bool:
        """Whether the library has (or, while loading, will have) more than one brief."""
        return max(self.expected, len(self.entries)) > 1

    # -- the library -----------------------------------------------------------------------

    def add_entries(self, entries: list[Entry], done: int, total: int) -> None:
        """A batch from the loading worker; the first brief shows as soon as it arrives."""
        start = len(self.entries)
        for offset, entry in enumerate(entries):
            self.position[entry.id] = start + offset
        self.entries.extend(entries)
        self.brief_list.add_rows(entries)
        self.expected = max(total, len(self.entries))
        self.set_class(not self.many, "-single")
        if done < total:
            self.set_status(f"Loading the library… {done:,} of {total:,} briefs")
        else:  # all here (a small library, read before the first frame): no progress line
            self.set_status("")
        if self.current is None and self.entries:
            self.show_entry(self.entries[0].id)
            if self.focused is None:  # unless the user has already moved somewhere
                self.focus_pane("briefs" if self.many else "summary")
        self._draw_tabs()

    def finish_loading(self) -> None:
        self.still_loading = False
        self.expected = len(self.entries)
        self.set_class(not self.many, "-single")
        self.set_status("")
        self.brief_list.border_subtitle = f"{len(self.entries):,}"
        self.draw_list_title()
        if not self.entries:
            self.show_nothing(
                "No briefs found", "Pass a file or folder of *.yaml briefs: briefing PATH"
            )
        self.refresh_bindings()

    def show_nothing(self, title: str, subtitle: str) -> None:
        """No brief to show (none found, or the last one went): no pane keeps an old one."""
        self.current = None
        self.set_class(True, "-empty")
        self.set_class(False, "-broken")
        self.query_one(BriefHeader).show_text(title, subtitle)
        if self.query("#banner"):  # mounted once a brief had problems
            from briefing.ui.widgets.banner import ErrorBanner

            self.query_one(ErrorBanner).clear()
        self._draw_tabs()
        self.refresh_bindings()

    def apply_changes(self, changed: list[Entry], order: list[Entry]) -> None:
        """Entries reloaded, added or removed on disk; keep the user's place where it exists."""
        self.set_rows(self.visible_rows(order), changed)
        self.refresh_search()
        self.library_changed()

    def set_rows(self, order: Sequence[Entry], changed: Sequence[Entry] = ()) -> None:
        """The list shows ``order``; the brief on screen stays where it is still listed."""
        ids = [e.id for e in order]
        if ids != [e.id for e in self.entries]:
            self.entries = list(order)
            self.position = {e.id: i for i, e in enumerate(self.entries)}
            self.brief_list.set_rows(self.entries)
            if self.current is not None and self.current.id in self.position:
                # Rows moved round it (a file added or removed before it): follow the brief.
                self.brief_list.highlighted = self.position[self.current.id]
            self.expected = len(self.briefing_app.keeper.entries)  # filtered or not
            self.set_class(not self.many, "-single")
        else:
            self.entries = list(order)
            for entry in changed:
                if entry.id in self.position:  # not when the filters leave it out
                    self.brief_list.replace_row(self.position[entry.id], entry)
        self.brief_list.border_subtitle = f"{len(self.entries):,}"
        current = self.current.id if self.current else None
        if current is not None and current not in self.position:
            current = self.current = None
        if current is None:
            if self.entries:
                self.show_entry(self.entries[0].id)
            elif self.filter.filtered and self.briefing_app.keeper.entries:
                self.show_nothing("No brief passes the filters", "Escape clears them")
            elif not self.still_loading:
                self.show_nothing("No briefs left", "Their files were deleted or moved away")
        elif any(e.id == current for e in changed):
            self.show_entry(current, keep=True)

    # -- showing a brief -------------------------------------------------------------------

    def show_entry(self, ident: str, *, keep: bool = False) -> None:
        entry = self.briefing_app.entry(ident)
        if entry is None:
            return
        switching = self.current is None or self.current.id != ident
        self.current = entry
        self.brief_opened()  # a new brief, or this one's new content
        self.set_class(False, "-empty")
        index = self.position.get(ident)
        if index is not None and self.brief_list.highlighted != index:
            self.brief_list.highlighted = index
        self.briefing_app.update_banner(entry)
        header = self.query_one(BriefHeader)
        brief = entry.brief
        self.set_class(brief is None, "-broken")
        if brief is None:
            header.show_text(entry.id, "This brief could not be loaded")
            from briefing.ui.widgets.broken import BrokenView

            broken = self.late_widget("broken")
            assert isinstance(broken, BrokenView)
            broken.show_problems(self.briefing_app.keeper.display(entry.path), entry.problems)
            if self.pane in PANES:
                self.focus_pane("broken")
        else:
            if self.pane == "broken":
                self.focus_pane("summary")
            header.show_brief(brief)
            places = {p.id: p.key_of_highlight() for p in self.item_panes} if keep else {}
            self.summary.show_brief(brief)
            for pane in self.item_panes:
                pane.marked = None
                pane.show_brief(brief, keep=keep and not switching)
                if places.get(pane.id) is not None:
                    pane.restore(places[pane.id])
            self._cross_link()
        self._draw_tabs()
        self.refresh_bindings()

    def action_step_brief(self, step: int) -> None:
        if not self.entries:
            return
        at = self.position.get(self.current.id, 0) if self.current else 0
        target = self.entries[max(0, min(len(self.entries) - 1, at + step))]
        if self.current is None or target.id != self.current.id:
            self.show_entry(target.id)

    @on(BriefList.Highlighted, "#briefs")
    def _brief_highlighted(self, event: BriefList.Highlighted) -> None:
        # Setting ``highlighted`` from code (``[``/``]``) posts this message later; by then
        # another key may have moved on, and acting on the stale index would step back.
        if event.index != self.brief_list.highlighted:
            return
        if 0 <= event.index < len(self.entries):
            ident = self.entries[event.index].id
            if self.current is None or ident != self.current.id:
                self.show_entry(ident)

    @on(BriefList.Selected, "#briefs")
    def _brief_selected(self, event: BriefList.Selected) -> None:
        event.stop()
        self.focus_pane("summary")

    # -- cross-links and details -----------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#actors, #quotes")
    def _item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.focused is event.option_list:
            self._cross_link()

    def on_pane_focused(self) -> None:
        self._cross_link()

    def _cross_link(self) -> None:
        """An actor marks their quotes; a quote marks its speaker (whichever pane has focus)."""
        brief = self.brief
        actors, quotes, _questions = self.item_panes
        if brief is None:
            return
        if self.focused is actors and actors.highlighted is not None and brief.actors:
            actor = brief.actors[actors.highlighted]
            quotes.mark(actor.id)
            actors.mark(None)
            theirs = quotes.rows_of(brief, actor.id)
            if theirs and quotes.highlighted not in theirs:
                quotes.highlighted = theirs[0]
            count = len(brief.quotes_by(actor.id))
            quotes.border_subtitle = Content(
                f"{render.MARK} {count} by {actor.name}" if count else f"none by {actor.name}"
            )
            actors.border_subtitle = ""
        elif self.focused is quotes and quotes.highlighted is not None and brief.quotes:
            quote = brief.quotes[quotes.highlighted]
            actors.mark(quote.speaker)
            quotes.mark(None)
            speaker = actors.rows_of(brief, quote.speaker)
            if speaker:
                actors.highlighted = speaker[0]
            actors.border_subtitle = Content(f"{render.MARK} {brief.speaker_name(quote)}")
            quotes.border_subtitle = ""

    @on(OptionList.OptionSelected, "#actors, #quotes, #questions")
    def _item_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pane = event.option_list
        if isinstance(pane, ItemPane) and self.brief is not None:
            self.briefing_app.open_details(self.brief, pane.pane, event.option_index)

    def selected_item(self) -> tuple[str, int] | None:
        """(pane, index) of the item under the cursor in the focused pane, if any."""
        focused = self.focused
        if isinstance(focused, ItemPane) and focused.brief and focused.highlighted is not None:
            return focused.pane, focused.highlighted
        return None

    def action_copy_item(self) -> None:
        brief = self.brief
        if brief is None:
            return
        item = self.selected_item()
        if isinstance(self.focused, ItemPane) and item is None:
            self.notify("Nothing selected to copy.", severity="warning")
        elif item is None:
            self.briefing_app.copy_text(render.copy_summary(brief), "the summary")
        else:
            self.briefing_app.copy_item(brief, *item)

    def action_source(self) -> None:
        item = self.selected_item()
        if self.brief is not None and item is not None and item[0] == "quotes":
            self.briefing_app.open_source(self.brief, item[1])

    def action_edit(self) -> None:
        entry = self.current
        if entry is None:
            return
        line = 1
        item = self.selected_item()
        if entry.brief is None:
            line = min((p.line for p in entry.problems), default=1)
        elif item is not None:
            pane, index = item
            line = ItemPane.item_line(entry.brief, pane, index)
        elif self.pane == "summary":
            line = entry.brief.lines.get("summary", 1)
        self.briefing_app.edit_entry(entry, line)

    def action_reload(self) -> None:
        self.briefing_app.reload_library()

    def action_problems(self) -> None:
        if self.current is not None:
            self.briefing_app.open_problems(self.current)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # a priority key: in the box, "/" must reach it as text
            in_box = self.focused is not None and self.focused.id == "search-input"
            return not in_box and not self.has_class("-tiny")
        if action == "problems":
            return self.current is not None and bool(self.current.problems)
        if action == "step_hit":
            return bool(self.hits)
        if action == "clear_search":
            return bool(self.hits) or bool(self.search_text.strip())
        if action == "edit":
            return self.current is not None
        if action == "step_brief":
            return self.many
        return True
