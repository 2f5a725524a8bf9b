"""The first screen never waits for the library: it paints, shows progress, takes keys."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import app_for, main_of, screen_text, settle, wait_for
from textual.pilot import Pilot
from textual.widgets import Static

import briefing.ui.keeper as keeper_module
from briefing.store.library import Entry, Library
from briefing.store.watch import Change
from briefing.ui.pane import Pane
from briefing.ui.screens.help import HelpScreen


class GatedLibrary(Library):
    """Loads the first ``before`` briefs, then waits for the test to open the gate."""

    def __init__(self, paths: list[Path], before: int) -> None:
        super().__init__(paths)
        self.before = before
        self.gate = threading.Event()

    def iter_load(self, found: Sequence[tuple[str, Path | str]] | None = None) -> Iterator[Entry]:
        for number, entry in enumerate(super().iter_load(found)):
            if number == self.before:
                self.gate.wait(30)
            yield entry


def on_return(owner: object, name: str) -> threading.Event:
    """Wrap the worker method ``owner.name`` so the event returned is set once it returns:
    a worker's thread outlives the app's test run."""
    ended = threading.Event()
    method = getattr(owner, name)

    def watched(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        finally:
            ended.set()

    setattr(owner, name, watched)
    return ended


async def close_part_way(
    pilot: Pilot[Any], started: threading.Event, gate: threading.Event
) -> None:
    """Once a worker's work is under way (``started``), close the app as it does on quitting
    (its workers cancelled), and let that work go on (``gate``)."""
    await wait_for(pilot, started.is_set)
    pilot.app.workers.cancel_all()
    gate.set()
    pilot.app.exit()


def status(pilot: object) -> str:
    return str(main_of(pilot).query_one("#status", Static).render())  # type: ignore[arg-type]


async def test_first_screen_paints_before_any_brief_loads(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keeper_module, "FIRST_PARSED", 0)  # as if the first file were slow
    gated = GatedLibrary([library], before=0)
    app = app_for(library)
    app.keeper.new_library = lambda: gated  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Loading the library…" in screen_text(pilot)
        await pilot.press("question_mark")  # keys work while it loads
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        gated.gate.set()
        await settle(pilot)
        assert "Harbour strike in Valparaíso" in screen_text(pilot)


async def test_progress_shows_while_the_rest_loads(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keeper_module, "FIRST_PARSED", 1)  # one brief before the first frame
    gated = GatedLibrary([library], before=0)
    app = app_for(library)
    app.keeper.new_library = lambda: gated  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_of(pilot)
        await wait_for(pilot, lambda: main.current is not None)
        assert status(pilot) == "Loading the library… 1 of 3 briefs"
        assert main.still_loading
        assert main.cycle_order()[0] == "briefs"  # the list is there from the start
        assert app.focused is main.brief_list
        await pilot.press("2", "j")  # the first brief is usable already
        assert main.pane == "actors"
        assert main.item_pane(Pane.ACTORS).highlighted == 1
        gated.gate.set()
        await settle(pilot)
        assert not main.query_one("#status", Static).display
        assert main.brief_list.row_count == 3
        assert main.current is not None and main.current.id == "alpha"
        assert main.pane == "actors"  # loading the rest did not move the user


async def test_a_first_run_parses_a_screenful_before_the_first_frame(library: Path) -> None:
    gated = GatedLibrary([library], before=0)  # the worker never gets to load anything
    app = app_for(library)
    app.keeper.new_library = lambda: gated  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_of(pilot)
        # A brief is open (the first parsed, or the newest once the list is sorted).
        assert main.current is not None and main.current.brief is not None
        assert main.brief_list.row_count == 3  # cold cache, yet the whole list is there
        assert "Harbour strike in Valparaíso" in screen_text(pilot)
        gated.gate.set()


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = app_for(empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "No briefs found" in screen_text(pilot)
        await pilot.press("j", "tab", "1", "slash", "x", "escape", "right_square_bracket")
        assert app.is_running


async def test_loaded_briefs_are_out_of_the_collectors_sight(library: Path) -> None:
    """A full collection scans every brief of the library: it must not land in a key."""
    import gc

    gc.unfreeze()  # start from nothing frozen, so what is frozen below is the reader's doing
    try:
        app = app_for(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            brief = main_of(pilot).brief
            assert brief is not None and gc.is_tracked(brief)
            assert gc.get_freeze_count() > 0
            assert all(tracked is not brief for tracked in gc.get_objects())
    finally:
        gc.unfreeze()


async def test_the_search_index_is_sorted_when_loading_ends_not_at_the_first_key(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.search.index import SearchIndex

    prepared: list[int] = []
    real = SearchIndex.prepare

    def counted(self: SearchIndex) -> None:
        prepared.append(len(self))
        real(self)

    monkeypatch.setattr(SearchIndex, "prepare", counted)
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        loaded = [e for e in main_of(pilot).entries if e.brief is not None]
        assert prepared == [len(loaded)]  # once, with every brief that loaded in


async def test_a_library_read_before_the_first_frame_shows_no_progress_line(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown, then hidden when the worker reports, the line made every pane relayout."""
    from briefing.ui.keeper import LibraryKeeper

    monkeypatch.setattr(LibraryKeeper, "start", lambda self: None)  # the worker never runs
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = main_of(pilot)
        assert main.still_loading  # nothing has reported the end of loading
        assert len(main.entries) == 3
        assert not main.query_one("#status", Static).has_class("-shown")
        assert "Loading" not in screen_text(pilot)


