"""Shell completion (bash, zsh, fish) and the man page, both from the one parser."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.commandline import COMMANDS
from briefing.cli.completion import script
from briefing.cli.manpage import render
from briefing.cli.parsers import build_parser, subparsers

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _env(tmp_path: Path) -> dict[str, str]:
    """The installed ``briefing`` first on PATH, as after an install; a private HOME."""
    return {
        "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "dumb",
    }


def _every_option(parser: argparse.ArgumentParser) -> set[str]:
    options = {o for a in parser._actions if a.help != argparse.SUPPRESS for o in a.option_strings}
    for sub in subparsers(parser).values():
        options |= _every_option(sub)
    return options


BASH_DRIVER = """
source "$1"
shift
COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
_shtab_briefing
printf '%s\\n' "${COMPREPLY[@]}"
"""


def _shell(tmp_path: Path, name: str, *argv: str) -> str:
    """Run ``argv`` in the shell whose generated script is loaded from ``briefing.NAME``."""
    completion = tmp_path / f"briefing.{name}"
    completion.write_text(script(name), encoding="utf-8")
    command = [arg.replace("{script}", str(completion)) for arg in argv]
    done = subprocess.run(
        command, cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _bash(tmp_path: Path, *words: str) -> set[str]:
    out = _shell(
        tmp_path, "bash", "bash", "-c", BASH_DRIVER, "driver", "{script}", "briefing", *words
    )
    return set(out.split())


def test_bash_completes_commands_options_choices_files_and_brief_ids(tmp_path: Path) -> None:
    names = {c.name for c in COMMANDS}
    assert _bash(tmp_path, "ch") == {"check"}
    first = _bash(tmp_path, "")
    assert names <= first and {"briefs", "README.md"} <= first  # a command, or the reader's PATH
    assert _bash(tmp_path, "check", "--f") == {"--format"}
    assert _bash(tmp_path, "check", "--format", "") == {"text", "json"}
    assert _bash(tmp_path, "show", "nig") == {"niger-russia-trainers"}
    assert _bash(tmp_path, "completion", "") == {"bash", "zsh", "fish"}
    assert _bash(tmp_path, "help", "") == names


def test_brief_ids_come_from_the_library_every_command_reads(tmp_path: Path) -> None:
    library = tmp_path / "elsewhere"
    library.mkdir()
    (library / "zebra-report.yaml").write_text("title: Z\n", encoding="utf-8")

    def ids(library: Path) -> tuple[int, str, str]:
        done = subprocess.run(
            [str(BIN / "briefing"), "completion", "bash", "--list-ids"],
            cwd=tmp_path,
            env={**_env(tmp_path), "BRIEFING_LIBRARY": str(library)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.returncode, done.stdout, done.stderr

    assert ids(library) == (0, "zebra-report\n", "")  # not the shipped library's
    assert ids(tmp_path / "missing") == (0, "", "")  # unusable: nothing, and no noise


def _fish(tmp_path: Path, line: str) -> set[str]:
    out = _shell(
        tmp_path, "fish", "fish", "--no-config", "-c", f"source {{script}}; complete -C '{line}'"
    )
    return {row.split("\t")[0] for row in out.splitlines()}


@pytest.mark.skipif(
    shutil.which("fish") is None, reason="fish is not installed (make test installs it)"
)
def test_fish_completes_commands_options_choices_and_brief_ids(tmp_path: Path) -> None:
    first = _fish(tmp_path, "briefing ")
    assert {c.name for c in COMMANDS} <= first and "briefs/" in first
    assert _fish(tmp_path, "briefing ch") == {"check"}
    assert _fish(tmp_path, "briefing check --form") == {"--format"}
    assert _fish(tmp_path, "briefing list --sort ") == {"id", "date", "title", "changed"}
    assert _fish(tmp_path, "briefing show nig") == {"niger-russia-trainers"}


ZSH_DRIVER = r"""
fpath=("$1" $fpath)
autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"
zmodload zsh/zpty
zpty -b z 'zsh -f -i'
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -d $HOME/.zcompdump2"
zpty -w z 'PS1=">"; zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" menu no'
zpty -w z "cd $2"
zpty -w z "$3"$'\t'
sleep 0  # the reads below wait for output, with zpty's own timeout
local out="" chunk
while zpty -rt z chunk 2>/dev/null; do out+=$chunk; done
for i in {1..50}; do
  zpty -rt z chunk 2>/dev/null && out+=$chunk
  [[ $out == *"$4"* ]] && break
  sleep 0.1
done
print -r -- "$out"
zpty -d z
"""


@pytest.mark.skipif(
    shutil.which("zsh") is None, reason="zsh is not installed (make test installs it)"
)
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("briefing ch", "briefing check"),
        ("briefing check --form", "--format"),
        ("briefing show nig", "niger-russia-trainers"),
    ],
)
def test_zsh_completes_commands_options_and_brief_ids(
    tmp_path: Path, typed: str, expected: str
) -> None:
    functions = tmp_path / "zfunc"
    functions.mkdir()
    (functions / "_briefing").write_text(script("zsh"), encoding="utf-8")
    done = subprocess.run(
        ["zsh", "-f", "-c", ZSH_DRIVER, "driver", str(functions), str(ROOT), typed, expected],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert expected in done.stdout, done.stdout + done.stderr


def test_completion_command_prints_the_script(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "completion", "zsh"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **_env(tmp_path)},
    )
    assert done.returncode == 0
    assert done.stdout.startswith("#compdef briefing")


# -- the man page --------------------------------------------------------------------------------


def test_the_committed_man_page_is_the_generated_one() -> None:
    committed = (ROOT / "docs" / "briefing.1").read_text(encoding="utf-8")
    assert committed == render(), "regenerate: python -m briefing.cli.manpage > docs/briefing.1"


def test_the_man_page_mentions_every_command_and_option() -> None:
    page = render()
    text = page.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
    for command in COMMANDS:
        assert f".SS briefing {command.name}" in page.replace("\\-", "-")
    for option in _every_option(build_parser()):
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text), option
    for section in (
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
    ):
        assert f".SH {section}" in page


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_reads_the_page_without_warnings(tmp_path: Path) -> None:
    done = subprocess.run(
        ["man", "--warnings", "-l", str(ROOT / "docs" / "briefing.1")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "briefing check" in done.stdout
