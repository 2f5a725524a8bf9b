"""How a search query matches brief text: folding, words, phrases, snippets.

The rules (the search help repeats them):

- Text and query are folded alike: NFKD, combining marks dropped, casefolded, curly quotes
  and apostrophes made straight, every dash made ``-``, and the few Latin letters NFKD keeps
  whole flattened (ø, ł, đ, æ, œ ...). "Valparaiso" finds "Valparaíso" and the other way
  round; "Soren" finds "Søren".
- A query word matches at the *start* of a word of the text: "lang" finds "Langley", "ley"
  does not. Prefixes rather than substrings because a prefix is a range of a sorted
  vocabulary, so even a one-letter query never reads every text, and because a prefix is
  what someone typing a word has so far.
- A "quoted phrase" matches its words contiguously and in order, any run of whitespace
  between them, starting at a word start. Once the closing quote is typed its last word must
  be whole (``"russian mil"`` does not find "Russian military"); while it is still open the
  last word is a prefix, so results do not vanish mid-phrase.
- Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) make every character
  a word, so a query in them matches as a substring anywhere.
- A query word made only of punctuation (a lone ``-``) cannot be looked up and is ignored.

Folding works one character at a time, so every folded offset maps back to the original text
and highlights land on what the user sees.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from functools import cache, lru_cache

from briefing.brief.records import Record
from briefing.brief.typography import EQUIVALENTS

_NOSPACE_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
"""Scripts written without spaces between words: each character is a word of its own."""
_NOSPACE = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _NOSPACE_RANGES)
"""As a character class. Classes this wide are slow to compile, so the patterns that use
them are compiled once, on first need."""
SEPARATOR = "\x00"
"""Joins the fields of one item: never in brief text (the loader drops control characters)
and not whitespace, so a phrase cannot run from one field into the next."""

_FLATTEN = str.maketrans(
    {
        **EQUIVALENTS,
        # Latin letters NFKD leaves whole, though a reader takes them for accented ones:
        # "Soren" finds "Søren", "Lodz" finds "Łódź".
        **{"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "\u0131": "i", "ŧ": "t"},
        **{"æ": "ae", "œ": "oe", "þ": "th"},
    }
)
_PLAIN_WORD = re.compile(r"\w+")


@cache
def _tricky() -> re.Pattern[str]:
    return re.compile(f"[_{_NOSPACE}]")


@cache
def _token() -> re.Pattern[str]:
    return re.compile(f"[^\\W_{_NOSPACE}]+|(?=[{_NOSPACE}])\\w")


def _fold_char(ch: str) -> str:
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    s = "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Me"))
    return s.translate(_FLATTEN).lower()


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character.

    It also keeps the characters that do not fold to exactly one character (combining marks,
    ``ß``, ligatures): only those shift offsets between a text and its folded form.
    """

    def __init__(self) -> None:
        super().__init__()
        self._irregular: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        if len(folded) != 1:
            self._irregular.add(chr(code))
            self._pattern = None
        return folded

    def irregular(self) -> re.Pattern[str] | None:
        """Matches every irregular character met so far (so all of any text already folded)."""
        if self._pattern is None and self._irregular:
            self._pattern = re.compile(f"[{''.join(map(re.escape, sorted(self._irregular)))}]")
        return self._pattern


_TABLE = _FoldTable()


class _NotAscii(Exception):
    pass


