"""The reader loads a library whose briefs are held packed (``briefing.store.packed``)
without decoding any brief twice: the loading worker waits for the search index to take
in what it posted (``LibraryKeeper``, ``AHEAD_MAX``), so each brief is indexed from the
decoded ones kept; and the catalog then decodes each brief once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import app_for, settle

from briefing.store import packed
from briefing.store.library import LOOKUP_BATCH
from briefing.ui import keeper
from briefing.ui.reading import CatalogKeeper

BRIEFS = 1500


def library(folder: Path) -> Path:
    folder.mkdir()
    for number in range(BRIEFS):
        (folder / f"b{number:04}.yaml").write_text(
            f"title: Brief {number}\ndate: 2024-03-{number % 28 + 1:02}\n"
            f"summary: Summary of brief {number}.\n"
            f"timeline:\n  - date: 2024-02-{number % 28 + 1:02}\n    event: Event {number}.\n"
        )
    return folder


async def test_a_warm_load_decodes_no_brief_again_to_index_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert packed.KEPT > keeper.AHEAD_MAX + LOOKUP_BATCH  # what the worker may be ahead
    folder = library(tmp_path / "many")
    async with app_for(folder).run_test(size=(120, 40)) as pilot:  # a cold start fills the index
        await settle(pilot, rounds=6000)

    at_catalog: list[tuple[int, int]] = []
    build = CatalogKeeper.build

    def noted(self: CatalogKeeper, entries: list[object]) -> None:
        before = packed.decoded
        build(self, entries)  # type: ignore[arg-type]
        at_catalog.append((before, packed.decoded))

    monkeypatch.setattr(CatalogKeeper, "build", noted)
    packed.forget()
    start = packed.decoded
    app = app_for(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=6000)
        assert app.keeper.index is not None and len(app.keeper.index) == BRIEFS
        assert app.catalogs.catalog is not None and len(app.catalogs.catalog) == BRIEFS
        assert app.catalogs.catalog.at(0).title == "Brief 0"
        ((loaded, built),) = at_catalog
        # The first screen may read a few; indexing 1,500 briefs decodes none of them again.
        assert loaded - start < 50, loaded - start
        # The catalog reads each brief once (its facts and its timeline's dates together);
        # the reader then opens the newest brief, which may be one more decode after it.
        assert built - loaded <= BRIEFS, built - loaded
        await pilot.press("t")  # the library timeline: its order from the dates noted
        await pilot.pause()
    assert packed.decoded - loaded <= BRIEFS + 100
