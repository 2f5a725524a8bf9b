"""Reload by key, by the watcher and after editing; broken files never take the app down."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import app_for, main_of, notices, open_brief, screen_text, settle, wait_for

from briefing.editor import EditorOutcome
from briefing.ui.screens.main import MainScreen
from briefing.ui.widgets.banner import ErrorBanner
from briefing.ui.widgets.broken import BrokenView
from briefing.ui.widgets.header import BriefHeader
from briefing.ui.widgets.panes import QuotesPane


def header(pilot: object) -> str:
    return str(main_of(pilot).query_one(BriefHeader).render())  # type: ignore[arg-type]


async def test_a_brief_that_never_loaded_shows_its_problems(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G")  # gamma, last in the list
        await settle(pilot)
        main = main_of(pilot)
        assert main.current is not None and main.current.id == "gamma"
        assert main.has_class("-broken")
        text = str(main.query_one("#broken-text").render())
        assert "This brief could not be loaded: 1 problem" in text
        assert "gamma.yaml:3:9: error: YAML syntax" in text
        assert "This brief could not be loaded" in screen_text(pilot)
        assert main.cycle_order() == ["briefs", "broken"]
        await pilot.press("1")
        assert isinstance(app.focused, BrokenView)
        await pilot.press("0", "k")  # the other briefs are unaffected: alpha, above gamma
        await settle(pilot)
        assert not main.has_class("-broken")
        assert "Harbour strike in Valparaíso" in header(pilot)


async def test_r_reloads_and_keeps_the_selected_item(library: Path) -> None:
    app = app_for(library / "alpha.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "j", "j")  # Rojas: "as long as it takes"
        quotes = main_of(pilot).query_one(QuotesPane)
        assert quotes.highlighted == 2
        path = library / "alpha.yaml"
        text = path.read_text()
        text = text.replace("title: Harbour strike in Valparaíso", "title: Harbour strike, day two")
        text = text.replace(
            "quotes:\n",
            "quotes:\n  - speaker: agents\n    text: a new first quote\n    source: radio\n",
        )
        path.write_text(text)
        await pilot.press("r")
        await wait_for(pilot, lambda: "day two" in header(pilot))
        await settle(pilot)
        assert app.focused is quotes
        assert quotes.option_count == 5
        assert quotes.highlighted == 3  # the same quote, one row down
        assert any("1 brief updated" in n for n in notices(pilot))


async def test_a_broken_save_keeps_the_last_good_version_with_a_banner(library: Path) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_brief(pilot, "alpha")
        main = main_of(pilot)
        banner = main.query_one(ErrorBanner)
        first_banner = banner.problems  # alpha has one warning: a quote not in its source
        assert len(first_banner) == 1
        path = library / "alpha.yaml"
        path.write_text(path.read_text().replace("title: Harbour", "title: [Harbour"))
        await pilot.press("r")
        await wait_for(pilot, lambda: banner.showing_last_good)
        assert "Harbour strike in Valparaíso" in header(pilot)  # the last good version
        text = " ".join(str(banner.render()).split())
        assert text.startswith("1 problem in ")
        assert "alpha.yaml: at line 2: YAML syntax" in text
        assert "press p to list it" in text
        assert "Showing the last good version" in text
        from briefing.ui.screens.problems import ProblemsScreen

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


class StubEditor:
    """Stands in for the editor: records the command and makes an edit, like a user would."""

    def __init__(self, edit: str = "", outcome: str = "ok") -> None:
        self.commands: list[list[str]] = []
        self.edit = edit
        self.outcome = outcome

    def __call__(self, cmd: Sequence[str]) -> EditorOutcome:
        self.commands.append(list(cmd))
        path = Path(cmd[-1])
        if self.edit:
            path.write_text(path.read_text().replace("Harbour strike", self.edit))
        if self.outcome == "ok":
            return EditorOutcome("ok", tuple(cmd), 0)
        return EditorOutcome("failed", tuple(cmd), 3, "Editor 'vim' exited with status 3.")


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR names an executable called vim, so the +LINE form is used."""
    program = tmp_path / "bin" / "vim"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(program))
    monkeypatch.delenv("VISUAL", raising=False)
    return program


