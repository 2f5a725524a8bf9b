"""docs/json-output.md lists and explains every problem code the program can emit."""

from __future__ import annotations

import re
from pathlib import Path

from problem_codes import emitted_codes

DOC = Path(__file__).resolve().parent.parent / "docs" / "json-output.md"


def _documented() -> dict[str, str]:
    """Code -> its explanation, from the doc's tables."""
    rows = re.findall(
        r"^\| `([a-z0-9-]+)` \| (?:error|warning)[^|]* \| (.+) \|$", DOC.read_text(), re.M
    )
    return dict(rows)


def test_the_scan_finds_codes_from_every_layer() -> None:
    found = emitted_codes()
    for code in (
        "yaml-syntax",
        "missing-key",
        "quote-not-found",
        "quote-unverified",
        "config-syntax",
        "invalid",
    ):
        assert code in found, code


def test_every_emitted_code_is_documented_and_explained() -> None:
    documented = _documented()
    missing = {code: places for code, places in emitted_codes().items() if code not in documented}
    assert missing == {}
    assert all(len(text.split()) >= 4 for text in documented.values())


def test_the_doc_lists_no_code_that_is_never_emitted() -> None:
    assert set(_documented()) - set(emitted_codes()) == set()
