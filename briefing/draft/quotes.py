"""Which passages of an article are quotations, and who the article says spoke them.

Attribution reads the words around each quotation as a reader would ("said",
"told", "according to", a colon after a name, "he added" after a named person)
on a copy of the text with quoted words blanked, so nothing inside a quote is
taken for an attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from briefing.draft.cast import (
    CAP,
    NAME1,
    NOT_SUBJECT,
    SP,
    STOP,
    TITLE,
    VERB,
    VERBS,
    Cast,
    CastMember,
    kind_of,
    one_line,
    wordset,
)

_OPEN = '“"'
_MARK = re.compile('[“”"]')
_ABBREVIATIONS = {
    f"{a}."
    for a in wordset(
        "Gen Lt Col Maj Brig Adm Sgt Capt Cmdr Sen Rep Gov Dr Mr Mrs Ms Prof Rev Amb St Mt "
        "Jan Feb Aug Sept Oct Nov Dec No Inc Co Corp Jr Sr vs"
    )
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

    @property
    def start(self) -> int:
        return self.parts[0][0] - 1

    @property
    def end(self) -> int:
        return self.parts[-1][1]


_BOUNDARY = re.compile(rf"[.!?][”\"\u2019)\]]*[ \t\n]+(?=[“\"(\[]?[0-9{CAP}])")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines are paragraphs, except in blocks that look hard-wrapped at a fixed width."""
    blocks: list[list[tuple[int, int]]] = []
    for match in re.finditer(r"[^\n]+", text):
        if not match.group().strip():
            continue
        span = (match.start(), match.end())
        if blocks and not text[blocks[-1][-1][1] : span[0]].strip("\n"):
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


def _scan_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """Every passage in double quotes, joining a quote that runs on into the next paragraph.

    News style leaves a paragraph's quotation unclosed when the next paragraph
    reopens it; any other unclosed quotation is taken to run to its paragraph's end.
    """
    found: list[Quotation] = []
    pending: Quotation | None = None
    for index, (start, end) in enumerate(paragraphs):
        carried = pending if pending is not None and text[start] in _OPEN else None
        pending = None
        opened: int | None = None
        spans: list[tuple[int, int, bool]] = []
        for mark in _MARK.finditer(text, start, end):
            position, char = mark.start(), mark.group()
            if opened is None:
                if char != "”":
                    opened = position
            elif char == "“":
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
                found.append(quotation)
            carried = None
            if not closed and closing == end:
                pending = quotation
    return [q for q in found if any(re.search(r"\w", text[s:e]) for s, e in q.parts)]


def _mask(text: str, quotations: list[Quotation]) -> str:
    """The text with quoted words blanked, so attribution never reads inside a quote.

    Capitals, so a quotation still starts a sentence; and its final stop stays, so
    it still ends one. No pattern for names or verbs matches a run of capitals.
    """
    pieces: list[str] = []
    last = 0
    for quotation in quotations:
        for start, end in quotation.parts:
            inner = text[start:end]
            blank = re.sub(r"[^\n]", "X", inner)
            kept = inner.rstrip()
            if kept and kept[-1] in ".!?":
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


# -- who said it ------------------------------------------------------------------------


