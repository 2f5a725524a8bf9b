"""The folder watcher sees every way an editor saves, once per save.

Each test waits on the watcher's ``ready`` event and on batches arriving in a
queue, with timeouts; "nothing else happened" is proved by a later sentinel
change arriving in a batch of its own, never by sleeping.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from briefing.store.watch import Batch, is_brief_name, watch_paths

TIMEOUT = 10.0


@dataclass
class Watcher:
    batches: queue.Queue[Batch] = field(default_factory=queue.Queue)
    stop: threading.Event = field(default_factory=threading.Event)
    ready: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def next_batch(self) -> Batch:
        return self.batches.get(timeout=TIMEOUT)


def start(roots: Sequence[Path]) -> Watcher:
    watcher = Watcher()

    def run() -> None:
        for batch in watch_paths(roots, watcher.stop, ready=watcher.ready):
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


@pytest.fixture
def watcher(library: Path) -> Iterator[Watcher]:
    running = start([library])
    yield running
    running.stop.set()
    assert running.thread is not None
    running.thread.join(TIMEOUT)
    assert not running.thread.is_alive()


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


def test_a_single_file_root_watches_only_that_file(tmp_path: Path) -> None:
    brief = tmp_path / "one.yaml"
    brief.write_text("title: one\n")
    (tmp_path / "deeper").mkdir()
    running = start([brief])
    try:
        (tmp_path / "other.yaml").write_text("title: other\n")
        (tmp_path / "deeper" / "one.yaml").write_text("title: deeper\n")
        swap = tmp_path / ".one.yaml.swp"
        swap.write_text("title: saved by vim\n")
        os.replace(swap, brief)
        assert running.next_batch() in ({("added", brief)}, {("modified", brief)})
    finally:
        running.stop.set()


def test_folders_and_files_together(tmp_path: Path, library: Path) -> None:
    loose = tmp_path / "elsewhere" / "loose.yaml"
    loose.parent.mkdir()
    loose.write_text("title: loose\n")
    running = start([library, loose])
    try:
        loose.write_text("title: changed\n")
        assert running.next_batch() == {("modified", loose)}
        inside = library / "niger.yaml"
        inside.write_text("title: changed\n")
        assert running.next_batch() == {("modified", inside)}
    finally:
        running.stop.set()


def test_stop_ends_the_watch(library: Path) -> None:
    running = start([library])
    running.stop.set()
    assert running.thread is not None
    running.thread.join(TIMEOUT)
    assert not running.thread.is_alive()


def test_nothing_to_watch_returns_at_once(tmp_path: Path) -> None:
    ready = threading.Event()
    assert list(watch_paths([tmp_path / "missing"], threading.Event(), ready=ready)) == []
    assert ready.is_set()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("niger.yaml", True),
        ("NIGER.YML", True),
        (".hidden.yaml", True),
        (".#niger.yaml", False),
        ("#niger.yaml#", False),
        ("niger.yaml~", False),
        (".niger.yaml.swp", False),
        ("niger.json", False),
    ],
)
def test_brief_names(name: str, expected: bool) -> None:
    assert is_brief_name(name) is expected


def test_closing_the_generator_ends_its_helper_threads(library: Path) -> None:
    ready = threading.Event()
    batches = watch_paths([library], threading.Event(), ready=ready)
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
