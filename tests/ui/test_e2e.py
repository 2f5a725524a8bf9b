"""The installed ``briefing`` command in a real terminal (tmux): start, keys, screen, quit.

Everything else drives the app headless; this checks what only a real terminal shows: the
console script starts, draws, answers keys and gives the terminal back. Polls the screen
until the expected text appears or a deadline passes; never sleeps for a fixed time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from terminals import COMMAND, Terminal

pytestmark = pytest.mark.e2e
PEOPLE = Path(__file__).parent / "data" / "people"


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


def test_filters_a_dossier_and_the_timeline_jump_into_briefs(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    """The people library: a filter typed in the search box, an actor's details in a brief
    it lets through, `d` for his dossier, enter on one of his briefs (one the filter leaves
    out: a dossier is the whole library's); then `t`, the timeline of the filtered briefs,
    and enter on its last entry."""
    term = terminal(120, 40, env=f"XDG_STATE_HOME={tmp_path}/state", command=f"{COMMAND} {PEOPLE}")
    term.wait(lambda s: "Briefs · by date" in s and "? Help" in s, "the sorted brief list")
    term.keys("/")
    term.type("tag:niger")
    term.keys("Enter")
    term.wait(lambda s: "2 of 4 briefs" in s, "the filtered list")
    term.keys("G")  # the oldest of the two
    term.wait(lambda s: s.startswith(" Coup in Niger"), "Coup in Niger")
    term.keys("2", "Enter")
    term.wait(lambda s: "Across the library: in 2 other briefs" in s, "the actor's details")
    term.keys("d")
    screen = term.wait(lambda s: "Dossier Gen. Michael E. Langley" in s, "the dossier")
    assert "March 2024     Drones over the Sahel  as Michael Langley" in screen
    term.keys("j", "Enter")
    screen = term.wait(
        lambda s: s.startswith(" Drones over the Sahel") and "Dossier" not in s,
        "the brief of the chosen line",
    )
    assert "Michael Langley  (1 quote)" in screen  # the actor, in the pane focused
    term.keys("t")
    screen = term.wait(lambda s: "Timeline 5 entries" in s, "the filtered briefs' timeline")
    assert "of 2 of 4 briefs (filter: tag:niger), by month" in screen
    term.keys("G", "Enter")
    term.wait(lambda s: s.startswith(" American troops leave Niger"), "the last entry's brief")
    term.keys("q")
    term.wait_closed()
