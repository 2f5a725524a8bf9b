"""The command palette's providers: briefs, the current brief's actors and quotes, and commands.

Textual's ``Matcher.highlight`` parses its candidate as markup, so a brief titled ``[/]``
would raise inside the palette; prompts here are built as ``Content`` and the match
offsets applied by hand. No provider passes brief text as ``help`` (also parsed as markup).
Themes come from Textual's own system commands, kept in ``App.COMMANDS``.

Providers read the library through the app as a ``PaletteHost`` and post what the user
chose (``BriefChosen``, ``ItemChosen``, ``CommandChosen``) for the app to carry out.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.message import Message

from briefing.ui.bindings import TABLE
from briefing.ui.messages import BriefChosen, CommandChosen, DossierRequested, ItemChosen
from briefing.ui.pane import Pane

if TYPE_CHECKING:
    from briefing.brief.model import Brief
    from briefing.catalog.entities import Entity

Candidate = tuple[str, str, Callable[[], None]]
"""(kind label, text to match, what choosing it does)."""


@runtime_checkable
class PaletteHost(Protocol):
    """What the providers read: the app satisfies it."""

    def brief_titles(self) -> list[tuple[str, str]]:
        """(id, title) of every brief, in library order."""

    def current_brief(self) -> tuple[str, Brief] | None:
        """The id and brief on the main screen, if one is shown."""


COMMAND_SCOPES = ("app", "main")
HIDDEN_ACTIONS = {"command_palette", "clear_search"}


def prompt(kind: str, text: str, matcher: Matcher | None) -> Content:
    """``kind  text`` with the fuzzy-matched characters of ``text`` highlighted."""
    body = Content(text)
    if matcher is not None:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                body = body.stylize("reverse", offset, offset + 1)
    return Content.assemble(Content.styled(f"{kind:<8}", "dim"), body)


class _Candidates(Provider):
    """Matches a list of candidates built fresh each time the palette opens.

    Textual makes a provider from its class (``App.COMMANDS``), so each kind of candidate
    is a subclass; ``Provider`` is an ``ABC``, and an abstract method here cannot go
    unimplemented in a provider the palette makes."""

    rank: ClassVar[float] = 1.0
    """Scales the match score: of hits matching as well, those of a higher rank come first."""

    @abstractmethod
    def candidates(self) -> Iterator[Candidate]:
        """Each candidate: its kind, its text, and what choosing it does."""

    @property
    def host(self) -> PaletteHost:
        app = self.app
        if not isinstance(app, PaletteHost):
            raise TypeError(f"{type(app).__name__} does not hold a library for the palette")
        return app

    def post(self, message: Callable[[], Message]) -> Callable[[], None]:
        """What choosing a candidate does: ask the app with a ``message()``."""

        def ask() -> None:
            self.app.post_message(message())

        return ask

    async def discover(self) -> Hits:
        for count, (kind, text, run) in enumerate(self.candidates()):
            if count >= 50:  # discovery is a taste; typing searches everything
                return
            yield DiscoveryHit(prompt(kind, text, None), run, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for kind, text, run in self.candidates():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score * self.rank, prompt(kind, text, matcher), run, text=text)


class BriefsProvider(_Candidates):
    def candidates(self) -> Iterator[Candidate]:
        for entry_id, title in self.host.brief_titles():
            yield "brief", title, self.post(partial(BriefChosen, entry_id))


class _ItemsProvider(_Candidates):
    """The items of one pane of the brief on the main screen."""

    pane: ClassVar[Pane]

    @abstractmethod
    def text(self, brief: Brief, index: int) -> str:
        """The item's text, as the palette matches and shows it."""

    def candidates(self) -> Iterator[Candidate]:
        found = self.host.current_brief()
        if found is None:
            return
        entry_id, brief = found
        for index in range(len(self.pane.items(brief))):
            chosen = partial(ItemChosen, entry_id, self.pane, index)
            yield self.pane.item, self.text(brief, index), self.post(chosen)


class ActorsProvider(_ItemsProvider):
    pane = Pane.ACTORS

    def text(self, brief: Brief, index: int) -> str:
        return brief.actors[index].name


class QuotesProvider(_ItemsProvider):
    pane = Pane.QUOTES

    def text(self, brief: Brief, index: int) -> str:
        quote = brief.quotes[index]
        return f"{brief.speaker_name(quote)}: “{quote.text}”"


@runtime_checkable
class PeopleHost(Protocol):
    """What the entities provider reads: the app satisfies it."""

    def entities(self) -> list[Entity]:
        """Every person and organisation of the library, those in most briefs first."""


class EntitiesProvider(_Candidates):
    """Every person and organisation across the library: choosing one opens its dossier.
    A name typed while reading a brief finds its actor first, the dossier next."""

    rank = 0.9

    def candidates(self) -> Iterator[Candidate]:
        app = self.app
        if not isinstance(app, PeopleHost):
            return
        for entity in app.entities():
            count = len(entity.briefs)
            text = f"Dossier of {entity.name} ({entity.kind}, {count} brief{'s' * (count != 1)})"
            yield "dossier", text, self.post(partial(DossierRequested, entity.key))


class CommandsProvider(_Candidates):
    """Every app and main-screen binding with a description, from the bindings table."""

    def candidates(self) -> Iterator[Candidate]:
        seen: set[str] = set()
        for row in TABLE:
            binding = row.binding
            if row.scope not in COMMAND_SCOPES or binding.action in HIDDEN_ACTIONS:
                continue
            if binding.description in seen:
                continue
            seen.add(binding.description)
            chosen = partial(CommandChosen, row.scope, binding.action)
            yield "command", binding.description, self.post(chosen)
