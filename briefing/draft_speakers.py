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
from dataclasses import dataclass, field

from briefing.draft_cast import CAP, Actor, Cast, kind_of, one_line
from briefing.draft_lexicon import (
    BASE_VERBS,
    BETWEEN,
    CONJUNCTIONS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    FEMALE_NAMES,
    FEMALE_NOUNS,
    HONORIFIC_GENDER,
    MALE_NAMES,
    MALE_NOUNS,
    NAME_SUFFIXES,
    NOT_NAMES,
    ORG_TAILS,
    OTHER_PRONOUNS,
    PARTICLES,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    SUBORDINATORS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from briefing.draft_quotes import Article, Quotation

# -- words ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w\u2019'&/.-]*\w|\w|--|[^\w\s]")
_DASHES = {"—", "\u2013", "―", "--", "-"}
_MARKS = {"“", "”", '"'}
# "as the Times put it", "fliers call on residents to ..."
_TWO_WORD_CUES = {("put", "it"), ("call", "on")}
_ISSUING = frozenset("issued released published sent posted put filed made read".split())
_TIME_WORDS = frozenset(
    "on in at last this next earlier later today yesterday tonight week month year morning "
    "afternoon evening night monday tuesday wednesday thursday friday saturday sunday".split()
)
_QUANTIFIERS = frozenset("one some many several two three four each most all both".split())


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def bare(self) -> str:
        """The word without a possessive ending."""
        return re.sub(r"(?:['\u2019]s|(?<=s)['\u2019])$", "", self.text)

    @property
    def possessive(self) -> bool:
        return re.search(r"(?:['\u2019]s|s['\u2019])$", self.text) is not None

    @property
    def masked(self) -> bool:
        """Blanked quoted words (see Article.masked)."""
        return self.text[0] == "X" and self.text.rstrip(".!?").strip("X") == ""


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
        or re.fullmatch(rf"(?:[{CAP}]\.){{1,3}}", word) is not None
        or re.fullmatch(r"(?:[A-Za-z]\.){2,}", word) is not None
        or word in ("St.", "Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd.", "No.", "vs.")
    )


def _capitalised(tok: Tok) -> bool:
    return tok.text[0].isupper() and not tok.masked


def _name_word(tok: Tok) -> bool:
    """A word that can be part of a name: "Smith", "McGinley", "G.K.", "NYPD", "II"."""
    word = tok.bare
    if not word or not word[0].isupper() or tok.masked or word in NOT_NAMES:
        return False
    if word in TITLE_ABBREVIATIONS or word in NAME_SUFFIXES:
        return True
    if re.fullmatch(rf"(?:[{CAP}]\.){{1,3}}|[{CAP}]", word):
        return True  # an initial
    if re.fullmatch(r"[A-Z][A-Z&-]{1,9}", word):
        return True  # an acronym ("AFL-CIO"), or a transcript's "PENCE"
    return re.fullmatch(r"(?:[OD]['\u2019])?[^\W\d_][\w\u2019'-]*", word) is not None and any(
        c.islower() for c in word
    )


def _title(tok: Tok) -> bool:
    return tok.text in TITLE_ABBREVIATIONS or tok.text in TITLE_WORDS


# -- noun phrases ----------------------------------------------------------------------------


@dataclass
class Phrase:
    """What stands in a speaker's place: a name, a pronoun or a description."""

    kind: str  # "name", "pronoun", "description"
    toks: list[Tok]

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def _joins(word: Tok, link: Tok) -> bool:
    """ "de" in "Bill de Blasio"; "of" after an institution or a title ("University of
    Michigan", "Secretary of State")."""
    if link.low in PARTICLES:
        return True
    return link.low in ("of", "for", "on") and (word.bare in ORG_TAILS or word.text in TITLE_WORDS)


def _shouted(first: Tok, second: Tok) -> bool:
    """Two words in capitals are a heading ("CONGRESS HAS INVESTIGATED"), not one name."""
    return all(re.fullmatch(r"[A-Z]{2,}", t.bare) for t in (first, second))


