"""What loading one file gives: a brief, problems, or both.

Apart from loader.py so that the index and the library can name it without
importing the parser and the quote checker: a warm start parses nothing.
"""

from __future__ import annotations

from briefing.brief.model import Brief
from briefing.brief.problems import Problem, count_errors
from briefing.brief.records import Record

DEFAULT_MAX_BYTES = 5_000_000
"""Largest brief file read (``--max-bytes`` changes it)."""


class LoadResult(Record):
    """A ``Record`` (methods written out) rather than a dataclass: imported before the
    reader's first frame."""

    __slots__ = ("brief", "digest", "packed", "problems")
    brief: Brief | None
    problems: list[Problem]
    digest: str
    """A hash of the file's bytes: what the reader remembers as read (``briefing.store.seen``)."""
    # Not a field (no annotation): equality compares what was loaded, not how it was held.
    # ``packed``: the brief as the index stores it (``briefing.store.rows.encode_payload``),
    # when the load was read from or made for the index; None otherwise.

    def __init__(
        self,
        brief: Brief | None,
        problems: list[Problem] | None = None,
        digest: str = "",
        *,
        packed: bytes | None = None,
    ) -> None:
        self.brief = brief
        self.problems = [] if problems is None else problems
        self.digest = digest
        self.packed = packed

    @property
    def errors(self) -> int:
        return count_errors(self.problems)
