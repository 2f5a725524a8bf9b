"""``briefing timeline``: the library timeline as plain text, Markdown or JSON.

Grouped by month (a year alone for entries dated by the year), in date order; every
entry names its brief by title and id, so a line found by grep still says where it is.
"""

from __future__ import annotations

from typing import Any

from briefing.catalog.timeline import LibraryTimeline, TimelineLine
from briefing.export.common import JSON_VERSION, dumps_json, iso, one_line, shown
from briefing.export.markdown import escape


def _text_line(line: TimelineLine) -> str:
    source = f" (source: {line.source})" if line.source else ""
    where = f"{line.title} [{line.brief_id}]"
    return one_line(f"- {shown(line.date)}: {line.event}{source} \u2014 {where}")


def _markdown_line(line: TimelineLine) -> str:
    source = f" (*{escape(line.source)}*)" if line.source else ""
    return (
        f"- **{shown(line.date)}** \u2014 {escape(line.event)}{source} \u2014 "
        f"*{escape(line.title)}* (`{one_line(line.brief_id).replace('`', '')}`)"
    )


def render_text(timeline: LibraryTimeline) -> str:
    blocks = []
    for month in timeline.months():
        lines = [_text_line(x) for x in timeline.lines(month.start, month.start + month.count)]
        blocks.append("\n".join([month.label.upper(), *lines]))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def render_markdown(timeline: LibraryTimeline) -> str:
    out = ["# Timeline"]
    for month in timeline.months():
        out += ["", f"## {month.label}", ""]
        out += [_markdown_line(x) for x in timeline.lines(month.start, month.start + month.count)]
    return "\n".join(out) + "\n"


def to_data(timeline: LibraryTimeline) -> list[dict[str, Any]]:
    """One object per entry, in order: date (as written), month (its group's label),
    event, source, brief (id), title, index (in the brief's timeline), line."""
    data = []
    for month in timeline.months():
        for line in timeline.lines(month.start, month.start + month.count):
            data.append(
                {
                    "date": iso(line.date),
                    "month": month.label,
                    "event": line.event,
                    "source": line.source,
                    "brief": line.brief_id,
                    "title": line.title,
                    "index": line.index,
                    "line": line.line,
                }
            )
    return data


def render(timeline: LibraryTimeline, fmt: str) -> str:
    if fmt == "json":
        return dumps_json({"version": JSON_VERSION, "entries": to_data(timeline)})
    return render_markdown(timeline) if fmt == "markdown" else render_text(timeline)
