"""Problems found in a brief, in a form editors and people can both read.

Every check in the core reports through :class:`Problem` instead of raising, so
one bad file never hides the other problems in it, nor the other files.
"""

from __future__ import annotations

from typing import Literal, Protocol

from briefing.brief.records import Record

Severity = Literal["error", "warning"]


class Placed(Protocol):
    """Anything a problem can point at: a parsed node, or a model item that kept its place."""

    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...


class Problem(Record):
    """One thing wrong with a file, anchored to a 1-based line and column.

    A ``Record`` (methods written out, see ``briefing.brief.records``) rather than a dataclass:
    the reader imports this before its first frame. Never assign to a field; use
    ``replace``.
    """

    __slots__ = ("code", "col", "hint", "line", "message", "path", "severity")
    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None
    code: str
    """A stable rule id (``yaml-syntax``, ``duplicate-key`` ...) for tools and tests."""

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        severity: Severity,
        message: str,
        hint: str | None = None,
        code: str = "invalid",
    ) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.severity = severity
        self.message = message
        self.hint = hint
        self.code = code

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        """The ``path:line:col: severity: message`` form compilers and editors understand."""
        from briefing.brief.sanitize import visible  # a file name can hold escape sequences too

        text = f"{visible(self.path)}:{self.line}:{self.col}: {self.severity}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.line, self.col, 0 if self.is_error else 1, self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def count_errors(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.is_error)
