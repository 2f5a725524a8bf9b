"""The SQLite index: a warm start parses nothing, and no state of the cache file is trusted.

Every test proves *where* a brief came from by replacing the library's ``load_file``:
with one that raises (nothing may be parsed) or one that counts (only these may be).
"""

from __future__ import annotations

import marshal
import os
import shutil
import sqlite3
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import fresh_python, sqlite_file

import briefing.brief.loader as loader_module
from briefing.brief.loader import LoadResult, load_file
from briefing.brief.model import Brief
from briefing.brief.problems import Problem
from briefing.store import index as index_module
from briefing.store import rows as rows_module
from briefing.store.index import Index
from briefing.store.library import Library

REPO = Path(__file__).resolve().parent.parent
REAL = "niger-russia-trainers"

Snapshot = dict[str, tuple[Brief | None, list[Problem], Mapping[str, int] | None]]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may reach the user's real cache folder, even by accident."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The real brief with its articles, plus a brief with a warning, a broken one, a nested one."""
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(REPO / "briefs" / f"{REAL}.yaml", briefs)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    write(
        briefs / "warned.yaml",
        "title: Warned\nsummary: s\nsources:\n  - id: gone\n    file: missing.txt\n"
        "actors:\n  - id: a\n    name: A\nquotes:\n  - speaker: a\n    text: words\n"
        "    source: gone\n",
    )
    write(briefs / "broken.yaml", "title: [unclosed\n")
    write(briefs / "sub" / "nested.yml", "title: Nested\ndate: 2024-04-11\nsummary: s\n")
    return briefs


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index.sqlite3"


def run(root: Path, index_path: Path) -> Library:
    """One start of the reader: a fresh library and index over the same cache file."""
    index = Index(index_path)
    library = Library([root], index=index)
    library.load_all()
    index.close()
    return library


def snapshot(library: Library) -> Snapshot:
    return {
        e.id: (e.brief, e.problems, e.brief.lines if e.brief else None) for e in library.entries
    }


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, **_: Any) -> LoadResult:
        raise AssertionError(f"{path} was parsed, not read from the index")

    monkeypatch.setattr(loader_module, "load_file", refuse)


def count_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = load_file

    def counting(path: Path, **kwargs: Any) -> LoadResult:
        calls.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(loader_module, "load_file", counting)
    return calls