def _name_run_back(toks: list[Tok], j: int) -> int:
    """The first token of the name that ends at ``toks[j]``."""
    k = j
    while k > 0 and j - k < 8:
        before = toks[k - 1]
        if before.possessive:
            break
        if _name_word(before) and before.end + 2 >= toks[k].start and not _shouted(before, toks[k]):
            k -= 1
        elif k >= 2 and _name_word(toks[k - 2]) and _joins(toks[k - 2], before):
            k -= 2
        else:
            break
    return k


def _name_run_forward(toks: list[Tok], i: int) -> int:
    """One past the last token of the name that starts at ``toks[i]``."""
    k = i + 1
    while k < len(toks) and k - i < 8 and not toks[k - 1].possessive:
        tok = toks[k]
        if _name_word(tok) and toks[k - 1].end + 2 >= tok.start and not _shouted(toks[k - 1], tok):
            k += 1
        elif k + 1 < len(toks) and _name_word(toks[k + 1]) and _joins(toks[k - 1], tok):
            k += 2
        else:
            break
    return k


_MODALS = frozenset("to will would could can may might must should did does do they we i you".split())


def _cue(toks: list[Tok], i: int) -> bool:
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
    return before.low in _MODALS or (_name_word(before) and not before.possessive)


def _document(phrase: Phrase) -> bool:
    return phrase.toks[-1].low.rstrip("s") in DOCUMENT_NOUNS and not any(
        t.possessive for t in phrase.toks
    )


def _person_noun(word: str) -> bool:
    word = word.lower()
    return word in PERSON_NOUNS or (word.endswith("s") and word[:-1] in PERSON_NOUNS)


def _description_back(toks: list[Tok], j: int) -> Phrase | None:
    """ "the official", "one of the Russian trainers", "the ad's narrator", ending at j."""
    head = toks[j]
    if not _person_noun(head.text) or head.possessive:
        return None
    k = j
    while k > 0 and j - k < 7:
        before = toks[k - 1]
        if before.low in DETERMINERS or before.possessive:
            k -= 1
            if before.possessive or before.low not in ("one", "some", "many", "several", "two"):
                if not (k >= 2 and toks[k - 1].low == "of"):
                    break
        elif before.low == "of" and k >= 2 and toks[k - 2].low in DETERMINERS:
            k -= 1
        elif (
            (before.text[0].isalpha() or before.text[0].isdigit())
            and not before.masked
            and (
                before.low not in PREPOSITIONS
                and before.low not in SPEECH_VERBS
                and before.low not in BETWEEN
                and before.low not in CONJUNCTIONS
                and before.low not in OTHER_PRONOUNS
                and before.low not in PRONOUNS
            )
        ):
            k -= 1
        else:
            break
    if k == j and head.text[0].islower() and not head.text.endswith("s"):
        return None  # a bare singular noun ("official said") is not a description
    return Phrase("description", toks[k : j + 1])


@dataclass
class Subject:
    """What stands before a verb: the phrase, or why there is none that a reader would
    take (``tail``: the phrase before the verb ends a longer subject, as "Niamey" in
    "fliers for a protest in Niamey call on"; the clause's subject is the verb's)."""

    phrase: Phrase | None
    tail: bool = False


