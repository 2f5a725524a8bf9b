"""The committed JSON Schema is what ``briefing schema`` prints, so editors never drift."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from briefing.brief.schema import BRIEF, json_schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_the_format() -> None:
    committed = json.loads((ROOT / "docs" / "brief.schema.json").read_text("utf-8"))
    assert committed == json_schema(), "run: briefing schema > docs/brief.schema.json"


def test_schema_command_prints_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "schema"], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == json_schema()


def test_every_field_of_the_format_is_in_the_schema() -> None:
    properties = json_schema()["properties"]
    assert isinstance(properties, dict)
    assert set(properties) == {field.name for field in BRIEF.fields}
    assert json_schema()["required"] == ["title", "summary"]


def test_the_first_brief_points_editors_at_the_schema() -> None:
    first_line = (ROOT / "briefs" / "niger-russia-trainers.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../docs/brief.schema.json"
