"""Which passages of an article are quotations, and the sentences around them.

Every passage in double quotation marks is a candidate, except what a reader does not
take for a quotation: markup left in the text (the attributes of ``<tweet id="1">``, and
the text of an embedded tweet, which the article shows rather than reports), an inch
mark (6'3"), a stray closing mark, a nickname inside a name (Marcia "Cia" Price), a
single pronoun in quotes, the title of a show or work ("Face the Nation" after "CBS's",
"titled", "documentary"), and the first paragraph of a transcript's turn, whose marks
enclose the speaker's label ("PENCE: ...") rather than quote anyone. Attribution
(speakers.py) reads a copy of the text with every quoted passage blanked, so nothing
inside a quote is taken for an attribution; it also sets aside a paragraph that is only
a quotation nobody is said to have said (speakers.read).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from briefing.draft.cast import CAP, CastMember, one_line
from briefing.draft.lexicon import TITLE_ABBREVIATIONS, wordset

_OPEN = '“"'
_MARK = re.compile('[“”"]')
_ABBREVIATIONS = TITLE_ABBREVIATIONS | {
    f"{a}."
    for a in wordset("St Mt Jan Feb Aug Sept Oct Nov Dec No Inc Co Corp Jr Sr vs Va Ky Wis Fla")
}

# -- the article's structure ------------------------------------------------------------


@dataclass
class Quotation:
    """One passage in quotation marks, possibly running over several paragraphs."""

    parts: list[tuple[int, int]]
    """The quoted words in each paragraph the quotation runs over, as offsets."""
    first_para: int
    last_para: int
    speaker: CastMember | None = None
    candidates: list[str] = field(default_factory=list)
    """When no speaker was found: the people the draft considered, for the author."""
    pronoun: str = ""
    """When the speaker was read from "he said" or "she said": the pronoun."""
    closed: bool = True
    """Whether a closing mark ends it; False when it runs to its paragraph's end."""
    label: tuple[int, int] | None = None
    """For a quotation in a transcript's turn (a paragraph that continues the turn, or a
    passage quoted inside it): where the turn's speaker label ("PENCE") is."""

    @property
    def start(self) -> int:
        return self.parts[0][0] - 1

    @property
    def end(self) -> int:
        return self.parts[-1][1]


