"""Synthetic libraries of realistic briefs (about 3.5 KB each) for the benchmarks.

Deterministic for a given seed, so two runs measure the same bytes. Words mix
common English news vocabulary with names carrying accents, so search and
folding are exercised the way real briefs exercise them.

People and organisations recur across briefs, as in a real library, and under varied
forms of their names (a title or not, a middle initial or not, accents or not, an
``entity`` now and then), so linking names across briefs is exercised too: one person
(the first of :data:`PEOPLE`) is in one brief in 20, 500 of 10,000. Briefs cite outlets,
some are dated by a month or a year, and some name others in ``related``.
"""

from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

WORDS = (
    "government minister army troops agreement talks security official election "
    "protest border deal sanctions report crisis council spokesman statement region "
    "capital forces ceasefire embassy delegation junta coup president ministry "
    "analysts aid refugees trade oil drone base airspace cooperation sovereignty "
    "negotiations withdrawal militants insurgency contractors training equipment "
    "announced confirmed denied warned said according visit meeting weeks months"
).split()
NAMES = (
    "Amadou Abdramane Molly Phee Celeste Wallander John Lechner Michael Langley "
    "José Álvarez Zoë Müller Søren Kierkegaard Ngozi Okonjo Łukasz Wiśniewski "
    "Valparaíso Chișinău Bogotá Niamey Dakar Agadez Québec Reykjavík İstanbul"
).split()


FIRST = (
    "Michael Amadou Molly Celeste John José Zoë Søren Ngozi Łukasz Aïcha Mariam Ibrahim "
    "Fatou Oumar Hélène Pierre Ana Tomás Yusuf Leila Kofi Aminata Moussa Idrissa"
).split()
LAST = (
    "Langley Abdramane Phee Wallander Lechner Álvarez Müller Kierkegaard Okonjo Wiśniewski "
    "Traoré Diallo Touré Sanogo Koné Ouédraogo Cissé Mensah Haidara Keïta Bazoum Tiani"
).split()
TITLES = ("Gen.", "President", "Sen.", "Mr.", "Dr.", "Col.", "Minister", "Ambassador")
OUTLETS = (
    "Associated Press", "Reuters", "Agence France-Presse", "Al Jazeera", "BBC News",
    "Le Monde", "RFI", "The New York Times", "Deutsche Welle", "Jeune Afrique",
)  # fmt: skip
ORGANISATIONS = (
    ("organization", "U.S. State Department", "US State Department"),
    ("organization", "Wagner Group", "the Wagner Group"),
    ("organization", "African Union", "The African Union"),
    ("group", "CNSP junta", "CNSP Junta"),
    ("state", "Niger", "Niger"),
    ("state", "Mali", "Mali"),
    ("state", "Burkina Faso", "Burkina Faso"),
    ("state", "Russia", "Russia"),
)
TAGS = ("sahel", "security", "diplomacy", "elections", "energy", "migration")


