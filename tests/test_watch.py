"""The folder watcher sees every way an editor saves, once per save, and never loses a change.

Each test waits on the watcher's ``ready`` event and on batches arriving in a queue, with
timeouts; "nothing else happened" is proved by a later sentinel change arriving in a batch
of its own, never by sleeping. What events can lose (a folder filled before its watch was
placed, a folder moved in whole, an overflowing kernel queue, the library folder deleted) is
reported as a folder to rescan.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from briefing.store import inotify
from briefing.store import watch as watch_module
from briefing.store.tree import InotifySource
from briefing.store.watch import Batch, is_brief_name, watch_paths

TIMEOUT = 10.0
BACKENDS = ["inotify", "watchfiles"] if inotify.available() else ["watchfiles"]
needs_inotify = pytest.mark.skipif(not inotify.available(), reason="no inotify here")


@dataclass
class Watcher:
    batches: queue.Queue[Batch] = field(default_factory=queue.Queue)
    stop: threading.Event = field(default_factory=threading.Event)
    ready: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def next_batch(self) -> Batch:
        return self.batches.get(timeout=TIMEOUT)

    def until(self, done: Callable[[Batch], bool]) -> Batch:
        """Every change seen until ``done`` holds for them all (or fail at the deadline)."""
        seen: Batch = set()
        deadline = time.monotonic() + TIMEOUT
        while not done(seen):
            left = deadline - time.monotonic()
            assert left > 0, f"gave up waiting; saw {sorted(seen)}"
            try:
                seen |= self.batches.get(timeout=left)
            except queue.Empty:
                continue
        return seen

    def close(self) -> None:
        self.stop.set()
        assert self.thread is not None
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive()


@contextlib.contextmanager
def watching(roots: Sequence[Path], **options: Any) -> Iterator[Watcher]:
    running = start(roots, **options)
    try:
        yield running
    finally:
        running.close()


def start(roots: Sequence[Path], **options: Any) -> Watcher:
    watcher = Watcher()

    def run() -> None:
        for batch in watch_paths(roots, watcher.stop, ready=watcher.ready, **options):
            watcher.batches.put(batch)

    watcher.thread = threading.Thread(target=run, daemon=True)
    watcher.thread.start()
    assert watcher.ready.wait(TIMEOUT), "watcher never became ready"
    return watcher


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    (folder / "sub").mkdir(parents=True)
    (folder / "niger.yaml").write_text("title: one\n")
    return folder


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def watcher(library: Path, backend: str) -> Iterator[Watcher]:
    running = start([library], backend=backend)
    yield running
    running.close()


def rescans(batch: Batch) -> set[Path]:
    return {path for kind, path in batch if kind == "rescan"}


def test_plain_write(library: Path, watcher: Watcher) -> None:
    brief = library / "niger.yaml"
    brief.write_text("title: two\n")
    assert watcher.next_batch() == {("modified", brief)}


def test_vim_style_write_to_temp_then_rename(library: Path, watcher: Watcher) -> None:
    brief = library / "niger.yaml"
    swap = library / ".niger.yaml.swp"
    swap.write_text("title: three\n")
    os.replace(swap, brief)
    batch = watcher.next_batch()
    # A rename over a file is reported as "added"; consumers reload either way.
    assert batch in ({("added", brief)}, {("modified", brief)})
    assert brief.read_text() == "title: three\n"


def test_vim_backup_dance_is_one_modification(library: Path, watcher: Watcher) -> None:
    brief = library / "niger.yaml"
    backup = library / "niger.yaml~"
    os.rename(brief, backup)
    brief.write_text("title: four\n")
    backup.unlink()
    assert watcher.next_batch() == {("modified", brief)}


def test_delete(library: Path, watcher: Watcher) -> None:
    brief = library / "niger.yaml"
    brief.unlink()
    assert watcher.next_batch() == {("deleted", brief)}


def test_add_in_a_subfolder(library: Path, watcher: Watcher) -> None:
    new = library / "sub" / "chad.yml"
    new.write_text("title: new\n")
    assert watcher.next_batch() == {("added", new)}


def test_non_yaml_and_lock_files_are_ignored(library: Path, watcher: Watcher) -> None:
    (library / "notes.txt").write_text("x")
    (library / ".niger.yaml.swp").write_text("x")
    (library / "niger.yaml~").write_text("x")
    (library / ".#niger.yaml").write_text("x")
    (library / "notes.txt").unlink()
    sentinel = library / "sentinel.yaml"
    sentinel.write_text("title: s\n")
    assert watcher.next_batch() == {("added", sentinel)}


def test_burst_of_saves_is_one_batch(library: Path, watcher: Watcher) -> None:
    brief = library / "niger.yaml"
    for n in range(20):
        brief.write_text(f"title: save {n}\n")
    assert watcher.next_batch() == {("modified", brief)}
    sentinel = library / "sentinel.yaml"
    sentinel.write_text("title: s\n")
    # Had the burst been split, a second batch for niger.yaml would come first.
    assert watcher.next_batch() == {("added", sentinel)}


def test_a_new_folder_is_rescanned_whatever_was_written_before_its_watch(
    library: Path, watcher: Watcher
) -> None:
    # mkdir then files at once: some are written before any watch on the folder can exist.
    folder = library / "d1"
    folder.mkdir()
    for n in range(50):
        (folder / f"b{n}.yaml").write_text("title: t\n")
    assert folder in rescans(watcher.until(lambda seen: folder in rescans(seen)))


def test_a_folder_moved_in_is_rescanned(library: Path, tmp_path: Path, watcher: Watcher) -> None:
    outside = tmp_path / "outside"
    (outside / "deeper").mkdir(parents=True)
    (outside / "deeper" / "a.yaml").write_text("title: a\n")
    moved = library / "moved"
    os.rename(outside, moved)
    assert moved in rescans(watcher.until(lambda seen: moved in rescans(seen)))
    # Its own subfolders are watched now: a save inside is seen as a file change.
    inside = moved / "deeper" / "a.yaml"
    inside.write_text("title: changed\n")
    watcher.until(lambda seen: ("modified", inside) in seen or inside.parent in rescans(seen))


def test_a_folder_moved_out_is_rescanned(library: Path, tmp_path: Path, watcher: Watcher) -> None:
    os.rename(library / "sub", tmp_path / "gone")
    gone = library / "sub"
    assert gone in rescans(watcher.until(lambda seen: gone in rescans(seen)))


def test_a_single_file_root_watches_only_that_file(tmp_path: Path, backend: str) -> None:
    brief = tmp_path / "one.yaml"
    brief.write_text("title: one\n")
    (tmp_path / "deeper").mkdir()
    with watching([brief], backend=backend) as running:
        (tmp_path / "other.yaml").write_text("title: other\n")
        (tmp_path / "deeper" / "one.yaml").write_text("title: deeper\n")
        swap = tmp_path / ".one.yaml.swp"
        swap.write_text("title: saved by vim\n")
        os.replace(swap, brief)
        assert running.next_batch() in ({("added", brief)}, {("modified", brief)})


def test_folders_and_files_together(tmp_path: Path, library: Path, backend: str) -> None:
    loose = tmp_path / "elsewhere" / "loose.yaml"
    loose.parent.mkdir()
    loose.write_text("title: loose\n")
    with watching([library, loose], backend=backend) as running:
        loose.write_text("title: changed\n")
        assert running.next_batch() == {("modified", loose)}
        inside = library / "niger.yaml"
        inside.write_text("title: changed\n")
        assert running.next_batch() == {("modified", inside)}


def test_the_first_batch_can_be_a_rescan_of_every_root(library: Path, tmp_path: Path) -> None:
    loose = tmp_path / "loose.yaml"
    loose.write_text("title: loose\n")
    with watching([library, loose], initial_rescan=True) as running:
        assert running.next_batch() == {("rescan", library), ("rescan", loose)}


def test_the_backstop_rescans_every_root_when_nothing_happens(library: Path) -> None:
    with watching([library], backstop_s=0.2) as running:
        assert running.next_batch() == {("rescan", library)}
        assert running.next_batch() == {("rescan", library)}  # and again


def test_stop_ends_the_watch(library: Path, backend: str) -> None:
    start([library], backend=backend).close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("niger.yaml", True),
        ("NIGER.YML", True),
        ("niger.Yaml", True),
        (".hidden.yaml", False),  # discovery skips hidden files, so the watcher does too
        (".#niger.yaml", False),
        ("#niger.yaml#", False),
        ("#niger.yaml", False),
        ("niger.yaml~", False),
        (".niger.yaml.swp", False),
        ("niger.json", False),
        ("yaml", False),
    ],
)
def test_brief_names(name: str, expected: bool) -> None:
    assert is_brief_name(name) is expected


def test_closing_the_generator_ends_its_helper_threads(library: Path, backend: str) -> None:
    ready = threading.Event()
    batches = watch_paths([library], threading.Event(), ready=ready, backend=backend)
    first: queue.Queue[Batch] = queue.Queue()
    reader = threading.Thread(target=lambda: first.put(next(batches)), daemon=True)
    reader.start()
    assert ready.wait(TIMEOUT)
    (library / "niger.yaml").write_text("title: changed\n")
    assert first.get(timeout=TIMEOUT) == {("modified", library / "niger.yaml")}
    reader.join(TIMEOUT)
    batches.close()  # without setting the caller's stop event
    for thread in threading.enumerate():
        if thread.name == "briefing-watch":
            thread.join(TIMEOUT)
            assert not thread.is_alive()


# -- what inotify alone can tell ---------------------------------------------------------


@needs_inotify
def test_a_root_that_does_not_exist_yet_is_waited_for(tmp_path: Path) -> None:
    root = tmp_path / "later"
    with watching([root]) as running:
        root.mkdir()
        (root / "a.yaml").write_text("title: a\n")
        assert ("rescan", root) in running.until(lambda seen: ("rescan", root) in seen)
        (root / "a.yaml").write_text("title: changed\n")
        running.until(lambda seen: ("modified", root / "a.yaml") in seen)


@needs_inotify
def test_the_library_folder_deleted_and_made_again_is_watched_again(library: Path) -> None:
    with watching([library]) as running:
        shutil.rmtree(library)
        assert running.until(lambda seen: ("rescan", library) in seen)
        library.mkdir()
        (library / "back.yaml").write_text("title: back\n")
        running.until(lambda seen: ("rescan", library) in seen)
        (library / "back.yaml").write_text("title: edited\n")
        running.until(lambda seen: ("modified", library / "back.yaml") in seen)


@needs_inotify
def test_the_library_folder_renamed_away_is_not_followed(library: Path, tmp_path: Path) -> None:
    with watching([library]) as running:
        away = tmp_path / "briefs.old"
        os.rename(library, away)
        running.until(lambda seen: ("rescan", library) in seen)
        # Saves in the renamed folder are no longer the library's: only the sentinel shows.
        (away / "niger.yaml").write_text("title: elsewhere\n")
        library.mkdir()
        sentinel = library / "sentinel.yaml"
        running.until(lambda seen: ("rescan", library) in seen)
        sentinel.write_text("title: s\n")
        seen = running.until(lambda seen: ("added", sentinel) in seen)
        assert all(path == library or library in path.parents for _kind, path in seen)


def drain(source: InotifySource, done: Callable[[list[tuple[str, Path]]], bool]) -> list[Any]:
    """The changes ``source`` reports until ``done`` holds for them (or fail at the deadline)."""
    changes: list[tuple[str, Path]] = []
    deadline = time.monotonic() + TIMEOUT
    while not done(changes):
        assert time.monotonic() < deadline, f"gave up waiting; saw {changes}"
        changes.extend(source.wait(0.1))
    return changes


@needs_inotify
def test_a_root_gone_again_before_its_watch_is_in_place_is_looked_for_again(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library folder remade twice in a row, the second time between the watcher seeing
    the first new folder and placing its watch there: that watch finds nothing, and the
    folder made next must still be watched, or nothing in it is ever seen again."""
    real = inotify.Inotify.add
    raced: list[str] = []

    def racing(self: inotify.Inotify, path: str, mask: int = inotify.FOLDER_MASK) -> int | None:
        if path != str(library) or raced:
            return real(self, path, mask)
        raced.append(path)
        os.rename(library, tmp_path / "briefs.second")  # gone just after it was seen...
        wd = real(self, path, mask)  # ...so this watch finds no folder
        library.mkdir()  # and made again at once, before the watcher looks at it
        (library / "r0.yaml").write_text("title: r0\n")
        return wd

    source = InotifySource([library])
    try:
        source.start()
        monkeypatch.setattr(inotify.Inotify, "add", racing)
        os.rename(library, tmp_path / "briefs.first")
        library.mkdir()
        # Reported twice: gone, then back (once its watch is in place).
        drain(source, lambda changes: changes.count(("rescan", library)) >= 2)
        assert raced, "the watcher never placed a watch on the new library folder"
        after = library / "after.yaml"
        after.write_text("title: after\n")
        drain(source, lambda changes: ("added", after) in changes)
    finally:
        source.close()


