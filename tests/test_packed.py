"""Briefs held packed (``briefing.store.packed``): what a library gives is what it loaded,
whatever was decoded or forgotten meanwhile, and a brief is decoded only when read."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_library import real_library as shipped_brief

from briefing.brief.model import Brief
from briefing.search.index import SearchIndex
from briefing.store import packed
from briefing.store.index import Index
from briefing.store.library import Library
from briefing.store.packed import Packed


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def real_library(base: Path) -> Path:
    """The shipped brief and its articles (``test_library``), and a short brief with prose
    beyond ASCII."""
    briefs = shipped_brief(base)
    (briefs / "short.yaml").write_text("title: Short\nsummary: Ça va, Łódź.\ndate: 2024-03\n")
    return briefs


def decoded_library(root: Path) -> dict[str, object]:
    """Each brief as a library with no index loads it, kept decoded here."""
    library = Library([root])
    library.load_all()
    return {e.id: e.brief for e in library.entries}


@pytest.mark.parametrize("with_index", [True, False], ids=["index", "no-index"])
def test_a_brief_read_after_it_was_forgotten_is_the_brief_loaded(
    tmp_path: Path, with_index: bool
) -> None:
    root = real_library(tmp_path)
    expected = decoded_library(root)
    for start in ("cold", "warm"):
        library = Library([root], index=Index(tmp_path / "i.sqlite3") if with_index else None)
        library.load_all()
        packed.forget()
        for entry in library.entries:
            assert isinstance(entry.source, Packed), (start, entry.id)
            assert entry.brief == expected[entry.id], (start, entry.id)
            assert entry.title == expected[entry.id].title  # type: ignore[attr-defined]
            assert entry.date == expected[entry.id].date  # type: ignore[attr-defined]


def test_a_brief_read_twice_is_decoded_once(tmp_path: Path) -> None:
    root = real_library(tmp_path)
    library = Library([root], index=Index(tmp_path / "i.sqlite3"))
    library.load_all()
    packed.forget()
    entry = library.get("niger-russia-trainers")
    assert entry is not None
    before = packed.decoded
    first = entry.brief
    assert packed.decoded == before + 1
    assert entry.brief is first  # kept decoded: not decoded again
    assert packed.decoded == before + 1


def test_only_the_briefs_read_last_are_kept_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(packed, "KEPT", 3)
    for n in range(8):
        (tmp_path / f"b{n}.yaml").write_text(f"title: B{n}\nsummary: Number {n}.\n")
    library = Library([tmp_path], index=Index(tmp_path / "i.sqlite3"))
    library.load_all()
    assert packed.kept() == 3
    for entry in library.entries:
        assert entry.brief is not None
    assert packed.kept() == 3


def test_the_last_good_version_outlives_the_file_the_index_and_the_cache(tmp_path: Path) -> None:
    """The file breaks, the index then holds the broken version (another process may write
    it too) and the cache is deleted: the brief loaded before is still the one given."""
    root = real_library(tmp_path)
    index_path = tmp_path / "i.sqlite3"
    library = Library([root], index=Index(index_path))
    library.load_all()
    good = library.get("short")
    assert good is not None and good.brief is not None
    expected = good.brief

    (root / "short.yaml").write_text("title: [unclosed\n")
    library.reload_path(root / "short.yaml")
    assert library.index is not None
    library.index.close()
    index_path.unlink()
    packed.forget()

    entry = library.get("short")
    assert entry is not None and entry.stale and entry.errors
    assert entry.brief == expected


def test_an_id_moved_to_another_file_keeps_its_brief_packed(tmp_path: Path) -> None:
    """Two files want one id; when one goes, the other takes the id, its brief unchanged."""
    (tmp_path / "a.yaml").write_text("title: A yaml\nsummary: From a.yaml.\n")
    (tmp_path / "a.yml").write_text("title: A yml\nsummary: From a.yml.\n")
    library = Library([tmp_path], index=Index(tmp_path / "i.sqlite3"))
    library.load_all()
    moved_from = {e.path.name: e.brief for e in library.entries}
    (tmp_path / "a.yaml").unlink()
    library.reload_path(tmp_path / "a.yaml")
    packed.forget()
    (entry,) = library.entries
    assert entry.id == "a" and isinstance(entry.source, Packed)
    assert entry.brief is not None and entry.brief.id == "a"
    assert entry.brief.title == "A yml"
    assert entry.brief == moved_from["a.yml"].replace(id="a")  # type: ignore[union-attr]


def test_the_search_index_reads_packed_briefs_as_it_read_them_decoded(tmp_path: Path) -> None:
    root = real_library(tmp_path)
    library = Library([root], index=Index(tmp_path / "i.sqlite3"))
    library.load_all()
    held, plain = SearchIndex(), SearchIndex()
    for entry in library.entries:
        assert entry.source is not None and entry.brief is not None
        held.set_brief(entry.source)
        plain.set_brief(entry.brief)
    for query in ("russia", "lodz", '"military cooperation"', "a", "ca va"):
        packed.forget()
        found, expected = held.search(query), plain.search(query)
        assert found.count == expected.count and found.count, query
        assert list(found.hits) == list(expected.hits), query
        assert held.briefs_matching(found.query) == plain.briefs_matching(expected.query)


def test_a_reload_that_changes_nothing_is_no_change(tmp_path: Path) -> None:
    """Read again from the index, a brief is new bytes equal to the old: the reader's reload
    compares what is held (``LibraryKeeper``), without decoding every brief."""
    root = real_library(tmp_path)
    library = Library([root], index=Index(tmp_path / "i.sqlite3"))
    library.load_all()
    before = {e.id: e.source for e in library.entries}
    library.rescan()
    packed.forget()
    decoded = packed.decoded
    after = {e.id: e.source for e in library.entries}
    assert after == before
    assert all(after[i] is not before[i] for i in after)  # loaded again, as new objects
    assert packed.decoded == decoded


def test_a_library_for_one_command_keeps_its_briefs_decoded(tmp_path: Path) -> None:
    """``check``, ``list`` and the others read each brief once and exit: nothing packed."""
    root = real_library(tmp_path)
    for index in (Index(tmp_path / "i.sqlite3"), None, Index(tmp_path / "i.sqlite3")):
        library = Library([root], index=index, packed=False)
        library.load_all()
        decoded = packed.decoded
        assert all(e.source.__class__ is Brief for e in library.entries)
        assert all(e.brief is e.source for e in library.entries)
        assert packed.decoded == decoded
