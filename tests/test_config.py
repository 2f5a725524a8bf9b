"""The config file: where it lives, what a mistake in it looks like, and theme saving."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from conftest import fresh_python

from briefing.brief.problems import Problem
from briefing.config import MAX_BYTES, Config, cache_dir, load_config, save_theme
from briefing.keymap import NAMED_ONE_BY_ONE, Default, KeyRules
from briefing.paths import config_path
from briefing.ui.bindings import valid_key

IDS = {"briefing.search", "briefing.quit", "briefing.reload", "briefing.edit"}
THEMES = {"textual-dark", "textual-light", "nord", "gruvbox"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}


def write(env: dict[str, str], text: str | bytes) -> Path:
    path = config_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_paths_follow_xdg(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path / "k")}
    assert config_path(env) == tmp_path / "c" / "briefing" / "config.toml"
    assert cache_dir(env) == tmp_path / "k" / "briefing"


def test_paths_default_to_home(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    assert config_path(env) == tmp_path / ".config" / "briefing" / "config.toml"
    assert cache_dir(env) == tmp_path / ".cache" / "briefing"


def test_relative_xdg_values_are_ignored(tmp_path: Path) -> None:
    # The XDG spec: relative paths are invalid and must be ignored.
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": "rel"}
    assert config_path(env) == tmp_path / ".config" / "briefing" / "config.toml"
    assert cache_dir(env) == tmp_path / ".cache" / "briefing"


def test_no_file_means_defaults(env: dict[str, str]) -> None:
    config, problems = load_config(IDS, THEMES, env=env)
    assert config == Config(path=config_path(env))
    assert problems == []


def test_keys_and_theme(env: dict[str, str]) -> None:
    write(
        env,
        'theme = "nord"\n\n[keys]\n"briefing.search" = "ctrl+f"\n'
        'briefing.quit = ["ctrl+q", "f10"]\n"briefing.reload" = "f5, ctrl+r"\n',
    )
    config, problems = load_config(IDS, THEMES, env=env)
    assert problems == []
    assert config.theme == "nord"
    assert dict(config.keys) == {
        "briefing.search": "ctrl+f",
        "briefing.quit": "ctrl+q,f10",
        "briefing.reload": "f5,ctrl+r",
    }


def test_syntax_error_points_at_line_and_column(env: dict[str, str]) -> None:
    path = write(env, 'theme = "nord"\n[keys]\n"briefing.search" = \n')
    config, problems = load_config(IDS, THEMES, env=env)
    assert config == Config(path=path)
    [problem] = problems
    assert (problem.path, problem.line, problem.severity) == (str(path), 3, "error")
    assert problem.col == len('"briefing.search" = ') + 1
    assert problem.message == "invalid TOML: Invalid value"
    assert problem.code == "config-syntax"
    assert problem.format().startswith(f"{path}:3:{problem.col}: error: invalid TOML")


def test_syntax_error_at_end_of_file(env: dict[str, str]) -> None:
    write(env, 'theme = "nord"\nkeys = [')
    _config, [problem] = load_config(IDS, THEMES, env=env)
    assert (problem.line, problem.col) == (2, len("keys = [") + 1)
    assert "end of the file" in problem.message


def test_unknown_binding_id_warns_with_suggestion(env: dict[str, str]) -> None:
    write(env, '[keys]\n"briefing.search" = "ctrl+f"\n  "briefing.serch" = "f3"\n')
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert dict(config.keys) == {"briefing.search": "ctrl+f"}
    assert problem.severity == "warning"
    assert (problem.line, problem.col) == (3, 3)
    assert "'briefing.serch'" in problem.message
    assert problem.hint == "did you mean 'briefing.search'?"


def test_unknown_ids_are_kept_when_no_list_is_given(env: dict[str, str]) -> None:
    write(env, '[keys]\n"anything.at.all" = "f3"\n')
    config, problems = load_config(env=env)
    assert problems == [] and dict(config.keys) == {"anything.at.all": "f3"}


@pytest.mark.parametrize("value", ["3", '""', '"ctrl+f, "', '"ctrl f"', "[1, 2]", "true"])
def test_bad_key_values_are_errors(env: dict[str, str], value: str) -> None:
    write(env, f'[keys]\n"briefing.search" = {value}\n')
    config, problems = load_config(IDS, THEMES, env=env)
    assert dict(config.keys) == {}
    assert [p.severity for p in problems] == ["error"]
    assert problems[0].line == 2


def test_two_ids_on_one_key_warn(env: dict[str, str]) -> None:
    write(env, '[keys]\n"briefing.search" = "f3"\n"briefing.reload" = "f3"\n')
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert problem.severity == "warning" and problem.line == 3
    assert "'f3'" in problem.message
    assert len(config.keys) == 2


def test_keys_must_be_a_table(env: dict[str, str]) -> None:
    write(env, 'keys = "ctrl+f"\n')
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert dict(config.keys) == {} and problem.severity == "error" and problem.line == 1


def test_unknown_setting_warns_with_suggestion(env: dict[str, str]) -> None:
    write(env, '# mine\nthem = "nord"\n\n[colours]\nx = 1\n')
    config, problems = load_config(IDS, THEMES, env=env)
    assert config.theme is None
    assert [(p.line, p.severity) for p in problems] == [(2, "warning"), (4, "warning")]
    assert problems[0].hint == "did you mean 'theme'?"


def test_bad_and_unknown_themes(env: dict[str, str]) -> None:
    write(env, "theme = 3\n")
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert config.theme is None and problem.severity == "error"
    write(env, 'theme = "gruvbx"\n')
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert config.theme is None and problem.severity == "warning"
    assert problem.hint == "did you mean 'gruvbox'?"


def test_not_utf8(env: dict[str, str]) -> None:
    write(env, b'theme = "nord"\n# caf\xe9\n')
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert config.theme is None
    assert (problem.line, problem.col) == (2, 6)


def test_unreadable_config(env: dict[str, str]) -> None:
    config_path(env).mkdir(parents=True)  # a folder where the file should be
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert config.theme is None and problem.code == "config-unreadable"


def test_save_theme_creates_the_file(env: dict[str, str]) -> None:
    assert save_theme("nord", env=env) is None
    path = config_path(env)
    assert path.read_text() == 'theme = "nord"\n'
    assert load_config(IDS, THEMES, env=env)[0].theme == "nord"


def test_save_theme_replaces_only_the_theme_line(env: dict[str, str]) -> None:
    original = (
        "# my settings\n"
        'theme = "nord"  # was nice\n'
        "\n"
        "[keys]\n"
        '"briefing.search" = "ctrl+f"  # like a browser\n'
    )
    path = write(env, original)
    assert save_theme("gruvbox", env=env) is None
    # The value changes; the line's comment, like every other line, stays.
    assert path.read_text() == original.replace('"nord"', '"gruvbox"')


def test_save_theme_goes_before_the_first_table(env: dict[str, str]) -> None:
    original = '# keys\n[keys]\n"briefing.search" = "ctrl+f"'
    path = write(env, original)
    assert save_theme("nord", env=env) is None
    text = path.read_text()
    assert text == '# keys\ntheme = "nord"\n\n[keys]\n"briefing.search" = "ctrl+f"'
    assert tomllib.loads(text) == {"theme": "nord", "keys": {"briefing.search": "ctrl+f"}}


def test_save_theme_appends_without_tables(env: dict[str, str]) -> None:
    path = write(env, "# nothing yet")
    assert save_theme("nord", env=env) is None
    assert path.read_text() == '# nothing yet\ntheme = "nord"\n'


def test_save_theme_keeps_crlf_line_endings(env: dict[str, str]) -> None:
    path = write(env, b'theme = "nord"\r\n[keys]\r\n')
    assert save_theme("gruvbox", env=env) is None
    assert path.read_bytes() == b'theme = "gruvbox"\r\n[keys]\r\n'


def test_save_theme_refuses_a_broken_file(env: dict[str, str]) -> None:
    path = write(env, 'theme = "nord"\n[keys\n')
    problem = save_theme("gruvbox", env=env)
    assert problem is not None and problem.line == 2
    assert problem.message.startswith("theme not saved")
    assert path.read_text() == 'theme = "nord"\n[keys\n'


def test_save_theme_edits_the_document_not_lines_that_look_like_it(env: dict[str, str]) -> None:
    # A multi-line string whose lines look like a table header and a theme setting.
    original = 'note = """\n[not a table]\ntheme = "fake"\n"""\n'
    path = write(env, original)
    assert save_theme("nord", env=env) is None
    assert tomllib.loads(path.read_text()) == {
        "note": '[not a table]\ntheme = "fake"\n',
        "theme": "nord",
    }


def test_comments_blank_lines_and_order_survive_a_theme_change(env: dict[str, str]) -> None:
    original = (
        "# briefing settings, kept in my dotfiles\n"
        "\n"
        "# the look\n"
        'theme = "nord"   # dark, for evenings\n'
        "\n"
        "[keys]  # remapped\n"
        '"briefing.search" = "ctrl+f"  # as in a browser\n'
        "# quitting\n"
        '"briefing.quit" = ["ctrl+q", "f10"]\n'
        "briefing.reload = 'f5'  # a dotted key\n"
    )
    path = write(env, original)
    assert save_theme("gruvbox", env=env) is None
    assert path.read_text() == original.replace('"nord"', '"gruvbox"')


def test_a_theme_added_keeps_every_line_and_the_files_line_endings(env: dict[str, str]) -> None:
    original = '# mine\r\n[keys]\r\n"briefing.quit" = "ctrl+q"  # out\r\n'
    path = write(env, original)
    assert save_theme("nord", env=env) is None
    text = path.read_bytes().decode("utf-8")
    assert text == '# mine\r\ntheme = "nord"\r\n\r\n[keys]\r\n"briefing.quit" = "ctrl+q"  # out\r\n'


def test_save_theme_refuses_an_edit_it_cannot_verify(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited text must parse to the old settings plus the theme, or nothing is written."""
    import briefing.config

    original = '[keys]\n"briefing.quit" = "ctrl+q"\n'
    path = write(env, original)
    monkeypatch.setattr(briefing.config, "_with_theme", lambda text, name: "[keys]\n")
    problem = save_theme("nord", env=env)
    assert problem is not None and problem.code == "config-unsafe-edit"
    assert path.read_text() == original


