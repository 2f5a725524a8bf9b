"""Who an article names: people and organisations with a title or role, and where.

The draft's actors come from here, and so do the mentions that attribution uses to
resolve "he said" and "Langley said". Every pattern is bounded (no repetition
without a limit), so no regex goes quadratic on a 100,000-character line.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from briefing.brief.sanitize import clean as sanitize
from briefing.draft.lexicon import NOT_NAMES, ORG_WORDS, ROLE_NOUNS, SPEECH_VERBS

# -- the vocabulary of names and attribution --------------------------------------------

CAP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
SP = r"[ \t\u00a0]+"
# A name's word: "Smith", "Crouse-Mays", and the inner capitals of "McGinley", "DuVernay",
# "O'Neill"; a possessive ("Smith's") is not a name's word here, so a name never takes one.
NAME_PART = (
    rf"(?:[OD]['\u2019])?[{CAP}][{_LOW}]{{1,30}}(?:[{CAP}][{_LOW}]{{1,30}})?"
    rf"(?:-[{CAP}]?[{_LOW}]{{1,30}})?"
)
_WORD = rf"{NAME_PART}(?![\w\u2019'])"
_INITIAL = rf"[{CAP}]\."
TITLE = (
    r"(?:Gen|Lt|Col|Maj|Brig|Adm|Sgt|Capt|Cmdr|Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Prof|Rev|Amb|Del|"
    r"Sens|Reps|Supt|Det|Atty|Insp)\."
)
NAME1 = rf"{_WORD}(?:{SP}(?:{_INITIAL}{SP})?{_WORD}){{0,3}}"
_NAME2 = rf"{_WORD}(?:{SP}(?:{_INITIAL}{SP})?{_WORD}){{1,3}}"
_MOD = rf"[{CAP}][\w\u2019'.-]{{0,30}}"


_ORG_NOUNS = {w.lower() for w in ORG_WORDS} | {"junta", "government", "military", "army", "police"}


def _speech(text: str) -> bool:
    """Whether a phrase reports speech ("said the base"): then it is not a role."""
    return any(word in SPEECH_VERBS for word in text.lower().split())


_P_TITLED = re.compile(rf"\b{TITLE}(?:{SP}(?:Gen|Col)\.)?{SP}{NAME1}")
_P_ROLE_BEFORE = re.compile(
    rf"\b(?P<mod>(?:{_MOD}{SP}){{0,3}})(?P<role>(?i:{'|'.join(sorted(ROLE_NOUNS))})|Prime{SP}Minister)"
    rf"{SP}(?P<name>{_NAME2})"
)
_P_APPOSITIVE = re.compile(
    rf"\b(?P<name>(?:{TITLE}{SP})?{_NAME2}),{SP}(?P<role>[^,;“”\"\n]{{1,120}}?)"
    r"(?=[,;]|\.(?=[\s”\"]+[“\"A-Z]|[\s”\"]*$)|$)"
)
_P_WHO = re.compile(
    rf"\b(?P<name>(?:{TITLE}{SP})?{_NAME2}),{SP}who{SP}"
    r"(?P<verb>heads|leads|runs|chairs|directs|commands|oversees|is|was|serves as|served as)"
    r"[ \t]+(?P<rest>[^,;“”\"\n]{1,120}?)(?=[,;]|\.(?=\s+[“\"A-Z]|\s*$)|$)"
)
_P_ROLE_COMMA = re.compile(
    rf"\b(?:the|a|an){SP}(?P<role>[^,;“”\"\n]{{1,80}}?),{SP}(?P<name>{_NAME2})(?=[ \t]*[,;.]|$)"
)
_P_ORG = re.compile(
    rf"\b(?:{_MOD}{SP}){{1,3}}(?:{'|'.join(sorted(ORG_WORDS))})\b"
    rf"(?:{SP}(?:of|for|on)(?:{SP}the)?(?:{SP}[{CAP}][\w\u2019'-]{{0,30}}){{1,4}})?"
    r"|\b(?:Pentagon|Kremlin|White House|United Nations|European Union|African Union)\b"
)
_P_KNOWN_AS = re.compile(
    rf"(?P<desc>[^,.;“”\"\n]{{3,80}}),{SP}known{SP}as{SP}(?:the{SP})?"
    rf"(?P<name>[{CAP}][A-Z0-9&-]{{1,9}})\b"
)
_WHO_ROLE = {
    "heads": "Head of",
    "runs": "Head of",
    "oversees": "Head of",
    "leads": "Leader of",
    "chairs": "Chair of",
    "directs": "Director of",
    "commands": "Commander of",
}


def one_line(text: str) -> str:
    """One line of printable text, as the brief's loader would keep it anyway."""
    return " ".join(sanitize(text)[0].split())


def _words(text: str) -> list[str]:
    return text.split()


def _has_role(text: str) -> bool:
    return any(w.strip(",.;:\u2019'").lower().rstrip("s") in ROLE_NOUNS for w in _words(text))


