"""The pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself on a repository of
briefs that uses it as any other repository would: by path and commit.

pre-commit builds the hook's environment by installing this package (and Textual, PyYAML
...) from the package index, as it does for everyone; without the index the test is skipped,
saying so.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from project_copy import committed_copy, git

from briefing.cli.parsers import command_parser

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # pre-commit builds the hook's environment
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
REPOSITORY = "https://github.com/briefing-reader/briefing"
DIST_NAME = "briefing-reader"
UNREACHABLE = (
    "Could not find a version that satisfies",
    "No matching distribution found",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
)

BAD = "title: A brief without its summary\n"


def _consumer(tmp_path: Path, hook_repo: Path, rev: str) -> Path:
    """A repository of briefs: the shipped brief and its articles, plus one broken brief."""
    repo = tmp_path / "briefs-repo"
    (repo / "briefs").mkdir(parents=True)
    shutil.copy(ROOT / "briefs" / "niger-russia-trainers.yaml", repo / "briefs")
    shutil.copytree(ROOT / "seeds", repo / "seeds")
    (repo / "briefs" / "broken.yaml").write_text(BAD, encoding="utf-8")
    (repo / "notes.yaml").write_text("not: a brief\n", encoding="utf-8")  # outside briefs/
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: briefing-check\n",
        encoding="utf-8",
    )
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "briefs")
    return repo


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_hook_checks_the_briefs_of_another_repository(tmp_path: Path) -> None:
    hook_repo, rev = committed_copy(tmp_path / "hook-repo")
    repo = _consumer(tmp_path, hook_repo, rev)
    home = tmp_path / "pre-commit-home"

    failed = _pre_commit(repo, home)
    output = failed.stdout + failed.stderr
    if failed.returncode == 3 and any(reason in output for reason in UNREACHABLE):
        log = (home / "pre-commit.log").read_text(encoding="utf-8", errors="replace")
        pytest.skip(f"pre-commit could not install the hook from the package index: {log[-600:]}")
    assert failed.returncode == 1, output
    assert "check briefs" in output and "Failed" in output
    assert "briefs/broken.yaml:1:1: error: brief is missing required key 'summary'" in output
    assert "notes.yaml" not in output  # not a brief: outside briefs/
    assert "niger-russia-trainers.yaml:" not in output  # the good brief has nothing to say

    (repo / "briefs" / "broken.yaml").unlink()
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "fix")
    passed = _pre_commit(repo, home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "check briefs" in passed.stdout and "Passed" in passed.stdout


# -- the documented examples stay true ------------------------------------------------------------


def _yaml_blocks(doc: str) -> list[object]:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def test_the_sample_config_uses_the_hook_this_repository_defines() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for hook in hooks}
    config = _yaml_blocks("pre-commit.md")[0]
    assert isinstance(config, dict)
    (repo,) = config["repos"]
    assert repo["repo"] == REPOSITORY
    assert {hook["id"] for hook in repo["hooks"]} <= ids
    (hook,) = hooks
    assert hook["entry"] == "briefing check" and hook["language"] == "python"
    assert re.search(hook["files"], "briefs/a.yaml") and not re.search(hook["files"], "a.yaml")


def test_the_github_actions_example_runs_real_commands(tmp_path: Path) -> None:
    (workflow,) = _yaml_blocks("ci.md")
    assert isinstance(workflow, dict)
    jobs = workflow["jobs"]
    runs = [step["run"] for step in jobs["check"]["steps"] if "run" in step]
    assert f"pipx install {DIST_NAME}" in runs
    # The site job installs the extra the command needs, and publishes what it built.
    site_steps = jobs["site"]["steps"]
    site_runs = [step["run"] for step in site_steps if "run" in step]
    assert f'pipx install "{DIST_NAME}[site]"' in site_runs
    everything = [*runs, *site_runs]
    commands = [shlex.split(line) for run in everything for line in run.splitlines()]
    used = [words[1:] for words in commands if words and words[0] == "briefing"]
    assert {words[0] for words in used} == {"check", "site"}
    for words in used:
        command_parser(words[0]).parse_args(words[1:])  # exits 2 on an option that is not there
    (site,) = [words for words in used if words[0] == "site"]
    built = site[site.index("-o") + 1]
    uploads = [s["with"]["path"] for s in site_steps if "upload-pages" in s.get("uses", "")]
    assert uploads == [built]
    # The problem matcher reads briefing's own lines.
    matcher = next(run for run in runs if "problemMatcher" in run)
    body = matcher[matcher.index("{") : matcher.rindex("}") + 1]
    (pattern,) = json.loads(body)["problemMatcher"][0]["pattern"]
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "b.yaml").write_text(BAD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "briefs"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    match = re.match(pattern["regexp"], done.stdout.splitlines()[0])
    assert match and match.group(pattern["file"]) == "briefs/b.yaml"
    assert match.group(pattern["severity"]) == "error"
