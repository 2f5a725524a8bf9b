"""Who a phrase in the article means: the actor behind a name ("Clinton" is the Hillary
Clinton the article introduced), a description ("one of the Russian trainers", "the
mayor"), a label ("identified as a "Russian military instructor""), or "he" and "she".

"He said" is read as a reader reads it: the person the text has just been about, sentence
by sentence back from the pronoun (the speaker quoted there, someone just introduced at a
sentence's end, the sentence's subject, the other people it names), the first one of the
right gender when an honorific, a given name or a role tells it.
"""

from __future__ import annotations

import bisect
import re

from briefing.draft.cast import Cast, CastMember, kind_of, one_line
from briefing.draft.lexicon import (
    DETERMINERS,
    NOT_NAMES,
    PREPOSITIONS,
    PRONOUNS,
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
from briefing.draft.phrases import Phrase, appositive_to_end, clause_subject
from briefing.draft.quotes import Article
from briefing.draft.words import Tok, name_run_forward, name_word, org_tail, person_noun, tokens


class Referents:
    """The people of one article, and who each phrase of it refers to."""

    def __init__(self, article: Article, cast: Cast) -> None:
        self.article = article
        self.text = article.text
        self.masked = article.masked
        self.cast = cast
        self.quotations = article.quotations
        self.people = find_people(article)
        self.via_pronoun = ""
        """The pronoun the last speaker was read from, if any ("he")."""
        self._resolving: set[int] = set()
        self._quote_starts = [q.start for q in self.quotations]
        self._read: dict[tuple[int, int], list[Tok]] = {}

    def tokens(self, start: int, end: int) -> list[Tok]:
        """The words of a stretch of the text, read once: pronouns and continuations
        look at the same sentences again and again."""
        key = (start, end)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = tokens(self.masked, start, end)
        return found

    # -- names and descriptions -------------------------------------------------------------------

    def actor(self, phrase: Phrase) -> CastMember | None:
        if phrase.kind == "pronoun":
            self.via_pronoun = phrase.toks[0].bare.lower()
            return self.resolve_pronoun(phrase.start, PRONOUNS[phrase.toks[0].bare.lower()])
        if phrase.kind == "name":
            return self._name_actor(phrase.toks)
        if phrase.kind == "label":
            return self._labelled(phrase.toks[0])
        return self._described(phrase)

    def _labelled(self, tok: Tok) -> CastMember | None:
        """The speaker a label names: "a man identified as a "Russian military instructor"."""
        words = self.text[tok.start : tok.end].strip(" ,.;:")
        if not words or len(words.split()) > 6:
            return None
        label = words[:1].upper() + words[1:]
        return self.cast.add(label, kind_of(words), tok.start, tok.end, named=False)

    def _name_actor(self, run: list[Tok]) -> CastMember | None:
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

    def _described(self, phrase: Phrase) -> CastMember | None:
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

    def _titled(self, phrase: Phrase) -> CastMember | None:
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

    def clause_actor(self, toks: list[Tok], upto: int) -> CastMember | None:
        phrase = clause_subject(toks, upto)
        return self.actor(phrase) if phrase is not None else None

    # -- he and she --------------------------------------------------------------------------

    def resolve_pronoun(self, position: int, gender: str) -> CastMember | None:
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

    def _resolve(self, position: int, gender: str) -> CastMember | None:
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

    def _people_in(self, start: int, end: int, position: int) -> list[CastMember | None]:
        """The people of a sentence, most likely antecedent first: whoever is quoted in
        it, someone introduced at its end ("..., Henry Crespo, president of X."), its
        subject, the other people it names, and last those it names after a preposition
        or with a possessive."""
        lo = bisect.bisect_left(self._quote_starts, start)
        hi = bisect.bisect_left(self._quote_starts, min(end, position))
        speakers = [q.speaker for q in self.quotations[lo:hi] if q.speaker is not None]
        toks = self.tokens(start, end)
        subject = clause_subject(toks, len(toks))
        first: list[CastMember | None] = []
        if subject is not None and subject.start < position:
            if subject.kind == "pronoun":
                if subject.start != position:
                    first.append(
                        self.resolve_pronoun(subject.start, PRONOUNS[subject.toks[0].bare.lower()])
                    )
            elif subject.kind == "name":
                first.append(self.known(subject.toks))
        named: list[CastMember | None] = []
        later: list[CastMember | None] = []
        introduced: list[CastMember | None] = []
        for i, tok in enumerate(toks):
            if tok.start >= position:
                break
            if not name_word(tok) or (
                i > 0 and name_word(toks[i - 1]) and not toks[i - 1].possessive
            ):
                continue
            stop = name_run_forward(toks, i)
            actor = self.known(toks[i:stop])
            if (i > 0 and toks[i - 1].low in PREPOSITIONS) or toks[stop - 1].possessive:
                later.append(actor)
            else:
                named.append(actor)
            if end <= position and appositive_to_end(toks, stop):
                introduced.append(actor)
        return speakers + introduced + first + named + later

    def known(self, run: list[Tok]) -> CastMember | None:
        """A person the article names elsewhere in full, or who has a title here."""
        name = split_role(run)[1]
        words = core_words(name)
        if not words:
            return None
        person = self.people.lookup(words, run[0].start)
        if person is None:
            return None
        return self.cast.add(person.name, "person", name[0].start, name[-1].end, person.role)

    def _fits(self, actor: CastMember, gender: str) -> bool:
        if actor.kind != "person":
            return False
        known = self._gender(actor)
        return not known or not gender or known == gender

    def _gender(self, actor: CastMember) -> str:
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
