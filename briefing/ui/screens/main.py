"""The main screen: the brief list, the four panes, and what each shows.

The screen is given the library (``LibraryView``) and the keymap; it never calls the app.
The app tells it when entries arrive or change (:meth:`entries_added`,
:meth:`entries_changed`, :meth:`finish_loading`); effects outside the screen (the
editor, a reload, the clipboard, other screens) are messages it posts
(``briefing.ui.messages``).

Panes report what the user did (highlighted, selected); the screen decides what the other
panes show. Which pane has the user is a ``PaneRing``; search is the ``SearchPanel`` and
the controller it owns. Layout follows the terminal size: all panes at once when wide,
one pane with a tab strip when narrow, a plain message when too small to be readable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from briefing import ui
from briefing.brief.model import Brief
from briefing.ui import render, screens, widgets
from briefing.ui.bindings import bindings_for, key_display
from briefing.ui.filtering import EXCLUDE_AFTER, FilterChanged, FilteredSearch
from briefing.ui.messages import (
    CopyRequested,
    DetailsRequested,
    EditRequested,
    ProblemsRequested,
    ReloadRequested,
    SourceRequested,
)
from briefing.ui.pane import BRIEF_PANES, Pane, PaneRing
from briefing.ui.screens import across
from briefing.ui.screens.filters import ListFilter, OpenedMarks, Reading
from briefing.ui.widgets.brieflist import BriefList
from briefing.ui.widgets.footer import KeysFooter
from briefing.ui.widgets.header import BriefHeader
from briefing.ui.widgets.panes import ActorsPane, ItemPane, QuestionsPane, QuotesPane
from briefing.ui.widgets.summary import SummaryPane

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing.catalog.build import LibraryCatalog
    from briefing.search.items import Hit
    from briefing.store.library import Entry
    from briefing.ui.library import LibraryView
    from briefing.ui.widgets.search import SearchPanel

W = TypeVar("W", bound=Widget)

MIN_SIZE = (50, 14)
"""Below this the screen says it is too small instead of drawing unreadable panes."""
WIDE_SIZE = (100, 28)
"""From this size up, the list and all four panes are shown at once."""


class Late(NamedTuple):
    """A widget the first frame hides: how to build it and where it goes when mounted."""

    build: Callable[[MainScreen], Widget]
    parent: str | None = None
    """Selector of the container it is mounted in; None for the screen itself."""
    before: str | None = None
    after: str | None = None


def size_classes(width: int, height: int) -> list[str]:
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        return ["-tiny"]
    if width < WIDE_SIZE[0] or height < WIDE_SIZE[1]:
        return ["-narrow"]
    return []


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("main")
    AUTO_FOCUS = ""
    """Focus is given when the first brief arrives, to the list or the summary."""

    def __init__(
        self,
        library: LibraryView,
        *,
        keymap: Mapping[str, str] | None = None,
        reading: Reading | None = None,
    ) -> None:
        super().__init__(id="main")
        self.library = library
        self.reading = reading
        """What has been read, for the list's marks (none: no marks)."""
        self.lists = ListFilter(library)
        """The entries the list shows, under the filters, in the chosen order."""
        self.filter = self.lists.filter
        """What the list shows and in what order: the reader's current selection. Screens
        showing "the briefs passing the filters" are given it; ``FilterChanged`` follows."""
        self.opened = OpenedMarks(
            reading, self.set_timer, lambda: self.current if self.is_attached else None
        )
        self._late: dict[str, Widget] = {}
        self._composed: dict[type[Widget] | str, Widget] = {}
        self._status_shown: object = None
        self._exclusions: Timer | None = None
        """Set while typed ``-words`` wait for the box to be still (``EXCLUDE_AFTER``)."""
        """What the status line shows (its text and styles), to leave it be when unchanged."""
        """The late widgets mounted so far, by id: found without a query of the screen."""
        self.keymap = dict(keymap or {})
        """The user's key remapping (binding id -> keys), for keys named on screen."""
        self.ring = PaneRing()
        self.current: Entry | None = None
        self.still_loading = True
        self._resumed = False
        self.expected = 0
        """How many briefs the library holds, known before they have all loaded."""

    def compose(self) -> ComposeResult:
        # The first frame is built in its final shape: the library already holds what the
        # first screen shows, so the classes, the status line and the pane the user starts
        # in are known now. Classes set now cost nothing; set after mount, each restyles
        # the whole screen at once.
        order = self.library.order
        self.expected = max(self.library.total, len(order))
        if any(entry.brief is not None for entry in order):  # the pane entries_added picks
            self.ring.current = Pane.BRIEFS if self.many else Pane.SUMMARY
        on_list = self.pane is Pane.BRIEFS
        self.set_class(not self.many, "-single", update=False)
        self.set_class(on_list, "-on-list", update=False)
        self.set_class(True, *size_classes(*self.app.size), update=False)
        progress = _progress(len(order), self.library.total)
        # Widgets the first frame hides (LATE_WIDGETS) are mounted after it.
        yield BriefHeader()
        yield Static(Content(progress), id="status", classes="-shown" if progress else "")
        with Horizontal(id="body"):
            yield BriefList().set_class(on_list, "-current", update=False)
            with Container(id="panes"):
                yield SummaryPane().set_class(not on_list, "-current", update=False)
                yield ActorsPane()
                yield QuotesPane()
                yield QuestionsPane()
        yield KeysFooter()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual restyles every node when a screen is first shown, just after the mount
        styled them all: skipped. Later resumes are left to Textual as they are.

        A private handler (docs/textual-private-api.md): Textual calls each class's handler
        in turn, so ``Screen._on_screen_resume`` runs after this one, with the flag set here.
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        if not self.library.order:  # else the first brief's header is drawn at once
            self.query_one(BriefHeader).show_text("briefing", "Loading the library…")
        self._layout(*self.app.size)
        # What the library already holds (the index's first screen) is shown now, so the
        # first frame is complete.
        self.entries_added(len(self.library.order), self.library.total)

    def mount_hidden(self) -> None:
        """Mount every widget the first frame hid (the app calls this once it is drawn);
        until then each is mounted when first needed."""
        if not self.is_attached:  # the app quit before its first frame was out
            return
        for name in LATE_WIDGETS:
            self.late_widget(name)

    def late_widget(self, name: str) -> Widget:
        """``#name``, one of ``LATE_WIDGETS``, mounted now if it is not there yet."""
        widget = self._late.get(name)
        if widget is not None:
            return widget
        found = self.query(f"#{name}")
        if found:
            widget = self._late[name] = found.first()
            return widget
        late = LATE_WIDGETS[name]
        widget = self._late[name] = late.build(self)
        parent = self if late.parent is None else self.query_one(late.parent)
        parent.mount(widget, before=late.before, after=late.after)
        return widget

    # -- widgets ---------------------------------------------------------------------------

    def _one(self, kind: type[W], selector: str | None = None) -> W:
        """The screen's one widget of ``kind`` (or ``selector``): composed with it and there
        as long as it is, so found once (a query walks every widget, and a typed key may
        show another brief)."""
        key = selector or kind
        found = self._composed.get(key)
        if found is None:
            found = self.query_one(selector, kind) if selector else self.query_one(kind)
            self._composed[key] = found
        assert isinstance(found, kind)
        return found

    @property
    def brief_list(self) -> BriefList:
        return self._one(BriefList)

    @property
    def summary(self) -> SummaryPane:
        return self._one(SummaryPane)

    @property
    def item_panes(self) -> tuple[ActorsPane, QuotesPane, QuestionsPane]:
        return (self._one(ActorsPane), self._one(QuotesPane), self._one(QuestionsPane))

    def item_pane(self, pane: Pane) -> ItemPane:
        return next(p for p in self.item_panes if p.pane is pane)

    def pane_widget(self, name: str) -> Widget:
        return self.late_widget(name) if name in LATE_WIDGETS else self._one(Widget, f"#{name}")

    def _pane_if_mounted(self, name: str) -> Widget | None:
        """The pane's widget, or None for one mounted late and not yet."""
        return self._late.get(name) if name in LATE_WIDGETS else self._one(Widget, f"#{name}")

    @property
    def search_panel(self) -> SearchPanel:
        panel = self.late_widget("search")
        assert isinstance(panel, widgets.SearchPanel)
        return panel

    def _search_panel_if_mounted(self) -> SearchPanel | None:
        panel = self._late.get("search")
        if panel is None:  # nothing searched yet: and no import of the panel's module for it
            return None
        assert isinstance(panel, widgets.SearchPanel)
        return panel

    @property
    def hits(self) -> Sequence[Hit]:
        panel = self._search_panel_if_mounted()
        return panel.search.hits if panel is not None else ()

    @property
    def brief(self) -> Brief | None:
        return self.current.brief if self.current else None

    @property
    def entries(self) -> Sequence[Entry]:
        """The entries the list shows, in order (``ListFilter.entries``)."""
        return self.lists.entries

    @property
    def position(self) -> Mapping[str, int]:
        return self.lists.position

    @property
    def many(self) -> bool:
        """Whether the library has (or, while loading, will have) more than one brief."""
        return max(self.expected, len(self.library.order)) > 1

    @property
    def pane(self) -> Pane:
        """The pane the user is in (the one shown when narrow)."""
        return self.ring.current

    def set_status(self, text: str | Content) -> None:
        # Content compares its text alone: its styles count here too.
        shown = text if isinstance(text, str) else (text.plain, tuple(text.spans))
        if shown == self._status_shown:  # as at most keys: nothing to draw again
            return
        self._status_shown = shown
        status = self._one(Static, "#status")
        status.update(text)
        status.set_class(bool(text), "-shown")

    # -- the library, as the app reports it ------------------------------------------------

    def entries_added(self, done: int, total: int) -> None:
        """Entries arrived at the end of the library; the first brief shows at once."""
        order = self.library.order
        self.brief_list.add_rows(order[self.brief_list.row_count :])
        self.expected = max(total, len(order))
        self.set_class(not self.many, "-single")
        self.set_status(_progress(done, total))
        if self.current is None and order:
            # The first that loaded: a broken file first in its folder is no brief to open on.
            first = next((e for e in order if e.brief is not None), order[0])
            self.show_entry(first.id)
            if self.focused is None:  # unless the user has already moved somewhere
                self.focus_pane(Pane.BRIEFS if self.many else Pane.SUMMARY)
        self._draw_tabs()

    def finish_loading(self) -> None:
        order = self.library.order
        self.still_loading = False
        self.expected = len(order)
        self.set_class(not self.many, "-single")
        self.set_status("")
        self.brief_list.border_subtitle = f"{len(order):,}"
        self.draw_list_title()
        if not order:
            self.show_nothing(
                "No briefs found", "Pass a file or folder of *.yaml briefs: briefing PATH"
            )
        self.refresh_bindings()

    def show_nothing(self, title: str, subtitle: str) -> None:
        """No brief to show (none found, or the last one went): no pane keeps an old one."""
        self.current = None
        self._show_empty(True)
        self.set_class(False, "-broken")
        self._one(BriefHeader).show_text(title, subtitle)
        if "banner" in self._late:  # mounted once a brief had problems
            self.query_one(widgets.ErrorBanner).clear()
        self._draw_tabs()
        self.refresh_bindings()

    def entries_changed(self, changed: Sequence[Entry], *, moved: bool) -> None:
        """Entries reloaded, added or removed on disk (``moved``: the order is not the one
        shown); keep the user's place where it exists."""
        if self.filter.ready:
            moved = self.lists.refilter()
        self.set_rows(changed, moved=moved)
        panel = self._search_panel_if_mounted()
        if panel is not None and panel.search.text.strip():
            panel.rerun()
            self._hit_status()
            self.refresh_bindings()
        self.library_changed()

    def set_rows(self, changed: Sequence[Entry] = (), *, moved: bool = True) -> None:
        """The list shows :attr:`entries` (``moved``: other rows, or in another order; else
        ``changed`` are redrawn); the brief on screen stays where it is still listed."""
        order, positions = self.entries, self.position
        if moved:
            self.brief_list.set_rows(order, changed)
            if self.current is not None and self.current.id in positions:
                # Rows moved round it (a file added or removed before it): follow the brief.
                self.brief_list.highlighted = positions[self.current.id]
            self.expected = len(self.library.order)  # filtered or not
            self.set_class(not self.many, "-single")
        else:
            for entry in changed:
                if entry.id in positions:  # not when the filters leave it out
                    self.brief_list.replace_row(positions[entry.id], entry)
        self.brief_list.border_subtitle = f"{len(order):,}"
        current = self.current.id if self.current else None
        if current is not None and current not in positions:
            current = self.current = None
        if current is None:
            if order:
                self.show_entry(order[0].id)
            elif self.filter.filtered and self.library.order:
                self.show_nothing("No brief passes the filters", "Escape clears them")
            elif not self.still_loading:
                self.show_nothing("No briefs left", "Their files were deleted or moved away")
        elif any(e.id == current for e in changed):
            self.show_entry(current, keep=True)

    # -- the list under the filters (``ListFilter``) ----------------------------------------

    def show_rows(self) -> None:
        """The query or the order changed: the list again, the user's brief kept if shown."""
        if self.lists.refilter():
            self.set_rows()
        self.draw_list_title()
        self.post_message(FilterChanged(self.filter))

    def library_changed(self) -> None:
        """Briefs were reloaded, added or removed: the selection may differ."""
        if self.filter.ready:
            self.draw_list_title()
            self.post_message(FilterChanged(self.filter))

    def draw_list_title(self) -> None:
        title = self.lists.title()
        if self.brief_list.border_title != title:  # a title set redraws the whole list
            self.brief_list.border_title = title

    def adopt_catalog(self, catalog: LibraryCatalog, *, open_first: bool = False) -> None:
        """The catalog is built: the list sorted, filtered by what was typed meanwhile, and
        marked; the brief on screen counts as opened from now. ``open_first``: the brief on
        screen becomes the first of the sorted list."""
        self.filter.adopt(catalog)
        if self.reading is not None:
            self.brief_list.marks = self.reading.status
            self.brief_list.redraw()
        panel = self._search_panel_if_mounted()
        if panel is not None and panel.search.text.strip():
            panel.run(panel.search.text)  # its filters apply now
        self.show_rows()
        # The first row that loaded, as at the start: a broken file is no brief to open on.
        first = next((e.id for e in self.entries if e.source is not None), None)
        if open_first and first is not None and self.current and self.current.id != first:
            self.show_entry(first)  # which counts it as opened
        else:
            self.brief_opened()

    def query_ran(self) -> None:
        """The search box's query ran: its mistakes, the briefs it lets through."""
        self.search_panel.show_filter(self.lists.problems(), self.lists.briefs_line())
        if self.lists.stale():
            self.show_rows()
        self.draw_list_title()
        if self._exclusions is not None:
            self._exclusions.stop()
            self._exclusions = None
        if self.filter.pending and self.filter.ready:
            self._exclusions = self.set_timer(EXCLUDE_AFTER, self._apply_exclusions)

    def _apply_exclusions(self) -> None:
        """The box has been still: its ``-words`` apply, to the list and to the hits."""
        self._exclusions = None
        panel = self._search_panel_if_mounted()
        if panel is None or not self.is_attached:
            return
        self.filter.apply_exclusions()
        panel.rerun()  # the hits kept to the briefs left
        self.query_ran()
        self._hit_status()
        self.refresh_bindings()

    def on_search_panel_go_to_list(self, event: SearchPanel.GoToList) -> None:
        """Enter with filters but no hit to go to: on to the narrowed list."""
        event.stop()
        if self.filter.filtered:
            self.remove_class("-searching")
            self.focus_pane("briefs" if self.many else "summary")
            self._hit_status()

    def action_cycle_sort(self) -> None:
        if not self.filter.ready:
            self.notify("The list can be sorted once the library has loaded.", timeout=2)
            return
        self.filter.cycle_sort()
        self.show_rows()

    def action_facets(self) -> None:
        catalog = self.filter.catalog
        if catalog is None:
            self.notify("Facets are ready once the library has loaded.", timeout=2)
            return
        found = ui.count_facets(catalog, self.filter.selection if self.filter.filtered else None)
        self.app.push_screen(screens.FacetsScreen(found, self.filter.text), self.add_filter)

    def add_filter(self, query: str | None) -> None:
        """A facet was chosen: its filter joins the query, and the list narrows."""
        if not query:
            return
        panel = self.search_panel
        panel.set_text(self.lists.with_filter(panel.search.text, query))
        # After the facets screen has gone: focus set now would be on that screen.
        self.call_after_refresh(self.focus_pane, "briefs" if self.many else "summary")

    def action_mark_all_seen(self) -> None:
        if not self.filter.ready or self.reading is None:
            self.notify("What is new is known once the library has loaded.", timeout=2)
            return
        if not self.reading.mark_all_seen(list(self.library.order)):
            self.notify("Nothing new: every brief is marked read.", timeout=2)

    def seen_changed(self, count: int, notice: str | None) -> None:
        """Briefs were marked read (in a worker): marks redrawn; ``is:new`` reselects only
        when the user asked for everything, never under the brief being read."""
        if not self.is_attached:  # the app is closing
            return
        self.brief_list.redraw()
        if count > 1:
            self.notify(f"{count:,} briefs marked read.", timeout=2)
            panel = self._search_panel_if_mounted()
            if self.filter.filtered and panel is not None:
                panel.run(panel.search.text)
        if notice:
            self.notify(notice, title="Reading state", severity="warning", markup=False)

    def brief_opened(self) -> None:
        """The brief on screen changed: it counts as read if the user stays on it."""
        self.opened.opened(ready=self.filter.ready)

    # -- showing a brief -------------------------------------------------------------------

    def show_entry(self, ident: str, *, keep: bool = False) -> None:
        entry = self.library.entry(ident)
        if entry is None:
            return
        switching = self.current is None or self.current.id != ident
        self.current = entry
        self.brief_opened()  # a new brief, or this one's new content
        self._show_empty(False)
        index = self.position.get(ident)
        if index is not None and self.brief_list.highlighted != index:
            self.brief_list.highlighted = index
        self._show_banner(entry)
        header = self._one(BriefHeader)
        brief = entry.brief
        self.set_class(brief is None, "-broken")
        if brief is None:
            header.show_text(entry.id, "This brief could not be loaded")
            broken = self.late_widget("broken")
            assert isinstance(broken, widgets.BrokenView)
            broken.show_problems(self.library.display(entry.path), entry.problems)
            if self.pane in BRIEF_PANES:
                self.focus_pane(Pane.BROKEN)
        else:
            if self.pane is Pane.BROKEN:
                self.focus_pane(Pane.SUMMARY)
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

    def _show_empty(self, empty: bool) -> None:
        """Hide the panes while there is no brief to show (``-empty``).

        Not by a CSS rule on the screen's class: a class set on the screen restyles every
        widget on it, and a filter typed letter by letter ("tag:s", "tag:sa" ...) empties
        the list and fills it again. The panes alone are hidden, by their own style."""
        if self.has_class("-empty") == empty:
            return
        self.set_class(empty, "-empty", update=False)
        panes = self._one(Container, "#panes")
        if empty:
            panes.styles.display = "none"
        else:
            panes.styles.clear_rule("display")  # the stylesheet decides again

    def _show_banner(self, entry: Entry) -> None:
        """The problems banner over a brief with problems (mounted when first needed)."""
        clean = entry.brief is None or not entry.problems
        if clean and "banner" not in self._late:  # mounted when first needed
            return
        banner = self.late_widget("banner")
        assert isinstance(banner, widgets.ErrorBanner)
        if clean:
            banner.clear()
            return
        banner.show_problems(
            entry.problems,
            self.library.display(entry.path),
            list_key=key_display("briefing.problems", self.keymap, self.app.get_key_display),
            showing_last_good=entry.stale,
        )

    def jump_to_item(self, brief_id: str, pane: Pane, index: int, section: str = "") -> None:
        """Show ``brief_id`` with item ``index`` of ``pane`` selected; in the summary, the
        timeline entry or discrepancy ``section`` number ``index`` revealed."""
        if self.current is None or self.current.id != brief_id:
            self.show_entry(brief_id)
        if self.current is None or self.current.brief is None:
            return
        self.focus_pane(pane)
        if pane is Pane.SUMMARY:
            if section:
                self.summary.reveal(section, index)
            return
        item_pane = self.item_pane(pane)
        if 0 <= index < item_pane.option_count:
            item_pane.highlighted = index

    def action_step_brief(self, step: int) -> None:
        order = self.entries
        if not order:
            return
        at = self.position.get(self.current.id, 0) if self.current else 0
        target = order[max(0, min(len(order) - 1, at + step))]
        if self.current is None or target.id != self.current.id:
            self.show_entry(target.id)

    @on(BriefList.Highlighted, "#briefs")
    def _brief_highlighted(self, event: BriefList.Highlighted) -> None:
        # Setting ``highlighted`` from code (``[``/``]``) posts this message later; by then
        # another key may have moved on, and acting on the stale index would step back.
        if event.row != self.brief_list.highlighted:
            return
        order = self.entries
        if 0 <= event.row < len(order):
            ident = order[event.row].id
            if self.current is None or ident != self.current.id:
                self.show_entry(ident)

    @on(BriefList.Selected, "#briefs")
    def _brief_selected(self, event: BriefList.Selected) -> None:
        event.stop()
        self.focus_pane(Pane.SUMMARY)

    # -- layout ----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width, event.size.height)

    def _layout(self, width: int, height: int) -> None:
        classes = size_classes(width, height)
        tiny, narrow = "-tiny" in classes, "-narrow" in classes
        was_tiny = self.has_class("-tiny")
        self.set_class(tiny, "-tiny")
        self.set_class(narrow, "-narrow")
        self.query_one(KeysFooter).compact = narrow
        if narrow:
            self.late_widget("tabs")
        if tiny:
            if isinstance(self.focused, Input):
                self.set_focus(None)  # a hidden box would swallow the q that quits
            too_small = self.late_widget("too-small")
            assert isinstance(too_small, Static)
            too_small.update(
                Content.assemble(
                    Content.styled("Terminal too small", "bold"),
                    f"\n{width}x{height}, needs {MIN_SIZE[0]}x{MIN_SIZE[1]}.",
                    "\nEnlarge the window, or press q to quit.",
                )
            )
        elif was_tiny:
            self.call_after_refresh(self.focus_pane, self.pane)
        self._mark_current()

    def _mark_current(self) -> None:
        for pane in Pane:
            if (widget := self._pane_if_mounted(pane)) is not None:
                widget.set_class(pane is self.pane, "-current")
        self.set_class(self.pane is Pane.BRIEFS, "-on-list")
        self._draw_tabs()

    def _draw_tabs(self) -> None:
        parts = []
        for pane in self.cycle_order():
            text = f" {pane.key} {pane.label} " if pane.key else f" {pane.label} "
            parts.append(Content.styled(text, "reverse bold" if pane is self.pane else "dim"))
        tabs = self._late.get("tabs")  # mounted once first narrow
        if isinstance(tabs, Static):
            tabs.update(Content("│").join(parts))

    # -- panes and focus -------------------------------------------------------------------

    def cycle_order(self) -> list[Pane]:
        broken = self.current is not None and self.current.brief is None
        return self.ring.order(many=self.many, broken=broken)

    def focus_pane(self, name: str) -> None:
        pane = self.ring.landing(Pane(name), self.cycle_order())
        if pane is None:
            return
        self.ring.current = pane
        self._mark_current()
        widget = self.pane_widget(pane)
        target = widget.focus_target() if isinstance(widget, SummaryPane) else widget
        # Not ``target.focus()``: that is deferred behind keys already queued, so "2j"
        # typed fast would move the old pane.
        self.set_focus(target)

    def action_jump(self, name: str) -> None:
        self.focus_pane(name)

    def action_cycle(self, step: int) -> None:
        self.focus_pane(self.ring.step(self.cycle_order(), step))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Keep ``pane`` right when focus moves by mouse or by another screen's return."""
        node: Widget | None = event.widget
        while node is not None and not node.has_class("pane"):
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        if node is not None and node.id and node.id != self.pane:
            self.ring.current = Pane(node.id)
            self._mark_current()
        self._cross_link()

    # -- search ----------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.search_panel.input
        self.add_class("-searching")
        self.set_focus(box)

    # The search panel's messages are handled by name, not with ``@on``: the decorator
    # would import the panel's module with this one, before the first frame.

    def on_search_panel_hits_changed(self, event: SearchPanel.HitsChanged) -> None:
        event.stop()
        self.query_ran()
        self._hit_status()
        self.refresh_bindings()

    def on_search_panel_hit_chosen(self, event: SearchPanel.HitChosen) -> None:
        event.stop()
        self._go_to_hit(event.hit)

    def on_search_panel_close(self, event: SearchPanel.Close) -> None:
        event.stop()
        self.action_clear_search()

    def action_clear_search(self) -> None:
        self.search_panel.clear()
        self.remove_class("-searching")
        self.focus_pane(self.pane)

    def action_step_hit(self, step: int) -> None:
        panel = self._search_panel_if_mounted()
        hit = panel.step(step) if panel is not None else None
        if hit is not None:
            self._go_to_hit(hit)

    def _go_to_hit(self, hit: Hit) -> None:
        self.remove_class("-searching")
        section = hit.kind if hit.kind in SummaryPane.SECTIONS else ""
        self.jump_to_item(hit.brief_id, Pane.showing(hit.kind), hit.index, section)
        self._hit_status()

    def _hit_status(self) -> None:
        panel = self._search_panel_if_mounted()
        if panel is None or self.has_class("-searching"):
            self.set_status("")
        else:
            self.set_status(panel.search.status() or self.lists.status(searching=False))

    # -- cross-links -----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#actors, #quotes")
    def _item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.focused is event.option_list:
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

    # -- what the user asks of the selected item -------------------------------------------

    @on(OptionList.OptionSelected, "#actors, #quotes, #questions")
    def _item_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pane = event.option_list
        if isinstance(pane, ItemPane) and self.current is not None and self.brief is not None:
            self.post_message(
                DetailsRequested(self.current.id, self.brief, pane.pane, event.option_index)
            )

    def action_timeline(self) -> None:
        self.post_message(across.timeline(self.filter))

    def action_dossier(self) -> None:
        message = across.dossier(self.current, self.selected_item())
        if message is not None:
            self.post_message(message)
        else:
            self.notify(
                "A dossier is of an actor or of a quote's speaker: choose one in the Actors "
                "or the Quotes pane first.",
                title="Dossier",
            )

    def action_related(self) -> None:
        message = across.related(self.current)
        if message is not None:
            self.post_message(message)

    def selected_item(self) -> tuple[Pane, int] | None:
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
            self.post_message(CopyRequested(render.copy_summary(brief), "the summary"))
        else:
            self.post_message(CopyRequested(*render.copy_item(brief, *item)))

    def action_source(self) -> None:
        item = self.selected_item()
        if self.brief is not None and item is not None and item[0] is Pane.QUOTES:
            self.post_message(SourceRequested(self.brief, item[1]))

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
            line = pane.line_of(entry.brief, index)
        elif self.pane is Pane.SUMMARY:
            line = entry.brief.lines.get("summary", 1)
        self.post_message(EditRequested(entry.id, line))

    def action_reload(self) -> None:
        self.post_message(ReloadRequested())

    def action_problems(self) -> None:
        if self.current is not None:
            self.post_message(ProblemsRequested(self.current.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # a priority key: in the box, "/" must reach it as text
            in_box = self.focused is not None and self.focused.id == "search-input"
            return not in_box and not self.has_class("-tiny")
        if action == "problems":
            return self.current is not None and bool(self.current.problems)
        if action == "step_hit":
            return bool(self.hits)
        if action == "clear_search":
            panel = self._search_panel_if_mounted()
            return bool(self.hits) or (panel is not None and bool(panel.search.text.strip()))
        if action == "edit":
            return self.current is not None
        if action == "step_brief":
            return self.many
        if action in across.ACTIONS:
            return across.enabled(action, self.current)
        return True


def _progress(done: int, total: int) -> str:
    """The status line while the library loads; none once every brief is here (a small
    library is, before the first frame)."""
    return f"Loading the library… {done:,} of {total:,} briefs" if done < total else ""


LATE_WIDGETS: dict[str, Late] = {
    "banner": Late(lambda _screen: widgets.ErrorBanner(id="banner"), after="#header"),
    "tabs": Late(lambda _screen: Static(id="tabs", markup=False), before="#body"),
    "broken": Late(lambda _screen: widgets.BrokenView(), parent="#body"),
    "search": Late(
        lambda screen: widgets.SearchPanel(
            FilteredSearch(screen.library, screen.filter), id="search"
        ),
        before="KeysFooter",
    ),
    "too-small": Late(lambda _screen: Static(id="too-small", markup=False), before="KeysFooter"),
}
"""By id: mounted after the first frame, or when first needed (see :meth:`late_widget`)."""
