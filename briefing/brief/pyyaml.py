"""PyYAML, imported through here so that its one costly and, for us, unused regex waits.

Importing ``yaml`` compiles ``yaml.reader.Reader.NON_PRINTABLE``, a character class that
runs to U+10FFFF, which Python's regex compiler builds in a Python loop over most of the
first plane's code points: as costly as all the rest of PyYAML's import, in every process
that parses (the prefetch helper, ``check``, a load's parsing helpers; the figures are in
``benchmarks/results.md``). Only the pure-Python reader uses the pattern, to refuse a
control character; libyaml, which reads every brief, checks characters itself. The
pure-Python parser is the fallback for a brief libyaml refuses (``yamlnodes``), and there
the pattern is compiled on its first use.

How: ``re.compile`` answers from its cache when the pattern's text is there, so before
PyYAML is imported, the cache holds a :class:`_OnFirstUse` under that text, and PyYAML
keeps it as its pattern. The cache is private to ``re``; if it is shaped otherwise (a
later Python), nothing is deferred and the pattern is compiled as before.
``tests/test_pyyaml.py`` fails when PyYAML's pattern no longer gets deferred or no longer
behaves as compiled.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""``yaml.reader.Reader.NON_PRINTABLE``'s text, as PyYAML 6 writes it."""


class _OnFirstUse:
    """A stand-in for a compiled pattern that compiles it the first time it is used."""

    __slots__ = ("_compiled", "_lock", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def compiled(self) -> re.Pattern[str]:
        with self._lock:
            if self._compiled is None:
                _forget(self)
                compiled = re.compile(self._text)
                if not isinstance(compiled, re.Pattern):  # a cache still held the stand-in
                    re.purge()
                    compiled = re.compile(self._text)
                self._compiled = compiled
            return self._compiled

    def search(self, string: str, *bounds: int) -> re.Match[str] | None:
        return self.compiled().search(string, *bounds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def _forget(stand_in: _OnFirstUse) -> None:
    """Take the stand-in out of ``re``'s caches (3.12 keeps a second one of the most recent
    patterns, where a lookup copies it), so ``re.compile`` compiles that text again."""
    for name in ("_cache", "_cache2"):
        cache = getattr(re, name, None)
        if isinstance(cache, dict):
            for key in [key for key, value in cache.items() if value is stand_in]:
                del cache[key]


def _defer() -> _OnFirstUse:
    """The stand-in, in the cache where ``re.compile`` finds a text it compiled before."""
    stand_in = _OnFirstUse(NON_PRINTABLE)
    cache = getattr(re, "_cache", None)
    if isinstance(cache, dict) and "yaml" not in sys.modules:
        cache.setdefault((str, NON_PRINTABLE, 0), stand_in)
    return stand_in


_stand_in = _defer()
try:
    import yaml
finally:
    _forget(_stand_in)

__all__ = ["yaml"]
