"""Real terminals for the tests: tmux sessions, and pseudo-terminals of the test's own.

tmux is the terminal a user has (alternate screen, resizes, a job-control shell); a
pseudo-terminal of our own is what lets a test hang the terminal up, hold on to its
settings and read every byte the reader wrote. Both poll with a deadline until what is
expected shows; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyte

DATA = Path(__file__).parent / "data" / "library"
COMMAND = Path(sys.executable).with_name("briefing")
DEADLINE = 20.0
TICKS = os.sysconf("SC_CLK_TCK")


class Terminal:
    """One tmux session of our own, addressed by its unique name."""

    def __init__(self, name: str, width: int, height: int, command: str) -> None:
        self.name = name
        argv = ["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height)]
        for _attempt in range(3):
            done = subprocess.run([*argv, command], capture_output=True, text=True)
            # tmux ends its server when the last session goes (the test before closed
            # its own): a session started just then finds it gone, and the next makes one.
            if done.returncode == 0 or "server exited unexpectedly" not in done.stderr:
                break
        done.check_returncode()

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time: "Escape" then "q" together would read as alt+q
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def resize(self, width: int, height: int) -> None:
        size = ["-x", str(width), "-y", str(height)]
        subprocess.run(["tmux", "resize-window", "-t", self.name, *size], check=True)

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

    def wait_closed(self) -> None:
        end = time.monotonic() + DEADLINE
        while self.alive() and time.monotonic() < end:
            time.sleep(0.05)
        assert not self.alive(), f"the session is still open; the screen was:\n{self.screen()}"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def proc_stat(pid: int) -> tuple[str, float] | None:
    """A process's state letter and CPU seconds (user + system, all threads), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], (int(fields[11]) + int(fields[12])) / TICKS


class Pty:
    """A command in a pseudo-terminal of our own, as its session's controlling terminal.

    ``ignore`` lists signals the parent sets to be ignored (as ``trap "" HUP`` or nohup
    would); every other signal that ends a process is left at its default.
    """

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        width: int = 120,
        height: int = 40,
        ignore: Sequence[signal.Signals] = (),
    ) -> None:
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.settings = termios.tcgetattr(self.slave)
        self.raw = bytearray()
        self.screen = pyte.Screen(width, height)
        self._stream = pyte.ByteStream(self.screen)

        def child() -> None:  # after setsid: take the terminal, set the dispositions
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
            for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGQUIT, signal.SIGINT):
                signal.signal(signum, signal.SIG_IGN if signum in ignore else signal.SIG_DFL)

        self.proc = subprocess.Popen(
            list(argv),
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=dict(env),
            start_new_session=True,
            preexec_fn=child,  # the controlling terminal needs TIOCSCTTY in the child
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float = 0.05) -> None:
        """Read what the command wrote within ``timeout``, into the raw log and the screen."""
        if self.master < 0:
            time.sleep(timeout)  # nothing to read from any more: the deadline still paces
            return
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return
        self.raw.extend(data)
        self._stream.feed(data)

    def wait(self, check: Callable[[str], bool], what: str) -> str:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            self.pump()
            text = self.text()
            if check(text):
                return text
        raise AssertionError(f"never saw {what}; the screen was:\n{self.text()}")

    def wait_raw(self, marker: bytes, what: str) -> None:
        end = time.monotonic() + DEADLINE
        while marker not in self.raw and time.monotonic() < end:
            self.pump()
        assert marker in self.raw, f"never saw {what}; the screen was:\n{self.text()}"

    def wait_state(self, states: str, what: str) -> None:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            found = proc_stat(self.pid)
            if found is not None and found[0] in states:
                return
            self.pump()
        raise AssertionError(f"the process never became {what}: {proc_stat(self.pid)}")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def hang_up(self) -> None:
        """Close the terminal's master side: what a closed window or a dropped SSH does."""
        os.close(self.master)
        self.master = -1

    def cpu(self) -> float:
        found = proc_stat(self.pid)
        assert found is not None, "the process is gone"
        return found[1]

    def drain(self) -> None:
        """Read everything written so far that is still waiting in the terminal."""
        while self.master >= 0 and select.select([self.master], [], [], 0)[0]:
            before = len(self.raw)
            self.pump(0)
            if len(self.raw) == before:  # readable, but at its end (an error, or closed)
                return

    def wait_gone(self, deadline: float = DEADLINE) -> tuple[int, float]:
        """Wait for the process to end: its return code and the CPU seconds it used in all.

        The CPU time is read while the process is a zombie, before it is reaped.
        """
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            found = proc_stat(self.pid)
            if found is not None and found[0] == "Z":
                self.drain()  # what it wrote as it ended (restoring the terminal) is still unread
                return self.proc.wait(), found[1]
            self.pump()
        found = proc_stat(self.pid)
        raise AssertionError(
            f"still running after {deadline:.0f} s: state and CPU seconds {found}; "
            f"the screen was:\n{self.text()}"
        )

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.master, self.slave):
            if fd >= 0:
                os.close(fd)
        self.master = self.slave = -1
