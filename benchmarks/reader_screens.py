"""The reader's library screens: how long the dossier and the library timeline take to open.

    python -m benchmarks.reader_screens PATH

Runs the real app headless at 120x40 in this fresh process on a library whose index is warm,
waits until it has loaded, then times, from the request (the message a key or the palette
posts) to the first frame that draws the screen's list:

- the dossier of the entity in the number of briefs closest to 500, with the catalog made
  and warmed by its worker after loading, as the reader has it (five openings, the median
  is the figure); its ``dossier()`` alone, in the same process, beside it;
- the library timeline of every brief, and of the briefs passing ``tag:sahel`` (the first
  opening sorts the library's entries once; later ones, after a change of filter, only
  select).

Prints one JSON object; ``benchmarks.library_bench`` runs it and writes the figures.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from textual.strip import Strip

from briefing.catalog.dossier import dossier
from briefing.catalog.timeline import library_timeline
from briefing.ui.app import make_app
from briefing.ui.messages import DossierRequested, TimelineRequested
from briefing.ui.screens.dossier import DossierScreen
from briefing.ui.screens.timeline import TimelineScreen
from briefing.ui.widgets.rows import RowList

RUNS = 5
drawn: list[float] = []
"""When a list of lines was drawn (the spy below appends)."""


def _spy() -> None:
    original = RowList.render_lines

    def render_lines(self: RowList, crop: Any) -> list[Strip]:
        strips = original(self, crop)
        drawn.append(time.perf_counter())
        return strips

    RowList.render_lines = render_lines  # type: ignore[method-assign]


def measure(paths: list[Path]) -> dict[str, Any]:
    _spy()
    app = make_app(paths, watch=False)
    found: dict[str, Any] = {}

    async def opening(pilot: Any, message: Any, screen: type) -> float:
        """Milliseconds from ``message`` to the first frame drawing ``screen``'s list."""
        drawn.clear()
        started = time.perf_counter()
        app.post_message(message)
        while not (isinstance(app.screen, screen) and drawn):
            await pilot.pause(0)
        elapsed = (drawn[0] - started) * 1000
        await pilot.press("escape")
        while isinstance(app.screen, screen):
            await pilot.pause(0)
        return elapsed

    async def run(pilot: Any) -> None:
        while app.main.still_loading or any(
            w.group == "library" and not w.is_finished for w in app.workers
        ):
            await pilot.pause(0.05)
        loaded = time.perf_counter()
        while app.catalogs.catalog is None:  # made and warmed by its worker
            await pilot.pause(0.01)
        found["catalog_worker_s"] = time.perf_counter() - loaded
        await pilot.pause(0.2)
        catalog = app.catalogs.catalog
        busiest = min(catalog.entities, key=lambda e: (abs(len(e.briefs) - 500), e.key))
        found["dossier_briefs"] = len(busiest.briefs)
        request = DossierRequested(busiest.key)
        core = []
        for _ in range(RUNS):  # the core's part, in this process: the reference
            started = time.perf_counter()
            dossier(catalog, busiest)
            core.append((time.perf_counter() - started) * 1000)
        found["dossier_core_ms"] = core
        found["dossier_ms"] = [await opening(pilot, request, DossierScreen) for _ in range(RUNS)]
        found["timeline_first_ms"] = await opening(pilot, TimelineRequested(), TimelineScreen)
        found["timeline_ms"] = [
            await opening(pilot, TimelineRequested(), TimelineScreen) for _ in range(RUNS)
        ]
        sahel = catalog.select("tag:sahel", words=False)
        found["timeline_filtered_ms"] = [
            await opening(pilot, TimelineRequested(sahel, "tag:sahel"), TimelineScreen)
            for _ in range(RUNS)
        ]
        found["timeline_entries"] = len(library_timeline(catalog))
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=run)
    return found


def main() -> int:
    print(json.dumps(measure([Path(p) for p in sys.argv[1:]])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
