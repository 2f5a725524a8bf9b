"""``briefing list``, ``actors``, ``actor`` and ``timeline``: the library as one body.

Parsed values in, exit status out (argument parsing lives in ``briefing.cli``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.commands.show import list_main as _list_all


def list_main(paths: list[Path], query: list[str], fmt: str, sort: str) -> int:
    if query:
        print("briefing list: error: queries are not supported yet", file=sys.stderr)
        return 2
    return _list_all(paths, fmt, "id" if sort == "changed" else sort)