def _plain(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ø", "o")


def _people(count: int = 300) -> list[tuple[str, str, str]]:
    """(first, middle initial, last) of the people who recur; the first is the busiest."""
    rng = random.Random(7)
    people = [("Michael", "E", "Langley")]
    seen = {people[0]}
    while len(people) < count:
        person = (rng.choice(FIRST), rng.choice("ABCDEFGHJKLMNPRST"), rng.choice(LAST))
        if person not in seen and person[::2] != ("Michael", "Langley"):  # the busiest alone
            seen.add(person)
            people.append(person)
    return people


PEOPLE = _people()
_OFTEN = list(accumulate(1 / n**0.5 for n in range(1, len(PEOPLE))))
"""How often each of the other people appears: a few often, most now and then (Zipf, 0.5)."""


def _person(rng: random.Random, star: bool) -> list[str]:
    """An actor's lines (without id) for a recurring person, named one of several ways:
    the busiest person when ``star``, else one of the others, some far more often."""
    index = 0 if star else rng.choices(range(1, len(PEOPLE)), cum_weights=_OFTEN)[0]
    first, middle, last = PEOPLE[index]
    form = rng.randrange(6)
    name = {
        0: f"{first} {last}",
        1: f"{first} {middle}. {last}",
        2: f"{rng.choice(TITLES)} {first} {middle}. {last}",
        3: f"{rng.choice(TITLES)} {first} {last}",
        4: _plain(f"{first} {last}"),
        5: f"{first.upper()} {last}",
    }[form]
    lines = [f"    name: {_quoted(name)}", "    kind: person"]
    if rng.random() < 0.15:
        entity = "-".join(_plain(f"{first} {middle} {last}").lower().split())
        lines.append(f"    entity: {entity}")
    return lines


def _date(rng: random.Random, year: int | None = None) -> str:
    year = year or rng.randint(2010, 2025)
    shape = rng.random()
    if shape < 0.02:
        return f"{year}"
    if shape < 0.07:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


GENERATION = 3
"""Bumped when the briefs generated change, so libraries of an older generation are rebuilt."""


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS if rng.random() > 0.15 else NAMES) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def brief_text(rng: random.Random, number: int) -> str:
    actors = [f"actor-{i}" for i in range(rng.randint(3, 6))]
    sources = [f"s{i}" for i in range(rng.randint(1, 3))]
    year = rng.randint(2010, 2025)
    tags = [*rng.sample(WORDS, 2), rng.choice(TAGS)]
    lines = [
        f"title: {_quoted(_sentence(rng, 6)[:-1])}",
        f"date: {_date(rng, year)}",
        f"tags: [{', '.join(tags)}]",
        "summary: |",
        *(f"  {_sentence(rng, 14)} {_sentence(rng, 12)}" for _ in range(4)),
        "sources:",
    ]
    for ident in sources:
        lines += [f"  - id: {ident}", f"    outlet: {_quoted(rng.choice(OUTLETS))}"]
    lines.append("actors:")
    for position, ident in enumerate(actors):
        lines.append(f"  - id: {ident}")
        roll = rng.random()
        if position == 0 or roll < 0.45:
            lines += _person(rng, position == 0 and number % 20 == 0)
        elif roll < 0.75:
            kind, name, variant = rng.choice(ORGANISATIONS)
            lines += [f"    name: {_quoted(rng.choice((name, variant)))}", f"    kind: {kind}"]
        else:
            lines += [
                f"    name: {_quoted(' '.join(rng.sample(NAMES, 2)))}",
                f"    kind: {rng.choice(['person', 'organization', 'state', 'group'])}",
            ]
        lines += [
            f"    role: {_quoted(_sentence(rng, 4))}",
            f"    notes: {_quoted(_sentence(rng, 10))}",
        ]
    lines.append("quotes:")
    for _ in range(rng.randint(4, 7)):
        lines += [
            f"  - speaker: {rng.choice(actors)}",
            f"    text: {_quoted(_sentence(rng, 12))}",
            f"    source: {rng.choice(sources)}",
            f"    context: {_quoted(_sentence(rng, 8))}",
        ]
    lines.append("open_questions:")
    for _ in range(rng.randint(2, 4)):
        lines += [
            f"  - question: {_quoted(_sentence(rng, 8)[:-1] + '?')}",
            f"    actors: [{rng.choice(actors)}]",
        ]
    lines.append("timeline:")
    for _ in range(1, rng.randint(3, 5)):
        lines += [
            f"  - date: {_date(rng, year)}",
            f"    event: {_quoted(_sentence(rng, 9))}",
            f"    source: {rng.choice(sources)}",
        ]
    if number and rng.random() < 0.2:
        others = sorted({rng.randrange(number) for _ in range(rng.randint(1, 2))})
        lines.append(f"related: [{', '.join(_brief_id(n) for n in others)}]")
    return "\n".join(lines) + "\n"


def _brief_id(number: int) -> str:
    return f"batch-{number // 500:03d}/brief-{number:05d}"


def generate(root: Path, count: int, seed: int = 1) -> Path:
    """Write ``count`` briefs under ``root`` in folders of 500, once; reuse if present."""
    marker = root / f".complete-{GENERATION}-{count}-{seed}"
    if marker.exists():
        return root
    rng = random.Random(seed)
    for number in range(count):
        path = root / f"{_brief_id(number)}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(brief_text(rng, number), "utf-8")
    marker.touch()
    return root


def huge_brief_text(rng: random.Random, quotes: int = 500, summary_bytes: int = 300_000) -> str:
    """One brief far past any real one: hundreds of quotes and a summary of many pages."""
    actors = [f"actor-{i}" for i in range(12)]
    summary: list[str] = []
    size = 0
    while size < summary_bytes:
        block = [f"## {_sentence(rng, 5)[:-1]}", ""]
        block += [" ".join(_sentence(rng, 14) for _ in range(4)), ""]
        block += [f"- {_sentence(rng, 8)}" for _ in range(3)] + [""]
        size += sum(len(line.encode()) + 3 for line in block)
        summary += block
    lines = [
        'title: "A brief with 500 quotes and a 300 KB summary"',
        "date: 2024-04-12",
        "summary: |",
        *(f"  {line}" if line else "" for line in summary),
        "actors:",
    ]
    for ident in actors:
        lines += [f"  - id: {ident}", f"    name: {_quoted(' '.join(rng.sample(NAMES, 2)))}"]
    lines.append("quotes:")
    for _ in range(quotes):
        lines += [
            f"  - speaker: {rng.choice(actors)}",
            f"    text: {_quoted(_sentence(rng, 12))}",
        ]
    return "\n".join(lines) + "\n"


def huge_brief(root: Path, seed: int = 2) -> Path:
    """Write the huge brief alone in ``root`` once; reuse it if present."""
    path = root / "huge.yaml"
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        path.write_text(huge_brief_text(random.Random(seed)), "utf-8")
    return path
