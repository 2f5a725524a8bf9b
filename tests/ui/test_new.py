"""What is new in the reader: marks in the list, ``is:new``, ``M``, and a reading state
that is damaged, foreign or cannot be written (set aside or kept in memory, with a notice,
never stopping the reader).

The state lives in ``$XDG_STATE_HOME/briefing/seen.json`` (a private folder per test).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pilot_helpers import main_of, notices, reader, screen_text, wait_for
from textual.pilot import Pilot

from briefing.ui.app import BriefingApp


def state_file() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "briefing" / "seen.json"


def status(pilot: Pilot[None], ident: str) -> str | None:
    app = pilot.app
    assert isinstance(app, BriefingApp)
    entry = app.keeper.entry(ident)
    assert entry is not None
    return app.catalogs.status(entry)


def row_of(pilot: Pilot[None], title: str) -> str:
    """The list's line holding ``title``, from the border to the title."""
    for line in screen_text(pilot).splitlines():
        if title in line and line.startswith("│"):  # not the header above the list
            return line[: line.index(title) + len(title)]
    raise AssertionError(f"{title!r} is not on screen")


BETA = "[bold]Beta[/bold] brief"
ALPHA = "Harbour strike"


async def test_new_briefs_are_marked_until_opened(library: Path) -> None:
    async with reader(library) as pilot:
        # beta, the newest, is on screen: read once the user has stayed on it a moment.
        await wait_for(pilot, lambda: status(pilot, "beta") is None)
        assert status(pilot, "alpha") == "new"
        assert row_of(pilot, ALPHA) == f"│ ● {ALPHA}"
        await wait_for(pilot, lambda: row_of(pilot, BETA) == f"│   {BETA}")
        await pilot.press("right_square_bracket")  # alpha, next in the list
        await wait_for(pilot, lambda: status(pilot, "alpha") is None)
        await wait_for(pilot, lambda: row_of(pilot, ALPHA) == f"│   {ALPHA}")
        stored = json.loads(state_file().read_text(encoding="utf-8"))
        assert stored["format"] == "briefing-seen"
        assert str(library / "alpha.yaml") in stored["briefs"]


async def test_a_brief_changed_since_it_was_read_is_marked_changed(library: Path) -> None:
    async with reader(library, watch=True) as pilot:
        await wait_for(pilot, lambda: status(pilot, "beta") is None)  # on screen first
        await pilot.press("right_square_bracket")  # on to alpha
        app = pilot.app
        await wait_for(pilot, lambda: any(w.group == "watcher" for w in app.workers))
        beta = library / "beta.yaml"
        beta.write_text(beta.read_text(encoding="utf-8").replace("2024-05-01", "2024-05-02"))
        await wait_for(pilot, lambda: status(pilot, "beta") == "changed", rounds=1000)
        await wait_for(pilot, lambda: row_of(pilot, BETA) == f"│ ◐ {BETA}")


async def test_is_new_lists_what_is_new_or_changed(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with reader(library) as pilot:
        await wait_for(pilot, lambda: status(pilot, "beta") is None)
        await pilot.press("slash", *"is:new")
        assert [e.id for e in main_of(pilot).entries] == ["alpha", "gamma"]
        # alpha, now shown, may have been read meanwhile: gamma is not. From here on nothing
        # shown is read however slow the keys: typing "-is:new" shows gamma alone on the
        # way ("-i" leaves out every brief with a word in i).
        monkeypatch.setattr("briefing.ui.screens.filters.OPENED_AFTER", 3600)
        await pilot.press("ctrl+u", *"-is:new")
        listed = [e.id for e in main_of(pilot).entries]
        assert "beta" in listed and "gamma" not in listed


async def test_m_marks_every_brief_read(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with reader(library) as pilot:
        main = main_of(pilot)
        await wait_for(pilot, lambda: status(pilot, "beta") is None)
        # From here on a brief shown is not read before M however slow the keys are: M
        # finds alpha, shown by the filter, still new (else the count below is a race).
        monkeypatch.setattr("briefing.ui.screens.filters.OPENED_AFTER", 3600)
        await pilot.press("slash", *"is:new", "enter")
        assert [e.id for e in main.entries] == ["alpha", "gamma"]
        await pilot.press("M")
        await wait_for(pilot, lambda: "2 briefs marked read." in " ".join(notices(pilot)))
        assert all(status(pilot, i) is None for i in ("alpha", "beta", "gamma"))
        assert main.entries == []  # is:new, asked again after marking everything
        assert "No brief passes the filters" in screen_text(pilot)
        assert "● " not in screen_text(pilot)
        stored = json.loads(state_file().read_text(encoding="utf-8"))["briefs"]
        assert {Path(p).name for p in stored} == {"alpha.yaml", "beta.yaml", "gamma.yaml"}
        await pilot.press("escape")
        assert [e.id for e in main.entries] == ["beta", "alpha", "gamma"]
        await pilot.press("M")
        await wait_for(pilot, lambda: "Nothing new" in " ".join(notices(pilot)))


async def test_a_corrupt_state_file_is_set_aside_with_a_notice(library: Path) -> None:
    path = state_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "briefing-seen", "version": 1, "briefs": {', encoding="utf-8")
    async with reader(library) as pilot:
        said = " ".join(notices(pilot))
        assert f"What you have read could not be read from {path}: it is not valid JSON" in said
        aside = list(path.parent.glob("seen.json.broken-*"))
        assert len(aside) == 1 and aside[0].read_text(encoding="utf-8").endswith("{")
        assert status(pilot, "alpha") == "new"  # started afresh, and the reader goes on
        await wait_for(pilot, lambda: status(pilot, "beta") is None)
        assert json.loads(path.read_text(encoding="utf-8"))["format"] == "briefing-seen"


async def test_a_foreign_state_file_is_set_aside_with_a_notice(library: Path) -> None:
    path = state_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "dark"}', encoding="utf-8")
    async with reader(library) as pilot:
        assert "it is not briefing's reading state" in " ".join(notices(pilot))
        assert list(path.parent.glob("seen.json.broken-*"))
        assert status(pilot, "alpha") == "new"


async def test_a_state_that_cannot_be_saved_is_kept_for_the_session(library: Path) -> None:
    path = state_file()
    path.mkdir(parents=True)  # a folder where the file should be: never read, never replaced
    async with reader(library) as pilot:
        assert "it is not a regular file" in " ".join(notices(pilot))
        await wait_for(pilot, lambda: status(pilot, "beta") is None)
        await wait_for(pilot, lambda: "cannot be saved" in " ".join(notices(pilot)))
        assert path.is_dir()
        assert status(pilot, "alpha") == "new"
