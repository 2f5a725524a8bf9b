"""Synthetic libraries of realistic briefs (about 3 KB each) for the benchmarks.

Deterministic for a given seed, so two runs measure the same bytes. Words mix
common English news vocabulary with names carrying accents, so search and
folding are exercised the way real briefs exercise them.
"""

from __future__ import annotations

import random
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


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS if rng.random() > 0.15 else NAMES) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def brief_text(rng: random.Random, number: int) -> str:
    actors = [f"actor-{i}" for i in range(rng.randint(3, 6))]
    lines = [
        f"title: {_quoted(_sentence(rng, 6)[:-1])}",
        f"date: 20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"tags: [{', '.join(rng.sample(WORDS, 3))}]",
        "summary: |",
        *(f"  {_sentence(rng, 14)} {_sentence(rng, 12)}" for _ in range(4)),
        "actors:",
    ]
    for ident in actors:
        lines += [
            f"  - id: {ident}",
            f"    name: {_quoted(' '.join(rng.sample(NAMES, 2)))}",
            f"    kind: {rng.choice(['person', 'organization', 'state', 'group'])}",
            f"    role: {_quoted(_sentence(rng, 4))}",
            f"    notes: {_quoted(_sentence(rng, 10))}",
        ]
    lines.append("quotes:")
    for _ in range(rng.randint(4, 7)):
        lines += [
            f"  - speaker: {rng.choice(actors)}",
            f"    text: {_quoted(_sentence(rng, 12))}",
            f"    context: {_quoted(_sentence(rng, 8))}",
        ]
    lines.append("open_questions:")
    for _ in range(rng.randint(2, 4)):
        lines += [
            f"  - question: {_quoted(_sentence(rng, 8)[:-1] + '?')}",
            f"    actors: [{rng.choice(actors)}]",
        ]
    lines.append("timeline:")
    for day in range(1, rng.randint(3, 5)):
        lines += [f"  - date: 2024-04-{day:02d}", f"    event: {_quoted(_sentence(rng, 9))}"]
    return "\n".join(lines) + "\n"


def generate(root: Path, count: int, seed: int = 1) -> Path:
    """Write ``count`` briefs under ``root`` in folders of 500, once; reuse if present."""
    marker = root / f".complete-{count}-{seed}"
    if marker.exists():
        return root
    rng = random.Random(seed)
    for number in range(count):
        folder = root / f"batch-{number // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"brief-{number:05d}.yaml").write_text(brief_text(rng, number), "utf-8")
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