def touch_later(path: Path) -> None:
    """Give the file a modification time no earlier write can have had."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def rows(index_path: Path) -> dict[str, tuple[int, int]]:
    with sqlite_file(index_path) as db:
        found = db.execute("SELECT path, size, mtime_ns FROM files").fetchall()
    return {path: (size, mtime) for path, size, mtime in found}


def application_id(index_path: Path) -> int:
    with sqlite_file(index_path) as db:
        (app_id,) = db.execute("PRAGMA application_id").fetchone()
    return int(app_id)


def assert_rebuilt(index_path: Path, root: Path) -> None:
    """The file is ours again and holds a row for every brief."""
    assert application_id(index_path) == index_module._APPLICATION_ID
    assert set(rows(index_path)) == {str(p) for _, p in Library([root]).discover()}


# -- warm starts -------------------------------------------------------------------------


def test_a_second_start_reads_every_brief_from_the_index(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = snapshot(run(root, index_path))
    assert set(first) == {REAL, "warned", "broken", "sub/nested"}
    assert first["broken"][0] is None and first["broken"][1]  # a failure is cached too
    assert first["warned"][1] and first["warned"][0] is not None
    real = first[REAL][0]
    assert real is not None and {q.verification.status for q in real.quotes} == {"verified"}

    forbid_parsing(monkeypatch)
    second = snapshot(run(root, index_path))
    assert second == first  # Briefs, problems and the editor's line map, all equal


def test_cached_problems_name_the_file_as_this_start_shows_it(
    root: Path, index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = run(Path(root.name), index_path)  # named relative, as typed
    relative = {e.id: e.problems for e in first.entries}
    assert {p.path for p in relative["broken"]} == {os.path.join("briefs", "broken.yaml")}

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    forbid_parsing(monkeypatch)
    second = run(root, index_path)
    for entry in second.entries:
        expected = [p.replace(path=str(entry.path)) for p in relative[entry.id]]
        assert entry.problems == expected, entry.id
    assert second.get("broken") is not None


def test_a_changed_file_alone_is_parsed_again(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = snapshot(run(root, index_path))
    nested = root / "sub" / "nested.yml"
    nested.write_text("title: Nested, edited\ndate: 2024-04-12\nsummary: s\n")
    touch_later(nested)

    calls = count_parsing(monkeypatch)
    second = snapshot(run(root, index_path))
    assert calls == [nested]
    brief = second["sub/nested"][0]
    assert brief is not None and brief.title == "Nested, edited"
    assert {k: v for k, v in second.items() if k != "sub/nested"} == {
        k: v for k, v in first.items() if k != "sub/nested"
    }


def test_same_size_new_mtime_is_a_change(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(root, index_path)
    nested = root / "sub" / "nested.yml"
    before = nested.read_text()
    nested.write_text(before.replace("Nested", "Nestle"))  # same length
    assert nested.stat().st_size == len(before.encode())
    touch_later(nested)

    calls = count_parsing(monkeypatch)
    brief = run(root, index_path).get("sub/nested")
    assert calls == [nested]
    assert brief is not None and brief.brief is not None and brief.brief.title == "Nestle"


def test_an_edited_article_reparses_the_briefs_that_cite_it(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = run(root, index_path).get(REAL)
    assert before is not None and before.brief is not None
    cited = {q.source for q in before.brief.quotes}
    source = next(s for s in before.brief.sources if s.id in cited)
    assert source.path is not None
    article = source.path
    article.write_text("The article now says something else entirely.\n")
    touch_later(article)

    calls = count_parsing(monkeypatch)
    after = run(root, index_path)
    assert calls == [root / f"{REAL}.yaml"]  # the briefs that cite no article are cached
    entry = after.get(REAL)
    assert entry is not None and entry.brief is not None
    for quote in entry.brief.quotes:
        expected = "not_found" if quote.source == source.id else "verified"
        assert quote.verification.status == expected, quote.text
    not_found = [p for p in entry.problems if p.code == "quote-not-found"]
    assert len(not_found) == sum(1 for q in entry.brief.quotes if q.source == source.id) > 0


def test_an_article_that_appears_reparses_the_brief_that_missed_it(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(root, index_path)
    write(root / "missing.txt", "Some words were said here.\n")
    calls = count_parsing(monkeypatch)
    entry = run(root, index_path).get("warned")
    assert calls == [root / "warned.yaml"]
    assert entry is not None and entry.brief is not None
    assert [q.verification.status for q in entry.brief.quotes] == ["verified"]


# -- cache files that cannot be trusted -------------------------------------------------------


def break_garbage(index_path: Path) -> None:
    index_path.write_bytes(bytes(range(256)) * 64)


def break_truncated(index_path: Path) -> None:
    data = index_path.read_bytes()
    index_path.write_bytes(data[: len(data) // 3])


def break_empty(index_path: Path) -> None:
    index_path.write_bytes(b"")


def break_foreign_application(index_path: Path) -> None:
    index_path.unlink()
    with sqlite_file(index_path) as db:
        db.execute("PRAGMA application_id = 1234")
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('someone else''s data')")


def break_foreign_files_table(index_path: Path) -> None:
    index_path.unlink()
    with sqlite_file(index_path) as db:
        db.execute("CREATE TABLE files (name TEXT, blob BLOB)")
        db.execute("INSERT INTO files VALUES ('x', x'00')")


def break_no_meta(index_path: Path) -> None:
    with sqlite_file(index_path) as db:
        db.execute("DROP TABLE meta")


def break_old_format(index_path: Path) -> None:
    with sqlite_file(index_path) as db:
        db.execute("UPDATE meta SET value = '0:0' WHERE key = 'format'")


@pytest.mark.parametrize(
    "damage",
    [
        break_garbage,
        break_truncated,
        break_empty,
        break_foreign_application,
        break_foreign_files_table,
        break_no_meta,
        break_old_format,
    ],
)
def test_an_untrustworthy_index_is_rebuilt(
    root: Path,
    index_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[Path], None],
) -> None:
    first = snapshot(run(root, index_path))
    damage(index_path)

    calls = count_parsing(monkeypatch)
    second = snapshot(run(root, index_path))
    assert second == first
    assert sorted(calls) == sorted(p for _, p in Library([root]).discover())
    assert_rebuilt(index_path, root)

    forbid_parsing(monkeypatch)
    assert snapshot(run(root, index_path)) == first  # and the rebuilt cache serves the next start


Lists = list[Any]
"""A payload's lists, ``[articles, brief, problems, digest]``, as ``marshal`` gives them."""
Damage = Callable[[Lists], bytes | None]
"""Changes a payload's lists in place (None: store them changed), or gives the bytes to
store instead."""


