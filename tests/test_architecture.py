"""Rules about the code itself: a core free of Textual, safe YAML only, a light first frame."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import settings
from textual.screen import Screen

from briefing.brief import yamlnodes

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"


def _modules(include_ui: bool) -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob("*.py") if include_ui or PACKAGE / "ui" not in path.parents
    )


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_core_modules_never_import_textual() -> None:
    names = [_name(p) for p in _modules(include_ui=False) if p.name != "__main__.py"]
    assert "briefing.brief.loader" in names and not any(n.startswith("briefing.ui") for n in names)
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
    done = _python(script)
    assert done.returncode == 0, done.stderr


def _python(script: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh interpreter from the project root."""
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PACKAGE.parent,
        env=env,
    )


def _stubs(source: str) -> list[int]:
    """Lines where a method of a class raises ``NotImplementedError``: a stub for what
    another class (a subclass, or the class it is mixed into) provides."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Raise) and inner.exc is not None:
                raised = inner.exc.func if isinstance(inner.exc, ast.Call) else inner.exc
                if isinstance(raised, ast.Name) and raised.id == "NotImplementedError":
                    found.append(inner.lineno)
    return found


def test_no_class_of_the_ui_has_stubs_for_another_class_to_provide() -> None:
    """The UI is built by composition (issue 11): objects given what they need, not bases
    whose methods raise until a subclass or a host class fills them in."""
    stubs = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted((PACKAGE / "ui").rglob("*.py"))
        for line in _stubs(path.read_text(encoding="utf-8"))
    ]
    assert stubs == []


def test_the_stub_finder_finds_stubs() -> None:
    source = (
        "class Base:\n"
        "    def provided(self):\n"
        "        raise NotImplementedError\n"
        "    @property\n"
        "    def widget(self):\n"
        "        raise NotImplementedError('the screen has it')\n"
        "def function():\n"
        "    raise NotImplementedError\n"  # not a class's: not a stub for another class
    )
    assert _stubs(source) == [3, 6]


def test_the_main_screen_is_a_screen_and_nothing_else() -> None:
    """No mixin gives the main screen its filters or keys: it owns the objects doing them."""
    from briefing.ui.screens.main import MainScreen

    assert MainScreen.__bases__ == (Screen,)


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


FIRST_FRAME_NEVER_IMPORTS = (
    "yaml",  # parsing: the index (or the prefetch helper) has the first screen
    "sqlite3",  # the index itself: the prefetch helper hands its rows over (see below)
    "markdown_it",  # the summary's Markdown: rendered after the first frame
    "briefing.brief.loader",
    "briefing.search.index",  # the search index: built after the first frame
    "briefing.ui.widgets.search",  # the search panel: mounted after the first frame
    "briefing.ui.widgets.banner",  # the problems banner: mounted when needed
    "briefing.ui.widgets.broken",
    "briefing.ui.links",
    "briefing.ui.widgets.plaintext",  # only for a summary too long for Markdown
    "briefing.config",  # no config file here
    "tomlkit",  # only to save a theme
    "argparse",  # plain `briefing` parses nothing
)


@pytest.mark.slow
def test_the_main_screen_is_imported_before_the_reader_waits_for_the_library(
    tmp_path: Path,
) -> None:
    """``load_first`` may wait for the prefetch helper: the screen's modules are imported
    first, so that the helper's work and the import overlap."""
    script = (
        "import sys\n"
        "from briefing.paths import default_library_paths\n"
        "from briefing.ui.app import make_app\n"
        "from briefing.ui.keeper import LibraryKeeper\n"
        "load_first = LibraryKeeper.load_first\n"
        "def waited(self):\n"
        "    print('briefing.ui.screens.main' in sys.modules)\n"
        "    return load_first(self)\n"
        "LibraryKeeper.load_first = waited\n"
        "assert 'briefing.ui.screens.main' not in sys.modules\n"
        "make_app(default_library_paths(), watch=False).get_default_screen()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = _python(script, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True"]


@pytest.mark.slow
def test_the_first_frame_imports_only_what_it_draws(tmp_path: Path) -> None:
    """Every module imported before the first frame is start-up time (the budget is 1.35x a
    minimal Textual app): those the first screen does not draw must come later."""
    script = (
        "import asyncio, json, sys\n"
        "from briefing.store import prefetch\n"
        "from briefing.store.prefetch import Prefetch\n"
        # On a loaded machine the helper may take longer than the reader's own wait, and
        # the reader would then (rightly) do the work itself.
        "prefetch.WAIT_SECONDS = 120\n"
        "from briefing.paths import default_library_paths\n"
        "# On a busy machine the helper may miss its deadline, and the reader then reads the\n"
        "# index itself (sqlite3): the frame with the helper's answer is the one examined.\n"
        "listing = Prefetch.listing\n"
        "Prefetch.listing = lambda self, timeout=60.0: listing(self, timeout)\n"
        "paths = default_library_paths()\n"
        "helper = prefetch.Ready.here(paths) or Prefetch.start(paths)  # as the CLI does\n"
        "print(type(helper).__name__)\n"
        "from briefing.ui.app import BriefingApp, make_app\n"
        "seen = []\n"
        "load_rest = BriefingApp._load_rest\n"
        "def first_frame_done(self, first):  # called once the first frame is drawn\n"
        "    assert self.main.brief is not None, 'the first brief is not on screen'\n"
        "    seen.extend(sorted(sys.modules))\n"
        "    load_rest(self, first)\n"
        "BriefingApp._load_rest = first_frame_done\n"
        "app = make_app(paths, watch=False, prefetch=helper)\n"
        "async def main():\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        while not seen:\n"
        "            await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(json.dumps(seen))\n"
    )
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    fill = (
        "from briefing.paths import default_library_paths\n"
        "from briefing.store import prefetch\n"
        "prefetch._work(default_library_paths(), None, 60, 16, lambda answer: None)\n"
    )
    # A library no longer than its first screen that the index holds is read by the reader
    # itself (``Ready.here``): that, and only that, opens SQLite before the first frame.
    for run, kind, allowed in (("cold", "Prefetch", ()), ("warm", "Ready", ("sqlite3",))):
        if run == "warm":
            assert _python(fill, env).returncode == 0
        done = _python(script, env)
        assert done.returncode == 0, (run, done.stderr)
        said = done.stdout.strip().splitlines()
        assert said[0] == kind
        imported = set(json.loads(said[-1]))
        assert "briefing.ui.screens.main" in imported  # the probe saw a running reader
        never = set(FIRST_FRAME_NEVER_IMPORTS) - set(allowed)
        assert imported.isdisjoint(never), (run, sorted(imported & never))


def test_property_tests_replay_the_same_examples_unless_told_to_explore() -> None:
    """``make test`` is a gate (tests/conftest.py): every run tries the same examples and
    writes no example database; only ``make explore`` searches afresh."""
    if settings.get_current_profile_name() == "explore":
        pytest.skip("make explore searches afresh")
    assert settings.get_current_profile_name() == "gate"
    current = settings.default
    assert current is not None
    assert current.derandomize
    assert current.database is None
