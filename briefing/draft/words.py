"""The words of a news sentence as attribution reads them: tokens, the words of names,
and the verbs that report speech.

A name is a run of capitalised words ("Rep. Charles B. Rangel", "James O'Neill",
"Bill de Blasio", "University of Michigan"); a verb reports speech when it is one of the
lexicon's, in lower case ("the United States" is no verb). Everything here reads the
text with quotations blanked (see quotes.Article.masked).
"""

from __future__ import annotations

import functools
import re

from briefing.draft.cast import CAP
from briefing.draft.lexicon import (
    BASE_VERBS,
    FEMALE_NAMES,
    MALE_NAMES,
    NAME_SUFFIXES,
    NOT_NAMES,
    NUMBER_WORDS,
    ORG_TAILS,
    PARTICLES,
    PERSON_NOUNS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w\u2019'&/.-]*\w|\w|--|[^\w\s]")
DASHES = {"—", "\u2013", "―", "--", "-"}
MARKS = {"“", "”", '"'}
# "as the Times put it", "fliers call on residents to ..."
_TWO_WORD_CUES = {("put", "it"), ("call", "on")}
QUANTIFIERS = frozenset("one some many several two three four each most all both".split())


_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_INITIAL = re.compile(rf"(?:[{CAP}]\.){{1,3}}|[{CAP}]")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")
_ACRONYM = re.compile(r"[A-Z][A-Z&-]{1,9}")
_WORDLIKE = re.compile(r"(?:[OD]['\u2019])?[^\W\d_][\w\u2019'-]*")
_CAPITALS = re.compile(r"[A-Z]{2,}")


class Tok:
    """A word or a mark, with what reading it needs worked out once."""

    __slots__ = ("bare", "end", "low", "masked", "possessive", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()
        self.bare = _POSSESSIVE.sub("", text)
        """The word without a possessive ending."""
        self.possessive = self.bare != text
        self.masked = text[0] == "X" and text.rstrip(".!?").strip("X") == ""
        """Blanked quoted words (see Article.masked)."""

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Words and punctuation, a word's stop kept only when it abbreviates ("Sen.", "B.")."""
    found: list[Tok] = []
    for match in _TOKEN.finditer(text, start, end):
        word, at = match.group(), match.start()
        if word.endswith(".") and len(word) > 1 and not _abbreviation(word):
            stop = at + len(word) - 1
            found += [Tok(word[:-1], at, stop), Tok(".", stop, stop + 1)]
        elif word == "." and found and found[-1].end == at and _abbreviation(found[-1].text + "."):
            found[-1] = Tok(found[-1].text + ".", found[-1].start, at + 1)
        else:
            found.append(Tok(word, at, match.end()))
    return found


def _abbreviation(word: str) -> bool:
    return (
        word in TITLE_ABBREVIATIONS
        or word in NAME_SUFFIXES
        or _INITIAL.fullmatch(word) is not None
        or _INITIALS.fullmatch(word) is not None
        or word in ("St.", "Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd.", "No.", "vs.")
    )


def name_word(tok: Tok) -> bool:
    """A word that can be part of a name: "Smith", "McGinley", "G.K.", "NYPD", "II"."""
    return not tok.masked and _name_word(tok.bare)


@functools.lru_cache(maxsize=4096)
def _name_word(word: str) -> bool:
    if not word or not word[0].isupper() or word in NOT_NAMES:
        return False
    if word.split("-")[0] in NUMBER_WORDS:
        return False  # "Twenty-two years ago"
    if word in TITLE_ABBREVIATIONS or word in NAME_SUFFIXES or _INITIAL.fullmatch(word):
        return True  # a title, a suffix, an initial
    if _ACRONYM.fullmatch(word):
        return True  # an acronym ("AFL-CIO"), or a transcript's "PENCE"
    return _WORDLIKE.fullmatch(word) is not None and any(c.islower() for c in word)


def title_word(tok: Tok) -> bool:
    return tok.text in TITLE_ABBREVIATIONS or tok.text in TITLE_WORDS


def _joins(word: Tok, link: Tok) -> bool:
    """ "de" in "Bill de Blasio"; "of" after an institution or a title ("University of
    Michigan", "Secretary of State")."""
    if link.low in PARTICLES:
        return True
    return link.low in ("of", "for", "on") and (word.bare in ORG_TAILS or word.text in TITLE_WORDS)


def in_capitals(tok: Tok) -> bool:
    """A word in capitals only ("CONGRESS")."""
    return _CAPITALS.fullmatch(tok.bare) is not None


def shouted(first: Tok, second: Tok) -> bool:
    """Two words in capitals are a heading ("CONGRESS HAS INVESTIGATED"), not one name."""
    return all(_CAPITALS.fullmatch(t.bare) for t in (first, second))


def name_run_back(toks: list[Tok], j: int) -> int:
    """The first token of the name that ends at ``toks[j]``."""
    k = j
    while k > 0 and j - k < 8:
        before = toks[k - 1]
        if before.possessive:
            break
        if name_word(before) and before.end + 2 >= toks[k].start and not shouted(before, toks[k]):
            k -= 1
        elif k >= 2 and name_word(toks[k - 2]) and _joins(toks[k - 2], before):
            k -= 2
        else:
            break
    return k


def name_run_forward(toks: list[Tok], i: int) -> int:
    """One past the last token of the name that starts at ``toks[i]``."""
    k = i + 1
    while k < len(toks) and k - i < 8 and not toks[k - 1].possessive:
        tok = toks[k]
        if name_word(tok) and toks[k - 1].end + 2 >= tok.start and not shouted(toks[k - 1], tok):
            k += 1
        elif k + 1 < len(toks) and name_word(toks[k + 1]) and _joins(toks[k - 1], tok):
            k += 2
        else:
            break
    return k


_MODALS = frozenset(
    "to will would could can may might must should did does do they we i you".split()
)


def cue(toks: list[Tok], i: int) -> bool:
    """A verb reporting speech: "said", "called"; a bare "call" or "say" only after "to",
    a modal or a plural subject ("they call it", "Obama and Clinton call them")."""
    tok = toks[i]
    if not tok.text.islower():
        return False
    following = toks[i + 1].low if i + 1 < len(toks) else ""
    if tok.low in SPEECH_VERBS or (tok.low, following) in _TWO_WORD_CUES:
        return True
    if tok.low not in BASE_VERBS or i == 0:
        return False
    before = toks[i - 1]
    return before.low in _MODALS or (name_word(before) and not before.possessive)


def person_noun(word: str) -> bool:
    word = word.lower()
    return word in PERSON_NOUNS or (word.endswith("s") and word[:-1] in PERSON_NOUNS)


def org_tail(run: list[Tok]) -> bool:
    return run[-1].bare in ORG_TAILS


def personal(run: list[Tok]) -> bool:
    """A run of capitalised words that reads as a person's name."""
    words = [t.text for t in run]
    if any(w in TITLE_ABBREVIATIONS or w in TITLE_WORDS for w in words):
        return True
    names = [w for w in words if w not in TITLE_WORDS]
    return len(names) >= 2 and (names[0] in MALE_NAMES or names[0] in FEMALE_NAMES)
