"""A compact, exact round-trip of loaded briefs to JSON-able lists, for the index.

Positional lists instead of dicts keep the cache small and fast to decode; the
index stores a format number beside them and rebuilds on any mismatch, so the
positions never need to stay compatible across versions.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from briefing.brief import model
from briefing.brief.problems import Problem
from briefing.brief.records import Lines

CODEC_VERSION = 2


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


_DATES: dict[str, dt.date] = {}
"""Every date decoded so far: a library repeats the same few thousand days, and a shared
date costs a dictionary slot instead of a 32-byte object per use."""
_DATES_MAX = 100_000


def _day(value: str) -> dt.date:
    date = _DATES.get(value)
    if date is None:
        date = dt.date.fromisoformat(value)
        if len(_DATES) < _DATES_MAX:
            _DATES[value] = date
    return date


def _undate(value: str | None) -> dt.date | None:
    return _day(value) if value else None


_I = sys.intern
"""Ids, references, names, outlets and tags repeat within a brief (every quote names its
speaker) and across the library (the same actors, outlets and tags): one shared string each,
not one per use."""
_ID_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}
"""The actor ids of open questions, like dates: a library repeats a few combinations (a
question about the junta and its spokesman), and a shared tuple costs a slot, not a tuple."""
_ID_TUPLES_MAX = 10_000


def _ids(values: list[str]) -> tuple[str, ...]:
    ids = tuple([_I(x) for x in values])
    shared = _ID_TUPLES.get(ids)
    if shared is None:
        if len(_ID_TUPLES) < _ID_TUPLES_MAX:
            _ID_TUPLES[ids] = ids
        return ids
    return shared


_KINDS: dict[str, model.ActorKind] = {kind: kind for kind in model.ACTOR_KINDS}
"""The shared kind strings; an unknown kind is a damaged row (KeyError), parsed again."""


def encode_brief(brief: model.Brief) -> list[Any]:
    return [
        brief.title,
        brief.summary,
        _date(brief.date),
        list(brief.tags),
        [[s.id, s.outlet, s.title, _date(s.date), s.url, s.file, s.line] for s in brief.sources],
        [
            [a.id, a.name, a.kind, a.role, a.affiliation, list(a.aliases), a.notes, a.line]
            for a in brief.actors
        ],
        [
            [
                q.speaker,
                q.text,
                q.source,
                q.context,
                q.line,
                q.verification.status,
                q.verification.closest,
                list(q.verification.span) if q.verification.span else None,
            ]
            for q in brief.quotes
        ],
        [[q.question, q.notes, list(q.actors), q.line] for q in brief.open_questions],
        [[_date(t.date), t.event, t.source, t.line] for t in brief.timeline],
        [
            [d.topic, [[a.source, a.says, a.line] for a in d.accounts], d.line]
            for d in brief.discrepancies
        ],
        dict(brief.lines),
    ]


def decode_brief(data: list[Any], brief_id: str, path: Path) -> model.Brief:
    """Rebuild a Brief; list comprehensions and positional calls, as this runs 10,000 times."""
    title, summary, date, tags, sources, actors, quotes, questions, timeline, disc, lines = data
    if not isinstance(lines, dict):
        raise TypeError(f"lines should be a mapping, not {type(lines).__name__}")
    folder = path.parent
    Source, Actor, Quote = model.Source, model.Actor, model.Quote
    Question, Entry, Account = model.Question, model.TimelineEntry, model.Account
    I = _I  # noqa: E741 - a local, as it runs for every id
    return model.Brief(
        brief_id,
        path,
        title,
        summary,
        _undate(date),
        tuple([I(t) for t in tags]),
        tuple(
            [
                Source(I(i), I(o), t, _undate(d), u, f, folder / f if f else None, ln)
                for i, o, t, d, u, f, ln in sources
            ]
        ),
        tuple(
            [
                Actor(I(i), I(n), _KINDS[k], r, a, tuple(al), no, ln)
                for i, n, k, r, a, al, no, ln in actors
            ]
        ),
        tuple(
            [
                Quote(I(sp), tx, I(so), cx, ln, _verification(st, cl, span))
                for sp, tx, so, cx, ln, st, cl, span in quotes
            ]
        ),
        tuple([Question(q, n, _ids(a), ln) for q, n, a, ln in questions]),
        tuple([Entry(_day(d), e, I(s), ln) for d, e, s, ln in timeline]),
        tuple(
            [
                model.Discrepancy(t, tuple([Account(I(s), y, al) for s, y, al in accs]), ln)
                for t, accs, ln in disc
            ]
        ),
        Lines(lines),
    )


def _verification(status: str, closest: str, span: list[int] | None) -> model.Verification:
    if status == "no_source":
        return model.NO_SOURCE  # the common case: share one instance
    return model.Verification(_I(status), closest, (span[0], span[1]) if span else None)  # type: ignore[arg-type]


def encode_problems(problems: list[Problem]) -> list[Any]:
    return [[p.line, p.col, p.severity, p.message, p.hint, p.code] for p in problems]


def decode_problems(data: list[Any], display: str) -> list[Problem]:
    return [
        Problem(display, ln, col, sev, msg, hint, code) for ln, col, sev, msg, hint, code in data
    ]
