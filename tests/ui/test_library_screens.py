"""The library as one body in the reader: an entity's dossier, the library timeline, and a
brief's related briefs; every key that opens them and every jump out of them.

The library is tests/ui/data/people: one general in three briefs under three spellings
(``Gen. Michael E. Langley``, ``Michael Langley``, ``General Michael Langley``), timelines
over five months, briefs naming each other and one id the library lacks.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pilot_helpers import (
    app_for,
    choose_in_palette,
    main_of,
    notices,
    screen_text,
    settle,
    wait_for,
)
from textual import on
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from briefing.catalog.build import LibraryCatalog, catalog_of_library
from briefing.catalog.dossier import Dossier, dossier, opening
from briefing.catalog.links import referenced_by, related
from briefing.catalog.timeline import library_timeline
from briefing.store.library import Library
from briefing.ui.app import BriefingApp
from briefing.ui.messages import (
    BriefChosen,
    DossierRequested,
    ItemChosen,
    RelatedRequested,
    TimelineRequested,
)
from briefing.ui.pane import Pane
from briefing.ui.screens.details import DetailsScreen
from briefing.ui.screens.dossier import DossierRows, DossierScreen
from briefing.ui.screens.dossier import header as dossier_header
from briefing.ui.screens.main import MainScreen
from briefing.ui.screens.related import RelatedScreen
from briefing.ui.screens.timeline import TimelineScreen
from briefing.ui.widgets.panes import ActorsPane, ItemPane, QuestionsPane, QuotesPane
from briefing.ui.widgets.rows import RowList

PEOPLE = Path(__file__).parent / "data" / "people"
LIBRARY = Path(__file__).parent / "data" / "library"


@pytest.fixture
def people(tmp_path: Path) -> Path:
    """A writable copy of the people library."""
    return Path(shutil.copytree(PEOPLE, tmp_path / "people"))


def rows_text(app: App[None]) -> list[str]:
    rows = app.screen.query_one(RowList).rows
    return [rows.line(r).plain for r in range(len(rows))]


def cursor_text(app: App[None]) -> str:
    row_list = app.screen.query_one(RowList)
    assert row_list.highlighted is not None
    return row_list.rows.line(row_list.highlighted).plain


async def to_row(pilot: Pilot[None], text: str) -> None:
    """Move the cursor down with ``j`` to the first line holding ``text``."""
    app = pilot.app
    await pilot.press("g")
    for _ in range(40):
        if text in cursor_text(app):
            return
        await pilot.press("j")
    raise AssertionError(f"no line holds {text!r}: {rows_text(app)}")


async def open_screen(pilot: Pilot[None], key: str, screen: type) -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen))


async def open_langley_details(pilot: Pilot[None]) -> None:
    """The actor Gen. Michael E. Langley in the brief niger-coup, in his details screen."""
    app = pilot.app
    assert isinstance(app, BriefingApp)
    await settle(pilot)
    main = main_of(pilot)
    main.show_entry("niger-coup")
    await pilot.press("2")
    assert main.query_one(ActorsPane).highlighted == 0
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, DetailsScreen))


async def dossier_shown(pilot: Pilot[None]) -> None:
    """Wait for the dossier screen, shown whole: its worker done, so no thread of this test
    is still decoding briefs when the next test counts them (``packed.decoded``)."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DossierScreen))
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "complete", False))


async def open_dossier(pilot: Pilot[None]) -> None:
    """Langley's dossier, once its worker has added the parts read from the briefs."""
    await open_langley_details(pilot)
    await pilot.press("d")
    await dossier_shown(pilot)


# -- the dossier ---------------------------------------------------------------------------


async def test_actor_details_say_in_how_many_other_briefs(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_langley_details(pilot)
        assert "Across the library: in 2 other briefs" in screen_text(pilot)
        assert "d Dossier" in screen_text(pilot)


async def test_an_actor_in_no_other_brief_has_no_dossier_key(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main_of(pilot).show_entry("harbour")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailsScreen))
        assert "other brief" not in screen_text(pilot)
        assert "d Dossier" not in screen_text(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)


