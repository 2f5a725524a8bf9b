"""Who the article says spoke each quotation, read the way a careful reader reads it.

A reader looks for the attribution around a quotation ("said Smith", "Smith, a
lawyer, said", "Smith called it", "according to Smith", a colon after "Smith said",
"― Smith" under a quote, a transcript's "SMITH:"), takes the subject of its verb
rather than the first name in the sentence, reads "he said" as the person the text
has just been about, and lets a quotation with no attribution of its own continue
the one before it. Where none of that settles it, the speaker is left to the author
with the names the draft considered, because a wrong name costs more than a TODO.

Everything is read from a copy of the text with quoted words blanked, so no word
inside a quotation is taken for an attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.draft.cast import Actor, Cast, kind_of, one_line
from briefing.draft.lexicon import (
    BETWEEN,
    DETERMINERS,
    NOT_NAMES,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_NOUNS,
    TITLE_ABBREVIATIONS,
)
from briefing.draft.people import (
    core_words,
    find_people,
    gender_of,
    given_name_gender,
    is_org,
    role_text,
    split_role,
    surname,
)
from briefing.draft.phrases import (
    Phrase,
    Tok,
    appositive_to_end,
    clause_subject,
    cue,
    document,
    name_run_back,
    name_run_forward,
    name_word,
    org_tail,
    person_noun,
    phrase_back,
    phrase_forward,
    subject_before,
    tokens,
)
from briefing.draft.quotes import Article, Quotation

_ISSUING = frozenset("issued released published sent posted put filed made read".split())
_TIME_WORDS = frozenset(
    "on in at last this next earlier later today yesterday tonight week month year morning "
    "afternoon evening night monday tuesday wednesday thursday friday saturday sunday".split()
)

# -- attribution ---------------------------------------------------------------------------------


@dataclass
class Found:
    """A speaker found for a quotation, or the names considered when none was."""

    actor: Actor | None
    candidates: list[str] = field(default_factory=list)
    basis: str = ""
    """How the speaker was read: "after" ("..., said X"), "before" ("X said ..."),
    "pronoun:..." when through "he" or "she", "continued" and so on."""
    pronoun: str = ""
    """The pronoun the speaker was read from ("he"), for the author to check."""


class Attribution:
    """Guesses each quotation's speaker from the words around it, as a reader would."""

    def __init__(self, article: Article, cast: Cast) -> None:
        self.article = article
        self.text = article.text
        self.masked = article.masked
        self.cast = cast
        self.quotations = article.quotations
        self.people = find_people(article)
        self._resolving: set[int] = set()
        self._via_pronoun = ""
        self._read: dict[tuple[int, int], list[Tok]] = {}
        self._quote_starts = [q.start for q in self.quotations]

    def _tokens(self, start: int, end: int) -> list[Tok]:
        """The words of a stretch of the text, read once: pronouns and continuations
        look at the same sentences again and again."""
        key = (start, end)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = tokens(self.masked, start, end)
        return found

    # -- the entry point ------------------------------------------------------------------

    def attribute_all(self) -> None:
        for index, quotation in enumerate(self.quotations):
            found = self.attribute(index)
            quotation.speaker = found.actor
            quotation.candidates = found.candidates
            quotation.pronoun = found.pronoun

    def attribute(self, index: int) -> Found:
        self._via_pronoun = ""
        found = self._attribute(index)
        if found.actor is not None and self._via_pronoun:
            found.basis = "pronoun:" + found.basis
            found.pronoun = self._via_pronoun
        return found

    def _attribute(self, index: int) -> Found:
        quote = self.quotations[index]
        label = self._label(quote)
        if label is not None:
            return Found(label, basis="label")
        words = self.text[quote.parts[-1][0] : quote.end].rstrip().rstrip("'\u2019")
        after_first = words.endswith((",", "?", "!", "—", "-", "…")) or self.masked[
            quote.end + 1 : quote.end + 2
        ] in (",", "—")
        if after_first:
            actor = self._after(quote)
            if actor is not None:
                return Found(actor, basis="after")
        before, weak = self._before(quote)
        if before is not None and not weak:
            return Found(before, basis="before")
        attempts: list[tuple[str, Callable[[], Actor | None]]] = [
            ("after", lambda: None if after_first else self._after(quote, inverted=False)),
            ("dash", lambda: self._dash(quote)),
            ("according", lambda: self._according_after(quote)),
            ("tag", lambda: self._tag(quote)),
            ("clause", lambda: before),
            ("continued", lambda: self._continued(index)),
            ("introduced", lambda: self._introduced(quote)),
        ]
        for basis, attempt in attempts:
            actor = attempt()
            if actor is not None:
                return Found(actor, basis=basis)
        return Found(None, self._candidates(quote))

    # -- attributions around the quotation ------------------------------------------------

    def _before(self, quote: Quotation) -> tuple[Actor | None, bool]:
        """ "Smith said", "Smith called it", "according to Smith," or "Smith said:" before
        the quotation in its sentence; and whether the speaker is only the clause's
        subject (a weaker guess than the verb's own subject)."""
        first, _ = self.article.sentence(quote.start)
        start = max(first, quote.start - 400)
        colon_lead = self._colon_paragraph(quote)
        if colon_lead is not None:
            start = colon_lead
        toks = self._tokens(start, quote.start)
        weak: Actor | None = None
        tried = 0
        for i in range(len(toks) - 1, -1, -1):
            if tried == 3:
                break
            tok = toks[i]
            following = toks[i + 1].low if i + 1 < len(toks) else ""
            if tok.low == "according" and following == "to":
                found = phrase_forward(toks, i + 2)
                actor = self._actor(self._issuer(toks, found[0])) if found else None
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
                return self._actor(Phrase("name", run)), False
        if weak is not None:
            return weak, True
        lead = self.masked[start : quote.start].rstrip(' \t\n“"')
        if lead.endswith(":"):
            toks = self._tokens(start, start + len(lead) - 1)
            if toks:
                named = phrase_back(toks, len(toks) - 1)
                if named is not None and named.kind != "description":
                    return self._actor(named), False
                return self._clause_subject(toks, len(toks)), True
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

    def _verb_subject(self, toks: list[Tok], i: int) -> tuple[Actor | None, bool]:
        found = subject_before(toks, i)
        if found.phrase is not None:
            return self._actor(self._issuer(toks, found.phrase)), False
        # "saying", "to accuse", "and said", or a subject with a long tail ("Fliers for a
        # protest in Niamey call on"): the subject is the clause's.
        verb = toks[i].low
        before = toks[i - 1].low if i > 0 else ""
        if found.tail or verb.endswith("ing") or before in ("to", "and", "but", ",", "then"):
            return self._clause_subject(toks, i), True
        return None, False

    def _after(self, quote: Quotation, *, inverted: bool = True) -> Actor | None:
        """ "..., said Smith", "..., Smith, a lawyer, said", "...? he asked"; the inverted
        order ("said Smith") only after a quotation that leads on (ends in ,?!)."""
        end = self._after_end(quote)
        toks = self._tokens(quote.end + 1, end)
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
            return self._actor(phrase)
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
            return self._actor(phrase)
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

    def _dash(self, quote: Quotation) -> Actor | None:
        """A name under a quotation after a dash: "...” ― Pamela Padilla"."""
        end = self._after_end(quote)
        window = self.masked[quote.end + 1 : end]
        lead = re.match(r"[\s,]*(?:―|—|\u2013|--)\s*", window)
        if not lead:
            return None
        toks = self._tokens(quote.end + 1 + lead.end(), end)
        if not toks or not name_word(toks[0]):
            return None
        stop = name_run_forward(toks, 0)
        rest = toks[stop:]
        if rest and rest[0].text not in (".", ",", "“", '"', ";") and not rest[0].masked:
            return None
        return self._actor(Phrase("name", toks[:stop]))

    def _according_after(self, quote: Quotation) -> Actor | None:
        end = self._after_end(quote)
        toks = self._tokens(quote.end + 1, end)
        for i, tok in enumerate(toks[:-1]):
            if tok.low == "according" and toks[i + 1].low == "to":
                found = phrase_forward(toks, i + 2)
                return self._actor(self._issuer(toks, found[0])) if found else None
        return None

    def _issuer(self, toks: list[Tok], phrase: Phrase) -> Phrase:
        """A statement, report or complaint speaks for whoever issued it: "the Council
        issued a statement calling ...", "a complaint filed by the SEC"."""
        if phrase.kind != "description" or not document(phrase):
            return phrase
        end = toks.index(phrase.toks[-1]) + 1
        if end + 1 < len(toks) and toks[end].low.endswith("ed") and toks[end + 1].low == "by":
            agent = phrase_forward(toks, end + 2)
            if agent is not None and agent[0].kind == "name":
                return agent[0]
        start = toks.index(phrase.toks[0])
        if start >= 2 and toks[start - 1].low in _ISSUING:
            issuer = phrase_back(toks, start - 2)
            if issuer is not None and issuer.kind == "name":
                return issuer
        return phrase

    def _tag(self, quote: Quotation) -> Actor | None:
        """A sentence that ends ", Warren said." reports all of itself, quotations too."""
        first, last = self.article.sentence(quote.end)
        toks = self._tokens(max(quote.end + 1, first), last)
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
        return self._actor(found[0])

    def _introduced(self, quote: Quotation) -> Actor | None:
        """A quotation standing as a sentence of its own, right after a sentence in which
        someone is reported as saying something ("X called him a master at deals. "He
        showed ..."", "..., Schiff said. "The other factor ...""): theirs."""
        first, _ = self.article.sentence(quote.start)
        if self.masked[first : quote.start].strip(
            ' “"'
        ) or quote.first_para != self.article.paragraph_index(first):
            return None
        index = self.article.sentence_index(quote.start)
        if index == 0:
            return None
        start, end = self.article.sentences[index - 1]
        if self.article.paragraph_index(start) != quote.first_para:
            return None
        toks = self._tokens(start, end)
        for i in range(len(toks) - 1, -1, -1):
            if cue(toks, i) and not any(t.masked for t in toks[i:]):
                actor, weak = self._verb_subject(toks, i)
                return None if weak else actor
        return None

    def _label(self, quote: Quotation) -> Actor | None:
        """A transcript's speaker label at the start of the quoted words: "PENCE: ..."."""
        start, end = quote.parts[0]
        label = re.match(
            r"\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s", self.text[start:end]
        )
        if not label:
            return None
        words = label.group(1)
        person = self.people.lookup([words.split()[-1]], start)
        if (
            person is None
            and sum(
                1
                for q in self.quotations
                if self.text[q.parts[0][0] : q.parts[0][0] + len(words) + 1] == words + ":"
            )
            < 2
        ):
            return None
        name = person.name if person else words.title()
        return self.cast.add(name, "person", start, start + len(words))

    def _continued(self, index: int) -> Actor | None:
        """A quotation with no attribution of its own continues the one before it in its
        paragraph, or the previous paragraph's when it opens its own."""
        quote = self.quotations[index]
        if index == 0:
            return None
        previous = self.quotations[index - 1]
        if previous.speaker is None or self._someone_else(previous, quote):
            return None
        if previous.last_para == quote.first_para:
            return previous.speaker
        opens = quote.start == self.article.paragraphs[quote.first_para][0]
        if opens and previous.last_para == quote.first_para - 1:
            para = self.article.paragraphs[previous.last_para]
            tail = self.masked[previous.end + 1 : para[1]]
            if not re.search(r"[^\W\d_]{2,}", tail.replace("X", "")) or len(tail.split()) <= 12:
                return previous.speaker
        return None

    def _someone_else(self, previous: Quotation, quote: Quotation) -> bool:
        """Whether the sentences between two quotations name a person other than the first
        quotation's speaker ("... the Latvian journalist Dainis Ivans to fear a ..."). The
        first quotation's own sentence holds its attribution, and does not count."""
        _, after = self.article.sentence(max(previous.end - 1, previous.start))
        toks = self._tokens(max(after, previous.end + 1), quote.start)
        speaker = previous.speaker
        for i, tok in enumerate(toks):
            if not name_word(tok) or (i > 0 and name_word(toks[i - 1])):
                continue
            run = toks[i : name_run_forward(toks, i)]
            name = split_role(run)[1]
            words = core_words(name)
            if not words or speaker is None:
                continue
            person = self.people.lookup(words, tok.start)
            if person is None and (len(words) < 2 or is_org(words) or org_tail(name)):
                continue
            full = person.name if person else " ".join(words)
            if surname(full.split()) != surname(speaker.name.split()):
                return True
        return False

    # -- who a phrase is -------------------------------------------------------------------

    def _actor(self, phrase: Phrase) -> Actor | None:
        if phrase.kind == "pronoun":
            self._via_pronoun = phrase.toks[0].bare.lower()
            return self.resolve_pronoun(phrase.start, PRONOUNS[phrase.toks[0].bare.lower()])
        if phrase.kind == "name":
            return self._name_actor(phrase.toks)
        if phrase.kind == "label":
            return self._labelled(phrase.toks[0])
        return self._described(phrase)

    def _labelled(self, tok: Tok) -> Actor | None:
        """The speaker a label names: "a man identified as a "Russian military instructor"."""
        words = self.text[tok.start : tok.end].strip(" ,.;:")
        if not words or len(words.split()) > 6:
            return None
        label = words[:1].upper() + words[1:]
        return self.cast.add(label, kind_of(words), tok.start, tok.end, named=False)

    def _name_actor(self, run: list[Tok]) -> Actor | None:
        role, name = split_role(run)
        while name and name[0].text in NOT_NAMES:
            name = name[1:]
        if not name:
            return None
        start, end = name[0].start, name[-1].end
        titled = [t.text for t in name if t.text in TITLE_ABBREVIATIONS]
        core = core_words(name)
        if not core:
            return None
        role_words = role_text(role)
        person = self.people.lookup(core, start)
        if person is not None and (len(core) == 1 or person.full):
            return self.cast.add(person.name, "person", start, end, person.role or role_words)
        if len(core) == 1:
            display = core[0].title() if core[0].isupper() and len(core[0]) > 4 else core[0]
            kind = "person" if titled or role else kind_of(display)
            opens = self.article.sentence(start)[0] == start
            if kind == "other" and not re.fullmatch(r"[A-Z][A-Z&-]{1,9}", display):
                # a surname, unless it opens the sentence as a plural ("Fliers call on")
                plural = opens and re.search(r"[^s]s$", display) is not None
                kind = "other" if plural else "person"
            return self.cast.add(" ".join([*titled, display]), kind, start, end, role_words)
        text = one_line(self.masked[start:end])
        text = re.sub(r"['\u2019]s$", "", text)
        kind = "organization" if org_tail(name) or is_org(core) else "person"
        return self.cast.add(text, kind, start, end, role_words)

    def _described(self, phrase: Phrase) -> Actor | None:
        """An unnamed speaker: "one of the Russian trainers", "a top U.S. official"; or
        "the mayor" when the article names one person with that title."""
        titled = self._titled(phrase)
        if titled is not None:
            return titled
        words = [t.text for t in phrase.toks]
        one_of = len(words) > 2 and words[1].lower() == "of" and words[0].lower() in DETERMINERS
        while words and (words[0].lower() in DETERMINERS or words[0].lower() == "of"):
            words = words[1:]
        if not words or len(words) > 8:
            return None
        if one_of and re.search(r"[^s]s$", words[-1]):
            last = words[-1]
            words[-1] = last[:-3] + "y" if last.endswith("ies") else last[:-1]
        name = " ".join(words)
        kind = kind_of(name)
        if kind == "other":
            kind = "person" if person_noun(words[-1]) else "other"
        return self.cast.add(
            name[:1].upper() + name[1:], kind, phrase.start, phrase.end, named=False
        )

    def _titled(self, phrase: Phrase) -> Actor | None:
        """ "the mayor said": the one person the article introduces as "Mayor ..."."""
        if len(phrase.toks) != 2 or phrase.toks[0].low != "the":
            return None
        title = phrase.toks[1].low
        holders = {
            person.name
            for people in self.people.by_surname.values()
            for person in people
            if title in person.titles.split() and person.first < phrase.start
        }
        if len(holders) != 1:
            return None
        (name,) = holders
        return self.cast.add(name, "person", phrase.start, phrase.end)

    def _clause_subject(self, toks: list[Tok], upto: int) -> Actor | None:
        phrase = clause_subject(toks, upto)
        return self._actor(phrase) if phrase is not None else None

    # -- he and she --------------------------------------------------------------------------

    def resolve_pronoun(self, position: int, gender: str) -> Actor | None:
        """ "He said": the person the text has just been about. In the pronoun's sentence
        and then each sentence before it (up to four, in this paragraph or the one
        before), the speaker of a quotation there, then the sentence's subject, then the
        other people it names, whoever first fits the pronoun's gender."""
        if position in self._resolving:
            return None
        self._resolving.add(position)
        try:
            return self._resolve(position, gender)
        finally:
            self._resolving.discard(position)

    def _resolve(self, position: int, gender: str) -> Actor | None:
        index = self.article.sentence_index(position)
        para = self.article.paragraph_index(position)
        for back in range(5):
            if index - back < 0:
                break
            start, end = self.article.sentences[index - back]
            if self.article.paragraph_index(start) < para - 1:
                break
            limit = position if back == 0 else end
            for actor in self._people_in(start, limit, position):
                if actor is not None and self._fits(actor, gender):
                    return actor
        return None

    def _people_in(self, start: int, end: int, position: int) -> list[Actor | None]:
        """The people of a sentence, most likely antecedent first: whoever is quoted in
        it, someone introduced at its end ("..., Henry Crespo, president of X."), its
        subject, the other people it names, and last those it names after a preposition
        or with a possessive."""
        speakers = [
            q.speaker
            for q in self.quotations
            if start <= q.start < min(end, position) and q.speaker is not None
        ]
        toks = self._tokens(start, end)
        subject = clause_subject(toks, len(toks))
        first: list[Actor | None] = []
        if subject is not None and subject.start < position:
            if subject.kind == "pronoun":
                if subject.start != position:
                    first.append(
                        self.resolve_pronoun(subject.start, PRONOUNS[subject.toks[0].bare.lower()])
                    )
            elif subject.kind == "name":
                first.append(self._known(subject.toks))
        named: list[Actor | None] = []
        later: list[Actor | None] = []
        introduced: list[Actor | None] = []
        for i, tok in enumerate(toks):
            if tok.start >= position:
                break
            if not name_word(tok) or (
                i > 0 and name_word(toks[i - 1]) and not toks[i - 1].possessive
            ):
                continue
            stop = name_run_forward(toks, i)
            actor = self._known(toks[i:stop])
            if (i > 0 and toks[i - 1].low in PREPOSITIONS) or toks[stop - 1].possessive:
                later.append(actor)
            else:
                named.append(actor)
            if end <= position and appositive_to_end(toks, stop):
                introduced.append(actor)
        return speakers + introduced + first + named + later

    def _known(self, run: list[Tok]) -> Actor | None:
        """A person the article names elsewhere in full, or who has a title here."""
        name = split_role(run)[1]
        words = core_words(name)
        if not words:
            return None
        person = self.people.lookup(words, run[0].start)
        if person is None:
            return None
        return self.cast.add(person.name, "person", name[0].start, name[-1].end, person.role)

    def _fits(self, actor: Actor, gender: str) -> bool:
        if actor.kind != "person":
            return False
        known = self._gender(actor)
        return not known or not gender or known == gender

    def _gender(self, actor: Actor) -> str:
        words = actor.name.split()
        found = gender_of(words, actor.role)
        if found:
            return found
        if not actor.named:
            return gender_of([], actor.name)
        for person in self.people.by_surname.get(surname(words), []):
            if person.name == actor.name or person.name.endswith(actor.name):
                return person.gender
        return given_name_gender(words[0]) if len(words) == 1 else ""  # "Melanie said"

    # -- when nothing settles it ----------------------------------------------------------

    def _candidates(self, quote: Quotation) -> list[str]:
        """Who the draft considered: the speaker of the quotation before (in this
        paragraph or the one before) and the people named in the quotation's sentence
        and the one before it."""
        names: list[str] = []
        index = self.quotations.index(quote)
        if index > 0:
            previous = self.quotations[index - 1]
            if previous.speaker is not None and previous.last_para >= quote.first_para - 1:
                names.append(previous.speaker.name)
        first, last = self.article.sentence(quote.start)
        sentence = self.article.sentence_index(quote.start)
        if sentence > 0:
            first = self.article.sentences[sentence - 1][0]
        for start, _, key in self.people.mentions:
            if first <= start < max(last, quote.end + 1):
                person = self.people.lookup([key], start)
                if person is not None and not any(
                    surname(n.split()) == surname(person.name.split()) for n in names
                ):
                    names.append(person.name)
        return names[:4]
