"""Parsing on every core: helper processes give exactly what parsing here gives, in order,
whatever they do (answer, stall, die, talk nonsense)."""

from __future__ import annotations

import marshal
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import sqlite_file
from libraries import MAX_BYTES, check, make_library

from briefing.store import packed, parallel, pool
from briefing.store.index import Index
from briefing.store.library import Library
from briefing.store.pool import Item, Pool, make_task

pytestmark = pytest.mark.skipif(not hasattr(os, "posix_spawn"), reason="needs posix_spawn")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Helpers for any number of files, in many small chunks, with two cores or more."""
    monkeypatch.setattr(pool, "PARALLEL_MIN", 1)
    monkeypatch.setattr(pool, "CHUNK", 4)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2}, raising=False)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "lib")


def items_of(root: Path) -> list[Item]:
    return Library([root]).discover_text()


def gone(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:
        return True  # reaped (by the pool's reaper thread)


def wait_until_gone(pids: Sequence[int]) -> None:
    deadline = time.monotonic() + 30
    left = set(pids)
    while left and time.monotonic() < deadline:
        left = {pid for pid in left if not gone(pid)}
        time.sleep(0.01)
    assert not left, f"helpers left running or unreaped: {left}"


def local_results(task: str, items: list[Item]) -> list[Any]:
    return make_task(task, [MAX_BYTES])(items)


def pooled(run: Pool, items: list[Item]) -> list[Any]:
    return [result for chunk in run.run(items) for result in chunk]


# -- the helper process itself -------------------------------------------------------------


def test_a_helper_answers_each_chunk_as_the_caller_would(library: Path) -> None:
    """The helper's protocol, driven by hand: (task, options), then numbered chunks."""
    items = items_of(library)
    frames = [marshal.dumps(("judge", [MAX_BYTES], pool._origin()))]
    chunks = [items[n : n + 7] for n in range(0, len(items), 7)]
    frames += [marshal.dumps((number, chunk)) for number, chunk in enumerate(chunks)]
    done = subprocess.run(
        [sys.executable, "-P", "-m", "briefing.store.pool"],
        input=b"".join(pool._HEADER.pack(len(f)) + f for f in frames),
        capture_output=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    answers, rest = [], done.stdout
    while rest:
        (size,) = pool._HEADER.unpack(rest[:4])
        answers.append(marshal.loads(rest[4 : 4 + size]))
        rest = rest[4 + size :]
    assert [number for number, _ in answers] == list(range(len(chunks)))
    assert [r for _, results in answers for r in results] == local_results("judge", items)


class PatientPool(Pool):
    """A pool whose caller waits for a helper's first answer before it works itself, so the
    helpers are sure to have done part of the run."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.here = 0
        real = self._local

        def patient(chunk: Sequence[Item]) -> list[Any]:
            deadline = time.monotonic() + 60
            while self._inbox.empty() and time.monotonic() < deadline:
                time.sleep(0.01)
            self.here += 1
            return real(chunk)

        self._local = patient


@pytest.mark.parametrize("task", ["judge", "load"])
def test_helpers_and_caller_together_give_the_callers_results_in_order(
    library: Path, task: str
) -> None:
    items = items_of(library)
    run = PatientPool(task, [MAX_BYTES], 2, idle=False)
    assert run.helpers == 2
    pids = [h.pid for h in run._helpers]
    assert pooled(run, items) == local_results(task, items)
    assert run.here < -(-len(items) // pool.CHUNK)  # the helpers did some of it
    wait_until_gone(pids)


# -- helpers that misbehave ----------------------------------------------------------------


def test_stalled_helpers_cost_time_not_results(library: Path) -> None:
    """Helpers that never run (stopped: as if starved at idle priority) hold chunks that the
    caller takes back."""
    items = items_of(library)
    run = Pool("judge", [MAX_BYTES], 2, idle=True)
    pids = [h.pid for h in run._helpers]
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    found: list[Any] = []
    worker = threading.Thread(target=lambda: found.extend(pooled(run, items)), daemon=True)
    worker.start()
    worker.join(120)  # a pool that waits on a stalled helper fails here instead of hanging
    assert not worker.is_alive(), "the pool waited for helpers that never answer"
    assert found == local_results("judge", items)
    wait_until_gone(pids)


def test_a_helper_that_dies_costs_time_not_results(library: Path) -> None:
    items = items_of(library)
    run = PatientPool("judge", [MAX_BYTES], 2, idle=False)
    pids = [h.pid for h in run._helpers]
    results = run.run(items)
    found = list(next(results))
    os.kill(pids[0], signal.SIGKILL)
    found += [r for chunk in results for r in chunk]
    assert found == local_results("judge", items)
    wait_until_gone(pids)


def test_a_helper_talking_nonsense_is_dropped(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = items_of(library)
    real = pool._read_frame
    told: list[int] = []

    def nonsense(fd: int) -> bytes | None:
        frame = real(fd)
        if frame is not None and not told:
            told.append(fd)
            return marshal.dumps((0, ["not", "a", "verdict"]))  # wrong length for chunk 0
        return frame

    monkeypatch.setattr(pool, "_read_frame", nonsense)
    run = PatientPool("judge", [MAX_BYTES], 2, idle=False)
    pids = [h.pid for h in run._helpers]
    assert pooled(run, items) == local_results("judge", items)
    assert told
    wait_until_gone(pids)


def test_closing_early_stops_every_helper(library: Path) -> None:
    run = Pool("judge", [MAX_BYTES], 2, idle=True)
    pids = [h.pid for h in run._helpers]
    results = run.run(items_of(library))
    next(results)
    results.close()
    wait_until_gone(pids)


# -- the library and the check on every core ---------------------------------------------


def snapshot(library: Library) -> list[tuple[Any, ...]]:
    """Every entry as loaded, with its digest, and what the library finds beside them."""
    return [
        (e.id, e.brief, e.stale, e.digest, [(p.path, p.line, p.col, p.severity, p.message,
                                             p.hint, p.code) for p in e.problems],
         (e.title, e.date, e.cited))  # what the library reads without decoding the brief
        for e in library.entries
    ] + [("beside", library.problems)]  # fmt: skip


def rows(path: Path) -> list[tuple[Any, ...]]:
    """The index's rows: each brief's load, and the facts the library as one body reads."""
    with sqlite_file(path) as db:
        files = sorted(db.execute("SELECT path, size, mtime_ns, payload FROM files"))
        return files + sorted(db.execute("SELECT * FROM facts"))


def test_a_parallel_load_equals_a_serial_one(library: Path, tmp_path: Path) -> None:
    """Same entries, same problems in the same order, same briefs, same index rows."""
    loads = {}
    for mode in ("serial", "parallel"):
        # The briefs kept decoded are keyed by payload, id and path: without this, a brief
        # the parallel load reads could be the serial load's, with that load's Path object.
        packed.forget()
        index = Index(tmp_path / mode / "index.sqlite3")
        loaded = Library([library], max_bytes=MAX_BYTES, index=index, parallel=mode == "parallel")
        order = [entry.id for entry in loaded.iter_load()]
        index.close()
        # one Path object for an entry and its brief, however it was loaded (memory)
        assert all(e.brief is None or e.brief.path is e.path for e in loaded.entries)
        loads[mode] = (order, snapshot(loaded), rows(index.path))
    assert loads["parallel"] == loads["serial"]
    assert len(loads["serial"][0]) > 60


def test_a_parallel_load_holds_every_brief_as_a_warm_start_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files the caller parses itself are kept as the decoded payload, as the helpers'
    are: every brief's dates are the decoder's shared ones, none a parser's own copy."""
    from briefing.store import codec

    helpers: list[int] = []
    start = Pool._start

    def counted(self: Pool, *args: Any) -> Any:
        helper = start(self, *args)
        if helper is not None:
            helpers.append(helper.pid)
        return helper

    monkeypatch.setattr(Pool, "_start", counted)
    made: list[Path] = []
    real = parallel.load_stamped

    def parsing(path: Path, *args: Any) -> Any:
        made.append(path)  # parsed in this process: the caller's own chunks
        return real(path, *args)

    monkeypatch.setattr(parallel, "load_stamped", parsing)
    # Every brief dated, so whichever chunks the caller comes to parse, it parses dated ones.
    dated_library = tmp_path / "dated"
    shutil.copytree(REPO / "seeds", dated_library / "seeds")
    shipped = (REPO / "briefs" / "niger-russia-trainers.yaml").read_bytes()
    (dated_library / "briefs").mkdir()
    for number in range(3 * pool.CHUNK):
        (dated_library / "briefs" / f"dated-{number:03d}.yaml").write_bytes(shipped)
    loaded = Library([dated_library], max_bytes=MAX_BYTES, index=Index(tmp_path / "i.sqlite3"))
    loaded.parallel = True
    loaded.load_all()
    assert helpers and made  # both the helpers and the caller parsed some
    mine = {str(path) for path in made}
    dated = [
        entry.brief
        for entry in loaded.entries
        if entry.brief is not None and str(entry.path) in mine and entry.brief.timeline
    ]
    assert len(dated) == len(mine) > 0
    for brief in dated:
        for item in brief.timeline:
            assert item.date is codec.decode_date(item.date.isoformat()), brief.id


def test_only_what_the_index_lacks_is_parsed_again(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_path = tmp_path / "index.sqlite3"
    warm = Library([library / "briefs"], max_bytes=MAX_BYTES, index=Index(index_path))
    warm.load_all()
    assert warm.index is not None
    warm.index.close()
    planned: list[list[Item]] = []
    real_run = Pool.run

    def run(self: Pool, items: Sequence[Item]) -> Any:
        planned.append(list(items))
        return real_run(self, items)

    monkeypatch.setattr(Pool, "run", run)
    index = Index(index_path)
    loaded = Library([library], max_bytes=MAX_BYTES, index=index, parallel=True)
    loaded.load_all()
    index.close()
    (items,) = planned
    assert items and not [path for _, path in items if "/briefs/" in path]
    serial = Library([library], max_bytes=MAX_BYTES)
    serial.load_all()
    assert snapshot(loaded) == snapshot(serial)


@pytest.mark.parametrize("options", [(), ("--strict",), ("--json",)])
def test_a_check_on_every_core_prints_what_a_serial_one_prints(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]
) -> None:
    cache = tmp_path / "verdicts"
    pooled = [check(library, None, *options), check(library, cache, *options)]
    pooled.append(check(library, cache, *options))  # from the cache the pooled run filled
    monkeypatch.setattr(pool, "PARALLEL_MIN", 10**9)
    serial = check(library, None, *options)
    assert pooled == [serial] * 3
    assert serial[2] == ""


def test_the_index_names_what_it_cannot_answer(library: Path, tmp_path: Path) -> None:
    index = Index(tmp_path / "index.sqlite3")
    loaded = Library([library / "briefs"], index=index)
    loaded.load_all()
    keys = [str(e.path) for e in loaded.entries]
    assert index.unanswerable(keys) == set()
    changed = library / "briefs" / "citing.yaml"
    changed.write_text(changed.read_text() + "\n")
    new = str(library / "bad" / "empty.yaml")
    assert index.unanswerable([*keys, new]) == {str(changed), new}
    index.close()


def test_a_helper_with_other_code_stops_at_once(tmp_path: Path) -> None:
    """A helper whose ``briefing`` is not the caller's answers nothing: its answers could
    differ."""
    frame = marshal.dumps(("judge", [MAX_BYTES], "/elsewhere/briefing/__init__.py"))
    done = subprocess.run(
        [sys.executable, "-P", "-m", "briefing.store.pool"],
        input=pool._HEADER.pack(len(frame)) + frame,
        capture_output=True,
        timeout=120,
        cwd=REPO,
    )
    assert (done.returncode, done.stdout) == (3, b"")


def test_a_parallel_load_decodes_no_brief_until_one_is_read(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What helpers parse is held packed, as they sent it, with its title, date and cited
    articles those of the brief it decodes to; nothing is decoded to load or index it."""
    from briefing.store import rows

    unpacked: list[int] = []
    real = rows.unpack_payload

    def counting(payload: Any) -> Any:
        unpacked.append(1)
        return real(payload)

    serial = Library([library], max_bytes=MAX_BYTES)
    serial.load_all()
    monkeypatch.setattr(rows, "unpack_payload", counting)
    monkeypatch.setattr(packed, "unpack_payload", counting)
    packed.forget()  # else a brief read below could be the serial load's, kept decoded
    index = Index(tmp_path / "index.sqlite3")
    loaded = Library([library], max_bytes=MAX_BYTES, index=index, parallel=True)
    before = packed.decoded
    loaded.load_all()
    index.close()
    assert (unpacked, packed.decoded) == ([], before)
    held = [e for e in loaded.entries if isinstance(e.source, packed.Packed)]
    assert len(held) > 15
    for entry in held:
        source = entry.source
        assert isinstance(source, packed.Packed)
        brief = source.brief()
        assert (source.id, source.path, source.title, source.date, source.cited) == (
            brief.id, entry.path, brief.title, brief.date, packed.cited_of(brief)
        )  # fmt: skip
        assert brief == serial.get(entry.id).brief  # type: ignore[union-attr]
    assert unpacked and packed.decoded - before == len(held)


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: [*r[:6], 42, *r[7:]],  # a title that is not text
        lambda r: [*r[:7], "not a date", r[8]],
        lambda r: [*r[:8], [["/a/path", "one"]]],  # a cited article's line not a number
        lambda r: [*r[:4], [[1, 1, "fatal", "x", None, "code"]], *r[5:]],  # no such severity
        lambda r: [*r[:3], None, *r[4:]],  # a load to keep without its facts
        lambda r: r[:8],  # one field short
    ],
    ids=["title", "date", "cited", "severity", "facts", "short"],
)
def test_a_helper_s_damaged_load_is_parsed_here(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    """A load from a helper that is not what a load is (a bug, a foreign helper) is never
    held: the caller parses that file itself, and the library is a serial load's."""
    real = pool._read_frame
    damaged: list[str] = []

    def damaging(fd: int) -> bytes | None:
        frame = real(fd)
        if frame is not None and not damaged:
            number, results = marshal.loads(frame)
            for at, result in enumerate(results):
                if result[6] is not None:  # a brief: every field is there to damage
                    damaged.append(result[6])
                    results[at] = damage(result)
                    return marshal.dumps((number, results))
        return frame

    monkeypatch.setattr(pool, "_read_frame", damaging)
    monkeypatch.setattr(pool, "Pool", PatientPool)  # the helpers are sure to answer
    loads = {}
    for mode in ("serial", "parallel"):
        packed.forget()
        index = Index(tmp_path / mode / "index.sqlite3")
        loaded = Library([library], max_bytes=MAX_BYTES, index=index, parallel=mode == "parallel")
        loaded.load_all()
        index.close()
        loads[mode] = (snapshot(loaded), rows(index.path))
    assert damaged
    assert loads["parallel"] == loads["serial"]
