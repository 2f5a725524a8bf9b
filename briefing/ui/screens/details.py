"""Everything about one actor, quote or open question, on a screen of its own.

An actor shows role, affiliation, aliases, notes, all their quotes and the questions they
appear in; a quote shows its full text, speaker, source, context and verification. Notes
are Markdown (links open only for http and https); every other field is plain ``Content``.
Copying, the source article and the editor are asked of the app with messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import textual.widgets
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from briefing.brief.dates import display_date
from briefing.brief.model import Actor, Brief, Question, Quote
from briefing.ui import render
from briefing.ui.bindings import bindings_for
from briefing.ui.links import open_web_link
from briefing.ui.messages import CopyRequested, DossierRequested, EditRequested, SourceRequested
from briefing.ui.pane import Pane
from briefing.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from textual.widgets import Markdown

KINDS = {Pane.ACTORS: "Actor", Pane.QUOTES: "Quote", Pane.QUESTIONS: "Open question"}


def _heading(text: str) -> Static:
    return Static(Content.styled(text, "bold $text-primary"), classes="heading")


def _field(label: str, value: str | Content) -> Static:
    body = value if isinstance(value, Content) else Content(value)
    return Static(Content.assemble(Content.styled(f"{label}: ", "bold"), body), classes="field")


def _markdown(text: str) -> Widget:
    return textual.widgets.Markdown(text, open_links=False, classes="notes")


class DetailsBody(VerticalScroll, can_focus=True):
    """The scrolling body; arrow and page keys come with ``VerticalScroll``."""


class DetailsScreen(Screen[None]):
    # Here, not in app.tcss: parsed when the screen is first opened, not before the first frame.
    DEFAULT_CSS = """
    DetailsScreen #details-header { height: auto; padding: 0 1; background: $panel; }
    DetailsScreen #details-body { padding: 0 2; }
    DetailsScreen #details-body .title { margin: 1 0; }
    DetailsScreen #details-body .heading { margin-top: 1; }
    DetailsScreen #details-body .item { margin-left: 2; }
    DetailsScreen #details-body .notes { margin: 0 0 0 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("details")

    def __init__(
        self,
        entry_id: str,
        brief: Brief,
        pane: Pane,
        index: int,
        *,
        across: tuple[str, int] | None = None,
    ) -> None:
        """``across``: an actor's entity key and the number of other briefs it is in."""
        super().__init__(id="details")
        self.entry_id = entry_id
        self.brief = brief
        self.pane = pane
        self.index = index
        self.across = across

    @property
    def item(self) -> Actor | Quote | Question:
        return self.pane.items(self.brief)[self.index]

    def compose(self) -> ComposeResult:
        title = Content.assemble(
            Content.styled(f"{KINDS[self.pane]} ", "bold $text-accent"),
            Content.styled(f"in {self.brief.title}", "dim"),
        )
        yield Static(title, id="details-header")
        with DetailsBody(id="details-body"):
            item = self.item
            if isinstance(item, Actor):
                yield from self._actor(item)
            elif isinstance(item, Quote):
                yield from self._quote(item)
            else:
                yield from self._question(item)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DetailsBody).focus()

    def _actor(self, actor: Actor) -> ComposeResult:
        brief = self.brief
        yield Static(Content.styled(actor.name, "bold"), classes="title")
        yield _field("Kind", actor.kind)
        if actor.role:
            yield _field("Role", actor.role)
        if actor.affiliation:
            yield _field("Affiliation", actor.affiliation)
        if actor.aliases:
            yield _field("Also called", ", ".join(actor.aliases))
        if self.across is not None and self.across[1]:
            others = self.across[1]  # the key bar names the key of the dossier
            yield _field("Across the library", f"in {others} other brief{'s' * (others != 1)}")
        if actor.notes:
            yield _heading("Notes")
            yield _markdown(actor.notes)
        quotes = brief.quotes_by(actor.id)
        yield _heading(f"Quotes ({len(quotes)})")
        if not quotes:
            yield Static(Content.styled("No quotes from this actor.", "dim"))
        for quote in quotes:
            source = brief.source(quote.source)
            yield Static(
                Content.assemble(
                    render.status_mark(quote.verification.status),
                    " “",
                    quote.text,
                    "”",
                    Content.styled(f"  {source.label}" if source else "", "dim"),
                ),
                classes="item",
            )
        questions = brief.questions_about(actor.id)
        yield _heading(f"Open questions ({len(questions)})")
        if not questions:
            yield Static(Content.styled("Not named in any open question.", "dim"))
        for question in questions:
            yield Static(Content.assemble("• ", question.question), classes="item")

    def _quote(self, quote: Quote) -> ComposeResult:
        brief = self.brief
        yield Static(Content.assemble("“", quote.text, "”"), classes="title quote")
        actor = brief.actor(quote.speaker)
        speaker = Content(brief.speaker_name(quote))
        if actor and actor.role:
            speaker = Content.assemble(speaker, Content.styled(f", {actor.role}", "dim"))
        yield _field("Speaker", speaker)
        source = brief.source(quote.source)
        if source is None:
            yield _field("Source", quote.source or "none named")
        else:
            yield _field("Source", source.outlet or source.id)
            if source.title:
                yield _field("Title", source.title)
            if source.date:
                yield _field("Date", display_date(source.date))
            if source.url:
                yield _field("URL", source.url)
        if quote.context:
            yield _field("Context", quote.context)
        verification = quote.verification
        status = verification.status
        yield _field(
            "Verification",
            Content.assemble(render.status_mark(status), " ", render.status_text(status)),
        )
        if verification.status == "not_found" and verification.closest:
            yield _heading("Closest passage in the source")
            yield Static(Content(verification.closest), classes="item")

    def _question(self, question: Question) -> ComposeResult:
        brief = self.brief
        yield Static(Content.styled(question.question, "bold"), classes="title")
        if question.actors:
            names = [a.name if (a := brief.actor(i)) else i for i in question.actors]
            yield _field("Actors", ", ".join(names))
        if question.notes:
            yield _heading("Notes")
            yield _markdown(question.notes)

    # -- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.query_one(DetailsBody).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(DetailsBody).scroll_up(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one(DetailsBody).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one(DetailsBody).scroll_end(animate=False)

    def action_copy(self) -> None:
        self.post_message(CopyRequested(*render.copy_item(self.brief, self.pane, self.index)))

    def action_source(self) -> None:
        self.post_message(SourceRequested(self.brief, self.index))

    def action_edit(self) -> None:
        self.post_message(EditRequested(self.entry_id, self.pane.line_of(self.brief, self.index)))

    def action_dossier(self) -> None:
        if self.across is not None:
            self.post_message(DossierRequested(self.across[0]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "source":
            return self.pane is Pane.QUOTES
        if action == "dossier":
            return self.across is not None and self.across[1] > 0
        return True

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        open_web_link(self, event.href)
