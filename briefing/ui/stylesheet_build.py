"""``make css``: parse the reader's stylesheets ahead, into ``briefing/ui/stylesheet.pickle``.

    python -m briefing.ui.stylesheet_build

Runs the reader headless on the shipped library, at 120x40, with the default theme and no
config, until the widgets mounted after the first frame and the summary's Markdown are
there, and keeps every text Textual parsed on the way with its rules (``briefing.ui.
stylesheet``). Run it after changing ``app.tcss``, a widget's ``DEFAULT_CSS`` or the Textual
pin; ``tests/ui/test_stylesheet.py`` fails until then.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from textual.css.model import RuleSet

from briefing.paths import default_library_paths
from briefing.ui.app import make_app
from briefing.ui.stylesheet import AHEAD, Ahead, Key, ParsedStylesheet

SETTLE_ROUNDS = 200
"""Pauses of the pilot to wait for the late widgets and the summary, at most."""


async def _record(home: Path) -> Ahead:
    app = make_app(default_library_paths(), watch=False, config_path=home / "no-config.toml")
    variables = dict(app.theme_variables)
    parsed: dict[Key, list[RuleSet]] = {}
    app.stylesheet = ParsedStylesheet(variables=variables, ahead=None, record=parsed)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(SETTLE_ROUNDS):
            await pilot.pause(0.01)
            main = app.main
            late = all(main.query(f"#{name}") for name in ("search", "banner", "broken"))
            if late and main.summary.rendered is not None:
                break
        else:
            raise SystemExit("the reader did not mount its late widgets and summary in time")
    return Ahead(version("textual"), variables, parsed)


USER_STATE = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")


def record() -> Ahead:
    """The rules of every text the reader parses, in a headless run with no user state."""
    saved = {name: os.environ.get(name) for name in USER_STATE}
    with tempfile.TemporaryDirectory() as home:
        os.environ.update({name: str(Path(home) / name.lower()) for name in USER_STATE})
        try:
            return asyncio.run(_record(Path(home)))
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def main() -> int:
    ahead = record()
    AHEAD.write_bytes(ahead.dumps())
    print(f"{AHEAD}: {len(ahead.rules)} texts, textual {ahead.textual}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
