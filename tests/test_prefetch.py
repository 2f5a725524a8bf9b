"""The helper process that readies the first screen while the reader imports Textual."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from functools import partial, partialmethod
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefing.store import prefetch, spawn
from briefing.store.catalog import Catalog, Groups
from briefing.store.index import Index, Row, decode_rows
from briefing.store.library import Library
from briefing.store.prefetch import Prefetch

if TYPE_CHECKING:
    from briefing.ui.app import BriefingApp

pytestmark = pytest.mark.skipif(not hasattr(os, "posix_spawn"), reason="needs posix_spawn")

REPO = Path(__file__).resolve().parent.parent
ANSWER = 60.0
"""How long a test waits for a helper that is to answer: the reader waits far less, but on a
busy machine (the suite runs in parallel) a late answer must not fail a test of what it says."""


@pytest.fixture(autouse=True)
def patient_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a busy machine (a parallel test run) the helper can take longer than the reader's
    usual wait; these tests are about what it answers."""
    monkeypatch.setattr(prefetch, "WAIT_SECONDS", 120.0)


def _gone(pid: int) -> bool:
    """True once the helper is reaped: no zombie is left behind."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def _library(root: Path, count: int) -> Path:
    source = (REPO / "briefs" / "niger-russia-trainers.yaml").read_text("utf-8")
    seeds = root / "seeds"
    seeds.mkdir()
    for seed in (REPO / "seeds").iterdir():
        (seeds / seed.name).write_bytes(seed.read_bytes())
    briefs = root / "briefs"
    briefs.mkdir()
    for number in range(count):
        (briefs / f"b{number:03}.yaml").write_text(source, "utf-8")
    return briefs


def test_the_helper_sends_the_listing_and_leaves_the_first_screen_in_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, prefetch.FIRST_PARSED + 3)
    started = Prefetch.start([briefs])
    assert started is not None

    answer = started.listing(timeout=ANSWER)

    assert answer is not None
    assert answer.listing == Library([briefs]).discover_text()
    started.finish(timeout=ANSWER)  # it answers first, then writes the index
    assert _gone(started.pid)
    wanted = [(Path(path), ident, path) for ident, path in answer.listing]
    cached = Index().lookup_many(wanted)
    # The first FIRST_PARSED files were parsed and stored; the rest wait for the worker.
    assert len(cached) == prefetch.FIRST_PARSED
    assert all(result.brief is not None for result in cached.values())
    # ... and their rows came along, decoding to the same briefs.
    handed = decode_rows(answer.rows, wanted)
    assert handed.keys() == cached.keys()
    assert all(handed[key].brief == cached[key].brief for key in cached)


def test_the_helper_answers_before_it_writes_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader waits for the answer, not for SQLite: on a cold cache the parsed rows are
    handed over while the index does not even exist yet, and written after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    index_file = Index().path
    seen: list[tuple[bool, int]] = []

    def answer(value: tuple[prefetch.Listing, list[Row], Groups]) -> None:
        listing, rows, _groups = value
        wanted = [(Path(path), ident, path) for ident, path in listing]
        seen.append((index_file.exists(), len(decode_rows(rows, wanted))))

    prefetch._work([briefs], None, prefetch.FIRST_SCREEN, prefetch.FIRST_PARSED, answer)

    assert seen == [(False, 3)]
    listing = Library([briefs]).discover_text()
    assert len(Index().lookup_many([(Path(p), i, p) for i, p in listing])) == 3


def test_the_helper_writes_the_index_only_once_the_reader_comes_to_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the reader draws its first frame the helper waits, having answered: a second
    process at work slows the drawing even from another core. The loading worker's
    ``finish`` tells it to go on, and returns once the index holds what it parsed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    started = Prefetch.start([briefs])
    assert started is not None

    answer = started.listing(timeout=ANSWER)

    assert answer is not None
    assert not Index().path.exists()  # nothing written, however long the reader draws
    assert not _gone(started.pid)  # waiting for the word
    started.finish(timeout=ANSWER)
    assert _gone(started.pid)
    wanted = [(Path(path), ident, path) for ident, path in answer.listing]
    assert len(Index().lookup_many(wanted)) == 3


def _finished(pid: int) -> bool:
    """True once ``pid`` (not a child of this process) has exited, reaped or not: its new
    parent may be slow to reap it."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False  # no /proc to tell a zombie by: wait for it to be reaped
    return stat.rsplit(b")", 1)[1].split()[0] == b"Z"


