"""The reader never outlives, hangs on or breaks its terminal (issue 9, point 2).

Each case runs the installed command in a real terminal: a pseudo-terminal of the test's
own where the test must hang the terminal up, send signals or read the terminal's settings
and every byte written, and tmux where a user's terminal matters (a job-control shell, the
alternate screen, resizes, the locale). Every wait polls with a deadline.
"""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
import termios
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from terminals import COMMAND, DATA, Pty, Terminal

from briefing.cli import NO_TERMINAL

pytestmark = pytest.mark.e2e


# The reader has its first screen up: title, the four panes and the key bar.
FIRST_SCREEN = ("Harbour strike in Valparaíso", "4 Open questions", "q Quit")
# What the reader may spend on the CPU between losing its terminal and being gone: its
# shutdown is a few tens of milliseconds; a reader spinning on end-of-file spends half a
# core for as long as it is let run.
SHUTDOWN_CPU = 0.5
GONE_RETURN_CODE = 128 + signal.SIGHUP  # as a hang-up's, the SIGHUP delivered or not


def drawn(text: str) -> bool:
    return all(part in text for part in FIRST_SCREEN)


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[Callable[..., Pty]]:
    """``pty(*args, ignore=(), env={}, command=...)``: the installed reader (or
    ``command``) in a pseudo-terminal."""
    if not COMMAND.exists():
        pytest.skip("needs the installed briefing command (make test installs it)")
    opened: list[Pty] = []
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    base.update(HOME=str(tmp_path / "home"), TERM="xterm-256color")

    def start(
        *args: str,
        ignore: Sequence[signal.Signals] = (),
        env: dict[str, str] | None = None,
        command: Sequence[str] = (str(COMMAND),),
    ) -> Pty:
        term = Pty([*command, *(args or (str(DATA),))], {**base, **(env or {})}, ignore=ignore)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def last_mode(raw: bytes, mode: int) -> str:
    """``h`` or ``l``: how the terminal was last told to set DEC private mode ``mode``."""
    on, off = raw.rfind(b"\x1b[?%dh" % mode), raw.rfind(b"\x1b[?%dl" % mode)
    assert on >= 0, f"mode {mode} was never set"
    return "h" if on > off else "l"


def assert_restored(term: Pty) -> None:
    """The terminal as the reader found it: main screen, cursor shown, no mouse or paste
    reporting, and its termios settings (canonical mode, echo) back."""
    raw = bytes(term.raw)
    assert last_mode(raw, 1049) == "l", "left in the alternate screen"
    assert last_mode(raw, 25) == "h", "cursor left hidden"
    for mode in (1000, 1003, 1006, 1015):
        assert last_mode(raw, mode) == "l", f"mouse reporting {mode} left on"
    assert last_mode(raw, 2004) == "l", "bracketed paste left on"
    after = termios.tcgetattr(term.slave)
    assert after[3] & (termios.ICANON | termios.ECHO) == termios.ICANON | termios.ECHO
    assert after == term.settings


# -- the terminal goes away ----------------------------------------------------------------


@pytest.mark.parametrize(
    "ignored", [(signal.SIGHUP,), ()], ids=["sighup-ignored", "sighup-delivered"]
)
def test_a_closed_terminal_ends_the_reader_without_spinning(
    pty: Callable[..., Pty], ignored: tuple[signal.Signals, ...]
) -> None:
    term = pty(ignore=ignored)
    term.wait(drawn, "the first screen")
    before = term.cpu()
    term.hang_up()
    returncode, cpu = term.wait_gone()
    assert returncode == GONE_RETURN_CODE
    assert cpu - before < SHUTDOWN_CPU, f"{cpu - before:.2f} s of CPU after the hang-up"


def test_a_terminal_closed_while_stopped_ends_the_reader_on_resume(
    pty: Callable[..., Pty],
) -> None:
    """ctrl+z (here SIGTSTP), the window closed, then continued: nothing to resume into."""
    term = pty(ignore=(signal.SIGHUP,))
    term.wait(drawn, "the first screen")
    os.kill(term.pid, signal.SIGTSTP)
    term.wait_state("T", "stopped")
    term.wait_raw(b"\x1b[?1049l", "the alternate screen left on suspend")
    term.hang_up()
    before = term.cpu()
    os.kill(term.pid, signal.SIGCONT)
    returncode, cpu = term.wait_gone()
    assert returncode == GONE_RETURN_CODE
    assert cpu - before < SHUTDOWN_CPU