async def test_the_first_frame_does_not_restyle_the_screen_it_has_just_styled(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual restyles a screen whole (without animation) when it is first shown, right
    after its mount styled every node: skipped, as it is work the first frame waits for."""
    from briefing.ui.screens.main import MainScreen

    restyled: list[bool] = []
    real = MainScreen.update_node_styles

    def counted(self: MainScreen, animate: bool = True) -> None:
        restyled.append(animate)
        real(self, animate)

    monkeypatch.setattr(MainScreen, "update_node_styles", counted)
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert False not in restyled  # no whole-screen restyle from the resume
        assert main_of(pilot).query_one("#summary").styles.border_top[0] == "round"


async def test_quitting_as_the_first_frame_is_drawn_is_clean(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Widgets mounted after the first frame must not be mounted into a closing screen."""
    from briefing.ui.app import BriefingApp

    load_rest = BriefingApp._load_rest

    def quit_now(self: BriefingApp, first: list[Entry]) -> None:
        self.exit()
        load_rest(self, first)  # which mounts what the first frame hid, into a closing app

    monkeypatch.setattr(BriefingApp, "_load_rest", quit_now)
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert app._exception is None
    assert app.return_code == 0


async def test_closing_while_the_library_loads_leaves_no_reload_to_run(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher's first rescan waits for the loading worker; closing stops the load part
    way, and the rescan must not then parse every file left (the process would stay on,
    parsing, after its terminal closed)."""
    monkeypatch.setattr(keeper_module, "FIRST_PARSED", 1)
    gated = GatedLibrary([library], before=0)
    applied: list[object] = []
    apply = gated.apply

    def recorded(
        changes: Iterable[tuple[str, Path]], stop: Callable[[], bool] | None = None
    ) -> set[str]:
        applied.append(changes)
        return apply(changes, stop)

    gated.apply = recorded  # type: ignore[method-assign]
    app = app_for(library, watch=True)
    app.keeper.new_library = lambda: gated  # type: ignore[method-assign]
    started, ended = threading.Event(), threading.Event()
    reload = app.keeper._reload

    def watched(changes: set[Change] | None) -> None:
        started.set()
        try:
            reload(changes)
        finally:
            ended.set()

    app.keeper._reload = watched  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, started.is_set)  # the watcher's first rescan, waiting
        app.workers.cancel_all()  # as the app does when it closes, the load still stopped
        gated.gate.set()
        app.exit()
    assert ended.wait(30)  # its thread outlives the app's test run
    assert applied == []
    assert app.return_code == 0


async def test_closing_during_a_reload_stops_it_between_files(library: Path) -> None:
    """``r`` reads every file of the library again; closing meanwhile must not wait for the
    rest to be read (on a large library the process would stay on after its terminal
    closed)."""
    app = app_for(library)
    started = threading.Event()
    ended = on_return(app.keeper, "_reload")
    read: list[str] = []
    gate = threading.Event()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        held = app.keeper.library
        assert held is not None and len(held.entries) > 2
        load = held._load

        def slow(ident: str, path: Path, *args: object, **kwargs: object) -> Entry:
            read.append(ident)
            started.set()
            gate.wait(30)
            return load(ident, path, *args, **kwargs)  # type: ignore[arg-type]

        held._load = slow  # type: ignore[method-assign]
        await pilot.press("r")
        await close_part_way(pilot, started, gate)  # the first file under way
    assert ended.wait(30)  # its thread outlives the app's test run
    assert len(read) == 1
    assert app.return_code == 0


async def test_closing_while_the_catalog_builds_stops_it_between_briefs(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once loaded, the reader builds its catalog in a worker (long, on a large library);
    closing meanwhile must not wait for the rest of it."""
    from briefing.catalog.build import LibraryCatalog

    taken: list[str] = []
    started, gate = threading.Event(), threading.Event()
    take = LibraryCatalog.take

    def slow(catalog: LibraryCatalog, entry: Entry) -> None:
        taken.append(entry.id)
        started.set()
        gate.wait(30)
        take(catalog, entry)

    monkeypatch.setattr(LibraryCatalog, "take", slow)
    app = app_for(library)
    ended = on_return(app.catalogs, "_build")
    async with app.run_test(size=(120, 40)) as pilot:
        await close_part_way(pilot, started, gate)  # the first brief under way
    assert ended.wait(30)  # its thread outlives the app's test run
    assert len(taken) == 1
    assert app.return_code == 0


async def test_ending_while_the_summary_renders_is_a_clean_exit(library: Path) -> None:
    """A hang-up or a signal ends the app at any moment, even while the summary mounts its
    Markdown (which Textual refuses once the app is exiting): still no error, status 0."""
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = main_of(pilot).summary
        # As on the first render, when it mounts the Markdown widget: rendered and mounted
        # again (the widget mounted already stays in the DOM, unused).
        summary.rendered, summary._markdown = None, None
        app.exit()
        await summary._render_current()
    assert app.return_code == 0


async def test_a_first_run_parses_the_rest_on_every_core(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With helpers for any number of files, the reader shows what a serial load gives."""
    import os

    from briefing.store import parallel, pool

    if not hasattr(os, "posix_spawn"):
        pytest.skip("needs posix_spawn")
    monkeypatch.setattr(keeper_module, "FIRST_PARSED", 0)
    monkeypatch.setattr(pool, "PARALLEL_MIN", 1)
    monkeypatch.setattr(pool, "CHUNK", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    started: list[object] = []
    real = parallel.ParseAhead.start.__func__  # type: ignore[attr-defined]

    def spied(cls: type[parallel.ParseAhead], *args: object) -> object:
        ahead = real(cls, *args)
        started.append(ahead)
        return ahead

    monkeypatch.setattr(parallel.ParseAhead, "start", classmethod(spied))
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = {e.id: (e.brief, e.problems) for e in main_of(pilot).entries}
    assert started and started[0] is not None  # helpers were started for the rest
    serial = Library([library])
    serial.load_all()
    assert shown == {e.id: (e.brief, e.problems) for e in serial.entries}
