"""Helpers for driving the reader headless: build the app as the CLI does, wait on app
state (never on the clock), and read what the terminal would show."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from briefing.ui.app import BriefingApp, make_app
from briefing.ui.screens.main import MainScreen


def app_for(*paths: Path, watch: bool = False, **kwargs: object) -> BriefingApp:
    return make_app(list(paths), watch=watch, **kwargs)  # type: ignore[arg-type]


@asynccontextmanager
async def reader(library: Path, *, watch: bool = False) -> AsyncIterator[Pilot[None]]:
    """The reader on ``library`` at 120x40, loaded and settled."""
    async with app_for(library, watch=watch).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot[None], *, rounds: int = 1500) -> None:
    """Wait until the library is loaded, a dossier on screen shown whole, and the summary
    on screen rendered."""
    app = pilot.app
    assert isinstance(app, BriefingApp)
    for _ in range(rounds):
        await pilot.pause(0.01)  # the summary renders on a short timer
        main = app.main
        busy = any(
            w.group in ("library", "reload", "summary", "editor", "catalog", "dossier")
            and not w.is_finished
            for w in app.workers
        )
        whole = getattr(app.screen, "complete", True)  # a dossier's worker may not be started
        if main.still_loading or busy or app.catalogs.building or not whole:
            continue
        summary = main.summary
        if main.brief is None or summary.rendered == main.brief.summary:
            await pilot.pause()
            return
    raise AssertionError("the reader did not settle")


async def settle_reading(pilot: Pilot[None]) -> None:
    """Wait until the brief on screen counts as read (it does after a moment on screen),
    so its mark in the list no longer depends on how long the test took."""
    app = pilot.app
    assert isinstance(app, BriefingApp)
    main = app.main

    def done() -> bool:
        busy = any(w.group == "seen" and not w.is_finished for w in app.workers)
        current = main.current
        return not busy and (current is None or app.catalogs.status(current) is None)

    await wait_for(pilot, done)
    await pilot.pause()


async def wait_for(pilot: Pilot[None], condition: object, *, rounds: int = 1500) -> None:
    """Pause until ``condition()`` is true; fail after ``rounds`` idle cycles."""
    assert callable(condition)
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition never became true")


async def open_brief(pilot: Pilot[None], ident: str) -> None:
    """Show brief ``ident`` as a user would: the list focused (``0``), then down it."""
    main = main_of(pilot)
    await pilot.press("0")
    for _ in range(main.brief_list.row_count):
        if main.current is not None and main.current.id == ident:
            await settle(pilot)
            return
        await pilot.press("j")
    raise AssertionError(f"{ident!r} is not in the list")


def main_of(pilot: Pilot[None]) -> MainScreen:
    app = pilot.app
    assert isinstance(app, BriefingApp)
    return app.main


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal would show now, as plain text."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def notices(pilot: Pilot[None]) -> list[str]:
    """Titles and messages of the notifications shown so far (Textual keeps them privately)."""
    return [f"{n.title}: {n.message}" for n in pilot.app._notifications]


async def choose_in_palette(pilot: Pilot[None], query: str) -> None:
    """Type ``query`` in the palette and choose its first hit."""
    app = pilot.app
    await pilot.press("ctrl+p", *query)
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, CommandPalette)
            and app.screen.query_one(CommandList).option_count > 0
        ),
    )
    await pilot.press("enter")


async def type_query(pilot: Pilot[None], text: str) -> None:
    """Open the search box with ``/`` and type ``text`` in it."""
    await pilot.press("slash")
    await pilot.press(*text)
    await pilot.pause()
