"""Which files under a library's folders are briefs: the one walk that discovery and watching share.

Discovery (what a fresh scan shows) and the watcher (what it keeps up to date) must agree on
every rule, or the reader slowly drifts from the disk; so both go through :func:`walk`.

- Hidden folders and files (``.git``, ``.vim.swp``) are skipped, as are editors' lock and
  autosave files (``#x.yaml#``, ``.#x.yaml``). The suffix is ``.yaml`` or ``.yml``, in any case.
- A symbolic link to a folder is followed when it leads outside every root of the library:
  a folder of briefs kept elsewhere. A link that leads back inside a root is not followed
  (those briefs are already found under their own path, and this is what makes a link to an
  ancestor harmless), nor one that leads to a folder already being walked through an earlier
  link (a loop outside the library), nor one more than :data:`MAX_LINKS` links deep.
- Each link not followed and each folder that cannot be listed is a :class:`Note`, so the
  library can say why it holds fewer briefs than the folders seem to: never a silent skip.

A walk can start at any folder of the library, given the links followed to reach it, and
then gives exactly the part of a whole walk below that folder: a subtree rescan and a fresh
scan of everything cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import NamedTuple

SUFFIXES = (".yaml", ".yml")
MAX_LINKS = 8
"""Folder links followed one inside another, at most: bounds what links can multiply."""

Chain = tuple[str, ...]
"""Real paths of the link targets followed to reach a folder (empty inside a root itself)."""


def is_brief_name(name: str) -> bool:
    """A YAML file that is neither hidden nor an editor's lock or autosave file."""
    if name.startswith((".", "#")):
        return False
    return name[name.rfind(".") :].lower() in SUFFIXES if "." in name else False


class Note(NamedTuple):
    """Something a walk could not or would not enter, at ``path``."""

    path: str
    code: str
    """``folder-unreadable``, ``folder-link-inside``, ``folder-link-loop``, ``folder-link-deep``."""
    message: str


class Walk:
    """What one walk found: brief files, the folders entered (each with its link chain), notes."""

    __slots__ = ("files", "folders", "notes")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.folders: dict[str, Chain] = {}
        self.notes: list[Note] = []


def real_roots(roots: Sequence[str]) -> tuple[str, ...]:
    """The roots' real paths: a link leading inside any of them is not followed."""
    return tuple(_real(root) or os.path.abspath(root) for root in roots)


def _real(path: str, *, strict: bool = False) -> str | None:
    """The real path of ``path``, or None when it cannot be made: a link on the way was
    removed as it was read (between its ``lstat`` and its ``readlink``), or, ``strict``, any
    part of it is missing. Only ``strict`` says so on every Python: 3.11's ``realpath``
    raises for the removed link, 3.13's gives the link's own path."""
    try:
        return os.path.realpath(path, strict=strict)
    except OSError:
        return None


def _inside(real: str, real_roots: tuple[str, ...]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in real_roots)


def link_refusal(
    link: str, real: str, here: str, chain: Chain, real_roots: tuple[str, ...]
) -> Note | None:
    """Why the folder link ``link`` (reached through ``chain``; leading to ``real``, in the
    folder whose real path is ``here``) is not followed, or None."""
    if _inside(real, real_roots):
        return Note(
            link,
            "folder-link-inside",
            f"folder link not followed: it leads inside the library ({real})",
        )
    if any(_inside(seen, (real,)) for seen in (here, *chain)):
        return Note(link, "folder-link-loop", f"folder link not followed: it loops back to {real}")
    if len(chain) >= MAX_LINKS:
        return Note(
            link,
            "folder-link-deep",
            f"folder link not followed: more than {MAX_LINKS} folder links deep",
        )
    return None


def child_chain(path: str, chain: Chain, real_roots: tuple[str, ...]) -> Chain | Note | None:
    """The chain of the folder ``path`` entered from its parent (whose chain is ``chain``),
    the note saying why it is not entered, or None when it is gone (a link removed while it
    was read): nothing to enter and nothing to say, and the removal is an event of its own.
    ``path`` must be a folder, or a link to one."""
    if not os.path.islink(path):
        return chain
    real, here = _real(path, strict=True), _real(os.path.dirname(path))
    if real is None or here is None:
        return None
    refused = link_refusal(path, real, here, chain, real_roots)
    return refused if refused is not None else (*chain, real)


def walk(
    top: str,
    chain: Chain,
    real_roots: tuple[str, ...],
    enter: Callable[[str], None] | None = None,
) -> Walk:
    """Every brief file and folder at and below the folder ``top``.

    ``chain`` is how ``top`` was reached (see :func:`child_chain`). ``enter`` is called
    with each folder just before it is listed: the watcher puts its watch there first, so a
    file created during the walk is either listed or seen by the watch.
    """
    found = Walk()
    stack: list[tuple[str, Chain]] = [(top, chain)]
    while stack:
        folder, links = stack.pop()
        found.folders[folder] = links
        if enter is not None:
            enter(folder)
        try:
            with os.scandir(folder) as listing:
                items = sorted(listing, key=lambda item: item.name)
        except OSError as error:
            reason = error.strerror or str(error)
            found.notes.append(
                Note(folder, "folder-unreadable", f"cannot read the folder: {reason}")
            )
            continue
        below: list[tuple[str, Chain]] = []
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            try:
                is_folder = item.is_dir()  # follows links
            except OSError:
                is_folder = False
            if is_folder:
                step = child_chain(item.path, links, real_roots) if item.is_symlink() else links
                if isinstance(step, Note):
                    found.notes.append(step)
                elif step is not None:
                    below.append((item.path, step))
            elif is_brief_name(name):
                found.files.append(item.path)
        stack.extend(reversed(below))
    return found
