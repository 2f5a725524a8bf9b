"""The library: which files are briefs, what their ids are, and the last good version of each."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing.store.library import Library, default_library_paths, display_path, shipped_library

REPO = Path(__file__).resolve().parent.parent
REAL = "niger-russia-trainers.yaml"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may reach the user's real cache folder, even by accident."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def brief(title: str) -> str:
    return f"title: {title}\nsummary: About {title}.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def real_library(base: Path) -> Path:
    """The shipped brief in ``base/briefs``, its articles in ``base/seeds`` as it cites them."""
    briefs = base / "briefs"
    briefs.mkdir()
    shutil.copy(REPO / "briefs" / REAL, briefs / REAL)
    shutil.copytree(REPO / "seeds", base / "seeds")
    return briefs


def loaded(*paths: Path) -> Library:
    library = Library(list(paths))
    library.load_all()
    return library


# -- ids and discovery -------------------------------------------------------------------


def test_ids_are_paths_relative_to_the_root_without_extension(tmp_path: Path) -> None:
    files = {
        "alpha": write(tmp_path / "alpha.yaml", brief("Alpha")),
        "beta": write(tmp_path / "beta.yml", brief("Beta")),
        "sub/gamma": write(tmp_path / "sub" / "gamma.yaml", brief("Gamma")),
        "sub/deeper/delta": write(tmp_path / "sub" / "deeper" / "delta.yml", brief("Delta")),
    }
    library = loaded(tmp_path)
    assert [e.id for e in library.entries] == sorted(files)
    for entry in library.entries:
        assert entry.path == files[entry.id]
        assert entry.brief is not None and entry.problems == []
        assert entry.brief.id == entry.id  # the brief carries the same id as its entry


def test_entries_are_sorted_by_id_whatever_the_folder_order(tmp_path: Path) -> None:
    for name in ["zulu.yaml", "b/a.yaml", "a.yml", "b.yaml", "a/z.yaml", "M.yaml"]:
        write(tmp_path / name, brief(name))
    ids = [e.id for e in loaded(tmp_path).entries]
    assert ids == sorted(ids)
    assert set(ids) == {"zulu", "b/a", "a", "b", "a/z", "M"}


def test_hidden_folders_dotfiles_and_editor_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "kept.yaml", brief("Kept"))
    for name in [
        ".kept.yaml.swp",  # vim swap file
        ".#kept.yaml",  # emacs lock file
        ".hidden.yaml",
        "kept.yaml~",
        "notes.txt",
        "kept.yaml.bak",
        ".git/config.yaml",
        ".hidden/inside.yaml",
        "sub/.cache/deep.yml",
    ]:
        write(tmp_path / name, brief(name))
    write(tmp_path / "sub" / "shown.yml", brief("Shown"))
    assert [e.id for e in loaded(tmp_path).entries] == ["kept", "sub/shown"]


def test_a_file_named_directly_is_its_own_brief(tmp_path: Path) -> None:
    target = write(tmp_path / "deep" / "folder" / "one.yaml", brief("One"))
    write(tmp_path / "deep" / "folder" / "other.yaml", brief("Other"))
    library = loaded(target)
    assert [(e.id, e.path) for e in library.entries] == [("one", target)]
    assert library.folders == [target.parent]  # watched through its folder


def test_two_roots_are_merged_and_a_shared_id_drops_neither_file(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(first / "a.yaml", brief("A"))
    shared_first = write(first / "shared.yaml", brief("Shared from first"))
    write(second / "b.yaml", brief("B"))
    shared_second = write(second / "shared.yml", brief("Shared from second"))
    write(second / "x" / "c.yaml", brief("C"))
    library = loaded(first, second)
    # The first root keeps the id; the other file is shown under its own suffix.
    assert [e.id for e in library.entries] == ["a", "b", "shared", "shared.yml", "x/c"]
    shared, other = library.get("shared"), library.get("shared.yml")
    assert shared is not None and shared.path == shared_first
    assert shared.brief is not None and shared.brief.title == "Shared from first"
    assert other is not None and other.path == shared_second
    assert other.brief is not None and other.brief.title == "Shared from second"
    for entry in (shared, other):
        (problem,) = entry.problems
        assert problem.code == "shared-id" and problem.severity == "warning"
        assert str(shared_first) in problem.message and str(shared_second) in problem.message
    assert library.folders == [first, second]


def test_get_and_len(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", brief("A"))
    write(tmp_path / "s" / "b.yaml", brief("B"))
    library = loaded(tmp_path)
    assert len(library) == 2
    entry = library.get("s/b")
    assert entry is not None and entry.brief is not None and entry.brief.title == "B"
    assert library.get("b") is None
    assert library.get("s/b.yaml") is None
    assert library.get("missing") is None


def test_a_relative_root_gives_the_same_ids_and_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "lib" / "a.yaml", brief("A"))
    write(tmp_path / "lib" / "s" / "b.yaml", brief("B"))
    monkeypatch.chdir(tmp_path)
    library = loaded(Path("lib"))
    assert [(e.id, e.path) for e in library.entries] == [
        ("a", tmp_path / "lib" / "a.yaml"),
        ("s/b", tmp_path / "lib" / "s" / "b.yaml"),
    ]
    write(tmp_path / "lib" / "s" / "b.yaml", brief("B, edited"))
    assert library.reload_path(Path("lib/s/b.yaml")) == "s/b"  # a relative path finds it too
    entry = library.get("s/b")
    assert entry is not None and entry.brief is not None and entry.brief.title == "B, edited"


def test_a_file_name_that_is_not_utf8_still_loads(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")  # Latin-1 on disk: a surrogate escape in Python
    write(tmp_path / name, brief("Latin-1 name"))
    write(tmp_path / "plain.yaml", brief("Plain"))
    library = loaded(tmp_path)
    entry = library.get(name.removesuffix(".yaml"))
    assert entry is not None and entry.brief is not None
    assert entry.brief.title == "Latin-1 name"
    assert len(library) == 2


def test_the_real_brief_verifies_its_quotes_from_a_copied_library(tmp_path: Path) -> None:
    library = loaded(real_library(tmp_path))
    entry = library.get(REAL.removesuffix(".yaml"))
    assert entry is not None and entry.brief is not None, entry and entry.problems
    assert entry.problems == []
    assert entry.brief.quotes
    assert {q.verification.status for q in entry.brief.quotes} == {"verified"}


# -- the last good version ------------------------------------------------------------------


def test_a_broken_save_keeps_the_last_good_brief_until_fixed(tmp_path: Path) -> None:
    path = write(tmp_path / "b.yaml", brief("First"))
    library = loaded(tmp_path)
    entry = library.get("b")
    assert entry is not None
    good = entry.brief
    assert good is not None and good.title == "First"
    assert not entry.stale and entry.problems == []

    path.write_text("title: [unclosed\nsummary: x\n")
    assert library.reload_path(path) == "b"
    entry = library.get("b")
    assert entry is not None
    assert entry.brief is good  # the very object the reader is showing
    assert entry.stale
    assert entry.errors >= 1
    assert {p.code for p in entry.problems if p.is_error} == {"yaml-syntax"}

    path.write_text("title: Second\n")  # still broken, differently: no summary
    library.reload_path(path)
    entry = library.get("b")
    assert entry is not None and entry.brief is good and entry.stale
    assert entry.errors >= 1 and all("summary" in p.message for p in entry.problems)

    path.write_text(brief("Third"))
    assert library.reload_path(path) == "b"
    entry = library.get("b")
    assert entry is not None and entry.brief is not None
    assert entry.brief.title == "Third"
    assert not entry.stale and entry.problems == [] and entry.errors == 0


def test_a_file_that_never_loaded_has_no_brief_only_problems(tmp_path: Path) -> None:
    write(tmp_path / "never.yaml", "summary: no title\n")
    entry = loaded(tmp_path).get("never")
    assert entry is not None
    assert entry.brief is None
    assert not entry.stale  # nothing older is being shown
    assert entry.errors == 1
    assert "title" in entry.problems[0].message


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a-binary.yaml").write_bytes(b"\x00\x01\x02")
    write(tmp_path / "b-good.yaml", brief("B"))
    write(tmp_path / "c-syntax.yaml", "title: [\n")
    (tmp_path / "d-latin1.yaml").write_bytes(b"title: caf\xe9\nsummary: s\n")
    write(tmp_path / "e-empty.yaml", "")
    write(tmp_path / "f-list.yaml", "- just\n- a list\n")
    write(tmp_path / "g-good.yml", brief("G"))
    (tmp_path / "h-folder.yaml").mkdir()  # a folder with a brief's name is not a brief
    library = loaded(tmp_path)
    by_id = {e.id: e for e in library.entries}
    assert set(by_id) == {
        "a-binary",
        "b-good",
        "c-syntax",
        "d-latin1",
        "e-empty",
        "f-list",
        "g-good",
    }
    for ident, entry in by_id.items():
        if ident.endswith("-good"):
            assert entry.brief is not None and entry.problems == [], ident
        else:
            assert entry.brief is None and entry.errors >= 1, ident


# -- reload_path and rescan -------------------------------------------------------------------


def test_reload_path_adds_a_new_file(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", brief("A"))
    library = loaded(tmp_path)
    added = write(tmp_path / "sub" / "new.yml", brief("New"))
    assert library.reload_path(added) == "sub/new"
    assert [e.id for e in library.entries] == ["a", "sub/new"]
    entry = library.get("sub/new")
    assert entry is not None and entry.brief is not None and entry.brief.title == "New"
    assert entry.path == added


def test_reload_path_drops_a_deleted_file(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", brief("A"))
    gone = write(tmp_path / "gone.yaml", brief("Gone"))
    library = loaded(tmp_path)
    gone.unlink()
    assert library.reload_path(gone) == "gone"
    assert [e.id for e in library.entries] == ["a"]
    assert library.get("gone") is None
    assert library.reload_path(gone) is None  # already gone: nothing concerned


def test_a_deleted_file_comes_back_as_a_new_entry(tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", brief("One"))
    library = loaded(tmp_path)
    path.unlink()
    library.reload_path(path)
    write(path, brief("Two"))
    assert library.reload_path(path) == "x"
    entry = library.get("x")
    assert entry is not None and entry.brief is not None and entry.brief.title == "Two"


@pytest.mark.parametrize(
    "name",
    [
        "notes.txt",
        ".x.yaml.swp",
        ".#x.yaml",
        ".hidden/inside.yaml",
        "x.yaml~",
        "never-existed.yaml",
    ],
)
def test_reload_path_ignores_what_is_not_a_brief(tmp_path: Path, name: str) -> None:
    root = tmp_path / "lib"
    write(root / "x.yaml", brief("X"))
    library = loaded(root)
    path = root / name
    if name != "never-existed.yaml":
        write(path, brief("not a brief"))
    assert library.reload_path(path) is None
    assert [e.id for e in library.entries] == ["x"]


def test_reload_path_ignores_a_brief_outside_the_roots(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "x.yaml", brief("X"))
    library = loaded(tmp_path / "lib")
    outside = write(tmp_path / "elsewhere" / "y.yaml", brief("Y"))
    assert library.reload_path(outside) is None
    assert [e.id for e in library.entries] == ["x"]


def test_rescan_picks_up_added_deleted_and_changed_files(tmp_path: Path) -> None:
    write(tmp_path / "keep.yaml", brief("Keep"))
    gone = write(tmp_path / "gone.yaml", brief("Gone"))
    changed = write(tmp_path / "changed.yaml", brief("Before"))
    library = loaded(tmp_path)
    gone.unlink()
    write(tmp_path / "new" / "added.yml", brief("Added"))
    changed.write_text(brief("After"))
    touched = library.rescan()
    assert "gone" in touched and "new/added" in touched and "changed" in touched
    assert [e.id for e in library.entries] == ["changed", "keep", "new/added"]
    entry = library.get("changed")
    assert entry is not None and entry.brief is not None and entry.brief.title == "After"
    # A later reload of the deleted path concerns nothing: rescan forgot it completely.
    assert library.reload_path(gone) is None


def test_rescan_keeps_the_last_good_version_too(tmp_path: Path) -> None:
    path = write(tmp_path / "b.yaml", brief("Good"))
    library = loaded(tmp_path)
    path.write_text("title: [\n")
    library.rescan()
    entry = library.get("b")
    assert entry is not None and entry.stale
    assert entry.brief is not None and entry.brief.title == "Good"


@pytest.mark.parametrize("how", ["rescan", "apply"])
def test_a_reload_asked_to_stop_reads_no_further_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """A closing reader stops a reload between files: it reads no file once told, and
    every file up to then."""
    paths = [write(tmp_path / f"b{number}.yaml", brief(f"Before {number}")) for number in range(5)]
    library = loaded(tmp_path)
    for number, path in enumerate(paths):
        path.write_text(brief(f"After {number}"))
    read: list[str] = []
    load = library._load

    def counted(ident: str, path: Path, *args: object, **kwargs: object) -> object:
        read.append(ident)
        return load(ident, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "_load", counted)
    if how == "rescan":
        library.rescan(stop=lambda: len(read) == 2)
    else:
        library.apply([("modified", path) for path in paths], stop=lambda: len(read) == 2)
    assert len(read) == 2
    titles = [e.brief.title for e in library.entries if e.brief is not None]
    assert sorted(titles).count("Before 4") == 1  # the last file was never read again
    assert sum(title.startswith("After") for title in titles) == 2


# -- display paths -----------------------------------------------------------------------


def test_problems_name_files_under_the_root_as_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write(tmp_path / "lib" / "sub" / "bad.yaml", "summary: no title\n")
    monkeypatch.chdir(tmp_path)
    for given, shown in (
        (Path("lib"), os.path.join("lib", "sub", "bad.yaml")),
        (Path("./lib/"), os.path.join("lib", "sub", "bad.yaml")),
        (tmp_path / "lib", str(bad)),  # absolute, even inside the working folder
        (Path("lib/sub/bad.yaml"), os.path.join("lib", "sub", "bad.yaml")),
    ):
        library = Library([given])
        library.load_all()
        entry = library.entries[0]
        assert {p.path for p in entry.problems} == {shown}, given
        assert library.display(entry.path) == shown


def test_problems_under_a_root_given_with_dots_keep_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "lib" / "bad.yaml", "summary: no title\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    library = Library([Path("../lib")])
    library.load_all()
    assert {p.path for p in library.entries[0].problems} == {os.path.join("..", "lib", "bad.yaml")}


def test_problems_show_absolute_paths_outside_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write(tmp_path / "lib" / "bad.yaml", "summary: no title\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    entry = loaded(tmp_path / "lib").get("bad")
    assert entry is not None
    assert {p.path for p in entry.problems} == {str(bad)}


def test_display_is_a_prefix_test_on_whole_folder_names(tmp_path: Path) -> None:
    library = Library([tmp_path / "work"])
    assert library.display(tmp_path / "work" / "a" / "b.yaml") == str(
        tmp_path / "work" / "a" / "b.yaml"
    )
    # "work-old" starts with the text "work" but is not inside it: shown as it is.
    assert library.display(tmp_path / "work-old" / "b.yaml") == str(
        tmp_path / "work-old" / "b.yaml"
    )
    relative = Library([Path("work")])
    assert relative.display(Path("work").absolute() / "b.yaml") == os.path.join("work", "b.yaml")
    assert relative.display(Path("work-old").absolute() / "b.yaml") == str(
        Path("work-old").absolute() / "b.yaml"
    )


def test_display_path_is_the_path_as_given() -> None:
    assert display_path(Path("rel") / "b.yaml") == os.path.join("rel", "b.yaml")
    assert display_path(Path("/abs/b.yaml")) == "/abs/b.yaml"


# -- default paths ---------------------------------------------------------------------------


def test_default_library_is_briefs_in_the_working_folder_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "briefs").mkdir()
    assert default_library_paths(tmp_path) == [tmp_path / "briefs"]
    monkeypatch.chdir(tmp_path)
    assert [p.resolve() for p in default_library_paths()] == [(tmp_path / "briefs").resolve()]


def test_default_library_falls_back_to_the_shipped_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_library_paths(tmp_path) == [shipped_library()]
    (tmp_path / "briefs").write_text("a file, not a folder")
    assert default_library_paths(tmp_path) == [shipped_library()]
    monkeypatch.chdir(tmp_path)
    assert default_library_paths() == [shipped_library()]


def test_the_shipped_library_holds_the_real_brief() -> None:
    shipped = shipped_library()
    assert shipped.is_dir()
    assert (shipped / REAL).is_file()
    if (REPO / ".git").exists():  # a source checkout: the briefs folder of the repository
        assert shipped == REPO / "briefs"
    library = loaded(shipped)
    entry = library.get(REAL.removesuffix(".yaml"))
    assert entry is not None and entry.brief is not None and entry.problems == []


def test_a_cold_load_asks_the_index_once_per_batch_not_once_per_file(tmp_path: Path) -> None:
    from briefing.brief.outcome import LoadResult
    from briefing.store import library as library_module
    from briefing.store.index import Index, Stamp

    asked: list[int] = []

    class Counting(Index):
        def lookup_many(
            self, wanted: list[tuple[Path, str, str]], stamps: dict[str, Stamp | None] | None = None
        ) -> dict[str, LoadResult]:
            asked.append(len(wanted))
            return super().lookup_many(wanted, stamps)

    for number in range(7):
        write(tmp_path / "lib" / f"b{number}.yaml", brief(f"B{number}"))
    library = Library([tmp_path / "lib"], index=Counting(tmp_path / "index.sqlite3"))
    library_module.LOOKUP_BATCH, before = 3, library_module.LOOKUP_BATCH
    try:
        library.load_all()
    finally:
        library_module.LOOKUP_BATCH = before
    assert len(library) == 7
    assert asked == [3, 3, 1]  # nothing was in it: every file parsed, none asked for again