async def test_d_in_actor_details_opens_the_dossier_in_date_order(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        text = screen_text(pilot)
        assert "Dossier Gen. Michael E. Langley" in text
        assert "Also written: General Michael Langley, Michael Langley" in text
        rows = rows_text(app)
        briefs = rows[rows.index("Briefs (3)") + 1 : rows.index("Briefs (3)") + 4]
        assert [r.split("  ")[0].strip() for r in briefs] == [
            "2023-07-28",
            "March 2024",
            "2024-05-19",
        ]
        assert "as Michael Langley; AFRICOM commander" in briefs[1]  # the role there
        assert "Quotes (3)" in rows and "Open questions (1)" in rows and "Timeline (2)" in rows
        quotes = rows[rows.index("Quotes (3)") + 1 : rows.index("Quotes (3)") + 4]
        assert all(q.startswith("? “") for q in quotes)  # the mark: no source text here
        # The cursor starts on the first line, which the panel below shows whole.
        assert cursor_text(app).startswith("2023-07-28")
        whole = app.screen.query_one("#dossier-whole", Static)
        assert "Commander of U.S. Africa Command" in str(whole.render())


async def test_escape_leaves_the_dossier(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, DetailsScreen)


async def test_the_cursor_passes_over_headings(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        row_list = app.screen.query_one(RowList)
        seen = []
        for _ in range(len(row_list.rows)):
            assert row_list.highlighted is not None
            assert not row_list.rows.heading(row_list.highlighted)
            seen.append(row_list.highlighted)
            await pilot.press("j")
        lines = [r for r in range(len(row_list.rows)) if not row_list.rows.heading(r)]
        assert sorted(set(seen)) == lines  # every line, and the last one stays put
        await pilot.press("g")
        assert row_list.highlighted == lines[0]
        await pilot.press("G")
        assert row_list.highlighted == lines[-1]
        await pilot.press("k")
        assert row_list.highlighted == lines[-2]


@pytest.mark.parametrize(
    ("line", "brief", "pane", "index"),
    [
        ("Drones over the Sahel  as Michael Langley", "sahel-drones", ActorsPane, 0),
        ("“We will leave in good order”", "withdrawal", QuotesPane, 0),
        ("Will Langley's command keep", "niger-coup", QuestionsPane, 0),
    ],
)
async def test_enter_on_a_dossier_line_jumps_to_its_item(
    people: Path, line: str, brief: str, pane: type[ItemPane], index: int
) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        await to_row(pilot, line)
        await pilot.press("enter")
        main = main_of(pilot)
        await wait_for(pilot, lambda: app.screen is main)
        assert main.current is not None and main.current.id == brief
        item_pane = main.query_one(pane)
        assert app.focused is item_pane
        assert item_pane.highlighted == index


async def test_enter_on_a_dossier_event_reveals_it_in_the_summary(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        await to_row(pilot, "Langley oversees the departure")
        await pilot.press("enter")
        main = main_of(pilot)
        await wait_for(pilot, lambda: main.current is not None and main.current.id == "withdrawal")
        await wait_for(pilot, lambda: ("timeline", 0) in main.summary.entries)
        entry = main.summary.entries["timeline", 0]
        await wait_for(pilot, lambda: entry.has_class("-hit"))
        assert main.pane == "summary"


async def test_d_on_the_actors_pane_opens_the_dossier(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        main.show_entry("sahel-drones")
        await pilot.press("1", "d")  # the summary: no actor under the cursor
        await pilot.pause()
        assert app.screen is main
        assert notices(pilot) == [
            "Dossier: A dossier is of an actor or of a quote's speaker: choose one in the "
            "Actors or the Quotes pane first."
        ]
        await pilot.press("2", "d")
        await dossier_shown(pilot)
        assert "Dossier Gen. Michael E. Langley" in screen_text(pilot)


async def test_d_on_the_quotes_pane_opens_the_speakers_dossier(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main_of(pilot).show_entry("withdrawal")
        await pilot.press("3", "d")
        await dossier_shown(pilot)
        assert "Dossier Gen. Michael E. Langley" in screen_text(pilot)


async def test_the_palette_lists_entities_and_opens_a_dossier(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.catalogs.catalog is not None)  # made once loaded
        await choose_in_palette(pilot, "Dossier of Marta")
        await dossier_shown(pilot)
        assert "Dossier Marta Rojas" in screen_text(pilot)
        assert "Harbour strike in Valparaíso  as Marta Rojas; Union leader" in rows_text(app)[1]


async def test_a_dossier_shows_markup_as_written(library: Path) -> None:
    """Names, titles and quotes are data: ``[b]`` and ``$name`` stay literal."""
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        main.show_entry("beta")
        await pilot.press("2", "d")
        await dossier_shown(pilot)
        text = screen_text(pilot)
        assert "Dossier [b]Mallory[/b] [/] $name" in text
        assert "[bold]Beta[/bold] brief with [/] and $name" in text


async def test_the_dossier_follows_a_reload(people: Path) -> None:
    """The catalog is kept current: a role changed on disk shows in the next dossier, and a
    brief deleted is gone from it."""
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        assert any("AFRICOM commander" in r for r in rows_text(app))
        path = people / "sahel-drones.yaml"
        path.write_text(path.read_text().replace("AFRICOM commander", "Retired general"))
        (people / "withdrawal.yaml").unlink()
        await pilot.press("escape", "escape")
        main = main_of(pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: "withdrawal" not in main.position)
        await settle(pilot)
        main.show_entry("niger-coup")
        await pilot.press("2", "d")
        await dossier_shown(pilot)
        rows = rows_text(app)
        assert "Briefs (2)" in rows
        assert any("Retired general" in r for r in rows)
        assert not any("American troops leave Niger" in r for r in rows)


# -- the library timeline ------------------------------------------------------------------


async def test_t_opens_the_library_timeline_by_month(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "t", TimelineScreen)
        text = screen_text(pilot)
        assert "Timeline 8 entries" in text and "of all 4 briefs, by month" in text
        headings = [r for r in rows_text(app) if r.endswith(")")]
        assert headings == [
            "July 2023 (2)",
            "August 2023 (1)",
            "March 2024 (3)",
            "May 2024 (1)",
            "September 2024 (1)",
        ]
        rows = rows_text(app)
        march = rows[rows.index("March 2024 (3)") + 1 : rows.index("March 2024 (3)") + 4]
        assert [r.split()[0] for r in march] == ["2024-03-04", "2024-03-12", "2024-03-16"]
        assert march[0].endswith("Harbour strike in Valparaíso")  # each with its brief
        assert "August 2023    Langley visits the region.  Coup in Niger" in rows


async def test_enter_on_a_timeline_entry_jumps_to_it_in_its_brief(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "t", TimelineScreen)
        await to_row(pilot, "The junta ends the military agreement")
        await pilot.press("enter")
        main = main_of(pilot)
        await wait_for(pilot, lambda: app.screen is main)
        assert main.current is not None and main.current.id == "sahel-drones"
        await wait_for(pilot, lambda: ("timeline", 1) in main.summary.entries)
        await wait_for(pilot, lambda: main.summary.entries["timeline", 1].has_class("-hit"))


async def test_the_timeline_shows_only_the_briefs_passing_the_filters(people: Path) -> None:
    """Filters typed in the search box (``MainScreen.filter``) choose the timeline's briefs."""
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.catalogs.catalog is not None)
        await pilot.press("slash", *"tag:sahel", "enter")
        main = main_of(pilot)
        await wait_for(pilot, lambda: [e.id for e in main.entries] != [] and main.filter.filtered)
        await open_screen(pilot, "t", TimelineScreen)
        text = screen_text(pilot)
        assert "Timeline 5 entries" in text
        assert "of 2 of 4 briefs (filter: tag:sahel), by month" in text
        titles = {r.rsplit("  ", 1)[-1] for r in rows_text(app) if not r.endswith(")") and r}
        assert titles == {"Coup in Niger", "Drones over the Sahel"}
        await pilot.press("escape", "escape")  # the timeline, then the filters
        await open_screen(pilot, "t", TimelineScreen)
        assert "of all 4 briefs, by month" in screen_text(pilot)


async def test_a_timeline_of_no_entries_says_so(library: Path) -> None:
    for name in ("alpha.yaml", "gamma.yaml"):
        (library / name).unlink()  # beta has no timeline
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "t", TimelineScreen)
        assert "No timeline entries in these briefs." in screen_text(pilot)
        await pilot.press("j", "enter")  # nothing to move to or choose
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)
        assert app.screen is main_of(pilot)


async def test_the_palette_opens_the_timeline(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "Library timeline")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))


