"""Freed memory handed back to the system (``briefing.store.memory``)."""

from __future__ import annotations

import json

import pytest
from conftest import fresh_python

from briefing.store.memory import release

# Blocks above pymalloc's limit come from the C library's heap; freeing all but every 16th
# leaves holes glibc keeps resident until it is asked to trim.
HOLES = """
import json
from briefing.store.memory import release

def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

blocks = [bytearray(4000) for _ in range(20_000)]
kept = blocks[::16]
del blocks
before = rss_kib()
asked = release()
print(json.dumps({"asked": asked, "before": before, "after": rss_kib(), "kept": len(kept)}))
"""


def test_release_gives_back_the_holes_a_load_leaves() -> None:
    if not release():
        pytest.skip("no malloc_trim in this C library: release does nothing here")
    found = json.loads(fresh_python(HOLES))
    assert found["asked"] is True
    freed_kib = 20_000 * 4000 * 15 // 16 // 1024  # about 73 MiB freed between kept blocks
    assert found["before"] - found["after"] > freed_kib // 2, found


def test_release_can_be_called_from_any_thread_any_number_of_times() -> None:
    import threading

    answers: list[bool] = []
    threads = [threading.Thread(target=lambda: answers.append(release())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 4 and len(set(answers)) == 1
    assert release() == answers[0]
