"""Where a place the YAML parser names is in the file as an editor shows it.

The parser's line and column can differ from an editor's in two ways. It counts NEL
(U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) as line breaks (YAML 1.1
does), where editors break lines at LF, CRLF and CR only. And it reads the text after
control characters and escape sequences were removed (``sanitize.clean_source``), so every
column after one on the same line is short by its length. :class:`Positions` maps a
parser's place back to the file as written; most files have neither, and need no map.

Lines are counted as an editor numbers them: a final line break ends the last line rather
than starting another, so a place past the end is moved back onto the last line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")
_ONLY_YAML = ("\x85", "\u2028", "\u2029")
"""The line breaks YAML sees and editors do not. Every file is searched for them: with
substring tests, as a regular expression goes character by character over a text that is
not ASCII (curly quotes and dashes make most briefs so)."""

Span = tuple[int, int]
"""[start, end) of something removed, in offsets of the text as written."""


def _starts(text: str, breaks: re.Pattern[str]) -> list[int]:
    return [0, *(found.end() for found in breaks.finditer(text))]


class Positions:
    """Maps places in the text parsed to places in the text as written (both 1-based)."""

    def __init__(self, parsed: str, written: str, removed: Sequence[Span] = ()) -> None:
        self._parsed = _starts(parsed, _YAML_BREAK)
        self._written = _starts(written, _EDITOR_BREAK)
        self._length = len(written)
        if written.endswith(("\n", "\r")) and len(self._written) > 1:
            self._written.pop()  # the break ends the last line; no line starts after it
        self._removed_at: list[int] = []
        """Where, in the parsed text, each removal was: what follows it moves right."""
        self._shift: list[int] = []
        """How many characters were removed up to and including each removal."""
        total = 0
        for start, end in sorted(removed):
            self._removed_at.append(start - total)
            total += end - start
            self._shift.append(total)

    @staticmethod
    def needed(parsed: str, removed: Sequence[Span]) -> bool:
        """Whether places in ``parsed`` can differ from an editor's at all."""
        return bool(removed) or any(brk in parsed for brk in _ONLY_YAML)

    def offset(self, offset: int) -> tuple[int, int]:
        """The editor's (line, column) of an offset in the parsed text."""
        count = bisect_right(self._removed_at, offset)
        written = min(offset + (self._shift[count - 1] if count else 0), self._length)
        line = bisect_right(self._written, written)
        return line, written - self._written[line - 1] + 1

    def mark(self, line: int, col: int) -> tuple[int, int]:
        """The editor's (line, column) of the parser's (line, column)."""
        line = min(max(line, 1), len(self._parsed))
        return self.offset(self._parsed[line - 1] + col - 1)


def editor_lines(text: str) -> list[str]:
    """The lines an editor shows: a final line break ends the last line, starts no other."""
    lines = _EDITOR_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def clamp(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """A place moved back inside the file (``editor_lines``) when it is past the last line
    or past the end of its line: the parser's end of the file is one line further down."""
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(col, len(lines[line - 1]) + 1)