def test_a_terminal_closed_while_the_editor_runs_ends_the_reader(
    pty: Callable[..., Pty], tmp_path: Path
) -> None:
    """The editor (``e``) ends with the terminal; the reader must not resume into it."""
    editor = tmp_path / "editor"
    editor.write_text("#!/bin/sh\nprintf 'EDITOR-OPEN\\n'\nexec cat >/dev/null\n")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    term = pty(ignore=(signal.SIGHUP,), env={"VISUAL": str(editor), "EDITOR": str(editor)})
    term.wait(drawn, "the first screen")
    term.send(b"e")
    term.wait_raw(b"EDITOR-OPEN", "the editor")
    term.hang_up()
    before = term.cpu()
    returncode, cpu = term.wait_gone()
    assert returncode == GONE_RETURN_CODE
    assert cpu - before < SHUTDOWN_CPU


# -- signals and quitting ------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["q", signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT], ids=str)
def test_quitting_and_ending_signals_restore_the_terminal(
    pty: Callable[..., Pty], ending: str | signal.Signals
) -> None:
    term = pty()
    term.wait(drawn, "the first screen")
    assert last_mode(bytes(term.raw), 1049) == "h"
    assert not termios.tcgetattr(term.slave)[3] & termios.ICANON  # raw while it runs
    if isinstance(ending, str):
        term.send(ending.encode())
    else:
        os.kill(term.pid, ending)
    returncode, _cpu = term.wait_gone()
    assert returncode == (0 if isinstance(ending, str) else 128 + ending)
    assert_restored(term)


CLEAN_UP_NOTED = """
import atexit, sys
from pathlib import Path
atexit.register(Path(sys.argv.pop()).write_text, "cleaned up")
from briefing.cli import main
sys.exit(main())
"""
"""The command (``main()``, as its entry point calls it), noting whether the interpreter's
clean-up ran (an ``atexit`` hook) in the file named last."""


