"""Brief data turned into Textual ``Content``: the one place text from a brief meets styles.

Every string from a brief goes in as a plain ``Content`` part, never through a markup
parser, so ``[bold]``, ``[/]`` or ``$name`` in the data is shown exactly as written.
Styles are applied to our own parts or by character spans, never by formatting data into
markup. The copy helpers build the attribution text ``y`` puts on the clipboard.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from briefing.model import Actor, Brief, Question, Quote, Source, Verification

MARK = "●"
"""Marks the items a cross-link points at (an actor's quotes, a quote's speaker)."""

_VERIFICATION: dict[str, tuple[str, str, str]] = {
    "verified": ("✓", "$text-success", "verified in the source text"),
    "not_found": ("✗", "$text-error", "not found in the source text"),
    "no_source": ("?", "$text-warning", "no source text to check against"),
}


def verification_mark(verification: Verification) -> Content:
    symbol, style, _ = _VERIFICATION[verification.status]
    return Content.styled(symbol, style)


def verification_text(verification: Verification) -> str:
    return _VERIFICATION[verification.status][2]


def _gutter(marked: bool) -> Content:
    return Content.styled(f"{MARK} ", "$text-accent bold") if marked else Content("  ")


def header(brief: Brief) -> Content:
    """Title on the first line; date, tags and outlets on the second."""
    parts: list[Content] = []
    if brief.date:
        parts.append(Content.styled(brief.date.isoformat(), "bold"))
    if brief.tags:
        parts.append(Content(" ").join(Content.styled(f"#{t}", "$text-accent") for t in brief.tags))
    outlets = [s.label for s in brief.sources]
    if outlets:
        parts.append(Content.assemble(("Sources: ", "dim"), ", ".join(outlets)))
    line2 = Content(" · ").join(parts) if parts else Content.styled(brief.id, "dim")
    return Content.assemble(Content.styled(brief.title, "bold"), "\n", line2)


def brief_item(title: str, date: str, broken: bool, problems: int) -> Hanging:
    """A row of the brief list; a brief that never loaded says so instead of hiding."""
    if broken:
        body = Content.assemble(title, ("\nnot loaded", "$text-error"))
        return Hanging(Content.styled("✗ ", "$text-error"), body, wrap=False)
    second = date
    if problems:
        second = f"{date}  ⚠ {problems} problem{'s' * (problems != 1)}".strip()
    body = Content.assemble(title, ("\n" + second, "dim")) if second else Content(title)
    # Cut, not wrapped: 10,000 rows re-measured on every resize (the header has it whole).
    return Hanging(Content("  "), body, wrap=False)


def actor_item(brief: Brief, actor: Actor, marked: bool) -> Hanging:
    quotes = len(brief.quotes_by(actor.id))
    detail = actor.role or actor.affiliation or actor.kind
    counts = f"  ({quotes} quote{'s' * (quotes != 1)})" if quotes else ""
    body = Content.assemble(
        Content.styled(actor.name, "bold"),
        Content.styled(counts, "dim"),
        "\n",
        Content.styled(detail, "dim"),
    )
    return Hanging(_gutter(marked), body)


def quote_item(brief: Brief, quote: Quote, marked: bool) -> Hanging:
    """Speaker's name with the verification mark, then the words."""
    body = Content.assemble(
        verification_mark(quote.verification),
        " ",
        Content.styled(brief.speaker_name(quote), "bold"),
        "\n“",
        quote.text,
        "”",
    )
    return Hanging(_gutter(marked), body)


def question_item(brief: Brief, question: Question) -> Hanging:
    names = [actor.name if (actor := brief.actor(a)) else a for a in question.actors]
    body = Content(question.question)
    if names:
        body = Content.assemble(body, Content.styled("\n" + ", ".join(names), "dim"))
    return Hanging(Content("  "), body)


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = "reverse") -> Content:
    """``text`` with the search match spans styled, by offsets, never by markup."""
    content = Content(text)
    if not spans:
        return content
    size = len(content.plain)
    marks = [Span(max(0, a), min(size, b), style) for a, b in spans if a < b and a < size]
    return content.add_spans(marks)


def source_line(source: Source | None, source_id: str) -> str:
    if source is None:
        return source_id or "no source named"
    bits = [
        source.outlet,
        f"“{source.title}”" if source.title else "",
        source.date and str(source.date),
    ]
    text = ", ".join(b for b in bits if b) or source.id
    return f"{text} <{source.url}>" if source.url else text


def copy_quote(brief: Brief, quote: Quote) -> str:
    actor = brief.actor(quote.speaker)
    who = brief.speaker_name(quote)
    if actor and actor.role:
        who = f"{who}, {actor.role}"
    return f"“{quote.text}” ({who}; {source_line(brief.source(quote.source), quote.source)})"


def copy_actor(brief: Brief, actor: Actor) -> str:
    facts = ", ".join(x for x in (actor.role, actor.affiliation) if x)
    name = f"{actor.name} ({facts})" if facts else actor.name
    return f"{name}, in “{brief.title}”"


def copy_question(brief: Brief, question: Question) -> str:
    return f"{question.question} (open question in “{brief.title}”)"


def copy_summary(brief: Brief) -> str:
    outlets = ", ".join(s.label for s in brief.sources)
    tail = f"\n\nSources: {outlets}" if outlets else ""
    return f"{brief.title}\n\n{brief.summary.strip()}{tail}"


class Hanging(Visual):
    """A list row with a hanging indent: ``gutter`` beside the first line, blanks below.

    Wrapped lines of a prompt would otherwise start at the left edge, under the marks.
    With ``wrap=False`` each line of the body is cut to the width with an ellipsis, so the
    row's height is known without wrapping anything: search results, redrawn per keystroke.
    """

    def __init__(self, gutter: Content, body: Content, indent: int = 2, wrap: bool = True) -> None:
        self.gutter = gutter
        self.body = body
        self.indent = indent
        self.wrap = wrap

    @property
    def plain(self) -> str:
        return self.gutter.plain.ljust(self.indent) + self.body.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.body.get_optimal_width(rules, container_width - self.indent) + self.indent

    def get_height(self, rules: RulesMap, width: int) -> int:
        if not self.wrap:
            return self.body.plain.count("\n") + 1
        return self.body.get_height(rules, max(1, width - self.indent))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        inner = max(1, width - self.indent)
        if self.wrap:
            body = self.body.render_strips(inner, height, style, options)
        else:
            body = [
                line.truncate(inner, ellipsis=True).render_strips(inner, 1, style, options)[0]
                for line in self.body.split("\n")
            ]
        blank = Strip.blank(self.indent, style.rich_style)
        first = self.gutter.render_strips(self.indent, 1, style, options)
        gutter = (
            first[0].extend_cell_length(self.indent, style.rich_style).crop(0, self.indent)
            if first
            else blank
        )
        return [
            Strip.join([gutter if row == 0 else blank, strip]) for row, strip in enumerate(body)
        ]


class Stacked(Visual):
    """Visuals one under another, each wrapped on its own (a topic and its hanging items)."""

    def __init__(self, parts: Sequence[Visual]) -> None:
        self.parts = list(parts)

    @property
    def plain(self) -> str:
        return "\n".join(getattr(part, "plain", "") for part in self.parts)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((p.get_optimal_width(rules, container_width) for p in self.parts), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(part.get_height(rules, width) for part in self.parts)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for part in self.parts:
            strips += part.render_strips(width, None, style, options)
        return strips
