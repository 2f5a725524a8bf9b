"""After any sequence of changes on disk, the live library equals a fresh scan.

A hypothesis state machine drives random file-system operations (saves, broken saves,
renames, deletions, folders made, filled at once, moved in and out, removed, twins, folder
links, the library folder itself deleted or renamed away and made again) against a library
kept live by its watcher, and after each quiet moment compares it with a fresh scan. Each
case reported against the reader has its own test below.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from convergence import DEADLINE, Live, LiveLibrary, fresh_view, machine_settings, view_of
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from briefing.store import inotify
from briefing.store.library import Library

pytestmark = pytest.mark.slow  # stateful fuzzing of a real folder: `make test` runs it

NAMES = ["a", "b", "c"]
SUFFIXES = [".yaml", ".yml"]
FOLDERS = ["", "x", "y", "x/z"]


def brief_text(title: str) -> str:
    return f'title: "{title}"\nsummary: A brief about {title}.\n'


def files_under(root: Path) -> list[Path]:
    """Brief-like files on disk now (whatever the library thinks of them)."""
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.rglob("*") if p.suffix in SUFFIXES and (p.is_file() or p.is_symlink())
    )


def folders_under(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())


class DiskChanges(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="briefing-converge-"))
        self.root = self.base / "library"
        self.outside = self.base / "outside"
        self.root.mkdir()
        self.outside.mkdir()
        (self.root / "a.yaml").write_text(brief_text("first"))
        self.counter = itertools.count()
        """Fresh names, the same in every run of an example (hypothesis replays them)."""
        self.live = self.make_live([self.root], self.base / "cache")

    def make_live(self, roots: list[Path], cache: Path) -> Live:
        return LiveLibrary(roots, cache)

    def teardown(self) -> None:
        try:
            self.live.converge()
        finally:
            self.live.close()
            shutil.rmtree(self.base, ignore_errors=True)

    def _title(self) -> str:
        return f"t{next(self.counter)}"

    # -- files -----------------------------------------------------------------------------

    @rule(
        folder=st.sampled_from(FOLDERS),
        name=st.sampled_from(NAMES),
        suffix=st.sampled_from(SUFFIXES),
        broken=st.booleans(),
    )
    def save(self, folder: str, name: str, suffix: str, broken: bool) -> None:
        path = self.root / folder / (name + suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("title: [unclosed\n" if broken else brief_text(self._title()))

    @precondition(lambda self: bool(files_under(self.root)))
    @rule(data=st.data())
    def save_twice_at_once(self, data: st.DataObject) -> None:
        """Two saves of the same size within one tick of the file system's clock."""
        path = data.draw(st.sampled_from(files_under(self.root)))
        path.write_text(brief_text("AAAA"))
        path.write_text(brief_text("BBBB"))

    @precondition(lambda self: bool(files_under(self.root)))
    @rule(data=st.data())
    def editor_save(self, data: st.DataObject) -> None:
        """Write a temporary file and rename it over the brief (vim, most editors)."""
        path = data.draw(st.sampled_from(files_under(self.root)))
        temp = path.with_name(f".{path.name}.swp")
        temp.write_text(brief_text(self._title()))
        os.replace(temp, path)

    @precondition(lambda self: bool(files_under(self.root)))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        data.draw(st.sampled_from(files_under(self.root))).unlink()

    @precondition(lambda self: bool(files_under(self.root)))
    @rule(data=st.data(), folder=st.sampled_from(FOLDERS), name=st.sampled_from(NAMES))
    def rename(self, data: st.DataObject, folder: str, name: str) -> None:
        path = data.draw(st.sampled_from(files_under(self.root)))
        target = self.root / folder / (name + data.draw(st.sampled_from(SUFFIXES)))
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_dir():
            os.replace(path, target)

    @precondition(lambda self: bool(files_under(self.root)))
    @rule(data=st.data())
    def touch(self, data: st.DataObject) -> None:
        data.draw(st.sampled_from(files_under(self.root))).touch()

    # -- folders ---------------------------------------------------------------------------

    @precondition(lambda self: self.root.is_dir())
    @rule(folder=st.sampled_from(["x", "y", "x/z", "w/v/u"]), count=st.integers(1, 150))
    def fill_new_folder(self, folder: str, count: int) -> None:
        """``mkdir d && cp ...``: files written before any watch on the folder can exist."""
        target = self.root / folder / f"f{next(self.counter)}"
        target.mkdir(parents=True)
        for n in range(count):
            (target / f"n{n}.yaml").write_text(brief_text(f"{target.name}-{n}"))

    @precondition(lambda self: self.root.is_dir())
    @rule(count=st.integers(0, 60), nested=st.booleans())
    def move_folder_in(self, count: int, nested: bool) -> None:
        made = self.outside / f"in{next(self.counter)}"
        inner = made / "deeper" if nested else made
        inner.mkdir(parents=True)
        for n in range(count):
            (inner / f"m{n}.yml").write_text(brief_text(f"{made.name}-{n}"))
        os.rename(made, self.root / made.name)

    @precondition(lambda self: bool(folders_under(self.root)))
    @rule(data=st.data())
    def move_folder_out(self, data: st.DataObject) -> None:
        folder = data.draw(st.sampled_from(folders_under(self.root)))
        os.rename(folder, self.outside / f"out{next(self.counter)}")

    @precondition(lambda self: bool(folders_under(self.root)))
    @rule(data=st.data())
    def remove_folder(self, data: st.DataObject) -> None:
        shutil.rmtree(data.draw(st.sampled_from(folders_under(self.root))))

    @precondition(lambda self: self.root.is_dir())
    @rule(inside=st.booleans())
    def link_folder(self, inside: bool) -> None:
        link = self.root / f"link{next(self.counter)}"
        if inside:
            link.symlink_to(self.root)  # a loop: reported, not followed
        else:
            target = self.outside / f"linked{next(self.counter)}"
            target.mkdir()
            (target / "far.yaml").write_text(brief_text(target.name))
            link.symlink_to(target)

    @precondition(lambda self: any(p.is_symlink() for p in self.root.glob("link*")))
    @rule(data=st.data())
    def unlink_folder(self, data: st.DataObject) -> None:
        links = sorted(p for p in self.root.glob("link*") if p.is_symlink())
        data.draw(st.sampled_from(links)).unlink()

    # -- the library folder itself ---------------------------------------------------------

    @rule(renamed=st.booleans(), refill=st.integers(0, 5))
    def remake_library(self, renamed: bool, refill: int) -> None:
        if renamed:
            os.rename(self.root, self.outside / f"old{next(self.counter)}")
        else:
            shutil.rmtree(self.root)
        self.root.mkdir()
        for n in range(refill):
            (self.root / f"r{n}.yaml").write_text(brief_text(f"again-{n}"))

    # -- quiet moments ---------------------------------------------------------------------

    @rule()
    def settle(self) -> None:
        self.live.converge()


