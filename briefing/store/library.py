"""A set of brief files found under one or more roots, loaded and kept current.

The library keeps the last good version of each brief: a save that breaks a
file replaces its problems, never the brief a reader is looking at.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from briefing.brief.model import Brief
from briefing.brief.outcome import DEFAULT_MAX_BYTES, LoadResult
from briefing.brief.problems import Problem, count_errors
from briefing.brief.records import Record
from briefing.paths import default_library_paths, shipped_library
from briefing.store.index import Index, Row, decode_rows

if TYPE_CHECKING:
    from briefing.brief.provenance import ArticleCache
    from briefing.store.parallel import ParseAhead

__all__ = ["Entry", "Library", "default_library_paths", "display_path", "shipped_library"]

SUFFIXES = (".yaml", ".yml")
LOOKUP_BATCH = 250
"""Files looked up in the index per query: few queries, little memory held at once."""


class Entry(Record):
    """One brief file of the library. A ``Record`` (methods written out) rather than a
    dataclass: imported before the reader's first frame."""

    __slots__ = ("brief", "id", "path", "problems", "stale")
    id: str
    path: Path
    brief: Brief | None
    """The last version that loaded without errors."""
    problems: list[Problem]
    """Problems of the latest load attempt."""
    stale: bool
    """True when the latest attempt failed and ``brief`` is an older good version."""

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

    @property
    def errors(self) -> int:
        return count_errors(self.problems)


def display_path(path: Path) -> str:
    """A path as it was given: relative as typed, or absolute; never rewritten relative to
    some other folder (a path into the installed package stays absolute, so it can be
    opened from anywhere). Files found in a library: :meth:`Library.display`."""
    return str(path)


def find_files(root: Path) -> list[Path]:
    """Brief files under a folder, recursively, skipping hidden folders and editor temp files."""
    return [Path(text) for text in find_file_names(str(root))]


def find_file_names(root: str) -> list[str]:
    """:func:`find_files` as path strings."""
    found: list[str] = []
    join = os.path.join
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            join(folder, name)
            for name in sorted(files)
            if name.endswith(SUFFIXES) and not name.startswith(".")
        )
    return found


def _key(path: Path) -> str:
    """Identity of a file for lookups (paths in a library are absolute already)."""
    return str(path) if path.is_absolute() else os.path.abspath(path)


def brief_id(path: Path, root: Path) -> str:
    relative = path.relative_to(root) if root != path else Path(path.name)
    return relative.with_suffix("").as_posix()


