"""The app side of editing and live reload: suspension, notifications, messages."""

from __future__ import annotations

import asyncio
import contextlib
import stat
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from briefing.editor import EditorOutcome, run_editor
from briefing.ui.edit import edit_in_editor
from briefing.ui.watcher import FilesChanged, start_watcher

TIMEOUT = 10.0


class Recorder(App[None]):
    """Records notifications and file-change messages for the test to inspect."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[tuple[str, str]] = []
        self.changes: list[FilesChanged] = []
        self.changed = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def notify(self, message: str, **kwargs: Any) -> None:
        self.notes.append((message, kwargs.get("severity", "information")))
        super().notify(message, **kwargs)

    def on_files_changed(self, message: FilesChanged) -> None:
        self.changes.append(message)
        self.changed.set()


def stub(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def brief(tmp_path: Path) -> Path:
    path = tmp_path / "niger.yaml"
    path.write_text("title: Niger\n")
    return path


async def test_editor_edits_the_file_and_the_app_stays_up(tmp_path: Path) -> None:
    # A "vim" stub gets +LINE and appends it, as a real edit would change the file.
    editor = stub(tmp_path, "vim", 'printf "%s\\n" "$1" >> "$2"')
    path = brief(tmp_path)
    app = Recorder()
    async with app.run_test() as pilot:
        result = await edit_in_editor(
            app, path, 3, env={"EDITOR": str(editor)}, suspend=contextlib.nullcontext
        )
        await pilot.pause()
        assert result is None and app.notes == []
        assert path.read_text() == "title: Niger\n+3\n"
        assert app.is_running


async def test_failing_editor_is_a_notification(tmp_path: Path) -> None:
    editor = stub(tmp_path, "fails", "exit 3")
    app = Recorder()
    async with app.run_test() as pilot:
        result = await edit_in_editor(
            app, brief(tmp_path), 1, env={"EDITOR": str(editor)}, suspend=contextlib.nullcontext
        )
        await pilot.pause()
        assert result is not None and "exited with status 3" in result
        assert app.notes == [(result, "error")]
        assert app.is_running


async def test_missing_editor_never_suspends(tmp_path: Path) -> None:
    calls: list[Sequence[str]] = []

    def runner(cmd: Sequence[str]) -> EditorOutcome:
        calls.append(cmd)
        return EditorOutcome("ok")

    app = Recorder()
    async with app.run_test() as pilot:
        result = await edit_in_editor(
            app, brief(tmp_path), 1, runner, env={"VISUAL": str(tmp_path / "nope --wait")}
        )
        await pilot.pause()
        assert calls == []
        assert result is not None and "not found" in result and "$VISUAL" in result
        assert app.notes == [(result, "error")]


async def test_suspend_not_supported_is_reported_not_raised(tmp_path: Path) -> None:
    # run_test's driver cannot suspend: this is what a test without a fake sees.
    editor = stub(tmp_path, "vim", "exit 0")
    calls: list[Sequence[str]] = []

    def runner(cmd: Sequence[str]) -> EditorOutcome:
        calls.append(cmd)
        return run_editor(cmd)

    path = brief(tmp_path)
    app = Recorder()
    async with app.run_test() as pilot:
        result = await edit_in_editor(app, path, 8, runner, env={"EDITOR": str(editor)})
        await pilot.pause()
        assert calls == []
        assert result is not None and f"{path}:8" in result
        assert app.notes == [(result, "error")]
        assert app.is_running


async def test_notify_can_be_left_to_the_caller(tmp_path: Path) -> None:
    app = Recorder()
    async with app.run_test():
        result = await edit_in_editor(
            app, brief(tmp_path), 1, env={"EDITOR": str(tmp_path / "nope")}, notify=False
        )
        assert result is not None and app.notes == []


async def test_watcher_posts_files_changed(tmp_path: Path) -> None:
    path = brief(tmp_path)
    ready = threading.Event()
    app = Recorder()
    async with app.run_test() as pilot:
        worker = start_watcher(app, [tmp_path], ready=ready)
        assert await asyncio.to_thread(ready.wait, TIMEOUT)
        swap = tmp_path / ".niger.yaml.swp"
        swap.write_text("title: Niger, saved by vim\n")
        swap.replace(path)
        await asyncio.wait_for(app.changed.wait(), TIMEOUT)
        await pilot.pause()
        [message] = app.changes
        assert message.paths == {path}
        assert message.of_kind("deleted") == set()
    assert worker.cancelled_event.is_set(), "the app's exit stops the watch"


async def test_restarting_the_watcher_replaces_the_old_one(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    ready = threading.Event()
    app = Recorder()
    async with app.run_test() as pilot:
        old = start_watcher(app, [first])
        new = start_watcher(app, [second], ready=ready)
        assert await asyncio.to_thread(ready.wait, TIMEOUT)
        assert old.cancelled_event.is_set() and not new.cancelled_event.is_set()
        (first / "ignored.yaml").write_text("title: old root\n")
        (second / "seen.yaml").write_text("title: new root\n")
        await asyncio.wait_for(app.changed.wait(), TIMEOUT)
        await pilot.pause()
        assert [m.paths for m in app.changes] == [{second / "seen.yaml"}]
