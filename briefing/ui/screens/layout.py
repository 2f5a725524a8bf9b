"""Layout by terminal size, and which pane has the user: the base of ``MainScreen``.

All panes at once when wide, one pane with a tab strip when narrow, a plain message when
too small to be readable. Focus moves with ``set_focus`` rather than ``widget.focus()``,
which is deferred behind keys already queued, so "2j" typed fast moves the right pane.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from briefing.ui.screens.hits import HitWalker
from briefing.ui.widgets.footer import KeysFooter
from briefing.ui.widgets.summary import SummaryPane

PANES = ("summary", "actors", "quotes", "questions")
MIN_SIZE = (50, 14)
"""Below this the screen says it is too small instead of drawing unreadable panes."""
WIDE_SIZE = (100, 28)
"""From this size up, the list and all four panes are shown at once."""
LABELS = {
    "briefs": ("0", "Briefs"),
    "summary": ("1", "Summary"),
    "actors": ("2", "Actors"),
    "quotes": ("3", "Quotes"),
    "questions": ("4", "Questions"),
    "broken": ("", "Problems"),
}
LATE_WIDGETS = ("banner", "tabs", "broken", "search", "too-small")
"""Ids of widgets the first frame hides: mounted after it, or when first needed."""


class PaneLayout(HitWalker):
    pane = "summary"
    """The pane the user is in (the one shown when narrow)."""

    @property
    def many(self) -> bool:
        """Whether the brief list is shown (more than one brief)."""
        raise NotImplementedError

    def on_pane_focused(self) -> None:
        """Focus moved into a pane, or within one; for cross-links."""

    def pane_widget(self, name: str) -> Widget:
        return self.late_widget(name) if name in LATE_WIDGETS else self.query_one(f"#{name}")

    def late_widget(self, name: str) -> Widget:
        raise NotImplementedError

    @property
    def pane_name(self) -> str:
        return self.pane

    # -- layout ----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width, event.size.height)

    @staticmethod
    def size_classes(width: int, height: int) -> list[str]:
        if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
            return ["-tiny"]
        if width < WIDE_SIZE[0] or height < WIDE_SIZE[1]:
            return ["-narrow"]
        return []

    def _layout(self, width: int, height: int) -> None:
        classes = self.size_classes(width, height)
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
        for name in ("briefs", "broken", *PANES):
            for widget in self.query(f"#{name}"):  # "broken" may not be mounted yet
                widget.set_class(name == self.pane, "-current")
        self.set_class(self.pane == "briefs", "-on-list")
        self._draw_tabs()

    def _draw_tabs(self) -> None:
        parts = []
        for name in self.cycle_order():
            key, label = LABELS[name]
            text = f" {key} {label} " if key else f" {label} "
            parts.append(Content.styled(text, "reverse bold" if name == self.pane else "dim"))
        for tabs in self.query("#tabs").results(Static):  # mounted once first narrow
            tabs.update(Content("│").join(parts))

    # -- panes and focus -------------------------------------------------------------------

    def cycle_order(self) -> list[str]:
        order = ["briefs"] if self.many else []
        if self.current is not None and self.current.brief is None:
            return [*order, "broken"]
        return [*order, *PANES]

    def focus_pane(self, name: str) -> None:
        order = self.cycle_order()
        if name not in order:
            name = "broken" if "broken" in order else name
            if name not in order:
                return
        self.pane = name
        self._mark_current()
        widget = self.pane_widget(name)
        target = widget.focus_target() if isinstance(widget, SummaryPane) else widget
        # Not ``target.focus()``: that is deferred behind keys already queued, so "2j"
        # typed fast would move the old pane.
        self.set_focus(target)

    def action_jump(self, name: str) -> None:
        self.focus_pane(name)

    def action_cycle(self, step: int) -> None:
        order = self.cycle_order()
        at = order.index(self.pane) if self.pane in order else -1
        self.focus_pane(order[(at + step) % len(order)])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Keep ``pane`` right when focus moves by mouse or by another screen's return."""
        node: Widget | None = event.widget
        while node is not None and not node.has_class("pane"):
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        if node is not None and node.id and node.id != self.pane:
            self.pane = node.id
            self._mark_current()
        self.on_pane_focused()