def _span_of_one(data: Lists) -> None:
    """A row well formed but a quote's span has one number, not two."""
    data[1][6][0][7] = [1]


def _article_is_null(data: Lists) -> None:
    data[0][0][0] = None


def _article_is_a_huge_number(data: Lists) -> None:
    """os.stat takes an int as a file descriptor, and one this large overflows."""
    data[0][0][0] = 10**30


def _date_is_a_number(data: Lists) -> None:
    data[1][2] = 20240411


def _problem_is_short(data: Lists) -> None:
    data[2] = [*data[2], [1, 2]]


def _title_is_bytes(data: Lists) -> None:
    """A type ``marshal`` keeps and JSON has not: bytes where text belongs."""
    data[1][0] = data[1][0].encode()


def _sources_are_a_tuple_of_sets(data: Lists) -> None:
    data[1][4] = tuple(frozenset(source[:1]) for source in data[1][4])


def _holds_code(data: Lists) -> None:
    data[3] = compile("print('from a row')", "<row>", "exec")


@pytest.mark.parametrize(
    "damage",
    [
        lambda _: b"not marshal",
        lambda _: marshal.dumps(None),
        lambda _: marshal.dumps([]),
        lambda _: marshal.dumps({}),
        lambda _: marshal.dumps([[], [1], []]),
        lambda data: marshal.dumps(data)[:-1],
        lambda _: marshal.dumps([])[:1] * 100_000 + marshal.dumps(None),
        _span_of_one,
        _article_is_null,
        _article_is_a_huge_number,
        _date_is_a_number,
        _problem_is_short,
        _title_is_bytes,
        _sources_are_a_tuple_of_sets,
        _holds_code,
    ],
    ids=[
        "not-marshal",
        "none",
        "empty-list",
        "dict",
        "short-brief",
        "cut-short",
        "deep-nesting",
        "span-of-one",
        "article-null",
        "article-huge-number",
        "date-number",
        "problem-short",
        "title-bytes",
        "sources-tuple-of-sets",
        "holds-code",
    ],
)
def test_a_damaged_row_parses_that_file_alone(
    root: Path,
    index_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Damage,
) -> None:
    """Compressed whole (zlib's checksum holds), and wrong within."""
    first = snapshot(run(root, index_path))
    real = root / f"{REAL}.yaml"
    with sqlite_file(index_path) as db:
        (payload,) = db.execute("SELECT payload FROM files WHERE path = ?", (str(real),)).fetchone()
        data = marshal.loads(zlib.decompress(payload))
        stored = damage(data)
        damaged = zlib.compress(marshal.dumps(data) if stored is None else stored)
        db.execute("UPDATE files SET payload = ? WHERE path = ?", (damaged, str(real)))

    calls = count_parsing(monkeypatch)
    assert snapshot(run(root, index_path)) == first
    assert calls == [real]

    forbid_parsing(monkeypatch)
    assert snapshot(run(root, index_path)) == first  # the row was written again, whole


