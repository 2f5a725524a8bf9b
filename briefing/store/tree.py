"""A library's folders watched through inotify: every folder of every root, placed by the same
walk the library's discovery uses, and kept in step as folders come and go.

What inotify tells and watchfiles does not is what makes this exact: the kernel's queue
overflowed (everything is watched afresh and every root rescanned), a watched folder itself
was deleted or moved away (the library folder recreated or renamed: looked for until it is
back), and when each watch is in place (a new folder is listed only after its watch exists,
so nothing written in between is missed).
"""

from __future__ import annotations

import os
import select
from collections.abc import Sequence
from pathlib import Path

from briefing.store import inotify
from briefing.store.changes import Change, ChangeKind, norm
from briefing.store.walk import Chain, Note, child_chain, is_brief_name, real_roots, walk

ROOT_POLL = 0.25
"""How often a root that does not exist (deleted, renamed away, not made yet) is looked for."""


def _file_kind(mask: int) -> ChangeKind:
    if mask & (inotify.IN_CREATE | inotify.IN_MOVED_TO):
        return "added"
    if mask & (inotify.IN_DELETE | inotify.IN_MOVED_FROM):
        return "deleted"
    return "modified"


_GONE = inotify.IN_DELETE_SELF | inotify.IN_MOVE_SELF | inotify.IN_IGNORED | inotify.IN_UNMOUNT
_MAY_BE_FOLDER = inotify.IN_CREATE | inotify.IN_MOVED_TO | inotify.IN_ATTRIB


