"""What loading one file gives: a brief, problems, or both.

Apart from loader.py so that the index and the library can name it without
importing the parser and the quote checker: a warm start parses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model import Brief
from briefing.problems import Problem, count_errors

DEFAULT_MAX_BYTES = 5_000_000
"""Largest brief file read (``--max-bytes`` changes it)."""


@dataclass(slots=True)
class LoadResult:
    brief: Brief | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count_errors(self.problems)