def subject_before(toks: list[Tok], i: int) -> Subject:
    """The subject of the verb at ``toks[i]``: the phrase right before it, past adverbs,
    auxiliaries, a parenthesis ("(D-N.Y.)") and appositives (", a writer for X,")."""
    j = i - 1
    if toks[i].low.endswith("ing"):
        gap = _between_count(toks, i)
        if i - 1 - gap >= 0 and toks[i - 1 - gap].text == ",":
            return Subject(None, tail=True)  # "..., arguing that": the main clause's subject
    skipped: list[int] = []  # where each appositive skipped began
    for _ in range(10):
        if j < 0:
            return Subject(None)
        tok = toks[j]
        if tok.low in BETWEEN or (
            tok.text[0].islower() and tok.low.endswith("ly") and len(tok.low) > 4
        ):
            j -= 1
            continue
        if tok.text in _MARKS and j > 0 and toks[j - 1].masked:
            j -= 1  # the closing mark of a quoted label
            continue
        if tok.text == ")":
            opening = _back_to(toks, j, "(", 15)
            if opening is None:
                return Subject(None)
            j = opening - 1
            continue
        if tok.text == "," or tok.text in _DASHES:
            family = {","} if tok.text == "," else _DASHES
            opening = _back_to(toks, j, family, 40)
            if opening is None or opening == 0:
                return Subject(None)
            skipped.append(opening)
            j = opening - 1
            continue
        break
    found = phrase_back(toks, j)
    if found is not None and skipped:
        found = _first_of_stack(toks, found)
    if found is not None and found.kind != "pronoun":
        first = toks.index(found.toks[0])
        before = toks[first - 1].low if first > 0 else ""
        if before in PREPOSITIONS and before != "as" and not toks[i].low.endswith("ing"):
            return Subject(None, tail=True)  # "a protest in Niamey call on"
    return Subject(found, tail=found is None and j >= 0 and toks[j].text[0].isalpha())


def _between_count(toks: list[Tok], i: int) -> int:
    count = 0
    while i - 1 - count >= 0 and toks[i - 1 - count].low in BETWEEN:
        count += 1
    return count


def _first_of_stack(toks: list[Tok], found: Phrase) -> Phrase:
    """"Michael Mulgrew, president of the United Federation of Teachers, which ...,
    said": appositives can stack, and the speaker is the name before the first."""
    for _ in range(3):
        first = toks.index(found.toks[0])
        comma = None
        for k in range(first - 1, max(-1, first - 16), -1):
            text = toks[k].text
            if text == ",":
                comma = k
                break
            if text in (";", ":") or text in _MARKS or toks[k].masked:
                return found
        if comma is None or comma == 0:
            return found
        chunk = toks[comma + 1 : first]
        if not any(t.text[0].islower() for t in chunk) and found.kind == "name":
            return found  # a list of names, not an appositive
        earlier = phrase_back(toks, comma - 1)
        if earlier is None or earlier.kind != "name" or not _personal_or_known(earlier.toks):
            return found
        found = earlier
    return found


def _personal_or_known(run: list[Tok]) -> bool:
    words = [t.bare for t in run if t.bare not in NOT_NAMES]
    return len(words) >= 2 or _personal(run)


def _back_to(toks: list[Tok], j: int, family: str | set[str], limit: int) -> int | None:
    for k in range(j - 1, max(-1, j - limit), -1):
        text = toks[k].text
        if text in family:
            return k
        if text in (";", ":") or text in _MARKS or toks[k].masked:
            return None
    return None


def phrase_back(toks: list[Tok], j: int) -> Phrase | None:
    """The noun phrase that ends at ``toks[j]``, if it can be a speaker."""
    tok = toks[j]
    if tok.bare.lower() in PRONOUNS:
        return Phrase("pronoun", [tok])
    if tok.masked:
        # "a man identified as a "Russian military instructor" said": the label names him
        lead = [t.low for t in toks[max(0, j - 3) : j] if t.text not in _MARKS]
        return Phrase("label", [tok]) if lead[-2:] in (["as", "a"], ["as", "an"]) else None
    if _name_word(tok) and not tok.possessive and not _title(tok):
        k = _name_run_back(toks, j)
        run = toks[k : j + 1]
        # "Representative Smith of New York": the person, not the place.
        if k >= 2 and toks[k - 1].low == "of":
            m = _name_run_back(toks, k - 2)
            earlier = toks[m : k - 1]
            if _name_word(toks[k - 2]) and _personal(earlier) and not _org_tail(earlier):
                return Phrase("name", earlier)
        return Phrase("name", run)
    if tok.text[0].isalpha():
        return _description_back(toks, j)
    return None


def _org_tail(run: list[Tok]) -> bool:
    return run[-1].bare in ORG_TAILS


