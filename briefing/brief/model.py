"""The brief as the rest of the program sees it: validated, sanitised, immutable.

Immutable by convention rather than ``frozen=True``: a frozen class sets each field
through ``object.__setattr__``, far dearer, and a warm start of a 10,000-brief library
builds about 200,000 of these from the index. Never assign to a field; use
``replace``.

Every item keeps the 1-based ``line`` it starts on, so the editor can open at
it and problems can point at it. Optional text is ``""`` rather than ``None``:
the UI and exporters never need a None check to show a field.

The methods are written out (``records.Record``, which gives every class ``replace``
and ``fields``) and prose is stored packed (``records.pack``): see records.py for why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from briefing.brief.records import Lines, Record, pack, packed

ActorKind = Literal["person", "organization", "state", "group", "other"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "state", "group", "other")

VerificationStatus = Literal["verified", "not_found", "no_source"]


class Verification(Record):
    """How a quote compares with its source article's text."""

    __slots__ = ("_closest", "span", "status")
    status: VerificationStatus
    closest: str = packed("_closest")
    """For ``not_found``: the passage of the article most like the quote."""
    span: tuple[int, int] | None
    """Character offsets of the matched passage in the article text (first to last part)."""

    def __init__(
        self, status: VerificationStatus, closest: str = "", span: tuple[int, int] | None = None
    ) -> None:
        self.status = status
        self._closest = pack(closest)
        self.span = span


NO_SOURCE = Verification("no_source")


class Source(Record):
    """An article the brief is distilled from."""

    __slots__ = ("date", "file", "id", "line", "outlet", "path", "title", "url")
    id: str
    outlet: str
    title: str
    date: dt.date | None
    url: str
    file: str
    """The article path as written in the brief (relative to the brief file)."""
    path: Path | None
    """``file`` resolved against the brief's folder; None when no file is named."""
    line: int

    def __init__(
        self,
        id: str,
        outlet: str = "",
        title: str = "",
        date: dt.date | None = None,
        url: str = "",
        file: str = "",
        path: Path | None = None,
        line: int = 0,
    ) -> None:
        self.id = id
        self.outlet = outlet
        self.title = title
        self.date = date
        self.url = url
        self.file = file
        self.path = path
        self.line = line

    @property
    def label(self) -> str:
        return self.outlet or self.title or self.id


class Actor(Record):
    """Someone in the story; ``role`` and ``notes`` are packed prose."""

    __slots__ = (
        "_notes",
        "_role",
        "affiliation",
        "aliases",
        "entity",
        "id",
        "kind",
        "line",
        "name",
    )
    id: str
    name: str
    kind: ActorKind
    role: str = packed("_role")
    affiliation: str
    aliases: tuple[str, ...]
    notes: str = packed("_notes")
    line: int
    entity: str
    """Who this is across the library (``michael-langley``), when the author says; or ``""``."""

    def __init__(
        self,
        id: str,
        name: str,
        kind: ActorKind = "other",
        role: str = "",
        affiliation: str = "",
        aliases: tuple[str, ...] = (),
        notes: str = "",
        line: int = 0,
        entity: str = "",
    ) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self._role = pack(role)
        self.affiliation = affiliation
        self.aliases = aliases
        self._notes = pack(notes)
        self.line = line
        self.entity = entity


class Quote(Record):
    """What an actor said; ``text`` and ``context`` are packed prose."""

    __slots__ = ("_context", "_text", "line", "source", "speaker", "verification")
    speaker: str
    """An actor id."""
    text: str = packed("_text")
    source: str
    """A source id, or ``""``."""
    context: str = packed("_context")
    line: int
    verification: Verification

    def __init__(
        self,
        speaker: str,
        text: str,
        source: str = "",
        context: str = "",
        line: int = 0,
        verification: Verification = NO_SOURCE,
    ) -> None:
        self.speaker = speaker
        self._text = pack(text)
        self.source = source
        self._context = pack(context)
        self.line = line
        self.verification = verification


