"""Check every quote against the article it is attributed to.

A quote is verbatim by contract, but articles and briefs differ in typography:
curly or straight quotes and apostrophes, dash styles, line breaks. Matching
runs on a normalised copy of both texts, with a map back to the article's own
offsets so the source view can highlight exactly the quoted passage.
"""

from __future__ import annotations

import difflib
import heapq
import os
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from briefing.brief.model import NO_SOURCE, Verification
from briefing.brief.reading import Unread, read_bounded
from briefing.brief.typography import EQUIVALENTS

_FOLD_ONE = {**EQUIVALENTS, **dict.fromkeys("\u00a0\u202f\u2009", " ")}  # and no-break spaces
"""Each character the fold changes, and the one it becomes."""
_FOLD = str.maketrans(_FOLD_ONE)
_TO_FOLD = re.compile("[" + re.escape("".join(_FOLD_ONE)) + "]")
"""The same characters found by one scan, for an article: it has few of them, and
``str.translate`` looks every character up."""

_ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*")
_EDGE = "\"' ,.;:!?-"


class Article(NamedTuple):
    """An article's text, normalised once, with each normalised char's original offset."""

    text: str
    folded: str
    offsets: tuple[int, ...]

    @classmethod
    def from_text(cls, text: str) -> Article:
        """Fold as :func:`_fold` does, keeping where each kept character came from.

        Between runs of blanks and dashes the text is kept as it is. A run holding a dash
        becomes that one dash ("a - b", "a--b" and "a -- b" read "a-b"); a run of blanks
        becomes one space, and none at the start. Done a run at a time, not a character at a
        time: an article is folded once per process, but a library cites thousands.
        """
        # One character for one: the offsets stay those of ``text``.
        folded = _TO_FOLD.sub(lambda found: _FOLD_ONE[found[0]], text)
        kept = len(folded) - len(folded.lstrip())  # no blank before the first character
        parts: list[str] = []
        offsets: list[int] = []
        for run in _SEPARATOR_RUN.finditer(folded, kept):
            start, end = run.span()
            parts.append(folded[kept:start])
            offsets.extend(range(kept, start))
            dash = folded.find("-", start, end)
            parts.append(" " if dash < 0 else "-")
            offsets.append(start if dash < 0 else dash)
            kept = end
        parts.append(folded[kept:])
        offsets.extend(range(kept, len(folded)))
        return cls(text, "".join(parts), tuple(offsets))


_SEPARATOR_RUN = re.compile(r"[\s-]{2,}|[^\S ]|-")
"""The runs of blanks and dashes that fold to something else than themselves: all but a
single space."""
_DASH_RUN = re.compile(r"(?: ?-)+ ?")


def _fold(text: str) -> str:
    """Typography out: one quote and dash style, single spaces, and dashes unspaced.

    Outlets space em dashes differently ("end — of", "end—of") and plain-text
    copies write them as "--"; all of those read as one "-".
    """
    return _DASH_RUN.sub("-", " ".join(text.translate(_FOLD).split()))


def quote_parts(quote: str) -> list[str]:
    """The pieces that must appear in order: elisions split the quote, edge punctuation goes."""
    parts = (_fold(part).strip(_EDGE) for part in _ELISION.split(quote))
    return [part for part in parts if part]


def _find_words(text: str, part: str, start: int) -> int:
    """Find ``part`` where it starts and ends on word boundaries.

    A plain substring search would verify "likely" against "unlikely": a quote
    that flips the meaning of its source must never pass as verbatim.
    """
    found = text.find(part, start)
    while found >= 0:
        end = found + len(part)
        clean_start = not (part[0].isalnum() and found > 0 and text[found - 1].isalnum())
        clean_end = not (part[-1].isalnum() and end < len(text) and text[end].isalnum())
        if clean_start and clean_end:
            return found
        found = text.find(part, found + 1)
    return -1


