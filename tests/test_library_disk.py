"""The library against a hostile disk: twins, folder links, loops, unreadable files and folders.

Nothing is dropped without a word, and a failure to read is never remembered as a verdict:
it is tried again on a reload, on a change, and on the next start (the index never keeps it),
and ``briefing check`` says the same as the reader.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from unprivileged import needs_permissions, run_briefing, run_python

from briefing.commands.check import run_check
from briefing.store.index import Index
from briefing.store.library import Library


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def brief(title: str) -> str:
    return f"title: {title}\nsummary: About {title}.\n"


def loaded(*paths: Path) -> Library:
    library = Library(list(paths))
    library.load_all()
    return library


# -- twins -------------------------------------------------------------------------------


def test_twins_in_one_folder_are_both_shown_and_both_name_each_other(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(brief("From yaml"))
    (tmp_path / "b.yml").write_text(brief("From yml"))
    library = loaded(tmp_path)
    assert [e.id for e in library.entries] == ["b", "b.yml"]
    first, second = library.entries
    assert first.brief is not None and first.brief.title == "From yaml"
    assert second.brief is not None and second.brief.title == "From yml"
    assert second.brief.id == "b.yml"
    for entry in (first, second):
        (problem,) = entry.problems
        assert problem.code == "shared-id" and problem.severity == "warning"
        assert str(tmp_path / "b.yaml") in problem.message
        assert str(tmp_path / "b.yml") in problem.message
    assert "keeps it" in first.problems[0].message
    assert "shown as 'b.yml'" in second.problems[0].message


def test_twins_named_on_the_command_line_are_both_checked(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(brief("One"))
    (tmp_path / "b.yml").write_text(brief("Two"))
    library = loaded(tmp_path / "b.yml", tmp_path / "b.yaml")
    assert [(e.id, e.path.name) for e in library.entries] == [("b", "b.yml"), ("b.yaml", "b.yaml")]


def test_a_twin_id_never_takes_another_files_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(brief("A"))
    (tmp_path / "a.yml").write_text(brief("A twin"))
    (tmp_path / "a.yml.yaml").write_text(brief("A file really named a.yml"))
    library = loaded(tmp_path)
    by_path = {e.path.name: e.id for e in library.entries}
    assert by_path == {"a.yaml": "a", "a.yml.yaml": "a.yml", "a.yml": "a.yml~2"}


def test_twins_come_and_go_with_their_warnings(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(brief("A"))
    library = loaded(tmp_path)
    twin = tmp_path / "a.yml"
    twin.write_text(brief("Twin"))
    assert library.apply([("added", twin)]) == {"a", "a.yml"}
    assert [p.code for e in library.entries for p in e.problems] == ["shared-id", "shared-id"]
    (tmp_path / "a.yaml").unlink()
    library.apply([("deleted", tmp_path / "a.yaml")])
    (entry,) = library.entries
    assert (entry.id, entry.path, entry.problems) == ("a", twin, [])
    assert entry.brief is not None and entry.brief.id == "a" and entry.brief.title == "Twin"


# -- folder links ------------------------------------------------------------------------


def test_a_linked_folder_outside_is_followed_and_a_loop_is_reported(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "library", tmp_path / "elsewhere"
    root.mkdir()
    (elsewhere / "deep").mkdir(parents=True)
    (elsewhere / "deep" / "far.yaml").write_text(brief("Far"))
    (elsewhere / "deep" / "back").symlink_to(elsewhere)  # a loop outside the library
    (root / "here.yaml").write_text(brief("Here"))
    (root / "linked").symlink_to(elsewhere)
    (root / "again").symlink_to(root)  # a loop back into the library
    library = loaded(root)
    assert [e.id for e in library.entries] == ["here", "linked/deep/far"]
    codes = {(p.path, p.code) for p in library.problems}
    assert codes == {
        (str(root / "again"), "folder-link-inside"),
        (str(root / "linked" / "deep" / "back"), "folder-link-loop"),
    }
    assert all(p.severity == "warning" for p in library.problems)


def test_check_reports_the_links_it_did_not_follow(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(brief("A"))
    (tmp_path / "loop").symlink_to(tmp_path)
    out = io.StringIO()
    assert run_check([tmp_path], out=out) == 0
    assert f"{tmp_path / 'loop'}:1:1: warning: folder link not followed" in out.getvalue()


# -- unreadable files and folders ---------------------------------------------------------


_READER = """
import json, sys
from pathlib import Path
from briefing.store.index import Index
from briefing.store.library import Library

root, cache = Path(sys.argv[1]), Path(sys.argv[2])
steps = sys.argv[3:]
library = Library([root], index=Index(cache / "index.sqlite3"))
library.load_all()

def codes():
    return {e.id: sorted(p.code for p in e.problems) for e in library.entries}