def kind_of(name: str) -> str:
    """A role makes a person ("military instructor") even beside an organisation's noun."""
    words = [w.strip(",.;:\u2019'").lower() for w in _words(name)]
    if any(w.rstrip("s") in ROLE_NOUNS for w in words):
        return "person"
    if any(w in _ORG_NOUNS for w in words) or re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", name):
        return "organization"
    return "other"


def _key(name: str) -> str:
    name = re.sub(rf"{TITLE}|\b[{CAP}]\.", " ", name)
    return " ".join(name.casefold().split())


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"[.\u2019']", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > 40:
        slug = slug[:40].rsplit("-", 1)[0]
    return slug or "actor"


# -- who is in the article --------------------------------------------------------------


@dataclass
class CastMember:
    """A person or organisation the article names: an actor of the brief to come."""

    name: str
    kind: str
    first: int
    role: str = ""
    named: bool = True
    """A proper name, not a description such as "Top U.S. official"."""
    id: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return _key(self.name).split()[-1] if self.named and _key(self.name) else ""


class Cast:
    """The actors found so far, and where the article mentions each of them."""

    def __init__(self) -> None:
        self.actors: dict[str, CastMember] = {}
        self.mentions: list[tuple[int, int, str]] = []

    def add(
        self, name: str, kind: str, start: int, end: int, role: str = "", *, named: bool = True
    ) -> CastMember:
        name = one_line(name).strip(" ,;:")
        key = _key(name) or name.casefold()
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = CastMember(name, kind, start, one_line(role), named)
        else:
            if not actor.role and role:
                actor.role = one_line(role)
            if len(name) > len(actor.name):
                actor.name = name
            actor.first = min(actor.first, start)
        mention = (start, end, key)
        index = bisect.bisect_left(self.mentions, mention)
        if index == len(self.mentions) or self.mentions[index] != mention:
            self.mentions.insert(index, mention)
        return actor

    def covered(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.mentions, (end, -1, ""))
        return any(m[1] > start for m in self.mentions[max(0, index - 8) : index])


def find_candidates(masked: str, cast: Cast) -> None:
    """People and organisations named with a title or a role, in order of appearance."""
    found: list[tuple[int, int, str, str, str]] = []

    def person(match: re.Match[str], role: str) -> None:
        name = match.group("name")
        if name.split()[0] in NOT_NAMES:
            return
        found.append((match.start("name"), match.end("name"), name, "person", role))

    for match in _P_TITLED.finditer(masked):
        found.append((match.start(), match.end(), match.group(), "person", ""))
    for match in _P_ROLE_BEFORE.finditer(masked):
        mods = [w for w in match.group("mod").split() if w not in NOT_NAMES]
        person(match, " ".join([*mods, match.group("role")]))
    for match in _P_APPOSITIVE.finditer(masked):
        role = re.sub(r"^(?:the|a|an)\s+", "", match.group("role").strip())
        head = _words(role)[:7]
        if 0 < len(_words(role)) <= 14 and _has_role(" ".join(head)) and not _speech(role):
            person(match, role)
    for match in _P_WHO.finditer(masked):
        rest = re.sub(r"^(?:the|a|an)\s+", "", match.group("rest").strip())
        prefix = _WHO_ROLE.get(match.group("verb"), "")
        person(match, f"{prefix} {rest}" if prefix else rest[:1].upper() + rest[1:])
    for match in _P_ROLE_COMMA.finditer(masked):
        role = re.split(r"\b(?:the|a|an)\s+", match.group("role"))[-1].strip()
        if _has_role(role) and len(_words(role)) <= 8 and not _speech(role):
            person(match, role)
    for match in _P_ORG.finditer(masked):
        words = match.group().split()
        while words and words[0] in NOT_NAMES:
            words.pop(0)
        if len(words) >= 2 or (words and words[0] in ("Pentagon", "Kremlin")):
            name = " ".join(words)
            found.append((match.end() - len(name), match.end(), name, "organization", ""))
    for match in _P_KNOWN_AS.finditer(masked):
        desc = " ".join(match.group("desc").split()[-6:])
        desc = re.sub(r"^(?:the|a|an)\s+", "", desc)
        found.append(
            (match.start("name"), match.end("name"), match.group("name"), "organization", desc)
        )
    for start, end, name, kind, role in sorted(found):
        cast.add(name, kind, start, end, role)
    spots: dict[str, list[int]] = {}
    for word in re.finditer(rf"\b{_WORD}", masked):
        spots.setdefault(word.group(), []).append(word.start())
    by_surname: dict[str, list[CastMember]] = {}
    for actor in cast.actors.values():
        if actor.kind == "person" and actor.named and len(actor.name.split()) >= 2:
            by_surname.setdefault(actor.name.split()[-1], []).append(actor)
    for surname, actors in by_surname.items():
        if len(actors) > 1:
            continue  # "Smith" alone could be either Smith: leave it to the author
        actor, given = actors[0], actors[0].name.split()[-2]
        for spot in spots.get(surname, []):
            if cast.covered(spot, spot + len(surname)):
                continue
            if not masked[max(0, spot - 40) : spot].rstrip().endswith(given):
                actor.aliases += [] if surname in actor.aliases else [surname]
            cast.add(actor.name, actor.kind, spot, spot + len(surname))