PAD = 4096
"""How far past every stored payload the bound on payloads is set, in the test of a payload
too large: what is padded by twice that must be refused, and nothing else is."""


def _inflates_too_far(payload: bytes) -> bytes:
    """A well-formed payload that decompresses past the bound (``rows.PAYLOAD_MAX``, set just
    above the largest real payload here): a row cannot make the reader allocate without
    limit."""
    return zlib.compress(zlib.decompress(payload) + b" " * (2 * PAD))


@pytest.mark.parametrize(
    "damage",
    [
        lambda payload: zlib.decompress(payload).decode("latin-1"),  # text, not bytes
        lambda payload: zlib.decompress(payload),  # not compressed
        lambda payload: payload[: len(payload) // 2],  # cut short
        lambda payload: payload + b"more",  # something after the end
        lambda _: b"",
        lambda _: 7,
        _inflates_too_far,
        lambda payload: zlib.compress(zlib.decompress(payload)),  # zlib's default window
    ],
    ids=[
        "text",
        "uncompressed",
        "cut-short",
        "trailing",
        "empty",
        "number",
        "too-large",
        "wider-window",
    ],
)
def test_a_payload_that_is_not_one_parses_that_file_alone(
    root: Path,
    index_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[bytes], object],
) -> None:
    first = snapshot(run(root, index_path))
    real = root / f"{REAL}.yaml"
    with sqlite_file(index_path) as db:
        (payload,) = db.execute("SELECT payload FROM files WHERE path = ?", (str(real),)).fetchone()
        assert isinstance(payload, bytes)
        largest = max(len(zlib.decompress(p)) for (p,) in db.execute("SELECT payload FROM files"))
        db.execute("UPDATE files SET payload = ? WHERE path = ?", (damage(payload), str(real)))
    monkeypatch.setattr(rows_module, "PAYLOAD_MAX", largest + PAD)

    calls = count_parsing(monkeypatch)
    assert snapshot(run(root, index_path)) == first
    assert calls == [real]


def test_a_payload_claiming_more_items_than_memory_holds_is_refused() -> None:
    """``marshal`` reserves the items a list claims before reading them: where address space
    is capped, that is a ``MemoryError``, refused as a damaged row rather than raised."""
    code = (
        "import resource, struct, zlib\n"
        "from briefing.store.rows import PAYLOAD_WINDOW, unpack_payload\n"
        "packer = zlib.compressobj(1, zlib.DEFLATED, PAYLOAD_WINDOW)\n"
        "claim = b'[' + struct.pack('<i', 2**28) + b'N'\n"  # 2 GiB of item slots
        "payload = packer.compress(claim) + packer.flush()\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "try:\n"
        "    unpack_payload(payload)\n"
        "except ValueError as error:\n"
        "    print('refused:', error)\n"
    )
    assert fresh_python(code) == "refused: a payload of impossible size\n"