def test_a_helper_whose_reader_went_away_writes_the_index_and_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that dies after the answer never says go: its end of the helper's stdin
    closes, and the helper writes what it parsed (the next start is warm) and exits rather
    than waiting for ever."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    reader = (
        "import os\n"
        "from pathlib import Path\n"
        "from briefing.store.prefetch import Prefetch\n"
        f"started = Prefetch.start([Path({str(briefs)!r})])\n"
        "assert started is not None and started.listing(timeout=60) is not None\n"
        "print(started.pid, flush=True)\n"
        "os._exit(0)\n"  # gone without finish or cancel
    )
    done = subprocess.run(
        _python(reader), capture_output=True, text=True, timeout=ANSWER, cwd=REPO, check=True
    )
    helper = int(done.stdout)
    deadline = time.monotonic() + ANSWER
    while not _finished(helper):
        assert time.monotonic() < deadline, "the helper outlived its reader"
        time.sleep(0.01)
    listing = Library([briefs]).discover_text()
    wanted = [(Path(path), ident, path) for ident, path in listing]
    assert len(Index().lookup_many(wanted)) == 3


def test_telling_a_helper_that_stopped_listening_to_go_on_is_harmless() -> None:
    """A helper may no longer read its stdin when the worker comes to it: the word to go on
    (the end of that pipe) reaches nobody, harmlessly, and ``finish`` stops it."""
    started = Prefetch.spawn(
        _python(
            "import marshal, os, signal, sys\n"
            "os.close(0)\n"  # before the answer, so before the reader can say go
            "sys.stdout.buffer.write(marshal.dumps(([('a', '/a.yaml')], [], {})))\n"
            "sys.stdout.flush()\n"
            "os.dup2(os.open(os.devnull, os.O_WRONLY), 1)\n"
            "signal.pause()\n"
        )
    )
    assert started is not None
    assert started.listing(timeout=ANSWER) == ([("a", "/a.yaml")], [], {})
    started.finish(timeout=0.1)
    assert _gone(started.pid)


def test_the_answer_has_one_current_row_per_file_stored_or_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warm, the rows come from the index; a file changed since is parsed again, and only
    its new row is handed over."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    answers: list[tuple[prefetch.Listing, list[Row], Groups]] = []
    run = partial(prefetch._work, [briefs], None, prefetch.FIRST_SCREEN, prefetch.FIRST_PARSED)
    run(answers.append)  # cold: fills the index
    changed = briefs / "b001.yaml"
    changed.write_text(changed.read_text("utf-8").replace("title: ", "title: Changed ", 1))
    run(answers.append)

    listing, rows, _groups = answers[-1]
    assert sorted(row[0] for row in rows) == sorted(path for _ident, path in listing)
    wanted = [(Path(path), ident, path) for ident, path in listing]
    handed = decode_rows(rows, wanted)
    assert len(handed) == 3
    brief = handed[str(changed)].brief
    assert brief is not None
    assert brief.title.startswith("Changed ")


def test_the_reader_takes_the_answer_while_the_helper_still_writes() -> None:
    """The answer is whole once the helper ends it, though the helper runs on (writing the
    index); :meth:`finish` waits for it, and stops one that does not finish in time."""
    started = Prefetch.spawn(
        _python(
            "import marshal, os, signal, sys\n"
            "sys.stdout.buffer.write(marshal.dumps(([('a', '/a.yaml')], [], {})))\n"
            "sys.stdout.flush()\n"
            "os.dup2(os.open(os.devnull, os.O_WRONLY), 1)\n"
            "signal.pause()\n"  # an index write that never ends
        )
    )
    assert started is not None
    assert started.listing(timeout=ANSWER) == ([("a", "/a.yaml")], [], {})
    assert not _gone(started.pid)  # still writing
    started.finish(timeout=0.1)
    assert _gone(started.pid)