def test_the_reader_ends_its_process_without_the_interpreters_clean_up(
    pty: Callable[..., Pty], tmp_path: Path
) -> None:
    """After the reader nothing is left to write, and freeing every object one by one would
    only keep the user of a large library from the shell prompt. The terminal is given back
    and the status kept all the same."""
    noted = tmp_path / "noted"
    term = pty(str(DATA), str(noted), command=(sys.executable, "-c", CLEAN_UP_NOTED))
    term.wait(drawn, "the first screen")
    term.send(b"q")
    returncode, _cpu = term.wait_gone()
    assert returncode == 0
    assert_restored(term)
    assert not noted.exists()
    # A command other than the reader ends as any Python program does.
    done = subprocess.run(
        [sys.executable, "-c", CLEAN_UP_NOTED, "list", str(DATA), str(noted)],
        env={**os.environ, "HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert noted.read_text() == "cleaned up"


def test_a_signal_the_parent_ignores_stays_ignored(pty: Callable[..., Pty]) -> None:
    term = pty(ignore=(signal.SIGTERM,))
    term.wait(drawn, "the first screen")
    os.kill(term.pid, signal.SIGTERM)
    term.send(b"?")  # still reading keys: help opens, the reader answers after the signal
    term.wait(lambda s: "Anywhere" in s and "Main screen" in s, "the help screen")
    term.send(b"\x1b")
    term.wait(lambda s: drawn(s) and "Anywhere" not in s, "the main screen again")
    term.send(b"q")
    returncode, _cpu = term.wait_gone()
    assert returncode == 0
    assert_restored(term)


# -- suspending --------------------------------------------------------------------------------


def test_ctrl_z_then_fg_redraws_at_once(terminal: Callable[..., Terminal]) -> None:
    shell = "bash --norc --noprofile -i"
    term = terminal(120, 40, env="PS1='ready$ '", command=shell)
    term.wait(lambda s: "ready$" in s, "the shell's prompt")
    term.type(f"{COMMAND} {DATA}")
    term.keys("Enter")
    # Loaded (the list's count in its border), so that nothing left to draw repaints the
    # screen after fg by chance.
    term.wait(lambda s: drawn(s) and "─ 3 ─╯" in s, "the whole list loaded")
    term.keys("C-z")
    term.wait(lambda s: "Stopped" in s and not drawn(s), "the shell, with the reader stopped")
    term.type("fg")
    term.keys("Enter")
    # No key is pressed: the whole screen must come back by itself.
    term.wait(drawn, "the reader redrawn after fg")
    term.keys("q")
    term.wait(lambda s: s.rstrip().endswith("ready$"), "the prompt after quitting")


def test_ctrl_z_with_no_shell_to_come_back_to_says_so(
    terminal: Callable[..., Terminal],
) -> None:
    """A reader run straight by its terminal (no job control) would stop for good."""
    term = terminal(120, 40)
    term.wait(drawn, "the first screen")
    term.keys("C-z")
    term.wait(lambda s: "Not suspended" in s, "the warning")
    term.keys("q")
    term.wait_closed()


# -- the size and the locale -----------------------------------------------------------------


def test_the_real_size_beats_stale_columns_and_lines(terminal: Callable[..., Terminal]) -> None:
    term = terminal(120, 40, env="COLUMNS=30 LINES=10")
    screen = term.wait(drawn, "the wide layout, not 'too small'")
    assert "Terminal too small" not in screen
    term.resize(80, 24)
    term.wait(lambda s: "0 Briefs │ 1 Summary" in s, "the narrow layout after resizing")
    term.resize(120, 40)
    term.wait(lambda s: drawn(s) and "Briefs │" not in s, "the wide layout again")


def test_a_dumb_terminal_is_drawn_at_its_real_size(terminal: Callable[..., Terminal]) -> None:
    term = terminal(120, 40, env="TERM=dumb")
    term.wait(lambda s: drawn(s) and "Briefs · by date" in s, "the list loaded and sorted")
    # A key, and the frame it redraws: at 80x25 too, were that the size believed anywhere.
    term.keys("[")  # beta, newer than alpha
    screen = term.wait(
        lambda s: s.startswith(" [bold]Beta[/bold] brief with") and "q Quit" in s, "brief 2"
    )
    lines = screen.splitlines()
    assert len(lines) == 40 and "q Quit" in lines[-1]
    borders = [line.rstrip() for line in lines if line.startswith(("╭", "╰"))]
    assert len(borders) == 2, borders  # one row of panes, top and bottom
    assert all(len(line) == 120 and line[-1] in "╮╯" for line in borders), borders
    assert sum("q Quit" in line for line in lines) == 1, "drawn twice, at two sizes"


def test_an_ascii_locale_gets_ascii_borders(terminal: Callable[..., Terminal]) -> None:
    term = terminal(120, 40, env="LC_ALL=C LANG=C PYTHONCOERCECLOCALE=0 PYTHONUTF8=0")
    screen = term.wait(
        lambda s: "4 Open questions" in s and "q Quit" in s, "the first screen in ASCII"
    )
    assert screen.isascii(), sorted({c for c in screen if not c.isascii()})
    assert "\\u" not in screen and "\\x" not in screen
    assert "+- 1 Summary ---" in screen
    assert "| " in screen
    assert "Harbour strike in Valpara?so" in screen  # one cell, one ?: the line holds


# -- no terminal at all ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "redirect",
    ["{cmd} </dev/null", "{cmd} <&-", "echo | {cmd}", "{cmd} > {out}", "{cmd} | cat"],
    ids=["stdin-null", "stdin-closed", "stdin-pipe", "stdout-file", "stdout-pipe"],
)
def test_without_a_terminal_the_reader_says_so_in_one_line(redirect: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    # pipefail: the reader's status, not cat's. The shell's own streams are a terminal.
    script = "set -o pipefail; " + redirect.format(cmd=f"{COMMAND} {DATA}", out=out)
    master, slave = os.openpty()
    try:
        done = subprocess.run(
            ["bash", "-c", script], stdin=slave, stdout=slave, stderr=subprocess.PIPE, timeout=60
        )
        on_terminal = b""
        while select.select([master], [], [], 0)[0]:
            on_terminal += os.read(master, 65536)
    finally:
        os.close(master)
        os.close(slave)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [NO_TERMINAL]
    assert "`briefing show BRIEF`" in NO_TERMINAL and "`briefing list`" in NO_TERMINAL
    written = out.read_bytes() if out.exists() else b""
    assert b"\x1b" not in written + on_terminal + done.stderr


def test_without_a_terminal_nothing_is_started() -> None:
    """The check comes before Textual is imported and the prefetch helper started."""
    script = (
        "import sys\n"
        "from briefing.cli import main\n"
        "code = main([])\n"
        "started = [m for m in ('textual', 'briefing.store.prefetch') if m in sys.modules]\n"
        "assert not started, started\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == NO_TERMINAL