async def test_e_opens_the_editor_at_the_item_and_reloads(library: Path, editor: Path) -> None:
    stub = StubEditor(edit="Dock strike")
    app = app_for(library / "alpha.yaml", editor_runner=stub, editor_suspend=contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        brief = main_of(pilot).brief
        assert brief is not None
        await pilot.press("3", "j", "e")
        await wait_for(pilot, lambda: "Dock strike" in header(pilot))
        path = str((library / "alpha.yaml").absolute())
        assert stub.commands == [[str(editor), f"+{brief.quotes[1].line}", path]]
        await pilot.press("1", "e")
        await wait_for(pilot, lambda: len(stub.commands) == 2)
        assert stub.commands[1][1] == f"+{brief.lines['summary']}"


async def test_a_failing_editor_is_reported_and_the_app_stays(library: Path, editor: Path) -> None:
    stub = StubEditor(outcome="failed")
    app = app_for(library / "alpha.yaml", editor_runner=stub, editor_suspend=contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: any("exited with status 3" in n for n in notices(pilot)))
        assert app.is_running


async def test_a_missing_editor_is_reported(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    app = app_for(library / "alpha.yaml", editor_suspend=contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: any("not found" in n for n in notices(pilot)))
        assert app.is_running


async def test_watcher_reloads_a_write_and_rename_save(library: Path) -> None:
    app = app_for(library, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_brief(pilot, "alpha")
        await wait_for(pilot, lambda: any(w.group == "watcher" for w in app.workers))
        path = library / "alpha.yaml"
        new = path.with_name("alpha.yaml.swp-new")  # vim: write a new file, rename it over
        new.write_text(path.read_text().replace("Harbour strike", "Renamed save"))
        os.replace(new, path)
        await wait_for(pilot, lambda: "Renamed save" in header(pilot), rounds=1000)


async def test_watcher_adds_and_removes_briefs(library: Path) -> None:
    app = app_for(library, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await wait_for(pilot, lambda: any(w.group == "watcher" for w in app.workers))
        (library / "delta.yaml").write_text("title: Delta\nsummary: A new brief.\n")
        await wait_for(pilot, lambda: "delta" in main.position, rounds=1000)
        assert [e.id for e in main.entries] == ["beta", "alpha", "delta", "gamma"]  # by date
        (library / "beta.yaml").unlink()
        await wait_for(pilot, lambda: "beta" not in main.position, rounds=1000)
        assert main.brief_list.row_count == 3
        assert main.current is not None and main.current.id == "alpha"


def _failing_watch(monkeypatch: pytest.MonkeyPatch, failures: int) -> list[int]:
    """The folder watch raises on its first ``failures`` starts, then watches; the list
    counts its starts."""
    from briefing.store import watch as watch_module
    from briefing.ui import app as app_module

    monkeypatch.setattr(app_module, "WATCH_RESTART_S", 0.05)
    real = watch_module.watch_paths
    starts: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> Iterator[Any]:
        starts.append(1)
        if len(starts) <= failures:
            raise OSError(f"watch {len(starts)} failed")
        yield from real(*args, **kwargs)

    monkeypatch.setattr(watch_module, "watch_paths", flaky)
    return starts


async def test_a_watch_that_fails_is_started_again_and_misses_nothing(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts = _failing_watch(monkeypatch, failures=1)
    app = app_for(library, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = main_of(pilot)
        await wait_for(pilot, lambda: len(starts) == 2, rounds=1000)
        said = "Live reload stopped: watch 1 failed. Starting it again."
        assert any(notice.endswith(said) for notice in notices(pilot))
        (library / "delta.yaml").write_text("title: Delta\nsummary: A new brief.\n")
        await wait_for(pilot, lambda: "delta" in main.position, rounds=1000)


async def test_a_watch_that_keeps_failing_is_left_off_and_said_so(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.ui.app import WATCH_RESTARTS

    starts = _failing_watch(monkeypatch, failures=100)
    app = app_for(library, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        final = f"watch {WATCH_RESTARTS + 1} failed. It stays off: r reloads by hand."
        await wait_for(pilot, lambda: any(n.endswith(final) for n in notices(pilot)), rounds=1000)
        assert len(starts) == WATCH_RESTARTS + 1  # started again three times, then not
        assert not any(w.group == "watcher" and w.is_running for w in app.workers)


async def test_choosing_a_problem_opens_the_editor_at_its_line(library: Path, editor: Path) -> None:
    from briefing.ui.screens.problems import ProblemsScreen

    stub = StubEditor()
    app = app_for(library / "alpha.yaml", editor_runner=stub, editor_suspend=contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")  # alpha has one problem: a quote not in its source
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(stub.commands))
        assert stub.commands[0][1] == "+50"
        assert isinstance(app.screen, MainScreen)


async def test_details_keys_copy_and_edit(library: Path, editor: Path) -> None:
    stub = StubEditor()
    app = app_for(library / "alpha.yaml", editor_runner=stub, editor_suspend=contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        brief = main_of(pilot).brief
        assert brief is not None
        await pilot.press("4", "enter", "y")
        assert app.clipboard == (
            "Will the union accept the port authority's offer? "
            "(open question in “Harbour strike in Valparaíso”)"
        )
        await pilot.press("e")
        await wait_for(pilot, lambda: bool(stub.commands))
        assert stub.commands[0][1] == f"+{brief.open_questions[0].line}"