def test_the_helper_does_not_import_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``briefing`` run in a folder holding a ``briefing`` package must not run that code."""
    trap = tmp_path / "work" / "briefing"
    trap.mkdir(parents=True)
    (trap / "__init__.py").write_text("raise SystemExit(7)\n")
    (trap / "prefetch.py").write_text("raise SystemExit(7)\n")
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 1)
    started = Prefetch.start([briefs])
    assert started is not None
    answer = started.listing(timeout=ANSWER)
    assert answer is not None and answer.listing == [("b000", str(briefs / "b000.yaml"))]


def _answering(value: str) -> list[str]:
    return _python(f"import marshal, sys; sys.stdout.buffer.write(marshal.dumps({value}))")


def test_an_answer_is_read_once(tmp_path: Path) -> None:
    started = Prefetch.spawn(_answering("([('a', '/a.yaml')], [], {})"))
    assert started is not None
    assert started.listing(timeout=ANSWER) == ([("a", "/a.yaml")], [], {})
    assert started.listing() is None


def _scheduled(pid: int, policy: int) -> None:
    """Wait until the process ``pid`` runs under ``policy``."""
    deadline = time.monotonic() + ANSWER / 2
    while os.sched_getscheduler(pid) != policy:
        assert time.monotonic() < deadline, f"{pid} never got scheduling policy {policy}"
        time.sleep(0.01)


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling classes")
def test_a_helper_runs_at_normal_priority_while_the_reader_needs_its_answer() -> None:
    """The reader cannot draw without the answer: at idle priority the helper would get
    only a core nothing else wants, and on a busy machine starve while the reader waits."""
    started = Prefetch.spawn(_python("import signal; signal.pause()"))
    assert started is not None
    assert os.sched_getscheduler(started.pid) == os.SCHED_OTHER
    started.cancel()
    assert _gone(started.pid)


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling classes")
def test_a_helper_writes_the_index_at_idle_priority_until_the_reader_waits_for_it() -> None:
    """Once it has answered, what is left (the index written) is waited for by nobody,
    until the reader's loading worker comes to use the index (``finish``)."""
    started = Prefetch.spawn(
        _python(
            "import signal\n"
            "from briefing.store import prefetch\n"
            "prefetch._answer(([('a', '/a.yaml')], [], {}))\n"
            "signal.pause()\n"  # the index being written
        )
    )
    assert started is not None
    assert started.listing(timeout=ANSWER) == ([("a", "/a.yaml")], [], {})
    _scheduled(started.pid, os.SCHED_IDLE)
    waiting = threading.Thread(target=started.finish, kwargs={"timeout": ANSWER})
    waiting.start()
    _scheduled(started.pid, os.SCHED_OTHER)
    os.kill(started.pid, signal.SIGTERM)  # it has been seen at normal priority: let it go
    waiting.join(ANSWER)
    assert not waiting.is_alive()
    assert _gone(started.pid)


_AFFINITY = hasattr(os, "sched_getaffinity") and Path("/proc/self/stat").is_file()


def _in_child(code: str) -> str:
    """Run ``code`` in a Python of its own and return what it prints: a test that pins its
    process to cores must not pin the worker running the suite."""
    done = subprocess.run(
        _python(code), capture_output=True, text=True, timeout=ANSWER, cwd=REPO, check=True
    )
    return done.stdout.strip()


@pytest.mark.skipif(not _AFFINITY, reason="Linux core affinity")
@pytest.mark.skipif(
    _AFFINITY and len(os.sched_getaffinity(0)) < 2, reason="needs two cores to keep apart"
)
def test_a_helper_runs_on_every_core_the_reader_may_use_but_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader is busy on its core until its first frame: a helper there takes turns
    with it. The reader's own cores are left as they were."""
    cores = os.sched_getaffinity(0)
    here = max(cores)
    monkeypatch.setattr(spawn, "_current_core", lambda: here)
    started = Prefetch.spawn(_python("import signal; signal.pause()"))
    assert started is not None
    try:
        assert os.sched_getaffinity(started.pid) == cores - {here}
        assert os.sched_getaffinity(0) == cores
    finally:
        started.cancel()
    assert _gone(started.pid)


