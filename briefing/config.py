"""The user's config file: remapped keys and the remembered theme.

A config file is hand-edited, so reading it never fails: every mistake becomes
a :class:`Problem` pointing at its line, and the reader starts with defaults for
whatever could not be used. Writing is limited to the theme of this one file (edited
with tomlkit, so comments and order survive); the app never writes anywhere else.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.brief.problems import Problem, Severity
from briefing.paths import cache_dir as cache_dir  # re-exported: the config API names both
from briefing.paths import config_path

_TOP_LEVEL = ("keys", "theme")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings after validation: only usable values survive."""

    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> Textual key string (comma-separated alternatives), for ``App.set_keymap``."""
    theme: str | None = None
    path: Path | None = None


def _find_line(text: str, key: str) -> tuple[int, int]:
    """Best-effort 1-based position of ``key = ...`` (tomllib reports no positions for values)."""
    last = key.rsplit(".", 1)[-1]
    candidates = (key, last) if last != key else (key,)
    for wanted in candidates:
        name = re.escape(wanted)
        pattern = re.compile(
            rf"^(\s*)(?:\[\[?\s*)?(?:\"{name}\"|'{name}'|{name})\s*(?:=|\]\]?\s*(?:#.*)?$)"
        )
        for number, line in enumerate(text.splitlines(), start=1):
            match = pattern.match(line)
            if match:
                return number, len(match.group(1)) + 1
    return 1, 1


def _did_you_mean(name: str, valid: Collection[str]) -> str | None:
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"briefing": {"search": "x"}}`` -> ``{"briefing.search": "x"}``.

    So ``briefing.search = "x"`` (a dotted key) and ``"briefing.search" = "x"``
    (a quoted one) both work: the difference is invisible to most users.
    """
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _key_string(value: object) -> str | None:
    """Normalise ``"ctrl+f, f3"`` or ``["ctrl+f", "f3"]`` to ``"ctrl+f,f3"``; None if unusable."""
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",")]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        parts = [part.strip() for part in value]
    else:
        return None
    if not parts or any(not part or any(ch.isspace() for ch in part) for part in parts):
        return None
    return ",".join(parts)


class _Report:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []

    def add(self, key: str, severity: Severity, message: str, hint: str | None, code: str) -> None:
        line, col = _find_line(self.text, key)
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
) -> tuple[Config, list[Problem]]:
    """Read the config file; a missing file is simply the defaults.

    ``valid_ids`` and ``valid_themes``, when given, turn unknown names into
    warnings with a did-you-mean; unknown entries are dropped.
    """
    path = config_path(env) if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path), []
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(
            str(path),
            1,
            1,
            "error",
            f"cannot read the config file: {reason}",
            None,
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
    keys = _read_keys(data.get("keys"), valid_ids, report)
    theme = _read_theme(data.get("theme"), valid_themes, report)
    for name in data:
        if name not in _TOP_LEVEL:
            report.add(
                name,
                "warning",
                f"unknown setting {name!r}",
                _did_you_mean(name, _TOP_LEVEL),
                "config-unknown-setting",
            )
    return Config(keys=keys, theme=theme, path=path), report.problems


def _read_keys(table: object, valid_ids: Collection[str] | None, report: _Report) -> dict[str, str]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        report.add(
            "keys",
            "error",
            "'keys' must be a table of binding id = \"key\"",
            'write it as [keys] followed by lines like "briefing.search" = "ctrl+f"',
            "config-keys-type",
        )
        return {}
    keys: dict[str, str] = {}
    owners: dict[str, str] = {}
    for binding_id, value in _flatten(table).items():
        if valid_ids is not None and binding_id not in valid_ids:
            report.add(
                binding_id,
                "warning",
                f"unknown key binding id {binding_id!r}",
                _did_you_mean(binding_id, valid_ids),
                "config-unknown-binding",
            )
            continue
        key = _key_string(value)
        if key is None:
            report.add(
                binding_id,
                "error",
                f"bad key for {binding_id!r}: {value!r}",
                'use a key string like "ctrl+f", or several separated by commas',
                "config-bad-key",
            )
            continue
        for part in key.split(","):
            if part in owners:
                report.add(
                    binding_id,
                    "warning",
                    f"key {part!r} is given to both {owners[part]!r} and {binding_id!r}",
                    None,
                    "config-key-clash",
                )
            owners.setdefault(part, binding_id)
        keys[binding_id] = key
    return keys


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
            _did_you_mean(value, valid_themes),
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
    try:
        old = ""
        if target.exists():
            with open(target, encoding="utf-8", newline="") as handle:  # keep CRLF as it is
                old = handle.read()
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
        fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(new)
            mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = error.strerror or str(error)
        return Problem(
            str(path), 1, 1, "error", f"theme not saved: {reason}", None, "config-unwritable"
        )
    return None
