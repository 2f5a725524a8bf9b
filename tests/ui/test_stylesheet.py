"""The stylesheets parsed ahead (``make css``): current, equal to a fresh parse, used by the
reader, and never in the way when they do not fit."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import textual.css.parse
import textual.css.stylesheet
from pilot_helpers import app_for, settle
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from briefing.ui import stylesheet
from briefing.ui.stylesheet import AHEAD, Ahead, ParsedStylesheet, read_ahead
from briefing.ui.stylesheet_build import record

REPO = Path(__file__).parents[2]

Comparable = list[tuple[str, list[tuple[str, object]], bool, int, tuple[str, ...], tuple[str, ...]]]


def declarations(rule: RuleSet) -> list[tuple[str, object]]:
    """A rule's values by name; a layout (a new object each parse) by its name."""
    values = rule.styles.get_rules()
    return sorted(
        (name, getattr(value, "name", value) if name == "layout" else value)
        for name, value in values.items()
    )


def comparable(rules: list[RuleSet]) -> Comparable:
    """What rules style, comparable between two parses: their selectors, their values,
    the place in the cascade, the names and pseudo-classes the rule is looked up by."""
    return [
        (
            rule.selectors,
            declarations(rule),
            rule.is_default_rules,
            rule.tie_breaker,
            tuple(sorted(rule.selector_names)),
            tuple(sorted(rule.pseudo_classes)),
        )
        for rule in rules
    ]


def fresh(css: str, variables: dict[str, str], key: tuple[str, bool, int, str]) -> list[RuleSet]:
    _, is_default, tie_breaker, scope = key
    sheet = Stylesheet(variables=variables)
    return sheet._parse_rules(css, ("", "fresh"), is_default, tie_breaker, scope)


@pytest.fixture(scope="module")
def shipped() -> Ahead:
    ahead = read_ahead()
    if ahead is None:
        content = pickle.loads(AHEAD.read_bytes()) if AHEAD.is_file() else {}
        if content.get("textual") not in (None, textual_version()):
            pytest.skip(f"parsed with textual {content['textual']}, not this one: make css")
        pytest.fail(f"{AHEAD.relative_to(REPO)} is missing or unreadable: run make css")
    return ahead


def textual_version() -> str:
    from importlib.metadata import version

    return version("textual")


def test_the_shipped_rules_cover_every_text_the_reader_parses(shipped: Ahead) -> None:
    now = record()
    assert shipped.textual == now.textual
    assert shipped.variables == now.variables, "the default theme changed: run make css"
    stale = [key[0][:60] for key in now.rules if key not in shipped.rules]
    assert not stale, f"parsed ahead from other texts: run make css ({stale})"


def test_every_shipped_rule_is_what_textual_parses_now(shipped: Ahead) -> None:
    assert len(shipped.rules) > 10  # app.tcss, App, Screen, the panes, the late widgets
    for key, rules in shipped.rules.items():
        assert comparable(rules) == comparable(fresh(key[0], shipped.variables, key)), key[0]


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text Textual's own parser is given from now on."""
    parsed: list[str] = []
    parse = textual.css.parse.parse

    def counting(scope: str, css: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(css)
        return parse(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counting)
    return parsed


async def test_the_reader_parses_nothing_that_was_parsed_ahead(
    shipped: Ahead, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = count_parses(monkeypatch)
    app = app_for(library)
    assert isinstance(app.stylesheet, ParsedStylesheet)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query("OptionList")  # drawn, with the panes' rules
    ahead = {key[0] for key in shipped.rules}
    assert ahead, "nothing parsed ahead"
    assert not [css[:60] for css in parsed if css in ahead]


def unusable_files(tmp_path: Path) -> dict[str, Path]:
    content = pickle.loads(AHEAD.read_bytes())
    files = {
        "missing": tmp_path / "none.pickle",
        "not pickle": tmp_path / "garbage.pickle",
        "another format": tmp_path / "format.pickle",
        "another textual": tmp_path / "textual.pickle",
        "not a table": tmp_path / "list.pickle",
        "a folder": tmp_path / "folder.pickle",
    }
    files["not pickle"].write_bytes(b"\x80\x05not a pickle at all")
    files["another format"].write_bytes(pickle.dumps({**content, "format": 0}))
    files["another textual"].write_bytes(pickle.dumps({**content, "textual": "0.0.1"}))
    files["not a table"].write_bytes(pickle.dumps([1, 2, 3]))
    files["a folder"].mkdir()
    return files


def test_a_file_that_does_not_fit_is_not_used_and_everything_is_parsed(
    tmp_path: Path, shipped: Ahead, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = next(iter(shipped.rules))
    for reason, path in unusable_files(tmp_path).items():
        assert read_ahead(path) is None, reason
        sheet = ParsedStylesheet(variables=shipped.variables, ahead=path)
        rules = sheet._parse_rules(key[0], ("", "test"), *key[1:])
        assert rules is not shipped.rules[key], reason
        assert comparable(rules) == comparable(shipped.rules[key]), reason
    monkeypatch.setattr(stylesheet, "MAX_BYTES", 100)
    assert read_ahead(AHEAD) is None  # bigger than the bound: not read


def test_another_theme_is_parsed_afresh_before_and_after_the_start(shipped: Ahead) -> None:
    key = next(k for k in shipped.rules if "$" in k[0])  # a text that uses theme variables
    other = {**shipped.variables, "primary": "#123456"}

    at_start = ParsedStylesheet(variables=other)
    rules = at_start._parse_rules(key[0], ("", "test"), *key[1:])
    assert rules is not shipped.rules[key]
    assert comparable(rules) == comparable(fresh(key[0], other, key))

    later = ParsedStylesheet(variables=shipped.variables)
    first = later._parse_rules(key[0], ("", "test"), *key[1:])
    assert comparable(first) == comparable(shipped.rules[key])  # taken from the file
    later.set_variables(other)
    rules = later._parse_rules(key[0], ("", "test"), *key[1:])
    assert comparable(rules) == comparable(fresh(key[0], other, key))
    later.set_variables(dict(shipped.variables))  # back to the default theme
    again = later._parse_rules(key[0], ("", "test"), *key[1:])
    assert comparable(again) == comparable(shipped.rules[key])


def test_a_text_not_parsed_ahead_is_parsed(shipped: Ahead) -> None:
    sheet = ParsedStylesheet(variables=shipped.variables)
    rules = sheet._parse_rules("#nowhere { color: red; }", ("", "test"))
    assert [(rule.selectors, str(rule.styles.color)) for rule in rules] == [
        ("#nowhere", "Color(255, 0, 0)")
    ]
