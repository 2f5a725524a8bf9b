"""The ``briefing`` command: a thin layer that parses arguments and hands off.

Imports are deferred to the branch that needs them, so ``briefing check`` never
pays for Textual and the reader never pays for the exporters.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import __version__

if TYPE_CHECKING:
    import argparse

COMMANDS = ("check", "schema", "show", "list", "actors", "actor", "timeline", "draft")

READER_USAGE = """\
briefing [PATH ...]           read briefs (default: the library, see --library)
briefing check [PATH ...]     validate briefs; one path:line:col line per problem
briefing show BRIEF           print a brief as text, markdown, json or html
briefing list [QUERY ...]     one line per brief, filtered and sorted
briefing actors [QUERY ...]   one line per person or organisation across the library
briefing actor NAME           everything the library holds on one person or organisation
briefing timeline [QUERY ...] every timeline entry of the library, in date order
briefing draft ARTICLE.txt    scaffold a new brief from an article
briefing schema               print the JSON Schema of the brief format

The library: --library PATH, else $BRIEFING_LIBRARY, else library = "..." in
config.toml, else ./briefs, else the library shipped with briefing.
"""


def _new_parser(
    prog: str, usage: str | None = None, description: str | None = None
) -> argparse.ArgumentParser:
    """A parser whose errors print the usage and exit 2.

    argparse is imported here, not at the top: plain ``briefing`` never parses anything.
    """
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: error: {message}\n")

    return _Parser(prog=prog, usage=usage, description=description)


def _size(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _reader_parser() -> argparse.ArgumentParser:
    parser = _new_parser(
        prog="briefing",
        usage=READER_USAGE,
        description="A terminal reader for YAML news briefs.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--max-bytes", type=_size, default=None, help="largest brief file read")
    _add_library(parser)
    return parser


def _add_library(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        type=Path,
        action="append",
        metavar="PATH",
        help="the library (default: $BRIEFING_LIBRARY, config.toml, ./briefs, the shipped one)",
    )


def _add_query(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "query",
        nargs="*",
        metavar="QUERY",
        help=f"{what}: words, tag:X actor:X outlet:X after:DATE before:DATE is:new, -X excludes",
    )


def _command_parser(command: str) -> argparse.ArgumentParser:
    parser = _new_parser(prog=f"briefing {command}")
    if command == "check":
        parser.description = "Validate brief files and folders (default ./briefs)."
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        parser.add_argument(
            "--strict", action="store_true", help="warnings and unverified quotes are errors"
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--max-bytes", type=_size, default=None)
        _add_library(parser)
    elif command == "schema":
        parser.description = "Print the JSON Schema of brief format v1."
    elif command == "show":
        parser.description = "Print one brief, for pipes, files and screen readers."
        parser.add_argument("brief", metavar="BRIEF", help="a brief id or a file path")
        parser.add_argument("--format", choices=("text", "markdown", "json", "html"))
        parser.add_argument("-o", "--output", type=Path, metavar="FILE")
        _add_library(parser)
    elif command == "list":
        parser.description = "One line per brief of the library that matches the query."
        _add_query(parser, "which briefs")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument(
            "--sort", choices=("date", "title", "changed", "id"), default="date",
            help="date: newest first, undated last (the default); changed: on disk",
        )  # fmt: skip
        _add_library(parser)
    elif command == "actors":
        parser.description = "One line per person or organisation, across the library."
        _add_query(parser, "which actors (words match names) and in which briefs")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        _add_library(parser)
    elif command == "actor":
        parser.description = "Every brief, quote, question and event of one actor."
        parser.add_argument("name", metavar="NAME-OR-ENTITY")
        parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
        _add_library(parser)
    elif command == "timeline":
        parser.description = "Every timeline entry of the matching briefs, in date order."
        _add_query(parser, "which briefs")
        parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
        _add_library(parser)
    elif command == "draft":
        parser.description = "Scaffold a new brief from an article's text."
        parser.add_argument("article", type=Path, metavar="ARTICLE.txt")
        parser.add_argument("-o", "--output", type=Path, metavar="FILE")
    return parser


def _library(paths: Sequence[Path], library: Sequence[Path] | None, prog: str) -> list[Path] | None:
    """PATHs named on the command line, else the library by the rule of
    ``briefing.paths.choose_library``; None (after one line on stderr) when unusable."""
    if paths:
        missing = [p for p in paths if not p.exists()]
        for path in missing:
            print(f"{prog}: error: no such file or folder: {path}", file=sys.stderr)
        return None if missing else list(paths)
    from briefing.paths import choose_library

    def read_config(path: Path) -> tuple[str | None, list[str]]:
        from briefing.config import library_setting  # only when there is a config file

        return library_setting(path)

    choice = choose_library(
        library or (), read_config=read_config, warn=lambda line: print(line, file=sys.stderr)
    )
    problem = choice.problem()
    if problem is not None:
        print(f"{prog}: error: {problem}", file=sys.stderr)
        return None
    return choice.paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return _run_command(args[0], args[1:])
        return _run_reader(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


_QUERY_COMMANDS = ("list", "actors", "timeline")
_VALUED = ("--format", "--sort", "--library")


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


def _run_command(command: str, args: list[str]) -> int:
    if command in _QUERY_COMMANDS:
        args = _query_last(args)
    options = _command_parser(command).parse_args(args)
    if command == "schema":
        import json

        from briefing.brief.schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    if command == "check":
        from briefing.brief.loader import DEFAULT_MAX_BYTES
        from briefing.commands.check import run_check

        paths = _library(options.paths, options.library, "briefing check")
        if paths is None:
            return 2
        return run_check(
            paths,
            strict=options.strict,
            fmt=options.format,
            max_bytes=options.max_bytes or DEFAULT_MAX_BYTES,
        )
    if command == "show":
        from briefing.commands.show import show_main

        library = _library([], options.library, "briefing show")
        if library is None:
            return 2
        return show_main(options.brief, options.format, options.output, library)
    if command in ("list", "actors", "actor", "timeline"):
        from briefing.commands import library as across

        paths = _library([], options.library, f"briefing {command}")
        if paths is None:
            return 2
        if command == "list":
            return across.list_main(paths, options.query, options.format, options.sort)
        if command == "actors":
            return across.actors_main(paths, options.query, options.format)
        if command == "actor":
            return across.actor_main(paths, options.name, options.format)
        return across.timeline_main(paths, options.query, options.format)
    from briefing.draft.scaffold import draft_main

    return draft_main(options.article, options.output)


def _run_reader(args: list[str]) -> int:
    max_bytes = None
    if args:  # plain ``briefing`` needs no parser: argparse is a tenth of the start-up budget
        options = _reader_parser().parse_args(args)
        max_bytes = options.max_bytes
        paths = _library(options.paths, options.library, "briefing")
    else:
        paths = _library([], None, "briefing")
    if paths is None:
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
