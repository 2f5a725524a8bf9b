"""Remove what must never reach a terminal from strings read out of a brief.

Textual passes escape sequences in data straight through to the terminal, and
PyYAML happily decodes ``"\\e[2J"`` or ``"\\x1b]0;title\\x07"``. A brief is
untrusted input, so every string is cleaned once, at load, and the UI never has
to think about it again. Text such as ``[bold]`` or ``$name`` is data and stays.
"""

from __future__ import annotations

import re

# A whole escape sequence is removed, not just its ESC, so no "[2J" debris is left:
# CSI (ESC [ ... final), OSC/DCS/APC/PM/SOS strings up to BEL or ST, and two-byte ESC x.
# An unterminated string sequence ends at the line's end, and a lone ESC never takes
# the line break after it: one stray byte must not swallow the rest of the file.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?                                  # CSI
  | \x1b[\]PX^_][^\x07\x1b\x9c\r\n]*(?:\x07|\x1b\\|\x9c)?       # OSC, DCS, SOS, PM, APC
  | \x9b[0-?]*[ -/]*[@-~]?                                    # 8-bit CSI
  | [\x90\x98\x9d-\x9f][^\x07\x1b\x9c\r\n]*(?:\x07|\x1b\\|\x9c)?  # 8-bit string introducers
  | \x1b[^\r\n]?                                             # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 controls except tab and newline, DEL, C1 controls, the bidi controls that can
# reorder what a reader sees (Trojan Source style): embeddings, overrides, isolates,
# and lone surrogates (pure-Python YAML decodes "\ud800"; no terminal can print it).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


first_control = _CONTROL.search
"""The first character :func:`clean` would remove, or None: a text that needs no cleaning is
told apart with one C call."""


def clean(text: str) -> tuple[str, bool]:
    """Return the text without escape sequences and control characters, and whether any went.

    Carriage returns are dropped too: the loader already normalised line ends,
    and a lone CR lets a string overwrite what was drawn before it.
    """
    if not first_control(text):
        return text, False
    without_sequences = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", without_sequences), True


_INVISIBLE = re.compile("[\t\n\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str) -> str:
    """Spell out control characters (``\\x1b``) in text quoted by a one-line message.

    Unlike :func:`clean`, nothing disappears: an author told about a bad key or
    date must see it as it really is, and the message must stay on one line.
    """
    return _INVISIBLE.sub(lambda found: ascii(found[0])[1:-1], text)


# What YAML's reader refuses outright (it keeps tab, LF, CR and NEL): reported and
# removed before parsing, so one stray byte costs a warning, not the whole file.
_RAW = re.compile(
    _ESCAPE_SEQUENCE.pattern + r"|[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]",
    re.VERBOSE | re.DOTALL,
)


_RAW_FIRST = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
"""The characters every match of ``_RAW`` starts with (ESC, 8-bit CSI and the string
introducers among them). Every file is searched for them, and a single class is searched
in one pass where the alternation is tried at every position."""


_RAW_C0 = bytes([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""The characters of ``_RAW_FIRST`` below 0x80: in UTF-8, each is a byte of its own."""


def raw_free(data: bytes) -> bool:
    """Whether UTF-8 ``data`` certainly holds none of the characters ``_RAW_FIRST`` finds:
    none of them below 0x80, and no C1 control (U+0080-U+009F), every one of which is
    encoded starting with the byte 0xC2. Two passes in C over the bytes, where a search of
    the decoded text goes character by character; False may still be clean (0xC2 also
    starts U+00A0-U+00BF)."""
    return b"\xc2" not in data and len(data.translate(None, _RAW_C0)) == len(data)


def clean_source(text: str, source: bytes | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Remove raw escape sequences and control characters from a file's text.

    Returns the cleaned text and the [start, end) span (in the original) of each thing
    removed, so the caller can report each at its line and column, and map the parser's
    places in the cleaned text back to the file (``briefing.brief.positions``).
    ``source``: the UTF-8 bytes ``text`` was decoded from, when at hand; most files are
    told clean from them alone (:func:`raw_free`).
    """
    if (source is not None and raw_free(source)) or not _RAW_FIRST.search(text):
        return text, []
    removed = [match.span() for match in _RAW.finditer(text)]
    return _RAW.sub("", text), removed
