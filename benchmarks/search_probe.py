"""Probe the search index on a synthetic library: build time, memory, latency per keystroke.

Run: ``.venv/bin/python -m benchmarks.search_probe [BRIEFS]`` (default 10,000). Queries are
typed one character at a time, as in the search box, and every keystroke is one search
that also builds its hits (snippets included), which is what the UI shows.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import statistics
import sys
import time
from itertools import accumulate
from pathlib import Path

from briefing.brief.model import (
    Account,
    Actor,
    Brief,
    Discrepancy,
    Question,
    Quote,
    Source,
    TimelineEntry,
)
from briefing.search.index import SearchIndex

SYLLABLES = (
    "ka ra to mi ne lo su ve da pe ri an el on us ti ma go be ni sa ko ru de la zu fi ho "
    "ye wa qui ch str gr pl tr"
).split()
ACCENTED = "á é í ñ ü ö ç".split()
FOREIGN = ["Valparaíso", "Zürich", "Αθήνα", "Ελλάδα", "北京大学", "東京都", "Niger\u2019s", "—"]


SLOW_MS = 8


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set(FOREIGN)
    while len(words) < size:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.03:  # a few accented words, as in names and places
            parts[-1] = rng.choice(ACCENTED)
        words.add("".join(parts))
    return sorted(words)


class Writer:
    """Zipf-distributed words, so some words are everywhere and most are rare."""

    def __init__(self, rng: random.Random, words: list[str]) -> None:
        self.rng = rng
        self.words = words
        rng.shuffle(self.words)
        self.cum_weights = list(accumulate(1 / (rank + 1) for rank in range(len(words))))

    def text(self, n: int) -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cum_weights, k=n)
        if self.rng.random() < 0.3:
            picked[0] = picked[0].capitalize()
        return " ".join(picked)

    def name(self) -> str:
        return " ".join(w.capitalize() for w in self.rng.sample(self.words[:5000], 2))


def make_brief(i: int, w: Writer) -> Brief:
    rng = w.rng
    line = 1
    actors = tuple(
        Actor(
            id=f"a{k}",
            name=w.name(),
            role=w.text(5),
            affiliation=w.text(2),
            aliases=(w.text(1),),
            notes=w.text(8),
            line=40 + 7 * k,
        )
        for k in range(rng.randint(2, 5))
    )
    quotes = tuple(
        Quote(
            speaker=rng.choice(actors).id,
            text=w.text(rng.randint(8, 25)),
            source="s0",
            context=w.text(6),
            line=90 + 5 * k,
        )
        for k in range(rng.randint(2, 6))
    )
    day = dt.date(2024, 1, 1) + dt.timedelta(days=i % 700)
    return Brief(
        id=f"{i:05d}",
        path=Path(f"/tmp/{i:05d}.yaml"),
        title=w.text(8),
        summary="\n".join(w.text(20) for _ in range(rng.randint(3, 6))),
        date=day,
        tags=tuple(w.text(1) for _ in range(3)),
        sources=(
            Source(id="s0", outlet=w.name(), title=w.text(8), line=20),
            Source(id="s1", outlet=w.name(), title=w.text(8), line=26),
        ),
        actors=actors,
        quotes=quotes,
        open_questions=tuple(
            Question(question=w.text(10), notes=w.text(8), line=140 + 4 * k) for k in range(2)
        ),
        timeline=tuple(
            TimelineEntry(date=day, event=w.text(10), source="s0", line=160 + 3 * k)
            for k in range(3)
        ),
        discrepancies=(
            Discrepancy(
                topic=w.text(5),
                accounts=(Account("s0", w.text(8)), Account("s1", w.text(8))),
                line=180,
            ),
        ),
        lines={"title": line, "summary": 3, "tags": 2},
    )


def _text(b: Brief) -> str:
    """All the text a brief's YAML would hold, without its keys."""
    parts = [b.title, b.summary, *b.tags]
    parts += [f"{s.outlet} {s.title}" for s in b.sources]
    parts += [f"{a.name} {a.role} {a.affiliation} {a.aliases} {a.notes}" for a in b.actors]
    parts += [f"{q.text} {q.context}" for q in b.quotes]
    parts += [f"{q.question} {q.notes}" for q in b.open_questions]
    parts += [e.event for e in b.timeline]
    parts += [d.topic + " ".join(a.says for a in d.accounts) for d in b.discrepancies]
    return " ".join(parts)


