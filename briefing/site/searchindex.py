"""Pagefind, run on the pages a build wrote, its bundle written like every other file.

Pagefind is a program (the ``pagefind-bin`` package carries it) that reads HTML and writes
a search index split in small files, plus the script that queries them in the browser,
with no server. It indexes only the brief pages (``urls.INDEXED_GLOB``; their ``main`` is
``data-pagefind-body``).

Its output for the same pages is the same bytes (checked by a test), but it takes seconds
on a large library; so when the pages it reads are exactly those of the previous build
(:func:`digest` equal to the manifest's) it is not run at all and its files are kept as
they are. Otherwise it writes to a temporary folder, and its files are then put into the
site through the :class:`~briefing.site.writer.SiteWriter`, which leaves equal files alone.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from briefing.site import urls
from briefing.site.writer import Manifest, SiteError, SiteWriter

_EXCLUDED = ("thead", ".mark", "a.passage")
"""Not indexed: table headings and the words of links and marks the page adds to every
quote, which would fill excerpts with "Name Kind Role" and "verified"."""
_MAX_OUTPUT_BYTES = 256_000_000
"""Largest file taken from Pagefind's bundle: far beyond any index of briefs."""


class Digest:
    """A running digest of the pages Pagefind reads, fed in the order they are written."""

    def __init__(self, version: str) -> None:
        options = " ".join((urls.INDEXED_GLOB, *_EXCLUDED))
        self._hash = hashlib.sha256(f"pagefind {version}\n{options}\n".encode())
        self._pages: list[tuple[str, bytes]] = []

    def add(self, relative: str, page_digest: bytes) -> None:
        """Count page ``relative`` whose bytes have the SHA-256 ``page_digest``."""
        self._pages.append((relative, page_digest))

    def __len__(self) -> int:
        return len(self._pages)

    def hexdigest(self) -> str:
        digest = self._hash.copy()
        for relative, page in sorted(self._pages):
            digest.update(relative.encode("utf-8", "surrogatepass") + b"\0" + page)
        return digest.hexdigest()


def run_pagefind(
    executable: Path, root: Path, writer: SiteWriter, pages: Digest, previous: Manifest | None
) -> bool:
    """Bring the site's search bundle up to date; True when Pagefind ran.

    A site without a brief page has no bundle (Pagefind refuses to index nothing): an
    earlier one is removed with the other files this build did not write. Raises
    :class:`SiteError` when Pagefind fails, with what it said.
    """
    if not len(pages):
        return False
    digest = pages.hexdigest()
    prefix = urls.PAGEFIND + "/"
    if previous is not None and previous.search_digest == digest:
        kept = [f for f in previous.files if f.startswith(prefix)]
        if kept and all((root / f).is_file() for f in kept):
            for relative in kept:
                writer.keep(relative)
            return False
    with tempfile.TemporaryDirectory(prefix="briefing-pagefind-") as temp:
        output = Path(temp) / "bundle"
        command = [
            str(executable),
            "--site",
            str(root),
            "--glob",
            urls.INDEXED_GLOB,
            "--output-path",
            str(output),
            "--silent",
        ]
        for selector in _EXCLUDED:
            command += ["--exclude-selectors", selector]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            raise SiteError(f"cannot run Pagefind ({executable}): {error.strerror}") from None
        if done.returncode != 0 or not (output / "pagefind.js").is_file():
            said = " ".join((done.stderr or done.stdout).split())[-500:]
            raise SiteError(f"Pagefind failed (exit status {done.returncode}): {said}")
        for folder, _, files in os.walk(output):
            for name in sorted(files):
                path = Path(folder, name)
                relative = path.relative_to(output).as_posix()
                if path.stat().st_size > _MAX_OUTPUT_BYTES:
                    raise SiteError(f"Pagefind wrote an unexpectedly large file: {relative}")
                writer.put(prefix + relative, path.read_bytes())
    return True


def pagefind_version(executable: Path) -> str:
    """The version Pagefind reports, part of the digest: a new Pagefind re-indexes."""
    try:
        done = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise SiteError(f"cannot run Pagefind ({executable}): {error.strerror}") from None
    return done.stdout.strip() or "unknown"


__all__ = ["Digest", "pagefind_version", "run_pagefind"]
