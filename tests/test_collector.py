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
from briefing.store.entry import Entry
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


@pytest.mark.parametrize("warm", [False, True])
def test_a_load_abandoned_by_an_error_gives_it_back(
    tmp_path: Path, threshold: tuple[int, int, int], warm: bool
) -> None:
    """Cold, or warm (from the index: no collection at all, see the tests below)."""
    library = _warm(tmp_path, 2) if warm else _library(tmp_path, 2)
    with pytest.raises(RuntimeError):
        for _entry in library.iter_load():
            assert (gc.get_threshold()[0] == 0) == warm
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


def _warm(base: Path, count: int) -> Library:
    """A library of ``count`` files, all in its index (loaded once, cold)."""
    cold = _library(base, count)
    cold.index = Index(base / "i.sqlite3")
    cold.load_all()
    cold.index.close()
    return Library([base], index=Index(base / "i.sqlite3"))


@pytest.mark.usefixtures("unfrozen")
def test_no_collection_runs_while_a_warm_load_decodes_and_holds_its_briefs(
    tmp_path: Path, threshold: tuple[int, int, int]
) -> None:
    """Rows, briefs and entries hold no cycles: collecting during a warm load only walks the
    briefs just made, and at its end every one it kept. The young threshold is set to
    collect at almost every allocation, so any collection allowed from the first row
    decoded to the end of the load would run."""
    warm = _warm(tmp_path, 30)
    decoding: list[int] = []
    decode = rows._decode

    def counted(*args: Any) -> Any:
        decoding.append(1)
        return decode(*args)

    keep = collector.Quiet.keep

    def kept(quiet: collector.Quiet) -> None:
        keep(quiet)
        decoding.clear()  # kept frozen: later collections (of what is made after) walk none

    collections: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and decoding:
            collections.append(info["generation"])

    gc.set_threshold(1, threshold[1], threshold[2])
    loaded: list[Entry] = []
    gc.callbacks.append(seen)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(rows, "_decode", counted)
            patch.setattr(collector.Quiet, "keep", kept)
            loaded.extend(warm.iter_load())
        after = gc.get_threshold()
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*threshold)
    assert len(loaded) == 30 and all(e.source is not None for e in loaded)
    assert collections == [] and not decoding  # none until the load kept its briefs
    assert after == (1, threshold[1], threshold[2])  # given back as it was
    frozen = {id(o) for o in gc.get_objects()}  # what the collector still sees
    assert all(id(e) not in frozen and id(e.source) not in frozen for e in loaded)


@pytest.mark.usefixtures("unfrozen")
def test_a_load_that_ends_parsing_leaves_what_it_made_to_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML leaves cycles: what the last parse left must still be collected, not frozen."""
    from briefing.store import library as library_module

    monkeypatch.setattr(library_module, "LOOKUP_BATCH", 10)
    warm = _warm(tmp_path, 10)
    (tmp_path / "c.yaml").write_text("title: C\nsummary: New.\n")  # sorted last, parsed
    loaded = list(warm.iter_load())
    assert len(loaded) == 11 and gc.get_freeze_count() == 0
    seen = {id(o) for o in gc.get_objects()}
    assert id(loaded[-1]) in seen and id(loaded[0]) in seen


def test_a_batch_that_parses_files_collects_as_before(
    tmp_path: Path, threshold: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML parsing leaves cycles: only the batches the index answered whole are quiet."""
    from briefing.store import library as library_module

    monkeypatch.setattr(library_module, "LOOKUP_BATCH", 10)
    warm = _warm(tmp_path, 20)
    for number in range(20, 25):  # sorted last: five files the index lacks
        (tmp_path / f"c{number}.yaml").write_text(f"title: C{number}\nsummary: New.\n")
    young = [gc.get_threshold()[0] for _entry in warm.iter_load()]
    assert young == [0] * 20 + [threshold[0]] * 5
    assert gc.get_threshold() == threshold


def test_decoding_abandoned_by_an_error_gives_the_threshold_back(
    threshold: tuple[int, int, int],
) -> None:
    with pytest.raises(RuntimeError), collector.decoding():
        assert gc.get_threshold()[0] == 0
        raise RuntimeError("a bug while decoding")
    assert gc.get_threshold() == threshold


# -- the reader's start-up -------------------------------------------------------------


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Nothing frozen before, the collector on, and both as they were after."""
    collecting = gc.isenabled()
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    if not collecting:
        gc.disable()


@pytest.mark.usefixtures("unfrozen")
@pytest.mark.parametrize("on", [True, False])
def test_imports_are_kept_out_of_the_collectors_sight_and_it_is_left_as_found(
    on: bool,
) -> None:
    if not on:
        gc.disable()
    with collector.imports_kept():
        assert not gc.isenabled()
        made = [[n] for n in range(100)]  # kept alive, as modules are
    assert gc.isenabled() is on
    assert gc.get_freeze_count() > 0
    assert all(not any(kept is row for kept in gc.get_objects()) for row in made[:3])


@pytest.mark.usefixtures("unfrozen")
def test_no_collection_until_the_first_frame_is_out() -> None:
    collector.until_first_frame()
    assert not gc.isenabled() and gc.get_freeze_count() > 0
    collector.first_frame_out()
    assert gc.isenabled()
