"""The file ``briefing check`` keeps its verdicts in, beside the index in the XDG cache folder.

It is written whole to a temporary file and renamed, so no reader ever sees half of one,
and two checks running at once leave one or the other's, never a mixture. It is never
trusted: a checksum covers the body and every entry's shape is checked before any is used.
A file that fails either (damaged, truncated, written by something else) or cannot be read
is ignored with one warning and replaced; one that cannot be written is warned about once.
Neither changes what the check prints: without the cache every file is judged again.

A file written by another version of the checker (see :func:`briefing.store.verdicts.checker`)
is not damaged, only out of date: it is replaced without a word.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from briefing.brief.problems import Problem
from briefing.brief.reading import Unread, read_bounded
from briefing.files import write_atomic
from briefing.paths import cache_dir
from briefing.store.verdicts import (
    FORMAT,
    Verdict,
    checker,
    decode_across,
    digest,
    encode_across,
    keepable,
)

_MAGIC = b"briefing verdicts "
MAX_BYTES = 256 * 1024 * 1024
"""The most of a cache file read: past this it is treated as damaged."""
MAX_ENTRIES = 200_000
"""Past this many verdicts, those of files not seen in this run are dropped."""


class Damaged(Exception):
    """The cache file cannot be used; the message says why, for the one warning."""


class VerdictCache:
    """The verdicts of earlier runs, loaded whole, updated, and written back whole."""

    def __init__(self, warn: Callable[[str], None], path: Path | None = None) -> None:
        self.path = path or cache_dir() / "verdicts"
        self._tell = warn
        self._warned = False
        self._checker = checker()
        self._entries: dict[str, Verdict] = {}
        self._across: tuple[str, list[Problem]] | None = None
        """The warnings across briefs of the last run, under the key of what they came from."""
        self._dirty = False
        try:
            self._entries = self._read()
        except Damaged as why:
            self._warn(f"verdict cache {self.path} ignored: {why}")
            self._dirty = True  # replaced by a sound one

    def _read(self) -> dict[str, Verdict]:
        # Read as every file is (a FIFO or a device where the cache should be never blocks).
        data = read_bounded(self.path, MAX_BYTES)
        if isinstance(data, Unread):
            if data.missing:
                return {}  # none yet, or none can be: saving says so
            if data.too_large is not None:
                raise Damaged("it is too large")
            raise Damaged(f"cannot read it ({data.reason})")
        head, _, rest = data.partition(b"\n")
        if not head.startswith(_MAGIC):
            raise Damaged("it is not a briefing verdict cache")
        if head != _MAGIC + str(FORMAT).encode():
            self._dirty = True
            return {}  # another version's: nothing in it applies
        made_by, _, rest = rest.partition(b"\n")
        checksum, _, body = rest.partition(b"\n")
        if made_by.decode("ascii", "replace") != self._checker:
            self._dirty = True
            return {}  # judged by other code: nothing in it applies
        if checksum.decode("ascii", "replace") != digest(body):
            raise Damaged("it is damaged (its checksum does not match)")
        try:
            whole = json.loads(body)
            if type(whole) is not list or len(whole) != 2:
                raise ValueError("not a list of 2")
            entries, across = whole
            if not isinstance(entries, dict):
                raise ValueError("not a mapping")
            if across is not None:
                if type(across) is not list or len(across) != 2 or type(across[0]) is not str:
                    raise ValueError("malformed warnings across briefs")
                self._across = (across[0], decode_across(across[1]))
            return {key: Verdict.decode(value) for key, value in entries.items()}
        except (ValueError, RecursionError) as error:
            raise Damaged(f"it is damaged ({error})") from None

    def _warn(self, text: str) -> None:
        """One warning a run: a cache that cannot be read is rarely writable either."""
        if not self._warned:
            self._warned = True
            self._tell(text)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def get(
        self,
        key: str,
        ident: str,
        max_bytes: int,
        found: str,
        articles: Callable[[str], str | None],
    ) -> Verdict | None:
        """The kept verdict on this file if every input it was judged on is unchanged."""
        kept = self._entries.get(key)
        if (
            kept is None
            or kept.digest != found
            or kept.brief_id != ident
            or kept.max_bytes != max_bytes
            or any(articles(path) != value for path, value in kept.articles)
        ):
            return None
        return kept

    def put(self, key: str, verdict: Verdict) -> None:
        if not keepable(verdict):
            self._dirty = self._dirty or self._entries.pop(key, None) is not None
            return  # a read failed: tried again next time
        if self._entries.get(key) != verdict:
            self._entries[key] = verdict
            self._dirty = True

    def across(self, key: str) -> list[Problem] | None:
        """The warnings across briefs kept under ``key`` (see
        :func:`briefing.store.verdicts.across_key`), or None."""
        if self._across is None or self._across[0] != key:
            return None
        return list(self._across[1])

    def keep_across(self, key: str, problems: list[Problem]) -> None:
        if self._across != (key, problems):
            self._across = (key, list(problems))
            self._dirty = True

    def forget_missing(self, roots: Iterable[Path], present: set[str]) -> None:
        """Drop verdicts on files under ``roots`` that are gone, so the file stays the library's
        size; files under other roots keep theirs."""
        folders = [os.path.join(str(root), "") for root in roots]
        files = {str(root) for root in roots}
        gone = [
            key
            for key in self._entries
            if key not in present and (key in files or key.startswith(tuple(folders)))
        ]
        for key in gone:
            del self._entries[key]
        if len(self._entries) > MAX_ENTRIES:
            for key in [k for k in self._entries if k not in present]:
                del self._entries[key]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        """Write the verdicts if they changed; a failure is warned about, never raised."""
        if not self._dirty:
            return
        across = None if self._across is None else [self._across[0], encode_across(self._across[1])]
        body = json.dumps(
            [{key: verdict.encode() for key, verdict in self._entries.items()}, across],
            separators=(",", ":"),  # ASCII: a file name that is not UTF-8 survives the trip
        ).encode()
        head = b"%s%d\n%s\n%s\n" % (
            _MAGIC,
            FORMAT,
            self._checker.encode(),
            digest(body).encode(),
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, head + body, mode=0o600)  # as private as it always was
            self._dirty = False
        except OSError as error:
            self._warn(f"cannot write the verdict cache {self.path}: {error.strerror or error}")
