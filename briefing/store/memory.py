"""Handing memory the program has freed back to the system, where the C library keeps it.

glibc's ``malloc`` gives freed memory back only from the top of a heap: a block freed
below a block still in use stays resident. A load leaves many such holes (the file read,
the YAML events, the index rows encoded, the answers from the parsing helpers: all freed,
between the briefs that stay), and every thread that allocates has heaps of its own.
``malloc_trim`` returns the whole free pages of every heap. Calling it after each stretch
of a load keeps the peak near what the briefs hold, not what parsing them once needed.

Elsewhere (another C library, or none to be found) :func:`release` does nothing.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False
_lock = threading.Lock()


def _find() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None. ctypes is imported here, on first use: never on
    the way to the reader's first frame."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl has no malloc_trim
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    found: Callable[[int], int] = trim
    return found


def release() -> bool:
    """Give freed memory back to the system; True if the C library could be asked."""
    global _trim, _looked
    with _lock:
        if not _looked:
            _trim, _looked = _find(), True
        trim = _trim
    if trim is None:
        return False
    trim(0)
    return True