class Question(Record):
    """An open question; ``question`` and ``notes`` are packed prose."""

    __slots__ = ("_notes", "_question", "actors", "line")
    question: str = packed("_question")
    notes: str = packed("_notes")
    actors: tuple[str, ...]
    line: int

    def __init__(
        self, question: str, notes: str = "", actors: tuple[str, ...] = (), line: int = 0
    ) -> None:
        self._question = pack(question)
        self._notes = pack(notes)
        self.actors = actors
        self.line = line


class TimelineEntry(Record):
    """A dated event; ``event`` is packed prose."""

    __slots__ = ("_event", "date", "line", "source")
    date: dt.date
    event: str = packed("_event")
    source: str
    line: int

    def __init__(self, date: dt.date, event: str, source: str = "", line: int = 0) -> None:
        self.date = date
        self._event = pack(event)
        self.source = source
        self.line = line


class Account(Record):
    """One source's version of a discrepancy; ``says`` is packed prose."""

    __slots__ = ("_says", "line", "source")
    source: str
    says: str = packed("_says")
    line: int

    def __init__(self, source: str, says: str, line: int = 0) -> None:
        self.source = source
        self._says = pack(says)
        self.line = line


class Discrepancy(Record):
    """Where the sources disagree; ``topic`` is packed prose."""

    __slots__ = ("_topic", "accounts", "line")
    topic: str = packed("_topic")
    accounts: tuple[Account, ...]
    line: int

    def __init__(self, topic: str, accounts: tuple[Account, ...], line: int = 0) -> None:
        self._topic = pack(topic)
        self.accounts = accounts
        self.line = line


class Related(Record):
    """Another brief this one names in ``related:``, by id, and where it names it."""

    __slots__ = ("col", "id", "line")
    id: str
    line: int
    col: int

    def __init__(self, id: str, line: int = 0, col: int = 0) -> None:
        self.id = id
        self.line = line
        self.col = col


NO_LINES = Lines()


class Brief(Record):
    """One brief; ``summary`` is packed prose, ``lines`` is left out of equality."""

    __slots__ = (
        "_summary",
        "actors",
        "date",
        "discrepancies",
        "id",
        "lines",
        "open_questions",
        "path",
        "quotes",
        "related",
        "sources",
        "tags",
        "timeline",
        "title",
    )
    _uncompared = ("lines",)
    id: str
    """The path relative to the library root, without the extension."""
    path: Path
    title: str
    summary: str = packed("_summary")
    date: dt.date | None
    """A full date, or a ``briefing.brief.dates.PartialDate`` (a month or a year)."""
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    open_questions: tuple[Question, ...]
    timeline: tuple[TimelineEntry, ...]
    discrepancies: tuple[Discrepancy, ...]
    related: tuple[Related, ...]
    """Other briefs of the library this one names (their ids need not exist: ``check``
    warns about those that do not)."""
    lines: Lines
    """Line of each top-level key (``title``, ``summary`` ...), for the editor."""

    def __init__(
        self,
        id: str,
        path: Path,
        title: str,
        summary: str,
        date: dt.date | None = None,
        tags: tuple[str, ...] = (),
        sources: tuple[Source, ...] = (),
        actors: tuple[Actor, ...] = (),
        quotes: tuple[Quote, ...] = (),
        open_questions: tuple[Question, ...] = (),
        timeline: tuple[TimelineEntry, ...] = (),
        discrepancies: tuple[Discrepancy, ...] = (),
        lines: Mapping[str, int] = NO_LINES,
        related: tuple[Related, ...] = (),
    ) -> None:
        self.id = id
        self.path = path
        self.title = title
        self._summary = pack(summary)
        self.date = date
        self.tags = tags
        self.sources = sources
        self.actors = actors
        self.quotes = quotes
        self.open_questions = open_questions
        self.timeline = timeline
        self.discrepancies = discrepancies
        self.related = related
        self.lines = lines if isinstance(lines, Lines) else Lines(lines)

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
