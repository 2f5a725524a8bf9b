"""Who the article names: everyone named in full or with a title, by surname, with the
gender a reader would infer (an honorific, a given name, "spokeswoman"), so that
"Clinton said" and "she said" can be given to the person the article introduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.draft.cast import CAP, kind_of
from briefing.draft.lexicon import (
    FEMALE_NAMES,
    FEMALE_NOUNS,
    HEADLINE_SMALL_WORDS,
    HONORIFIC_GENDER,
    MALE_NAMES,
    MALE_NOUNS,
    NAME_SUFFIXES,
    NOT_NAMES,
    TITLE_ABBREVIATIONS,
    TITLE_MEANING,
    TITLE_WORDS,
)
from briefing.draft.quotes import Article
from briefing.draft.words import Tok, name_run_forward, name_word, org_tail, title_word, tokens


@dataclass
class Person:
    """Someone the article names: with two words or more ("Barack Obama"), or with a
    title ("Mr. Obama", "President Obama")."""

    name: str
    first: int
    gender: str = ""
    role: str = ""
    full: bool = True
    titles: str = ""
    """The titles and role words the article gives them, in lower case ("mayor")."""


@dataclass
class People:
    by_surname: dict[str, list[Person]] = field(default_factory=dict)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, surname) of every mention of a known person, in order."""

    def lookup(self, words: list[str], position: int) -> Person | None:
        """Who a mention means: the person of that full name; for a surname alone, the
        first person introduced in full with it (an article that names a second Scott
        names him in full again), else the titled one."""
        found = self.by_surname.get(surname(words), [])
        if not found:
            return None
        if len(words) >= 2:
            written = " ".join(words)
            for person in found:
                if person.name == written or person.name.endswith(" " + written):
                    return person
        full = [p for p in found if p.full]
        return full[0] if full else found[0]


def surname(words: list[str]) -> str:
    core = [w for w in words if w not in NAME_SUFFIXES and w not in TITLE_ABBREVIATIONS]
    core = [w for w in core if not re.fullmatch(rf"(?:[{CAP}]\.){{1,3}}|[{CAP}]", w)]
    return core[-1].casefold() if core else ""


def split_role(run: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """Title words before a name ("Senate Majority Leader" | "Mitch McConnell"); an
    abbreviated title stays with the name ("New Jersey" | "Gov. Chris Christie")."""
    cut = 0
    for index, tok in enumerate(run[:-1]):
        if tok.text in TITLE_WORDS:
            cut = index + 1
            if run[cut].low == "of" and cut + 1 < len(run) - 1:
                # "Secretary of State Jane Doyle", "Minister of Foreign Affairs Ivan Orlov"
                cut += 2
                while len(run) - cut > 2 and not given_name_gender(run[cut].text):
                    cut += 1
        elif tok.text in TITLE_ABBREVIATIONS and index > 0:
            cut = index
    return run[:cut], run[cut:]


def given_name_gender(word: str) -> str:
    """The gender a given name usually carries, if it is one of the common ones."""
    return "m" if word in MALE_NAMES else "f" if word in FEMALE_NAMES else ""


def gender_of(words: list[str], role: str = "") -> str:
    """What a name ("Mr. Smith", "Hillary Clinton") or a role ("spokeswoman") says of
    a person's gender; "" when it says nothing."""
    for word in words:
        if word in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[word]
    given = [w for w in words if w not in TITLE_ABBREVIATIONS and w not in TITLE_WORDS]
    if len(given) >= 2 and given_name_gender(given[0]):
        return given_name_gender(given[0])
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
        if _headline(article.masked[start:end]):
            _register_headline(people, toks)
            continue
        i = 0
        while i < len(toks):
            if not name_word(toks[i]) or (title_word(toks[i]) and i + 1 >= len(toks)):
                i += 1
                continue
            stop = name_run_forward(toks, i)
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


def _register_headline(people: People, toks: list[Tok]) -> None:
    """In a title-case headline no name ends where capitals do ("Chris Christie Calls
    Hillary Clinton ..."), so only a common given name and the word after it count."""
    for i, tok in enumerate(toks[:-1]):
        if given_name_gender(tok.text) and name_word(toks[i + 1]) and not toks[i].possessive:
            stop = i + 2
            if re.fullmatch(rf"[{CAP}]\.", toks[i + 1].text) and stop < len(toks):
                stop += 1  # "Mary J. Blige"
            if name_word(toks[stop - 1]):
                _register(people, toks[i:stop], "")


def _headline(text: str) -> bool:
    """A line in title case, where capitals no longer mark names."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)
    return len(words) >= 4 and all(
        w[0].isupper() or w.lower() in HEADLINE_SMALL_WORDS for w in words
    )


def core_words(name: list[Tok]) -> list[str]:
    """A name's own words, without titles and honorifics ("Mr. Holt" -> ["Holt"])."""
    return [
        t.bare
        for t in name
        if t.bare not in NOT_NAMES
        and t.text not in TITLE_ABBREVIATIONS
        and t.text not in HONORIFIC_GENDER
    ]


def _register(people: People, run: list[Tok], descriptor: str) -> None:
    role, name = split_role(run)
    words = core_words(name)
    titled = bool(role) or any(
        t.text in HONORIFIC_GENDER or t.text in TITLE_ABBREVIATIONS for t in run
    )
    if not words or len(words) > 4 or org_tail(name) or is_org(words):
        return
    if len(words) < 2 and not (titled and re.fullmatch(r"[^\W\d_][\w'\u2019-]+", words[0])):
        return
    key = surname(words)
    if not key:
        return
    known = people.by_surname.setdefault(key, [])
    full = len(words) >= 2
    display = " ".join(words) if full else " ".join(t.bare for t in name)
    gender = gender_of([t.text for t in run], descriptor)
    words_of_title = [role_text(role).lower()]
    words_of_title += [TITLE_MEANING[t.text] for t in name if t.text in TITLE_MEANING]
    titles = " ".join(words_of_title).strip()
    for person in known:
        if person.name == display or (not full and not person.full):
            person.gender = person.gender or gender
            person.role = person.role or role_text(role)
            person.titles = f"{person.titles} {titles}".strip()
            return
    known.append(Person(display, name[0].start, gender, role_text(role), full, titles))


def is_org(words: list[str]) -> bool:
    return kind_of(" ".join(words)) == "organization" and not (
        words[0] in MALE_NAMES or words[0] in FEMALE_NAMES
    )


def role_text(role: list[Tok]) -> str:
    return " ".join(t.text for t in role)