@needs_inotify
def test_a_watch_whose_descriptor_is_past_1023_still_sees_changes(
    library: Path, tmp_path: Path
) -> None:
    """A process with many files open gets descriptors ``select`` cannot wait on."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1100:
        pytest.skip("the descriptor limit is too low to go past 1023")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1100), hard))
    taken: list[int] = []
    try:
        while not taken or taken[-1] < 1024:
            taken.append(os.open(os.devnull, os.O_RDONLY))
        source = InotifySource([library])
        try:
            source.start()
            added = library / "late.yaml"
            added.write_text("title: late\n")
            drain(source, lambda changes: ("added", added) in changes)
        finally:
            source.close()
    finally:
        for fd in taken:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@needs_inotify
def test_a_file_named_inside_a_root_renamed_away_is_not_followed(
    library: Path, tmp_path: Path
) -> None:
    """``briefing briefs briefs/niger.yaml``: one watch stands for the folder root and for the
    folder of the file root; once the folder is renamed away, neither is reported from it."""
    named = library / "niger.yaml"
    source = InotifySource([library, named])
    try:
        source.start()
        away = tmp_path / "briefs.old"
        os.rename(library, away)
        gone = drain(source, lambda changes: ("rescan", library) in changes)
        library.mkdir()
        back = drain(source, lambda changes: ("rescan", library) in changes)
        (away / "niger.yaml").write_text("title: elsewhere\n")  # no longer the library's
        sentinel = library / "sentinel.yaml"
        sentinel.write_text("title: s\n")
        later = drain(source, lambda changes: ("added", sentinel) in changes)
        assert [change for change in later if change[1] == named] == []
        assert ("rescan", named) in gone + back  # it went with its folder
        named.write_text("title: back\n")  # the file named is looked for until it is back
        drain(source, lambda changes: ("rescan", named) in changes)
    finally:
        source.close()


@needs_inotify
def test_an_overflowing_queue_rescans_every_root_and_watches_on(
    library: Path, tmp_path: Path
) -> None:
    loose = tmp_path / "loose.yaml"
    loose.write_text("title: loose\n")
    source = InotifySource([library, loose])
    try:
        source.start()
        # Nothing is read while the kernel queue (16,384 events by default) fills up.
        limit = int(Path("/proc/sys/fs/inotify/max_queued_events").read_text())
        brief = library / "niger.yaml"
        for n in range(limit // 2 + 100):  # a write and a close each: over the limit
            brief.write_text(f"title: {n}\n")
        changes: list[tuple[str, Path]] = []
        deadline = time.monotonic() + TIMEOUT
        while ("rescan", library) not in changes and time.monotonic() < deadline:
            changes.extend(source.wait(0.1))
        assert ("rescan", library) in changes and ("rescan", loose) in changes
        # The watches were placed again: a later change is an ordinary event.
        added = library / "sub" / "after.yaml"
        added.write_text("title: after\n")
        while ("added", added) not in changes and time.monotonic() < deadline:
            changes.extend(source.wait(0.1))
        assert ("added", added) in changes
    finally:
        source.close()


@needs_inotify
def test_a_linked_folder_outside_the_library_is_watched_under_the_link(
    library: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (library / "linked").symlink_to(outside)
    (library / "loop").symlink_to(library)  # not followed: its briefs are here already
    with watching([library]) as running:
        (outside / "far.yaml").write_text("title: far\n")
        running.until(lambda seen: ("added", library / "linked" / "far.yaml") in seen)
        (library / "linked").unlink()
        running.until(lambda seen: ("rescan", library / "linked") in seen)
        (library / "loop").unlink()
        running.until(lambda seen: ("rescan", library / "loop") in seen)


@needs_inotify
def test_a_change_of_permissions_is_a_change(library: Path) -> None:
    with watching([library]) as running:
        brief = library / "niger.yaml"
        brief.chmod(0o600)
        assert running.next_batch() == {("modified", brief)}
        (library / "sub").chmod(0o700)
        assert running.next_batch() == {("rescan", library / "sub")}


@needs_inotify
def test_a_watch_the_system_refuses_makes_the_backstop_frequent(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = inotify.Inotify.add

    def refusing(self: inotify.Inotify, path: str, mask: int = inotify.FOLDER_MASK) -> int | None:
        if path.endswith("sub"):
            raise OSError(28, "inotify watch limit reached")  # ENOSPC, as the kernel says
        return real(self, path, mask)

    monkeypatch.setattr(inotify.Inotify, "add", refusing)
    monkeypatch.setattr(watch_module, "FALLBACK_BACKSTOP", 0.2)
    with watching([library], backstop_s=3600) as running:
        # Nothing changes, and the hour-long backstop would not run: the short one does.
        assert running.next_batch() == {("rescan", library)}


def test_no_inotify_instance_to_be_had_falls_back(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused() -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(inotify, "Inotify", refused)
    source = watch_module.make_source([library])
    assert isinstance(source, watch_module.WatchfilesSource)


def _removed_as_read(link: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``link`` is removed the moment something reads it (between the ``lstat`` and the
    ``readlink`` of ``os.path.realpath``), as a user's ``rm`` can race a reader's look."""
    readlink = os.readlink

    def racing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path) == str(link) and os.path.lexists(link):
            link.unlink()
        return readlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "readlink", racing)


@needs_inotify
def test_a_folder_link_removed_as_the_watcher_reads_it_stops_nothing(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watch goes on (it used to end with the error), and the link is neither entered
    nor reported: its removal is a change of its own."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.yaml").write_text("title: far\n")
    link = library / "linked"
    with watching([library]) as running:
        _removed_as_read(link, monkeypatch)
        link.symlink_to(outside)
        running.until(lambda seen: ("rescan", link) in seen)
        assert not link.is_symlink()  # it was read, and went as it was
        (library / "later.yaml").write_text("title: later\n")
        running.until(lambda seen: ("added", library / "later.yaml") in seen)
        assert running.thread is not None and running.thread.is_alive()


def test_a_folder_link_removed_as_a_scan_reads_it_is_skipped(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.store.walk import real_roots, walk

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.yaml").write_text("title: far\n")
    link = library / "linked"
    link.symlink_to(outside)
    _removed_as_read(link, monkeypatch)
    found = walk(str(library), (), real_roots([str(library)]))
    assert found.files == [str(library / "niger.yaml")]
    assert found.notes == []
    assert str(link) not in found.folders
