"""The command line as people expect it: -V, help, option help with units, an epilog naming
what the program reads, `config path`, error lines, paths as typed, `check -`, JSON versions."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.cli import RUNNERS, main
from briefing.cli.commandline import COMMANDS, NAMES
from briefing.cli.names import COMMAND_NAMES
from briefing.cli.parsers import build_parser, subparsers

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_BRIEF = ROOT / "briefs" / "niger-russia-trainers.yaml"
ERROR_LINE = re.compile(r"^(briefing: error: .+|.+:\d+:\d+: (error|warning): .+)$")


def run(
    *args: str | Path,
    cwd: Path = ROOT,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        cwd=cwd,
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )


def _every_action(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    found = [(parser.prog, a) for a in parser._actions]
    for sub in subparsers(parser).values():
        found += _every_action(sub)
    return found


# -- version and help --------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([flag])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"briefing {__version__}\n"


def test_help_names_every_command_and_the_help_of_one_is_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["help"]) == 0
    whole = capsys.readouterr().out
    for command in COMMANDS:
        assert re.search(rf"^\s+{command.name}\s+{re.escape(command.summary)}", whole, re.M)
    assert main(["help", "check"]) == 0
    check_help = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert capsys.readouterr().out == check_help
    assert "--stdin-filename" in check_help


def test_dash_h_on_the_reader_is_the_whole_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["-h"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "commands:" in out and "environment:" in out


def test_every_option_and_argument_has_help_and_sizes_have_units() -> None:
    for prog, action in _every_action(build_parser()):
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        assert action.help, f"{prog}: {action.option_strings or action.dest} has no help"
        if action.type is not None and getattr(action.type, "__name__", "") == "byte_count":
            assert "bytes" in action.help and action.metavar == "BYTES", (prog, action.help)


def test_each_command_has_a_runner_and_its_exit_statuses_in_its_help() -> None:
    assert set(RUNNERS) == set(NAMES)
    parsers = subparsers(build_parser())
    for command in COMMANDS:
        text = parsers[command.name].format_help()
        assert "exit status:" in text
        for status, _meaning in command.exits:
            assert re.search(rf"^\s+{status}\s", text, re.M), (command.name, status)
        assert re.search(r"^\s+2\s+a usage error", text, re.M)


def test_the_epilog_names_the_environment_and_the_files_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["help"])
    out = capsys.readouterr().out
    epilog = out[out.index("environment:") :]
    for name in ("EDITOR", "VISUAL", "NO_COLOR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        assert name in epilog
    assert "~/.config/briefing/config.toml" in epilog and "~/.cache/briefing/" in epilog


def test_the_readme_documents_the_exit_statuses_of_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Errors and exit status") :]
    table = table[: table.index("\n## ")]
    for command in ("briefing", *(f"briefing {c.name}" for c in COMMANDS)):
        assert f"| `{command}` |" in table, command


def test_config_path_prints_where_the_config_file_is(tmp_path: Path) -> None:
    done = run("config", "path", env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{tmp_path / 'cfg' / 'briefing' / 'config.toml'}\n"
    assert not (tmp_path / "cfg").exists()  # printing the path creates nothing


@pytest.mark.parametrize("given", [[], ["briefs"], ["briefs", "more/one.yaml"]])
def test_the_reader_given_no_options_never_imports_argparse(
    tmp_path: Path, given: list[str]
) -> None:
    """The reader starts without a parser when it is given only PATHs (or nothing): argparse
    is a tenth of its start-up. It opens on the PATHs the parser would give."""
    (tmp_path / "briefs").mkdir()
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "one.yaml").write_text("title: One\n")
    script = (
        "import os, sys, types\n"
        "os.isatty = lambda fd: True  # the reader needs a terminal: these pipes pass for one\n"
        "fake = types.ModuleType('briefing.ui.app')\n"
        "def make_app(paths, **kw):\n"
        "    shown = [str(p) for p in paths]\n"
        "    print('argparse' in sys.modules, shown, kw['max_bytes'], flush=True)\n"
        "    raise SystemExit(0)\n"
        "fake.make_app = make_app\n"
        "sys.modules['briefing.ui.app'] = fake\n"
        "from briefing.cli import main\n"
        f"main({given!r})\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("BRIEFING_LIBRARY", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    paths = given or ["briefs"]  # ./briefs, by the library rule
    assert done.stdout.strip() == f"False {paths!r} None"


def test_the_commands_names_without_the_grammar_are_the_grammars() -> None:
    """``briefing.cli`` tells a command from a PATH by a tuple it can import cheaply."""
    assert COMMAND_NAMES == NAMES


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--nope"],
        ["check", "no-such-folder"],
        ["check", "--max-bytes", "0"],
        ["check", "--max-bytes", "lots"],
        ["check", "-", "briefs"],
        ["check", "--stdin-filename", "x.yaml", "briefs"],
        ["show", "no-such-brief"],
        ["show", "niger", "--format", "pdf"],
        ["show", "briefs"],
        ["list", "--sort", "size"],
        ["draft", "no-such-article.txt"],
        ["help", "nope"],
        ["completion", "tcsh"],
        ["config"],
        ["no-such-file.yaml"],
        ["--max-bytes", "-5"],
        ["check", "tests/fixtures/bad"],
    ],
)
def test_every_error_line_starts_with_the_program_or_a_position(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode in (1, 2), (args, done.returncode, done.stderr)
    lines = done.stderr.splitlines()
    assert lines or done.returncode == 1, args
    for line in lines:
        assert ERROR_LINE.match(line), (args, line)
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2_and_say_where_to_read_more() -> None:
    done = run("check", "--nope")
    assert done.returncode == 2
    assert done.stderr == (
        "briefing: error: unrecognized arguments: --nope (see 'briefing help check')\n"
    )


# -- paths in messages: as typed, or absolute -----------------------------------------------------


def test_the_shipped_library_is_named_by_its_absolute_path(tmp_path: Path) -> None:
    done = run("show", "no-such-brief", cwd=tmp_path)  # no ./briefs here
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    where = re.search(r"nor an id in (\S+);", line)
    assert where, line
    assert os.path.isabs(where.group(1)) and ".." not in where.group(1)
    assert Path(where.group(1)).is_dir()


def test_files_are_named_as_typed(tmp_path: Path) -> None:
    library = tmp_path / "work" / "lib"
    library.mkdir(parents=True)
    (library / "b.yaml").write_text("title: no summary\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cases = {
        (tmp_path / "work", "lib"): "lib/b.yaml",
        (tmp_path / "work", "./lib/"): "lib/b.yaml",
        (tmp_path / "work", "lib/b.yaml"): "lib/b.yaml",
        (elsewhere, "../work/lib"): "../work/lib/b.yaml",
        (tmp_path / "work", str(library)): str(library / "b.yaml"),  # typed absolute: absolute
        (tmp_path / "work" / "lib", str(library / "b.yaml")): str(library / "b.yaml"),
    }
    for (cwd, typed), shown in cases.items():
        done = run("check", typed, cwd=cwd)
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith(f"{shown}:1:1: error: "), (typed, done.stdout)


def test_the_default_library_is_named_relative_as_it_would_be_typed(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "b.yaml").write_text("title: no summary\n", encoding="utf-8")
    done = run("check", cwd=tmp_path)
    assert done.stdout.startswith("briefs/b.yaml:1:1: error: "), done.stdout


# -- check - -------------------------------------------------------------------------------------


def test_check_reads_a_brief_from_stdin_named_by_stdin_filename(tmp_path: Path) -> None:
    brief = SHIPPED_BRIEF.read_bytes()
    named = run("check", "-", "--stdin-filename", "briefs/x.yaml", stdin=brief)
    assert named.returncode == 0, named.stdout + named.stderr
    assert named.stdout.endswith("10 of 10 quote(s) verified\n")  # articles found from briefs/
    unnamed = run("check", "-", stdin=brief, cwd=tmp_path)  # ../seeds is not beside this one
    assert unnamed.returncode == 0
    assert re.search(r"^<stdin>:\d+:\d+: warning: source '.+cannot be read", unnamed.stdout, re.M)
    assert unnamed.stdout.endswith("0 of 10 quote(s) verified\n")


def test_check_stdin_reports_problems_at_their_position() -> None:
    done = run("check", "-", "--format", "json", stdin=b"title: x\nsummary: y\ntitle: z\n")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert {(p["path"], p["line"], p["code"]) for p in data["problems"]} >= {
        ("<stdin>", 3, "duplicate-key")
    }


def test_check_stdin_is_bounded() -> None:
    """An endless stream is read up to the limit and reported, not read forever."""
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", "check", "-", "--max-bytes", "1000"],
            stdin=endless,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
    assert done.returncode == 1
    assert done.stdout.startswith(
        "<stdin>:1:1: error: the input is more than 1,000 bytes, over the 1,000-byte limit"
    )


# -- JSON outputs carry their version --------------------------------------------------------------


def test_every_json_output_starts_with_its_version() -> None:
    for args in (
        ("check", "--format", "json", "briefs"),
        ("list", "--format", "json", "--library", "briefs"),
        ("show", "niger-russia-trainers", "--format", "json"),
        ("actors", "--format", "json", "--library", "briefs"),
        ("actor", "langley", "--format", "json", "--library", "briefs"),
        ("timeline", "--format", "json", "--library", "briefs"),
    ):
        done = run(*args)
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert next(iter(data)) == "version" and data["version"] == 1, args
    listed = json.loads(run("list", "--format", "json", "--library", "briefs").stdout)
    assert [b["id"] for b in listed["briefs"]] == ["niger-russia-trainers"]
