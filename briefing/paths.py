"""Where briefing keeps its own files, by the XDG base-directory rules.

Apart from config.py so that the index can find its cache without importing
the config parser (tomllib, difflib, tempfile) on the start-up path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_DIR = "briefing"
CONFIG_NAME = "config.toml"


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
