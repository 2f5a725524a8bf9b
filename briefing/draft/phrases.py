"""How a news sentence is read around a quotation: its noun phrases, and the subject
of a verb.

A description is a determiner and nouns ending in a person ("one of the Russian
trainers"), and the subject of a verb is the phrase right before it once adverbs,
auxiliaries, parentheses and appositives are skipped ("Kerr Putney, the police chief,
said"), or the clause's own subject when the verb is a participle or an infinitive.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.draft.lexicon import (
    BETWEEN,
    CONJUNCTIONS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    NOT_NAMES,
    OTHER_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_VERBS,
    SUBORDINATORS,
    TITLE_ABBREVIATIONS,
)
from briefing.draft.words import (
    DASHES,
    MARKS,
    QUANTIFIERS,
    Tok,
    in_capitals,
    name_run_back,
    name_run_forward,
    name_word,
    org_tail,
    person_noun,
    personal,
    shouted,
    title_word,
)


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


def document(phrase: Phrase) -> bool:
    return phrase.toks[-1].low.rstrip("s") in DOCUMENT_NOUNS and not any(
        t.possessive for t in phrase.toks
    )


def _description_back(toks: list[Tok], j: int) -> Phrase | None:
    """ "the official", "one of the Russian trainers", "the ad's narrator", ending at j."""
    head = toks[j]
    if not person_noun(head.text) or head.possessive:
        return None
    k = j
    while k > 0 and j - k < 7:
        before = toks[k - 1]
        if before.low in DETERMINERS or before.possessive:
            k -= 1
            quantifier = not before.possessive and before.low in QUANTIFIERS
            if not quantifier and not (k >= 2 and toks[k - 1].low == "of"):
                break
        elif (before.low == "of" and k >= 2 and toks[k - 2].low in DETERMINERS) or (
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
        if tok.text in MARKS and j > 0 and toks[j - 1].masked:
            j -= 1  # the closing mark of a quoted label
            continue
        if tok.text == ")":
            opening = _back_to(toks, j, "(", 15)
            if opening is None:
                return Subject(None)
            j = opening - 1
            continue
        if tok.text == "," or tok.text in DASHES:
            family = {","} if tok.text == "," else DASHES
            opening = _back_to(toks, j, family, 40)
            if opening is None or opening == 0:
                return Subject(None)
            skipped.append(opening)
            j = opening - 1
            continue
        break
    found = phrase_back(toks, j)
    if len(skipped) == 1 and (found is None or found.kind != "name" or not personal(found.toks)):
        # "His former partner at Lenox, Lisa Grant, called": the appositive is the name
        named = phrase_back(toks, i - 1 - _between_count(toks, i) - 1)
        whole = toks[skipped[0] + 1 : i - 1 - _between_count(toks, i)]
        if (
            named is not None
            and named.kind == "name"
            and named.toks == whole
            and _personal_or_known(named.toks)
        ):
            return Subject(named)
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
    """ "Michael Mulgrew, president of the United Federation of Teachers, which ...,
    said": appositives can stack, and the speaker is the name before the first."""
    for _ in range(3):
        first = toks.index(found.toks[0])
        comma = None
        for k in range(first - 1, max(-1, first - 16), -1):
            text = toks[k].text
            if text == ",":
                comma = k
                break
            if text in (";", ":") or text in MARKS or toks[k].masked:
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
    words = [t.bare for t in run if t.bare not in NOT_NAMES and t.text not in TITLE_ABBREVIATIONS]
    return len(words) >= 2 or personal(run)


def _back_to(toks: list[Tok], j: int, family: str | set[str], limit: int) -> int | None:
    for k in range(j - 1, max(-1, j - limit), -1):
        text = toks[k].text
        if text in family:
            return k
        if text in (";", ":") or text in MARKS or toks[k].masked:
            return None
    return None


def phrase_back(toks: list[Tok], j: int) -> Phrase | None:
    """The noun phrase that ends at ``toks[j]``, if it can be a speaker."""
    tok = toks[j]
    if tok.bare.lower() in PRONOUNS:
        return Phrase("pronoun", [tok])
    if tok.masked:
        # "a man identified as a "Russian military instructor" said": the label names him
        lead = [t.low for t in toks[max(0, j - 3) : j] if t.text not in MARKS]
        return Phrase("label", [tok]) if lead[-2:] in (["as", "a"], ["as", "an"]) else None
    if name_word(tok) and not tok.possessive and not title_word(tok):
        k = name_run_back(toks, j)
        run = toks[k : j + 1]
        # "Representative Smith of New York": the person, not the place.
        if k >= 2 and toks[k - 1].low == "of":
            m = name_run_back(toks, k - 2)
            earlier = toks[m : k - 1]
            if name_word(toks[k - 2]) and personal(earlier) and not org_tail(earlier):
                return Phrase("name", earlier)
        return Phrase("name", run)
    if tok.text[0].isalpha():
        return _description_back(toks, j)
    return None


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
        if name_word(tok):
            end = name_run_forward(toks, k)
            if end < len(toks) and shouted(toks[end - 1], toks[end]):
                return None  # a heading in capitals ("CONGRESS HAS INVESTIGATED HIM")
            if toks[end - 1].possessive:
                k = end
                continue
            # a name before a role only qualifies it: "MSNBC host Chris Matthews", "the
            # Russian trainers"
            if end < len(toks) and toks[end].text[0].islower() and person_noun(toks[end].text):
                k = end
                continue
            for gap in (2, 3):
                if end + gap < len(toks) and name_word(toks[end + gap]):
                    between = toks[end : end + gap]
                    if all(t.text[0].islower() for t in between) and person_noun(between[-1].text):
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
            and not (tok.low == "of" and k > i and toks[k - 1].low in QUANTIFIERS)
        ):
            break  # "when Clinton blasted him": a new clause, not a speaker
        k += 1
    # no name: a description, whose head is the last person noun before the verb
    for j in range(min(k, limit) - 1, i - 1, -1):
        if person_noun(toks[j].text) and not toks[j].possessive:
            found = _description_back(toks, j)
            if found is not None and found.toks[0].start >= toks[i].start:
                return found, j + 1
        if toks[j].low in DOCUMENT_NOUNS and j > i and toks[j - 1].possessive:
            owner = name_run_back(toks, j - 1)
            if name_word(toks[j - 1]) and owner >= i:
                return Phrase("name", toks[owner:j]), j + 1  # "Ivana Trump's brief said"
    return None


def appositive_to_end(toks: list[Tok], stop: int) -> bool:
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
        and any(person_noun(t.text) for t in rest)
    )


def clause_subject(toks: list[Tok], upto: int) -> Phrase | None:
    """The subject of a sentence's main clause: past a heading in capitals, leading
    quotations, conjunctions and an introductory phrase ("In a statement Friday, Trump
    said ...")."""
    i = 0
    if upto > 1 and shouted(toks[0], toks[1]):
        while i < upto and in_capitals(toks[i]):
            i += 1  # "CONGRESS HAS INVESTIGATED HIM — Oz's dubious advice ..."
    while i < upto and (
        toks[i].masked
        or toks[i].text in MARKS
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
