"""A brief's id: its path below the library root, without the suffix; and what to do when two
files would share one (``a.yaml`` beside ``a.yml``, or the same name in two roots).

Neither is dropped. The first (in root order, then path order) keeps the id; each other gets
the id with its own suffix (``a.yml``), or with ``~2``, ``~3`` ... if that is taken too. Every
file of such a group carries a warning naming all of them. Ids are worked out from the whole
set of files at once, so a library updated file by file and a fresh scan give the same ids.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from briefing.brief.problems import Problem

Placed = tuple[int, str]
"""(the index of the root a file was found under, its id as if it were alone)."""


def base_id(relative: str) -> str:
    """The id of a file at ``relative`` (below its root): no suffix, ``/`` between folders."""
    return relative[: relative.rfind(".")].replace(os.sep, "/")


def assign_ids(files: Mapping[str, Placed]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Path -> id for every file, and the groups of paths that wanted one id (by that id)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for path, (root, ident) in files.items():
        groups.setdefault(ident, []).append((root, path))
    ids: dict[str, str] = {}
    shared: dict[str, list[str]] = {}
    for ident, members in groups.items():
        if len(members) == 1:
            ids[members[0][1]] = ident
        else:
            members.sort()
            shared[ident] = [path for _root, path in members]
    taken = set(groups)
    for ident in sorted(shared):
        first, *others = shared[ident]
        ids[first] = ident
        for path in others:
            wanted = ident + path[path.rfind(".") :]
            candidate, number = wanted, 2
            while candidate in taken:
                candidate, number = f"{wanted}~{number}", number + 1
            taken.add(candidate)
            ids[path] = candidate
    return ids, shared


def shared_id_problems(
    ids: Mapping[str, str], shared: Mapping[str, list[str]], shown: Callable[[Path], str]
) -> dict[str, Problem]:
    """The warning each file of a shared-id group carries, by path."""
    found: dict[str, Problem] = {}
    for ident, paths in shared.items():
        names = ", ".join(shown(Path(p)) for p in paths)
        for path in paths:
            mine = ids[path]
            where = "keeps it" if mine == ident else f"is shown as '{mine}'"
            found[path] = Problem(
                shown(Path(path)),
                1,
                1,
                "warning",
                f"{len(paths)} files would have the id '{ident}': {names}; this one {where}",
                "rename one of them, so that each brief has its own id",
                "shared-id",
            )
    return found