def _fold_unencodable(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    folded = error.object[error.start : error.end].translate(_TABLE)
    if not folded.isascii():
        raise _NotAscii
    return folded, error.end


codecs.register_error("briefing.fold", _fold_unencodable)


def fold(text: str) -> str:
    """Fold ``text`` for matching (see the module docstring)."""
    if text.isascii():
        return text.lower()
    try:
        # Latin text with accents, curly quotes and dashes: the ASCII encoder hands each
        # non-ASCII run to the handler, which costs less than a regex substitution.
        return text.encode("ascii", "briefing.fold").decode("ascii").lower()
    except _NotAscii:  # another script: one pass over the table beats a call per run
        return text.translate(_TABLE)


def tokens(folded: str) -> list[str]:
    """The words of a folded text, as the index stores them."""
    if (folded.isascii() and "_" not in folded) or not _tricky().search(folded):
        return _PLAIN_WORD.findall(folded)  # the same words, found faster
    return _token().findall(folded)


class Folded:
    """A text with its folded form and a map between their offsets.

    ASCII folds one to one; only characters folding to zero or several characters shift
    offsets, so only those are recorded.
    """

    __slots__ = ("_f_after", "_f_start", "_o_after", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self._o_after: list[int] = []  # original offset just after each irregular character
        self._f_after: list[int] = []  # folded offset just after it
        self._f_start: list[int] = []  # folded offset where its folding starts
        irregular = None if text.isascii() else _TABLE.irregular()
        if irregular is None:
            return
        delta = 0
        for m in irregular.finditer(text):
            pos = m.start()
            self._f_start.append(pos + delta)
            delta += len(_TABLE[ord(m.group())]) - 1
            self._o_after.append(pos + 1)
            self._f_after.append(pos + 1 + delta)

    def to_original(self, f: int) -> int:
        """The original offset of the character that folded into position ``f``."""
        j = bisect_right(self._f_after, f)
        if j < len(self._f_after) and f >= self._f_start[j]:
            return self._o_after[j] - 1  # inside the expansion of one character
        if j == 0:
            return f
        return self._o_after[j - 1] + f - self._f_after[j - 1]

    def to_folded(self, o: int) -> int:
        i = bisect_right(self._o_after, o) - 1
        return o if i < 0 else self._f_after[i] + o - self._o_after[i]

    def span(self, fs: int, fe: int) -> tuple[int, int]:
        """Original span of folded ``[fs, fe)``, with any marks trailing its last character."""
        start, end = self.to_original(fs), self.to_original(fe - 1) + 1
        while end < len(self.text) and not _TABLE[ord(self.text[end])]:
            end += 1
        return start, end


# ---------------------------------------------------------------------------- queries


class Query(Record):
    __slots__ = ("open_phrase", "phrases", "words")
    words: tuple[str, ...]
    """Folded words, each matching at a word start."""
    phrases: tuple[str, ...]
    """Folded, whitespace-collapsed phrases whose closing quote was typed."""
    open_phrase: str
    """A phrase still being typed (no closing quote): its last word is a prefix."""

    def __init__(
        self, words: tuple[str, ...] = (), phrases: tuple[str, ...] = (), open_phrase: str = ""
    ) -> None:
        self.words = words
        self.phrases = phrases
        self.open_phrase = open_phrase

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.open_phrase)


_QUERY_PART = re.compile(r'"([^"]*)("?)|([^\s"]+)')


def parse_query(q: str) -> Query:
    words: list[str] = []
    phrases: list[str] = []
    open_phrase = ""
    clean = "".join(c for c in fold(q) if c.isprintable() or c.isspace())
    for m in _QUERY_PART.finditer(clean):
        inner, closed, word = m.groups()
        if word is not None:
            if tokens(word) and word not in words:
                words.append(word)
            continue
        phrase = " ".join(inner.split())
        if not tokens(phrase):
            continue
        if not closed:
            open_phrase = phrase
        elif phrase not in phrases:
            phrases.append(phrase)
    return Query(tuple(words), tuple(phrases), open_phrase)


def _spaced_word_char(ch: str) -> bool:
    """A letter or digit of a script that separates words with spaces: what ``\\w`` means
    here, except underscores (they join nothing) and scripts without spaces."""
    code = ord(ch)
    return ch.isalnum() and not any(lo <= code <= hi for lo, hi in _NOSPACE_RANGES)


@lru_cache(maxsize=64)
def _compiled(text: str, whole: bool, word_class: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in text.split(" ")]
    if _spaced_word_char(text[0]):
        # The word-start check comes after the first word, as a lookbehind over it: a pattern
        # that opens with a literal is searched for that literal, far faster than a
        # lookbehind tried at every position.
        parts[0] += f"(?<!{word_class}{parts[0]})"
    tail = f"(?!{word_class})" if whole and _spaced_word_char(text[-1]) else ""
    return re.compile(r"\s+".join(parts) + tail)


class Term(Record):
    """One query word or phrase, ready to look up and to match."""

    __slots__ = ("bounded", "exact", "fast", "prefix_last", "text", "tokens", "whole")
    text: str
    tokens: tuple[str, ...]
    """Its words: each must be in the item; all but the last whole."""
    prefix_last: bool
    exact: bool
    """The index alone decides: a single word that is the whole term."""
    whole: bool
    bounded: bool
    """It checks where words start or end."""
    fast: re.Pattern[str]
    """Word edges by ``\\w``: wrong only beside a character of a script without spaces, and
    then only by rejecting; quick to compile for every keystroke."""

    def __init__(
        self,
        text: str,
        tokens: tuple[str, ...],
        prefix_last: bool,
        exact: bool,
        whole: bool,
        bounded: bool,
        fast: re.Pattern[str],
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.prefix_last = prefix_last
        self.exact = exact
        self.whole = whole
        self.bounded = bounded
        self.fast = fast

    def pattern_for(self, folded: str) -> re.Pattern[str]:
        if not self.bounded or folded.isascii() or not _tricky().search(folded):
            return self.fast
        return _compiled(self.text, self.whole, f"[^\\W_{_NOSPACE}]")

    def search(self, folded: str) -> bool:
        if self.fast.search(folded):
            return True
        full = self.pattern_for(folded)
        return full is not self.fast and full.search(folded) is not None


@lru_cache(maxsize=256)
def term(text: str, *, whole: bool = False) -> Term:
    """``whole``: a closed phrase, whose last word must end where a word of the text ends."""
    found = tuple(tokens(text))
    exact = len(found) == 1 and found[0] == text
    bounded = _spaced_word_char(text[0]) or (whole and _spaced_word_char(text[-1]))
    fast = _compiled(text, whole, r"[^\W_]")
    return Term(text, found, not whole, exact, whole, bounded, fast)


def terms_of(q: Query) -> list[Term]:
    found = [term(w) for w in q.words] + [term(p, whole=True) for p in q.phrases]
    return [*found, term(q.open_phrase)] if q.open_phrase else found


# ---------------------------------------------------------------------------- snippets

SNIPPET_BEFORE = 32
SNIPPET_WIDTH = 110
_ODD_SPACE = re.compile(r"[\s\x00]{2,}|[^\S ]|\x00")


def snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One line of ``text`` around the first span, and the spans that fall inside it, merged."""
    first_start, first_end = spans[0] if spans else (0, 0)
    start = max(0, min(first_start - SNIPPET_BEFORE, len(text) - SNIPPET_WIDTH))
    if start:
        space = text.find(" ", start, first_start)
        start = space + 1 if 0 <= space < start + 12 else start
    end = min(len(text), max(first_end, start + SNIPPET_WIDTH))
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space > end - 12 else end
    while start < first_start and text[start].isspace():
        start += 1
    piece = text[start:end].rstrip()
    stop = start + len(piece)
    lead = "…" if start else ""
    # Line breaks, runs of spaces and field separators become one space or " · ".
    parts: list[str] = [lead]
    ends: list[int] = []  # piece offset where each replaced run ends
    shifts: list[int] = []  # how far the text after it has moved
    done = shift = 0
    for m in _ODD_SPACE.finditer(piece):
        run = m.group()
        joint = " · " if SEPARATOR in run else " "
        parts += (piece[done : m.start()], joint)
        done = m.end()
        shift += len(joint) - len(run)
        ends.append(done)
        shifts.append(shift)
    parts += (piece[done:], "…" if stop < len(text) else "")

    def place(offset: int) -> int:
        k = bisect_right(ends, offset - start)
        return len(lead) + offset - start + (shifts[k - 1] if k else 0)

    merged: list[tuple[int, int]] = []
    for s, e in sorted((max(s, start), min(e, stop)) for s, e in spans if s < stop and e > start):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return "".join(parts), tuple((place(s), place(e)) for s, e in merged)