TestDiskChanges = DiskChanges.TestCase
TestDiskChanges.settings = machine_settings("BRIEFING_CONVERGE_EXAMPLES", 40, 12)


# -- the reported cases ------------------------------------------------------------------


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Path, LiveLibrary]]:
    root = tmp_path / "library"
    root.mkdir()
    (root / "a.yaml").write_text(brief_text("first"))
    running = LiveLibrary([root], tmp_path / "cache")
    yield root, running
    running.close()


def test_a_burst_of_thousands_of_files_copied_in(
    live: tuple[Path, LiveLibrary], tmp_path: Path
) -> None:
    root, running = live
    source = tmp_path / "many"
    for folder in range(4):
        (source / f"part{folder}").mkdir(parents=True)
        for n in range(1000):
            (source / f"part{folder}" / f"b{n}.yaml").write_text(brief_text(f"{folder}-{n}"))
    shutil.copytree(source, root / "many")
    running.converge()
    assert len(running.view()) == 4000 + 1 + 1  # the copied briefs, a.yaml, the library row


def test_folders_made_and_filled_in_a_loop(live: tuple[Path, LiveLibrary]) -> None:
    root, running = live
    for n in range(20):
        (root / f"d{n}").mkdir()
        shutil.copy(root / "a.yaml", root / f"d{n}" / "a.yaml")
    running.converge()
    assert {f"d{n}/a" for n in range(20)} <= set(running.view())


def test_a_folder_moved_in_is_picked_up(live: tuple[Path, LiveLibrary], tmp_path: Path) -> None:
    root, running = live
    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / "m.yaml").write_text(brief_text("moved"))
    os.rename(moved, root / "moved")
    running.converge()
    assert "moved/m" in running.view()


