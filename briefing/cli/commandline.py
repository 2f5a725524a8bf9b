"""The command line's grammar: every command, option and help text.

``briefing.cli.parsers`` builds the one argparse parser from it, which gives ``--help``,
``briefing help COMMAND``, the shell completion scripts (``briefing.cli.completion``) and the
man page (``briefing.cli.manpage``); ``briefing.cli`` runs what it parses. A command is one
row of :data:`COMMANDS`: its name, what it does, a function adding its arguments, and its
exit statuses. Nothing here runs a command or reads a file.

The reader given no options (``briefing``, ``briefing PATH ...``) never imports this module:
argparse alone is a tenth of the reader's start-up budget.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from briefing import __version__
from briefing.cli.arguments import (
    LIBRARY_RULE,
    add_format,
    add_library,
    add_max_bytes,
    add_output,
    add_paths,
    add_query,
    complete,
)

PROG = "briefing"
ERROR = f"{PROG}: error:"
"""How every error line this program prints begins (problems in files use path:line:col)."""
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


# -- the commands ------------------------------------------------------------------------------


def _check(parser: argparse.ArgumentParser) -> None:
    add_paths(parser, "the library; - reads one brief from stdin")
    parser.add_argument(
        "--strict", action="store_true", help="warnings and unverified quotes count as errors"
    )
    add_format(parser, ("text", "json"), "one path:line:col line per problem, or json")
    add_max_bytes(parser)
    complete(
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
    add_library(parser)


def _show(parser: argparse.ArgumentParser) -> None:
    complete(
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
    add_output(parser, "write to FILE (replaced whole, never left half-written) instead of stdout")
    add_library(parser)


def _list(parser: argparse.ArgumentParser) -> None:
    add_query(parser, "the briefs listed")
    add_format(parser, ("text", "json"), "aligned columns, or json")
    parser.add_argument(
        "--sort",
        choices=("date", "title", "changed", "id"),
        default="date",
        help="row order (default: date, newest first and undated last; changed: on disk)",
    )
    add_library(parser)


def _actors(parser: argparse.ArgumentParser) -> None:
    add_query(parser, "words match the actors' names; filters choose the briefs counted")
    add_format(parser, ("text", "json"), "aligned columns, or json")
    add_library(parser)


def _actor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        metavar="NAME-OR-ENTITY",
        help="a name as any brief writes it, or a key from briefing actors",
    )
    add_format(parser, ("text", "markdown", "json"), "text, markdown or json")
    add_library(parser)


def _timeline(parser: argparse.ArgumentParser) -> None:
    add_query(parser, "the briefs whose timeline entries are listed")
    add_format(parser, ("text", "markdown", "json"), "text, markdown or json")
    add_library(parser)


def _draft(parser: argparse.ArgumentParser) -> None:
    complete(
        parser.add_argument(
            "article", type=Path, metavar="ARTICLE.txt", help="the article's text, UTF-8"
        ),
        "file",
    )
    add_output(parser, "write the draft to FILE, which must not exist yet (default: stdout)")


def _site(parser: argparse.ArgumentParser) -> None:
    add_query(parser, "the briefs published (default: all of them)")
    complete(
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            required=True,
            metavar="DIR",
            help="the folder to write the site in: new, empty, or one briefing site wrote "
            "(files that did not change are not rewritten)",
        ),
        "directory",
    )
    parser.add_argument(
        "--title", default="Briefs", help="the site's name, on every page (default: Briefs)"
    )
    add_max_bytes(parser)
    add_library(parser)


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
        "one line per brief, filtered and sorted",
        "One line per brief of the library that matches the query: id, date, counts of "
        "actors, quotes and questions, problems, title. Briefs with problems are listed too; "
        "`briefing check` reports them. Answered from the index: nothing is parsed again.",
        _list,
        (Exit(0, "listed, even when some briefs have problems"),),
    ),
    Command(
        "actors",
        "one line per person or organisation",
        "One line per entity (a person or organisation followed across briefs): key, kind, "
        "the briefs it is in and its quotes there. Words in the query match names; filters "
        "choose which briefs count.",
        _actors,
        (OK,),
    ),
    Command(
        "actor",
        "the dossier of one person or organisation",
        "The dossier of one entity: every brief it is in (its role and affiliation there, in "
        "date order), all its quotes with their verification, and the open questions and "
        "timeline entries that name it. An unknown or ambiguous name lists the close ones.",
        _actor,
        (OK, Exit(1, "no such actor, or a name that could be several (they are listed)")),
    ),
    Command(
        "timeline",
        "every timeline entry, in date order",
        "Every timeline entry of the briefs matching the query, in date order and grouped "
        "by month, each with its brief's title and id.",
        _timeline,
        (OK,),
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
        "site",
        "write the library as a static website, searchable offline",
        "Write a self-contained static website of the library (or of the briefs QUERY "
        "selects, as in briefing list) into DIR: an index with filters by tag and year, a "
        "page per brief, its source articles with each quote's passage highlighted, a page "
        "per person or organisation across briefs, the library's timeline, and search in "
        "the browser (Pagefind), with nothing loaded from elsewhere. Needs the site extra: "
        "pip install 'briefing-reader[site]'. Files whose content did not change are left "
        "untouched.",
        _site,
        (
            OK,
            Exit(1, "Pagefind is not installed or failed, or DIR cannot be written"),
        ),
    ),
    Command(
        "schema",
        "print the JSON Schema of the brief format",
        "Print the JSON Schema of brief format v1.1 (also in docs/brief.schema.json).",
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
    ("BRIEFING_LIBRARY", "the library when neither PATH nor --library is given"),
    ("VISUAL, EDITOR", "the editor `e` opens a brief in (VISUAL first; default: vi)"),
    ("NO_COLOR", "set to anything: no colour"),
    ("XDG_CONFIG_HOME", "the config file is $XDG_CONFIG_HOME/briefing/config.toml"),
    ("XDG_CACHE_HOME", "the index of loaded briefs is in $XDG_CACHE_HOME/briefing/"),
    ("XDG_STATE_HOME", "what you have read is kept in $XDG_STATE_HOME/briefing/"),
)

FILES = (
    (
        "~/.config/briefing/config.toml",
        "theme and key bindings; `briefing config path` prints where it is",
    ),
    ("~/.cache/briefing/", "the index of briefs already parsed; safe to delete at any time"),
    ("~/.local/state/briefing/seen.json", "which briefs you have opened, as they were then"),
    ("./briefs", "the library when neither PATH, --library, BRIEFING_LIBRARY nor config says"),
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
    add_max_bytes(parser)
    add_paths(parser, "the library: --library, else " + LIBRARY_RULE)
    add_library(parser)


DESCRIPTION = """\
A terminal reader for YAML news briefs, with a check of every quote.

With no COMMAND, the reader opens on the PATHs given. `briefing help COMMAND` describes
a command."""
USAGE = f"""\
{PROG} [-h] [-V] [--max-bytes BYTES] [--library PATH] [PATH ...]
       {PROG} COMMAND [-h] [ARGUMENTS ...]"""
