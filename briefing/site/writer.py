"""Writing the site: a file is replaced only when its bytes change.

A site published from git must show no change for a library that did not change, so every
page is rendered and compared with the file already there: equal bytes are not written
(the file keeps its time stamp too), different ones replace it atomically (a temporary
file in the same folder, then ``os.replace``), so a reader or a web server never sees half
a page.

The manifest (:data:`MANIFEST`, JSON) lists every file the site holds and the digest of
what Pagefind indexed. Files the manifest listed that a new build does not produce (a
deleted brief) are removed; nothing else in the folder is ever touched, and a folder that
holds other files but no manifest is refused rather than written into.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.files import write_atomic

MANIFEST = ".briefing-site.json"
MANIFEST_VERSION = 1
_MANIFEST_MAX_BYTES = 64_000_000
"""A manifest listing a few hundred thousand files; anything larger is not ours."""


class SiteError(Exception):
    """The output folder cannot be used; the message says why, for the user."""


@dataclass(slots=True)
class Manifest:
    files: list[str] = field(default_factory=list)
    search_digest: str = ""

    def dumps(self) -> bytes:
        data = {
            "version": MANIFEST_VERSION,
            "made_by": "briefing site",
            "search_digest": self.search_digest,
            "files": sorted(self.files),
        }
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(root: Path) -> Manifest | None:
    """The manifest of the site in ``root``; None when there is none (or it is not ours).

    Raises :class:`SiteError` when ``root`` holds files but no manifest: those files are
    someone else's, and a build could overwrite them. Hidden entries (``.git``,
    ``.nojekyll``) are allowed beside a site and never touched.
    """
    if not root.exists():
        return None
    if not root.is_dir():
        raise SiteError(f"{root} is not a folder")
    path = root / MANIFEST
    try:
        info = path.lstat()
    except FileNotFoundError:
        others = sorted(p.name for p in root.iterdir() if not p.name.startswith("."))
        if others:
            raise SiteError(
                f"{root} holds files that briefing site did not write ({others[0]}, ...); "
                "give a new or empty folder, or one an earlier 'briefing site' wrote"
            ) from None
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MANIFEST_MAX_BYTES:
        raise SiteError(f"{path} is not a manifest written by briefing site")
    try:
        data = json.loads(path.read_bytes())
        files = data["files"]
        digest = data["search_digest"]
        if data.get("version") != MANIFEST_VERSION or not isinstance(digest, str):
            raise ValueError
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise SiteError(f"{path} is not a manifest written by briefing site") from None
    return Manifest([f for f in files if _inside(f)], digest)


def _inside(relative: str) -> bool:
    """A manifest entry names a file inside the site: never absolute, never ``..``."""
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and ".." not in parts


@dataclass(slots=True)
class Counts:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


class SiteWriter:
    """Puts files under ``root``, writing only those whose bytes differ."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.counts = Counts()
        self.files: set[str] = set()
        self._folders: set[Path] = set()

    def put(self, relative: str, data: bytes) -> bool:
        """Make ``root/relative`` hold ``data``; True when the file was (re)written."""
        self.files.add(relative)
        path = self.root / relative
        if _same(path, data):
            self.counts.unchanged += 1
            return False
        folder = path.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        write_atomic(path, data)
        self.counts.written += 1
        return True

    def merge(self, files: Iterable[str], written: int, unchanged: int) -> None:
        """Count what another writer (in a worker process) did in the same folder."""
        self.files.update(files)
        self.counts.written += written
        self.counts.unchanged += unchanged

    def keep(self, relative: str) -> None:
        """Count a file the site still holds though this build did not render it."""
        self.files.add(relative)
        self.counts.unchanged += 1

    def remove_stale(self, previous: Iterable[str]) -> None:
        """Delete the files an earlier build listed that this one did not produce."""
        for relative in sorted(set(previous) - self.files):
            try:
                (self.root / relative).unlink()
            except FileNotFoundError:
                continue
            self.counts.removed += 1

    def finish(self, previous: Manifest | None, search_digest: str) -> None:
        if previous is not None:
            self.remove_stale(previous.files)
        manifest = Manifest(list(self.files), search_digest)  # dumps() sorts
        data = manifest.dumps()
        path = self.root / MANIFEST
        if not _same(path, data):
            write_atomic(path, data)


def _same(path: Path, data: bytes) -> bool:
    """True when ``path`` is a regular file holding exactly ``data``."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    with open(path, "rb") as stream:
        return stream.read(len(data) + 1) == data
