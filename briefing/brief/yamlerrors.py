"""A YAML parser's error as a problem: its place as an editor shows it, its words, a hint.

Apart from ``yamlnodes`` (which reads the events): this is what a syntax error reads like.
"""

from __future__ import annotations

from briefing.brief.positions import Positions
from briefing.brief.problems import Problem
from briefing.brief.pyyaml import yaml

_NO_COLON = "could not find expected ':'"
_INDENTATION_ERRORS = (
    "could not find expected ':'",
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-' indicator",
)


def _character_problem(
    path: str, text: str, error: yaml.reader.ReaderError, positions: Positions | None
) -> Problem:
    """A character YAML refuses (U+FFFE, a lone surrogate ...), placed by finding it.

    The error's own position is in characters for PyYAML but in bytes for libyaml.
    """
    char = chr(error.character) if isinstance(error.character, int) else "\ufffd"
    offset = max(text.find(char), 0)
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - before.rfind("\n")
    if positions is not None:
        line, col = positions.offset(offset)
    message = f"YAML syntax: character U+{ord(char):04X} is not allowed"
    return Problem(
        path, line, col, "error", message, "remove it; briefs are plain text", "yaml-syntax"
    )


def syntax_problem(
    path: str, text: str, error: yaml.YAMLError, positions: Positions | None
) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        return _character_problem(path, text, error, positions)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    opened = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if _NO_COLON in problem and opened is not None:
        mark = opened  # the parser notices at the next line; the key lacking it is here
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    context = getattr(error, "context", None)
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    if opened is not None and mark is not None and opened.line != mark.line:
        began = (opened.line + 1, opened.column + 1)
        if positions is not None:
            began = positions.mark(*began)
        message += f", which began at line {began[0]}, col {began[1]}"
    lines = text.split("\n")
    at_fault = lines[line - 1][col - 1 :] if line - 1 < len(lines) else ""
    hint = None
    if at_fault.startswith("\t") or "tab character" in problem or "'\\t'" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "quote text that contains ': ', or check the indentation above"
    elif any(text in problem for text in _INDENTATION_ERRORS):
        hint = "check the indentation of this line and the one before"
    elif "flow" in (context or "") or "flow" in problem:
        hint = "a '[' or '{' may be left unclosed"
    elif "quoted scalar" in (context or "") and "end of stream" in problem:
        hint = "a quote may be left unclosed"
    elif "unknown escape" in problem:
        hint = "in double quotes write a backslash as \\\\, or use single quotes"
    if positions is not None:
        line, col = positions.mark(line, col)
    return Problem(path, line, col, "error", message, hint, "yaml-syntax")
