"""One brief file of a library, as the library holds it: its id, its path, the brief last
loaded from it without errors and the problems of the latest load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from briefing.brief.model import Brief
from briefing.brief.problems import Problem, count_errors
from briefing.brief.records import Record
from briefing.store.packed import Packed, cited_of


def _held_brief() -> Any:
    """The ``brief`` field: read, the brief held decoded or decoded now; set, held as it is.
    Typed ``Any`` as the type checker is told the field is a ``Brief | None``."""

    def get(entry: Entry) -> Brief | None:
        held = entry._brief
        if held is None or held.__class__ is Brief:
            return held
        return held.brief()  # type: ignore[union-attr]

    def set(entry: Entry, brief: Brief | None) -> None:
        entry._brief = brief

    return property(get, set)


class Entry(Record):
    """One brief file of the library. A ``Record`` (methods written out) rather than a
    dataclass: imported before the reader's first frame.

    The brief is held packed when it can be (``briefing.store.packed``): a library holds
    thousands, and decodes one when it is read."""

    __slots__ = ("_brief", "digest", "id", "path", "problems", "stale")
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
        self._brief: Brief | Packed | None = brief
        self.problems = [] if problems is None else problems
        self.stale = stale
        self.digest = ""

    brief = _held_brief()

    @property
    def source(self) -> Brief | Packed | None:
        """The brief as held: decoded, or packed (read it with ``.brief()``); None when no
        version loads. What a search index keeps (``SearchIndex.set_brief``), and what tells
        whether a reload changed the brief without decoding it."""
        return self._brief

    @property
    def title(self) -> str | None:
        """The brief's title (None when no version loads), without decoding it."""
        held = self._brief
        return None if held is None else held.title

    @property
    def date(self) -> dt.date | None:
        """The brief's date, without decoding it."""
        held = self._brief
        return None if held is None else held.date

    @property
    def cited(self) -> tuple[tuple[str, int], ...]:
        """The articles the brief's sources name, with the line of each source (see
        ``briefing.store.packed.cited_of``), without decoding it."""
        held = self._brief
        if held is None:
            return ()
        return held.cited if isinstance(held, Packed) else cited_of(held)

    def hold(self, held: Brief | Packed) -> None:
        """Hold a brief loaded now: decoded, or packed (decoded when first read)."""
        self._brief = held

    def unpack(self) -> None:
        """Decode the brief now, when it is held packed, and keep it among the last decoded
        (``briefing.store.packed.KEPT``): for a caller about to hand it to another thread
        that reads it at once, so that one does not spend its time decoding it."""
        held = self._brief
        if isinstance(held, Packed):
            held.brief()

    def moved(self, ident: str) -> Entry:
        """This entry under another id (its file's id changed), the brief not decoded."""
        moved = Entry(ident, self.path, None, self.problems, self.stale)
        held = self._brief
        if isinstance(held, Packed):
            moved._brief = held.moved(ident)
        elif held is not None:
            moved._brief = held.replace(id=ident)
        return moved

    @property
    def errors(self) -> int:
        return count_errors(self.problems)