@pytest.mark.skipif(not _AFFINITY, reason="Linux core affinity")
@pytest.mark.skipif(
    _AFFINITY and len(os.sched_getaffinity(0)) < 2, reason="needs two cores to keep apart"
)
@pytest.mark.parametrize("waits_for", ["answer", "index"])
def test_a_helper_the_reader_waits_for_gets_the_readers_core_back(
    monkeypatch: pytest.MonkeyPatch, waits_for: str
) -> None:
    """Waiting, the reader leaves its core idle: on a machine whose other cores are busy,
    a helper kept off it would answer late for nothing."""
    cores = os.sched_getaffinity(0)
    monkeypatch.setattr(spawn, "_current_core", lambda: max(cores))
    helper = (
        "import signal, sys\n"
        "from briefing.store import prefetch\n"
        "if sys.argv[1] == 'index':\n"
        "    prefetch._answer(([('a', '/a.yaml')], [], {}))\n"
        "signal.pause()\n"
    )
    started = Prefetch.spawn([*_python(helper), waits_for])
    assert started is not None
    assert os.sched_getaffinity(started.pid) == cores - {max(cores)}
    wait = started.listing if waits_for == "answer" else started.finish
    waiting = threading.Thread(target=wait, kwargs={"timeout": ANSWER})
    waiting.start()
    deadline = time.monotonic() + ANSWER
    while os.sched_getaffinity(started.pid) != cores and time.monotonic() < deadline:
        time.sleep(0.01)
    assert os.sched_getaffinity(started.pid) == cores
    os.kill(started.pid, signal.SIGKILL)
    waiting.join(ANSWER)
    assert not waiting.is_alive()
    started.cancel()
    assert _gone(started.pid)


@pytest.mark.skipif(not _AFFINITY, reason="Linux core affinity")
def test_the_core_a_process_runs_on_is_read_from_proc() -> None:
    """Pinned to one core, a process is on that core; the command name, which may hold
    parentheses and spaces, does not shift the fields after it."""
    core = max(os.sched_getaffinity(0))
    shown = _in_child(
        "import os, ctypes\n"
        f"os.sched_setaffinity(0, {{{core}}})\n"
        "libc = ctypes.CDLL(None)\n"
        "libc.prctl(15, b'odd) name (x', 0, 0, 0)\n"  # PR_SET_NAME
        "from briefing.store.spawn import _current_core\n"
        "print(open('/proc/self/comm').read().strip(), _current_core())\n"
    )
    assert shown == f"odd) name (x {core}"


@pytest.mark.skipif(not _AFFINITY, reason="Linux core affinity")
def test_a_reader_on_one_core_leaves_its_helper_there() -> None:
    """With no other core to go to, the helper shares the reader's, as before."""
    core = max(os.sched_getaffinity(0))
    shown = _in_child(
        "import os, sys\n"
        f"os.sched_setaffinity(0, {{{core}}})\n"
        "from briefing.store.prefetch import Prefetch\n"
        "started = Prefetch.spawn([sys.executable, '-c', 'import signal; signal.pause()'])\n"
        "print(sorted(os.sched_getaffinity(started.pid)))\n"
        "started.cancel()\n"
    )
    assert shown == f"[{core}]"


