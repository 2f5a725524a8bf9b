"""Which articles a library's briefs cite, and which of them changed on disk since.

The watcher (``briefing.store.watch``) follows the brief files under the library's roots;
the articles their quotes are checked against usually live elsewhere (``../seeds``). An
article edited, deleted or made again changes the verdict on every quote from it, so the
briefs citing it must be loaded again. Articles are looked at by their stamp (size and time
of the last change: ``briefing.store.rows.stamp``), which no way of saving a file escapes
and which needs no watch to place or lose: a ``stat`` per cited article per look.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from briefing.store.entry import Entry
from briefing.store.rows import Stamp, stamp


class CitedArticles:
    """The articles cited by the briefs of a library, each with its stamp when last looked at."""

    def __init__(self) -> None:
        self._citing: dict[str, set[Path]] = {}
        """Article (absolute path) -> the brief files citing it."""
        self._stamps: dict[str, Stamp | None] = {}

    def follow(self, entries: Iterable[Entry]) -> None:
        """Take the articles the entries' briefs cite now, after a load or a reload. One
        newly cited is looked at now: its briefs were just loaded against it."""
        citing: dict[str, set[Path]] = {}
        for entry in entries:
            if entry.brief is None:
                continue
            for source in entry.brief.sources:
                if source.path is not None:
                    citing.setdefault(os.path.abspath(source.path), set()).add(entry.path)
        old = self._stamps
        self._citing = citing
        self._stamps = {a: old[a] if a in old else stamp(a) for a in citing}

    def changed(self) -> set[Path]:
        """The brief files citing an article that changed since it was last looked at."""
        briefs: set[Path] = set()
        for article, before in self._stamps.items():
            now = stamp(article)
            if now != before:
                self._stamps[article] = now
                briefs |= self._citing[article]
        return briefs

    def __len__(self) -> int:
        return len(self._citing)
