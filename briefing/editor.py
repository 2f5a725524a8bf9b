"""Which editor to start for a brief, and how to tell the user when it cannot start.

The UI suspends itself around :func:`run_editor`; everything here is plain
subprocess work so it can be tested without a terminal. Nothing here raises for
a bad ``$EDITOR``: a reader that crashes because an environment variable is odd
would lose the user's place for no reason.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

DEFAULT_EDITOR = "vi"

# Editors that accept ``+LINE FILE`` (terminal editors, plus emacsclient and gvim).
_PLUS_LINE = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "nvi",
        "view",
        "gvim",
        "mvim",
        "nano",
        "pico",
        "emacs",
        "emacsclient",
        "micro",
        "kak",
        "hx",
        "helix",
    }
)
# GUI vims fork and return at once unless told to stay in the foreground.
_FOREGROUND_FLAG = {"gvim": "-f", "mvim": "-f"}
# VS Code and its forks: ``-g FILE:LINE``, and ``--wait`` or they return at once.
_GOTO_WAIT = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor"})

OutcomeKind = Literal["ok", "not_found", "not_permitted", "os_error", "failed", "signalled"]

_SET_EDITOR_HINT = "Set $VISUAL or $EDITOR to an editor that is installed."


@dataclass(frozen=True, slots=True)
class EditorOutcome:
    """What happened to one editor run; ``message`` is ready to show the user."""

    kind: OutcomeKind
    command: tuple[str, ...] = ()
    returncode: int | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def _editor_name(argv0: str) -> str:
    """``/usr/bin/vim.basic`` -> ``vim``; ``NVIM.EXE`` -> ``nvim``."""
    name = os.path.basename(argv0).lower()
    if name.endswith(".exe"):
        name = name[: -len(".exe")]
    if name not in _PLUS_LINE and name not in _GOTO_WAIT and "." in name:
        # Debian's alternatives: vim.basic, vim.tiny, vim.gtk3 ...
        name = name.split(".", 1)[0]
    return name


def _configured_editor(env: Mapping[str, str]) -> list[str]:
    for var in ("VISUAL", "EDITOR"):
        raw = env.get(var, "").strip()
        if not raw:
            continue
        try:
            argv = shlex.split(raw)
        except ValueError:
            # An unbalanced quote: whitespace-splitting still names the program,
            # and a missing program gets a clear message later.
            argv = raw.split()
        if argv:
            return argv
    return [DEFAULT_EDITOR]


def editor_command(path: Path, line: int, env: Mapping[str, str]) -> list[str]:
    """The argv that opens ``path`` at ``line`` in the user's editor.

    The file is passed as an absolute path so that a name starting with ``-`` or
    ``+`` can never be read as an option, and the editor's working folder does
    not matter.
    """
    argv = _configured_editor(env)
    line = max(1, line)
    target = str(path.absolute())
    name = _editor_name(argv[0])
    if name in _PLUS_LINE:
        extra = [flag for n, flag in _FOREGROUND_FLAG.items() if n == name and flag not in argv]
        tail = [*extra, f"+{line}", target]
        if "--" in argv[1:]:
            # "+LINE" after "--" would be a file name: keep it among the options.
            cut = argv.index("--", 1)
            return [*argv[:cut], *tail[:-1], *argv[cut:], target]
        return [*argv, *tail]
    if name in _GOTO_WAIT:
        goto = [] if ("-g" in argv or "--goto" in argv) else ["-g"]
        wait = [] if ("--wait" in argv or "-w" in argv) else ["--wait"]
        return [*argv, *goto, f"{target}:{line}", *wait]
    return [*argv, target]


def preflight(cmd: Sequence[str]) -> EditorOutcome | None:
    """A failure we can see without starting anything, or None.

    Checked before the UI suspends itself, so a missing editor gives a
    notification instead of a flash of the bare terminal.
    """
    if not cmd:
        return EditorOutcome("not_found", (), None, f"No editor command. {_SET_EDITOR_HINT}")
    program = cmd[0]
    if shutil.which(program) is not None:
        return None
    if os.sep in program and os.path.isfile(program):
        return EditorOutcome(
            "not_permitted",
            tuple(cmd),
            None,
            f"Editor {program!r} is not executable (permission denied). {_SET_EDITOR_HINT}",
        )
    return EditorOutcome(
        "not_found", tuple(cmd), None, f"Editor {program!r} not found. {_SET_EDITOR_HINT}"
    )


def run_editor(cmd: Sequence[str]) -> EditorOutcome:
    """Run the editor in the foreground and wait for it; never raises for a bad editor."""
    command = tuple(cmd)
    if not command:
        return EditorOutcome("not_found", (), None, f"No editor command. {_SET_EDITOR_HINT}")
    program = command[0]
    try:
        returncode = subprocess.call(command)
    except FileNotFoundError:
        return EditorOutcome(
            "not_found", command, None, f"Editor {program!r} not found. {_SET_EDITOR_HINT}"
        )
    except PermissionError:
        return EditorOutcome(
            "not_permitted",
            command,
            None,
            f"Editor {program!r} could not be started (permission denied). {_SET_EDITOR_HINT}",
        )
    except OSError as error:
        reason = error.strerror or str(error)
        return EditorOutcome(
            "os_error", command, None, f"Editor {program!r} could not be started: {reason}."
        )
    if returncode == 0:
        return EditorOutcome("ok", command, 0, None)
    if returncode < 0:
        try:
            signame = signal.Signals(-returncode).name
        except ValueError:
            signame = f"signal {-returncode}"
        return EditorOutcome(
            "signalled", command, returncode, f"Editor {program!r} was stopped by {signame}."
        )
    return EditorOutcome(
        "failed", command, returncode, f"Editor {program!r} exited with status {returncode}."
    )
