"""Putting text on a clipboard, and saying honestly where it went.

Two ways, both tried: the terminal's own clipboard escape (OSC 52, sent by the UI; over SSH
it is the only way) and a clipboard program of this machine (wl-copy, xclip, xsel,
pbcopy). Nothing confirms that a terminal honoured OSC 52, so it is reported as *sent*, not
as copied; and where it is known to be dropped (tmux, unless its ``set-clipboard`` option is
``on``) that is said too, so "copied" is never claimed when nothing could reach a clipboard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, NamedTuple

TOOLS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("wl-copy", ("wl-copy",), "WAYLAND_DISPLAY"),
    ("xclip", ("xclip", "-selection", "clipboard"), "DISPLAY"),
    ("xsel", ("xsel", "--clipboard", "--input"), "DISPLAY"),
    ("pbcopy", ("pbcopy",), None),
)
"""Name, command, and the variable that must be set for it to reach a display."""
TOOL_NAMES = ", ".join(name for name, _, _ in TOOLS)
TIMEOUT = 3.0
"""Seconds a clipboard program or tmux may take before it is given up on."""
TMUX_FIX = "tmux set -g set-clipboard on"

Terminal = Literal["sent", "tmux-on", "tmux-drops", "tmux-unknown", "screen"]
Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]


class Report(NamedTuple):
    tool: str | None
    """The program that took the text, or None."""
    tool_error: str | None
    """Why the program found did not take it (None when none was found, or it worked)."""
    terminal: Terminal
    """What became of the OSC 52 sequence sent to the terminal."""


def find_tool(env: Mapping[str, str]) -> tuple[str, tuple[str, ...]] | None:
    path = env.get("PATH", os.defpath)
    for name, command, display in TOOLS:
        if display is not None and not env.get(display):
            continue
        found = shutil.which(command[0], path=path)
        if found:
            return name, (found, *command[1:])
    return None


def _run_tool(command: Sequence[str], text: str, env: Mapping[str, str], run: Runner) -> str | None:
    """None when the program took the text, else why not.

    Its output goes to a file, not a pipe: xclip and wl-copy leave a process behind to serve
    the clipboard, which would hold a pipe open and make this wait for the timeout.
    """
    with tempfile.TemporaryFile() as errors:
        try:
            done = run(
                list(command),
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=dict(env),
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"no answer within {TIMEOUT:g} s"
        except OSError as error:
            return error.strerror or str(error)
        if done.returncode == 0:
            return None
        errors.seek(0)
        said = errors.read(500).decode("utf-8", "replace").strip().splitlines()
        return said[0] if said else f"exit status {done.returncode}"


def terminal_fate(env: Mapping[str, str], run: Runner = subprocess.run) -> Terminal:
    """What a multiplexer between the app and the terminal does with OSC 52."""
    if env.get("TMUX"):
        try:
            done = run(
                ["tmux", "show-options", "-gv", "set-clipboard"],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                env=dict(env),
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return "tmux-unknown"
        value = done.stdout.decode("utf-8", "replace").strip()
        if done.returncode != 0 or not value:
            return "tmux-unknown"
        return "tmux-on" if value == "on" else "tmux-drops"  # "external" (the default), "off"
    if env.get("STY"):
        return "screen"
    return "sent"


def copy(text: str, env: Mapping[str, str], run: Runner = subprocess.run) -> Report:
    """Give ``text`` to this machine's clipboard program, if any, and find out what becomes
    of the OSC 52 sequence the UI sends; blocking (up to a few seconds): call from a thread."""
    tool = find_tool(env)
    error = None if tool is None else _run_tool(tool[1], text, env, run)
    return Report(tool[0] if tool else None, error, terminal_fate(env, run))


def describe(report: Report, what: str) -> tuple[str, str, bool]:
    """(title, message, is_warning) for the notification: where the text went, plainly."""
    copied = report.tool is not None and report.tool_error is None
    terminal = {
        "sent": "sent to the terminal (OSC 52), which copies it if it supports that",
        "tmux-on": "sent to tmux (OSC 52, set-clipboard on)",
        "tmux-drops": f"tmux drops the terminal copy (OSC 52); to let it through: {TMUX_FIX}",
        "tmux-unknown": f"sent to the terminal (OSC 52), may be dropped by tmux: {TMUX_FIX}",
        "screen": "sent to the terminal (OSC 52), which GNU screen may drop",
    }[report.terminal]
    if report.tool is None:
        tool = f"no clipboard program found ({TOOL_NAMES})"
    elif report.tool_error is not None:
        tool = f"{report.tool} failed: {report.tool_error}"
    else:
        tool = f"copied with {report.tool}"
    if copied:
        return f"Copied {what}", f"{tool}; {terminal}", False
    if report.terminal == "tmux-drops":
        return (
            f"{what.capitalize()} not copied",
            f"Nothing reached a clipboard: {tool}; {terminal}",
            True,
        )
    # tmux with set-clipboard on keeps the text in its own buffer (and passes it on).
    where = "tmux" if report.terminal == "tmux-on" else "the terminal"
    uncertain = report.terminal not in ("sent", "tmux-on") or report.tool_error is not None
    return f"{what.capitalize()} sent to {where}", f"{terminal}; {tool}", uncertain


def notice(text: str, what: str) -> tuple[str, str, Literal["information", "warning"]]:
    """Copy ``text`` (see :func:`copy`) and word the notice: title, message, severity."""
    title, message, warning = describe(copy(text, os.environ), what)
    shown = text if len(text) <= 120 else text[:117] + "…"
    return title, f"{message}\n\n{shown}", "warning" if warning else "information"
