"""``briefing actor``: one entity's dossier as plain text, Markdown or JSON.

Text and Markdown follow the brief exporters' rules (``text.py``, ``markdown.py``): one
fact per line, labels spelled out, every value from a brief escaped or stripped of
control characters. Each line names its brief by id, so a line found by grep still says
where it comes from.
"""

from __future__ import annotations

from typing import Any

from briefing.catalog.dossier import Dossier, Place
from briefing.export.common import (
    JSON_VERSION,
    VERIFICATION_LABELS,
    dumps_json,
    iso,
    one_line,
    shown,
)
from briefing.export.markdown import escape


def _where(place: Place) -> str:
    return f"{shown(place.date) or 'undated'}, {place.brief_id}"


def render_text(dossier: Dossier) -> str:
    out = [one_line(f"{dossier.name} ({dossier.kind})"), f"Entity: {one_line(dossier.key)}"]
    if len(dossier.names) > 1:
        out.append("Also written: " + one_line(", ".join(dossier.names[1:])))
    if len(dossier.kinds) > 1:
        out.append("Kinds: " + ", ".join(dossier.kinds))

    def section(title: str, body: list[str]) -> None:
        if body:
            out.extend(["", f"{title.upper()} ({len(body)})", *body])

    section(
        "Briefs",
        [
            one_line(
                f"- {_where(a.place)}: {a.place.title} \u2014 as {a.name}"
                + "".join(f"; {d}" for d in (a.role, a.affiliation) if d)
            )
            for a in dossier.appearances
        ],
    )
    section(
        "Quotes",
        [
            one_line(
                f"- {_where(q.place)}: \u201c{q.text}\u201d ({VERIFICATION_LABELS[q.status]}"
                + (f"; {q.source}" if q.source else "")
                + ")"
            )
            for q in dossier.quotes
        ],
    )
    section(
        "Open questions",
        [one_line(f"- {_where(q.place)}: {q.question}") for q in dossier.questions],
    )
    section(
        "Timeline",
        [
            one_line(
                f"- {shown(e.date)}: {e.event}"
                + (f" (source: {e.source})" if e.source else "")
                + f" [{e.place.brief_id}]"
            )
            for e in dossier.events
        ],
    )
    return "\n".join(out) + "\n"


def render_markdown(dossier: Dossier) -> str:
    out = [f"# {escape(dossier.name)}", "", f"**Entity:** `{one_line(dossier.key)}`  "]
    out.append(f"**Kind:** {', '.join(dossier.kinds)}")
    if len(dossier.names) > 1:
        out[-1] += "  "
        out.append("**Also written:** " + ", ".join(escape(n) for n in dossier.names[1:]))

    def where(place: Place) -> str:
        return f"{shown(place.date) or 'undated'}, *{escape(place.title)}* (`{place.brief_id}`)"

    def section(title: str, body: list[str]) -> None:
        if body:
            out.extend(["", f"## {title}", "", *body])

    section(
        "Briefs",
        [
            f"- {where(a.place)}: as **{escape(a.name)}**"
            + "".join(f"; {escape(d)}" for d in (a.role, a.affiliation) if d)
            for a in dossier.appearances
        ],
    )
    quotes = []
    for q in dossier.quotes:
        source = f", *{escape(q.source)}*" if q.source else ""
        quotes += [
            f"> {escape(q.text)}",
            ">",
            f"> \u2014 {where(q.place)}{source} ({VERIFICATION_LABELS[q.status]})",
            "",
        ]
    section("Quotes", quotes[:-1])
    section(
        "Open questions",
        [f"- {escape(q.question)} \u2014 {where(q.place)}" for q in dossier.questions],
    )
    section(
        "Timeline",
        [
            f"- **{shown(e.date)}** \u2014 {escape(e.event)} \u2014 {where(e.place)}"
            for e in dossier.events
        ],
    )
    return "\n".join(line.rstrip() if line.strip() else "" for line in out) + "\n"


def _place(place: Place) -> dict[str, Any]:
    return {
        "brief": place.brief_id,
        "title": place.title,
        "date": iso(place.date) or None,
        "index": place.index,
        "line": place.line,
    }


def to_data(dossier: Dossier) -> dict[str, Any]:
    """Keys: key, name, kind, kinds, names, appearances, quotes, questions, events; each
    line has the ``brief`` id, its ``title`` and ``date``, and the item's ``index`` in its
    list and ``line`` in the file."""
    return {
        "key": dossier.key,
        "name": dossier.name,
        "kind": dossier.kind,
        "kinds": list(dossier.kinds),
        "names": list(dossier.names),
        "appearances": [
            {
                **_place(a.place),
                "actor": a.actor_id,
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "affiliation": a.affiliation,
            }
            for a in dossier.appearances
        ],
        "quotes": [
            {
                **_place(q.place),
                "text": q.text,
                "context": q.context,
                "verification": q.status,
                "source": q.source,
            }
            for q in dossier.quotes
        ],
        "questions": [{**_place(q.place), "question": q.question} for q in dossier.questions],
        "events": [
            {**_place(e.place), "event_date": iso(e.date), "event": e.event, "source": e.source}
            for e in dossier.events
        ],
    }


def render(dossier: Dossier, fmt: str) -> str:
    if fmt == "json":
        return dumps_json({"version": JSON_VERSION, **to_data(dossier)})
    return render_markdown(dossier) if fmt == "markdown" else render_text(dossier)
