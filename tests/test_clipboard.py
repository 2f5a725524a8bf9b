"""Copy (`y`): a clipboard program when there is one, OSC 52 always, and a notice that says
which way the text went, or plainly that nothing could reach a clipboard. Programs are
fakes on PATH that record what they were given."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from fake_programs import fake

from briefing.clipboard import TMUX_FIX, Report, Terminal, copy, describe, find_tool

TEXT = "“We will not load a single ship” (Marta Rojas; Example Wire)"


def env_with(bin_dir: Path, **extra: str) -> dict[str, str]:
    return {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(bin_dir.parent), **extra}


def test_wl_copy_takes_the_text_under_wayland(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "wl-copy", f'cat > "{tmp_path}/got"')
    fake(bin_dir, "xclip", f'cat > "{tmp_path}/xclip-got"')
    report = copy(TEXT, env_with(bin_dir, WAYLAND_DISPLAY="wayland-0", DISPLAY=":0"))
    assert report == Report("wl-copy", None, "sent")
    assert (tmp_path / "got").read_text(encoding="utf-8") == TEXT
    assert not (tmp_path / "xclip-got").exists()


def test_xclip_or_xsel_need_a_display(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "xsel", f'cat > "{tmp_path}/got"')
    assert find_tool(env_with(bin_dir)) is None  # over SSH without X: no program applies
    report = copy(TEXT, env_with(bin_dir, DISPLAY=":0"))
    assert report.tool == "xsel" and report.tool_error is None
    assert (tmp_path / "got").read_text(encoding="utf-8") == TEXT


def test_pbcopy_needs_no_display(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "pbcopy", f'cat > "{tmp_path}/got"')
    assert copy(TEXT, env_with(bin_dir)).tool == "pbcopy"
    assert (tmp_path / "got").read_text(encoding="utf-8") == TEXT


def test_a_program_that_stays_behind_to_serve_the_clipboard_does_not_hold_the_copy(
    tmp_path: Path,
) -> None:
    """xclip forks a process that keeps the clipboard; its output must not be a pipe that
    process keeps open, or the copy would wait for it (and report a failure)."""
    bin_dir = tmp_path / "bin"
    fake(
        bin_dir,
        "xclip",
        f'cat > "{tmp_path}/got"; (sleep 60 & echo $! > "{tmp_path}/pid"); exit 0',
    )
    try:
        report = copy(TEXT, env_with(bin_dir, DISPLAY=":0"))
        assert report.tool == "xclip" and report.tool_error is None
    finally:
        os.kill(int((tmp_path / "pid").read_text()), signal.SIGTERM)


def test_a_failing_program_is_named_with_what_it_said(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "xclip", 'echo "Error: Can\'t open display: :0" >&2; exit 1')
    report = copy(TEXT, env_with(bin_dir, DISPLAY=":0"))
    assert report.tool == "xclip" and report.tool_error == "Error: Can't open display: :0"
    title, message, warning = describe(report, "quote")
    assert title == "Quote sent to the terminal" and warning
    assert "xclip failed: Error: Can't open display: :0" in message


@pytest.mark.parametrize(
    ("tmux_says", "fate"),
    [("echo external", "tmux-drops"), ("echo off", "tmux-drops"), ("echo on", "tmux-on"),
     ("exit 1", "tmux-unknown")],
)  # fmt: skip
def test_under_tmux_its_set_clipboard_option_decides(
    tmp_path: Path, tmux_says: str, fate: Terminal
) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "tmux", f'echo "$@" > "{tmp_path}/asked"; {tmux_says}')
    report = copy(TEXT, env_with(bin_dir, TMUX="/tmp/tmux-0/default,1,0"))
    assert report == Report(None, None, fate)
    assert (tmp_path / "asked").read_text().split() == ["show-options", "-gv", "set-clipboard"]


def test_nothing_reaching_a_clipboard_is_said_plainly(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "tmux", "echo external")
    report = copy(TEXT, env_with(bin_dir, TMUX="/tmp/tmux-0/default,1,0"))
    title, message, warning = describe(report, "quote")
    assert title == "Quote not copied" and warning
    assert message.startswith("Nothing reached a clipboard: no clipboard program found")
    assert TMUX_FIX in message


def test_the_wording_for_each_way() -> None:
    assert describe(Report("wl-copy", None, "sent"), "quote") == (
        "Copied quote",
        "copied with wl-copy; sent to the terminal (OSC 52), which copies it if it supports that",
        False,
    )
    title, message, warning = describe(Report(None, None, "sent"), "actor")
    assert title == "Actor sent to the terminal" and not warning
    assert "no clipboard program found (wl-copy, xclip, xsel, pbcopy)" in message
    title, message, warning = describe(Report(None, None, "tmux-unknown"), "actor")
    assert warning and f"may be dropped by tmux: {TMUX_FIX}" in message
    title, message, warning = describe(Report(None, None, "tmux-on"), "quote")
    assert title == "Quote sent to tmux" and not warning
    assert message.startswith("sent to tmux (OSC 52, set-clipboard on)")
    title, _message, warning = describe(Report("xsel", None, "tmux-drops"), "quote")
    assert title == "Copied quote" and not warning  # the program got it: tmux does not matter