def verify(quote: str, article: Article) -> Verification:
    parts = quote_parts(quote)
    if not parts:
        return Verification("not_found")
    position = 0
    first = last = -1
    for part in parts:
        found = _find_words(article.folded, part, position)
        if found < 0:
            return Verification("not_found", closest=closest_passage(quote, article))
        if first < 0:
            first = found
        position = last = found + len(part)
    span = (article.offsets[first], article.offsets[last - 1] + 1)
    return Verification("verified", span=span)


def closest_passage(quote: str, article: Article) -> str:
    """The run of article words most like the quote, so the author sees what differs.

    Word-level similarity picks a few candidate windows cheaply; character-level
    similarity then chooses among them, so "likely" still finds "unlikely". The word-level
    score of a window (difflib's ``quick_ratio``: the words it shares with the quote, as
    multisets) is kept up to date as the window slides, one word in and one out, so a long
    article costs one pass rather than a comparison per window.
    """
    wanted = _fold(quote).casefold().split()
    words = article.folded.split(" ")
    if not wanted or not words:
        return ""
    folded_words = [w.casefold() for w in words]
    size = min(len(wanted), len(words))
    need = Counter(wanted)
    have: Counter[str] = Counter()
    shared = 0
    scored: list[tuple[int, int]] = []
    for end, word in enumerate(folded_words):
        if have[word] < need[word]:
            shared += 1
        have[word] += 1
        start = end - size + 1
        if start > 0:
            gone = folded_words[start - 1]
            have[gone] -= 1
            if have[gone] < need[gone]:
                shared -= 1
        if start >= 0:
            scored.append((shared, start))
    candidates = heapq.nlargest(8, scored)
    target = " ".join(wanted)
    chars = difflib.SequenceMatcher(autojunk=False)
    chars.set_seq2(target)
    best, best_at = -1.0, 0
    for _, start in candidates:
        chars.set_seq1(" ".join(folded_words[start : start + size]))
        score = chars.ratio()
        if score > best:
            best, best_at = score, start
    return " ".join(words[best_at : best_at + size])


ARTICLE_MAX_BYTES = 1_000_000
"""Largest article read for quote checks: a long feature is 100 KB; a file far past this is
not an article, and checking a quote against it costs seconds and gigabytes."""


def article_text(path: Path, limit: int = ARTICLE_MAX_BYTES) -> str | Unread:
    """An article's text as quotes are checked against it (and the source view shows it,
    so a span falls on the same characters), or why it was not read."""
    data = read_bounded(path, limit)
    return data if isinstance(data, Unread) else _decoded(data)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n")


class ArticleCache:
    """Articles read once per load, however many quotes and briefs cite them.

    Read like brief files (``briefing.brief.reading``): regular files only, at most
    ``limit`` bytes; why one was not read is kept for the brief's problem.
    """

    def __init__(self, limit: int = ARTICLE_MAX_BYTES) -> None:
        self.limit = limit
        self._articles: dict[Path, Article | Unread] = {}

    def _read(self, path: Path) -> Article | Unread:
        key = Path(os.path.abspath(path))
        if key not in self._articles:
            data = self.read(key)
            self._articles[key] = (
                data if isinstance(data, Unread) else Article.from_text(_decoded(data))
            )
        return self._articles[key]

    def get(self, path: Path) -> Article | None:
        found = self._read(path)
        return found if isinstance(found, Article) else None

    def failure(self, path: Path) -> Unread | None:
        """Why the article at ``path`` was not read; None if it was."""
        found = self._read(path)
        return found if isinstance(found, Unread) else None

    def read(self, key: Path) -> bytes | Unread:
        """An article's bytes, exactly what its quotes are verified against, or why they were
        not read. A method so that ``briefing check``'s verdict cache can record what was read.
        """
        return read_bounded(key, self.limit)


def verify_or_no_source(quote: str, article: Article | None) -> Verification:
    return NO_SOURCE if article is None else verify(quote, article)
