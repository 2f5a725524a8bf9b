"""Linux's inotify, through ctypes: the watcher's event source where it exists.

Used directly rather than through watchfiles because the watcher must know what watchfiles
keeps to itself: that the kernel's event queue overflowed (``IN_Q_OVERFLOW``: events were
lost, so the whole library is rescanned), that a watched folder itself was deleted or moved
away (the library folder recreated or renamed), and exactly when each folder's watch is in
place (a folder created or moved in is listed after its watch exists, so nothing falls
between the two).
"""

from __future__ import annotations

import ctypes
import errno
import os
import struct
import sys
from typing import Any, NamedTuple

IN_MODIFY = 0x00000002
IN_ATTRIB = 0x00000004
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_DELETE_SELF = 0x00000400
IN_MOVE_SELF = 0x00000800
IN_UNMOUNT = 0x00002000
IN_Q_OVERFLOW = 0x00004000
IN_IGNORED = 0x00008000
IN_ONLYDIR = 0x01000000
IN_ISDIR = 0x40000000

IN_CLOEXEC = 0o2000000
IN_NONBLOCK = 0o4000

FOLDER_MASK = (
    IN_MODIFY
    | IN_ATTRIB
    | IN_CLOSE_WRITE
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
    | IN_ONLYDIR
)
"""Everything that can change what a folder holds or what a file in it says (``IN_ATTRIB``:
a file made readable again is read again)."""

_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len
_BUFFER = 1 << 20


class Event(NamedTuple):
    wd: int
    mask: int
    name: str
    """The file's name inside the watched folder; "" for an event about the folder itself."""


_libc: Any = None


def _library() -> Any:
    global _libc
    if _libc is None:
        # The process's own symbols hold the C library's: no search for it (find_library
        # runs ldconfig), and the functions are those Python itself was linked with.
        libc = ctypes.CDLL(None, use_errno=True)
        libc.inotify_init1.argtypes = [ctypes.c_int]
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        libc.inotify_rm_watch.argtypes = [ctypes.c_int, ctypes.c_int]
        _libc = libc
    return _libc


def available() -> bool:
    """Whether this system has inotify (Linux with a C library that exposes it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return hasattr(_library(), "inotify_init1")
    except OSError:
        return False


def parse(data: bytes) -> list[Event]:
    """The events in one ``read`` of an inotify descriptor."""
    events = []
    offset, end = 0, len(data)
    while offset + _HEADER.size <= end:
        wd, mask, _cookie, length = _HEADER.unpack_from(data, offset)
        offset += _HEADER.size
        raw = data[offset : offset + length].split(b"\0", 1)[0]
        offset += length
        events.append(Event(wd, mask, os.fsdecode(raw)))
    return events


class Inotify:
    """One inotify instance: watches added and removed by path, events read in bulk."""

    def __init__(self) -> None:
        self._libc = _library()
        fd = self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            number = ctypes.get_errno()
            raise OSError(number, f"inotify: {os.strerror(number)}")
        self.fd: int = fd

    def fileno(self) -> int:
        return self.fd

    def add(self, path: str, mask: int = FOLDER_MASK) -> int | None:
        """Watch a folder (following a link to one); None if it is gone or not readable.

        Raises OSError when the system refuses more watches (``ENOSPC``: the per-user
        limit), which the caller must not mistake for a folder that went away.
        """
        wd = int(self._libc.inotify_add_watch(self.fd, os.fsencode(path), mask))
        if wd >= 0:
            return wd
        number = ctypes.get_errno()
        if number in (errno.ENOENT, errno.ENOTDIR, errno.EACCES, errno.ELOOP, errno.ENAMETOOLONG):
            return None
        raise OSError(number, f"cannot watch {path}: {os.strerror(number)}")

    def remove(self, wd: int) -> None:
        self._libc.inotify_rm_watch(self.fd, wd)  # an already gone watch is fine

    def read(self) -> list[Event]:
        """Every event queued now (none if nothing is)."""
        chunks = []
        while True:
            try:
                chunk = os.read(self.fd, _BUFFER)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if len(chunk) < _BUFFER // 2:
                break
        return [event for chunk in chunks for event in parse(chunk)]

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
