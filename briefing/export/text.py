"""The brief as plain text, for pipes, grep and screen readers.

No colour, no box drawing, no wrapping: a pager or terminal wraps better than we
can guess, and a screen reader reads decorative characters aloud. Each section
starts with an upper-case heading line; items are indented under it, one fact
per line, with labels spelled out ("Source:", "Context:") so a line found by
grep still says what it is. Empty sections are left out.
"""

from __future__ import annotations

from briefing.brief.model import Actor, Brief, Quote, Source
from briefing.export.common import (
    actor_names,
    one_line,
    shown,
    source_label,
    strip_controls,
    verification_label,
)


def _indent(text: str, first: str, rest: str | None = None) -> list[str]:
    """A possibly multi-line value: ``first`` before its first line, and every
    further line indented to match, so continuation never looks like a new item."""
    rest = " " * len(first) if rest is None else rest
    lines = strip_controls(text).strip("\n").splitlines() or [""]
    out = [first + lines[0]]
    out.extend(rest + line if line.strip() else "" for line in lines[1:])
    return out


def _labelled(label: str, value: str, prefix: str) -> list[str]:
    """``Label: value``, with the value's further lines indented under the label."""
    return _indent(value, f"{prefix}{one_line(label)}: ", prefix + "  ")


def _source_lines(source: Source) -> list[str]:
    head = source.label
    if source.title and source.title != head:
        head += f": {source.title}"
    if source.date:
        head += f" ({shown(source.date)})"
    lines = _indent(head, "- ")
    if source.id != source.label:
        lines.append(f"  Id: {strip_controls(source.id)}")
    if source.url:
        lines.extend(_labelled("Url", source.url, "  "))
    if source.file:
        lines.extend(_labelled("File", source.file, "  "))
    return lines


def _actor_lines(actor: Actor) -> list[str]:
    head = actor.name
    details = [d for d in (actor.role, actor.affiliation) if d]
    if details:
        head += " - " + ", ".join(details)
    lines = _indent(f"{head} ({actor.kind})", "- ")
    if actor.aliases:
        lines.extend(_labelled("Also known as", ", ".join(actor.aliases), "  "))
    if actor.entity:
        lines.extend(_labelled("Entity", actor.entity, "  "))
    if actor.notes:
        lines.extend(_labelled("Notes", actor.notes, "  "))
    return lines


def _quote_lines(brief: Brief, quote: Quote) -> list[str]:
    lines = _indent(f"{brief.speaker_name(quote)}: \u201c{quote.text}\u201d", "- ")
    source = source_label(brief, quote.source) if quote.source else "none given"
    lines.extend(_labelled("Source", f"{source} ({verification_label(quote)})", "  "))
    if quote.verification.status == "not_found" and quote.verification.closest:
        lines.extend(_labelled("Closest passage in source", quote.verification.closest, "  "))
    if quote.context:
        lines.extend(_labelled("Context", quote.context, "  "))
    return lines


def render(brief: Brief) -> str:
    out: list[str] = _indent(brief.title, "")
    if brief.date:
        out.append(f"Date: {shown(brief.date)}")
    if brief.tags:
        out.extend(_labelled("Tags", ", ".join(brief.tags), ""))
    out.extend(_labelled("Id", brief.id, ""))

    def section(title: str, body: list[str]) -> None:
        out.extend(["", title.upper(), *body])

    if brief.sources:
        section("Sources", [line for s in brief.sources for line in _source_lines(s)])
    section("Summary", _indent(brief.summary, ""))
    if brief.actors:
        section("Actors", [line for a in brief.actors for line in _actor_lines(a)])
    if brief.quotes:
        section("Quotes", [line for q in brief.quotes for line in _quote_lines(brief, q)])
    if brief.open_questions:
        body: list[str] = []
        for number, question in enumerate(brief.open_questions, 1):
            body.extend(_indent(question.question, f"{number}. "))
            if question.actors:
                names = ", ".join(actor_names(brief, question.actors))
                body.extend(_labelled("Actors", names, "   "))
            if question.notes:
                body.extend(_labelled("Notes", question.notes, "   "))
        section("Open questions", body)
    if brief.timeline:
        body = []
        for entry in brief.timeline:
            event = entry.event
            if entry.source:
                event += f" (source: {source_label(brief, entry.source)})"
            body.extend(_indent(event, f"- {shown(entry.date)}: "))
        section("Timeline", body)
    if brief.discrepancies:
        body = []
        for discrepancy in brief.discrepancies:
            body.extend(_indent(discrepancy.topic, "- "))
            for account in discrepancy.accounts:
                body.extend(_labelled(source_label(brief, account.source), account.says, "  "))
        section("Discrepancies", body)
    if brief.related:
        section("Related", [line for r in brief.related for line in _indent(r.id, "- ")])
    return "\n".join(strip_controls(line).rstrip() for line in out) + "\n"