class Attribution:
    """Guesses each quotation's speaker from the words around it, as a reader would."""

    def __init__(self, text: str, cast: Cast) -> None:
        self.text = text
        self.cast = cast
        self.paragraphs = _paragraphs(text)
        self.quotations = _scan_quotations(text, self.paragraphs)
        self.masked = _mask(text, self.quotations)
        self.sentences = _sentences(self.masked, self.paragraphs)
        self._starts = [start for start, _ in self.sentences]

    def sentence(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, position) - 1
        return self.sentences[max(index, 0)] if self.sentences else (0, len(self.text))

    def attribute(self, index: int) -> CastMember | None:
        quote = self.quotations[index]
        first, _ = self.sentence(quote.start)
        _, last = self.sentence(max(quote.end - 1, quote.start))
        following = self.quotations[index + 1].start if index + 1 < len(self.quotations) else last
        before = (max(first, quote.start - 400), quote.start)
        after_end = max(quote.end + 1, min(last, following, quote.end + 400))
        after = (min(quote.end + 1, after_end), after_end)
        words = self.text[quote.parts[-1][0] : quote.end].rstrip()
        leads_on = (
            words.endswith((",", "?", "!")) or self.text[quote.end + 1 : quote.end + 2] == ","
        )
        tries: list[Callable[[], CastMember | None]] = [
            lambda: self._before(*before),
            lambda: self._after(*after),
        ]
        for attempt in reversed(tries) if leads_on else tries:
            actor = attempt()
            if actor is not None:
                return actor
        if index > 0:
            previous = self.quotations[index - 1]
            opens_paragraph = quote.start == self.paragraphs[quote.first_para][0]
            if previous.speaker is not None and (
                previous.last_para == quote.first_para
                or (opens_paragraph and previous.last_para == quote.first_para - 1)
            ):
                return previous.speaker
        near_start = self.cast.within(first, min(first + 40, quote.start))
        return near_start[0] if near_start else None

    def _before(self, start: int, end: int) -> CastMember | None:
        verbs = list(VERB.finditer(self.masked, start, end))
        if verbs:
            verb = verbs[-1]
            if verb.group().startswith("according"):
                return self._named_after(verb.end(), end)
            return self._subject(start, verb.start())
        lead_in = self.masked[start:end].rstrip()
        if lead_in.endswith(":"):
            begin = max(start, start + len(lead_in) - 81)
            colon = re.search(r"[^.;:!?\n]{1,80}(?=:$)", self.masked[begin : start + len(lead_in)])
            if colon:
                return self._subject(begin + colon.start(), begin + colon.end(), strict=True)
        return None

    def _after(self, start: int, end: int) -> CastMember | None:
        text = self.masked[start:end]
        inverted = re.match(rf"[\s,—\u2013-]*{VERBS}[ \t]*", text)
        if inverted:
            actor = self._named_after(start + inverted.end(), end)
            if actor is not None:
                return actor
        plain = re.match(rf"[\s,—\u2013-]*(?P<np>[^,;:!?\n“”\"]{{1,100}}?)[ \t]+{VERBS}", text)
        if plain and len(plain.group("np").split()) <= 8:
            return self._subject(start + plain.start("np"), start + plain.end("np"))
        return None

    def _named_after(self, start: int, end: int) -> CastMember | None:
        """The speaker after "said" or "according to": a name, or a role such as "the official"."""
        phrase = re.match(r"[^,;:!?\n“”\"]{1,100}", self.masked[start:end])
        if not phrase:
            return None
        words = phrase.group().rstrip()
        if words.endswith(".") and not re.search(rf"(?:{TITLE}|\b[{CAP}]\.)$", words):
            words = words[:-1]
        words = re.split(r"\s+(?:in|on|at|during|after|before|to|from|with|for|about)\s+", words)[0]
        return self._subject(start, start + len(words), strict=True)

    def _subject(self, start: int, end: int, *, strict: bool = False) -> CastMember | None:
        lead = re.match(
            r"(?:[\s,]+|(?:But|And|Yet|So|Still|However|Meanwhile|Instead|Now|Then|Also)\b,?)*",
            self.masked[start:end],
        )
        start += lead.end() if lead else 0
        intro = re.match(
            r"(?:In|On|At|During|After|Before|Following|Since|Speaking|Asked|When|While|As|"
            r"Earlier|Later|Last|Until)\b[^,]{0,120},\s*",
            self.masked[start:end],
        )
        start += intro.end() if intro else 0
        clause = self.masked[start:end].rstrip()
        if clause.endswith(",") and ", " in clause[:-1]:
            end = start + clause.index(",")
        else:
            end = start + len(clause.rstrip(" ,"))
        if start >= end:
            return None
        mentioned = self.cast.within(start, end)
        if mentioned:
            return mentioned[-1]
        phrase = self.text[start:end].strip()
        if phrase.lower() in ("he", "she"):
            return self.cast.last_person_before(start)
        label = re.search(r"\w[^“\"]*[“\"]([^”\"\n]{1,80})[”\"]", phrase)
        if label and len(label.group(1).split()) <= 6:
            name = label.group(1).strip(" ,.;:")
            return self.cast.add(name, kind_of(name), start, end, named=False)
        if re.fullmatch(rf"(?:{TITLE}{SP})?{NAME1}", phrase) and phrase.split()[0] not in STOP:
            known = self.cast.by_surname(phrase) if " " not in phrase else None
            kind = "organization" if kind_of(phrase) == "organization" else "person"
            return known or self.cast.add(phrase, kind, start, end)
        return self._described(phrase, start, end, strict=strict)

    def _described(self, phrase: str, start: int, end: int, *, strict: bool) -> CastMember | None:
        """An unnamed speaker: "one of the Russian trainers", "a top U.S. official"."""
        lead = re.match(
            r"(?i:(?:one|two|some|several|many|most|each)\s+of\s+(?:the\s+)?|"
            r"(?:a|an|the|one|another)\s+)",
            phrase,
        )
        one_of = bool(lead and " of" in lead.group().lower())
        phrase = phrase[lead.end() :] if lead else phrase
        head = re.split(
            r",|\s(?:who|that|which|whose|wearing|identified|speaking|—|\u2013)\s", phrase
        )
        words = head[0].split()
        if (
            not words
            or len(words) > 8
            or words[0].lower() in NOT_SUBJECT
            or re.search('[“”"]', " ".join(words))
            or not re.search(r"[^\W\d_]", words[0])
        ):
            return None
        kind = kind_of(" ".join(words))
        if strict and kind == "other":
            return None
        if one_of and re.search(r"[^s]s$", words[-1]):
            words[-1] = (
                re.sub(r"ies$", "y", words[-1]) if words[-1].endswith("ies") else words[-1][:-1]
            )
        name = " ".join(words)
        return self.cast.add(name[:1].upper() + name[1:], kind, start, end, named=False)


def context(attribution: Attribution, quote: Quotation) -> str:
    """The sentence the quotation stands in, and the one before when it stands alone.

    At most a couple of hundred characters each side of the quotation, so a long
    sentence (or an article with no full stops) still gives a readable context.
    """
    first, _ = attribution.sentence(quote.start)
    _, last = attribution.sentence(max(quote.end - 1, quote.start))
    start, end = max(first, quote.start - 200), min(last, quote.end + 200)
    masked = attribution.masked
    outside = masked[start : quote.start] + masked[quote.end : end]
    if len(re.findall(r"[^\W\d_]{2,}", outside.replace("X", ""))) < 3 and first > 0:
        first, _ = attribution.sentence(first - 1)
        start = max(first, quote.start - 200)
    end = end if quote.end - quote.start <= 300 else quote.start + 200
    words = one_line(attribution.text[start:end])
    if start > first:
        words = "… " + words.split(" ", 1)[-1]
    if end < last:
        words = words.rsplit(" ", 1)[0] + " …"
    return words
