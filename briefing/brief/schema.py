"""Brief format v1.1 as data: one description drives both validation and the JSON Schema.

Keeping the format in one table means ``briefing schema`` (for editors) and
``briefing check`` can never disagree about what a field is.

Version 1.1 adds, and only adds: partial dates (``2024``, ``2024-03``) wherever a date is
written, an actor's ``entity`` and a brief's ``related`` list. Every version-1 brief is a
valid version-1.1 brief.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from briefing.brief.model import ACTOR_KINDS

FORMAT_VERSION = "1.1"

Values = dict[str, Any]
"""A validated object: field name -> converted value, plus ``__line__``, ``__node__`` and
``__at__`` (the node of each key), as validation hands it to the model's builder."""


def listed(values: Values, key: str) -> list[Values]:
    """The validated objects of a list field (``actors``, ``quotes`` ...); [] when absent."""
    found: list[Values] = values.get(key, [])
    return found


Kind = Literal[
    "text", "markdown", "id", "date", "url", "enum", "ref", "texts", "refs", "ids", "objects"
]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""A day, a month or a year; ``briefing check`` also rejects the impossible ones."""


class Field(NamedTuple):
    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    """For ``enum``: the allowed values."""
    target: str = ""
    """For ``ref``/``refs``: the collection whose ids it names (``actors`` or ``sources``);
    ``ids`` name briefs of the library."""
    item: ObjectSpec | None = None
    """For ``objects``: the spec of each item."""
    min_items: int = 0


class ObjectSpec(NamedTuple):
    name: str
    """How an author would call one of these in a message ("actor", "quote" ...)."""
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        for candidate in self.fields:  # at most ten fields: a scan beats building a dict
            if candidate.name == name:
                return candidate
        return None

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


SOURCE = ObjectSpec(
    "source",
    (
        Field("id", "id", "Short id that quotes and accounts use to cite this source.", True),
        Field("outlet", "text", "Who published it, e.g. Associated Press."),
        Field("title", "text", "The article's headline."),
        Field("date", "date", "Publication date: YYYY-MM-DD, or YYYY-MM or YYYY."),
        Field("url", "url", "Where the article is online (http or https)."),
        Field("file", "text", "The article's text, as a path relative to this brief file."),
    ),
)

ACTOR = ObjectSpec(
    "actor",
    (
        Field("id", "id", "Short id that quotes and questions use to name this actor.", True),
        Field("name", "text", "Full name as the sources give it.", True),
        Field("kind", "enum", "What sort of actor this is.", choices=ACTOR_KINDS),
        Field("role", "text", "Their role or title in the story."),
        Field("affiliation", "text", "Who they belong to or speak for."),
        Field("aliases", "texts", "Other names the sources use."),
        Field("notes", "markdown", "Anything else worth knowing (Markdown)."),
        Field(
            "entity",
            "id",
            "Who this is across the library, e.g. michael-langley: actors of other briefs "
            "with the same entity are the same person or organisation.",
        ),
    ),
)

QUOTE = ObjectSpec(
    "quote",
    (
        Field("speaker", "ref", "The id of the actor who said it.", True, target="actors"),
        Field("text", "text", "The words, verbatim from the source.", True),
        Field(
            "source",
            "ref",
            "The id of the source it comes from (required when the brief lists sources).",
            target="sources",
        ),
        Field("context", "text", "When, where or why it was said."),
    ),
)

QUESTION = ObjectSpec(
    "open question",
    (
        Field("question", "text", "What the sources leave open.", True),
        Field("notes", "markdown", "Why it matters, what would answer it (Markdown)."),
        Field("actors", "refs", "Ids of the actors it concerns.", target="actors"),
    ),
)

TIMELINE_ENTRY = ObjectSpec(
    "timeline entry",
    (
        Field("date", "date", "When it happened: YYYY-MM-DD, or YYYY-MM or YYYY.", True),
        Field("event", "text", "What happened.", True),
        Field("source", "ref", "The id of the source that reports it.", target="sources"),
    ),
)

ACCOUNT = ObjectSpec(
    "account",
    (
        Field("source", "ref", "The id of the source giving this account.", True, target="sources"),
        Field("says", "text", "What this source says.", True),
    ),
)

DISCREPANCY = ObjectSpec(
    "discrepancy",
    (
        Field("topic", "text", "What the sources disagree about.", True),
        Field(
            "accounts",
            "objects",
            "Each source's version, two or more.",
            True,
            item=ACCOUNT,
            min_items=2,
        ),
    ),
)

BRIEF = ObjectSpec(
    "brief",
    (
        Field("title", "text", "The brief's headline.", True),
        Field(
            "date", "date", "The date of the events or of the brief: YYYY-MM-DD, YYYY-MM or YYYY."
        ),
        Field("tags", "texts", "Keywords for finding the brief."),
        Field("summary", "markdown", "What happened, in Markdown.", True),
        Field("sources", "objects", "The articles the brief is distilled from.", item=SOURCE),
        Field("actors", "objects", "People and organisations in the story.", item=ACTOR),
        Field("quotes", "objects", "What the actors said, verbatim.", item=QUOTE),
        Field("open_questions", "objects", "What the sources leave open.", item=QUESTION),
        Field("timeline", "objects", "Dated events in order.", item=TIMELINE_ENTRY),
        Field("discrepancies", "objects", "Where the sources disagree.", item=DISCREPANCY),
        Field("related", "ids", "Ids of other briefs of the library this one relates to."),
    ),
)


def _field_schema(field: Field) -> dict[str, object]:
    schema: dict[str, object] = {"description": field.description}
    if field.kind in ("text", "markdown", "ref"):
        schema.update(type="string", minLength=1 if field.required else 0)
    elif field.kind == "id":
        schema.update(type="string", pattern=r"^\S+$")
    elif field.kind == "date":
        # No "format": "date": a month or a year alone is not an RFC 3339 full-date.
        schema.update(type="string", pattern=DATE_PATTERN)
    elif field.kind == "url":
        schema.update(type="string", format="uri", pattern=r"^https?://")
    elif field.kind == "enum":
        schema.update(type="string", enum=list(field.choices))
    elif field.kind in ("texts", "refs"):
        schema.update(type="array", items={"type": "string"})
    elif field.kind == "ids":
        schema.update(type="array", items={"type": "string", "pattern": r"^\S+$"})
    else:
        assert field.item is not None
        schema.update(type="array", items=_object_schema(field.item))
        if field.min_items:
            schema["minItems"] = field.min_items
    return schema


def _object_schema(spec: ObjectSpec) -> dict[str, object]:
    return {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in spec.fields},
        "required": [f.name for f in spec.fields if f.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, object]:
    """The JSON Schema editors use for validation and completion of brief files."""
    schema = _object_schema(BRIEF)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://briefing.invalid/schema/brief-v1.1.json",
        "title": f"briefing brief, format v{FORMAT_VERSION}",
        **schema,
    }
