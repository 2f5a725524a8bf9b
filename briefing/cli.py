"""The ``briefing`` command: a thin layer that parses arguments and hands off.

The grammar (every command, option and help text) is ``briefing.commandline``; this module
runs what it parsed. A command is a row of ``commandline.COMMANDS`` and a runner in
:data:`RUNNERS`. Imports are deferred to the branch that needs them, so ``briefing check``
never pays for Textual, the reader never pays for the exporters, and plain ``briefing``
never imports argparse.

Every error line starts with ``briefing: error:`` (problems in a brief are
``path:line:col:`` lines instead), and paths are named as they were typed, or absolute.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

ERROR = "briefing: error:"


def _error(message: str) -> None:
    print(f"{ERROR} {message}", file=sys.stderr)


def _existing(paths: Sequence[Path]) -> list[Path] | None:
    """The PATHs given, else the default library; None (after saying why) when one is missing."""
    from briefing.paths import default_library_paths

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        from briefing.brief.sanitize import visible

        _error(f"no such file or folder: {visible(str(path))}")
    if missing:
        return None
    return list(paths) or default_library_paths()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args:  # the reader, with no parser: argparse is a tenth of the start-up budget
            return _run_reader(None)
        from briefing.commandline import NAMES

        if args[0] in NAMES:
            return _run_command(args[0], args[1:])
        return _run_reader(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_command(name: str, args: list[str]) -> int:
    from briefing.parsers import command_parser

    options = command_parser(name).parse_args(args)
    return RUNNERS[name](options)


# -- the commands (one runner per row of commandline.COMMANDS) ---------------------------------


def _check(options: argparse.Namespace) -> int:
    from briefing.brief.outcome import DEFAULT_MAX_BYTES
    from briefing.commands.check import check_stream, run_check

    max_bytes = options.max_bytes or DEFAULT_MAX_BYTES
    if any(str(path) == "-" for path in options.paths):
        if len(options.paths) > 1:
            _error("- (a brief on standard input) cannot be mixed with other paths")
            return 2
        return check_stream(
            sys.stdin.buffer,
            options.stdin_filename,
            strict=options.strict,
            fmt=options.format,
            max_bytes=max_bytes,
        )
    if options.stdin_filename is not None:
        _error("--stdin-filename names a brief read from standard input: add -")
        return 2
    paths = _existing(options.paths)
    if paths is None:
        return 2
    return run_check(
        paths,
        strict=options.strict,
        fmt=options.format,
        max_bytes=max_bytes,
        cache=not options.no_cache,
    )


def _show(options: argparse.Namespace) -> int:
    from briefing.commands.show import show_main

    library = _existing(options.library or [])
    if library is None:
        return 2
    return show_main(options.brief, options.format, options.output, library)


def _list(options: argparse.Namespace) -> int:
    from briefing.commands.show import list_main

    paths = _existing(options.paths)
    if paths is None:
        return 2
    return list_main(paths, options.format, options.sort)


def _draft(options: argparse.Namespace) -> int:
    from briefing.draft.scaffold import draft_main

    return draft_main(options.article, options.output)


def _schema(options: argparse.Namespace) -> int:
    import json

    from briefing.brief.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def _config(options: argparse.Namespace) -> int:
    from briefing.paths import config_path

    print(config_path())
    return 0


def _completion(options: argparse.Namespace) -> int:
    from briefing import completion

    if options.list_ids:
        return completion.print_ids()
    sys.stdout.write(completion.script(options.shell))
    return 0


def _help(options: argparse.Namespace) -> int:
    from briefing.parsers import print_help

    return print_help(options.topic)


RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "show": _show,
    "list": _list,
    "draft": _draft,
    "schema": _schema,
    "config": _config,
    "completion": _completion,
    "help": _help,
}


# -- the reader --------------------------------------------------------------------------------


NO_TERMINAL = (
    f"{ERROR} the reader needs a terminal on standard input and output; "
    "for text, use `briefing show BRIEF` or `briefing list`"
)


def _on_a_terminal() -> bool:
    """Whether standard input and output are a terminal; if not, say so in one line.

    Checked before Textual is imported or the prefetch helper started: without a terminal
    the reader would draw escape codes into a file or pipe, or read end-of-file for ever.
    """
    if os.isatty(0) and os.isatty(1):
        return True
    if sys.stderr is not None:
        with suppress(OSError):  # no stderr to speak of either: the exit status says it
            print(NO_TERMINAL, file=sys.stderr)
    return False


def _run_reader(args: list[str] | None) -> int:
    max_bytes = None
    if args:
        from briefing.parsers import reader_parser

        options = reader_parser().parse_args(args)
        max_bytes = options.max_bytes
        paths = _existing(options.paths)
    else:
        paths = _existing([])
    if paths is None:
        return 2
    if not _on_a_terminal():
        return 2
    from briefing.store.prefetch import Prefetch

    # Started before Textual is imported: the helper readies the first screen meanwhile.
    prefetch = Prefetch.start(paths, max_bytes)
    try:
        from briefing.ui.app import make_app

        app = make_app(paths, max_bytes=max_bytes, prefetch=prefetch)
        app.run()
    finally:
        if prefetch is not None:
            prefetch.cancel()
    return app.return_code or 0
