"""The arguments several commands share, for the grammar in ``briefing.cli.commandline``.

Building blocks only: each adds an argument to a parser, with its help text and, for the
completion scripts, what it completes. Nothing here runs a command or reads a file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

MAX_BYTES_DEFAULT = 5_000_000  # briefing.brief.outcome.DEFAULT_MAX_BYTES, not imported here


def byte_count(text: str) -> int:
    """An argument type: a whole number of bytes, more than 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def complete(action: argparse.Action, kind: str) -> argparse.Action:
    """Tell the completion scripts what an argument takes: ``file``, ``directory``, ``brief``.

    An attribute shtab reads (``complete``), set when the scripts are generated
    (``briefing.cli.completion``); here it is only a name, so building the parser imports nothing.
    """
    action.complete_kind = kind  # type: ignore[attr-defined]
    return action


def add_paths(parser: argparse.ArgumentParser, default: str) -> None:
    complete(
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            metavar="PATH",
            help=f"brief files, or folders searched for *.yaml and *.yml (default: {default})",
        ),
        "file",
    )


def add_max_bytes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=byte_count,
        default=None,
        metavar="BYTES",
        help=f"largest brief file read, in bytes (default: {MAX_BYTES_DEFAULT:,}); "
        "a larger file is reported as a problem, not read",
    )


def add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...], what: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"{what} (default: {choices[0]}); json is described in docs/json-output.md",
    )


def add_output(parser: argparse.ArgumentParser, help: str) -> None:
    complete(parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=help), "file")


LIBRARY_RULE = (
    "$BRIEFING_LIBRARY, else library in config.toml, else ./briefs, else the library "
    "shipped with briefing"
)


def add_library(parser: argparse.ArgumentParser) -> None:
    complete(
        parser.add_argument(
            "--library",
            type=Path,
            action="append",
            metavar="PATH",
            help=f"the library: a folder or file, repeatable (default: {LIBRARY_RULE})",
        ),
        "file",
    )


def add_query(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "query",
        nargs="*",
        metavar="QUERY",
        help=f"{what}: words, and filters tag:X actor:X entity:KEY outlet:X after:DATE "
        "before:DATE is:new; a leading - excludes (see the README)",
    )
