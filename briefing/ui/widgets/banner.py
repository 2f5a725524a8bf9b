"""A one-line warning that the brief on screen is not what is on disk.

Shown over the last good version of a brief whose file now has errors, so the
reader keeps working while the user fixes the file. Messages come from files,
so everything is literal text.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from briefing.brief.problems import Problem, sorted_problems


def banner_text(
    problems: Sequence[Problem], file: str, *, list_key: str = "", showing_last_good: bool = False
) -> str:
    """``N problems in FILE: first one at line L: MESSAGE — press KEY to list them``."""
    ordered = sorted_problems(list(problems))
    # The first error is what broke the file; warnings alone never hide a brief.
    first = next((p for p in ordered if p.is_error), ordered[0])
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    first_label = "at line" if count == 1 else "first one at line"
    message = " ".join(first.message.split())
    text = f"{count} {noun} in {file}: {first_label} {first.line}: {message}"
    if list_key:
        text += f" — press {list_key} to list {'it' if count == 1 else 'them'}"
    if showing_last_good:
        text += ". Showing the last good version."
    return text


class ErrorBanner(Static):
    """Hidden until :meth:`show_problems` is given at least one problem."""

    DEFAULT_CSS = """
    ErrorBanner {
        display: none;
        height: auto;
        padding: 0 1;
        background: $error 25%;
        color: $text;
    }
    ErrorBanner.-shown { display: block; }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", name=name, id=id, classes=classes, markup=False)
        self.problems: list[Problem] = []
        self.file = ""
        self.showing_last_good = False

    def show_problems(
        self,
        problems: Sequence[Problem],
        file: str,
        *,
        list_key: str = "",
        showing_last_good: bool = False,
    ) -> None:
        """Show (or, with no problems, hide) the banner for ``file``.

        ``list_key`` is the display text of the key bound to the problems list
        (``app.get_key_display(binding)``), so a remapped key reads right.
        """
        self.problems = list(problems)
        self.file = file
        self.showing_last_good = bool(problems) and showing_last_good
        if not problems:
            self.clear()
            return
        text = banner_text(problems, file, list_key=list_key, showing_last_good=showing_last_good)
        self.update(Content(text))
        self.add_class("-shown")

    def clear(self) -> None:
        self.problems = []
        self.showing_last_good = False
        self.update(Content(""))
        self.remove_class("-shown")