def _personal(run: list[Tok]) -> bool:
    """A run of capitalised words that reads as a person's name."""
    words = [t.text for t in run]
    if any(w in TITLE_ABBREVIATIONS or w in TITLE_WORDS for w in words):
        return True
    names = [w for w in words if w not in TITLE_WORDS]
    return len(names) >= 2 and (names[0] in MALE_NAMES or names[0] in FEMALE_NAMES)


def phrase_forward(toks: list[Tok], i: int) -> tuple[Phrase, int] | None:
    """The noun phrase that starts at ``toks[i]`` and where it ends: a pronoun, a name
    with what comes before it ("MSNBC host Chris Matthews"), or a description."""
    if i >= len(toks):
        return None
    tok = toks[i]
    if tok.bare.lower() in PRONOUNS:
        return Phrase("pronoun", [tok]), i + 1
    k = i
    limit = min(len(toks), i + 9)
    while k < limit:
        tok = toks[k]
        if _name_word(tok):
            end = _name_run_forward(toks, k)
            if end < len(toks) and _shouted(toks[end - 1], toks[end]):
                k = end + 1  # a heading in capitals ("CONGRESS HAS INVESTIGATED HIM")
                while k < limit and re.fullmatch(r"[A-Z]{2,}", toks[k].bare):
                    k += 1
                continue
            if toks[end - 1].possessive:
                k = end
                continue
            # a name before a role only qualifies it: "MSNBC host Chris Matthews", "the
            # Russian trainers"
            if end < len(toks) and toks[end].text[0].islower() and _person_noun(toks[end].text):
                k = end
                continue
            for gap in (2, 3):
                if end + gap < len(toks) and _name_word(toks[end + gap]):
                    between = toks[end : end + gap]
                    if all(t.text[0].islower() for t in between) and _person_noun(between[-1].text):
                        k = end + gap
                        break
            else:
                return Phrase("name", toks[k:end]), end
            continue
        if tok.masked or not (tok.text[0].isalnum() or tok.text in ("/",)):
            break
        if tok.low in SPEECH_VERBS or (tok.low in BETWEEN and k > i):
            break
        if tok.low in OTHER_PRONOUNS or (
            tok.low in SUBORDINATORS | CONJUNCTIONS | PREPOSITIONS
            and not (tok.low == "of" and k > i and toks[k - 1].low in _QUANTIFIERS)
        ):
            break  # "when Clinton blasted him": a new clause, not a speaker
        k += 1
    # no name: a description, whose head is the last person noun before the verb
    for j in range(min(k, limit) - 1, i - 1, -1):
        if _person_noun(toks[j].text) and not toks[j].possessive:
            found = _description_back(toks, j)
            if found is not None and found.toks[0].start >= toks[i].start:
                return found, j + 1
        if toks[j].low in DOCUMENT_NOUNS and j > i and toks[j - 1].possessive:
            owner = _name_run_back(toks, j - 1)
            if _name_word(toks[j - 1]) and owner >= i:
                return Phrase("name", toks[owner:j]), j + 1  # "Ivana Trump's brief said"
    return None


# -- who is in the article ---------------------------------------------------------------------


@dataclass
class Person:
    """Someone the article names: with two words or more ("Barack Obama"), or with a
    title ("Mr. Obama", "President Obama")."""

    name: str
    first: int
    gender: str = ""
    role: str = ""
    full: bool = True


