"""A program that ends at its first frame, so a count of its instructions is its start-up.

    python -m benchmarks.first_frame reader [ARGS ...]   the reader, as ``briefing ARGS``
    python -m benchmarks.first_frame minimal APP.py      the minimal Textual app
    python -m benchmarks.first_frame helper PATH ...     the prefetch helper, to its answer

The first frame is the first write of a whole screen to Textual's writer thread (start-up
writes only short escape sequences before it): the process ends there, before anything
reaches the terminal, with ``os._exit`` so no clean-up is counted. Textual's writer module
is imported first, for the hook; the program imports it before its first frame anyway,
and a count, unlike a time, does not depend on the order.
"""

from __future__ import annotations

import os
import runpy
import sys
from typing import Any

SCREEN_CHARS = 2000
"""A write at least this long is a screen: start-up escape sequences are a few bytes."""


def _end_at_first_frame() -> None:
    from textual.drivers import _writer_thread

    write = _writer_thread.WriterThread.write

    def ending(self: Any, text: str) -> None:
        if len(text) >= SCREEN_CHARS:
            os._exit(0)
        write(self, text)

    _writer_thread.WriterThread.write = ending  # type: ignore[method-assign]


def _end_at_answer() -> None:
    from briefing.store import prefetch

    def answered(answer: object, hold: bool = False) -> None:
        os._exit(0)

    prefetch._answer = answered


def main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "helper":
        _end_at_answer()
        from briefing.store.prefetch import main as helper

        return helper(["--", *args])
    _end_at_first_frame()
    if kind == "minimal":
        sys.argv = args
        runpy.run_path(args[0], run_name="__main__")
        return 0
    from briefing.cli import main as briefing

    return briefing(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
