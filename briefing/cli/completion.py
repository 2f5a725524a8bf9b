"""``briefing completion SHELL``: bash, zsh and fish scripts generated from the one parser.

shtab writes static scripts from ``briefing.cli.parsers.build_parser()``, so a completion
costs the shell nothing but the script, except for brief ids: those are listed by
``briefing completion SHELL --list-ids``, which walks the library folders (no brief is
parsed, and shtab is not imported: it runs on every TAB). Imported only
by the ``completion`` command.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from briefing.cli.commandline import COMMANDS, PROG
from briefing.cli.parsers import build_parser, subparsers

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    import shtab

LIST_IDS = f"{PROG} completion bash --list-ids 2>/dev/null"


def _completions(kind: str) -> shtab.CompleteType | None:
    import shtab

    if kind == "file":
        return shtab.FILE
    if kind == "directory":
        return shtab.DIRECTORY
    if kind == "brief":
        return shtab.cmd(LIST_IDS)
    return None


def _attach(parser: argparse.ArgumentParser) -> None:
    """Turn each argument's ``complete_kind`` (set by commandline) into shtab's ``complete``."""
    for action in parser._actions:
        kind = getattr(action, "complete_kind", None)
        complete = _completions(kind) if kind else None
        if complete is not None:
            action.complete = complete  # type: ignore[attr-defined]
    for sub in subparsers(parser).values():
        _attach(sub)


def script(shell: str) -> str:
    import shtab

    parser = build_parser()
    _attach(parser)
    commands = subparsers(parser)
    for command in COMMANDS:  # the shells show a command's one-line summary beside it
        commands[command.name].description = command.summary
    # The first word is a command or the reader's PATH. fish offers both as it is; shtab's
    # bash script needs the commands as choices beside the files, and its zsh script offers
    # nothing but PATHs unless PATH is left out, and files are added to the commands.
    paths = next(action for action in parser._actions if action.dest == "paths")
    if shell == "bash":
        del paths.complete  # type: ignore[attr-defined]
        paths.choices = [*commands, *shtab.Optional.FILE]
    elif shell == "zsh":
        paths.help = argparse.SUPPRESS
    text = shtab.complete(parser, shell=shell)
    if shell == "zsh":
        listed = f"  _describe '{PROG} commands' _commands\n"
        if listed not in text:
            raise RuntimeError("shtab's zsh script changed: the commands list was not found")
        text = text.replace(listed, listed + "  _files  # or the reader's PATH\n", 1)
    return text if text.endswith("\n") else text + "\n"


def print_ids(paths: Sequence[Path]) -> int:
    """The brief ids of the library at ``paths``, one a line, for completing BRIEF."""
    from briefing.store.library import Library

    for ident, _path in Library(paths).discover_text():
        if ident.isprintable() and not ident.startswith("-"):
            sys.stdout.write(ident + "\n")
    return 0