@dataclass
class People:
    by_surname: dict[str, list[Person]] = field(default_factory=dict)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, surname) of every mention of a known person, in order."""

    def lookup(self, words: list[str], position: int) -> Person | None:
        """Who a mention means: the person of that full name; for a surname alone, the
        first person introduced in full with it (an article that names a second Scott
        names him in full again), else the titled one."""
        found = self.by_surname.get(_surname(words), [])
        if not found:
            return None
        if len(words) >= 2:
            written = " ".join(words)
            for person in found:
                if person.name == written or person.name.endswith(" " + written):
                    return person
        full = [p for p in found if p.full]
        return full[0] if full else found[0]


def _surname(words: list[str]) -> str:
    core = [w for w in words if w not in NAME_SUFFIXES and w not in TITLE_ABBREVIATIONS]
    core = [w for w in core if not re.fullmatch(rf"(?:[{CAP}]\.){{1,3}}|[{CAP}]", w)]
    return core[-1].casefold() if core else ""


def split_role(run: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """Title words before a name ("Senate Majority Leader" | "Mitch McConnell")."""
    cut = 0
    for index, tok in enumerate(run[:-1]):
        if tok.text in TITLE_WORDS or tok.bare in ORG_TAILS:
            cut = index + 1
    return run[:cut], run[cut:]


def gender_of(words: list[str], role: str = "") -> str:
    for word in words:
        if word in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[word]
    given = [w for w in words if w not in TITLE_ABBREVIATIONS and w not in TITLE_WORDS]
    if len(given) >= 2:
        if given[0] in MALE_NAMES:
            return "m"
        if given[0] in FEMALE_NAMES:
            return "f"
    roles = set(role.lower().split())
    if roles & FEMALE_NOUNS:
        return "f"
    if roles & MALE_NOUNS:
        return "m"
    return ""


def find_people(article: Article) -> People:
    people = People()
    for start, end in article.paragraphs:
        toks = tokens(article.masked, start, end)
        i = 0
        while i < len(toks):
            if not _name_word(toks[i]) or (_title(toks[i]) and i + 1 >= len(toks)):
                i += 1
                continue
            stop = _name_run_forward(toks, i)
            run = toks[i:stop]
            _register(people, run, " ".join(t.low for t in toks[max(0, i - 3) : i]))
            i = stop
    for start, end in article.paragraphs:
        for match in re.finditer(r"[^\W\d_][\w\u2019'-]*", article.masked[start:end]):
            key = re.sub(r"['\u2019]s$", "", match.group()).casefold()
            if key in people.by_surname and match.group()[0].isupper():
                at = start + match.start()
                people.mentions.append((at, at + len(match.group()), key))
    return people


def _register(people: People, run: list[Tok], descriptor: str) -> None:
    role, name = split_role(run)
    words = [t.bare for t in name if t.bare not in NOT_NAMES]
    titled = bool(role) or any(t.text in HONORIFIC_GENDER or t.text in TITLE_ABBREVIATIONS for t in run)
    if not words or _org_tail(name) or _is_org(words):
        return
    if len(words) < 2 and not (titled and re.fullmatch(r"[^\W\d_][\w'\u2019-]+", words[0])):
        return
    surname = _surname(words)
    if not surname:
        return
    known = people.by_surname.setdefault(surname, [])
    full = len(words) >= 2
    display = " ".join(words) if full else " ".join(t.text for t in name)
    gender = gender_of([t.text for t in run], descriptor)
    for person in known:
        if person.name == display or (not full and not person.full):
            person.gender = person.gender or gender
            person.role = person.role or _role_text(role)
            return
    known.append(Person(display, name[0].start, gender, _role_text(role), full))


def _is_org(words: list[str]) -> bool:
    return kind_of(" ".join(words)) == "organization" and not (
        words[0] in MALE_NAMES or words[0] in FEMALE_NAMES
    )


def _role_text(role: list[Tok]) -> str:
    return " ".join(t.text for t in role)


# -- attribution ---------------------------------------------------------------------------------


@dataclass
class Found:
    """A speaker found for a quotation, or the names considered when none was."""

    actor: Actor | None
    candidates: list[str] = field(default_factory=list)


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
        self._subjects: dict[int, Actor | None] = {}
        self._quote_starts = [q.start for q in self.quotations]

    # -- the entry point ------------------------------------------------------------------

    def attribute_all(self) -> None:
        for index, quotation in enumerate(self.quotations):
            found = self.attribute(index)
            quotation.speaker = found.actor
            quotation.candidates = found.candidates

    def attribute(self, index: int) -> Found:
        quote = self.quotations[index]
        label = self._label(quote)
        if label is not None:
            return Found(label)
        words = self.text[quote.parts[-1][0] : quote.end].rstrip().rstrip("'\u2019")
        after_first = words.endswith((",", "?", "!", "—", "-", "…")) or self.masked[
            quote.end + 1 : quote.end + 2
        ] in (",", "—")
        if after_first:
            actor = self._after(quote)
            if actor is not None:
                return Found(actor)
        before, weak = self._before(quote)
        if before is not None and not weak:
            return Found(before)
        actor = (
            (None if after_first else self._after(quote, inverted=False))
            or self._dash(quote)
            or self._according_after(quote)
            or self._tag(quote)
            or before
            or self._continued(index)
            or self._introduced(quote)
        )
        if actor is not None:
            return Found(actor)
        return Found(None, self._candidates(quote))

    # -- attributions around the quotation ------------------------------------------------

    def _before(self, quote: Quotation) -> tuple[Actor | None, bool]:
        """"Smith said", "Smith called it", "according to Smith," or "Smith said:" before
        the quotation in its sentence; and whether the speaker is only the clause's
        subject (a weaker guess than the verb's own subject)."""
        first, _ = self.article.sentence(quote.start)
        start = max(first, quote.start - 400)
        colon_lead = self._colon_paragraph(quote)
        if colon_lead is not None:
            start = colon_lead
        toks = tokens(self.masked, start, quote.start)
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
            if _cue(toks, i):
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
                and _name_word(toks[i - 1])
            ):
                run = toks[_name_run_back(toks, i - 1) : i]
                return self._actor(Phrase("name", run)), False
        if weak is not None:
            return weak, True
        lead = self.masked[start : quote.start].rstrip(' \t\n“"')
        if lead.endswith(":"):
            toks = tokens(self.masked, start, start + len(lead) - 1)
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
        toks = tokens(self.masked, quote.end + 1, end)
        i = 0
        while i < len(toks) and toks[i].text in (",", "—", "\u2013", "--", "-"):
            i += 1
        if i >= len(toks):
            return None
        while i < len(toks) and toks[i].low in BETWEEN:
            i += 1
        if i < len(toks) and _cue(toks, i):
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
            if k < len(toks) and toks[k].text[0].islower() and toks[k].low not in PREPOSITIONS:
                if toks[k].low not in ("who", "whose", "which", "in", "on", "at"):
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
                j = close if close + 1 < len(toks) and not _cue(toks, close + 1) else close + 1
                continue
            if j < len(toks) and toks[j].low in PREPOSITIONS and toks[j].text.islower():
                # "Mr. Morgan of the Sierra Club said", "a narrator in the Clinton ad asks"
                verb = next((k for k in range(j + 1, min(len(toks), j + 8)) if _cue(toks, k)), None)
                if verb is None or any(not t.text[0].isalnum() for t in toks[j:verb]):
                    return None
                j = verb
            break
        if j < len(toks) and _cue(toks, j):
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
        toks = tokens(self.masked, quote.end + 1 + lead.end(), end)
        if not toks or not _name_word(toks[0]):
            return None
        stop = _name_run_forward(toks, 0)
        rest = toks[stop:]
        if rest and rest[0].text not in (".", ",", "“", '"', ";") and not rest[0].masked:
            return None
        return self._actor(Phrase("name", toks[:stop]))

    def _according_after(self, quote: Quotation) -> Actor | None:
        end = self._after_end(quote)
        toks = tokens(self.masked, quote.end + 1, end)
        for i, tok in enumerate(toks[:-1]):
            if tok.low == "according" and toks[i + 1].low == "to":
                found = phrase_forward(toks, i + 2)
                return self._actor(self._issuer(toks, found[0])) if found else None
        return None

    def _issuer(self, toks: list[Tok], phrase: Phrase) -> Phrase:
        """A statement, report or complaint speaks for whoever issued it: "the Council
        issued a statement calling ...", "a complaint filed by the SEC"."""
        if phrase.kind != "description" or not _document(phrase):
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
        toks = tokens(self.masked, max(quote.end + 1, first), last)
        commas = [i for i, tok in enumerate(toks) if tok.text == ","]
        if not commas or commas[-1] + 1 >= len(toks):
            return None
        tail = toks[commas[-1] + 1 :]
        while tail and tail[-1].text in (".", "!", "?"):
            tail = tail[:-1]
        if not tail or len(tail) > 8:
            return None
        if _cue(tail, 0):
            found = phrase_forward(tail, 1)
            rest = found[1] if found else 0
        else:
            found = phrase_forward(tail, 0)
            rest = found[1] if found else 0
            while rest < len(tail) and tail[rest].low in BETWEEN:
                rest += 1
            if rest >= len(tail) or not _cue(tail, rest):
                return None
            rest += 1
        if found is None or any(t.text[0].isalpha() and t.low not in _TIME_WORDS for t in tail[rest:]):
            return None
        return self._actor(found[0])

    def _introduced(self, quote: Quotation) -> Actor | None:
        """A quotation standing as a sentence of its own, right after a sentence in which
        someone is reported as saying something ("X called him a master at deals. "He
        showed ..."", "..., Schiff said. "The other factor ...""): theirs."""
        first, _ = self.article.sentence(quote.start)
        if self.masked[first : quote.start].strip(" “\"") or quote.first_para != self.article.paragraph_index(
            first
        ):
            return None
        index = self.article.sentence_index(quote.start)
        if index == 0:
            return None
        start, end = self.article.sentences[index - 1]
        if self.article.paragraph_index(start) != quote.first_para:
            return None
        toks = tokens(self.masked, start, end)
        for i in range(len(toks) - 1, -1, -1):
            if _cue(toks, i) and not any(t.masked for t in toks[i:]):
                actor, weak = self._verb_subject(toks, i)
                return None if weak else actor
        return None

    def _label(self, quote: Quotation) -> Actor | None:
        """A transcript's speaker label at the start of the quoted words: "PENCE: ..."."""
        start, end = quote.parts[0]
        label = re.match(r"\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s", self.text[start:end])
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
        toks = tokens(self.masked, max(after, previous.end + 1), quote.start)
        speaker = previous.speaker
        for i, tok in enumerate(toks):
            if not _name_word(tok) or (i > 0 and _name_word(toks[i - 1])):
                continue
            run = toks[i : _name_run_forward(toks, i)]
            role, name = split_role(run)
            words = [t.bare for t in name if t.bare not in NOT_NAMES]
            if not words or speaker is None:
                continue
            person = self.people.lookup(words, tok.start)
            if person is None and (len(words) < 2 or _is_org(words) or _org_tail(name)):
                continue
            full = person.name if person else " ".join(words)
            if _surname(full.split()) != _surname(speaker.name.split()):
                return True
        return False

    # -- who a phrase is -------------------------------------------------------------------

    def _actor(self, phrase: Phrase) -> Actor | None:
        if phrase.kind == "pronoun":
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
        return self.cast.add(words, kind_of(words), tok.start, tok.end, named=False)

    def _name_actor(self, run: list[Tok]) -> Actor | None:
        role, name = split_role(run)
        while name and name[0].text in NOT_NAMES:
            name = name[1:]
        if not name:
            return None
        words = [t.bare for t in name]
        start, end = name[0].start, name[-1].end
        titled = [t.text for t in name if t.text in TITLE_ABBREVIATIONS]
        core = [w for w in words if w not in TITLE_ABBREVIATIONS]
        if not core:
            return None
        role_text = _role_text(role)
        person = self.people.lookup(core, start) if core[0] not in NOT_NAMES else None
        if person is not None and (len(core) == 1 or person.full):
            return self.cast.add(person.name, "person", start, end, person.role or role_text)
        if len(core) == 1:
            display = core[0].title() if core[0].isupper() and len(core[0]) > 4 else core[0]
            kind = "person" if titled or role else kind_of(display)
            if kind == "other" and not re.fullmatch(r"[A-Z][A-Z&]{1,7}", display):
                kind = "person" if display[0].isupper() else kind
            return self.cast.add(" ".join([*titled, display]), kind, start, end, role_text)
        text = one_line(self.masked[start:end])
        text = re.sub(r"['\u2019]s$", "", text)
        kind = "organization" if _org_tail(name) or _is_org(core) else "person"
        return self.cast.add(text, kind, start, end, role_text)

    def _described(self, phrase: Phrase) -> Actor | None:
        """An unnamed speaker: "one of the Russian trainers", "a top U.S. official"."""
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
            kind = "person" if _person_noun(words[-1]) else "other"
        return self.cast.add(
            name[:1].upper() + name[1:], kind, phrase.start, phrase.end, named=False
        )

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
        toks = tokens(self.masked, start, end)
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
            if not _name_word(tok) or (i > 0 and _name_word(toks[i - 1]) and not toks[i - 1].possessive):
                continue
            stop = _name_run_forward(toks, i)
            actor = self._known(toks[i:stop])
            if (i > 0 and toks[i - 1].low in PREPOSITIONS) or toks[stop - 1].possessive:
                later.append(actor)
            else:
                named.append(actor)
            if end <= position and _appositive_to_end(toks, stop):
                introduced.append(actor)
        return speakers + introduced + first + named + later

    def _known(self, run: list[Tok]) -> Actor | None:
        """A person the article names elsewhere in full, or who has a title here."""
        role, name = split_role(run)
        words = [t.bare for t in name if t.bare not in NOT_NAMES]
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
        surname = _surname(words) if actor.named else ""
        for person in self.people.by_surname.get(surname, []):
            if person.name == actor.name or person.name.endswith(actor.name):
                return person.gender
        if not actor.named:
            return gender_of([], actor.name)
        return ""

    # -- when nothing settles it ----------------------------------------------------------

    def _candidates(self, quote: Quotation) -> list[str]:
        """The people named in the quotation's sentence and the one before, for the author."""
        first, last = self.article.sentence(quote.start)
        index = self.article.sentence_index(quote.start)
        if index > 0:
            first = self.article.sentences[index - 1][0]
        names: list[str] = []
        for start, end, surname in self.people.mentions:
            if first <= start < max(last, quote.end + 1):
                person = self.people.lookup([surname], start)
                if person is not None and person.name not in names:
                    names.append(person.name)
        return names[:4]


