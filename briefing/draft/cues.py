"""The attributions a reader finds around a quotation in its own sentence: "Smith said"
or "according to Smith" before it, "said Smith", "Smith, a lawyer, said" or "..." Smith
asked after it, a name under it after a dash, a sentence ending ", Smith said.", a colon
that introduces it, and the sentence before one that stands alone ("Smith called him a
genius. "He saw ...""). Each says who, or None; speakers.Attribution decides the order.
"""

from __future__ import annotations

import bisect
import re

from briefing.draft.cast import CastMember
from briefing.draft.lexicon import BETWEEN, PREPOSITIONS, SPEECH_NOUNS
from briefing.draft.phrases import (
    Phrase,
    document,
    phrase_back,
    phrase_forward,
    subject_before,
)
from briefing.draft.quotes import Article, Quotation
from briefing.draft.referents import Referents
from briefing.draft.words import Tok, cue, name_run_back, name_run_forward, name_word

_ISSUING = frozenset("issued released published sent posted put filed made read".split())
_TIME_WORDS = frozenset(
    "on in at last this next earlier later today yesterday tonight week month year morning "
    "afternoon evening night monday tuesday wednesday thursday friday saturday sunday".split()
)


class Cues:
    """Reads the attributions around the quotations of one article."""

    def __init__(self, article: Article, refer: Referents) -> None:
        self.article = article
        self.text = article.text
        self.masked = article.masked
        self.quotations = article.quotations
        self.refer = refer
        self._quote_starts = [q.start for q in self.quotations]

    def before(self, quote: Quotation) -> tuple[CastMember | None, bool]:
        """ "Smith said", "Smith called it", "according to Smith," or "Smith said:" before
        the quotation in its sentence; and whether the speaker is only the clause's
        subject (a weaker guess than the verb's own subject)."""
        first, _ = self.article.sentence(quote.start)
        start = max(first, quote.start - 400)
        colon_lead = self._colon_paragraph(quote)
        if colon_lead is not None:
            start = colon_lead
        toks = self.refer.tokens(start, quote.start)
        weak: CastMember | None = None
        tried = 0
        for i in range(len(toks) - 1, -1, -1):
            if tried == 3:
                break
            tok = toks[i]
            following = toks[i + 1].low if i + 1 < len(toks) else ""
            if tok.low == "according" and following == "to":
                found = phrase_forward(toks, i + 2)
                actor = self.refer.actor(self._issuer(toks, found[0])) if found else None
                return (actor, False) if actor is not None else (weak, weak is not None)
            if cue(toks, i):
                tried += 1
                actor, is_weak = self._verb_subject(toks, i)
                if actor is not None and not is_weak:
                    return actor, False
                weak = weak or actor
                continue
            if (
                tok.low in SPEECH_NOUNS
                and i > 0
                and toks[i - 1].possessive
                and (following in ("that", ":", "“", '"') or i + 1 == len(toks))
                and name_word(toks[i - 1])
            ):
                run = toks[name_run_back(toks, i - 1) : i]
                return self.refer.actor(Phrase("name", run)), False
        if weak is not None:
            return weak, True
        lead = self.masked[start : quote.start].rstrip(' \t\n“"')
        if lead.endswith(":"):
            toks = self.refer.tokens(start, start + len(lead) - 1)
            if toks:
                named = phrase_back(toks, len(toks) - 1)
                if named is not None and named.kind != "description":
                    return self.refer.actor(named), False
                return self.refer.clause_actor(toks, len(toks)), True
        return None, False

    def _colon_paragraph(self, quote: Quotation) -> int | None:
        """Where the sentence introducing a paragraph-opening quotation starts, when the
        paragraph before ends with a colon ("The New York Times reports:")."""
        para = self.article.paragraphs[quote.first_para]
        if quote.start != para[0] or quote.first_para == 0:
            return None
        before = self.article.paragraphs[quote.first_para - 1]
        if not self.masked[before[0] : before[1]].rstrip().endswith(":"):
            return None
        first, _ = self.article.sentence(before[1] - 1)
        return first

    def _verb_subject(self, toks: list[Tok], i: int) -> tuple[CastMember | None, bool]:
        found = subject_before(toks, i)
        if found.phrase is not None:
            return self.refer.actor(self._issuer(toks, found.phrase)), False
        # "saying", "to accuse", "and said", or a subject with a long tail ("Fliers for a
        # protest in Niamey call on"): the subject is the clause's.
        verb = toks[i].low
        before = toks[i - 1].low if i > 0 else ""
        if found.tail or verb.endswith("ing") or before in ("to", "and", "but", ",", "then"):
            return self.refer.clause_actor(toks, i), True
        return None, False

    def after(self, quote: Quotation, *, inverted: bool = True) -> CastMember | None:
        """ "..., said Smith", "..., Smith, a lawyer, said", "...? he asked"; the inverted
        order ("said Smith") only after a quotation that leads on (ends in ,?!)."""
        end = self._after_end(quote)
        toks = self.refer.tokens(quote.end + 1, end)
        i = 0
        while i < len(toks) and toks[i].text in (",", "—", "\u2013", "--", "-"):
            i += 1
        if i >= len(toks):
            return None
        while i < len(toks) and toks[i].low in BETWEEN:
            i += 1
        if i < len(toks) and cue(toks, i):
            if not inverted:
                return None
            j = i + 1
            while j < len(toks) and toks[j].low in BETWEEN:
                j += 1
            found = phrase_forward(toks, j)
            if found is None or found[0].kind == "pronoun":
                return None
            phrase, k = found
            if phrase.toks[0].low in ("his", "her", "their", "its", "our", "my", "your"):
                return None  # "said his group had arrived": what was said, not who
            if (
                k < len(toks)
                and toks[k].text[0].islower()
                and toks[k].low not in PREPOSITIONS
                and toks[k].low not in ("who", "whose", "which")
            ):
                return None  # "said the base has been key": a clause, not a speaker
            return self.refer.actor(phrase)
        if i < len(toks) and toks[i].low == "as":
            i += 1  # "..., as a Homeland Security memo put it."
        found = phrase_forward(toks, i)
        if found is None:
            return None
        phrase, j = found
        for _ in range(5):
            while j < len(toks) and toks[j].low in BETWEEN:
                j += 1
            if j < len(toks) and toks[j].text == "(":
                close = next(
                    (k for k in range(j, min(len(toks), j + 15)) if toks[k].text == ")"), None
                )
                if close is None:
                    return None
                j = close + 1
                continue
            if j < len(toks) and toks[j].text == ",":
                close = next(
                    (k for k in range(j + 1, min(len(toks), j + 40)) if toks[k].text == ","), None
                )
                if close is None:
                    return None
                j = close if close + 1 < len(toks) and not cue(toks, close + 1) else close + 1
                continue
            if j < len(toks) and toks[j].low in PREPOSITIONS and toks[j].text.islower():
                # "Mr. Morgan of the Sierra Club said", "a narrator in the Clinton ad asks"
                verb = next((k for k in range(j + 1, min(len(toks), j + 8)) if cue(toks, k)), None)
                if verb is None or any(not t.text[0].isalnum() for t in toks[j:verb]):
                    return None
                j = verb
            break
        if j < len(toks) and cue(toks, j):
            return self.refer.actor(phrase)
        return None

    def _after_end(self, quote: Quotation) -> int:
        """The attribution after a quotation runs to its sentence's end, or to the next
        quotation; a sentence of its own counts when the quotation ends in ,?!—."""
        index = bisect.bisect_right(self._quote_starts, quote.start)
        following = self.quotations[index].start if index < len(self.quotations) else len(self.text)
        para_end = self.article.paragraphs[quote.last_para][1]
        probe = min(quote.end + 1, para_end)
        _, last = self.article.sentence(probe)
        words = self.text[quote.parts[-1][0] : quote.end].rstrip()
        if last <= quote.end + 1 and words.endswith(("?", "!", ",", "—", "-", "…")):
            _, last = self.article.sentence(min(last + 1, para_end))
        return max(quote.end + 1, min(last, following, para_end, quote.end + 400))

    def dash(self, quote: Quotation) -> CastMember | None:
        """A name under a quotation after a dash: "...” ― Pamela Padilla"."""
        end = self._after_end(quote)
        window = self.masked[quote.end + 1 : end]
        lead = re.match(r"[\s,]*(?:―|—|\u2013|--)\s*", window)
        if not lead:
            return None
        toks = self.refer.tokens(quote.end + 1 + lead.end(), end)
        if not toks or not name_word(toks[0]):
            return None
        stop = name_run_forward(toks, 0)
        rest = toks[stop:]
        if rest and rest[0].text not in (".", ",", "“", '"', ";") and not rest[0].masked:
            return None
        return self.refer.actor(Phrase("name", toks[:stop]))

    def according_after(self, quote: Quotation) -> CastMember | None:
        end = self._after_end(quote)
        toks = self.refer.tokens(quote.end + 1, end)
        for i, tok in enumerate(toks[:-1]):
            if tok.low == "according" and toks[i + 1].low == "to":
                found = phrase_forward(toks, i + 2)
                return self.refer.actor(self._issuer(toks, found[0])) if found else None
        return None

    def _issuer(self, toks: list[Tok], phrase: Phrase) -> Phrase:
        """A statement, report or complaint speaks for whoever issued it: "the Council
        issued a statement calling ...", "a complaint filed by the SEC", "a statement from
        the White House"."""
        if phrase.kind != "description" or not document(phrase):
            return phrase
        end = toks.index(phrase.toks[-1]) + 1
        if end + 1 < len(toks) and toks[end].low.endswith("ed") and toks[end + 1].low == "by":
            end += 1
        if end < len(toks) and toks[end].low in ("by", "from"):
            agent = phrase_forward(toks, end + 1)
            if agent is not None and agent[0].kind == "name":
                return agent[0]
        start = toks.index(phrase.toks[0])
        if start >= 2 and toks[start - 1].low in _ISSUING:
            issuer = phrase_back(toks, start - 2)
            if issuer is not None and issuer.kind == "name":
                return issuer
        return phrase

    def tag(self, quote: Quotation) -> CastMember | None:
        """A sentence that ends ", Warren said." reports all of itself, quotations too."""
        first, last = self.article.sentence(quote.end)
        toks = self.refer.tokens(max(quote.end + 1, first), last)
        commas = [i for i, tok in enumerate(toks) if tok.text == ","]
        if not commas or commas[-1] + 1 >= len(toks):
            return None
        tail = toks[commas[-1] + 1 :]
        while tail and tail[-1].text in (".", "!", "?"):
            tail = tail[:-1]
        if not tail or len(tail) > 8:
            return None
        if cue(tail, 0):
            found = phrase_forward(tail, 1)
            rest = found[1] if found else 0
        else:
            found = phrase_forward(tail, 0)
            rest = found[1] if found else 0
            while rest < len(tail) and tail[rest].low in BETWEEN:
                rest += 1
            if rest >= len(tail) or not cue(tail, rest):
                return None
            rest += 1
        if found is None or any(
            t.text[0].isalpha() and t.low not in _TIME_WORDS for t in tail[rest:]
        ):
            return None
        return self.refer.actor(found[0])

    def introduced(self, quote: Quotation) -> CastMember | None:
        """A quotation standing as a sentence of its own, right after a sentence in which
        someone is reported as saying something ("X called him a master at deals. "He
        showed ..."", "..., Schiff said. "The other factor ...""): theirs. The sentence
        may end the paragraph before, when the quotation is its own paragraph's only
        words ("Lee said the count goes on. ¶ "We will not stop."")."""
        first, _ = self.article.sentence(quote.start)
        if self.masked[first : quote.start].strip(
            ' “"'
        ) or quote.first_para != self.article.paragraph_index(first):
            return None
        index = self.article.sentence_index(quote.start)
        if index == 0:
            return None
        start, end = self.article.sentences[index - 1]
        alone = self.article.alone(quote)
        if self.article.paragraph_index(start) != quote.first_para - (1 if alone else 0):
            return None
        toks = self.refer.tokens(start, end)
        for i in range(len(toks) - 1, -1, -1):
            if cue(toks, i) and not any(t.masked for t in toks[i:]):
                actor, weak = self._verb_subject(toks, i)
                return None if weak else actor
        return None
