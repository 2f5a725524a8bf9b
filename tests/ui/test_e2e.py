"""The installed ``briefing`` command in a real terminal (tmux): start, keys, screen, quit.

Everything else drives the app headless; this checks what only a real terminal shows: the
console script starts, draws, answers keys and gives the terminal back. Polls the screen
until the expected text appears or a deadline passes; never sleeps for a fixed time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

DATA = Path(__file__).parent / "data" / "library"
COMMAND = Path(sys.executable).with_name("briefing")
DEADLINE = 20.0


class Terminal:
    """One tmux session of our own, addressed by its unique name."""

    def __init__(self, name: str, width: int, height: int, command: str) -> None:
        self.name = name
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command],
            check=True,
        )

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time: "Escape" then "q" together would read as alt+q
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)

    def alive(self) -> bool:
        found = subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True)
        return found.returncode == 0

    def wait(self, check: Callable[[str], bool], what: str) -> str:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"never saw {what}; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[int, int], Terminal]]:
    if shutil.which("tmux") is None or not COMMAND.exists():
        pytest.skip("needs tmux and the installed briefing command (make test installs both)")
    opened: list[Terminal] = []
    home = tmp_path / "home"
    # Under pytest the environment holds COLUMNS=80 and LINES=24, which Textual believes
    # over the real pane size; a tmux server started from here passes them to the pane.
    env = (
        f"env -u COLUMNS -u LINES HOME={home} XDG_CONFIG_HOME={home}/config "
        f"XDG_CACHE_HOME={home}/cache"
    )

    def open_terminal(width: int, height: int) -> Terminal:
        name = f"briefing-e2e-{os.getpid()}-{len(opened)}"
        term = Terminal(name, width, height, f"{env} {COMMAND} {DATA}")
        opened.append(term)
        return term

    yield open_terminal
    for term in opened:
        term.close()


def test_the_installed_command_reads_searches_and_quits(
    terminal: Callable[[int, int], Terminal],
) -> None:
    term = terminal(120, 40)
    term.wait(lambda s: "Harbour strike in Valparaíso" in s and "4 Open questions" in s, "panes")
    # The rest of the list arrives from the loading thread, after the first brief.
    screen = term.wait(
        lambda s: "? Help" in s and "[bold]Beta[/bold] brief" in s, "the footer and the list"
    )
    assert "[bold]Beta[/bold] brief" in screen  # hostile title, literal, never bold
    term.keys("3")
    term.wait(lambda s: "s Source" in s, "the quotes pane's keys in the footer")
    term.keys("enter")
    term.wait(lambda s: "Verification: ✓ verified" in s, "the quote's details")
    term.keys("Escape")
    term.wait(lambda s: "4 Open questions" in s, "the main screen again")
    term.keys("/", "f", "a", "i", "r")
    term.wait(lambda s: "2 hits" in s, "search results")
    term.keys("Enter")
    term.wait(lambda s: "Hit 1 of 2" in s, "the first hit")
    term.keys("q")
    end = time.monotonic() + DEADLINE
    while term.alive() and time.monotonic() < end:
        time.sleep(0.05)
    assert not term.alive()


def test_small_terminals_say_so(terminal: Callable[[int, int], Terminal]) -> None:
    term = terminal(40, 12)
    term.wait(lambda s: "Terminal too small" in s, "the too-small message")
    subprocess.run(["tmux", "resize-window", "-t", term.name, "-x", "80", "-y", "24"], check=True)
    term.wait(lambda s: "0 Briefs │ 1 Summary" in s, "the narrow layout after resizing")
