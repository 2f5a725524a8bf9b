"""The installed ``briefing`` command in a real terminal (tmux): start, keys, screen, quit.

Everything else drives the app headless; this checks what only a real terminal shows: the
console script starts, draws, answers keys and gives the terminal back. Polls the screen
until the expected text appears or a deadline passes; never sleeps for a fixed time.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from terminals import Terminal

pytestmark = pytest.mark.e2e


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
    term.wait_closed()


def test_small_terminals_say_so(terminal: Callable[[int, int], Terminal]) -> None:
    term = terminal(40, 12)
    term.wait(lambda s: "Terminal too small" in s, "the too-small message")
    term.resize(80, 24)
    term.wait(lambda s: "0 Briefs │ 1 Summary" in s, "the narrow layout after resizing")