async def test_a_click_on_a_timeline_entry_jumps_to_it(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "t", TimelineScreen)
        rows = rows_text(app)
        row = rows.index(next(r for r in rows if "The last American troops" in r))
        await pilot.click(RowList, offset=(5, row))
        main = main_of(pilot)
        await wait_for(pilot, lambda: app.screen is main)
        assert main.current is not None and main.current.id == "withdrawal"


# -- related briefs ------------------------------------------------------------------------


async def test_l_lists_related_briefs_and_those_naming_it(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        main.show_entry("sahel-drones")
        await pilot.pause()
        assert "↔ 2 related" in screen_text(pilot)  # the header says so
        await open_screen(pilot, "l", RelatedScreen)
        assert rows_text(app) == [
            "Related (2)",
            "2023-07-28     Coup in Niger  niger-coup",
            "✗              gone-brief  not in the library",
            "Referenced by (1)",
            "2023-07-28     Coup in Niger  niger-coup",
        ]


async def test_enter_on_a_related_brief_shows_it(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        main.show_entry("niger-coup")
        await open_screen(pilot, "l", RelatedScreen)
        assert rows_text(app) == [
            "Related (1)",
            "March 2024     Drones over the Sahel  sahel-drones",
            "Referenced by (2)",  # newest first
            "2024-05-19     American troops leave Niger  withdrawal",
            "March 2024     Drones over the Sahel  sahel-drones",
        ]
        await to_row(pilot, "American troops leave Niger")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is main)
        assert main.current is not None and main.current.id == "withdrawal"


async def test_a_related_id_not_in_the_library_cannot_be_opened(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main_of(pilot).show_entry("sahel-drones")
        await open_screen(pilot, "l", RelatedScreen)
        await to_row(pilot, "gone-brief")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)
        assert any("No brief 'gone-brief' in the library." in n for n in notices(pilot))


# -- the catalog behind them ---------------------------------------------------------------


async def test_before_the_catalog_the_library_screens_say_they_wait(people: Path) -> None:
    """Before the worker's catalog is ready the dossier, the library timeline and related
    briefs say so rather than open (making one on the UI thread would freeze the reader),
    and an actor's details leave out the briefs across the library; once it is, they open."""
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.catalogs.catalog is not None)
        ready = app.catalogs.catalog
        app.catalogs.catalog = None  # as before the worker is done
        app.post_message(DossierRequested("michael-e-langley"))
        app.post_message(TimelineRequested())
        main = main_of(pilot)
        assert main.current is not None
        app.post_message(RelatedRequested(main.current.id))
        await wait_for(pilot, lambda: len(notices(pilot)) >= 3)
        said = " ".join(notices(pilot))
        assert "Dossiers open once the library has loaded." in said
        assert "The library timeline opens once the library has loaded." in said
        assert "Related briefs open once the library has loaded." in said
        assert isinstance(app.screen, MainScreen)
        assert app.actor_entity(main.current.id, main.current.brief.actors[0].id) is None  # type: ignore[union-attr]
        app.catalogs.catalog = ready
        assert app.actor_entity(main.current.id, main.current.brief.actors[0].id) is not None  # type: ignore[union-attr]
        app.post_message(DossierRequested("michael-e-langley"))
        await dossier_shown(pilot)


