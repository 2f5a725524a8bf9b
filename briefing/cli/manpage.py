"""The man page, briefing(1), written from the one parser (``briefing.cli.commandline``).

``python -m briefing.cli.manpage > docs/briefing.1`` regenerates the committed page, which the
wheel installs as ``share/man/man1/briefing.1``; a test fails when the two differ. The
output depends on nothing but the parser: no terminal width, no date.
"""

from __future__ import annotations

import argparse
import re

from briefing import __version__
from briefing.cli.commandline import (
    COMMANDS,
    DESCRIPTION,
    ENVIRONMENT,
    FILES,
    INTERRUPTED,
    PROG,
    READER_EXITS,
    USAGE,
    USAGE_ERROR,
    Exit,
)
from briefing.cli.parsers import build_parser, subparsers


def _roff(text: str) -> str:
    """Plain text as roff: backslashes and hyphens escaped, `code` in bold, no line
    starting with a control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    return "\n".join(
        "\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n")
    )


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(parser.prog, width=1000)
    formatter.add_usage(None, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            names = ", ".join(f"\\fB{_roff(name)}\\fR" for name in action.option_strings)
            if action.nargs != 0:
                names += f" \\fI{_roff(str(action.metavar or action.dest.upper()))}\\fR"
        else:
            names = f"\\fI{_roff(str(action.metavar or action.dest))}\\fR"
        help_text = action.help or ""
        if action.choices and not action.option_strings and action.metavar is None:
            names = "|".join(f"\\fB{choice}\\fR" for choice in action.choices)
        elif action.choices and action.option_strings:
            help_text += f" (one of: {', '.join(map(str, action.choices))})"
        lines += [".TP", names, _roff(help_text)]
    return lines


def _exits(exits: tuple[Exit, ...]) -> list[str]:
    lines: list[str] = []
    for status, meaning in (*exits, USAGE_ERROR, INTERRUPTED):
        lines += [".TP", f"\\fB{status}\\fR", _roff(meaning)]
    return lines


def render() -> str:
    parser = build_parser()
    commands = subparsers(parser)
    out = [
        f'.TH BRIEFING 1 "" "{PROG} {__version__}" "User Commands"',
        ".SH NAME",
        f"{PROG} \\- {_roff(DESCRIPTION.splitlines()[0].rstrip('.').lower())}",
        ".SH SYNOPSIS",
        ".nf",
        *(_roff(line.strip()) for line in USAGE.splitlines()),
        ".fi",
        ".SH DESCRIPTION",
        "\n.PP\n".join(_roff(paragraph) for paragraph in DESCRIPTION.split("\n\n")),
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDS",
    ]
    for command in COMMANDS:
        sub = commands[command.name]
        out += [
            ".SS " + _roff(f"{PROG} {command.name}"),
            ".nf",
            _roff(_usage(sub)),
            ".fi",
            ".PP",
            _roff(command.description),
            *_options(sub),
            ".PP",
            "Exit status:",
            ".RS",
            *_exits(command.exits),
            ".RE",
        ]
    out += [
        ".SH EXIT STATUS",
        "Of the reader; each command's are listed with it.",
        *_exits(READER_EXITS),
    ]
    out.append(".SH ENVIRONMENT")
    for name, text in ENVIRONMENT:
        out += [".TP", f"\\fB{_roff(name)}\\fR", _roff(text)]
    out.append(".SH FILES")
    for name, text in FILES:
        out += [".TP", f"\\fI{_roff(name)}\\fR", _roff(text)]
    out += [
        ".SH SEE ALSO",
        "The brief format and the JSON outputs: docs/brief\\-format.md and docs/json\\-output.md,",
        "at https://github.com/briefing\\-reader/briefing",
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