class Library:
    def __init__(
        self,
        paths: Sequence[Path],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        index: Index | None = None,
        parallel: bool = False,
    ) -> None:
        self.paths = [Path(p).absolute() for p in paths]
        self._shown = [
            (os.path.join(str(root), ""), str(given))
            for root, given in zip(self.paths, paths, strict=True)
        ]
        """Each root as a folder prefix, and as it was given: how :meth:`display` names files."""
        self.max_bytes = max_bytes
        self.index = index
        """Optional cache of earlier loads; None parses every file every time."""
        self.parallel = parallel
        """Parse what the index lacks on every core (``briefing.store.parallel``)."""
        self._entries: dict[str, Entry] = {}
        self._by_path: dict[str, str] = {}
        self._articles: ArticleCache | None = None
        """Articles read for quote checks, shared by the files parsed; made on first parse."""

    def display(self, path: Path | str) -> str:
        """How messages name a file of this library: under the root it was found in, as that
        root was given (``briefs/a.yaml`` for ``briefs``), else absolute.

        A prefix test rather than ``os.path.relpath``: this runs once per brief on every
        start, and relpath costs a getcwd() and a normalisation each time.
        """
        text = str(path)
        for prefix, shown in self._shown:
            if text.startswith(prefix):
                return os.path.join(shown, text[len(prefix) :])
            if text == prefix[:-1]:
                return shown
        return text

    # -- discovery -----------------------------------------------------------------------

    def discover(self) -> list[tuple[str, Path]]:
        """Every (id, path) the roots hold now; a file named directly is its own root."""
        return [(ident, Path(text)) for ident, text in self.discover_text()]

    def discover_text(self) -> list[tuple[str, str]]:
        """:meth:`discover` with paths as strings, cheap enough to run before the first frame.

        Ids are cut from path strings, and no ``Path`` is built: at 10,000 files the
        ``Path`` objects cost three times the folder walk itself. :meth:`iter_load` takes
        this list as it is.
        """
        found: dict[str, str] = {}
        for root in self.paths:
            if root.is_dir():
                prefix = len(os.path.join(str(root), ""))  # "/" as a root too
                for text in find_file_names(str(root)):
                    ident = text[prefix : text.rfind(".")].replace(os.sep, "/")
                    found.setdefault(ident, text)
            elif root.exists():
                found.setdefault(brief_id(root, root.parent), str(root))
        return sorted(found.items())

    @property
    def folders(self) -> list[Path]:
        """Folders to watch: roots themselves, or the folder of a file named directly."""
        return sorted({p if p.is_dir() else p.parent for p in self.paths})

    # -- loading -------------------------------------------------------------------------

    def _load(self, ident: str, path: Path, cached: LoadResult | None = None) -> Entry:
        display = self.display(path)
        result = cached
        if result is None and self.index is not None:
            result = self.index.lookup(path, ident, display)
        if result is None:
            from briefing.brief.provenance import ArticleCache  # only when a file must be parsed
            from briefing.store.parallel import load_stamped

            if self._articles is None:
                self._articles = ArticleCache()
            file_stamp, result = load_stamped(path, ident, display, self.max_bytes, self._articles)
            if self.index is not None:
                self.index.store(path, result, file_stamp)
        entry = self._entries.get(ident)
        if entry is None:
            entry = Entry(ident, path)
            self._entries[ident] = entry
            self._by_path[_key(path)] = ident
        entry.problems = result.problems
        if result.brief is not None:
            entry.brief, entry.stale = result.brief, False
        else:
            entry.stale = entry.brief is not None
        return entry

    def load_all(self) -> None:
        for _ in self.iter_load():
            pass

    def iter_load(self, found: Sequence[tuple[str, Path | str]] | None = None) -> Iterable[Entry]:
        """Load file by file, so a caller can show progress and the first brief early.

        ``found`` is a :meth:`discover` or :meth:`discover_text` result the caller
        already has (to count files for a progress bar without walking the folders
        twice), or a slice of one.
        """
        found = self.discover_text() if found is None else found
        ahead = self._parse_ahead(found) if self.parallel else None
        try:
            for start in range(0, len(found), LOOKUP_BATCH):
                batch = [(ident, Path(path)) for ident, path in found[start : start + LOOKUP_BATCH]]
                yield from self._load_batch(batch, ahead)
        finally:
            if ahead is not None:
                ahead.close()
        self.flush()

    def _parse_ahead(self, found: Sequence[tuple[str, Path | str]]) -> ParseAhead | None:
        from briefing.store.parallel import ParseAhead

        if all(isinstance(path, str) for _, path in found):  # discover_text's: no copy
            pairs = cast("Sequence[tuple[str, str]]", found)
        else:
            pairs = [(ident, str(path)) for ident, path in found]
        return ParseAhead.start(pairs, self.display, self.index, self.max_bytes)

    def load_cached(
        self,
        found: Sequence[tuple[str, Path | str]],
        *,
        parse_first: int = 0,
        rows: list[Row] | None = None,
    ) -> list[Entry]:
        """The longest run from the start of ``found`` that the index holds.

        For the first screen: a few index rows cost milliseconds, a parse far more, so
        nothing is parsed, except that up to ``parse_first`` files at the start are
        parsed when the index lacks them (a first run, or a cold cache), so the first
        screen has a brief and a filled list. ``rows`` are the index's rows for these
        files, read by another process (``briefing.store.prefetch``): given, the index itself
        is not opened here, and SQLite is not even imported.
        """
        if not found:
            return []
        batch = [(ident, Path(path)) for ident, path in found]
        wanted = [(path, ident, self.display(path)) for ident, path in batch]
        cached: dict[str, LoadResult] = {}
        if rows is not None:
            cached = decode_rows(rows, wanted)
        elif self.index is not None:
            cached = self.index.lookup_many(wanted)
        entries = []
        for number, (ident, path) in enumerate(batch):
            result = cached.get(_key(path))
            if result is None and number >= parse_first:
                break
            entries.append(self._load(ident, path, result))
        return entries

    def _load_batch(
        self, batch: list[tuple[str, Path]], ahead: ParseAhead | None = None
    ) -> Iterable[Entry]:
        cached: dict[str, LoadResult] = {}
        if self.index is not None:
            cached = self.index.lookup_many(
                [
                    (path, ident, self.display(path))
                    for ident, path in batch
                    if ahead is None or path not in ahead
                ]
            )
        for ident, path in batch:
            result = cached.get(_key(path))
            if result is None and ahead is not None:
                result = ahead.take(ident, path, self.display(path))
                if result is not None and result.brief is not None:
                    path = result.brief.path  # the same file: one Path for entry and brief
            yield self._load(ident, path, result)

    def flush(self) -> None:
        """Write what the index has queued (it batches its writes)."""
        if self.index is not None:
            self.index.flush()

    def reload_path(self, path: Path) -> str | None:
        """Bring one file up to date: changed, added or deleted. Returns the id it concerns."""
        self._articles = None  # an article may have been edited too
        key = _key(path)
        ident = self._by_path.get(key)
        if not path.exists():
            if ident is None:
                return None
            del self._entries[ident]
            del self._by_path[key]
            return ident
        if ident is None:
            ident = self._new_id(key)
            if ident is None:
                return None
        entry = self._load(ident, path)
        self.flush()
        return entry.id

    def _new_id(self, key: str) -> str | None:
        """The id :meth:`discover_text` would give a file that just appeared, or None.

        Worked out from the roots, by the same rules, so that a burst of new files
        does not cost a walk of every folder each.
        """
        for root in self.paths:
            text = str(root)
            if key == text and not root.is_dir():
                return brief_id(root, root.parent)
            prefix = os.path.join(text, "")
            if not key.startswith(prefix):
                continue
            relative = key[len(prefix) :]
            hidden = any(part.startswith(".") for part in relative.split(os.sep))
            if hidden or not relative.endswith(SUFFIXES):
                return None
            ident = relative[: relative.rfind(".")].replace(os.sep, "/")
            return None if ident in self._entries else ident  # an earlier root's file has it
        return None

    def rescan(self) -> list[str]:
        """Pick up added and deleted files and reload changed ones; returns ids touched."""
        self._articles = None
        current = dict(self.discover())
        touched = [i for i in list(self._entries) if i not in current]
        for ident in touched:
            entry = self._entries.pop(ident)
            self._by_path.pop(_key(entry.path), None)
        for ident, path in current.items():
            self._load(ident, path)
            touched.append(ident)
        self.flush()
        return touched

    # -- access --------------------------------------------------------------------------

    @property
    def entries(self) -> list[Entry]:
        return [self._entries[i] for i in sorted(self._entries)]

    def get(self, ident: str) -> Entry | None:
        return self._entries.get(ident)

    def __len__(self) -> int:
        return len(self._entries)
