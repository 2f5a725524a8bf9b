"""The user's config file: remapped keys, the remembered theme, where the library is.

A config file is hand-edited, so reading it never fails: every mistake becomes
a :class:`Problem` pointing at its line, and the reader starts with defaults for
whatever could not be used. Writing is limited to the theme of this one file (edited
with tomlkit, so comments and order survive); the app never writes anywhere else.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefing.brief.problems import Problem, Severity
from briefing.brief.reading import Unread, read_bounded
from briefing.files import write_atomic
from briefing.keymap import KeyRules, did_you_mean, read_keys
from briefing.paths import cache_dir as cache_dir  # re-exported: the config API names both
from briefing.paths import config_path

_TOP_LEVEL = ("keys", "library", "theme")
MAX_BYTES = 1_000_000
"""Largest config file read: a hand-written one is a few hundred bytes."""
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings after validation: only usable values survive."""

    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> Textual key string (comma-separated alternatives), for ``App.set_keymap``."""
    theme: str | None = None
    path: Path | None = None
    library: str | None = None
    """The ``library`` setting as written (``briefing.paths.choose_library`` expands it)."""


_KEY_LINE = re.compile(
    r"""^(\s*)(?:\[\[?\s*)?("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-]+)\s*(?:=|\]\]?\s*(?:\#.*)?$)"""
)


def _key_lines(text: str) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Where each key or table is first written, by its name and by the last part of it.

    tomllib reports no positions for values: a problem with a key is placed by finding
    the key in the text, once for all of them (a line search per key was quadratic).
    """
    whole: dict[str, tuple[int, int]] = {}
    last: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _KEY_LINE.match(line)
        if match is None:
            continue
        name = match.group(2)
        if name[0] in "\"'":
            name = name[1:-1]
        place = (number, len(match.group(1)) + 1)
        whole.setdefault(name, place)
        last.setdefault(name.rsplit(".", 1)[-1], place)
    return whole, last


class _Report:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._whole, self._last = _key_lines(text)
        self.problems: list[Problem] = []

    def add(self, key: str, severity: Severity, message: str, hint: str | None, code: str) -> None:
        line, col = self._whole.get(key) or self._last.get(key.rsplit(".", 1)[-1]) or (1, 1)
        self.problems.append(Problem(str(self.path), line, col, severity, message, hint, code))


def _syntax_problem(path: Path, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    line, col = 1, 1
    if match := _TOML_POSITION.search(message):
        line, col = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif match := _TOML_AT_END.search(message):
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
        message = message[: match.start()] + " at the end of the file"
    return Problem(
        str(path),
        line,
        col,
        "error",
        f"invalid TOML: {message}",
        "the whole file was ignored; defaults are in use",
        "config-syntax",
    )


def load_config(
    valid_ids: Collection[str] | None = None,
    valid_themes: Collection[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
    rules: KeyRules | None = None,
) -> tuple[Config, list[Problem]]:
    """Read the config file; a missing file is simply the defaults.

    ``valid_ids`` and ``valid_themes``, when given, turn unknown names into
    warnings with a did-you-mean; unknown entries are dropped. ``rules`` (every binding's
    keys and where it acts, and which key names exist) let the ``[keys]`` table be checked
    for clashes and nonsense (``briefing.keymap``).
    The file is read as briefs are: regular files only (a FIFO would hang the reader
    before its first frame), at most :data:`MAX_BYTES`.
    """
    path = config_path(env) if path is None else path
    raw = read_bounded(path, MAX_BYTES)
    if isinstance(raw, Unread):
        if raw.missing:
            return Config(path=path), []
        problem = Problem(
            str(path),
            1,
            1,
            "error",
            f"cannot read the config file: {raw.reason}"
            + (f", over the {MAX_BYTES:,}-byte limit" if raw.too_large is not None else ""),
            "defaults are in use",
            "config-unreadable",
        )
        return Config(path=path), [problem]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problem = Problem(
            str(path),
            line,
            col,
            "error",
            "the config file is not valid UTF-8",
            None,
            "config-encoding",
        )
        return Config(path=path), [problem]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(path=path), [_syntax_problem(path, text, error)]
    report = _Report(path, text)
    keys = read_keys(data.get("keys"), report, valid_ids, rules)
    theme = _read_theme(data.get("theme"), valid_themes, report)
    library = _read_library(data.get("library"), report)
    for name in data:
        if name not in _TOP_LEVEL:
            report.add(
                name,
                "warning",
                f"unknown setting {name!r}",
                did_you_mean(name, _TOP_LEVEL),
                "config-unknown-setting",
            )
    problems = sorted(report.problems, key=lambda p: (p.line, p.col))  # as the file reads
    return Config(keys=keys, theme=theme, path=path, library=library), problems


def library_setting(path: Path) -> tuple[str | None, list[str]]:
    """The ``library`` setting of the config file at ``path``, and a line for each problem
    that makes it unusable (the file does not parse, or the value is not a path)."""
    config, problems = load_config(path=path)
    own = ("config-syntax", "config-unreadable", "config-encoding", "config-bad-library")
    return config.library, [
        f"{p.format()}; the library setting is ignored" for p in problems if p.code in own
    ]


def _read_library(value: object, report: _Report) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        report.add(
            "library",
            "error",
            f"'library' must be the path of a folder of briefs, not {value!r}",
            'write it as library = "~/briefs"',
            "config-bad-library",
        )
        return None
    return value


def _read_theme(value: object, valid_themes: Collection[str] | None, report: _Report) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        report.add(
            "theme",
            "error",
            f"'theme' must be a theme name, not {value!r}",
            None,
            "config-bad-theme",
        )
        return None
    if valid_themes is not None and value not in valid_themes:
        report.add(
            "theme",
            "warning",
            f"unknown theme {value!r}",
            did_you_mean(value, valid_themes),
            "config-unknown-theme",
        )
        return None
    return value


def _with_theme(text: str, name: str) -> str | None:
    """``text`` with its top-level theme set to ``name``, every comment, blank line and key
    order kept (tomlkit edits the document, not the text); None if tomlkit cannot read it.

    tomlkit is imported here, only when saving: the reader never pays for it otherwise.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
        document["theme"] = name
        new = tomlkit.dumps(document)
    except (TOMLKitError, ValueError):
        return None
    if "\r\n" in text:  # tomlkit writes "\n" for the line it adds: keep the file's endings
        new = re.sub(r"(?<!\r)\n", "\r\n", new)
    return new


def save_theme(
    name: str, *, env: Mapping[str, str] | None = None, path: Path | None = None
) -> Problem | None:
    """Remember ``name`` in the config file, leaving every other line as it was.

    Refuses (returns a Problem) rather than guess when the file does not parse,
    or when the edit would change anything but the theme. The file is replaced
    atomically, through a symlink if it is one (dotfile managers use them).
    """
    path = config_path(env) if path is None else path
    target = Path(os.path.realpath(path))
    raw = read_bounded(target, MAX_BYTES)  # a FIFO or a device is neither read nor replaced
    try:
        if isinstance(raw, Unread) and not raw.missing:
            raise OSError(raw.reason)
        old = "" if isinstance(raw, Unread) else raw.decode("utf-8")  # CRLF kept as it is
    except (OSError, UnicodeDecodeError) as error:
        return Problem(
            str(path),
            1,
            1,
            "error",
            f"theme not saved: cannot read config: {error}",
            None,
            "config-unreadable",
        )
    try:
        before = tomllib.loads(old)
    except tomllib.TOMLDecodeError as error:
        problem = _syntax_problem(path, old, error)
        return Problem(
            problem.path,
            problem.line,
            problem.col,
            "error",
            f"theme not saved: {problem.message}",
            "fix the config file first",
            "config-syntax",
        )
    if before.get("theme") == name:
        return None  # already remembered: leave the file (and its mtime) alone
    new = _with_theme(old, name)
    try:
        after = tomllib.loads(new) if new is not None else {}
    except tomllib.TOMLDecodeError:
        after = {}
    if new is None or after != {**before, "theme": name}:
        return Problem(
            str(path),
            1,
            1,
            "error",
            "theme not saved: the config file's layout is too unusual to edit safely",
            f"add theme = {json.dumps(name)} at the top yourself",
            "config-unsafe-edit",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        write_atomic(target, new.encode("utf-8"), mode)
    except OSError as error:
        reason = error.strerror or str(error)
        return Problem(
            str(path), 1, 1, "error", f"theme not saved: {reason}", None, "config-unwritable"
        )
    return None
