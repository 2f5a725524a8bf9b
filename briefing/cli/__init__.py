"""The ``briefing`` command: a thin layer that parses arguments and hands off.

The grammar (every command, option and help text) is ``briefing.cli.commandline``; this module
runs what it parsed. A command is a row of ``commandline.COMMANDS`` and a runner in
:data:`RUNNERS`. Imports are deferred to the branch that needs them, so ``briefing check``
never pays for Textual, the reader never pays for the exporters, and the reader given
no options (``briefing``, ``briefing PATH ...``) never imports argparse.

Every error line starts with ``briefing: error:`` (problems in a brief are
``path:line:col:`` lines instead), and paths are named as they were typed, or absolute.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from briefing import say
from briefing.cli.names import COMMAND_NAMES

if TYPE_CHECKING:
    import argparse


def _existing(paths: Sequence[Path]) -> list[Path] | None:
    """The PATHs given (None, after saying why, when one is missing)."""
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        from briefing.brief.sanitize import visible

        say.error(f"no such file or folder: {visible(str(path))}")
    return None if missing else list(paths)


def _library(
    paths: Sequence[Path], library: Sequence[Path] | None, *, quiet: bool = False
) -> list[Path] | None:
    """PATHs named on the command line, else the library by the rule of
    ``briefing.paths.choose_library`` (``--library``, ``$BRIEFING_LIBRARY``, config.toml,
    ./briefs, the shipped one); None (after one line saying why) when it is unusable.
    ``quiet``: no line at all, for shell completion, which must not write over the prompt."""
    if paths:
        return _existing(paths)
    from briefing.paths import choose_library

    def read_config(path: Path) -> tuple[str | None, list[str]]:
        from briefing.config import library_setting  # only when there is a config file

        return library_setting(path)

    def warn(line: str) -> None:
        if not quiet:
            print(line, file=sys.stderr)

    choice = choose_library(library or (), read_config=read_config, warn=warn)
    problem = choice.problem()
    if problem is not None and quiet:
        return None
    if problem is not None:
        from briefing.brief.sanitize import visible

        say.error(visible(problem))
        return None
    return choice.paths


def main(argv: Sequence[str] | None = None) -> int:
    """The command; ``argv`` None means this process is the command (its entry point, or
    ``python -m briefing``), which then ends as soon as the reader is done."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        reader = not args or args[0] not in COMMAND_NAMES
        code = _run_reader(args) if reader else _run_command(args[0], args[1:])
        sys.stdout.flush()  # here, where a failure can still be reported
        if reader and argv is None:
            _end_after_reader(code)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except OSError as error:  # the output itself failed: a full disk, a closed terminal
        _drop_stdout()
        where = f" {error.filename}" if error.filename else " the output"
        say.error(f"cannot write{where}: {error.strerror or error}")
        return 1