def test_a_helper_is_started_where_the_core_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No ``/proc`` (another system, a sandbox): the helper runs wherever the reader may."""

    def unreadable() -> int:
        raise FileNotFoundError("/proc/self/stat")

    monkeypatch.setattr(spawn, "_current_core", unreadable)
    started = Prefetch.spawn(_python("import signal; signal.pause()"))
    assert started is not None
    try:
        if hasattr(os, "sched_getaffinity"):
            assert os.sched_getaffinity(started.pid) == os.sched_getaffinity(0)
    finally:
        started.cancel()
    assert _gone(started.pid)


def test_a_helper_that_fails_means_the_reader_does_the_work() -> None:
    started = Prefetch.spawn(_python("import sys; print('boom', file=sys.stderr); sys.exit(3)"))
    assert started is not None
    assert started.listing() is None
    assert _gone(started.pid)


def test_a_helper_that_never_answers_is_killed_after_the_wait() -> None:
    started = Prefetch.spawn(_python("import signal; signal.pause()"))
    assert started is not None
    assert started.listing(timeout=0.2) is None
    assert _gone(started.pid)


@pytest.mark.parametrize(
    "value",
    [
        "[('id', '/a.yaml')]",  # a listing alone
        "([('id', '/a.yaml')], [])",  # no shared-id groups
        "([('id', 3)], [], {})",  # a path that is not text
        "([('a', '/a.yaml'), (3, '/b.yaml')], [], {})",  # a later id that is not text
        "([('id', '/a.yaml'), ('id',)], [], {})",  # a later entry cut short
        "([('id', '/a.yaml', '/b.yaml')], [], {})",  # a listing entry that is no pair
        "([['id', '/a.yaml']], [], {})",  # a listing entry that is no tuple
        "([('id', '/a.yaml'), ('id', b'/b')], [], {})",  # a later path that is bytes
        "([('id', '/a.yaml')], [('/a.yaml', 1)], {})",  # a row cut short
        "([('id', '/a.yaml')], [(3, 1, 2, [])], {})",  # a row whose path is not text
        "([('id', '/a.yaml')], [], [])",  # groups that are not a mapping
        "([('id', '/a.yaml')], [], {'id': [('/a.yaml', 3)]})",  # a group member's id not text
        "([('id', '/a.yaml')], [], {'id': '/a.yaml'})",  # a group that is not a list
    ],
)
def test_an_answer_of_the_wrong_shape_is_not_trusted(value: str) -> None:
    started = Prefetch.spawn(_answering(value))
    assert started is not None
    assert started.listing() is None


def test_garbage_on_the_pipe_is_not_trusted() -> None:
    started = Prefetch.spawn(_python("import sys; sys.stdout.buffer.write(b'\\xff' * 64)"))
    assert started is not None
    assert started.listing() is None


def test_cancel_stops_a_helper_nobody_waits_for() -> None:
    started = Prefetch.spawn(_python("import signal; signal.pause()"))
    assert started is not None
    started.cancel()
    assert _gone(started.pid)
    assert started.listing() is None


def test_no_helper_without_posix_spawn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delattr(os, "posix_spawn")
    assert Prefetch.start([tmp_path]) is None


def _reader_with_helper(
    briefs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> BriefingApp:
    """The reader on ``briefs``, given a helper started for them as the CLI does."""
    from briefing.ui.app import make_app

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    started = Prefetch.start([briefs])
    assert started is not None
    monkeypatch.setattr(Prefetch, "listing", partialmethod(Prefetch.listing, timeout=ANSWER))
    return make_app([briefs], watch=False, prefetch=started)


def _count_places(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file ``Catalog.place`` is asked about from now on."""
    placed: list[str] = []
    real_place = Catalog.place

    def counted(self: Catalog, key: str) -> object:
        placed.append(key)
        return real_place(self, key)

    monkeypatch.setattr(Catalog, "place", counted)
    return placed


def test_the_reader_uses_the_answer_and_neither_walks_nor_opens_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _reader_with_helper(_library(tmp_path, 2), tmp_path, monkeypatch)
    walks: list[object] = []
    real = Library.discover_text

    def counted(self: Library) -> list[tuple[str, str]]:
        walks.append(self)
        return real(self)

    def no_index(*args: object) -> object:
        raise AssertionError("the index was opened before the first frame")

    monkeypatch.setattr(Library, "discover_text", counted)
    monkeypatch.setattr(Index, "lookup_many", no_index)
    monkeypatch.setattr(Index, "rows", no_index)
    first, total = app.keeper.load_first()
    assert walks == []
    assert total == 2
    assert [entry.id for entry in first] == ["b000", "b001"]
    assert all(entry.brief is not None for entry in first)