def test_tomlkit_is_imported_only_to_save() -> None:
    script = (
        "import sys\n"
        "from briefing.config import load_config\n"
        "load_config(path=__import__('pathlib').Path('/nonexistent/config.toml'))\n"
        "print('tomlkit' in sys.modules)\n"
    )
    assert fresh_python(script).strip() == "False"


def test_save_theme_writes_through_a_symlink(env: dict[str, str], tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "briefing.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text('theme = "nord"\n')
    dotfiles.chmod(0o600)
    link = config_path(env)
    link.parent.mkdir(parents=True)
    link.symlink_to(dotfiles)
    assert save_theme("gruvbox", env=env) is None
    assert link.is_symlink()
    assert dotfiles.read_text() == 'theme = "gruvbox"\n'
    assert stat.S_IMODE(dotfiles.stat().st_mode) == 0o600
    assert sorted(os.listdir(dotfiles.parent)) == ["briefing.toml"]  # no temp file left


def test_save_theme_reports_an_unwritable_folder(env: dict[str, str], tmp_path: Path) -> None:
    blocker = Path(env["XDG_CONFIG_HOME"])
    blocker.write_text("a file where the config folder should be")
    problem = save_theme("nord", env=env)
    assert problem is not None and problem.code == "config-unwritable"
    assert blocker.read_text() == "a file where the config folder should be"


def test_saving_the_same_theme_does_not_touch_the_file(env: dict[str, str]) -> None:
    path = write(env, 'theme   =   "nord"   # spaced out\n')
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    assert save_theme("nord", env=env) is None
    assert path.read_text() == 'theme   =   "nord"   # spaced out\n'
    assert path.stat().st_mtime_ns == before - 10**9


# -- bounded reads, many ids, nonsense keys and clashes ----------------------------------

DEFAULTS = {
    "briefing.quit": Default("q", frozenset({"app"})),
    "briefing.search": Default("slash", frozenset({"main"})),
    "briefing.reload": Default("r", frozenset({"main"})),
    "briefing.edit": Default("e", frozenset({"main"})),
    "briefing.down": Default("j", frozenset({"list", "items"})),
    "briefing.copy": Default("y", frozenset({"items", "summary"})),
    "briefing.help.close": Default("escape", frozenset({"help"})),
}


def _with_keys(env: dict[str, str], lines: str) -> tuple[Config, list[Problem]]:
    write(env, "[keys]\n" + lines)
    return load_config(set(DEFAULTS), THEMES, env=env, rules=KeyRules(DEFAULTS, valid_key))


def test_a_config_that_is_a_fifo_is_not_opened(env: dict[str, str]) -> None:
    path = config_path(env)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)  # reading it would hang the reader before its first frame
    config, [problem] = load_config(IDS, THEMES, env=env)
    assert config == Config(path=path)
    assert problem.code == "config-unreadable" and (problem.line, problem.col) == (1, 1)
    assert problem.message == "cannot read the config file: it is a FIFO (named pipe)"


