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
from pilot_helpers import app_for

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
