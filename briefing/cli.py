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

COMMANDS = ("check", "schema", "show", "list", "draft")

READER_USAGE = """\
briefing [PATH ...]           read briefs (default: ./briefs, else the shipped library)
briefing check [PATH ...]     validate briefs; one path:line:col line per problem
briefing show BRIEF           print a brief as text, markdown, json or html
briefing list [PATH ...]      one line per brief
briefing draft ARTICLE.txt    scaffold a new brief from an article
briefing schema               print the JSON Schema of the brief format
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
    return parser


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
        parser.add_argument(
            "--no-cache",
            action="store_true",
            help="judge every file again instead of reusing the verdicts of earlier runs",
        )
    elif command == "schema":
        parser.description = "Print the JSON Schema of brief format v1."
    elif command == "show":
        parser.description = "Print one brief, for pipes, files and screen readers."
        parser.add_argument("brief", metavar="BRIEF", help="a brief id or a file path")
        parser.add_argument("--format", choices=("text", "markdown", "json", "html"))
        parser.add_argument("-o", "--output", type=Path, metavar="FILE")
        parser.add_argument(
            "--library",
            type=Path,
            action="append",
            metavar="PATH",
            help="where to look up ids (default: ./briefs or the shipped one)",
        )
    elif command == "list":
        parser.description = "One line per brief."
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--sort", choices=("id", "date", "title"), default="id")
    elif command == "draft":
        parser.description = "Scaffold a new brief from an article's text."
        parser.add_argument("article", type=Path, metavar="ARTICLE.txt")
        parser.add_argument("-o", "--output", type=Path, metavar="FILE")
    return parser


def _existing(paths: Sequence[Path], prog: str) -> list[Path] | None:
    from briefing.paths import default_library_paths

    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"{prog}: error: no such file or folder: {path}", file=sys.stderr)
        return None
    return list(paths) or default_library_paths()


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


def _run_command(command: str, args: list[str]) -> int:
    options = _command_parser(command).parse_args(args)
    if command == "schema":
        import json

        from briefing.brief.schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    if command == "check":
        from briefing.brief.outcome import DEFAULT_MAX_BYTES
        from briefing.commands.check import run_check

        paths = _existing(options.paths, "briefing check")
        if paths is None:
            return 2
        return run_check(
            paths,
            strict=options.strict,
            fmt=options.format,
            max_bytes=options.max_bytes or DEFAULT_MAX_BYTES,
            cache=not options.no_cache,
        )
    if command == "show":
        from briefing.commands.show import show_main

        library = _existing(options.library or [], "briefing show")
        if library is None:
            return 2
        return show_main(options.brief, options.format, options.output, library)
    if command == "list":
        from briefing.commands.show import list_main

        paths = _existing(options.paths, "briefing list")
        if paths is None:
            return 2
        return list_main(paths, options.format, options.sort)
    from briefing.draft.scaffold import draft_main

    return draft_main(options.article, options.output)


def _run_reader(args: list[str]) -> int:
    max_bytes = None
    if args:  # plain ``briefing`` needs no parser: argparse is a tenth of the start-up budget
        options = _reader_parser().parse_args(args)
        max_bytes = options.max_bytes
        paths = _existing(options.paths, "briefing")
    else:
        paths = _existing([], "briefing")
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