def test_a_short_terminal_readies_as_many_briefs_as_it_has_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brief list shows at most one brief a line: on a terminal 3 lines tall the helper
    readies 3 (and parses as many on a first run), and the reader reads those 3 and no
    more, still without opening the index."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 5)
    started = Prefetch.start([briefs], first=3)
    assert started is not None
    assert started.first == 3
    monkeypatch.setattr(Prefetch, "listing", partialmethod(Prefetch.listing, timeout=ANSWER))
    from briefing.ui.app import make_app

    app = make_app([briefs], watch=False, prefetch=started)

    def no_index(*args: object) -> object:
        raise AssertionError("the index was opened before the first frame")

    monkeypatch.setattr(Index, "lookup_many", no_index)
    monkeypatch.setattr(Index, "rows", no_index)
    first, total = app.keeper.load_first()
    assert [entry.id for entry in first] == ["b000", "b001", "b002"]
    assert total == 5


def test_the_first_screen_is_the_terminal_height_up_to_a_bound() -> None:
    master, slave = os.openpty()
    try:
        for lines, expected in ((24, 24), (40, 40), (200, prefetch.FIRST_SCREEN), (0, 1)):
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, 80, 0, 0))
            assert prefetch.first_screen(slave) == expected, lines
    finally:
        os.close(master)
        os.close(slave)
    read, write = os.pipe()  # not a terminal: as on a tall one
    try:
        assert prefetch.first_screen(write) == prefetch.FIRST_SCREEN
    finally:
        os.close(read)
        os.close(write)


def test_the_reader_has_shared_id_warnings_before_it_places_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper sends the files that wanted one id: the first screen carries their
    warnings, and the whole list is placed only when first read (after that screen)."""
    briefs = _library(tmp_path, 3)
    (briefs / "b000.yml").write_bytes((briefs / "b000.yaml").read_bytes())
    app = _reader_with_helper(briefs, tmp_path, monkeypatch)
    placed = _count_places(monkeypatch)
    first, total = app.keeper.load_first()

    assert placed == []
    assert total == 4
    by_id = {entry.id: entry for entry in first}
    assert set(by_id) == {"b000", "b000.yml", "b001", "b002"}
    for ident in ("b000", "b000.yml"):
        codes = [problem.code for problem in by_id[ident].problems]
        assert codes == ["shared-id"], ident
    assert "2 files would have the id 'b000'" in by_id["b000.yml"].problems[0].message
    assert all(not entry.problems for entry in first if not entry.id.startswith("b000"))
    library = app.keeper.library
    assert library is not None
    fresh = Library([briefs])
    fresh.discover_text()
    assert library.catalog.ids == fresh.catalog.ids  # placed now, as a scan would have
    assert len(placed) == 4
    assert library.catalog.shared == fresh.catalog.shared


def test_a_listing_replaced_by_a_rescan_before_it_is_read_is_never_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``r`` before anything read the helper's listing: the walk's list replaces it, with
    the same ids and warnings, and the listing is not placed for nothing first."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    (briefs / "b000.yml").write_bytes((briefs / "b000.yaml").read_bytes())
    scanned = Library([briefs])
    found = scanned.discover_text()
    library = Library([briefs])
    library.adopt(found, scanned.catalog.groups)
    placed = _count_places(monkeypatch)
    library.rescan()
    assert placed == []
    assert library.catalog.ids == scanned.catalog.ids
    assert library.catalog.shared == scanned.catalog.shared
    assert set(library.catalog.shared) == {str(briefs / "b000.yaml"), str(briefs / "b000.yml")}


def test_an_answer_bigger_than_a_pipe_holds_arrives_whole() -> None:
    """A pipe holds 64 KB: the answer for a large library is read while it is written."""
    listing = "[('b%05d' % n, '/library/b%05d.yaml' % n) for n in range(20000)]"
    started = Prefetch.spawn(_answering(f"({listing}, [], {{}})"))
    assert started is not None
    answer = started.listing(timeout=ANSWER)
    assert answer is not None and len(answer.listing) == 20000
    assert answer.listing[-1] == ("b19999", "/library/b19999.yaml")


def test_an_answer_too_long_to_be_ours_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "_MAX_ANSWER", 1000)
    started = Prefetch.spawn(_answering("([('x' * 5000, '/a.yaml')], [], {})"))
    assert started is not None
    assert started.listing() is None
    assert _gone(started.pid)


# -- a small library the index holds: read here, no helper -------------------------------


def _warm(briefs: Path) -> list[tuple[prefetch.Listing, list[Row], Groups]]:
    """Fill the index with ``briefs`` as a helper does, and return the helper's answer."""
    answers: list[tuple[prefetch.Listing, list[Row], Groups]] = []
    prefetch._work([briefs], None, prefetch.FIRST_SCREEN, prefetch.FIRST_PARSED, answers.append)
    return answers


