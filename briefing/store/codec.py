"""A compact, exact round-trip of loaded briefs to plain lists, for the index.

Positional lists instead of dicts keep the cache small and fast to decode; the
index stores a format number beside them and rebuilds on any mismatch, so the
positions never need to stay compatible across versions.
"""

from __future__ import annotations

import datetime as dt
import operator
import sys
from pathlib import Path
from typing import Any, TypeVar

from briefing.brief import model
from briefing.brief.dates import parse_date
from briefing.brief.problems import Problem, Severity
from briefing.brief.records import Lines

CODEC_VERSION = 8

T = TypeVar("T")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


_DATES: dict[str, dt.date] = {}
"""Every date decoded so far: a library repeats the same few thousand days, and a shared
date costs a dictionary slot instead of a 32-byte object per use."""
_DATES_MAX = 100_000


def decode_date(value: str) -> dt.date:
    """A date as stored (as the brief wrote it: a day, a month or a year), shared with every
    other use of that date; ValueError or TypeError for anything else."""
    date = _DATES.get(_T(value))
    if date is None:
        date = parse_date(value)
        if date is None:
            raise ValueError(f"not a date: {value!r}")  # a damaged row: parsed again
        if len(_DATES) < _DATES_MAX:
            _DATES[value] = date
    return date


def _undate(value: str | None) -> dt.date | None:
    return None if value is None else decode_date(value)


_I = sys.intern
"""Ids, references, names, outlets and tags repeat within a brief (every quote names its
speaker) and across the library (the same actors, outlets and tags): one shared string each,
not one per use."""
_TUPLES: dict[tuple[Any, ...], tuple[Any, ...]] = {}
"""Small tuples a library repeats, like dates: the actor ids of open questions (a question
about the junta and its spokesman), the outlets of a brief, its quote count per actor. A
shared tuple costs a slot, not a tuple."""
_TUPLES_MAX = 20_000


def share(values: tuple[T, ...]) -> tuple[T, ...]:
    """An equal tuple made before, when there is one (ids, strings, small numbers only: the
    values must be immutable, as the tuple is handed to anyone asking)."""
    shared = _TUPLES.get(values)
    if shared is None:
        if len(_TUPLES) < _TUPLES_MAX:
            _TUPLES[values] = values
        return values
    return shared


def _ids(values: list[str]) -> tuple[str, ...]:
    return share(tuple([_I(x) for x in values]))


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
            [
                a.id,
                a.name,
                a.kind,
                a.role,
                a.affiliation,
                list(a.aliases),
                a.notes,
                a.line,
                a.entity,
            ]
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
        [[r.id, r.line, r.col] for r in brief.related],
    ]


_NUMBERS = frozenset({int})

# Checks that cost one C call and return the value: a row from the cache is checked like
# anything read from disk (a title that is a number or a summary that is null raises here,
# and the index parses that file instead), folded into the decoding itself, as this runs for
# every brief of a warm start. Ids are checked by ``sys.intern``, prose by ``pack`` (both
# refuse anything but text), dates by parsing them, actor kinds and statuses by lookup.
_T = str.__str__
"""Text as it is; anything else raises TypeError."""
_N = operator.index
"""A whole number as it is; anything else raises TypeError."""
_L = list.copy
"""A list (copied); anything else raises TypeError."""


def decode_brief(data: list[Any], brief_id: str, path: Path) -> model.Brief:
    """Rebuild a Brief; list comprehensions and positional calls, as this runs 10,000 times.

    Every value is checked on the way (see ``_T``): a damaged row raises ``TypeError``,
    ``ValueError`` or ``LookupError``, never builds a brief with a value of another type.
    """
    title, summary, date, tags, sources, actors, quotes, questions, timeline, disc, lines, rel = (
        data
    )
    if lines.__class__ is not dict or not {*map(type, lines.values())} <= _NUMBERS:
        raise TypeError("lines should be a mapping of line numbers")
    folder = path.parent
    Source, Actor, Quote = model.Source, model.Actor, model.Quote
    Question, Entry, Account = model.Question, model.TimelineEntry, model.Account
    I, T, N, L = _I, _T, _N, _L  # noqa: E741 - locals, as they run for every value
    return model.Brief(
        brief_id,
        path,
        T(title),
        summary,
        _undate(date),
        tuple([I(t) for t in L(tags)]),
        tuple(
            [
                Source(I(i), I(o), T(t), _undate(d), T(u), T(f), folder / f if f else None, N(ln))
                for i, o, t, d, u, f, ln in sources
            ]
        ),
        tuple(
            [
                Actor(I(i), I(n), _KINDS[k], r, T(a), tuple(map(T, L(al))), no, N(ln), I(e))
                for i, n, k, r, a, al, no, ln, e in actors
            ]
        ),
        tuple(
            [
                Quote(I(sp), tx, I(so), cx, N(ln), _verification(st, cl, span))
                for sp, tx, so, cx, ln, st, cl, span in quotes
            ]
        ),
        tuple([Question(q, n, _ids(L(a)), N(ln)) for q, n, a, ln in questions]),
        tuple([Entry(decode_date(d), e, I(s), N(ln)) for d, e, s, ln in timeline]),
        tuple(
            [
                model.Discrepancy(t, tuple([Account(I(s), y, N(al)) for s, y, al in accs]), N(ln))
                for t, accs, ln in disc
            ]
        ),
        Lines(lines),
        tuple([model.Related(I(i), N(ln), N(col)) for i, ln, col in rel]),
    )


_STATUSES: dict[str, model.VerificationStatus] = {
    status: status for status in ("verified", "not_found", "no_source")
}


def _verification(status: str, closest: str, span: list[int] | None) -> model.Verification:
    if status == "no_source" and closest == "" and span is None:
        return model.NO_SOURCE  # the common case: share one instance
    if span is not None:
        start, end = span  # exactly two
        return model.Verification(_STATUSES[status], closest, (_N(start), _N(end)))
    return model.Verification(_STATUSES[status], closest, None)


def encode_problems(problems: list[Problem]) -> list[Any]:
    return [[p.line, p.col, p.severity, p.message, p.hint, p.code] for p in problems]


_SEVERITIES: dict[str, Severity] = {"error": "error", "warning": "warning"}


def decode_problems(data: list[Any], display: str) -> list[Problem]:
    """Rebuild problems, checked as briefs are: a place (from 1), a severity, text."""
    T, N = _T, _N
    problems = [
        Problem(display, N(ln), N(col), _SEVERITIES[sev], T(msg), hint, T(code))
        for ln, col, sev, msg, hint, code in _L(data)
    ]
    for problem in problems:
        if problem.line < 1 or problem.col < 1:
            raise ValueError("a problem with no place")
        if problem.hint is not None:
            T(problem.hint)
    return problems