@pytest.mark.parametrize("how", ["parent-is-a-file", "read-only-folder"])
def test_an_unwritable_cache_folder_costs_speed_not_briefs(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "parent-is-a-file":
        (tmp_path / "afile").write_text("a file where the cache folder should be")
        index_path = tmp_path / "afile" / "cache" / "index.sqlite3"
    else:
        if os.geteuid() == 0:
            pytest.skip("root ignores folder modes; the parent-is-a-file case covers this")
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        index_path = locked / "cache" / "index.sqlite3"
    plain = Library([root])
    plain.load_all()
    expected = snapshot(plain)

    for _ in range(2):  # nothing is cached, so both starts parse everything
        calls = count_parsing(monkeypatch)
        assert snapshot(run(root, index_path)) == expected
        assert len(calls) == len(expected)
    assert not index_path.exists()


def test_many_files_are_written_in_batches_and_all_cached(
    tmp_path: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = index_module.FLUSH_EVERY
    total = 2 * batch + 50
    root = tmp_path / "many"
    for n in range(total):
        write(root / f"b{n:04}.yaml", f"title: Brief {n}\nsummary: Number {n}.\n")

    index = Index(index_path)
    library = Library([root], index=index)
    loading = iter(library.iter_load())
    for _ in range(batch):
        next(loading)
    assert not index_path.exists() or rows(index_path) == {}  # nothing written yet
    next(loading)  # storing one more writes the first batch out in its own transaction
    assert len(rows(index_path)) == batch
    for _ in range(batch):
        next(loading)
    assert len(rows(index_path)) == 2 * batch
    for _ in loading:
        pass
    assert len(rows(index_path)) == total  # the rest are flushed when the load ends
    index.close()

    forbid_parsing(monkeypatch)
    again = run(root, index_path)
    assert len(again) == total
    assert all(
        e.brief is not None and e.brief.title == f"Brief {int(e.id[1:])}" for e in again.entries
    )


def test_a_file_name_that_is_not_utf8_loads_with_an_index(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")  # Latin-1 on disk; SQLite text must be UTF-8
    write(root / name, "title: Latin-1 name\nsummary: s\n")
    first = snapshot(run(root, index_path))
    assert first["caf\udce9"][0] is not None

    calls = count_parsing(monkeypatch)
    assert snapshot(run(root, index_path)) == first
    assert calls == [root / name]  # the others were cached despite it


def test_the_default_index_lives_in_the_xdg_cache_folder(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    index = Index()
    assert index.path == tmp_path / "xdg" / "briefing" / "index.sqlite3"
    library = Library([root], index=index)
    library.load_all()
    index.close()
    assert set(rows(index.path)) == {str(e.path) for e in library.entries}


def test_reload_path_updates_the_cache(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = Index(index_path)
    library = Library([root], index=index)
    library.load_all()
    nested = root / "sub" / "nested.yml"
    nested.write_text("title: Reloaded\nsummary: s\n")
    touch_later(nested)
    assert library.reload_path(nested) == "sub/nested"
    index.close()

    forbid_parsing(monkeypatch)
    entry = run(root, index_path).get("sub/nested")
    assert entry is not None and entry.brief is not None and entry.brief.title == "Reloaded"


# -- start-up ------------------------------------------------------------------------------


def test_importing_the_index_leaves_sqlite_and_json_until_it_is_read(
    root: Path, index_path: Path
) -> None:
    code = (
        "import sys\n"
        "import briefing.store.index\n"
        "assert not {'sqlite3', 'json'} & set(sys.modules), 'imported with the module'\n"
    )
    fresh_python(code)
    assert run(root, index_path).get(REAL) is not None  # and they are there when it is read
    assert run(root, index_path).get(REAL) is not None


def test_the_codes_that_mean_a_damaged_file_are_sqlites() -> None:
    assert index_module._DAMAGED == (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


# -- rows handed over by another process -------------------------------------------------


def test_rows_decode_to_what_a_lookup_gives(root: Path, index_path: Path) -> None:
    run(root, index_path)
    wanted = [(path, ident, str(path)) for ident, path in Library([root]).discover()]
    index = Index(index_path)
    assert index_module.decode_rows(index.rows(wanted), wanted) == index.lookup_many(wanted)


@pytest.mark.parametrize(
    "damage",
    [
        lambda row: row[:3],  # cut short
        lambda row: (row[0], row[1], row[2], ["not", "three"]),  # payload of the wrong shape
        lambda row: (row[0], row[1], row[2], [[[7, 1, 2]], *row[3][1:]]),  # article path a number
        lambda row: (row[0], row[1] + 1, row[2], row[3]),  # the file changed since
        lambda row: (row[0], row[1], row[2], [row[3][0], ["garbage"], row[3][2]]),  # bad brief
    ],
)
def test_a_damaged_row_is_left_out_not_trusted(
    root: Path, index_path: Path, damage: Callable[[Any], Any]
) -> None:
    run(root, index_path)
    real = root / f"{REAL}.yaml"
    wanted = [(real, REAL, str(real))]
    (row,) = Index(index_path).rows(wanted)
    assert index_module.decode_rows([row], wanted)  # whole, it decodes
    assert index_module.decode_rows([damage(row)], wanted) == {}


@pytest.mark.parametrize(
    ("where", "value"), [(0, 42), (1, None), (0, ["a", "list"]), (2, 7)]
)  # the title a number, the summary null, the title a list, the date a number
def test_a_row_of_the_wrong_types_is_parsed_from_its_file_at_every_start(
    root: Path, index_path: Path, monkeypatch: pytest.MonkeyPatch, where: int, value: Any
) -> None:
    first = snapshot(run(root, index_path))
    real = str(root / f"{REAL}.yaml")
    with sqlite_file(index_path) as db:
        (payload,) = db.execute("SELECT payload FROM files WHERE path = ?", (real,)).fetchone()
        data = marshal.loads(zlib.decompress(payload))
        data[1][where] = value
        damaged = zlib.compress(marshal.dumps(data))
        db.execute("UPDATE files SET payload = ? WHERE path = ?", (damaged, real))
    calls = count_parsing(monkeypatch)
    assert snapshot(run(root, index_path)) == first  # no crash, and the brief as it is
    assert calls == [Path(real)]  # that file alone was parsed
    calls.clear()
    assert snapshot(run(root, index_path)) == first
    assert calls == []  # and the row was written again, whole


def test_a_warm_load_keys_what_it_keeps_by_the_librarys_own_path_strings(
    root: Path, index_path: Path
) -> None:
    """The stamps outlive the load: keyed by the string each file's Path holds already, not
    by the row's copy of it (one more string per brief of the library)."""
    run(root, index_path)
    wanted = [(path, ident, str(path)) for ident, path in Library([root]).discover()]
    stamps: dict[str, Any] = {}
    found = Index(index_path).lookup_many(wanted, stamps)
    assert found and set(stamps) == set(found)  # the index answered
    own = {id(str(path)) for path, _ident, _shown in wanted}  # a Path keeps its string
    assert {id(key) for key in stamps} <= own
    assert {id(key) for key in found} <= own


def test_the_index_keeps_a_small_page_cache(root: Path, index_path: Path) -> None:
    """A load reads each row once: SQLite's default 2 MiB of cached pages would be held for
    nothing while the reader runs."""
    run(root, index_path)
    index = Index(index_path)
    db = index._open()
    assert db is not None
    (pages,) = db.execute("PRAGMA cache_size").fetchone()
    assert pages == -index_module.CACHE_KIB and index_module.CACHE_KIB < 2000


def test_the_index_never_waits_for_the_disk(root: Path, index_path: Path) -> None:
    """A cache written by every cold load is not worth an fsync per checkpoint: what a
    machine crash damages is rebuilt (test_an_untrustworthy_index_is_rebuilt)."""
    run(root, index_path)
    db = Index(index_path)._open()
    assert db is not None
    assert db.execute("PRAGMA synchronous").fetchone() == (0,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_new_index_has_pages_a_briefs_row_fits_in(root: Path, index_path: Path) -> None:
    """Rows of about 10 KB: pages of 16 KiB hold one without an overflow chain."""
    run(root, index_path)
    db = Index(index_path)._open()
    assert db is not None
    assert db.execute("PRAGMA page_size").fetchone() == (index_module.PAGE_BYTES,)
    assert index_module.PAGE_BYTES == 16384


def test_an_index_made_with_other_pages_is_kept_as_it_is(root: Path, index_path: Path) -> None:
    """The page size is the file's: one written before keeps its own, and its rows."""
    import sqlite3

    index_path.parent.mkdir(parents=True)
    db = sqlite3.connect(index_path)
    db.execute("PRAGMA page_size=4096")
    db.execute("PRAGMA journal_mode=WAL")
    Index._create(db)
    db.commit()
    db.close()
    first = run(root, index_path)
    db2 = Index(index_path)._open()
    assert db2 is not None
    assert db2.execute("PRAGMA page_size").fetchone() == (4096,)
    (rows,) = db2.execute("SELECT count(*) FROM files").fetchone()
    assert rows == len(first) > 0
