"""Which brief files a library's roots hold, with their ids: kept by whole walks and by parts.

A fresh scan walks every root (:meth:`Catalog.scan`). Between scans the watcher reports a
file that changed or a folder to look at again; :meth:`Catalog.file_changed` and
:meth:`Catalog.rescan_under` bring the list up to date from those alone, by the walk's own
rules (``briefing.store.walk``), so that the list always equals what a fresh scan would find.
A new file in a folder the walk has not entered, or a folder below one it has not, is
settled by walking from the nearest folder it has: never guessed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from briefing.brief.problems import Problem
from briefing.store.ids import Placed, assign_ids, base_id, shared_id_problems
from briefing.store.walk import Chain, Note, child_chain, is_brief_name, real_roots, walk

Files = dict[str, Placed]
"""Every brief file: path -> (the root it belongs to, its id if alone)."""
Groups = dict[str, list[tuple[str, str]]]
"""The files that wanted one id, by that id: (path, the id each was given)."""


def under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Catalog:
    def __init__(self, roots: Sequence[str], shown: Callable[[Path], str]) -> None:
        self.roots = list(roots)
        self._real = real_roots(self.roots)
        self._shown = shown
        self._files: Files = {}
        self._ids: dict[str, str] = {}
        self._adopted: Sequence[tuple[str, str]] | None = None
        """A listing taken with its shared ids (:meth:`adopt`), not yet made the list."""
        self.groups: Groups = {}
        self.shared: dict[str, Problem] = {}
        """The warning of each file whose id another file wanted too, by path."""
        self.folders: dict[str, Chain] = {}
        """Every folder the walk entered, with the folder links followed to reach it."""
        self.notes: list[Note] = []

    @property
    def files(self) -> Files:
        self._settle()
        return self._files

    @property
    def ids(self) -> dict[str, str]:
        """Path -> id."""
        self._settle()
        return self._ids

    # -- whole scans -----------------------------------------------------------------------

    def scan(self) -> None:
        files: Files = {}
        self.folders, self.notes = {}, []
        for number, root in enumerate(self.roots):
            if os.path.isdir(root):
                found = walk(root, (), self._real)
                prefix = len(os.path.join(root, ""))  # "/" as a root too
                for text in found.files:
                    if text not in files:
                        files[text] = (number, base_id(text[prefix:]))
                self.folders.update(found.folders)
                self.notes.extend(found.notes)
            elif os.path.lexists(root) and root not in files:
                files[root] = (number, base_id(os.path.basename(root)))
        self.commit(files)

    def adopt(self, found: Sequence[tuple[str, str]], groups: Groups | None = None) -> None:
        """Take the listing of a scan made elsewhere (the prefetch helper) as the list.

        Given that scan's ``groups`` too, only the shared-id warnings are made now: the
        reader's first screen needs those, and placing every file of a large library is
        left until the list is first read, after that screen is drawn.
        """
        if groups is None:
            self._adopted = None
            self._place_all(found)
            return
        self._adopted = found
        self.groups = groups
        self.shared = _warnings(groups, self._shown)

    def _settle(self) -> None:
        found, self._adopted = self._adopted, None
        if found is not None:
            self._place_all(found)

    def _place_all(self, found: Sequence[tuple[str, str]]) -> None:
        self.commit({path: place for _ident, path in found if (place := self.place(path))})

    def commit(self, files: Files) -> None:
        """Make ``files`` the list, with ids worked out afresh if its paths changed."""
        self._adopted = None  # replaced before it was ever placed: never placed
        changed = files.keys() != self._files.keys()
        self._files = files
        if changed or not self._ids:
            self._ids, shared = assign_ids(files)
            self.groups = {
                ident: [(path, self._ids[path]) for path in paths]
                for ident, paths in shared.items()
            }
            self.shared = _warnings(self.groups, self._shown)

    def place(self, key: str) -> Placed | None:
        """Where a file a fresh scan would find belongs, or None if it would not find it.

        Worked out from the roots, so that a burst of new files does not cost a walk of
        every folder each; whether the walk enters the file's folder is the caller's question.
        """
        for number, root in enumerate(self.roots):
            if key == root:
                return number, base_id(os.path.basename(root))
            prefix = os.path.join(root, "")
            if key.startswith(prefix):
                relative = key[len(prefix) :]
                parts = relative.split(os.sep)
                if any(part.startswith(".") for part in parts) or not is_brief_name(parts[-1]):
                    return None
                return number, base_id(relative)
        return None

    # -- parts -----------------------------------------------------------------------------

    def file_changed(self, key: str, files: Files, load: set[str]) -> None:
        """One file changed, appeared or went: update ``files``; add to ``load`` what to read."""
        if key in files:
            if os.path.lexists(key):
                load.add(key)
            else:
                del files[key]
            return
        place = self.place(key)
        if place is None or not os.path.lexists(key) or os.path.isdir(key):
            return
        folder = os.path.dirname(key)
        if key in self.roots or folder in self.folders:
            files[key] = place
            load.add(key)
        else:  # a folder the walk has not entered (yet): let the walk decide
            self.rescan_under(folder, files, load, set())

    def rescan_under(self, top: str, files: Files, load: set[str], check: set[str]) -> None:
        """Make the files, folders and notes at and below ``top`` what a walk finds now.

        New files go to ``load``; files already listed to ``check`` (the caller reads those
        whose size or time changed).
        """
        number = next((n for n, root in enumerate(self.roots) if under(top, root)), None)
        if number is None:
            return
        root = self.roots[number]
        if top != root and top not in self.folders and not os.path.isdir(top):
            # Not a folder the walk entered: a file, or a folder link noted and now gone.
            self.notes = [note for note in self.notes if note.path != top]
            if is_brief_name(os.path.basename(top)):
                self.file_changed(top, files, load)
            return
        if top == root and not os.path.isdir(root):
            self._forget(top, number, files)
            if os.path.lexists(root):
                files[root] = (number, base_id(os.path.basename(root)))
                load.add(root)
            return
        chain: Chain | Note | None = ()
        if top != root:
            parent = os.path.dirname(top)
            if parent not in self.folders:
                self.rescan_under(parent, files, load, check)  # the walk decides from above
                return
            hidden = os.path.basename(top).startswith(".")
            if hidden or not os.path.isdir(top):
                chain = None  # nothing to walk, and nothing to say
            else:
                chain = child_chain(top, self.folders[parent], self._real)
        self._forget(top, number, files)
        if chain is None or isinstance(chain, Note):
            if chain is not None:
                self.notes.append(chain)
            return
        found = walk(top, chain, self._real)
        self.folders.update(found.folders)
        self.notes.extend(found.notes)
        for path in found.files:
            place = self.place(path)
            if place is None or place[0] != number:
                continue  # an earlier root holds it
            (check if path in self.files else load).add(path)
            files[path] = place

    def _forget(self, top: str, number: int, files: Files) -> None:
        """Drop the folders, notes and (root ``number``'s) files at and below ``top``."""
        for folder in [f for f in self.folders if under(f, top)]:
            del self.folders[folder]
        self.notes = [note for note in self.notes if not under(note.path, top)]
        for path in [p for p, (n, _ident) in files.items() if n == number and under(p, top)]:
            del files[path]

    # -- what it says ----------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """What could not be looked at: unreadable folders, folder links not followed."""
        return [
            Problem(
                self._shown(Path(note.path)),
                1,
                1,
                "error" if note.code == "folder-unreadable" else "warning",
                note.message,
                "briefs below it are not shown" if note.code == "folder-unreadable" else None,
                note.code,
            )
            for note in sorted(self.notes)
        ]


def _warnings(
    groups: Mapping[str, list[tuple[str, str]]], shown: Callable[[Path], str]
) -> dict[str, Problem]:
    ids = {path: ident for members in groups.values() for path, ident in members}
    paths = {ident: [path for path, _given in members] for ident, members in groups.items()}
    return shared_id_problems(ids, paths, shown)
