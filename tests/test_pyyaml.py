"""PyYAML imported through ``briefing.brief.pyyaml``: its reader's pattern waits for its first use.

Each check that needs PyYAML imported afresh runs in a new interpreter: this one has
imported ``yaml`` already (``conftest``), and then nothing is deferred.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from briefing.brief import pyyaml

OTHER_PYTHONS = ("python3.12", "python3.13", "python3.14")
"""Run where installed: ``re``'s private cache differs between versions, and the suite's
environment is 3.11's. There PyYAML is its pure-Python part (its C part is built for 3.11)."""


@pytest.fixture(params=["this", *OTHER_PYTHONS])
def python(request: pytest.FixtureRequest) -> list[str]:
    """The interpreter a fresh check runs in, with what it needs to import."""
    if request.param == "this":
        return [sys.executable]
    found = shutil.which(request.param)
    if found is None or subprocess.run([found, "-c", ""], check=False).returncode:
        pytest.skip(f"{request.param} is not installed here")
    here = [str(Path(pyyaml.__file__).parents[2]), str(Path(yaml.__file__).parents[1])]
    return ["env", f"PYTHONPATH={os.pathsep.join(here)}", found]


def _fresh(python: list[str], code: str) -> dict[str, object]:
    """Run ``code`` in a new interpreter; it prints one JSON object, returned."""
    done = subprocess.run(
        [*python, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_pyyaml_still_compiles_the_pattern_we_defer(python: list[str]) -> None:
    """PyYAML's own import compiles exactly this text: if a release changes it, the stand-in
    would sit unused in ``re``'s cache and this fails."""
    seen = _fresh(
        python,
        """
        import json, yaml
        print(json.dumps({"pattern": yaml.reader.Reader.NON_PRINTABLE.pattern}))
        """,
    )
    assert seen["pattern"] == pyyaml.NON_PRINTABLE


def test_importing_pyyaml_through_us_compiles_its_reader_pattern_only_when_used(
    python: list[str],
) -> None:
    seen = _fresh(
        python,
        """
        import json, re
        from briefing.brief.pyyaml import NON_PRINTABLE, yaml
        held = yaml.reader.Reader.NON_PRINTABLE
        caches = [getattr(re, name, {}) for name in ("_cache", "_cache2")]
        before = {"kind": type(held).__name__, "compiled": held._compiled is not None,
                  "cached": any(v is held for cache in caches for v in cache.values())}
        fresh = re.compile(NON_PRINTABLE)
        try:
            yaml.load('text: "a\\x07b"', Loader=yaml.SafeLoader)
            refused = ""
        except yaml.reader.ReaderError as error:
            refused = str(error)
        print(json.dumps({**before, "refused": refused,
                          "real": isinstance(fresh, re.Pattern),
                          "now": type(held._compiled).__name__}))
        """,
    )
    # PyYAML holds the stand-in, uncompiled, and no cache of re does any more.
    assert seen["kind"] == "_OnFirstUse"
    assert seen["compiled"] is False
    assert seen["cached"] is False
    # The pure-Python reader still refuses a control character, with PyYAML's own words.
    assert "unacceptable character #x0007" in str(seen["refused"])
    assert seen["now"] == "Pattern"
    # Anyone else compiling the same text gets a real pattern.
    assert seen["real"] is True


def test_a_pyyaml_imported_before_us_is_used_as_it_is(python: list[str]) -> None:
    seen = _fresh(
        python,
        """
        import json, re, yaml
        from briefing.brief.pyyaml import yaml as ours
        print(json.dumps({"same": ours is yaml,
                          "kind": type(yaml.reader.Reader.NON_PRINTABLE).__name__,
                          "cache": sum(type(v).__name__ == "_OnFirstUse"
                                       for name in ("_cache", "_cache2")
                                       for v in getattr(re, name, {}).values())}))
        """,
    )
    assert seen == {"same": True, "kind": "Pattern", "cache": 0}


@given(st.text(max_size=40))
def test_the_stand_in_finds_what_the_compiled_pattern_finds(text: str) -> None:
    stand_in = pyyaml._OnFirstUse(pyyaml.NON_PRINTABLE)
    compiled = re.compile(pyyaml.NON_PRINTABLE)
    found, expected = stand_in.search(text), compiled.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert stand_in.pattern == compiled.pattern


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\ufffe", "\ud800"])
def test_the_stand_in_refuses_what_yaml_refuses(character: str) -> None:
    stand_in = pyyaml._OnFirstUse(pyyaml.NON_PRINTABLE)
    found = stand_in.search(f"ok {character} ok")
    assert found is not None
    assert found.group() == character


def test_no_module_but_ours_imports_pyyaml_itself() -> None:
    """A module importing ``yaml`` directly, first in a process, would compile the pattern."""
    package = Path(pyyaml.__file__).parents[1]
    direct = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "pyyaml.py" and path.parent.name == "brief":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(name == "yaml" or name.startswith("yaml.") for name in names):
                direct.append(f"{path.relative_to(package)}:{node.lineno}")
    assert direct == []