def test_a_config_linked_to_an_endless_device_is_not_read(env: dict[str, str]) -> None:
    path = config_path(env)
    path.parent.mkdir(parents=True)
    path.symlink_to("/dev/zero")
    _config, [problem] = load_config(IDS, THEMES, env=env)
    assert problem.message == "cannot read the config file: it is a device"


def test_a_huge_config_is_refused_by_its_size(env: dict[str, str]) -> None:
    write(env, "[keys]\n" + "".join(f'"briefing.x{n}" = "a"\n' for n in range(400_000)))
    _config, [problem] = load_config(IDS, THEMES, env=env)
    assert problem.code == "config-unreadable"
    assert problem.message.endswith(f"over the {MAX_BYTES:,}-byte limit")


def test_thousands_of_unknown_ids_are_counted_not_each_reported(env: dict[str, str]) -> None:
    config, problems = _with_keys(env, "".join(f'"briefing.x{n}" = "a"\n' for n in range(10_000)))
    assert dict(config.keys) == {}
    assert len(problems) == NAMED_ONE_BY_ONE + 1
    assert [p.line for p in problems[:3]] == [2, 3, 4]  # each at its own line
    last = problems[-1]
    assert last.line == NAMED_ONE_BY_ONE + 2
    assert last.message == (
        f"{10_000 - NAMED_ONE_BY_ONE:,} more unknown key binding ids, "
        f"from 'briefing.x{NAMED_ONE_BY_ONE}' on"
    )


