"""The command line's one-line messages on standard error.

Every error starts ``briefing: error:`` and every warning ``briefing: warning:``, so a script
or a person can tell them from the output and grep for them; one module spells the prefixes.
Callers make the text safe to print (``visible``/``one_line``) since only they know what in it
came from the user's files.
"""

from __future__ import annotations

import sys
from typing import TextIO

ERROR = "briefing: error:"
WARNING = "briefing: warning:"


def say(message: str, stream: TextIO | None = None) -> None:
    """One line on standard error (or ``stream``)."""
    print(message, file=stream or sys.stderr)


def error(message: str) -> None:
    say(f"{ERROR} {message}")


def warning(message: str) -> None:
    say(f"{WARNING} {message}")
