"""The brief as the rest of the program sees it: validated, sanitised, immutable.

Immutable by convention rather than ``frozen=True``: a frozen dataclass costs
four times as much to construct, and a warm start of a 10,000-brief library
builds about 200,000 of these from the index. Never assign to a field; use
``dataclasses.replace``.

Every item keeps the 1-based ``line`` it starts on, so the editor can open at
it and problems can point at it. Optional text is ``""`` rather than ``None``:
the UI and exporters never need a None check to show a field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ActorKind = Literal["person", "organization", "state", "group", "other"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "state", "group", "other")

VerificationStatus = Literal["verified", "not_found", "no_source"]


@dataclass(slots=True, unsafe_hash=True)
class Verification:
    """How a quote compares with its source article's text."""

    status: VerificationStatus
    closest: str = ""
    """For ``not_found``: the passage of the article most like the quote."""
    span: tuple[int, int] | None = None
    """Character offsets of the matched passage in the article text (first to last part)."""


NO_SOURCE = Verification("no_source")


@dataclass(slots=True, unsafe_hash=True)
class Source:
    id: str
    outlet: str = ""
    title: str = ""
    date: dt.date | None = None
    url: str = ""
    file: str = ""
    """The article path as written in the brief (relative to the brief file)."""
    path: Path | None = None
    """``file`` resolved against the brief's folder; None when no file is named."""
    line: int = 0

    @property
    def label(self) -> str:
        return self.outlet or self.title or self.id


@dataclass(slots=True, unsafe_hash=True)
class Actor:
    id: str
    name: str
    kind: ActorKind = "other"
    role: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()
    notes: str = ""
    line: int = 0


@dataclass(slots=True, unsafe_hash=True)
class Quote:
    speaker: str
    """An actor id."""
    text: str
    source: str = ""
    """A source id, or ``""``."""
    context: str = ""
    line: int = 0
    verification: Verification = NO_SOURCE


@dataclass(slots=True, unsafe_hash=True)
class Question:
    question: str
    notes: str = ""
    actors: tuple[str, ...] = ()
    line: int = 0


@dataclass(slots=True, unsafe_hash=True)
class TimelineEntry:
    date: dt.date
    event: str
    source: str = ""
    line: int = 0


@dataclass(slots=True, unsafe_hash=True)
class Account:
    source: str
    says: str
    line: int = 0


@dataclass(slots=True, unsafe_hash=True)
class Discrepancy:
    topic: str
    accounts: tuple[Account, ...]
    line: int = 0


@dataclass(slots=True, unsafe_hash=True)
class Brief:
    id: str
    """The path relative to the library root, without the extension."""
    path: Path
    title: str
    summary: str
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    open_questions: tuple[Question, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line of each top-level key (``title``, ``summary`` ...), for the editor."""

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def speaker_name(self, quote: Quote) -> str:
        actor = self.actor(quote.speaker)
        return actor.name if actor else quote.speaker

    def quotes_by(self, actor_id: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.speaker == actor_id)

    def questions_about(self, actor_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.open_questions if actor_id in q.actors)
