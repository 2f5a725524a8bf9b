"""``briefing list``, ``actors``, ``actor`` and ``timeline``: their output, from the index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from briefing.brief.loader import content_digest
from briefing.brief.outcome import LoadResult
from briefing.cli import main
from briefing.store.seen import SeenState

COUP = """\
title: Coup in Niger
date: 2023-07
tags: [niger, sahel]
summary: The presidential guard takes power.
sources:
  - id: ap
    outlet: Associated Press
actors:
  - id: tiani
    name: Gen. Abdourahamane Tiani
    kind: person
    role: Head of the presidential guard
  - id: bazoum
    name: Mohamed Bazoum
    kind: person
    role: President
quotes:
  - speaker: bazoum
    text: The hard-won gains will be safeguarded.
    source: ap
timeline:
  - date: 2023-07-26
    event: Tiani's guard detains Mohamed Bazoum.
    source: ap
  - date: 2023-07
    event: The junta closes the borders.
related: [trainers]
"""
TRAINERS = """\
title: Russian trainers arrive
date: 2024-04-11
tags: [niger, russia]
summary: A plane lands in Niamey with air-defence equipment.
sources:
  - id: rfi
    outlet: RFI
actors:
  - id: tiani
    name: Abdourahamane Tiani
    kind: person
    role: Leader of the junta
  - id: langley
    name: Gen. Michael E. Langley
    kind: person
    entity: michael-langley
quotes:
  - speaker: tiani
    text: We choose our partners.
    source: rfi
  - speaker: tiani
    text: Sovereignty first.
    source: rfi
timeline:
  - date: 2024-04-10
    event: A Russian plane lands in Niamey.
  - date: 2024
    event: Russia and Niger sign a defence pact.
