"""The command line's grammar: every command, option and help text.

``briefing.parsers`` builds the one argparse parser from it, which gives ``--help``,
``briefing help COMMAND``, the shell completion scripts (``briefing.completion``) and the
man page (``briefing.manpage``); ``briefing.cli`` runs what it parses. A command is one
row of :data:`COMMANDS`: its name, what it does, a function adding its arguments, and its
exit statuses. Nothing here runs a command or reads a file.

Plain ``briefing`` (no arguments) never imports this module: argparse alone is a tenth
of the reader's start-up budget.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from briefing import __version__

PROG = "briefing"
ERROR = f"{PROG}: error:"
"""How every error line this program prints begins (problems in files use path:line:col)."""
MAX_BYTES_DEFAULT = 5_000_000  # briefing.brief.outcome.DEFAULT_MAX_BYTES, not imported here
SHELLS = ("bash", "zsh", "fish")


class Exit(NamedTuple):
    status: int
    meaning: str


USAGE_ERROR = Exit(
    2, "a usage error: an unknown option, a missing argument, a path that is not there"
)
INTERRUPTED = Exit(130, "interrupted (ctrl+c)")


class Command(NamedTuple):
    name: str
    summary: str
    """One line, in the list of commands."""
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    exits: tuple[Exit, ...]
    """Statuses particular to the command; a usage error (2) and ctrl+c (130) apply to all."""


# -- shared arguments --------------------------------------------------------------------------


def byte_count(text: str) -> int:
    """An argument type: a whole number of bytes, more than 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _complete(action: argparse.Action, kind: str) -> argparse.Action:
    """Tell the completion scripts what an argument takes: ``file``, ``directory``, ``brief``.

    An attribute shtab reads (``complete``), set when the scripts are generated
    (``briefing.completion``); here it is only a name, so building the parser imports nothing.
    """
    action.complete_kind = kind  # type: ignore[attr-defined]
    return action


def _add_paths(parser: argparse.ArgumentParser, default: str) -> None:
    _complete(
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            metavar="PATH",
            help=f"brief files, or folders searched for *.yaml and *.yml (default: {default})",
        ),
        "file",
    )


def _add_max_bytes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=byte_count,
        default=None,
        metavar="BYTES",
        help=f"largest brief file read, in bytes (default: {MAX_BYTES_DEFAULT:,}); "
        "a larger file is reported as a problem, not read",
    )


def _add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...], what: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"{what} (default: {choices[0]}); json is described in docs/json-output.md",
    )


def _add_output(parser: argparse.ArgumentParser, help: str) -> None:
    _complete(parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=help), "file")


def _add_library(parser: argparse.ArgumentParser) -> None:
    _complete(
        parser.add_argument(
            "--library",
            type=Path,
            action="append",
            metavar="PATH",
            help="where to look up ids: a folder or file, repeatable "
            "(default: ./briefs, else the library shipped with briefing)",
        ),
        "file",
    )


# -- the commands ------------------------------------------------------------------------------


def _check(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser, "./briefs, else the shipped library; - reads one brief from stdin")
    parser.add_argument(
        "--strict", action="store_true", help="warnings and unverified quotes count as errors"
    )
    _add_format(parser, ("text", "json"), "one path:line:col line per problem, or json")
    _add_max_bytes(parser)
    _complete(
        parser.add_argument(
            "--stdin-filename",
            type=Path,
            metavar="PATH",
            help="with -: the name problems are reported under, and the folder the brief's "
            "article files are found from (default: <stdin>, in the current folder)",
        ),
        "file",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="judge every file again, instead of reusing the verdicts kept from earlier runs "
        "on files (and articles) that have not changed",
    )


def _show(parser: argparse.ArgumentParser) -> None:
    _complete(
        parser.add_argument(
            "brief", metavar="BRIEF", help="a brief id (see briefing list) or a file"
        ),
        "brief",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json", "html"),
        default="text",
        help="text (default), markdown, json (docs/json-output.md) or html: one "
        "self-contained page",
    )
    _add_output(parser, "write to FILE (replaced whole, never left half-written) instead of stdout")
    _add_library(parser)


def _list(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser, "./briefs, else the shipped library")
    _add_format(parser, ("text", "json"), "aligned columns, or json")
    parser.add_argument(
        "--sort", choices=("id", "date", "title"), default="id", help="row order (default: id)"
    )


