"""The reader's driver: Textual's Linux driver, made to let go of a terminal that is gone.

Textual 8.2.8's driver, left alone, outlives, hangs on or breaks its terminal:

- its input loop reads end-of-file from a hung-up terminal and selects again, for ever
  (half a core, with no terminal, whatever signals the process ignores);
- its writer thread dies on the first write to a hung-up terminal (EIO), after which the
  thirty-first write blocks the app for ever;
- SIGTERM, SIGHUP and SIGQUIT end the process with the terminal still raw, in the
  alternate screen, cursor hidden and mouse reporting on;
- after a suspension (ctrl+z, or the editor) into a terminal that has gone, application
  mode silently fails to start and nothing reads input again;
- stale ``COLUMNS``/``LINES`` (and ``TERM=dumb``, which Rich takes as 80x25) beat the size
  the terminal reports;
- with an ASCII-only locale the frame is written through ``sys.stderr``, whose
  ``backslashreplace`` turns every border into ``\\u2500`` text.

``ReaderDriver`` owns an end-of-file watch instead: input end-of-file or an error, a
failed write, or a resume into a dead terminal all end the app through ``App.exit`` at
once (the input loop wakes at least ten times a second), and writes to a dead terminal
are dropped. The signals that
end a process end the app as ``q`` does (terminal restored), unless the parent set them
to be ignored, which is respected. The frame goes to standard output (the CLI has
checked that it and standard input are a terminal), encoded for the locale, with ASCII
line drawing where the locale cannot encode box drawing.

This module is on the first frame's path: it imports nothing Textual has not already
imported for its own driver.
"""

from __future__ import annotations

import codecs
import os
import select
import selectors
import signal
import sys
import termios
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, cast

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App

GONE_RETURN_CODE = 128 + signal.SIGHUP
"""The app's return code when its terminal went away: a hang-up's, whether the SIGHUP
that comes with it was delivered, ignored, or is still on its way."""

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)

_FLUSH_AT = 64 * 1024
"""Characters held between the writer thread's flushes before they are written anyway."""

_ERRORS = "briefing-cells"
"""The encoding error handler: a character the locale cannot encode becomes one ``?`` per
terminal cell it takes, so the rest of its line stays where Textual put it."""

# What box drawing, block elements and a few marks the reader draws become in ASCII:
# one character for one, so no line moves. Everything else unencodable becomes ``?``.
_ASCII_GROUPS = (
    ("-", "─━┄┅┈┉╌╍═╴╶╸╺╼╾"),
    ("|", "│┃┆┇┊┋╎╏║╵╷╹╻╽╿▏▕"),
    ("#", "█▉▊▋▌▍▎▐"),
    (" ", "▀▁▂▃▄▅▆▇░▒▓▔"),
    ("'", "‘’′"),  # noqa: RUF001
    ('"', "“”″«»"),
    ("-", "–—‐‑−"),  # noqa: RUF001
    (".", "·•…"),
    ("*", "✓✔"),
    ("v", "↓▼▾"),
    ("x", "✗✘×"),  # noqa: RUF001
    ("^", "↑▲▴"),
    ("<", "←◀◂‹"),  # noqa: RUF001
    (">", "→▶▸›"),  # noqa: RUF001
)


def _ascii_table() -> dict[int, str]:
    table = {ord(c): ascii_char for ascii_char, chars in _ASCII_GROUPS for c in chars}
    for code in range(0x2500, 0x2580):  # every other box-drawing piece: corners, joints
        table.setdefault(code, "+")
    return table


