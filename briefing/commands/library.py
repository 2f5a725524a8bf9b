"""``briefing list``, ``actors``, ``actor`` and ``timeline``: the library as one body.

Parsed values in, exit status out (argument parsing lives in ``briefing.cli``). Each
answers from the index (``briefing.catalog.build.open_catalog``): on an unchanged library
nothing is parsed. A query with a mistake (an unknown filter, a bad date) is a usage
error: one line per mistake on stderr, status 2.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from briefing import say
from briefing.catalog.build import IndexedCatalog, open_catalog
from briefing.catalog.dossier import dossier
from briefing.catalog.selection import SORT_KEYS, Selection, SortKey
from briefing.catalog.timeline import library_timeline
from briefing.export.common import one_line
from briefing.export.table import (
    ActorRow,
    actors_json,
    format_actors,
    format_json,
    format_table,
    list_row,
)
from briefing.search.matching import Query, fold, tokens
from briefing.search.query import ParsedQuery, parse
from briefing.store.seen import SeenState

_FIELD_VALUE = re.compile(r"(-?[A-Za-z]+:)(.*)", re.DOTALL)


def query_text(argv: Sequence[str]) -> str:
    """The query the arguments spell, quoting what the shell unquoted: the argument
    ``outlet:Associated Press`` (typed ``outlet:"Associated Press"``) is one filter."""
    parts = []
    for arg in argv:
        if not any(c.isspace() for c in arg) or '"' in arg:
            parts.append(arg)
            continue
        field = _FIELD_VALUE.fullmatch(arg)
        if field is not None:
            parts.append(f'{field.group(1)}"{field.group(2)}"')
        elif arg.startswith("-"):
            parts.append(f'-"{arg[1:]}"')
        else:
            parts.append(f'"{arg}"')
    return " ".join(parts)


def _parse(argv: Sequence[str]) -> ParsedQuery | None:
    text = query_text(argv)
    parsed = parse(text)
    for error in parsed.errors:
        say.error(f"{one_line(error.message)}: {one_line(text[error.start : error.end])}")
    return None if parsed.errors else parsed


def _progress() -> Callable[[int, int], None] | None:
    """A progress line on a terminal while files the index lacks are parsed."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 200 and (done % 100 == 0 or done == total):
            end = "\n" if done == total else ""
            print(f"\rbriefing: reading briefs {done:,}/{total:,}", end=end, file=sys.stderr)

    return show


def _open(paths: list[Path]) -> IndexedCatalog:
    return open_catalog(paths, seen=SeenState(), progress=_progress())


def _notice(catalog: IndexedCatalog) -> None:
    seen = catalog.seen
    if isinstance(seen, SeenState) and seen.notice:
        say.warning(one_line(seen.notice))


def _write(text: str) -> int:
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def list_main(paths: list[Path], query: Sequence[str], fmt: str, sort: str) -> int:
    """Exit 0 even when some briefs have problems: the listing counts them, and
    ``briefing check`` is the command whose status reports them."""
    parsed = _parse(query)
    if parsed is None:
        return 2
    if sort not in SORT_KEYS:
        say.error(f"unknown sort {one_line(sort)!r}; use {', '.join(SORT_KEYS)}")
        return 2
    order: SortKey = sort  # narrowed by the check above
    catalog = _open(paths)
    selection = catalog.select(parsed)
    seen = catalog.seen
    rows = []
    for ident in catalog.order(order, selection):
        facts = catalog.get(ident)
        assert facts is not None
        rows.append(list_row(facts, new=seen is None or seen.is_new(facts)))
    _notice(catalog)
    if fmt == "json":
        return _write(format_json(rows))
    if not rows:
        where = ", ".join(str(p) for p in paths)
        what = "match the query" if parsed else f"(.yaml, .yml) found in {where}"
        say.warning(f"no briefs {what}")
        return 0
    return _write(format_table(rows))


def _names_match(words: list[str], have: frozenset[str]) -> bool:
    return all(any(w.startswith(p) for w in have) for p in words)


def actors_main(paths: list[Path], query: Sequence[str], fmt: str) -> int:
    """Words (and ``-words``) match names; filters choose the briefs counted."""
    parsed = _parse(query)
    if parsed is None:
        return 2
    wanted = tokens(fold(" ".join(parsed.words.words + parsed.words.phrases)))
    unwanted = [tokens(fold(" ".join(q.words + q.phrases))) for q in parsed.excluded]
    filters = replace(parsed, words=Query(), excluded=())
    catalog = _open(paths)
    selection = catalog.select(filters)
    rows = []
    entities = catalog.entities
    for entity in entities:
        if wanted and not _names_match(wanted, entities.words(entity)):
            continue
        if any(words and _names_match(words, entities.words(entity)) for words in unwanted):
            continue
        mentions = [
            (m, said) for m, said in zip(entity.mentions, entity.said, strict=True)
            if m.number in selection
        ]  # fmt: skip
        if not mentions:
            continue
        quotes = sum(said for _, said in mentions)
        briefs = len({m.number for m, _ in mentions})
        names, explicit = entity.names, entity.explicit
        rows.append(ActorRow(entity.key, entity.name, entity.kind, briefs, quotes, names, explicit))
    rows.sort(key=lambda r: (-r.briefs, -r.quotes, fold(r.name), r.key))
    if fmt == "json":
        return _write(actors_json(rows))
    if not rows:
        say.warning("no actors match" if parsed else "no actors")
        return 0
    return _write(format_actors(rows))


def actor_main(paths: list[Path], name: str, fmt: str) -> int:
    """Exit 1 when the name is unknown or could be several entities (both listed)."""
    from briefing.export.dossier import render

    catalog = open_catalog(paths, progress=_progress())
    entities = catalog.entities
    found = entities.find(name)
    shown = one_line(name)
    if len(found) == 1:
        return _write(render(dossier(catalog, found[0]), fmt))
    if found:
        say.error(f"{shown!r} could be {len(found)} actors; name one by its key:")
    else:
        say.error(f"no actor {shown!r} in the library")
        found = entities.close(name)
        if found:
            say.say("did you mean:")
    for entity in found[:20]:
        briefs = len(entity.briefs)
        plural = "" if briefs == 1 else "s"
        about = one_line(f"{entity.name} ({entity.kind}, {briefs} brief{plural})")
        say.say(f"  {one_line(entity.key)}  {about}")
    if not found:
        say.say("run 'briefing actors' to see them all")
    return 1


def timeline_main(paths: list[Path], query: Sequence[str], fmt: str) -> int:
    from briefing.export.timeline import render

    parsed = _parse(query)
    if parsed is None:
        return 2
    catalog = _open(paths)
    selection: Selection = catalog.select(parsed)
    _notice(catalog)
    timeline = library_timeline(catalog, selection)
    if not len(timeline) and fmt == "text":
        say.warning("no timeline entries" + (" match" if parsed else ""))
        return 0
    return _write(render(timeline, fmt))