async def test_the_palette_never_waits_for_the_catalog(people: Path) -> None:
    """Before the worker has made the catalog the palette lists no dossiers, rather than
    making one on the UI thread as it opens."""
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.catalogs.catalog is not None)
        assert "michael-e-langley" in [e.key for e in app.entities()]
        app.catalogs.catalog = None
        assert app.entities() == []


# -- each screen alone: data passed in, messages up ----------------------------------------


class Recorder(App[None]):
    """A plain app showing one screen and keeping what it asks for."""

    def __init__(self, screen: Screen[None]) -> None:
        super().__init__()
        self.first = screen
        self.asked: list[Message] = []

    def on_mount(self) -> None:
        self.push_screen(self.first)

    @on(ItemChosen)
    @on(BriefChosen)
    def _asked(self, message: Message) -> None:
        self.asked.append(message)


def people_catalog() -> LibraryCatalog:
    library = Library([PEOPLE])
    library.load_all()
    return catalog_of_library(library)


class Gate:
    """A dossier's ``rest`` held back until the test lets it go: the briefs still being
    read while the user presses keys."""

    def __init__(self, whole: Dossier | None) -> None:
        self.whole = whole
        """What it gives once let go; None: it fails."""
        self.called = threading.Event()
        self.go = threading.Event()

    def __call__(self) -> Dossier:
        self.called.set()
        if not self.go.wait(timeout=60) or self.whole is None:
            raise RuntimeError("the briefs could not be read")
        return self.whole


def langley() -> tuple[LibraryCatalog, Dossier, Dossier, int]:
    """The people catalog, Langley's opening and whole dossier, and his quote count."""
    catalog = people_catalog()
    entity = catalog.entities.get("michael-e-langley")
    assert entity is not None
    return catalog, opening(catalog, entity), dossier(catalog, entity), entity.quotes


def whole_panel(app: App[None]) -> str:
    return str(app.screen.query_one("#dossier-whole", Static).render())


