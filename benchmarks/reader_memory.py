"""Peak memory of the reader itself, once the whole library is loaded and indexed.

    python -m benchmarks.reader_memory PATH...

Runs the real app headless at 120x40 in this fresh process (nothing else imported, so the
figure is the reader's: Textual, the UI, the briefs, the search index and the catalog), waits
until the loading worker has finished and every batch is indexed (``loaded_hwm_kib``), then
until the catalog is built, then prints VmHWM and VmRSS as one JSON object. The cache dir
is whatever XDG_CACHE_HOME says, as for the reader.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from briefing.ui.app import make_app

CATALOG_WAIT_S = 300.0


def status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def measure(paths: list[Path]) -> dict[str, Any]:
    app = make_app(paths, watch=False)
    found: dict[str, Any] = {}

    async def until_loaded(pilot: Any) -> None:
        while app.main.still_loading or any(
            w.group == "library" and not w.is_finished for w in app.workers
        ):
            await pilot.pause(0.05)
        await pilot.pause(0.2)  # the last batch's messages and a redraw
        found.update(loaded_hwm_kib=status_kib("VmHWM"))
        # The catalog (filters, entities, the library timeline) is built in a worker once
        # the load ends: the reader is loaded when it is ready too.
        deadline = time.monotonic() + CATALOG_WAIT_S
        while app.catalogs.catalog is None or any(
            w.group == "catalog" and not w.is_finished for w in app.workers
        ):
            if time.monotonic() > deadline:
                raise SystemExit("reader_memory: the catalog was not ready in time")
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        found.update(
            hwm_kib=status_kib("VmHWM"),
            rss_kib=status_kib("VmRSS"),
            briefs=len(app.main.entries),
            indexed=len(app.keeper.index) if app.keeper.index is not None else 0,
        )
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=until_loaded)
    return found


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p).absolute() for p in (sys.argv[1:] if argv is None else argv)]
    json.dump(measure(paths), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
