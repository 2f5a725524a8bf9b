"""Where the library lives: --library, $BRIEFING_LIBRARY, config.toml, ./briefs, shipped."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from briefing.config import library_setting
from briefing.paths import LibraryChoice, choose_library, config_path, shipped_library

BRIEF = "title: {title}\ndate: 2024-04-11\nsummary: s\n"


def library(root: Path, *titles: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for title in titles:
        (root / f"{title.lower()}.yaml").write_text(BRIEF.format(title=title), "utf-8")
    return root


def choose(given: list[Path] | None = None, **options: Any) -> LibraryChoice:
    return choose_library(given or (), read_config=library_setting, **options)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), **extra}


def write_config(env: dict[str, str], text: str) -> Path:
    path = config_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_the_five_places_in_order(tmp_path: Path) -> None:
    cwd = tmp_path / "work"
    here = library(cwd / "briefs", "Here")
    env = env_for(tmp_path)
    assert choose_library(env=env, cwd=tmp_path) == LibraryChoice(
        [shipped_library()], "the shipped library"
    )
    assert choose(env=env, cwd=cwd) == LibraryChoice([here], "./briefs")
    config = write_config(env, 'library = "~/notes/briefs"\n')
    assert choose(env=env, cwd=cwd) == LibraryChoice(
        [tmp_path / "home" / "notes" / "briefs"], f"library in {config}"
    )
    env["BRIEFING_LIBRARY"] = "~/from-env"
    assert choose(env=env, cwd=cwd) == LibraryChoice(
        [tmp_path / "home" / "from-env"], "$BRIEFING_LIBRARY"
    )
    given = [tmp_path / "a", tmp_path / "b"]
    assert choose(given, env=env, cwd=cwd) == LibraryChoice(given, "--library")


def test_a_relative_config_path_is_taken_from_the_config_folder(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    config = write_config(env, 'library = "briefs"\n')
    assert choose(env=env, cwd=tmp_path).paths == [config.parent / "briefs"]
    write_config(env, f"library = {str(tmp_path / 'abs')!r}\n")
    assert choose(env=env, cwd=tmp_path).paths == [tmp_path / "abs"]


def test_a_broken_library_setting_is_reported_and_skipped(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    config = write_config(env, "theme = 'nord'\nlibrary = 3\n")
    warnings: list[str] = []
    choice = choose_library(
        env=env, cwd=tmp_path, read_config=library_setting, warn=warnings.append
    )
    assert choice.origin == "the shipped library"
    assert warnings == [
        f"{config}:2:1: error: 'library' must be the path of a folder of briefs, not 3 "
        '(hint: write it as library = "~/briefs"); the library setting is ignored'
    ]
    write_config(env, "library = [\n")
    value, problems = library_setting(config)
    assert value is None and len(problems) == 1 and "invalid TOML" in problems[0]


def test_the_config_file_is_read_only_when_it_exists(tmp_path: Path) -> None:
    def never(path: Path) -> tuple[str | None, list[str]]:
        raise AssertionError(f"read {path}")

    assert choose_library(env=env_for(tmp_path), cwd=tmp_path, read_config=never).paths == [
        shipped_library()
    ]


@pytest.mark.parametrize(
    ("origin", "message"),
    [
        ("--library", "library {path} (from --library) does not exist"),
        ("env", "library {path} (from $BRIEFING_LIBRARY) does not exist"),
        ("config", "library {path} (from library in {config}) does not exist"),
    ],
)
@pytest.mark.parametrize("command", [[], ["check"], ["list"], ["show", "x"]])
def test_a_missing_library_is_one_line_naming_its_origin(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    origin: str,
    message: str,
    command: list[str],
) -> None:
    missing = tmp_path / "nowhere"
    monkeypatch.chdir(tmp_path)
    args = list(command)
    config = config_path()
    if origin == "--library":
        args += ["--library", str(missing)]
    elif origin == "env":
        monkeypatch.setenv("BRIEFING_LIBRARY", str(missing))
    else:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(f"library = {str(missing)!r}\n", "utf-8")
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"briefing: error: {message.format(path=missing, config=config)}\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_library_is_one_line(tmp_path: Path) -> None:
    locked = library(tmp_path / "briefs", "Locked")
    locked.chmod(0)
    try:
        problem = choose_library(env=env_for(tmp_path), cwd=tmp_path).problem()
    finally:
        locked.chmod(0o755)
    assert problem == f"library {locked} (from ./briefs) cannot be read: permission denied"


def test_every_command_reads_the_chosen_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(library(tmp_path / "work" / "briefs", "Cwd").parent)
    monkeypatch.setenv("BRIEFING_LIBRARY", str(library(tmp_path / "env", "Env")))
    assert main(["list"]) == 0
    assert "Env" in capsys.readouterr().out
    assert main(["show", "env"]) == 0
    assert capsys.readouterr().out.startswith("Env\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("1 file checked")
    assert main(["list", "--library", str(library(tmp_path / "flag", "Flag"))]) == 0
    assert "Flag" in capsys.readouterr().out
    monkeypatch.delenv("BRIEFING_LIBRARY")
    assert main(["list"]) == 0
    assert "Cwd" in capsys.readouterr().out
