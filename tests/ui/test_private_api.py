"""The private Textual and Rich APIs the reader uses are all listed beside the pin.

``textual`` is pinned because the reader overrides or calls parts of Textual and Rich that
are not public; docs/textual-private-api.md lists each with the test that fails when an
upgrade changes it. These tests keep that list whole: a new use of a private name is
found here until it is listed, and every test the list names exists.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import briefing.ui

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "textual-private-api.md"
FRAMEWORKS = ("textual", "rich")
_PRIVATE_MODULE = re.compile(r"\b((?:textual|rich)(?:\.\w+)*\._[a-z]\w*)")
_SELF_PRIVATE = re.compile(r"\bself\.(_[a-z]\w*)")
_DEFINED = re.compile(r"^    (?:async def |def )?(_[a-z]\w*)\b", re.M)
"""A private name the class body itself defines (a method or a class attribute); names
Textual's metaclass adds (``_reactives``, ``_computes`` ...) are not in the source."""
_TEST_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?::(\w+)`")


@functools.cache
def _source(cls: type) -> str:
    try:
        return inspect.getsource(cls)
    except (OSError, TypeError):  # built in, or made at run time
        return ""


def _framework_names(cls: type) -> set[str]:
    """The private names ``cls`` defines or reads that a Textual or Rich base class of its
    own defines or reads too: its overrides of, and its reaches into, private APIs."""
    bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in FRAMEWORKS]
    if not bases:
        return set()
    theirs = "\n".join(_source(base) for base in bases)
    source = _source(cls)
    own = set(_DEFINED.findall(source)) | set(_SELF_PRIVATE.findall(source))
    return {
        name
        for name in own
        if re.search(rf"(\bdef {name}\b|\bself\.{name}\b|^\s*{name}\b)", theirs, re.M)
    }


def private_uses() -> dict[str, set[str]]:
    """Every private Textual or Rich name the reader's code uses -> where (module.Class)."""
    found: dict[str, set[str]] = {}
    for module_info in pkgutil.walk_packages(briefing.ui.__path__, "briefing.ui."):
        module = importlib.import_module(module_info.name)
        text = Path(module.__file__ or "").read_text("utf-8")
        for name in _PRIVATE_MODULE.findall(text):
            found.setdefault(name, set()).add(module_info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module_info.name:
                for name in _framework_names(value):
                    found.setdefault(name, set()).add(f"{module_info.name}.{value.__name__}")
    return found


def test_the_search_finds_the_private_apis_we_know_of() -> None:
    found = private_uses()
    # One of each kind: an overridden method, a private handler, an attribute read through
    # self, a private module's function.
    assert "briefing.ui.widgets.panes.ItemPane" in found["_update_lines"]
    assert "briefing.ui.screens.main.MainScreen" in found["_on_screen_resume"]
    assert "briefing.ui.widgets.panes.ItemPane" in found["_line_cache"]
    assert "briefing.ui.render" in found["rich._wrap"]
    assert "_compose" not in found  # a name no class of ours touches is not reported


def test_every_private_api_used_is_listed_beside_the_pin() -> None:
    listed = DOC.read_text("utf-8")
    missing = {
        name: sorted(where)
        for name, where in private_uses().items()
        if not re.search(rf"`[^`|]*\b{re.escape(name)}\b[^`|]*`", listed)
    }
    assert missing == {}, f"list these in {DOC.name}, each with the test that catches a change"


def test_every_test_the_list_names_exists() -> None:
    named: list[tuple[str, str]] = []
    for line in DOC.read_text("utf-8").splitlines():
        current = ""
        for file, test in _TEST_REFERENCE.findall(line):
            current = file or current
            named.append((current, test))
    assert len(named) >= 10  # the table's column was read
    for file, test in named:
        assert file, f"{test}: no file named before it"
        text = (REPO / file).read_text("utf-8")
        assert re.search(rf"^(async )?def {test}\(", text, re.M), f"{file}::{test} is gone"