_SPACE = "[ \t\n\u00a0\u2000-\u200b\u202f\u205f\u3000]"
_BOUNDARY = re.compile(rf"[.!?][”\"\u2019)\]]*{_SPACE}+(?=[“”\"\u2018(\[]?[0-9{CAP}])")
# Markup left in an article's text: its attribute values are not quotations.
_TAG = re.compile(r"</?[A-Za-z][\w-]{0,30}(?:\s+[\w-]{1,30}=\"[^\"\n]{0,2000}\")*\s*/?>")
# A tweet embedded in the text, as markup: what it says is shown, not reported.
_EMBEDDED = re.compile(r"<tweet\b[^<>]{0,3000}>[^<>]{0,5000}(?:</tweet>|<tweet\s*/>)")
# A transcript's stage direction: "(CROSSTALK)".
_STAGE = re.compile(r"[(\[][^()\[\]\n]{1,40}[)\]][.,]?\s*$")
# A transcript's speaker label opening a paragraph: "PENCE: ...".
_LABEL = re.compile(r"[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}:\s")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines are paragraphs, except in blocks that look hard-wrapped at a fixed width."""
    blocks: list[list[tuple[int, int]]] = []
    for match in re.finditer(r"[^\n]+", text):
        if not match.group().strip():
            continue
        span = (match.start(), match.end())
        between = text[blocks[-1][-1][1] : span[0]] if blocks else ""
        if blocks and between.count("\n") == 1 and not between.strip():
            blocks[-1].append(span)
        else:
            blocks.append([span])
    paragraphs: list[tuple[int, int]] = []
    for block in blocks:
        wrapped = len(block) > 1 and all(30 <= e - s <= 100 for s, e in block[:-1])
        for start, end in [(block[0][0], block[-1][1])] if wrapped else block:
            line = text[start:end]
            paragraphs.append((start + len(line) - len(line.lstrip()), start + len(line.rstrip())))
    return paragraphs


def _opens(text: str, at: int, end: int) -> bool:
    """A mark with a word after it and a space (or the line's start) before it."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < end else " "
    return not after.isspace() and (before.isspace() or before in "([{—\u2013―-/“”\"\u2018'")


def _closes(text: str, at: int, start: int) -> bool:
    """A mark with a word or a stop before it and a space (or the line's end) after it."""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—\u2013―-…")


def _marks(
    text: str, start: int, end: int, ignored: frozenset[int] = frozenset()
) -> list[tuple[int, str]]:
    """The quotation marks of a paragraph, leaving out those inside markup tags and
    embedded tweets, inch marks (6'3") and the ``ignored`` ones."""
    tags: list[tuple[int, int]] = []
    if "<" in text[start:end]:
        tags = [m.span() for m in _TAG.finditer(text, start, end)]
        tags += [m.span() for m in _EMBEDDED.finditer(text, start, end)]
    found: list[tuple[int, str]] = []
    for mark in _MARK.finditer(text, start, end):
        at = mark.start()
        if at in ignored or any(s <= at < e for s, e in tags):
            continue
        if mark.group() == '"' and re.search(
            r"\d['\u2019]\s?\d{1,2}$", text[max(start, at - 6) : at]
        ):
            continue
        found.append((at, mark.group()))
    return found


def _turns(text: str, paragraphs: list[tuple[int, int]]) -> set[int]:
    """The paragraphs that open a transcript's turns: a mark, then the speaker's label in
    capitals ("PENCE: Well, ..."), when at least two paragraphs do (a transcript is an
    exchange; one such paragraph alone may be anything)."""
    turns = {
        index
        for index, (start, end) in enumerate(paragraphs)
        if text[start] in _OPEN and _LABEL.match(text, start + 1, end)
    }
    return turns if len(turns) >= 2 else set()


def _scan_quotations(
    text: str, paragraphs: list[tuple[int, int]], ignored: frozenset[int] = frozenset()
) -> list[Quotation]:
    """Every passage in double quotes, joining a quote that runs on into the next paragraph.

    News style leaves a paragraph's quotation unclosed when the next paragraph
    reopens it; any other unclosed quotation is taken to run to its paragraph's end.
    A mark is read by its shape as well as its glyph: a straight mark after a word
    closes, a curly opening mark at a line's end closes, and a closing mark with
    nothing open is a stray and is skipped. Marks of the other kind inside a quotation
    ("... comes across as “too loud.”") quote within it: they stay part of its words.

    In a transcript, the mark that opens a turn's paragraph encloses the speaker's label
    with the words ("PENCE: Well, ..."): it sets off the record of an exchange, and the
    label, not the marks, says who speaks. So that paragraph is no quotation, and the
    passages quoted inside it are; the paragraphs that continue the turn open with a
    mark before the speaker's own words, and are quotations of the labelled speaker.
    (PolNeAR's annotators take the label for the source and count exactly these.)
    """
    found: list[Quotation] = []
    pending: Quotation | None = None
    turns = _turns(text, paragraphs)
    turn: tuple[int, int] | None = None  # the label of the transcript turn under way
    for index, (start, end) in enumerate(paragraphs):
        carried = (
            pending
            if pending is not None
            and text[start] in _OPEN
            and (text[start] == '"') == (text[pending.start] == '"')  # the same kind of mark
            and not _LABEL.match(text, start + 1, end)
            and not _STAGE.match(text, start + 1, end)
            else None
        )
        skipped = ignored
        if index in turns:
            label = _LABEL.match(text, start + 1, end)
            assert label is not None
            turn = (start + 1, start + 1 + len(label.group().rstrip().rstrip(":")))
            skipped = ignored | {start}  # the transcript's mark, not a quotation's
        elif text[start] not in _OPEN or _STAGE.match(text, start + 1, end):
            turn = None
        pending = None
        opened: int | None = None
        spans: list[tuple[int, int, bool]] = []
        inner: str | None = None  # the glyph of a quotation open inside the open one
        for position, char in _marks(text, start, end, skipped):
            opens, closes = _opens(text, position, end), _closes(text, position, start)
            if opened is None:
                if char == "“" or (char == '"' and opens):
                    opened = position
                continue
            nested = (text[opened] == '"') != (char == '"')
            if inner is not None:
                if nested:  # the inner quotation closes, or another opens
                    reopens = char == "“" or (char == '"' and opens and not closes)
                    inner = char if reopens else None
                    continue
                inner = None  # the outer's mark with the inner still open: both close
            if nested and (char == "“" or (char == '"' and opens and not closes)):
                inner = char  # a quotation inside the quotation: part of its words
            elif char == "“" and not (closes and not opens):
                spans.append((opened, position, False))
                opened = position
            else:
                spans.append((opened, position, True))
                opened = None
        if opened is not None:
            spans.append((opened, end, False))
        for opened, closing, closed in spans:
            part = (opened + 1, closing)
            if carried is not None and opened == start:
                carried.parts.append(part)
                carried.last_para = index
                quotation = carried
            else:
                quotation = Quotation([part], index, index)
                if index in turns or opened == start:
                    quotation.label = turn
                found.append(quotation)
            quotation.closed = closed
            carried = None
            if not closed and closing == end and not _STAGE.fullmatch(text, opened + 1, end):
                pending = quotation  # runs on, unless it is a stage direction
    return [q for q in found if any(re.search(r"\w", text[s:e]) for s, e in q.parts)]


# What names a work or an event, so the quoted words after it are its title.
_WORK_BEFORE = re.compile(
    rf"(?:\b[{CAP}][\w.&-]*['\u2019]s|\b(?:titled|entitled|episode of|broadcast of|edition of|"
    r"documentary|film|movie|book|show|program|programme|series|song|album|column|novel|"
    r"memoir|podcast|hashtag|nickname)|(?:[.!?\n]\s*|^)On),?\s*$"
)
# A work named before its title, with a comma: the title need not be in title case
# ("Ouisa Davis' commentary, "Melania, tell your immigrant story," is ...").
_WORK_NOUN_BEFORE = re.compile(
    r"\b(?:titled|entitled|commentary|column|op-ed|essay|editorial|book|film|documentary|"
    r"song|poem|novel|memoir|nickname),?\s*$"
)
_WORK_AFTER = re.compile(
    r"[,.]?\s*(?:(?:radio |television |TV |talk )?(?:show|program|programme|series|documentary|"
    r"film|podcast|segment)\b|(?:sponsored|hosted|organized|organised|moderated) by\b)"
)
_SMALL_WORDS = wordset("a an and as at by for in of on or the to with from it is")
_PRONOUN_WORDS = wordset("he she him her his hers they them it we us i you me")


def _not_a_quotation(text: str, quote: Quotation) -> bool:
    """A title of a work or an event, a nickname inside a name, a pronoun in quotes, or a
    stage direction in a transcript ("(CROSSTALK)")."""
    if len(quote.parts) > 1:
        return False
    inner = text[quote.parts[0][0] : quote.parts[0][1]].strip()
    if _STAGE.fullmatch(inner):
        return True
    inner = inner.rstrip(".,!?").strip()
    words = inner.split()
    if not words:
        return False
    if len(words) == 1 and words[0].lower() in _PRONOUN_WORDS:
        return True
    before = text[max(0, quote.start - 40) : quote.start]
    after = text[quote.end + 1 : quote.end + 40]
    if len(words) <= 12 and _WORK_NOUN_BEFORE.search(before):
        return True
    title_case = len(words) <= 8 and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words
    )
    if not title_case or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if len(words) <= 2 and re.search(rf"\b[{CAP}][\w.]*\s$", before):
        following = re.match(rf"\s([{CAP}][\w'\u2019-]+)", after)
        if following and following.group(1) not in _NOT_SURNAMES:
            return True  # Marcia "Cia" Price
    return bool(_WORK_BEFORE.search(before) or _WORK_AFTER.match(after))


