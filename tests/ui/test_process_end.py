"""The reader's process ends with its app: no thread it started keeps the process alive.

Closing a terminal just after the first frame ended Textual's message loop before the
reader had started its watchers; they were started during the shutdown, after Textual had
cancelled the workers, and ``asyncio.run`` waited for their threads for ever.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pilot_helpers import app_for, reader

LIBRARY = Path(__file__).parent / "data" / "library"

LATE_WATCH = """
import asyncio, sys
from pathlib import Path
from briefing import ui
from briefing.ui import screens
from briefing.ui.app import BriefingApp

class Closing(BriefingApp):
    def _load_rest(self, first):
        super()._load_rest(first)
        self.exit()

def start_late(self) -> None:  # the screen goes as the app closes: a watch starts then
    ui.start_watcher(self.app, [Path(sys.argv[1])])

screens.MainScreen.on_unmount = start_late
asyncio.run(Closing([Path(sys.argv[1])], watch=True).run_async(headless=True))
print("returned")
"""


@pytest.mark.slow
def test_a_watch_started_while_the_app_closes_does_not_keep_the_process(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    # Without the fix the process never ends: the deadline makes that a failure.
    done = subprocess.run(
        [sys.executable, "-c", LATE_WATCH, str(LIBRARY)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "returned"


async def test_nothing_is_started_once_the_app_has_closed() -> None:
    app = app_for(LIBRARY, watch=True)
    async with app.run_test(size=(120, 40)):
        pass
    started = len(app.workers)
    app._load_rest([])  # what a hang-up right after the first frame made run late
    assert len(app.workers) == started
    assert not app.is_running


async def test_a_summary_rendered_as_its_screen_is_taken_down_is_dropped() -> None:
    """The screen is taken down from its leaves: a render that was on its way finds the part
    it mounts into gone while the pane is still attached. That is the app closing, not a
    failure; a render into parts that are all there still raises its errors."""
    from textual.containers import Vertical

    from briefing.ui.widgets.summary import SummaryPane

    async with reader(LIBRARY) as pilot:
        summary = pilot.app.screen.query_one(SummaryPane)
        brief = summary.brief
        assert brief is not None
        extra = summary.query_one("#summary-extra", Vertical)
        await extra.remove()  # as the shutdown does, before the pane itself
        assert summary.is_attached and not extra.is_attached
        summary.rendered = None  # a render still to do
        await summary._render_current()  # must not raise MountError
        assert summary.rendered is None
