"""Briefs outside the reader: one renderer per output format, and the ``list`` table.

Each format module exposes ``render(brief) -> str`` and imports nothing heavy at
module level beyond what it needs, so ``briefing show --format json`` never pays
for the HTML renderer's Markdown parser.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.brief.model import Brief

FORMATS: tuple[str, ...] = ("text", "markdown", "json", "html")
"""The names ``--format`` accepts, in the order help should list them."""

_MODULES = {"text": "text", "markdown": "markdown", "json": "jsonout", "html": "html"}


def renderer(fmt: str) -> Callable[[Brief], str]:
    """The ``render`` function of one format; ``KeyError`` for an unknown name."""
    module = importlib.import_module(f"briefing.export.{_MODULES[fmt]}")
    render: Callable[[Brief], str] = module.render
    return render