@pytest.mark.parametrize("value", ["blargh+zzz", "ctrl+", "zzz", "ctrl+ctrl+a", "f25"])
def test_a_key_that_does_not_exist_is_an_error_at_its_line(env: dict[str, str], value: str) -> None:
    config, [problem] = _with_keys(env, f'"briefing.edit" = "ctrl+e, {value}"\n')
    assert dict(config.keys) == {}
    assert (problem.code, problem.severity, problem.line, problem.col) == (
        "config-bad-key",
        "error",
        2,
        1,
    )
    assert problem.message == f"bad key for 'briefing.edit': {value!r} is not a key name"


def test_taking_quits_key_warns_and_says_how_to_quit(env: dict[str, str]) -> None:
    config, [problem] = _with_keys(env, '# mine\n"briefing.search" = "q"\n')
    assert dict(config.keys) == {"briefing.search": "q"}
    assert (problem.code, problem.severity, problem.line) == ("config-key-clash", "warning", 3)
    assert problem.message == (
        "key 'q' is given to both 'briefing.quit' and 'briefing.search': 'q' may no longer quit"
    )
    assert problem.hint == "ctrl+q still quits; give 'briefing.quit' a key of its own"


def test_ctrl_q_stays_with_quit(env: dict[str, str]) -> None:
    config, [problem] = _with_keys(env, '"briefing.reload" = "ctrl+q, f5"\n')
    assert dict(config.keys) == {"briefing.reload": "f5"}
    assert problem.message == "ctrl+q always quits: 'briefing.reload' does not get it"
    config, problems = _with_keys(env, '"briefing.quit" = "ctrl+q"\n')
    assert problems == [] and dict(config.keys) == {"briefing.quit": "ctrl+q"}


def test_keys_clash_only_where_both_bindings_act(env: dict[str, str]) -> None:
    # "y" copies in the item panes and the summary; the help screen's escape is elsewhere.
    config, problems = _with_keys(env, '"briefing.down" = "y"\n"briefing.help.close" = "r"\n')
    assert [(p.line, p.message) for p in problems] == [
        (2, "key 'y' is given to both 'briefing.copy' and 'briefing.down'")
    ]
    assert dict(config.keys) == {"briefing.down": "y", "briefing.help.close": "r"}


def test_moving_quit_away_first_makes_its_key_free(env: dict[str, str]) -> None:
    _config, problems = _with_keys(env, '"briefing.quit" = "ctrl+x"\n"briefing.search" = "q"\n')
    assert problems == []


def test_save_theme_neither_reads_nor_replaces_a_fifo(env: dict[str, str]) -> None:
    path = config_path(env)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    problem = save_theme("nord", env=env)
    assert problem is not None and problem.code == "config-unreadable"
    assert "it is a FIFO" in problem.message
    assert stat.S_ISFIFO(path.stat().st_mode)
