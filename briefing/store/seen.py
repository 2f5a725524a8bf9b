"""What the user has opened: per brief file, the content (a hash) they last saw.

Kept in ``$XDG_STATE_HOME/briefing/seen.json`` (default ``~/.local/state/briefing``): never
in a brief, never in the cache (deleting the cache must not make everything new again).
A brief is *new* when the user has never opened that file, or opened it with other content.

The API the reader uses:

- ``SeenState()`` reads nothing until first asked; :attr:`SeenState.notice` is then a line
  for the user when the file had to be set aside, else None;
- :meth:`SeenState.is_new` ``(brief)``: a library entry, or anything with ``path`` and
  ``digest`` (the catalog's facts);
- :meth:`SeenState.mark_opened` and :meth:`SeenState.mark_all_seen` remember, and write
  the file at once (atomically: a crash leaves the old file or the new one);
- :attr:`SeenState.version` grows with every change, for caches (``is:new`` is one).

Never fatal: a file that is corrupt, not ours, too large or not a regular file is renamed
(``seen.json.broken-<time>``) and a new one started, with a notice; a file that cannot be
written leaves the state in memory for this session, with a notice. Writes merge with what
another reader wrote meanwhile, so two readers open at once lose nothing but their race.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal, Protocol

from briefing.files import write_atomic
from briefing.paths import state_dir

FORMAT = "briefing-seen"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024
"""Larger than any real state (a million briefs); a bigger file is not ours."""


class Opened(Protocol):
    """What is remembered of a brief: a library entry, or the catalog's facts."""

    @property
    def path(self) -> Path | str: ...

    @property
    def digest(self) -> str: ...


def _key(path: Path | str) -> str:
    return os.path.abspath(path)


class SeenState:
    def __init__(self, path: Path | None = None, env: Mapping[str, str] | None = None) -> None:
        self.path = path or state_dir(env) / "seen.json"
        self._seen: dict[str, str] | None = None
        self.notice: str | None = None
        """Why the state was started again or is not being saved; None when all is well."""
        self.version = 0

    # -- asking ----------------------------------------------------------------------------

    def is_new(self, brief: Opened) -> bool:
        """Never opened, or opened when its file held something else."""
        return self._state().get(_key(brief.path)) != brief.digest

    def status(self, brief: Opened) -> Literal["new", "changed"] | None:
        """``new`` (never opened), ``changed`` (opened when it held something else) or
        None (read as it is): what the reader marks in its list."""
        seen = self._state().get(_key(brief.path))
        if seen == brief.digest:
            return None
        return "new" if seen is None else "changed"

    def __len__(self) -> int:
        return len(self._state())

    # -- remembering -----------------------------------------------------------------------

    def mark_opened(self, brief: Opened) -> None:
        """Remember ``brief`` as read, as it is now."""
        self._remember({_key(brief.path): brief.digest})

    def mark_all_seen(self, briefs: Iterable[Opened]) -> None:
        """Remember every brief given (the whole library, say) as read."""
        self._remember({_key(b.path): b.digest for b in briefs})

    def _remember(self, changes: dict[str, str]) -> None:
        state = self._state()
        if all(state.get(k) == v for k, v in changes.items()):
            return
        state.update(changes)
        self.version += 1
        on_disk = self._read(quiet=True) or {}
        merged = {**on_disk, **state}
        self._seen = merged
        self._write(merged)

    # -- the file --------------------------------------------------------------------------

    def _state(self) -> dict[str, str]:
        if self._seen is None:
            found = self._read(quiet=False)
            self._seen = {} if found is None else found
        return self._seen

    def _read(self, *, quiet: bool) -> dict[str, str] | None:
        """The file's state; None when there is none. A bad file is set aside (unless
        ``quiet``: a write then simply replaces it)."""
        try:
            info = self.path.stat()
            if not stat.S_ISREG(info.st_mode):
                self._bad("it is not a regular file", quiet, rename=False)
                return None
            if info.st_size > MAX_BYTES:
                self._bad(f"it is over {MAX_BYTES:,} bytes", quiet)
                return None
            with self.path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            self._bad(f"it cannot be read ({error.strerror or error})", quiet, rename=False)
            return None
        if len(raw) > MAX_BYTES:  # it grew since it was measured
            self._bad(f"it is over {MAX_BYTES:,} bytes", quiet)
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            self._bad("it is not valid JSON", quiet)
            return None
        briefs = data.get("briefs") if isinstance(data, dict) else None
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("version") != VERSION
            or not isinstance(briefs, dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in briefs.items())
        ):
            self._bad("it is not briefing's reading state", quiet)
            return None
        return briefs

    def _bad(self, why: str, quiet: bool, *, rename: bool = True) -> None:
        if quiet:
            return
        aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%dT%H%M%S')}")
        if rename:
            try:
                os.replace(self.path, aside)
            except OSError:
                rename = False
        where = f"; it was moved to {aside}" if rename else ""
        self.notice = f"What you have read could not be read from {self.path}: {why}{where}. "
        self.notice += "Every brief counts as new again."
        return None

    def _write(self, state: dict[str, str]) -> None:
        text = json.dumps({"format": FORMAT, "version": VERSION, "briefs": state}, indent=0)
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text.encode("utf-8"), mode=0o600)  # private, as before
        except OSError as error:
            self.notice = (
                f"What you have read cannot be saved in {folder} "
                f"({error.strerror or error}); it is remembered until you quit."
            )
