"""Hand the terminal to the user's editor and take it back.

``App.suspend`` is what makes a terminal editor usable from inside the app, but
it raises ``SuspendNotSupported`` under ``run_test`` and in Textual Web. Both the
suspension and the runner are therefore parameters: tests pass a null context
and a stub, the app passes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from briefing.editor import EditorOutcome, editor_command, preflight, run_editor

Runner = Callable[[Sequence[str]], EditorOutcome]
Suspender = Callable[[], AbstractContextManager[Any]]

NOTIFY_TITLE = "Editor"


async def edit_in_editor(
    app: App[Any],
    path: Path,
    line: int,
    runner: Runner = run_editor,
    *,
    env: Mapping[str, str] | None = None,
    suspend: Suspender | None = None,
    notify: bool = True,
) -> str | None:
    """Open ``path`` at ``line``; return None when the editor exited cleanly, else why not.

    A failure is also shown as an error notification (unless ``notify`` is
    False), so callers only need the return value to decide whether to say
    more. The caller reloads the brief either way: a failing editor may still
    have saved the file.
    """
    cmd = editor_command(path, line, os.environ if env is None else env)
    message: str | None
    early = preflight(cmd)
    if early is not None:
        message = early.message
    else:
        suspender = app.suspend if suspend is None else suspend
        try:
            with suspender():
                outcome = runner(cmd)
        except SuspendNotSupported:
            message = (
                "This terminal cannot be handed over to an editor here. "
                f"Edit {path}:{max(1, line)} yourself; the brief reloads when it is saved."
            )
        else:
            message = outcome.message
    if message is not None and notify:
        app.notify(message, title=NOTIFY_TITLE, severity="error", markup=False, timeout=8)
    return message
