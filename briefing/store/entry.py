"""One brief file of a library, as the library holds it: its id, its path, the brief last
loaded from it without errors and the problems of the latest load."""

from __future__ import annotations

from pathlib import Path

from briefing.brief.model import Brief
from briefing.brief.problems import Problem, count_errors
from briefing.brief.records import Record


class Entry(Record):
    """One brief file of the library. A ``Record`` (methods written out) rather than a
    dataclass: imported before the reader's first frame."""

    __slots__ = ("brief", "digest", "id", "path", "problems", "stale")
    id: str
    path: Path
    brief: Brief | None
    """The last version that loaded without errors."""
    problems: list[Problem]
    """Problems of the latest load attempt."""
    stale: bool
    """True when the latest attempt failed and ``brief`` is an older good version."""
    digest: str
    """The content hash of the file ``brief`` was loaded from (``briefing.store.seen``)."""

    def __init__(
        self,
        id: str,
        path: Path,
        brief: Brief | None = None,
        problems: list[Problem] | None = None,
        stale: bool = False,
    ) -> None:
        self.id = id
        self.path = path
        self.brief = brief
        self.problems = [] if problems is None else problems
        self.stale = stale
        self.digest = ""

    @property
    def errors(self) -> int:
        return count_errors(self.problems)