def _cells_replacement(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from rich.cells import cell_len  # Textual has imported Rich already

    return "?" * cell_len(error.object[error.start : error.end]), error.end


def output_encoding() -> str:
    """The locale's encoding for the terminal, as Python chose it for standard output."""
    stream = sys.__stdout__
    name = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


def draws_boxes(encoding: str) -> bool:
    """Whether ``encoding`` has the box-drawing characters Textual's borders are made of."""
    try:
        "─│╭╮╰╯".encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


class TerminalOutput:
    """What Textual's writer thread writes to: the terminal, written to by descriptor.

    A write that fails (the terminal hung up: EIO) calls ``on_gone`` once, and everything
    after it is dropped, so the writer thread never dies and the app never blocks on it.
    """

    def __init__(self, fd: int, encoding: str, on_gone: Callable[[], None]) -> None:
        try:
            codecs.lookup_error(_ERRORS)
        except LookupError:
            codecs.register_error(_ERRORS, _cells_replacement)
        self._fd = fd
        self._encoding = encoding
        self._table = None if draws_boxes(encoding) else _ascii_table()
        self._on_gone = on_gone
        self._pending: list[str] = []
        self._size = 0
        self.gone = False

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not self.gone:
            self._pending.append(text)
            self._size += len(text)
            if self._size >= _FLUSH_AT:
                self.flush()
        return len(text)

    def flush(self) -> None:
        if not self._pending or self.gone:
            self._pending.clear()
            return
        text = "".join(self._pending)
        self._pending.clear()
        self._size = 0
        if self._table is not None:
            text = text.translate(self._table)
        data = memoryview(text.encode(self._encoding, _ERRORS))
        while data:
            try:
                written = os.write(self._fd, data)
            except BlockingIOError:  # someone left the terminal non-blocking: wait for room
                select.select((), (self._fd,), ())
                continue
            except OSError:
                self.gone = True
                self._on_gone()
                return
            data = data[written:]


class ReaderDriver(LinuxDriver):
    """Textual's Linux driver with an end-of-file watch the app owns (see the module)."""

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._gone = False
        self._ending = False
        stdout = sys.__stdout__
        out_fd = stdout.fileno() if stdout is not None else 1
        self.output = TerminalOutput(out_fd, output_encoding(), self._terminal_gone)
        self._file = cast(Any, self.output)  # what the writer thread writes to
        if self._size is None:  # App.size asks Rich otherwise: COLUMNS, and 80x25 for dumb
            self._size = self._get_terminal_size()
        for signum in ENDING_SIGNALS:
            # A signal the parent set to be ignored (nohup, ``trap "" HUP``) stays ignored:
            # the end-of-file watch is what ends the reader then.
            if signal.getsignal(signum) == signal.SIG_IGN:
                continue
            with suppress(ValueError, RuntimeError):  # not the main thread: the defaults
                self._loop.add_signal_handler(signum, self._end, 128 + signum)

    # -- ending ------------------------------------------------------------------------------

    def _terminal_gone(self) -> None:
        """From any thread: the terminal hung up, so end the app (once)."""
        if self._gone:
            return
        self._gone = True
        self.output.gone = True
        with suppress(RuntimeError):  # a closed loop: the app has ended already
            self._loop.call_soon_threadsafe(self._end, GONE_RETURN_CODE)

    def _end(self, return_code: int) -> None:
        """On the app's loop: exit as ``q`` does, which restores the terminal."""
        if not self._ending:
            self._ending = True
            self._app.exit(return_code=return_code)

    def write(self, data: str) -> None:
        writer = self._writer_thread
        if self._gone or writer is None or not writer.is_alive():
            return  # a dead terminal, or application mode never restarted: nothing to draw on
        writer.write(data)

    # -- application mode -------------------------------------------------------------------

    def start_application_mode(self) -> None:
        self._key_thread = None
        super().start_application_mode()  # type: ignore[no-untyped-call]
        # Textual returns early, reading nothing, when the terminal refuses its settings:
        # in the background it stops again and retries on the next SIGCONT, but a terminal
        # that has gone (resumed from ctrl+z or the editor after a hang-up) will never do.
        if self._key_thread is None and not self._terminal_alive():
            self._terminal_gone()

    def resume_application_mode(self) -> None:
        super().resume_application_mode()
        # Re-entering the alternate screen clears it, and Textual only draws what changed.
        if self._key_thread is not None and not self._gone:
            self._loop.call_soon_threadsafe(self._app.refresh)

    def _terminal_alive(self) -> bool:
        try:
            termios.tcgetattr(self.fileno)
        except termios.error:
            return False
        return True

    def _get_terminal_size(self) -> tuple[int, int]:
        """The size the terminal reports (TIOCGWINSZ) when it reports one, else Textual's."""
        for fd in (self.output.fileno(), self.fileno):
            try:
                width, height = os.get_terminal_size(fd)
            except OSError:
                continue
            if width > 0 and height > 0:
                return width, height
        return super()._get_terminal_size()

    # -- input ---------------------------------------------------------------------------------

    def _read(self) -> bytes | None:
        """What the terminal has to read; None once it is gone (end-of-file or an error)."""
        try:
            data = os.read(self.fileno, 4096)
        except BlockingIOError:
            return b""
        except OSError:
            return None
        return data or None

    def run_input_thread(self) -> None:
        """Textual's input loop, ending the app at end-of-file instead of spinning on it."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        try:
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    data = self._read()
                    if data is None:
                        self._terminal_gone()
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
