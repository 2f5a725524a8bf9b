"""The brief as a Markdown document a person would send.

Plain fields (names, quotes, events ...) are escaped so no value can start a
heading, a link, emphasis or a table cell. The fields the format defines as
Markdown (``summary``, ``notes``) are kept as Markdown, but contained: their
headings are demoted under the section's heading, raw HTML is escaped, and an
unclosed code fence is closed so it cannot swallow the rest of the document.
"""

from __future__ import annotations

import re

from briefing.brief.model import Brief, Quote, Source
from briefing.export.common import (
    actor_names,
    is_web_url,
    one_line,
    shown,
    source_label,
    strip_controls,
    verification_label,
)

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.IGNORECASE)
_LINK_OPEN = re.compile(r"\]\((?!\s*<?\s*(?:https?://|mailto:))", re.IGNORECASE)
_REF_DEF = re.compile(r"^( {0,3})\[(?=[^\]]*\]:(?!\s*<?\s*(?:https?://|mailto:)))", re.IGNORECASE)
_SETEXT_EQ = re.compile(r"^( {0,3})=")
_SETEXT_DASH = re.compile(r"^ {0,3}-+\s*$")


def escape(text: str) -> str:
    """One line of plain text that Markdown shows as-is, whatever it contains."""
    text = _INLINE_SPECIAL.sub(r"\\\1", one_line(text))
    text = _ENTITY.sub("&amp;", text)
    match = _BLOCK_START.match(text)
    if match:
        # "1." or "#" at the start would open a list or heading: escape its last mark.
        end = match.end()
        mark = text[match.start(2) : end]
        if mark.isdigit():
            text = text[:end] + "\\" + text[end:]
        else:
            text = text[: match.start(2)] + "\\" + text[match.start(2) :]
    return text


def _escape_html_outside_code(line: str) -> str:
    """Backslash-escape ``<`` that would start raw HTML, except in code spans and autolinks."""
    out: list[str] = []
    pos = 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_escape_html(line[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_escape_html(line[pos:]))
    return "".join(out)


def _escape_html(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _AUTOLINK.finditer(text):
        out.append(_defuse(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_defuse(text[pos:]))
    return "".join(out)


def _defuse(text: str) -> str:
    """Escape what would start raw HTML or a link to anything but http(s)/mailto.

    Escaping the ``](`` leaves ``[x](javascript:...)`` readable as the text it is,
    whatever renderer the recipient uses and however it treats such links.
    """
    return _LINK_OPEN.sub(r"]\\(", _HTML_START.sub(r"\\<", text))


def contain(markdown: str, heading_level: int) -> str:
    """A Markdown field made safe to embed under a heading of ``heading_level``."""
    out: list[str] = []
    fence = ""
    for line in strip_controls(markdown).strip("\n").splitlines():
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        heading = _ATX.match(line)
        if heading:
            level = min(6, len(heading.group(1)) + heading_level)
            line = "#" * level + line[heading.end() :]
        elif _SETEXT_DASH.match(line) and out and out[-1].strip():
            out.append("")  # a rule, not an underline that makes a top-level heading
        line = _SETEXT_EQ.sub(r"\1\\=", line)
        line = _REF_DEF.sub(r"\1\\[", line)
        out.append(_escape_html_outside_code(line))
    if fence:
        out.append(fence)
    return "\n".join(out)


def cell(text: str) -> str:
    """A table cell: one line, ``|`` escaped, never empty (an empty cell reads as a gap)."""
    return escape(text) or " "


def _link(url: str) -> str:
    return f"<{url}>" if is_web_url(url) else f"`{one_line(url).replace('`', '')}`"


def _source_item(source: Source) -> str:
    item = f"- **{escape(source.label)}**"
    if source.title and source.title != source.label:
        item += f": {escape(source.title)}"
    if source.date:
        item += f" ({shown(source.date)})"
    if source.url:
        item += f" \u2014 {_link(source.url)}"
    if source.file:
        item += f"  \n  File: {escape(source.file)}"
    return item


def _quote_block(brief: Brief, quote: Quote) -> list[str]:
    attribution = f"\u2014 **{escape(brief.speaker_name(quote))}**"
    if quote.source:
        attribution += f", *{escape(source_label(brief, quote.source))}*"
    attribution += f" ({verification_label(quote)})"
    lines = [f"> {escape(quote.text)}", ">", f"> {attribution}"]
    if quote.verification.status == "not_found" and quote.verification.closest:
        lines += ["", f"Closest passage in source: {escape(quote.verification.closest)}"]
    if quote.context:
        lines += ["", f"*Context:* {escape(quote.context)}"]
    return lines


def _indent_block(text: str, prefix: str) -> list[str]:
    return [prefix + line if line.strip() else "" for line in text.splitlines()]


def render(brief: Brief) -> str:
    out: list[str] = [f"# {escape(brief.title)}", ""]
    meta = []
    if brief.date:
        meta.append(f"**Date:** {shown(brief.date)}")
    if brief.tags:
        meta.append("**Tags:** " + ", ".join(escape(t) for t in brief.tags))
    if meta:
        out += ["  \n".join(meta), ""]

    def section(title: str, body: list[str]) -> None:
        out.extend([f"## {title}", "", *body, ""])

    section("Summary", [contain(brief.summary, 2)])
    if brief.sources:
        section("Sources", [_source_item(s) for s in brief.sources])
    if brief.actors:
        body = ["| Name | Kind | Role | Affiliation |", "| --- | --- | --- | --- |"]
        for a in brief.actors:
            body.append(f"| {cell(a.name)} | {a.kind} | {cell(a.role)} | {cell(a.affiliation)} |")
        for a in brief.actors:
            if not (a.aliases or a.notes or a.entity):
                continue
            body += ["", f"### {escape(a.name)}"]
            if a.aliases:
                body += ["", "*Also known as:* " + ", ".join(escape(x) for x in a.aliases)]
            if a.entity:
                body += ["", f"*Entity:* {escape(a.entity)}"]
            if a.notes:
                body += ["", contain(a.notes, 3)]
        section("Actors", body)
    if brief.quotes:
        body = []
        for quote in brief.quotes:
            body += [*_quote_block(brief, quote), ""]
        section("Quotes", body[:-1])
    if brief.open_questions:
        body = []
        for number, question in enumerate(brief.open_questions, 1):
            body.append(f"{number}. {escape(question.question)}")
            if question.actors:
                names = ", ".join(escape(n) for n in actor_names(brief, question.actors))
                body += ["", f"   *Actors:* {names}"]
            if question.notes:
                body += ["", *_indent_block(contain(question.notes, 3), "   ")]
            body.append("")
        section("Open questions", body[:-1])
    if brief.timeline:
        body = []
        for entry in brief.timeline:
            item = f"- **{shown(entry.date)}** \u2014 {escape(entry.event)}"
            if entry.source:
                item += f" (*{escape(source_label(brief, entry.source))}*)"
            body.append(item)
        section("Timeline", body)
    if brief.discrepancies:
        body = []
        for discrepancy in brief.discrepancies:
            body += [f"### {escape(discrepancy.topic)}", ""]
            for account in discrepancy.accounts:
                label = escape(source_label(brief, account.source))
                body.append(f"- **{label}:** {escape(account.says)}")
            body.append("")
        section("Discrepancies", body[:-1])
    if brief.related:
        section("Related", [f"- {escape(r.id)}" for r in brief.related])
    return "\n".join(line.rstrip() if line.strip() else "" for line in out).rstrip() + "\n"
