"""The chosen theme is remembered; a bad config file is reported, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import app_for, notices, settle


async def test_the_chosen_theme_is_remembered(library: Path, tmp_path: Path) -> None:
    config = tmp_path / "briefing" / "config.toml"
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        app.theme = "nord"
        await pilot.pause()
    assert 'theme = "nord"' in config.read_text()
    again = app_for(library, config_path=config)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_a_broken_config_is_a_warning(library: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"briefing.serch" = "ctrl+f"\n')
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("unknown key binding id 'briefing.serch'" in n for n in notices(pilot))
        assert app.is_running


async def test_no_color_is_respected(library: Path, monkeypatch: object) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # type: ignore[attr-defined]
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert "Beta" in str(app.main.query_one("#header").render())  # the newest brief


async def test_keys_of_the_source_view_can_be_remapped(library: Path, tmp_path: Path) -> None:
    from briefing.ui.screens.source import SourceScreen

    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"briefing.source.close" = "x"\n')
    app = app_for(library / "alpha.yaml", config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not any("unknown key binding id" in n for n in notices(pilot))
        await pilot.press("3", "s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)


async def _app_css_parses(library: Path, config: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times starting the reader parses app.tcss."""
    import textual.css.stylesheet as stylesheet_module
    from textual.css.parse import parse

    from briefing.ui.app import BriefingApp

    ours = BriefingApp.CSS_PATH.read_text()
    parses: list[str] = []
    real = parse

    def counted(scope: str, css: str, *args: object, **kwargs: object) -> object:
        if css == ours:
            parses.append(scope)
        return real(scope, css, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    monkeypatch.undo()
    return len(parses)


async def test_a_saved_theme_costs_two_stylesheet_parses_not_three(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the default theme the reader parses no stylesheet: it takes the rules parsed
    ahead (``briefing.ui.stylesheet``). A saved theme is parsed for: applied once the screen
    is up (as it was), Textual parsed every stylesheet three times at start-up; applied
    before the screen is built, twice."""
    plain = await _app_css_parses(library, tmp_path / "none.toml", monkeypatch)
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n# a comment the reader must keep\n')
    written = config.read_bytes(), config.stat().st_mtime_ns
    themed = await _app_css_parses(library, config, monkeypatch)
    assert plain == 0
    assert themed == 2
    assert (config.read_bytes(), config.stat().st_mtime_ns) == written  # starting never writes


async def test_a_remap_that_takes_quits_key_warns_and_ctrl_q_still_quits(
    library: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"briefing.search" = "q"\n"briefing.palette" = "ctrl+q"\n')
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = " ".join(notices(pilot))
        assert f"{config}:2:1: warning: key 'q' is given to both" in said
        assert "(and 1 more)" in said  # ctrl+q kept from the palette
        await pilot.press("q")  # now opens the search box
        await pilot.pause()
        assert app.is_running and app.main.has_class("-searching")
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_a_nonsense_key_is_reported_and_the_default_kept(
    library: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"briefing.reload" = "blargh+zzz"\n')
    app = app_for(library, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("'blargh+zzz' is not a key name" in n for n in notices(pilot))
        assert "briefing.reload" not in app.keymap