seen = {"start": codes()}
for step in steps:
    kind, _, name = step.partition(":")
    if kind == "chmod":
        mode, path = name.split("=", 1)
        Path(path).chmod(int(mode, 8))
    elif kind == "r":
        library.rescan()
        seen[step] = codes()
    elif kind == "event":
        library.apply([("modified", Path(name))])
        seen[step] = codes()
    elif kind == "rescan":
        library.apply([("rescan", Path(name))])
        seen[step] = {"codes": codes(), "library": [p.code for p in library.problems]}
library.flush()
print(json.dumps(seen))
"""


def reader(root: Path, cache: Path, *steps: str) -> dict[str, object]:
    """The library as the reader keeps it (with its index), run unprivileged."""
    return json.loads(run_python(_READER, str(root), str(cache), *steps))  # type: ignore[no-any-return]


def _locked(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A library folder, a cache folder, and in the library a brief no one may read."""
    root, cache = tmp_path / "library", tmp_path / "cache"
    root.mkdir()
    locked = root / "b.yaml"
    locked.write_text(brief("B"))
    locked.chmod(0)
    return root, cache, locked


@needs_permissions
def test_an_unreadable_brief_is_read_again_on_r_on_a_change_and_on_restart(tmp_path: Path) -> None:
    root, cache, locked = _locked(tmp_path)
    (root / "a.yaml").write_text(brief("A"))
    os.utime(locked, ns=(0, 1_000_000_000))  # long ago: nothing recent about its stamp
    first = reader(root, cache, "r:", f"chmod:644={locked}", "r:")
    assert first["start"] == {"a": [], "b": ["unreadable"]}
    assert first["r:"] == {"a": [], "b": []}  # made readable: its size and mtime unchanged
    locked.chmod(0)
    second = reader(root, cache, f"chmod:644={locked}", f"event:{locked}")
    assert second["start"]["b"] == ["unreadable"]  # type: ignore[index]
    assert second[f"event:{locked}"] == {"a": [], "b": []}
    locked.chmod(0)
    reader(root, cache)  # a start that sees it unreadable: nothing of that may be kept
    locked.chmod(0o644)
    assert reader(root, cache)["start"] == {"a": [], "b": []}  # the next start reads it


@needs_permissions
def test_check_and_the_reader_agree_on_an_unreadable_brief(tmp_path: Path) -> None:
    root, cache, locked = _locked(tmp_path)
    assert reader(root, cache)["start"] == {"b": ["unreadable"]}
    done = run_briefing("check", str(root))
    assert done.returncode == 1
    assert f"{locked}:1:1: error: cannot read the file: Permission denied" in done.stdout
    locked.chmod(0o644)
    assert reader(root, cache)["start"] == {"b": []}
    assert run_briefing("check", str(root)).returncode == 0


@needs_permissions
def test_an_unreadable_article_is_read_again_once_readable(tmp_path: Path) -> None:
    root, cache = tmp_path / "library", tmp_path / "cache"
    root.mkdir()
    article = root / "article.txt"
    article.write_text("The minister said the harbour will reopen on Monday.\n")
    (root / "q.yaml").write_text(
        "title: Harbour\nsummary: s\nactors:\n  - id: m\n    name: Minister\n"
        "sources:\n  - id: s1\n    outlet: Radio\n    file: article.txt\n"
        "quotes:\n  - speaker: m\n    text: the harbour will reopen on Monday\n    source: s1\n"
    )
    article.chmod(0)
    assert reader(root, cache)["start"] == {"q": ["source-file-unreadable"]}
    article.chmod(0o644)
    assert reader(root, cache)["start"] == {"q": []}


@needs_permissions
def test_an_unreadable_folder_is_reported_and_read_again(tmp_path: Path) -> None:
    root, cache = tmp_path / "library", tmp_path / "cache"
    (root / "closed").mkdir(parents=True)
    (root / "closed" / "inside.yaml").write_text(brief("Inside"))
    (root / "closed").chmod(0)
    try:
        seen = reader(root, cache, f"chmod:755={root / 'closed'}", f"rescan:{root / 'closed'}")
    finally:
        (root / "closed").chmod(0o755)
    assert seen["start"] == {}
    assert seen[f"rescan:{root / 'closed'}"] == {"codes": {"closed/inside": []}, "library": []}
    (root / "closed").chmod(0)
    try:
        done = run_briefing("check", str(root))
    finally:
        (root / "closed").chmod(0o755)
    assert done.returncode == 1
    assert f"{root / 'closed'}:1:1: error: cannot read the folder: Permission denied" in done.stdout


def test_an_index_row_is_never_written_for_a_failed_read(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / "fifo.yaml").unlink(missing_ok=True)
    os.mkfifo(root / "fifo.yaml")
    (root / "good.yaml").write_text(brief("Good"))
    index = Index(tmp_path / "index.sqlite3")
    library = Library([root], index=index)
    library.load_all()
    entry = library.get("fifo")
    assert entry is not None and [p.code for p in entry.problems] == ["unreadable"]
    stored = index.lookup_many(
        [(root / "fifo.yaml", "fifo", "fifo.yaml"), (root / "good.yaml", "good", "good.yaml")]
    )
    assert set(stored) == {str(root / "good.yaml")}
