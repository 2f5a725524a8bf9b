"""The argparse parsers built from the grammar (``briefing.cli.commandline``): help, errors.

One parser, :func:`build_parser`, holds every command; help, completion and the man page
are made from it. Building it runs nothing and reads no file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from typing import Any, NoReturn

from briefing.cli.commandline import (
    COMMANDS,
    DESCRIPTION,
    ENVIRONMENT,
    ERROR,
    FILES,
    INTERRUPTED,
    NAMES,
    PROG,
    READER_EXITS,
    USAGE,
    USAGE_ERROR,
    Command,
    Exit,
    add_reader_arguments,
)


class Parser(argparse.ArgumentParser):
    """Errors are one ``briefing: error:`` line naming where to read more, status 2."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        more = f"briefing help {command}" if command else "briefing --help"
        self.exit(2, f"{ERROR} {message} (see '{more}')\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=_width())


def _width() -> int:
    return min(shutil.get_terminal_size().columns, 100) - 2


def _table(title: str, rows: tuple[tuple[str, str], ...]) -> str:
    width = max(len(name) for name, _ in rows) + 2
    lines = [f"{title}:"] + [f"  {name:<{width}}{text}" for name, text in rows]
    return "\n".join(lines)


def exits_text(exits: tuple[Exit, ...]) -> str:
    every = (*exits, USAGE_ERROR, INTERRUPTED)
    return _table("exit status", tuple((str(e.status), e.meaning) for e in every))


def epilog() -> str:
    return "\n\n".join(
        (
            exits_text(READER_EXITS) + "\n  (each command's own: briefing help COMMAND)",
            _table("environment", ENVIRONMENT),
            _table("files", FILES),
        )
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole grammar: the reader's options and PATHs, and every command as a subparser.

    For help, completion and the man page. It never parses a command line itself: argparse
    would give a first word to PATH rather than to COMMAND. Commands are parsed by their own
    parser (:func:`command_parser`), the reader by :func:`reader_parser`, both built here.
    """
    parser = Parser(
        prog=PROG,
        usage=USAGE,
        description=DESCRIPTION,
        epilog=epilog(),
        formatter_class=_Formatter,
    )
    add_reader_arguments(parser)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", parser_class=Parser
    )
    for command in COMMANDS:
        command.arguments(
            commands.add_parser(command.name, help=command.summary, **_command_settings(command))
        )
    return parser


def _command_settings(command: Command) -> dict[str, Any]:
    """What a command's parser is made with, inside :func:`build_parser`'s or alone."""
    return {
        "prog": f"{PROG} {command.name}",
        "description": textwrap.fill(command.description, _width()),
        "epilog": exits_text(command.exits),
        "formatter_class": _Formatter,
    }


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command's parser inside :func:`build_parser`'s, by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of one command, as :func:`build_parser` holds it, built alone: the
    other commands' parsers are not built on the way to running this one."""
    command = COMMANDS[NAMES.index(name)]
    parser = Parser(**_command_settings(command))
    command.arguments(parser)
    return parser


class _FullHelp(argparse.Action):
    """``briefing -h``: the whole program's help, commands included."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show this help and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        build_parser().print_help()
        parser.exit(0)


def reader_parser() -> argparse.ArgumentParser:
    """``briefing [options] [PATH ...]``: :func:`build_parser` without the commands."""
    parser = Parser(prog=PROG, usage=USAGE, add_help=False)
    parser.add_argument("-h", "--help", action=_FullHelp)
    add_reader_arguments(parser)
    return parser


def print_help(topic: str | None) -> int:
    """``briefing help [COMMAND]``."""
    parser = build_parser()
    (subparsers(parser)[topic] if topic else parser).print_help(sys.stdout)
    return 0
