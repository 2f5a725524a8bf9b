"""What the user has opened: remembered per file and content, never fatal, never in the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import pytest

from briefing.paths import cache_dir, state_dir
from briefing.store.seen import MAX_BYTES, SeenState


class Opened(NamedTuple):
    path: str
    digest: str


def test_new_until_opened_and_again_when_changed(tmp_path: Path) -> None:
    state = SeenState(tmp_path / "seen.json")
    a, b = Opened("/lib/a.yaml", "1"), Opened("/lib/b.yaml", "1")
    assert state.is_new(a) and state.is_new(b)
    state.mark_opened(a)
    assert not state.is_new(a) and state.is_new(b)
    assert state.is_new(Opened("/lib/a.yaml", "2"))  # the file changed since
    again = SeenState(tmp_path / "seen.json")  # another session reads what was written
    assert not again.is_new(a) and again.is_new(b)
    version = again.version
    again.mark_all_seen([a, b])
    assert again.version == version + 1
    assert not SeenState(tmp_path / "seen.json").is_new(b)
    again.mark_all_seen([a, b])
    assert again.version == version + 1  # nothing new to remember: nothing written
    assert again.notice is None


def test_the_status_tells_new_from_changed(tmp_path: Path) -> None:
    state = SeenState(tmp_path / "seen.json")
    a = Opened("/lib/a.yaml", "1")
    assert state.status(a) == "new"  # never opened
    state.mark_opened(a)
    assert state.status(a) is None
    assert state.status(Opened("/lib/a.yaml", "2")) == "changed"  # opened, then edited
    assert state.status(Opened("/lib/b.yaml", "1")) == "new"


def test_it_lives_in_the_state_folder_not_the_cache(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    state = SeenState(env=env)
    assert state.path == tmp_path / "state" / "briefing" / "seen.json"
    assert state_dir({"HOME": str(tmp_path)}) == tmp_path / ".local" / "state" / "briefing"
    assert not state.path.is_relative_to(cache_dir(env))


def test_two_readers_at_once_lose_nothing(tmp_path: Path) -> None:
    first, second = SeenState(tmp_path / "seen.json"), SeenState(tmp_path / "seen.json")
    first.is_new(Opened("/x", "0"))
    second.is_new(Opened("/x", "0"))  # both read the (empty) state before either writes
    first.mark_opened(Opened("/lib/a.yaml", "1"))
    second.mark_opened(Opened("/lib/b.yaml", "1"))
    merged = SeenState(tmp_path / "seen.json")
    assert not merged.is_new(Opened("/lib/a.yaml", "1")) and not merged.is_new(
        Opened("/lib/b.yaml", "1")
    )


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "it is not valid JSON"),
        (b"\xff\xfe\x00", "it is not valid JSON"),
        (b"[]", "it is not briefing's reading state"),
        (json.dumps({"format": "something-else", "version": 1, "briefs": {}}).encode(), "not"),
        (json.dumps({"format": "briefing-seen", "version": 99, "briefs": {}}).encode(), "not"),
        (json.dumps({"format": "briefing-seen", "version": 1, "briefs": {"a": 1}}).encode(), "not"),
        (b"[" * 100_000 + b"]" * 100_000, "it is not valid JSON"),
    ],
)
def test_a_corrupt_or_foreign_file_is_set_aside_and_rebuilt(
    tmp_path: Path, content: bytes, why: str
) -> None:
    path = tmp_path / "seen.json"
    path.write_bytes(content)
    state = SeenState(path)
    assert state.is_new(Opened("/lib/a.yaml", "1"))  # never an exception
    assert state.notice is not None and why in state.notice
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("seen.json.broken-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept for the curious
    assert str(aside[0]) in state.notice
    state.mark_opened(Opened("/lib/a.yaml", "1"))
    data = json.loads(path.read_text("utf-8"))
    assert data == {"format": "briefing-seen", "version": 1, "briefs": {"/lib/a.yaml": "1"}}


def test_an_oversized_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used
    state = SeenState(path)
    assert state.is_new(Opened("/x", "1"))
    assert state.notice is not None and "over" in state.notice


def test_a_folder_in_its_place_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "seen.json").mkdir()
    state = SeenState(tmp_path / "seen.json")
    assert state.is_new(Opened("/x", "1"))
    assert state.notice is not None and "not a regular file" in state.notice
    state.mark_opened(Opened("/x", "1"))  # cannot be written: remembered for the session
    assert not state.is_new(Opened("/x", "1"))
    assert "cannot be saved" in (state.notice or "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_keeps_the_state_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        state = SeenState(folder / "seen.json")
        state.mark_opened(Opened("/x", "1"))
        assert not state.is_new(Opened("/x", "1"))
        assert state.notice is not None and "cannot be saved" in state.notice
    finally:
        folder.chmod(0o700)
