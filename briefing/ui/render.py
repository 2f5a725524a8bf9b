"""Brief data turned into Textual ``Content``: the one place text from a brief meets styles.

Every string from a brief goes in as a plain ``Content`` part, never through a markup
parser, so ``[bold]``, ``[/]`` or ``$name`` in the data is shown exactly as written.
Styles are applied to our own parts or by character spans, never by formatting data into
markup. The copy helpers build the attribution text ``y`` puts on the clipboard.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rich._wrap import divide_line  # private: docs/textual-private-api.md
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from briefing.brief.dates import display_date
from briefing.brief.model import Actor, Brief, Question, Quote, Source, VerificationStatus
from briefing.ui.pane import Pane

MARK = "●"
"""Marks the items a cross-link points at (an actor's quotes, a quote's speaker)."""

_VERIFICATION: dict[str, tuple[str, str, str]] = {
    "verified": ("✓", "$text-success", "verified in the source text"),
    "not_found": ("✗", "$text-error", "not found in the source text"),
    "no_source": ("?", "$text-warning", "no source text to check against"),
}


def status_mark(status: VerificationStatus) -> Content:
    """The mark of a verification status (a quote's, or a dossier quote's)."""
    symbol, style, _ = _VERIFICATION[status]
    return Content.styled(symbol, style)


def status_text(status: VerificationStatus) -> str:
    return _VERIFICATION[status][2]


def _gutter(marked: bool) -> Content:
    return Content.styled(f"{MARK} ", "$text-accent bold") if marked else Content("  ")


def header(brief: Brief) -> Content:
    """Title on the first line; date, tags and outlets on the second."""
    parts: list[Content] = []
    if brief.date:
        parts.append(Content.styled(display_date(brief.date), "bold"))
    if brief.tags:
        parts.append(Content(" ").join(Content.styled(f"#{t}", "$text-accent") for t in brief.tags))
    outlets = [s.label for s in brief.sources]
    if outlets:
        parts.append(Content.assemble(("Sources: ", "dim"), ", ".join(outlets)))
    if brief.related:  # the related briefs screen lists them, and those naming this one
        parts.append(Content.styled(f"↔ {len(brief.related)} related", "$text-accent"))
    line2 = Content(" · ").join(parts) if parts else Content.styled(brief.id, "dim")
    return Content.assemble(Content.styled(brief.title, "bold"), "\n", line2)


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
        status_mark(quote.verification.status),
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


def dated_event(date: dt.date, event: str, tail: Content) -> Content:
    """A timeline entry across the library, for the panel below a list: its date in bold,
    the event, and under them ``tail`` (where it comes from)."""
    return Content.assemble(Content.styled(display_date(date), "bold"), "  ", event, "\n", tail)


def from_source(source: str) -> str:
    """`` · source`` after what names where an entry is, or nothing without a source."""
    return f" · {source}" if source else ""


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


def copy_item(brief: Brief, pane: Pane, index: int) -> tuple[str, str]:
    """What ``y`` copies of item ``index`` of an item pane, and what the notice calls it."""
    if pane is Pane.ACTORS:
        return copy_actor(brief, brief.actors[index]), pane.item
    if pane is Pane.QUOTES:
        return copy_quote(brief, brief.quotes[index]), pane.item
    return copy_question(brief, brief.open_questions[index]), Pane.QUESTIONS.item


def copy_summary(brief: Brief) -> str:
    outlets = ", ".join(s.label for s in brief.sources)
    tail = f"\n\nSources: {outlets}" if outlets else ""
    return f"{brief.title}\n\n{brief.summary.strip()}{tail}"


_NARROW_RANGES = ((0x20, 0x7F), (0xA0, 0x300), (0x370, 0x483), (0x2010, 0x2028), (0x2030, 0x205F))
_NOT_NARROW = "\u00a0"
"""The one character of those ranges that is blank but not the space (written out rather than
computed from Rich's cell widths at import, which start-up would pay for; a test recomputes
it)."""
_NARROW = frozenset(
    character
    for start, end in _NARROW_RANGES
    for character in map(chr, range(start, end))
    if character not in _NOT_NARROW
)
"""One cell wide each, and no blank but the space: Latin, Greek, Cyrillic, typographic quotes."""

_NON_SPACE = re.compile(r"[^ ]")


def _narrow_breaks(line: str, width: int) -> int | None:
    """The breaks ``divide_line`` puts in a line of ``_NARROW`` characters not starting blank.

    There a word's width is its length, so each line's end is found by looking at the column
    just past it rather than measuring every word. None where a word is wider than the whole
    line and would be folded.
    """
    end = len(line.rstrip(" "))
    start = breaks = 0
    while end - start > width:
        past = start + width
        if line[past] == " ":
            word = _NON_SPACE.search(line, past)
            assert word is not None  # a word ends at ``end``, beyond ``past``
            start = word.start()
        else:
            start = line.rfind(" ", start, past) + 1
            if not start:  # one word from the line's start to past its end: folded
                return None
        word_end = line.find(" ", start)
        if (end if word_end < 0 else word_end) - start > width:
            return None
        breaks += 1
    return breaks


def wrapped_height(text: str, width: int) -> int:
    """The lines ``Content(text)`` wraps into at ``width``, counted as ``Content`` wraps them.

    ``Content.get_height`` formats every line (spans, ``Strip``-ready pieces) only to count
    them, for every row of a pane on each new width. Its line breaks
    come from rich's ``divide_line``; this finds the same breaks without formatting, and for
    the usual text, all one cell wide, without measuring each word (``_narrow_breaks``).
    """
    count = 0
    for line in text.split("\n"):
        breaks: int | None = None
        if len(line) <= width and (line.isascii() or _NARROW.issuperset(line)):
            breaks = 0  # no wider than it is long: it fits
        elif _NARROW.issuperset(line) and not line.startswith(" "):
            breaks = _narrow_breaks(line, width)
        if breaks is None:
            breaks = len(divide_line(line, width, fold=True))
        count += breaks + 1
    return count


def least_height(visual: object) -> int:
    """The lines a row takes at any width: one per line of its text, more where they wrap."""
    return visual.body.plain.count("\n") + 1 if isinstance(visual, Hanging) else 1


class Hanging(Visual):
    """A list row with a hanging indent: ``gutter`` beside the first line, blanks below.

    Wrapped lines of a prompt would otherwise start at the left edge, under the marks.
    With ``wrap=False`` each line of the body is cut to the width with an ellipsis, so the
    row's height is known without wrapping anything: search results, redrawn per keystroke.

    A pane measures every row each time its width changes (the scrollbar appearing is one),
    but draws only the rows on screen, so heights are counted cheaply and kept per width.
    """

    def __init__(self, gutter: Content, body: Content, indent: int = 2, wrap: bool = True) -> None:
        self.gutter = gutter
        self.body = body
        self.indent = indent
        self.wrap = wrap
        self._heights: dict[int, int] = {}
        """Height by body width: a pane going back to a width it had measures nothing."""

    @property
    def plain(self) -> str:
        return self.gutter.plain.ljust(self.indent) + self.body.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.body.get_optimal_width(rules, container_width - self.indent) + self.indent

    def get_height(self, rules: RulesMap, width: int) -> int:
        if not self.wrap:
            return self.body.plain.count("\n") + 1
        inner = max(1, width - self.indent)
        text = self.body.plain
        if (
            "\t" in text
            or rules.get("text_wrap", "wrap") != "wrap"
            or rules.get("text_overflow", "fold") != "fold"
            or rules.get("line_pad", 0)
        ):  # tabs to expand, or other wrapping rules: Content counts its own way
            return self.body.get_height(rules, inner)
        if (height := self._heights.get(inner)) is None:
            height = self._heights[inner] = wrapped_height(text, inner)
        return height

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