class InotifySource:
    """Watches every folder of every root, by the same walk the library's discovery uses."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = list(dict.fromkeys(norm(root) for root in roots))
        self._real = real_roots(self.roots)
        self._events = inotify.Inotify()
        # poll, not select: select cannot take a descriptor numbered 1024 or more, which a
        # process with many files open (or a test run that leaked some) hands out.
        self._ready = select.poll()
        self._ready.register(self._events.fileno(), select.POLLIN)
        self._paths: dict[int, set[str]] = {}
        """Watch -> the folders it stands for (one folder reached through two links: two)."""
        self._watch: dict[str, int] = {}
        self._tree: dict[str, Chain] = {}
        """Folders watched as part of a root's tree, with the links followed to reach them."""
        self._files: dict[str, set[str]] = {}
        """Folder -> names of files named directly as roots inside it."""
        self._noted: set[str] = set()
        """Folder links the walk did not follow: their going is a change too."""
        self._missing: set[str] = set()
        """Roots looked for until they exist and their watch is in place."""
        self._went: set[str] = set()
        """Roots that went missing while an event was handled: each is reported once."""
        self.degraded = False
        """The system refused a watch (too many folders): only the backstop sees some changes."""

    # -- watches -------------------------------------------------------------------------

    def _add(self, folder: str) -> None:
        try:
            wd = self._events.add(folder)
        except OSError:
            self.degraded = True
            return
        if wd is None:
            return
        if self._watch.get(folder, wd) != wd:
            # The path leads to another folder than when it was first watched (a root
            # replaced while its watch was being placed): the old watch is not this path's.
            self._forget(folder)
        self._paths.setdefault(wd, set()).add(folder)
        self._watch[folder] = wd

    def _forget(self, folder: str) -> None:
        wd = self._watch.pop(folder, None)
        if wd is None:
            return
        paths = self._paths.get(wd, set())
        paths.discard(folder)
        if not paths:
            self._paths.pop(wd, None)
            self._events.remove(wd)

    def _drop(self, top: str) -> None:
        """Stop watching ``top`` and every tree folder below it.

        A file named directly inside one of them is looked for again (and rescanned once
        found): the folder may have gone with the tree, or moved away with its watch.
        """
        prefix = top.rstrip(os.sep) + os.sep
        for folder in [f for f in self._tree if f == top or f.startswith(prefix)]:
            del self._tree[folder]
            for name in sorted(self._files.get(folder, ())):
                self._detach(os.path.join(folder, name))
            self._forget(folder)
        self._noted = {n for n in self._noted if n != top and not n.startswith(prefix)}

    def _enter(self, top: str, chain: Chain) -> None:
        """Watch ``top`` and the folders below it (each watch placed before it is listed)."""
        found = walk(top, chain, self._real, enter=self._add)
        self._tree.update(found.folders)
        self._noted.update(note.path for note in found.notes)

    def _attach(self, root: str) -> bool:
        """Watch a root that exists now; False if it does not, or if it went again before
        its watch was in place (deleted or renamed away just after it was seen).

        The root's own watch comes first, and it alone decides: nothing above a root is
        watched, so a root whose watch failed would never be heard of again, and whatever
        came to its path later would never be seen. Left missing, it is looked for again.
        """
        if os.path.isdir(root):
            self._add(root)
            if root not in self._watch:
                return False
            self._enter(root, ())
            return True
        parent = os.path.dirname(root)
        if not os.path.lexists(root) or not os.path.isdir(parent):
            return False
        if parent not in self._watch:
            self._add(parent)
            if parent not in self._watch:
                return False
        self._files.setdefault(parent, set()).add(os.path.basename(root))
        return True

    def _detach(self, root: str) -> None:
        self._drop(root)
        parent, name = os.path.split(root)
        names = self._files.get(parent)
        if names is not None and name in names:
            names.discard(name)
            if not names:
                del self._files[parent]
                if parent not in self._tree:
                    self._forget(parent)
        self._missing.add(root)
        self._went.add(root)

    # -- the source ----------------------------------------------------------------------

    def start(self) -> list[Change]:
        for root in self.roots:
            if not self._attach(root):
                self._missing.add(root)
        return []

    def wait(self, timeout: float) -> list[Change]:
        if self._missing:
            timeout = min(timeout, ROOT_POLL)
        ready = self._ready.poll(max(0, round(timeout * 1000)))
        changes: list[Change] = []
        if ready:
            for event in self._events.read():
                changes.extend(self._handle(event))
        for root in sorted(self._missing):
            if os.path.lexists(root) and self._attach(root):
                self._missing.discard(root)
                changes.append(("rescan", Path(root)))
        return changes

    def close(self) -> None:
        self._events.close()

    # -- events --------------------------------------------------------------------------

    def _handle(self, event: inotify.Event) -> list[Change]:
        if event.mask & inotify.IN_Q_OVERFLOW:
            return self._resync()
        changes: list[Change] = []
        if not event.name:
            if event.mask & _GONE:
                changes = self._gone(event.wd)
        else:
            for folder in sorted(self._paths.get(event.wd, ())):
                path = os.path.join(folder, event.name)
                if event.name in self._files.get(folder, ()):
                    changes.append((_file_kind(event.mask), Path(path)))
                if folder in self._tree:
                    changes.extend(self._in_tree(folder, event, path))
        if self._went:
            # A root that went with a folder (its own, or the folder of a file named
            # directly) is made to match the disk: emptied now, filled again once back.
            changes.extend(("rescan", Path(root)) for root in sorted(self._went))
            self._went.clear()
        return changes

    def _in_tree(self, folder: str, event: inotify.Event, path: str) -> list[Change]:
        name, mask = event.name, event.mask
        if name.startswith("."):
            return []
        brief = is_brief_name(name)
        folder_event = bool(mask & inotify.IN_ISDIR) or path in self._tree or path in self._noted
        if not folder_event and not brief and mask & _MAY_BE_FOLDER:
            folder_event = os.path.isdir(path)  # a link to a folder, made or retargeted
        if folder_event:
            self._drop(path)
            if os.path.isdir(path):
                chain = child_chain(path, self._tree[folder], self._real)
                if isinstance(chain, Note):
                    self._noted.add(path)
                elif chain is not None:  # None: a link removed as it was read
                    self._enter(path, chain)
            return [("rescan", Path(path))]
        if brief:
            return [(_file_kind(mask), Path(path))]
        return []

    def _gone(self, wd: int) -> list[Change]:
        """A watched folder itself was deleted or moved away.

        Its watch stands for none of its paths any more, whatever else they are watched
        for: a folder moved away keeps its watch, which would go on reporting what happens
        in the old folder as if it were in the library.
        """
        folders = self._paths.pop(wd, set())
        if folders:
            self._events.remove(wd)
        for folder in folders:
            if self._watch.get(folder) == wd:
                del self._watch[folder]
        changes: list[Change] = []
        for folder in sorted(folders):
            if folder in self.roots:
                self._detach(folder)
            elif folder in self._tree:
                self._drop(folder)
                changes.append(("rescan", Path(folder)))
            for name in sorted(self._files.get(folder, ())):
                self._detach(os.path.join(folder, name))  # a file named directly, in it
        return changes

    def _resync(self) -> list[Change]:
        """Events were lost: watch everything afresh and rescan every root."""
        for wd in list(self._paths):
            self._events.remove(wd)
        self._paths.clear()
        self._watch.clear()
        self._tree.clear()
        self._files.clear()
        self._missing.clear()
        self.start()
        return [("rescan", Path(root)) for root in self.roots]
