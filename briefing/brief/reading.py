"""Every file the program reads, read the one bounded way: regular files only, never more
than a limit, never blocking.

A path a brief or a config names can be anything: ``/dev/zero`` (never ends), a FIFO (blocks
until someone writes), a 200 MB article, a file that grows while it is read. Each is refused
with a reason rather than read: the file is looked at before it is opened, opened without
blocking, looked at again through the open descriptor (it may have been swapped in between),
and read up to ``limit`` + 1 bytes, whatever its size claimed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple


class Unread(NamedTuple):
    """Why a file was not read."""

    reason: str
    """In a user's words, to follow "cannot read ...: ": "it is a FIFO", "Permission denied"."""
    missing: bool = False
    """The file does not exist (rather than exists and could not be read)."""
    too_large: int | None = None
    """The size (or a lower bound) when over the limit."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: Path | str, limit: int) -> bytes | Unread:
    """The file's bytes, or why they were not read. Never raises for an OS error."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Unread(f"it is {_kind(info.st_mode)}")
        if info.st_size > limit:
            return Unread(f"it is {info.st_size:,} bytes", too_large=info.st_size)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except (FileNotFoundError, NotADirectoryError) as error:  # a folder on the way is a file
        return Unread(error.strerror or "No such file or directory", missing=True)
    except OSError as error:
        return Unread(error.strerror or str(error))
    except ValueError as error:  # a NUL in the path
        return Unread(str(error))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped after it was looked at
            return Unread(f"it is {_kind(info.st_mode)}")
        chunks: list[bytes] = []
        size = 0
        # First its size as it is now and one byte more, to see the end: each read
        # allocates what it asks for, and most files are far below a megabyte. A file
        # that grew since is read on in pieces.
        want = min(info.st_size + 1, limit + 1)
        while size <= limit:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = min(limit + 1 - size, 1 << 20)
    except OSError as error:
        return Unread(error.strerror or str(error))
    finally:
        os.close(fd)
    if size > limit:
        return Unread(f"it is more than {limit:,} bytes", too_large=size)
    return b"".join(chunks)
