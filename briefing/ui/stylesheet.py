"""The reader's stylesheets parsed ahead, as Python keeps bytecode beside its sources.

Before its first frame Textual parses ``app.tcss`` and the ``DEFAULT_CSS`` of every widget
it mounts: about a hundred rule sets, in every process, always to the same rules for the
same text under the same theme. ``make css`` (``briefing.ui.stylesheet_build``) parses them
once, in a headless run of the reader, and keeps the rules in ``stylesheet.pickle`` beside
this module. The app's :class:`ParsedStylesheet` takes a text's rules from there when the
text, its place in the cascade, the theme's variables and the Textual release are those
they were parsed with, and parses anything else as Textual does: a stale file costs the
time it was meant to save, never a wrong style. ``tests/ui/test_stylesheet.py`` says when
the file is stale, and checks every rule in it against a fresh parse.

The file is part of the package, like its code, and only ``make css`` writes it; nothing
from a cache folder or a brief is ever unpickled. Pickle, because the rules are Textual's
own objects (selectors, ``Styles``, colours, scalars) with no other serial form.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

AHEAD = Path(__file__).with_name("stylesheet.pickle")
"""The rules parsed ahead, written by ``make css``."""

FORMAT = 1
"""The shape of the file; another is not read."""

MAX_BYTES = 4 * 1024 * 1024
"""A bigger file is not read: ours is tens of kilobytes."""

Key = tuple[str, bool, int, str]
"""A text and its place in the cascade: (css, is_default_rules, tie_breaker, scope)."""


@dataclass(frozen=True)
class Ahead:
    """Rules parsed ahead: which Textual parsed them, under which theme variables."""

    textual: str
    variables: dict[str, str]
    rules: dict[Key, list[RuleSet]]

    def dumps(self) -> bytes:
        content = {
            "format": FORMAT,
            "textual": self.textual,
            "variables": self.variables,
            "rules": self.rules,
        }
        return pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)


def _installed(version: str) -> bool:
    """Whether the Textual imported is release ``version``: its distribution's metadata
    folder, beside the package, says so (``importlib.metadata`` costs start-up a few ms)."""
    site = Path(textual.__file__).parent.parent
    return (site / f"textual-{version}.dist-info").is_dir()


def read_ahead(path: Path = AHEAD) -> Ahead | None:
    """The rules in ``path``, or None when there are none this Textual can use."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        content = pickle.loads(path.read_bytes())
    except Exception:  # a broken or foreign file: parse as if there were none
        return None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        return None
    version, variables, rules = (content.get(k) for k in ("textual", "variables", "rules"))
    if not (isinstance(version, str) and isinstance(variables, dict) and isinstance(rules, dict)):
        return None
    if not _installed(version):
        return None
    return Ahead(version, variables, rules)


class ParsedStylesheet(Stylesheet):
    """Textual's stylesheet, taking the rules a text was parsed to ahead where it can.

    Overrides the private ``Stylesheet._parse_rules``: docs/textual-private-api.md.
    """

    def __init__(
        self,
        *,
        variables: dict[str, str] | None = None,
        ahead: Path | None = AHEAD,
        record: dict[Key, list[RuleSet]] | None = None,
    ) -> None:
        """``ahead``: the file of rules parsed ahead (None: parse everything); ``record``:
        a dict to keep every text's rules in (``make css``)."""
        super().__init__(variables=variables)
        self.record = record
        self._ahead = read_ahead(ahead) if ahead else None
        self._fits = self._fits_theme(variables or {})
        """Whether the rules parsed ahead were parsed under this theme's variables."""

    def _fits_theme(self, variables: dict[str, str]) -> bool:
        return self._ahead is not None and self._ahead.variables == variables

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._fits = self._fits_theme(variables)

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, is_default_rules, tie_breaker, scope)
        rules = self._ahead.rules.get(key) if self._fits and self._ahead else None
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if self.record is not None:
            self.record[key] = rules
        return rules
