"""The main screen on its own: a fake library passed in, under a plain ``App``.

No ``BriefingApp``, no keeper, no worker, no config: the screen reads what it is given and
asks for effects with messages, which the host app here only records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pilot_helpers import wait_for
from textual import on
from textual.app import App
from textual.message import Message
from textual.screen import Screen

from briefing.brief.loader import load_file
from briefing.search.index import SearchIndex
from briefing.search.items import SearchResult
from briefing.search.matching import Query
from briefing.store.library import Entry
from briefing.ui.library import LibraryView
from briefing.ui.messages import (
    CopyRequested,
    DetailsRequested,
    EditRequested,
    ProblemsRequested,
    ReloadRequested,
)
from briefing.ui.pane import Pane
from briefing.ui.screens.main import MainScreen
from briefing.ui.widgets.panes import QuotesPane

DATA = Path(__file__).parent / "data" / "library"


class FakeLibrary:
    """Entries in a list, a search index over them: all a screen reads."""

    def __init__(self, *names: str) -> None:
        self._order: list[Entry] = []
        self.index = SearchIndex()
        for name in names:
            path = DATA / f"{name}.yaml"
            result = load_file(path)
            self._order.append(Entry(name, path, result.brief, list(result.problems)))
            if result.brief is not None:
                self.index.set_brief(result.brief)
        self.index.prepare()

    @property
    def order(self) -> Sequence[Entry]:
        return self._order

    @property
    def positions(self) -> Mapping[str, int]:
        return {entry.id: at for at, entry in enumerate(self._order)}

    @property
    def total(self) -> int:
        return len(self._order)

    def entry(self, ident: str) -> Entry | None:
        return next((e for e in self._order if e.id == ident), None)

    def display(self, path: Path) -> str:
        return path.name

    def title_of(self, ident: str) -> str:
        entry = self.entry(ident)
        return entry.brief.title if entry and entry.brief else ident

    def search(self, text: str | Query, limit: int) -> SearchResult | None:
        blank = not (text.strip() if isinstance(text, str) else text)
        return None if blank else self.index.search(text, limit=limit)

    def briefs_matching(self, query: Query) -> set[str]:
        return self.index.briefs_matching(query)


class Host(App[None]):
    """A plain app: shows the screen, keeps every request it posts."""

    def __init__(self, library: LibraryView) -> None:
        super().__init__()
        self.library = library
        self.asked: list[Message] = []

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.library)

    @on(EditRequested)
    @on(ReloadRequested)
    @on(CopyRequested)
    @on(DetailsRequested)
    @on(ProblemsRequested)
    def _record(self, message: Message) -> None:
        self.asked.append(message)


def main_screen(app: Host) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_the_screen_shows_what_the_library_it_is_given_holds() -> None:
    app = Host(FakeLibrary("alpha", "beta", "gamma"))
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_screen(app)
        await wait_for(pilot, lambda: main.current is not None)
        assert main.current is not None and main.current.id == "alpha"
        assert main.brief_list.row_count == 3 and main.many
        assert main.pane is Pane.BRIEFS  # more than one brief: the list has the focus
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert main.current.id == "gamma" and main.cycle_order() == [Pane.BRIEFS, Pane.BROKEN]


async def test_effects_are_asked_for_with_messages() -> None:
    app = Host(FakeLibrary("alpha", "beta"))
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_screen(app)
        await wait_for(pilot, lambda: main.current is not None)
        await pilot.press("3", "e")  # the quotes pane, then edit the first quote
        await pilot.press("y", "enter", "r")
        await wait_for(pilot, lambda: len(app.asked) == 4)
        edit, copy, details, reload = app.asked
        assert isinstance(edit, EditRequested) and edit.entry_id == "alpha"
        brief = main.brief
        assert brief is not None and edit.line == brief.quotes[0].line
        assert isinstance(copy, CopyRequested) and copy.what == "quote"
        assert brief.quotes[0].text in copy.text
        assert isinstance(details, DetailsRequested)
        assert (details.entry_id, details.pane, details.index) == ("alpha", Pane.QUOTES, 0)
        assert isinstance(reload, ReloadRequested)
        assert isinstance(app.focused, QuotesPane)  # asking moved nothing on screen


async def test_search_runs_on_the_library_given_and_n_walks_the_hits() -> None:
    app = Host(FakeLibrary("alpha", "beta"))
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_screen(app)
        await wait_for(pilot, lambda: main.current is not None)
        await pilot.press("slash", *"mallory")
        await wait_for(pilot, lambda: bool(main.hits))
        assert [(hit.brief_id, hit.kind) for hit in main.hits] == [("beta", "actor")]
        await pilot.press("escape")  # clears the query and closes the box
        assert not main.hits and not main.has_class("-searching")
        await pilot.press("slash", *"name")  # $name: in beta's title, actor and quote
        await wait_for(pilot, lambda: len(main.hits) > 2)
        assert {hit.brief_id for hit in main.hits} == {"beta"}
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.current is not None and main.current.id == "beta")
        assert main.search_panel.search.at == 0 and not main.has_class("-searching")
        await pilot.press("n")
        assert main.search_panel.search.at == 1
        assert main.pane is Pane.showing(main.hits[1].kind)