def test_a_small_library_the_index_holds_is_read_here_as_a_helper_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    (briefs / ".git").mkdir()  # hidden, as the walk leaves it: not counted
    for number in range(40):
        (briefs / ".git" / f"object{number}").write_text("x")
    _warm(briefs)
    helper = _warm(briefs)[0]

    ready = prefetch.Ready.here([briefs], None, first=3)

    assert ready is not None and ready.first == 3
    answer = ready.listing()
    assert answer is not None
    assert answer.listing == helper[0]
    assert sorted(answer.rows) == sorted(helper[1])
    assert answer.groups == helper[2]
    assert ready.listing() is None  # read once, as a helper's
    wanted = [(Path(path), ident, path) for ident, path in answer.listing]
    assert len(decode_rows(answer.rows, wanted)) == 3


def _no_index(briefs: Path) -> None:
    Index().path.unlink()


def _longer_than_the_screen(briefs: Path) -> None:
    (briefs / "more").mkdir()  # a folder counts: the walk would go through it


def _changed(briefs: Path) -> None:
    changed = briefs / "b001.yaml"
    changed.write_text(changed.read_text("utf-8").replace("title: ", "title: Changed ", 1))


def _new(briefs: Path) -> None:
    (briefs / "b001.yaml").rename(briefs / "b009.yaml")


def _folder_link(briefs: Path) -> None:
    (briefs / "elsewhere").symlink_to(briefs.parent / "seeds", target_is_directory=True)


@pytest.mark.parametrize(
    "change", [_no_index, _longer_than_the_screen, _changed, _new, _folder_link]
)
def test_a_library_the_index_does_not_hold_as_it_is_is_left_to_a_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    """No index yet (nothing is opened, nor made), more than the first screen, a file
    changed or new since it was indexed, a link the walk would follow: a helper does it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 3)
    _warm(briefs)
    assert prefetch.Ready.here([briefs], None, first=3) is not None
    change(briefs)
    assert prefetch.Ready.here([briefs], None, first=3) is None
    if change is _no_index:
        assert not Index().path.exists()


def test_the_reader_starts_no_helper_for_a_small_library_the_index_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's choice: read here when it can, else start a helper, whose answer the
    reader then uses."""
    import briefing.cli as cli
    import briefing.ui.app as ui_app

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    briefs = _library(tmp_path, 2)
    given: list[object] = []

    class Done:
        return_code = 0

        def run(self) -> None:
            pass

    def make_app(paths: object, *, max_bytes: object, prefetch: object) -> Done:
        given.append(prefetch)
        return Done()

    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(ui_app, "make_app", make_app)
    assert cli._run_reader_on([briefs], None) == 0  # a first run: no index
    assert isinstance(given[-1], Prefetch)
    _warm(briefs)
    assert cli._run_reader_on([briefs], None) == 0
    assert isinstance(given[-1], prefetch.Ready)


@pytest.mark.parametrize("case", ["no index", "longer than the screen"])
def test_deciding_for_a_helper_imports_nothing(tmp_path: Path, case: str) -> None:
    """Then the helper starts at once: the decision costs a ``stat`` or a short listing."""
    import subprocess

    briefs = _library(tmp_path, 3)
    cache = tmp_path / "cache"
    if case != "no index":
        (cache / "briefing").mkdir(parents=True)
        (cache / "briefing" / "index.sqlite3").write_bytes(b"")
    code = (
        "import sys; from pathlib import Path; from briefing.store.prefetch import Ready; "
        "import briefing.paths; "  # the CLI's own, imported before it decides
        "before = set(sys.modules); "
        f"assert Ready.here([Path({str(briefs)!r})], None, first=2) is None; "
        "print(sorted(set(sys.modules) - before))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
