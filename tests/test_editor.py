"""Which editor command the reader builds, and what happens when it runs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing.editor import editor_command, preflight, run_editor

BRIEF = Path("/data/briefs/niger.yaml")
TARGET = str(BRIEF)


def command(editor: str, line: int = 12, var: str = "EDITOR") -> list[str]:
    return editor_command(BRIEF, line, {var: editor})


@pytest.mark.parametrize(
    "editor", ["vi", "vim", "nvim", "nano", "emacs", "emacsclient", "micro", "kak", "hx"]
)
def test_plus_line_editors_get_the_line_before_the_file(editor: str) -> None:
    assert command(editor) == [editor, "+12", TARGET]


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("/usr/bin/vim.basic", ["/usr/bin/vim.basic", "+7", TARGET]),
        ("/opt/homebrew/bin/nvim", ["/opt/homebrew/bin/nvim", "+7", TARGET]),
        ("NVIM.EXE", ["NVIM.EXE", "+7", TARGET]),
        ("emacs -nw", ["emacs", "-nw", "+7", TARGET]),
        ("nvim -u NONE", ["nvim", "-u", "NONE", "+7", TARGET]),
        ("emacsclient -t -a ''", ["emacsclient", "-t", "-a", "", "+7", TARGET]),
        ("gvim", ["gvim", "-f", "+7", TARGET]),
        ("gvim -f", ["gvim", "-f", "+7", TARGET]),
        ("vim --", ["vim", "+7", "--", TARGET]),
    ],
)
def test_editor_arguments_are_kept(editor: str, expected: list[str]) -> None:
    assert command(editor, 7) == expected


@pytest.mark.parametrize("editor", ["code", "code-insiders", "codium"])
def test_vscode_family_gets_goto_and_wait(editor: str) -> None:
    assert command(editor) == [editor, "-g", f"{TARGET}:12", "--wait"]


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("code --wait", ["code", "--wait", "-g", f"{TARGET}:3"]),
        ("code -w", ["code", "-w", "-g", f"{TARGET}:3"]),
        ("code -g --wait", ["code", "-g", "--wait", f"{TARGET}:3"]),
        ("code --new-window", ["code", "--new-window", "-g", f"{TARGET}:3", "--wait"]),
    ],
)
def test_vscode_flags_are_not_repeated(editor: str, expected: list[str]) -> None:
    assert command(editor, 3) == expected


def test_unknown_editor_gets_just_the_file() -> None:
    assert command("gedit --new-window") == ["gedit", "--new-window", TARGET]


def test_visual_wins_over_editor() -> None:
    env = {"VISUAL": "nano", "EDITOR": "emacs"}
    assert editor_command(BRIEF, 5, env) == ["nano", "+5", TARGET]


@pytest.mark.parametrize("visual", ["", "   "])
def test_blank_visual_falls_back_to_editor(visual: str) -> None:
    env = {"VISUAL": visual, "EDITOR": "micro"}
    assert editor_command(BRIEF, 5, env) == ["micro", "+5", TARGET]


def test_unset_means_vi() -> None:
    assert editor_command(BRIEF, 5, {}) == ["vi", "+5", TARGET]


def test_quoted_program_path_with_spaces() -> None:
    env = {"EDITOR": "'/opt/My Editors/vim' -n"}
    assert editor_command(BRIEF, 2, env) == ["/opt/My Editors/vim", "-n", "+2", TARGET]


def test_unbalanced_quote_still_names_a_program() -> None:
    assert editor_command(BRIEF, 2, {"EDITOR": 'vim "-n'}) == ["vim", '"-n', "+2", TARGET]


def test_line_is_at_least_one() -> None:
    assert command("vim", 0) == ["vim", "+1", TARGET]


def test_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cmd = editor_command(Path("-dash.yaml"), 4, {"EDITOR": "vim"})
    assert cmd == ["vim", "+4", str(tmp_path / "-dash.yaml")]


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def test_stub_editor_receives_line_and_edits_the_file(tmp_path: Path) -> None:
    # Named "vim" so the reader passes +LINE; it appends its first argument.
    stub = script(tmp_path, "vim", 'printf "%s\\n" "$1" >> "$2"')
    brief = tmp_path / "b.yaml"
    brief.write_text("title: x\n")
    cmd = editor_command(brief, 9, {"EDITOR": str(stub)})
    assert preflight(cmd) is None
    outcome = run_editor(cmd)
    assert outcome.ok and outcome.returncode == 0 and outcome.message is None
    assert brief.read_text() == "title: x\n+9\n"


def test_failing_editor_reports_its_status(tmp_path: Path) -> None:
    stub = script(tmp_path, "fails", "exit 3")
    outcome = run_editor([str(stub), "file.yaml"])
    assert not outcome.ok
    assert outcome.kind == "failed" and outcome.returncode == 3
    assert outcome.message is not None and "status 3" in outcome.message
    assert str(stub) in outcome.message


def test_killed_editor_names_the_signal(tmp_path: Path) -> None:
    stub = script(tmp_path, "dies", "kill -TERM $$")
    outcome = run_editor([str(stub)])
    assert outcome.kind == "signalled"
    assert outcome.message is not None and "SIGTERM" in outcome.message


def test_missing_editor(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-editor")
    early = preflight([missing, "x.yaml"])
    assert early is not None and early.kind == "not_found"
    outcome = run_editor([missing, "x.yaml"])
    assert outcome.kind == "not_found" and not outcome.ok
    for message in (early.message, outcome.message):
        assert message is not None and "no-such-editor" in message and "$EDITOR" in message


def test_missing_editor_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert run_editor(["surely-not-an-editor"]).kind == "not_found"
    early = preflight(["surely-not-an-editor"])
    assert early is not None and early.kind == "not_found"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may execute anything")
def test_editor_without_execute_permission(tmp_path: Path) -> None:
    stub = tmp_path / "noexec"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o644)
    early = preflight([str(stub)])
    assert early is not None and early.kind == "not_permitted"
    outcome = run_editor([str(stub)])
    assert outcome.kind == "not_permitted"
    assert outcome.message is not None and "permission denied" in outcome.message


def test_not_executable_file_is_caught_before_running(tmp_path: Path) -> None:
    # preflight relies on the execute bits, which hold for root too.
    stub = tmp_path / "plain-file"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o644)
    early = preflight([str(stub)])
    assert early is not None and early.kind == "not_permitted"
    assert early.message is not None and "not executable" in early.message


def test_empty_command() -> None:
    assert run_editor([]).kind == "not_found"
    early = preflight([])
    assert early is not None and early.kind == "not_found"
