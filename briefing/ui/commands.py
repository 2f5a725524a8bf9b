"""Command palette providers: briefs, the current brief's actors and quotes, and commands.

Textual's ``Matcher.highlight`` parses its candidate as markup, so a brief titled ``[/]``
would raise inside the palette; prompts here are built as ``Content`` and the match
offsets applied by hand. No provider passes brief text as ``help`` (also parsed as markup).
Themes come from Textual's own system commands, kept in ``App.COMMANDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from briefing.ui.bindings import TABLE
from briefing.ui.messages import DossierRequested

if TYPE_CHECKING:
    from briefing.ui.app import BriefingApp

Candidate = tuple[str, str, Callable[[], None]]
"""(kind label, text to match, what choosing it does)."""

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
    """Matches a list of candidates built fresh each time the palette opens."""

    def candidates(self) -> Iterator[Candidate]:
        raise NotImplementedError

    @property
    def briefing_app(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

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
                yield Hit(score, prompt(kind, text, matcher), run, text=text)


class BriefsProvider(_Candidates):
    def candidates(self) -> Iterator[Candidate]:
        app = self.briefing_app
        for entry_id, title in app.brief_titles():
            yield "brief", title, _bind(app.goto_brief, entry_id)


class ActorsProvider(_Candidates):
    def candidates(self) -> Iterator[Candidate]:
        app = self.briefing_app
        found = app.current_brief()
        if found is None:
            return
        entry_id, brief = found
        for index, actor in enumerate(brief.actors):
            yield "actor", actor.name, _bind(app.goto_item, entry_id, "actor", index)


class QuotesProvider(_Candidates):
    def candidates(self) -> Iterator[Candidate]:
        app = self.briefing_app
        found = app.current_brief()
        if found is None:
            return
        entry_id, brief = found
        for index, quote in enumerate(brief.quotes):
            text = f"{brief.speaker_name(quote)}: “{quote.text}”"
            yield "quote", text, _bind(app.goto_item, entry_id, "quote", index)


class EntitiesProvider(_Candidates):
    """Every person and organisation across the library: choosing one opens its dossier."""

    def candidates(self) -> Iterator[Candidate]:
        app = self.briefing_app
        for entity in app.entities():
            count = len(entity.briefs)
            text = f"Dossier of {entity.name} ({entity.kind}, {count} brief{'s' * (count != 1)})"
            yield "dossier", text, _bind(self.open_dossier, entity.key)

    def open_dossier(self, key: str) -> None:
        self.app.post_message(DossierRequested(key))


class CommandsProvider(_Candidates):
    """Every app and main-screen binding with a description, from the bindings table."""

    def candidates(self) -> Iterator[Candidate]:
        app = self.briefing_app
        seen: set[str] = set()
        for row in TABLE:
            binding = row.binding
            if row.scope not in COMMAND_SCOPES or binding.action in HIDDEN_ACTIONS:
                continue
            if binding.description in seen:
                continue
            seen.add(binding.description)
            yield "command", binding.description, _bind(app.run_command, row.scope, binding.action)


def _bind(function: Callable[..., None], *args: object) -> Callable[[], None]:
    def run() -> None:
        function(*args)

    return run
