"""Every problem of a brief, one ``path:line:col: severity: message`` per row.

Rows use the same text as the ``briefing check`` output and compilers, so a user
can recognise (and copy) them. ``enter`` dismisses the screen with the chosen
problem, so the caller can open the editor at its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.brief.problems import Problem
from briefing.ui.bindings import bindings_for
from briefing.ui.widgets.footer import KeysFooter

SEVERITY_STYLE = {"error": "bold $error", "warning": "bold $warning"}


def problem_content(problem: Problem) -> Content:
    """The problem's formatted line as literal text, its severity word styled."""
    text = problem.format()
    prefix = f"{problem.path}:{problem.line}:{problem.col}: "
    return Content(text).stylize(
        SEVERITY_STYLE.get(problem.severity, "bold"),
        len(prefix),
        len(prefix) + len(problem.severity),
    )


def summary_line(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) or "No problems"


class ProblemList(OptionList):
    """The problems as a list; also usable in place of a brief that never loaded."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("problem_list")

    def __init__(
        self,
        problems: Sequence[Problem],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.problems = list(problems)
        super().__init__(
            *(Option(problem_content(p), id=str(i)) for i, p in enumerate(self.problems)),
            name=name,
            id=id,
            classes=classes,
        )

    def problem_at(self, index: int | None) -> Problem | None:
        if index is None or not 0 <= index < len(self.problems):
            return None
        return self.problems[index]


class ProblemsScreen(Screen[Problem | None]):
    """Dismissed with the problem chosen by ``enter``, or None on ``escape``."""

    DEFAULT_CSS = """
    ProblemsScreen { layout: vertical; }
    ProblemsScreen #problems-title {
        height: auto; padding: 0 1; background: $panel; text-style: bold;
    }
    ProblemsScreen ProblemList { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("problems")

    def __init__(
        self,
        problems: Sequence[Problem],
        *,
        title: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.problems = list(problems)
        self.heading = title

    def compose(self) -> ComposeResult:
        heading = summary_line(self.problems)
        if self.heading:
            heading = f"{heading} in {self.heading}"
        if self.problems:
            heading += " (enter: open the editor at the line)"
        yield Static(Content(heading), id="problems-title")
        yield ProblemList(self.problems, id="problems-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        problem_list = self.query_one(ProblemList)
        problem_list.focus()
        if self.problems:
            problem_list.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        problem = self.query_one(ProblemList).problem_at(event.option_index)
        if problem is not None:
            self.dismiss(problem)

    def action_close(self) -> None:
        self.dismiss(None)
