"""Where briefing keeps its own files (XDG base directories), and where the library is.

Apart from config.py so that the index can find its cache, and the reader its library,
without importing the config parser (tomllib, difflib, tempfile) on the start-up path:
the config file is only read when it exists and the library is not given otherwise.

Where the library lives, first found wins (:func:`choose_library`):

1. ``--library PATH`` (or PATHs named on the command line),
2. the ``BRIEFING_LIBRARY`` environment variable,
3. ``library = "..."`` in config.toml (``~`` expanded; a relative path is taken from the
   config file's folder),
4. ``./briefs`` when that folder exists,
5. the library shipped with the package.

Whatever the origin, a missing or unreadable library is one line naming it
(:meth:`LibraryChoice.problem`), never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

APP_DIR = "briefing"
CONFIG_NAME = "config.toml"
LIBRARY_ENV = "BRIEFING_LIBRARY"


def _base_dir(env: Mapping[str, str], var: str, fallback: str) -> Path:
    """The XDG base dir: an absolute ``$var`` or ``~/<fallback>`` (relative values are ignored)."""
    value = env.get(var, "")
    if value and os.path.isabs(value):
        return Path(value)
    home = env.get("HOME") or str(Path.home())
    return Path(home) / fallback


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return _base_dir(env, "XDG_CONFIG_HOME", ".config") / APP_DIR / CONFIG_NAME


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the reader may keep disposable data; not created here."""
    env = os.environ if env is None else env
    return _base_dir(env, "XDG_CACHE_HOME", ".cache") / APP_DIR


def index_file() -> Path:
    """The reader's index of the library (``briefing.store.index``), in the cache folder."""
    return cache_dir() / "index.sqlite3"


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the reader remembers what the user has read; not created here.

    Not the cache: deleting the cache must not make every brief "new" again.
    """
    env = os.environ if env is None else env
    return _base_dir(env, "XDG_STATE_HOME", os.path.join(".local", "state")) / APP_DIR


def default_library_paths(cwd: Path | None = None) -> list[Path]:
    """``./briefs`` when it exists, else the library shipped inside the package.

    Here rather than in ``briefing.store.library`` so the reader can find its library without
    importing the loading machinery first (see ``briefing.store.prefetch``).
    """
    # Relative, as a user would type it: messages then name its files briefs/a.yaml.
    here = Path("briefs") if cwd is None else cwd / "briefs"
    if here.is_dir():
        return [here]
    return [shipped_library()]


def shipped_library() -> Path:
    package = Path(__file__).resolve().parent
    installed = package / "_library" / "briefs"
    if installed.is_dir():
        return installed
    return package.parent / "briefs"  # a source checkout or an editable install


def expand_home(value: str, env: Mapping[str, str]) -> Path:
    """``~`` and ``~/...`` from ``$HOME`` of ``env``; ``~user`` as the system has it."""
    if value == "~" or value.startswith("~/"):
        home = env.get("HOME") or str(Path.home())
        return Path(home + value[1:])
    return Path(os.path.expanduser(value))


class LibraryChoice(NamedTuple):
    """The library's paths and which of the five places they came from."""

    paths: list[Path]
    origin: str
    """How a message names the origin: ``--library``, ``$BRIEFING_LIBRARY``, ``library in
    <config file>``, ``./briefs`` or ``the shipped library``."""

    def problem(self) -> str | None:
        """Why the library cannot be read, in one line naming where it came from; or None."""
        for path in self.paths:
            shown = str(path)
            try:
                if not path.exists():
                    return f"library {shown} (from {self.origin}) does not exist"
                readable = os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0))
            except OSError as error:  # a name too long, a loop of links ...
                return f"library {shown} (from {self.origin}) cannot be read: {error.strerror}"
            if not readable:
                return f"library {shown} (from {self.origin}) cannot be read: permission denied"
        return None


ConfigLibrary = Callable[[Path], "tuple[str | None, list[str]]"]
"""Reads the ``library`` setting of the config file at a path: (value, warnings)."""


def choose_library(
    given: Sequence[Path] = (),
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    read_config: ConfigLibrary | None = None,
    warn: Callable[[str], None] | None = None,
) -> LibraryChoice:
    """Where the library lives, by the rule in the module docstring.

    ``read_config`` reads the config file's setting (``briefing.config.library_setting``,
    given by the caller: the config module uses this one), only when the file exists;
    without it the file is not read. ``warn`` receives a line for each problem of that
    setting (the setting is then skipped, as a broken config never stops the reader).
    """
    env = os.environ if env is None else env
    if given:
        return LibraryChoice([Path(p) for p in given], "--library")
    value = env.get(LIBRARY_ENV, "")
    if value:
        return LibraryChoice([expand_home(value, env)], f"${LIBRARY_ENV}")
    path = config_path(env)
    if read_config is not None and path.is_file():
        setting, warnings = read_config(path)
        for line in warnings:
            if warn is not None:
                warn(line)
        if setting:
            return LibraryChoice([path.parent / expand_home(setting, env)], f"library in {path}")
    found = default_library_paths(cwd)
    shipped = found == [shipped_library()]
    return LibraryChoice(found, "the shipped library" if shipped else "./briefs")
