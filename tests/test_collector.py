"""Full collections are paused while a library loads, and come back as they were after."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from pathlib import Path
from types import GeneratorType
from typing import Any

import pytest

from briefing.store import collector, rows
from briefing.store.index import Index
from briefing.store.library import Library


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def threshold() -> Iterator[tuple[int, int, int]]:
    """An unusual threshold for the oldest generation, to see it come back exactly."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], 7)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def _library(base: Path, count: int) -> Library:
    for number in range(count):
        (base / f"b{number}.yaml").write_text(f"title: B{number}\nsummary: About {number}.\n")
    return Library([base])


def test_a_load_pauses_full_collections_and_gives_the_threshold_back(
    tmp_path: Path, threshold: tuple[int, int, int]
) -> None:
    library = _library(tmp_path, 3)
    during = [gc.get_threshold() for _entry in library.iter_load()]
    assert len(during) == 3
    assert all(t[:2] == threshold[:2] and t[2] == collector._PAUSED for t in during)
    assert gc.get_threshold() == threshold


def test_overlapping_loads_give_it_back_when_the_last_one_ends(
    tmp_path: Path, threshold: tuple[int, int, int]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _library(tmp_path / "a", 2).iter_load()
    second = _library(tmp_path / "b", 2).iter_load()
    assert isinstance(first, GeneratorType)
    assert isinstance(second, GeneratorType)
    next(first)
    next(second)
    first.close()  # ended, but the other still loads
    assert gc.get_threshold()[2] == collector._PAUSED
    for _entry in second:
        pass
    assert gc.get_threshold() == threshold


def test_a_load_abandoned_by_an_error_gives_it_back(
    tmp_path: Path, threshold: tuple[int, int, int]
) -> None:
    library = _library(tmp_path, 2)
    with pytest.raises(RuntimeError):
        for _entry in library.iter_load():
            raise RuntimeError("the caller stops")
    assert gc.get_threshold() == threshold


@pytest.mark.parametrize("cache", [True, False])
def test_a_check_pauses_full_collections_until_it_has_reported(
    tmp_path: Path, threshold: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    from briefing.commands import check

    during: list[tuple[int, int, int]] = []
    report = check._report

    def reporting(*args: Any, **kwargs: Any) -> int:
        during.append(gc.get_threshold())
        return report(*args, **kwargs)

    monkeypatch.setattr(check, "_report", reporting)
    (tmp_path / "lib").mkdir()
    _library(tmp_path / "lib", 2)
    status = check.run_check(
        [tmp_path / "lib"], out=io.StringIO(), cache=cache, cache_file=tmp_path / "verdicts"
    )
    assert status == 0
    assert during == [(threshold[0], threshold[1], collector._PAUSED)]
    assert gc.get_threshold() == threshold


def test_no_collection_runs_while_index_rows_decode_and_the_threshold_comes_back(
    tmp_path: Path, threshold: tuple[int, int, int]
) -> None:
    """A warm load makes no cycles: collecting while it decodes rows only walks the briefs
    just made. The young threshold is set to collect at almost every allocation, so any
    collection allowed while the rows decode would run."""
    library = _library(tmp_path, 30)
    library.index = Index(tmp_path / "i.sqlite3")
    library.load_all()  # cold: fills the index
    library.index.close()
    warm = Library([tmp_path], index=Index(tmp_path / "i.sqlite3"))
    decoded: list[int] = []
    decode = rows._decode

    def counted(*args: Any) -> Any:
        decoded.append(gc.get_count()[0])
        return decode(*args)

    collections: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and decoded and len(decoded) < 30:
            collections.append(info["generation"])

    gc.set_threshold(1, threshold[1], threshold[2])
    gc.callbacks.append(seen)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(rows, "_decode", counted)
            warm.load_all()
    finally:
        gc.callbacks.remove(seen)
        after = gc.get_threshold()
        gc.set_threshold(*threshold)
    assert len(decoded) == 30 and all(e.brief is not None for e in warm.entries)
    assert collections == []  # between the first row decoded and the last
    assert after == (1, threshold[1], threshold[2])  # given back as it was


def test_decoding_abandoned_by_an_error_gives_the_threshold_back(
    threshold: tuple[int, int, int],
) -> None:
    with pytest.raises(RuntimeError), collector.decoding():
        assert gc.get_threshold()[0] == 0
        raise RuntimeError("a bug while decoding")
    assert gc.get_threshold() == threshold