"""
UNDATED = """\
title: Background on the Sahel
summary: Juntas rule in Mali, Burkina Faso and Niger.
tags: [sahel]
actors:
  - id: langley
    name: Michael Langley
    kind: person
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "briefs"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "coup.yaml").write_text(COUP, "utf-8")
    (root / "trainers.yaml").write_text(TRAINERS, "utf-8")
    (root / "background.yaml").write_text(UNDATED, "utf-8")
    (root / "broken.yaml").write_text("title: [\n", "utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]


def test_list_sorts_newest_first_and_filters(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ("--library", str(library))
    code, out, err = run(capsys, "list", *lib)
    assert (code, err) == (0, "")
    assert ids(out) == ["trainers", "2023/coup", "background", "broken"]
    assert out.splitlines()[2].split()[:2] == ["2023/coup", "2023-07"]  # as written
    assert ids(run(capsys, "list", *lib, "tag:sahel")[1]) == ["2023/coup", "background"]
    assert ids(run(capsys, "list", *lib, "-tag:sahel")[1]) == ["trainers", "broken"]
    assert ids(run(capsys, "list", *lib, "actor:tiani", "--sort", "title")[1]) == [
        "2023/coup",
        "trainers",
    ]
    assert ids(run(capsys, "list", *lib, "outlet:Associated Press")[1]) == ["2023/coup"]
    assert ids(run(capsys, "list", *lib, "after:2024")[1]) == ["trainers"]
    assert ids(run(capsys, "list", *lib, "before:2023-07-15")[1]) == ["2023/coup"]
    assert ids(run(capsys, "list", *lib, "juntas")[1]) == ["background"]
    assert ids(run(capsys, "list", *lib, "niamey", "-bazoum")[1]) == ["trainers"]
    assert ids(run(capsys, "list", *lib, "niger", "-russian")[1]) == ["2023/coup", "background"]


class Opened(NamedTuple):
    path: Path
    digest: str


def test_list_json_and_is_new(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = ("--library", str(library))
    data = json.loads(run(capsys, "list", *lib, "--format", "json")[1])["briefs"]
    assert [d["id"] for d in data] == ["trainers", "2023/coup", "background", "broken"]
    assert data[1]["date"] == "2023-07" and data[1]["tags"] == ["niger", "sahel"]
    assert all(d["new"] for d in data)
    trainers = library / "trainers.yaml"
    SeenState().mark_opened(Opened(trainers, "another content"))
    assert (
        len(json.loads(run(capsys, "list", *lib, "is:new", "--format", "json")[1])["briefs"]) == 4
    )
    SeenState().mark_opened(Opened(trainers, content_digest(trainers.read_bytes())))
    assert ids(run(capsys, "list", *lib, "-is:new")[1]) == ["trainers"]
    assert ids(run(capsys, "list", *lib, "is:new")[1]) == ["2023/coup", "background", "broken"]
    trainers.write_text(TRAINERS + "\n# edited\n", "utf-8")
    assert "trainers" in ids(run(capsys, "list", *lib, "is:new")[1])  # changed since: new again


def test_a_mistake_in_the_query_is_a_usage_error(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", "--library", str(library), "foo:bar", "after:2024-13")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "briefing: error: unknown filter 'foo:' (filters: tag:, actor:, entity:, outlet:, "
        'after:, before:, is:); to search for text with a colon, put it in quotes: "a:b": foo:bar',
        "briefing: error: '2024-13' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY: "
        "after:2024-13",
    ]
    assert run(capsys, "timeline", "--library", str(library), "is:old")[0] == 2
    code, out, err = run(capsys, "list", "--library", str(library), "tag:nothing")
    assert (code, out, err) == (0, "", "briefing: warning: no briefs match the query\n")


def test_actors_lists_entities_with_their_counts(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "actors", "--library", str(library))
    assert (code, err) == (0, "")
    lines = [line.split(None, 4) for line in out.splitlines()]
    assert lines[0] == ["KEY", "KIND", "BRIEFS", "QUOTES", "NAME"]
    assert lines[1] == ["abdourahamane-tiani", "person", "2", "2", "Gen. Abdourahamane Tiani"]
    assert lines[2] == ["michael-langley", "person", "2", "0", "Gen. Michael E. Langley"]
    assert lines[3] == ["mohamed-bazoum", "person", "1", "1", "Mohamed Bazoum"]
    code, out, _ = run(
        capsys, "actors", "--library", str(library), "tag:russia", "--format", "json"
    )
    assert [(a["key"], a["briefs"], a["quotes"]) for a in json.loads(out)["actors"]] == [
        ("abdourahamane-tiani", 1, 2),
        ("michael-langley", 1, 0),
    ]
    code, out, _ = run(capsys, "actors", "--library", str(library), "langl")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["michael-langley"]


def test_actor_prints_a_dossier(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actor", "--library", str(library), "Tiani")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "Gen. Abdourahamane Tiani (person)",
        "Entity: abdourahamane-tiani",
    ]
    assert (
        "- July 2023, 2023/coup: Coup in Niger \u2014 as Gen. Abdourahamane Tiani; "
        "Head of the presidential guard" in out
    )
    assert (
        "- 2024-04-11, trainers: Russian trainers arrive \u2014 as Abdourahamane Tiani; "
        "Leader of the junta" in out
    )
    assert (
        "- 2024-04-11, trainers: \u201cWe choose our partners.\u201d (no source text; RFI)" in out
    )
    assert (
        "- 2023-07-26: Tiani's guard detains Mohamed Bazoum. (source: Associated Press) [2023/coup]"
        in out
    )
    code, out, _ = run(
        capsys, "actor", "--library", str(library), "abdourahamane-tiani", "--format", "json"
    )
    data = json.loads(out)
    assert [a["brief"] for a in data["appearances"]] == ["2023/coup", "trainers"]
    assert [q["text"] for q in data["quotes"]] == ["We choose our partners.", "Sovereignty first."]
    code, out, _ = run(
        capsys, "actor", "--library", str(library), "Michael Langley", "--format", "markdown"
    )
    assert out.startswith("# Gen. Michael E. Langley\n\n**Entity:** `michael-langley`")


def test_actor_unknown_or_ambiguous_lists_close_matches(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "actor", "--library", str(library), "Tiany")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "briefing: error: no actor 'Tiany' in the library",
        "did you mean:",
        "  abdourahamane-tiani  Gen. Abdourahamane Tiani (person, 2 briefs)",
    ]
    code, out, err = run(capsys, "actor", "--library", str(library), "zzzz")
    assert code == 1 and "run 'briefing actors' to see them all" in err
    code, out, err = run(capsys, "actor", "--library", str(library), "gen")
    assert code == 1 and "could be 2 actors; name one by its key:" in err


def test_timeline_is_one_in_date_order_grouped_by_month(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "timeline", "--library", str(library))
    assert (code, err) == (0, "")
    assert out.split("\n\n") == [
        "JULY 2023\n"
        "- July 2023: The junta closes the borders. \u2014 Coup in Niger [2023/coup]\n"
        "- 2023-07-26: Tiani's guard detains Mohamed Bazoum. (source: Associated Press) "
        "\u2014 Coup in Niger [2023/coup]",
        "2024\n- 2024: Russia and Niger sign a defence pact. \u2014 Russian trainers arrive "
        "[trainers]",
        "APRIL 2024\n- 2024-04-10: A Russian plane lands in Niamey. \u2014 Russian trainers arrive "
        "[trainers]\n",
    ]
    code, out, _ = run(
        capsys, "timeline", "--library", str(library), "tag:russia", "--format", "json"
    )
    assert [(e["date"], e["month"], e["brief"]) for e in json.loads(out)["entries"]] == [
        ("2024", "2024", "trainers"),
        ("2024-04-10", "April 2024", "trainers"),
    ]
    code, out, _ = run(capsys, "timeline", "--library", str(library), "--format", "markdown")
    assert out.startswith("# Timeline\n\n## July 2023\n\n- **July 2023** \u2014 The junta closes")


def test_commands_answer_from_the_index_without_parsing(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = ("--library", str(library))
    for command in (["list"], ["actors"], ["actor", "tiani"], ["timeline"], ["list", "niamey"]):
        run(capsys, *command, *lib)  # the first run stores every file in the index
    parsed: list[Path] = []
    import briefing.brief.loader as loader

    real = loader.load_file

    def counted(path: Path, **kw: Any) -> LoadResult:
        parsed.append(path)
        return real(path, **kw)

    monkeypatch.setattr(loader, "load_file", counted)
    for command in (["list"], ["actors"], ["actor", "tiani"], ["timeline"], ["list", "niamey"]):
        code, out, _ = run(capsys, *command, *lib)
        assert code == 0 and out
    assert parsed == []  # not even the file that does not load: its problems are stored too
    (library / "trainers.yaml").write_text(
        TRAINERS.replace("Russian trainers", "Trainers"), "utf-8"
    )
    assert "Trainers arrive" in run(capsys, "list", *lib)[1]
    assert parsed == [library / "trainers.yaml"]  # a changed file, and it alone, is read again


def test_the_real_command_from_a_terminal_less_pipe(library: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "BRIEFING_LIBRARY": str(library),
    }
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "list", "-tag:sahel", "--format", "json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [d["id"] for d in json.loads(done.stdout)["briefs"]] == ["trainers", "broken"]
    assert "Traceback" not in done.stderr