def keystrokes(query: str) -> list[str]:
    return [query[:n] for n in range(1, len(query) + 1)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(7)
    w = Writer(rng, vocabulary(rng, 40_000))
    base = _rss_mb()
    briefs = [make_brief(i, w) for i in range(n)]
    gc.collect()
    with_briefs = _rss_mb()
    size = sum(len(_text(b)) for b in briefs[:200]) / 200
    index = SearchIndex()
    t0 = time.perf_counter()
    for b in briefs:
        index.set_brief(b)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    index.prepare()
    prepare = time.perf_counter() - t0
    gc.collect()
    with_index = _rss_mb()
    postings = sum(len(ids) for ids in index._postings.values())
    print(f"{n} briefs, {len(index._postings)} words, {postings} postings", end="")
    print(f", ~{size:.0f} chars of text each")
    print(f"build {build:.2f} s, prepare {prepare * 1000:.0f} ms; ", end="")
    print(f"RSS briefs {with_briefs - base:.0f} MB, ", end="")
    print(f"index {with_index - with_briefs:.0f} MB, total {with_index:.0f} MB")

    common = w.words[:50]
    rare = w.words[5000:40000]
    names = [b.actors[0].name for b in rng.sample(briefs, 20)]
    queries = (
        [rng.choice(common) for _ in range(10)]
        + [rng.choice(rare) for _ in range(20)]
        + [nm.split()[0] for nm in names]
        + [f"{rng.choice(rare)} {rng.choice(common)}" for _ in range(10)]
        + [f"{rng.choice(common)} {rng.choice(common)}" for _ in range(10)]
        + [f'"{b.quotes[0].text.split()[1]} {b.quotes[0].text.split()[2]}"' for b in briefs[:10]]
    )
    queries += ["Valparaiso", "zurich", "αθηνα", "北京", "京大", "niger's"]
    by_kind: dict[str, list[float]] = {"1 char": [], "2 chars": [], "5 chars": [], "2 words": []}
    every: list[float] = []
    made: list[float] = []
    capped = 0
    for query in queries:
        for typed in keystrokes(query):
            t0 = time.perf_counter()
            result = index.search(typed)
            list(result.hits[:30])  # a screenful
            ms = (time.perf_counter() - t0) * 1000
            t0 = time.perf_counter()
            list(result.hits)
            made.append((time.perf_counter() - t0) * 1000)
            every.append(ms)
            capped += result.capped
            if ms > SLOW_MS:
                print(f"  slow: {typed!r} {ms:.1f} ms, {result.count} hits, capped={result.capped}")
            bare = typed.strip('"')
            if " " in bare.strip():
                by_kind["2 words"].append(ms)
            elif len(bare) in (1, 2, 5):
                by_kind[{1: "1 char", 2: "2 chars", 5: "5 chars"}[len(bare)]].append(ms)
    print(f"{len(every)} keystrokes, {capped} capped results")
    print("search + first 30 hits:")
    for kind, times in (*by_kind.items(), ("all", every), ("rest", made)):
        q = statistics.quantiles(times, n=20)
        print(f"  {kind:8} n={len(times):4}  p50 {statistics.median(times):6.2f} ms", end="")
        print(f"  p95 {q[18]:6.2f} ms  max {max(times):6.2f} ms")
    t0 = time.perf_counter()
    for b in briefs[:50]:
        index.set_brief(b)
    print(f"replace one brief: {(time.perf_counter() - t0) / 50 * 1000:.2f} ms")


if __name__ == "__main__":
    main()