def test_the_library_folder_deleted_and_made_again(live: tuple[Path, LiveLibrary]) -> None:
    root, running = live
    shutil.rmtree(root)
    running.converge()
    root.mkdir()
    (root / "b.yaml").write_text(brief_text("back"))
    running.converge()
    (root / "b.yaml").write_text(brief_text("edited after"))
    running.converge()
    entry = running.library.get("b")
    assert entry is not None and entry.brief is not None
    assert entry.brief.title == "edited after"


def test_the_library_folder_renamed_away_leaves_nothing_shown(
    live: tuple[Path, LiveLibrary], tmp_path: Path
) -> None:
    root, running = live
    os.rename(root, tmp_path / "library.old")
    running.converge()
    assert running.library.entries == []


@pytest.mark.skipif(not inotify.available(), reason="no inotify here")
def test_the_library_folder_remade_while_its_watch_is_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure the state machine found once: ``remake_library`` three times, the second
    between the watcher seeing the first new folder and placing its watch there. Forced
    here: the watch is placed just after the folder went, and before it is made again."""
    root = tmp_path / "library"
    root.mkdir()
    (root / "a.yaml").write_text(brief_text("first"))
    real = inotify.Inotify.add
    raced = threading.Event()

    def racing(self: inotify.Inotify, path: str, mask: int = inotify.FOLDER_MASK) -> int | None:
        if path != str(root) or raced.is_set():
            return real(self, path, mask)
        os.rename(root, tmp_path / "second")
        wd = real(self, path, mask)
        root.mkdir()
        for n in range(4):
            (root / f"r{n}.yaml").write_text(brief_text(f"again-{n}"))
        raced.set()
        return wd

    # No backstop during the test: the watcher alone must see every change.
    running = LiveLibrary([root], tmp_path / "cache", backstop_s=3600)
    try:
        monkeypatch.setattr(inotify.Inotify, "add", racing)
        shutil.rmtree(root)
        root.mkdir()
        assert raced.wait(DEADLINE), "the watcher never watched the new library folder"
        running.converge()
        os.rename(root, tmp_path / "third")  # remade with fewer briefs: r1-r3 must go
        root.mkdir()
        (root / "r0.yaml").write_text(brief_text("again-0"))
        running.converge()
        assert sorted(entry.id for entry in running.library.entries) == ["r0"]
    finally:
        running.close()


def test_a_remade_library_folder_converges_whatever_order_its_changes_come_in(
    tmp_path: Path,
) -> None:
    """What the watcher reports of a library folder renamed away and made again with fewer
    briefs, in every order, in one batch or one change at a time: the rescan of the root
    drops what went, and no file change brings it back."""
    for number, order in enumerate(itertools.permutations(range(4))):
        for one_at_a_time in (False, True):
            base = tmp_path / f"{number}-{one_at_a_time}"
            root = base / "library"
            root.mkdir(parents=True)
            for n in range(4):
                (root / f"r{n}.yaml").write_text(brief_text(f"again-{n}"))
            library = Library([root])
            library.load_all()
            os.rename(root, base / "old")
            root.mkdir()
            (root / "r0.yaml").write_text(brief_text("remade"))
            (root / "new.yaml").write_text(brief_text("new"))
            reported = [
                ("rescan", root),
                ("deleted", root / "r1.yaml"),
                ("modified", root / "r0.yaml"),
                ("added", root / "new.yaml"),
            ]
            changes = [reported[i] for i in order]
            for batch in [[change] for change in changes] if one_at_a_time else [changes]:
                library.apply(batch)
            shown = view_of(library.entries, library.problems)
            assert shown == fresh_view([root]), (order, one_at_a_time)
            assert sorted(shown) == ["", "new", "r0"]


def test_twins_and_a_folder_link_converge(live: tuple[Path, LiveLibrary], tmp_path: Path) -> None:
    root, running = live
    (root / "a.yml").write_text(brief_text("twin"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "far.yaml").write_text(brief_text("far"))
    (root / "linked").symlink_to(elsewhere)
    (root / "loop").symlink_to(root)
    running.converge()
    assert {"a", "a.yml", "linked/far"} <= set(running.view())
    (root / "a.yaml").unlink()  # the twin takes the id back
    running.converge()
    assert running.library.get("a") is not None
    assert running.library.get("a.yml") is None