@contextlib.asynccontextmanager
async def held_dossier(
    whole: Dossier | None, first: Dossier, quotes: int
) -> AsyncIterator[tuple[Pilot[None], Recorder, DossierScreen, Gate]]:
    """A dossier screen opened with ``first``, its worker held on a :class:`Gate` giving
    ``whole``; the gate is let go when the test ends, whatever happened."""
    gate = Gate(whole)
    screen = DossierScreen(first, rest=gate, quotes=quotes)
    app = Recorder(screen)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.screen is screen and gate.called.is_set())
            yield pilot, app, screen, gate
    finally:
        gate.go.set()


async def test_the_dossier_opens_with_its_briefs_and_the_rest_arrives_below() -> None:
    _, first, whole, quotes = langley()
    async with held_dossier(whole, first, quotes) as (pilot, app, screen, gate):
        assert not screen.complete
        rows = rows_text(app)
        assert rows[0] == "Briefs (3)" and len(rows) == 4
        assert "3 briefs · 3 quotes" in screen_text(pilot)  # the entity's count meanwhile
        await pilot.press("j")  # keys work while the briefs are read
        row_list = screen.query_one(RowList)
        at, panel = row_list.highlighted, whole_panel(app)
        assert at == 2 and "AFRICOM commander" in panel
        gate.go.set()
        await wait_for(pilot, lambda: screen.complete)
        await pilot.pause()
        assert row_list.rows is screen.rows
        assert screen.rows.rows == DossierRows(whole).rows  # exactly dossier()'s
        assert row_list.highlighted == at and whole_panel(app) == panel
        assert "Quotes (3)" in rows_text(app) and "Timeline (2)" in rows_text(app)
        await pilot.press("G")  # the list has grown: the cursor reaches the new end
        assert row_list.highlighted == len(screen.rows) - 1
        assert "Langley oversees the departure" in cursor_text(app)
        assert "Langley oversees the departure" in screen_text(pilot)


async def test_enter_and_escape_before_the_rest_arrives() -> None:
    _, first, whole, quotes = langley()
    async with held_dossier(whole, first, quotes) as (pilot, app, screen, gate):
        await to_row(pilot, "Drones over the Sahel")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.asked))
        chosen = app.asked[0]
        assert isinstance(chosen, ItemChosen)
        assert (chosen.entry_id, chosen.pane, chosen.index) == ("sahel-drones", Pane.ACTORS, 0)
        assert not screen.complete
        await pilot.press("escape")  # closes the screen though its worker still runs
        await wait_for(pilot, lambda: app.screen is not screen)
        workers = list(screen.workers)
        gate.go.set()
        await wait_for(pilot, lambda: all(w.is_finished for w in workers))
        await pilot.pause()
        assert app.screen is not screen and not screen.complete  # the result dropped
        assert app.is_running


async def test_a_dossier_whose_briefs_changed_meanwhile_is_made_again() -> None:
    """When the whole dossier's appearances are not the opening's (a brief did not load),
    the rows are those of the whole one, and the cursor on one of its lines."""
    _, first, whole, quotes = langley()
    fewer = dataclasses.replace(whole, appearances=whole.appearances[1:])
    async with held_dossier(fewer, first, quotes) as (pilot, app, screen, gate):
        await pilot.press("G")
        gate.go.set()
        await wait_for(pilot, lambda: screen.complete)
        assert screen.rows.rows == DossierRows(fewer).rows
        assert rows_text(app)[0] == "Briefs (2)"
        row_list = screen.query_one(RowList)
        assert row_list.highlighted is not None
        assert not screen.rows.heading(row_list.highlighted)
        assert "2 briefs · 3 quotes" in screen_text(pilot)  # the header made again


async def test_a_dossier_whose_briefs_cannot_be_read_says_so() -> None:
    _, first, _, quotes = langley()
    async with held_dossier(None, first, quotes) as (pilot, app, screen, gate):
        gate.go.set()
        await wait_for(pilot, lambda: bool(notices(pilot)))
        assert "Could not read the briefs of this dossier." in notices(pilot)[-1]
        assert app.screen is screen and not screen.complete
        assert rows_text(app)[0] == "Briefs (3)"  # what was shown stays


