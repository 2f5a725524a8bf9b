"""``briefing show``: resolve, load, render, write.

Argument parsing lives in ``briefing.cli``; these functions take parsed values
and return the exit status, so tests call them directly.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import say
from briefing.brief.loader import LoadResult, load_file
from briefing.brief.problems import sorted_problems
from briefing.export import FORMATS, renderer
from briefing.export.common import one_line
from briefing.files import write_atomic
from briefing.store.library import Library, default_library_paths, display_path


def close_matches(target: str, ids: Sequence[str], limit: int = 5) -> list[str]:
    """Ids a mistyped BRIEF probably meant: containing it, or spelled like it.

    The last part of a nested id (``2024/niger``) is compared too, since that is
    the part people remember.
    """
    wanted = target.casefold()
    found = [i for i in ids if wanted and wanted in i.casefold()]
    by_name: dict[str, list[str]] = {}
    for ident in ids:
        by_name.setdefault(ident.rsplit("/", 1)[-1].casefold(), []).append(ident)
    for name in difflib.get_close_matches(wanted, list(by_name), n=limit, cutoff=0.6):
        found.extend(by_name[name])
    lowered = {i.casefold(): i for i in ids}
    found.extend(lowered[m] for m in difflib.get_close_matches(wanted, list(lowered), limit, 0.6))
    # Ids are slugs: "nigr" should find "niger-russia-trainers" through one of its words.
    by_word: dict[str, list[str]] = {}
    for ident in ids:
        for word in re.split(r"[-_/.\s]+", ident.casefold()):
            by_word.setdefault(word, []).append(ident)
    for word in difflib.get_close_matches(wanted, list(by_word), n=limit, cutoff=0.75):
        found.extend(by_word[word])
    return list(dict.fromkeys(found))[:limit]


def _resolve(target: str, library_paths: Sequence[Path]) -> LoadResult | None:
    """Load BRIEF as a file path if one exists there, else as an id in the library.

    Only the matching file is loaded, not the whole library. ``None`` (after
    explaining why on stderr) when BRIEF names nothing.
    """
    shown = one_line(target)
    path = Path(target)
    if path.is_file():
        return load_file(path, display=display_path(path))
    if path.is_dir():
        say.error(f"{shown} is a folder; give a brief file or id")
        return None
    library = Library(library_paths, packed=False)
    found = dict(library.discover())
    ident = target.strip("/")
    if ident not in found:  # an id given with its suffix; a twin's own id keeps it (a.yml)
        ident = ident.removesuffix(".yaml").removesuffix(".yml")
    if ident in found:
        file = found[ident]
        return load_file(file, brief_id=ident, display=library.display(file))
    where = ", ".join(display_path(p) for p in library_paths)
    matches = close_matches(ident, list(found))
    if matches:
        advice = "did you mean: " + ", ".join(one_line(m) for m in matches) + "?"
    else:
        advice = "run 'briefing list' to see the ids"
    say.error(f"no brief {shown!r}: not a file, nor an id in {one_line(where)}; {advice}")
    return None


def _write(text: str, output: Path | None) -> int:
    """Print, or write ``output``: what the path names, never replaced by something else.

    A regular file (or a link to one) is replaced atomically, so a failed export leaves no
    half file; a link stays a link. A FIFO or a character device (``/dev/stdout``, a
    terminal) is written through, as a shell's ``>`` would. Anything else (a folder, a
    block device, a socket) is refused.
    """
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    target = Path(os.path.realpath(output))
    try:
        try:
            mode = os.stat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            _write_through(text, target)
        elif mode is not None and not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            say.error(f"cannot write {one_line(str(output))}: it is {kind}")
            return 1
        else:
            _replace(text, target, None if mode is None else stat.S_IMODE(mode))
    except OSError as error:
        reason = error.strerror or str(error)
        say.error(f"cannot write {one_line(str(output))}: {reason}")
        return 1
    return 0


def _write_through(text: str, target: Path) -> None:
    """Write into a FIFO or a device; a FIFO no one reads is an error, not a hang."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(error.errno, "it is a FIFO that no program is reading") from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def _replace(text: str, target: Path, mode: int | None) -> None:
    write_atomic(target, text.encode("utf-8"), 0o644 if mode is None else mode)


def show_main(target: str, fmt: str | None, output: Path | None, library_paths: list[Path]) -> int:
    """Exit 0 when printed or written; 1 for an unknown brief, one that does not
    load, or a file that cannot be written. Problems go to stderr, never stdout,
    so a pipe receives the brief and nothing else."""
    fmt = fmt or "text"
    if fmt not in FORMATS:
        say.error(f"unknown format {one_line(fmt)!r}; use {', '.join(FORMATS)}")
        return 1
    result = _resolve(target, library_paths or default_library_paths())
    if result is None:
        return 1
    problems = sorted_problems(result.problems)
    for problem in problems:
        say.say(one_line(problem.format()))
    if result.brief is None:
        say.error(f"{one_line(target)!r} does not load; nothing written")
        return 1
    return _write(renderer(fmt)(result.brief), output)
