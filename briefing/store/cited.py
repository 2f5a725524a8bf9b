"""Which articles a library's briefs cite, and which of them changed on disk since.

The watcher (``briefing.store.watch``) follows the brief files under the library's roots;
the articles their quotes are checked against usually live elsewhere (``../seeds``). An
article edited, deleted or made again changes the verdict on every quote from it, so the
briefs citing it must be loaded again. Articles are looked at by their stamp (size and time
of the last change: ``briefing.store.rows.stamp``), which no way of saving a file escapes
and which needs no watch to place or lose: a ``stat`` per cited article per look.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefing.store.entry import Entry
from briefing.store.library import RACY_NS
from briefing.store.rows import Stamp, stamp

_UNSEEN: Stamp = (-2, -2)
"""Never a file's stamp: the article is reported as changed at the next look."""


class CitedArticles:
    """The articles cited by the briefs of a library, each with its stamp when last looked at."""

    def __init__(self, racy_ns: int = RACY_NS) -> None:
        self._racy_ns = racy_ns
        """How close to the load's start a change may share a time stamp with an earlier one
        (the file system's resolution: tests make it 0)."""
        self._citing: dict[str, set[Path]] = {}
        """Article (absolute path) -> the brief files citing it."""
        self._stamps: dict[str, Stamp | None] = {}

    def follow(self, entries: Iterable[Entry], since_ns: int) -> None:
        """Take the articles the entries' briefs cite now, after a load or a reload that
        began at ``since_ns`` (``time.time_ns()``). One newly cited is looked at now, and
        counts as changed already if it may have changed after its briefs read it: changed
        since the load began, or missing now though its briefs found it."""
        citing: dict[str, set[Path]] = {}
        found: set[str] = set()
        for entry in entries:
            cited = entry.cited  # the brief's articles, without decoding it
            if not cited:
                continue
            missing = {p.line for p in entry.problems if p.code == "source-file-missing"}
            for article, line in cited:
                citing.setdefault(article, set()).add(entry.path)
                if line not in missing:
                    found.add(article)
        old = self._stamps
        self._citing = citing
        self._stamps = {}
        for article in citing:
            if article in old:
                self._stamps[article] = old[article]
                continue
            now = stamp(article)
            recent = now is not None and now[1] >= since_ns - self._racy_ns
            gone = now is None and article in found
            self._stamps[article] = _UNSEEN if recent or gone else now

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