async def test_the_reader_shows_exactly_the_whole_dossier_once_complete(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dossier(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        catalog = app.catalogs.catalog
        assert catalog is not None
        entity = catalog.entities.get("michael-e-langley")
        assert entity is not None
        whole = dossier(catalog, entity)
        assert screen.dossier == whole
        assert screen.rows.rows == DossierRows(whole).rows
        header = str(screen.query_one("#dossier-header", Static).render())
        assert dossier_header(whole).plain in header


async def test_the_dossier_screen_alone_asks_for_the_place_of_a_line() -> None:
    catalog = people_catalog()
    entity = catalog.entities.get("michael-e-langley")
    assert entity is not None
    app = Recorder(DossierScreen(dossier(catalog, entity)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen))
        await to_row(pilot, "Langley visits the region")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.asked))
        chosen = app.asked[0]
        assert isinstance(chosen, ItemChosen)
        assert (chosen.entry_id, chosen.pane, chosen.index, chosen.section) == (
            "niger-coup",
            Pane.SUMMARY,
            2,
            "timeline",
        )


async def test_the_timeline_screen_alone_asks_for_its_entry() -> None:
    catalog = people_catalog()
    timeline = library_timeline(catalog)
    app = Recorder(TimelineScreen(timeline, briefs=len(catalog), total=len(catalog)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await pilot.press("G", "enter")
        await wait_for(pilot, lambda: bool(app.asked))
        chosen = app.asked[0]
        assert isinstance(chosen, ItemChosen)
        assert (chosen.entry_id, chosen.pane, chosen.index) == ("withdrawal", Pane.SUMMARY, 1)


async def test_the_related_screen_alone_asks_for_a_brief() -> None:
    catalog = people_catalog()
    screen = RelatedScreen(
        "Coup in Niger", related(catalog, "niger-coup"), referenced_by(catalog, "niger-coup")
    )
    app = Recorder(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RelatedScreen))
        await pilot.press("G", "enter")
        await wait_for(pilot, lambda: bool(app.asked))
        chosen = app.asked[0]
        assert isinstance(chosen, BriefChosen) and chosen.entry_id == "sahel-drones"


def test_a_dossier_header_names_the_commonest_spellings_only() -> None:
    names = tuple(f"Name {number}" for number in range(9))
    found = Dossier("key", names[0], "person", ("person",), names, (), (), (), ())
    assert "Also written: Name 1, Name 2, Name 3, Name 4, Name 5, and 3 more" in (
        dossier_header(found).plain
    )


async def test_a_dossier_of_an_entity_gone_says_so(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(DossierRequested("nobody-at-all"))
        await wait_for(pilot, lambda: bool(notices(pilot)))
        assert "Not in the library any more." in notices(pilot)[-1]
        assert app.screen is main_of(pilot)


async def test_the_timeline_shows_markup_as_written(tmp_path: Path) -> None:
    (tmp_path / "hostile.yaml").write_text(
        'title: "[b]Bold[/b] $title"\nsummary: S.\n'
        'timeline:\n  - date: 2024-03\n    event: "[red]Red[/] [/] $event"\n',
        encoding="utf-8",
    )
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_screen(pilot, "t", TimelineScreen)
        text = screen_text(pilot)
        assert "March 2024     [red]Red[/] [/] $event  [b]Bold[/b] $title" in text


async def test_a_name_in_the_palette_finds_the_actor_before_the_dossier(people: Path) -> None:
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.catalogs.catalog is not None)  # the dossiers are listed
        main_of(pilot).show_entry("harbour")
        await pilot.press("ctrl+p", *"marta rojas")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, CommandPalette)
                and app.screen.query_one(CommandList).option_count >= 2
            ),
        )
        commands = app.screen.query_one(CommandList)
        first = str(commands.get_option_at_index(0).prompt)
        second = str(commands.get_option_at_index(1).prompt)
        assert "actor" in first and "Dossier of" not in first
        assert "Dossier of Marta Rojas" in second


async def test_the_timelines_order_is_made_with_the_catalog(people: Path) -> None:
    """The worker that makes the filters' catalog also sorts the library's timeline, so
    `t` does not sort it when first pressed."""
    app = app_for(people)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: app.catalogs.catalog is not None)
        catalog = app.catalogs.catalog
        assert catalog is not None
        assert catalog.derived("timeline", lambda: pytest.fail("sorted again")) is not None


def test_a_dossier_header_says_one_quote_and_two_quotes() -> None:
    catalog = people_catalog()
    headers = {}
    for entity in catalog.entities:
        found = dossier(catalog, entity)
        headers[len(found.quotes)] = dossier_header(found).plain
    assert "· 1 quote" in headers[1] and "1 quotes" not in headers[1]
    many = max(headers)
    assert many > 1 and f"· {many} quotes" in headers[many]
