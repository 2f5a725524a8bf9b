"""A library of good, bad and hostile briefs, with articles their quotes are checked against,
for the tests of the verdict cache and of parsing on every core."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from briefing.commands.check import run_check

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

EXTRA_ARTICLE = "The minister said the talks would resume in May, and that nothing was agreed.\n"
CITING = """\
title: Talks
summary: The talks.
sources:
  - id: wire
    file: ../seeds/extra.txt
actors:
  - id: minister
    name: The Minister
quotes:
  - speaker: minister
    text: the talks would resume in May
    source: wire
  - speaker: minister
    text: nothing was agreed
    source: wire
"""


def make_library(base: Path) -> Path:
    """Good, bad and hostile briefs, and briefs whose quotes are checked against articles;
    warnings across briefs, a folder link not followed, and an id two files want.

    ``good/full.yaml`` names its articles ``../../../seeds/...``, the shipped brief
    ``../seeds/...``: both find ``base/seeds`` from where they are put.
    """
    shutil.copytree(REPO / "seeds", base / "seeds")
    (base / "seeds" / "extra.txt").write_text(EXTRA_ARTICLE)
    shutil.copytree(REPO / "briefs", base / "briefs")
    (base / "briefs" / "citing.yaml").write_text(CITING)
    shutil.copytree(FIXTURES / "good", base / "x" / "y" / "good")
    shutil.copytree(FIXTURES / "bad", base / "bad")
    # What is found across briefs, and beside them: one entity of two kinds, actors that
    # look alike, a folder link not followed, two files wanting one id.
    for case in ("entity-kinds", "entity-lookalike"):
        shutil.copytree(FIXTURES / "library" / case, base / "entities" / case)
    shutil.copy(FIXTURES / "good" / "minimal.yaml", base / "x" / "y" / "good" / "minimal.yml")
    hostile = base / "hostile"
    hostile.mkdir()
    (hostile / "inside").symlink_to(base / "x")
    (hostile / "random.yaml").write_bytes(bytes(range(256)) * 4)
    (hostile / "a-folder.yaml").mkdir()
    (hostile / "dangling.yaml").symlink_to(base / "nowhere.yaml")
    os.mkfifo(hostile / "fifo.yaml")
    (hostile / "huge.yaml").write_text("title: x\n" + "#" * (MAX_BYTES + 10) + "\n")
    return base


MAX_BYTES = 100_000
UNJUDGEABLE = ("hostile/dangling.yaml", "hostile/fifo.yaml", "hostile/huge.yaml")
"""Files with no bytes to take a digest of: judged every time, which costs no parse."""


def check(
    root: Path, cache_file: Path | None, *options: str, max_bytes: int = MAX_BYTES
) -> tuple[int, str, str]:
    """One in-process ``briefing check`` of ``root`` (options: ``--strict``, ``--json``),
    with the verdict cache in ``cache_file`` or none: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = run_check(
        [root],
        strict="--strict" in options,
        fmt="json" if "--json" in options else "text",
        max_bytes=max_bytes,
        out=out,
        err=err,
        cache=cache_file is not None,
        cache_file=cache_file,
    )
    return code, out.getvalue(), err.getvalue()