def _draft(parser: argparse.ArgumentParser) -> None:
    _complete(
        parser.add_argument(
            "article", type=Path, metavar="ARTICLE.txt", help="the article's text, UTF-8"
        ),
        "file",
    )
    _add_output(parser, "write the draft to FILE, which must not exist yet (default: stdout)")


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "what", choices=("path",), help="path: print where the config file is (it may not exist)"
    )


def _completion(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help="the shell to print a script for")
    parser.add_argument("--list-ids", action="store_true", help=argparse.SUPPRESS)


def _help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "topic",
        nargs="?",
        metavar="COMMAND",
        choices=[c.name for c in COMMANDS],
        help="a command to describe (default: all of them)",
    )


OK = Exit(0, "success")

COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        "validate briefs; one path:line:col line per problem",
        "Validate brief files and folders as a compiler would: one path:line:col line per "
        "problem, sorted, then a summary line. `briefing check -` reads one brief from "
        "standard input (for editors); --stdin-filename names it.",
        _check,
        (Exit(0, "no errors (warnings allowed)"), Exit(1, "at least one error")),
    ),
    Command(
        "show",
        "print a brief as text, markdown, json or html",
        "Print one brief, for pipes, files and screen readers. Problems go to stderr, so a "
        "pipe receives the brief alone.",
        _show,
        (OK, Exit(1, "no such brief, a brief that does not load, or a file not written")),
    ),
    Command(
        "list",
        "one line per brief",
        "One line per brief: id, date, counts of actors, quotes and questions, problems, "
        "title. Briefs with problems are listed too; `briefing check` reports them.",
        _list,
        (Exit(0, "listed, even when some briefs have problems"),),
    ),
    Command(
        "draft",
        "scaffold a new brief from an article",
        "Start a brief from an article's text: its headline, every quotation with a guessed "
        "speaker, and the people and organisations it names. An existing file is never "
        "overwritten.",
        _draft,
        (OK, Exit(1, "the article cannot be read, or FILE exists or cannot be written")),
    ),
    Command(
        "schema",
        "print the JSON Schema of the brief format",
        "Print the JSON Schema of brief format v1 (also in docs/brief.schema.json).",
        _no_arguments,
        (OK,),
    ),
    Command(
        "config",
        "print where the config file is",
        "`briefing config path` prints the config file's path, whether or not it exists.",
        _config,
        (OK,),
    ),
    Command(
        "completion",
        "print a shell completion script (bash, zsh, fish)",
        "Print a completion script for SHELL, generated from this program's options; it "
        "completes commands, options, files and brief ids. See the README for where to put it.",
        _completion,
        (OK,),
    ),
    Command(
        "help",
        "describe every command, or one",
        "Describe every command, or one: `briefing help check` is `briefing check --help`.",
        _help,
        (OK,),
    ),
)
NAMES = tuple(command.name for command in COMMANDS)

READER_EXITS = (
    Exit(0, "the reader was quit"),
    Exit(2, "standard input or output is not a terminal (`show` and `list` print text)"),
    Exit(129, "its terminal went away (closed, hung up), or SIGHUP"),
    Exit(131, "SIGQUIT"),
    Exit(143, "SIGTERM"),
)

ENVIRONMENT = (
    ("VISUAL, EDITOR", "the editor `e` opens a brief in (VISUAL first; default: vi)"),
    ("NO_COLOR", "set to anything: no colour"),
    ("XDG_CONFIG_HOME", "the config file is $XDG_CONFIG_HOME/briefing/config.toml"),
    ("XDG_CACHE_HOME", "the index of loaded briefs is in $XDG_CACHE_HOME/briefing/"),
)

FILES = (
    (
        "~/.config/briefing/config.toml",
        "theme and key bindings; `briefing config path` prints where it is",
    ),
    ("~/.cache/briefing/", "the index of briefs already parsed; safe to delete at any time"),
    ("./briefs", "the library when no PATH is given and the folder exists"),
)


def add_reader_arguments(parser: argparse.ArgumentParser) -> None:
    """The reader's own options and PATHs: ``briefing [-V] [--max-bytes BYTES] [PATH ...]``."""
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help="print the version and exit",
    )
    _add_max_bytes(parser)
    _add_paths(parser, "./briefs, else the library shipped with briefing")


DESCRIPTION = """\
A terminal reader for YAML news briefs, with a check of every quote.

With no COMMAND, the reader opens on the PATHs given. `briefing help COMMAND` describes
a command."""
USAGE = f"""\
{PROG} [-h] [-V] [--max-bytes BYTES] [PATH ...]
       {PROG} COMMAND [-h] [ARGUMENTS ...]"""