_NOT_SURNAMES = wordset(
    "The A An And But Or In On At To Of For With By From As Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday I He She It We They"
)


def _mask(text: str, quotations: list[Quotation]) -> str:
    """The text with quoted words blanked, so attribution never reads inside a quote.

    Capitals, so a quotation still starts a sentence; and its final stop (or comma)
    stays, so it still ends one. No pattern for names or verbs matches a run of capitals.
    """
    pieces: list[str] = []
    last = 0
    for quotation in quotations:
        for start, end in quotation.parts:
            inner = text[start:end]
            blank = re.sub(r"[^\n]", "X", inner)
            kept = inner.rstrip()
            if kept and kept[-1] in ".!?,":
                blank = blank[: len(kept) - 1] + kept[-1] + blank[len(kept) :]
            pieces += [text[last:start], blank]
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _is_abbreviation(masked: str, dot: int) -> bool:
    token = masked[max(0, dot - 40) : dot + 1].split()[-1].lstrip('“"(')
    return (
        token in _ABBREVIATIONS
        or re.fullmatch(rf"[{CAP}]\.", token) is not None
        or re.fullmatch(r"(?:[A-Za-z]\.){2,}", token) is not None
    )


def _sentences(masked: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    sentences: list[tuple[int, int]] = []
    for start, end in paragraphs:
        begin = start
        for stop in _BOUNDARY.finditer(masked, start, end):
            if masked[stop.start()] == "." and _is_abbreviation(masked, stop.start()):
                continue
            sentences.append((begin, stop.start() + len(stop.group().rstrip())))
            begin = stop.end()
        sentences.append((begin, end))
    return sentences


class Article:
    """An article's paragraphs, quotations and sentences, and its text with quotes blanked."""

    def __init__(self, text: str, ignored: frozenset[int] = frozenset()) -> None:
        """``ignored``: the offsets of marks that are not quotation marks (see
        speakers.attribute)."""
        self.text = text
        self.paragraphs = _paragraphs(text)
        scanned = _scan_quotations(text, self.paragraphs, ignored)
        self.quotations = [q for q in scanned if not _not_a_quotation(text, q)]
        self.masked = _mask(text, scanned)
        self.sentences = _sentences(self.masked, self.paragraphs)
        self._starts = [start for start, _ in self.sentences]
        self._para_starts = [start for start, _ in self.paragraphs]

    def sentence_index(self, position: int) -> int:
        return max(bisect.bisect_right(self._starts, position) - 1, 0)

    def sentence(self, position: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_index(position)]

    def paragraph_index(self, position: int) -> int:
        return max(bisect.bisect_right(self._para_starts, position) - 1, 0)

    def alone(self, quote: Quotation) -> bool:
        """Whether the quotation is its paragraphs' only words."""
        first = self.paragraphs[quote.first_para][0]
        last = self.paragraphs[quote.last_para][1]
        return quote.start == first and not re.search(r"\w", self.text[quote.end + 1 : last])


def context(article: Article, quote: Quotation) -> str:
    """The sentence the quotation stands in, and the one before when it stands alone.

    At most a couple of hundred characters each side of the quotation, so a long
    sentence (or an article with no full stops) still gives a readable context.
    """
    first, _ = article.sentence(quote.start)
    _, last = article.sentence(max(quote.end - 1, quote.start))
    start, end = max(first, quote.start - 200), min(last, quote.end + 200)
    masked = article.masked
    outside = masked[start : quote.start] + masked[quote.end : end]
    if len(re.findall(r"[^\W\d_]{2,}", outside.replace("X", ""))) < 3 and first > 0:
        first, _ = article.sentence(first - 1)
        start = max(first, quote.start - 200)
    end = end if quote.end - quote.start <= 300 else quote.start + 200
    words = one_line(article.text[start:end])
    if start > first:
        words = "… " + words.split(" ", 1)[-1]
    if end < last:
        words = words.rsplit(" ", 1)[0] + " …"
    return words
