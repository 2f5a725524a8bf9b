"""What a brief that never loaded shows instead of its panes: its problems, one per line."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from briefing.brief.problems import Problem, sorted_problems
from briefing.ui.bindings import bindings_for
from briefing.ui.pane import Pane


class BrokenView(VerticalScroll, can_focus=True):
    """Shown in place of the four panes; the other briefs stay as they were."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("summary")
    pane: ClassVar[Pane] = Pane.BROKEN

    def __init__(self) -> None:
        super().__init__(id="broken", classes="pane")
        self.border_title = "Problems"
        self.text = Static(id="broken-text", markup=False)
        """Built now: the view is mounted on demand and filled before it has mounted."""

    def compose(self) -> ComposeResult:
        yield self.text

    def show_problems(self, path: str, problems: list[Problem]) -> None:
        count = len(problems)
        head = Content.styled(
            f"This brief could not be loaded: {count} problem{'s' * (count != 1)} in {path}",
            "bold $text-error",
        )
        lines = [head, Content("")]
        lines += [Content(p.format()) for p in sorted_problems(problems)]
        lines += [
            Content(""),
            Content.styled("Fix the file and save it: the brief reloads by itself.", "dim"),
        ]
        self.text.update(Content("\n").join(lines))
        self.scroll_home(animate=False)