def _end_after_reader(code: int) -> NoReturn:
    """End the process with ``code`` now, without the interpreter's clean-up.

    When the reader returns, its screen is given back, its workers have finished (Textual
    joins their threads), the index has committed what it wrote, and its helpers are
    stopped: what is left is freeing every object one by one, which a large library makes
    long, with the user waiting for the shell prompt. Only the output streams hold anything
    unwritten.
    """
    with suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _drop_stdout() -> None:
    """Send what is left of stdout nowhere, so the interpreter's own last flush cannot fail
    again (and print a traceback) on its way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _run_command(name: str, args: list[str]) -> int:
    from briefing.cli.parsers import command_parser

    if name in _QUERY_COMMANDS:
        args = _query_last(args)
    options = command_parser(name).parse_args(args)
    return RUNNERS[name](options)


_QUERY_COMMANDS = ("list", "actors", "timeline", "site")
_VALUED = ("--format", "--sort", "--library", "-o", "--output", "--title", "--max-bytes")


def _query_last(args: list[str]) -> list[str]:
    """``args`` with the query's words after ``--``, so that ``-tag:draft`` or ``-hamas``
    is a word excluded from the query, not an option argparse does not know."""
    options: list[str] = []
    query: list[str] = []
    words = iter(args)
    for arg in words:
        if arg == "--":
            query.extend(words)
        elif arg in _VALUED:
            options.append(arg)
            value = next(words, None)
            if value is not None:  # else argparse says the value is missing
                options.append(value)
        elif arg.startswith(tuple(f"{o}=" for o in _VALUED)) or arg in ("-h", "--help"):
            options.append(arg)
        elif arg.startswith("--"):
            options.append(arg)  # argparse names the unknown option
        else:
            query.append(arg)
    return [*options, "--", *query] if query else options


# -- the commands (one runner per row of commandline.COMMANDS) ---------------------------------


def _check(options: argparse.Namespace) -> int:
    from briefing.brief.outcome import DEFAULT_MAX_BYTES
    from briefing.commands.check import check_stream, run_check

    max_bytes = options.max_bytes or DEFAULT_MAX_BYTES
    if any(str(path) == "-" for path in options.paths):
        if len(options.paths) > 1:
            say.error("- (a brief on standard input) cannot be mixed with other paths")
            return 2
        return check_stream(
            sys.stdin.buffer,
            options.stdin_filename,
            strict=options.strict,
            fmt=options.format,
            max_bytes=max_bytes,
        )
    if options.stdin_filename is not None:
        say.error("--stdin-filename names a brief read from standard input: add -")
        return 2
    paths = _library(options.paths, options.library)
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

    return _in_library(
        options, lambda paths: show_main(options.brief, options.format, options.output, paths)
    )


def _in_library(options: argparse.Namespace, run: Callable[[list[Path]], int]) -> int:
    """``run`` on the library (``--library`` or the rule), or 2 when it is unusable."""
    paths = _library([], options.library)
    return 2 if paths is None else run(paths)


def _list(options: argparse.Namespace) -> int:
    from briefing.commands.library import list_main

    return _in_library(
        options, lambda paths: list_main(paths, options.query, options.format, options.sort)
    )


def _actors(options: argparse.Namespace) -> int:
    from briefing.commands.library import actors_main

    return _in_library(options, lambda paths: actors_main(paths, options.query, options.format))


def _actor(options: argparse.Namespace) -> int:
    from briefing.commands.library import actor_main

    return _in_library(options, lambda paths: actor_main(paths, options.name, options.format))


def _timeline(options: argparse.Namespace) -> int:
    from briefing.commands.library import timeline_main

    return _in_library(options, lambda paths: timeline_main(paths, options.query, options.format))


def _draft(options: argparse.Namespace) -> int:
    from briefing.draft.scaffold import draft_main

    return draft_main(options.article, options.output)


def _site(options: argparse.Namespace) -> int:
    from briefing.brief.sanitize import visible
    from briefing.commands.library import query_text
    from briefing.search.query import parse
    from briefing.site.command import site_main

    text = query_text(options.query)
    query = parse(text)
    for error in query.errors:  # as briefing list says them: a usage error
        say.error(f"{visible(error.message)}: {visible(text[error.start : error.end])}")
    if query.errors:
        return 2
    return _in_library(
        options,
        lambda paths: site_main(
            paths,
            options.output,
            query=query if text else None,
            title=options.title,
            max_bytes=options.max_bytes,
        ),
    )


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
    from briefing.cli import completion

    if options.list_ids:  # the ids of the library every command reads
        paths = _library((), None, quiet=True)
        return completion.print_ids(paths) if paths else 0
    sys.stdout.write(completion.script(options.shell))
    return 0


def _help(options: argparse.Namespace) -> int:
    from briefing.cli.parsers import print_help

    return print_help(options.topic)


RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "show": _show,
    "list": _list,
    "actors": _actors,
    "actor": _actor,
    "timeline": _timeline,
    "draft": _draft,
    "site": _site,
    "schema": _schema,
    "config": _config,
    "completion": _completion,
    "help": _help,
}


# -- the reader --------------------------------------------------------------------------------


NO_TERMINAL = (
    f"{say.ERROR} the reader needs a terminal on standard input and output; "
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


def _run_reader(args: list[str]) -> int:
    """The reader on what ``args`` give: nothing, PATHs, or options."""
    if not args:  # no parser: argparse is a tenth of the start-up budget
        return _run_reader_on(_library([], None), None)
    if not any(arg.startswith("-") for arg in args):
        # PATHs alone: what the parser would make of them, without importing it.
        return _run_reader_on(_library([Path(arg) for arg in args], None), None)
    from briefing.cli.parsers import reader_parser

    options = reader_parser().parse_args(args)
    return _run_reader_on(_library(options.paths, options.library), options.max_bytes)


def _run_reader_on(paths: list[Path] | None, max_bytes: int | None) -> int:
    if paths is None:
        return 2
    if not _on_a_terminal():
        return 2
    from briefing.store.prefetch import Prefetch, Ready, first_screen

    # Before Textual is imported: the helper readies the first screen meanwhile, unless the
    # library is small and the index holds it, when reading it here costs less.
    first = first_screen()
    prefetch = Ready.here(paths, max_bytes, first) or Prefetch.start(paths, max_bytes, first)
    try:
        from briefing.ui.app import make_app

        app = make_app(paths, max_bytes=max_bytes, prefetch=prefetch)
        app.run()
    finally:
        if prefetch is not None:
            prefetch.cancel()
    return app.return_code or 0
