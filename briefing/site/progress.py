"""A progress bar on a terminal, and nothing at all anywhere else (a pipe, a CI log)."""

from __future__ import annotations

import shutil
import time
from typing import TextIO

_INTERVAL = 0.1
"""Seconds between redraws: often enough to look alive, rarely enough to cost nothing."""


class Progress:
    def __init__(self, stream: TextIO, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self._label = ""
        self._total = 0
        self._done = 0
        self._drawn = 0.0

    def start(self, label: str, total: int) -> None:
        self._label, self._total, self._done, self._drawn = label, total, 0, 0.0
        self._draw()

    def advance(self, count: int = 1) -> None:
        self._done += count
        if self.enabled and time.monotonic() - self._drawn >= _INTERVAL:
            self._draw()

    def finish(self) -> None:
        if self.enabled and self._label:
            self._done = self._total
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        self._label = ""

    def line(self, total: int, done: int, width: int) -> str:
        """The bar as text: ``label [#####     ] 1,234/10,000``, at most ``width`` wide."""
        counts = f" {done:,}/{total:,}" if total else ""
        room = max(0, width - len(self._label) - len(counts) - 3)
        bar = ""
        if room >= 10 and total:
            filled = room * min(done, total) // total
            bar = " [" + "#" * filled + " " * (room - filled) + "]"
        return (self._label + bar + counts)[:width]

    def _draw(self) -> None:
        if not self.enabled:
            return
        self._drawn = time.monotonic()
        width = min(shutil.get_terminal_size().columns, 100) - 1
        self.stream.write("\r" + self.line(self._total, self._done, width).ljust(width))
        self.stream.flush()