def _appositive_to_end(toks: list[Tok], stop: int) -> bool:
    """A name followed by ", president of X." up to the sentence's end: someone just
    introduced, who usually speaks next."""
    if stop + 1 >= len(toks) or toks[stop].text != ",":
        return False
    rest = toks[stop + 1 :]
    if rest[-1].text in (".", "!", "?"):
        rest = rest[:-1]
    return (
        bool(rest)
        and len(rest) <= 20
        and rest[0].text[0].islower()
        and not any(t.text in (",", ";") or t.masked for t in rest)
        and any(_person_noun(t.text) for t in rest)
    )


def clause_subject(toks: list[Tok], upto: int) -> Phrase | None:
    """The subject of a sentence's main clause: past leading quotations, conjunctions and
    an introductory phrase ("In a statement Friday, Trump said ...")."""
    i = 0
    while i < upto and (
        toks[i].masked
        or toks[i].text in _MARKS
        or not toks[i].text[0].isalnum()
        or toks[i].low in CONJUNCTIONS
    ):
        i += 1
    if i >= upto:
        return None
    first = toks[i].low
    intro = first in SUBORDINATORS or (
        toks[i].text[0].isupper() and first.endswith(("ing", "ed")) and first not in PRONOUNS
    )
    if not intro:
        found = phrase_forward(toks[:upto], i)
        return found[0] if found else None
    # "On July 6, 2015, Sanders made ...": the subject follows one of the intro's commas
    for comma in [k for k in range(i, min(upto, i + 30)) if toks[k].text == ","][:3]:
        k = comma + 1
        while k < upto and (toks[k].masked or toks[k].low in CONJUNCTIONS):
            k += 1
        found = phrase_forward(toks[:upto], k)
        if found is not None:
            return found[0]
    return None
