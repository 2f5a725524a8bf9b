"""Rules about the code itself: a core free of Textual, safe YAML only, small modules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from briefing import yamlnodes

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
MAX_LINES = 400


def _modules(include_ui: bool) -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob("*.py") if include_ui or PACKAGE / "ui" not in path.parents
    )


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_core_modules_never_import_textual() -> None:
    names = [_name(p) for p in _modules(include_ui=False) if p.name != "__main__.py"]
    assert "briefing.loader" in names and not any(n.startswith("briefing.ui") for n in names)
    script = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual',))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_command_line_entry_point_does_not_import_textual_for_check() -> None:
    script = (
        "import sys\n"
        "from briefing.cli import main\n"
        "code = main(['check', '--format', 'json', 'tests/fixtures/good'])\n"
        "assert 'textual' not in sys.modules, 'check imported textual'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PACKAGE.parent,
    )
    assert done.returncode == 0, done.stderr


_UNSAFE_YAML = re.compile(
    r"\b(?:C?(?:Full|Unsafe)?Loader)\b"  # Loader, CLoader, FullLoader, UnsafeLoader ...
    r"|\byaml\.(?:load|load_all|full_load|full_load_all|unsafe_load|unsafe_load_all)\b"
    r"|\bfrom\s+yaml\s+import\s+[^\n]*\b(?:load|load_all|full_load|unsafe_load)\b"
)


def test_no_module_uses_an_unsafe_yaml_loader() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in _modules(include_ui=True)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _UNSAFE_YAML.search(line)
    ]
    assert offenders == []


def test_the_pattern_catches_what_it_must() -> None:
    for bad in (
        "yaml.load(text)",
        "yaml.load(text, Loader=yaml.Loader)",
        "yaml.load(text, Loader=yaml.CSafeLoader)",  # even safe: briefs go through yamlnodes
        "x = yaml.FullLoader",
        "yaml.UnsafeLoader(stream)",
        "yaml.CLoader",
        "yaml.unsafe_load(s)",
        "from yaml import load, dump",
    ):
        assert _UNSAFE_YAML.search(bad), bad
    for fine in ("yaml.safe_load(s)", "yaml.SafeLoader", "yaml.CSafeLoader", "_LOADER = x"):
        assert not _UNSAFE_YAML.search(fine), fine


def test_the_event_reader_uses_a_safe_loader() -> None:
    safe = tuple(c for c in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", None)) if c)
    assert issubclass(yamlnodes._LOADER, safe)


def test_no_module_is_longer_than_the_limit() -> None:
    too_long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path in _modules(include_ui=True)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, f"split these modules (over {MAX_LINES} lines): {too_long}"
