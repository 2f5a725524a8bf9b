"""The library's facts in the index: the same as from the briefs, and never trusted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import sqlite_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.catalog.build import catalog_of_library, open_catalog
from briefing.catalog.selection import SORT_KEYS
from briefing.store import facts_index
from briefing.store.facts import COLUMNS, TEXTS_SEPARATOR, decode_column, seal, unseal
from briefing.store.index import Index
from briefing.store.library import Library

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The shipped brief with its articles, the format 1.1 fixture, and a broken file."""
    root = tmp_path / "lib"
    shutil.copytree(REPO / "briefs", root / "briefs")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy(REPO / "tests" / "fixtures" / "good" / "format-1-1.yaml", root / "briefs")
    (root / "briefs" / "broken.yaml").write_text("title: [\n", "utf-8")
    return root / "briefs"


def comparable(catalog: Any) -> list[tuple[Any, ...]]:
    rows = []
    for facts in sorted(catalog, key=lambda f: f.id):
        catalog.prepare("actors")
        actors = [(a.id, a.name, a.kind, a.entity, a.role, a.aliases, a.line) for a in facts.actors]
        rows.append(
            (facts.id, facts.path, facts.loaded, facts.title, facts.date, facts.tags,
             facts.outlets, facts.related, facts.quotes, facts.questions, facts.errors,
             facts.warnings, facts.digest, facts.mtime_ns, actors, facts.actor_quotes,
             facts.keys)
        )  # fmt: skip
    return rows


def test_the_index_gives_the_facts_the_briefs_give(library: Path, tmp_path: Path) -> None:
    index = Index(tmp_path / "index.sqlite3")
    cold = open_catalog([library], index=index)  # parses every file and stores it
    warm = open_catalog([library], index=Index(tmp_path / "index.sqlite3"))
    loaded = Library([library])
    loaded.load_all()
    direct = catalog_of_library(loaded)
    assert comparable(warm) == comparable(cold) == comparable(direct)
    for column in ("timeline", "texts"):
        warm.prepare(column)
        for facts in warm:
            brief = direct.brief(facts.id)
            expected: Sequence[object] | None = direct.texts(facts) if column == "texts" else None
            if column == "timeline":
                from briefing.store.facts import timeline_items

                expected = timeline_items(brief) if brief is not None else ()
            assert getattr(facts, column) == tuple(expected or ()), (facts.id, column)


def test_the_readers_facts_keep_the_librarys_path_strings(library: Path) -> None:
    """A catalog of 10,000 briefs holds each path once: the one the library's entry has."""
    loaded = Library([library])
    loaded.load_all()
    catalog = catalog_of_library(loaded)
    for entry in loaded.entries:
        facts = catalog.get(entry.id)
        assert facts is not None and facts.path is str(entry.path), entry.id


def test_a_catalog_asked_to_stop_takes_no_further_brief_and_still_answers(
    library: Path,
) -> None:
    """A closing reader stops building its catalog; what a stopped ``warm`` did not make is
    made when first asked for, so a catalog stopped part way is never wrong, only smaller."""
    loaded = Library([library])
    loaded.load_all()
    assert len(loaded.entries) > 2
    taken = 0

    def after_two() -> bool:
        nonlocal taken
        taken += 1
        return taken > 2

    stopped = catalog_of_library(loaded, stop=after_two)
    assert [f.id for f in stopped] == [e.id for e in loaded.entries][:2]
    whole = catalog_of_library(loaded)
    whole.warm(stop=lambda: True)  # nothing made ahead
    cold = catalog_of_library(loaded)
    cold.warm()
    for query in ("tag:sahel", "outlet:reuters", "actor:langley", "after:2024-01", "niger"):
        assert whole.select(query) == cold.select(query), query
    for sort in SORT_KEYS:
        assert whole.order(sort) == cold.order(sort), sort
    assert whole.entities.to_data() == cold.entities.to_data()


def test_the_readers_facts_name_a_library_given_with_dots_by_its_normal_path(
    library: Path,
) -> None:
    winding = library / ".." / library.name  # absolute, but not normal
    loaded = Library([winding])
    loaded.load_all()
    paths = {f.path for f in catalog_of_library(loaded)}
    assert paths and all(".." not in Path(p).parts for p in paths)
    assert paths == {str(p) for p in library.glob("*.yaml")}


def test_a_changed_file_or_article_is_not_answered_from_the_index(
    library: Path, tmp_path: Path
) -> None:
    index_path = tmp_path / "index.sqlite3"
    open_catalog([library], index=Index(index_path))
    found = Library([library]).discover_text()
    assert len(facts_index.facts_many(Index(index_path), found)) == len(found)
    article = library.parent / "seeds" / "001_5907ff9c6a8e08f3.txt"
    article.write_text(article.read_text("utf-8") + "\nmore\n", "utf-8")
    (library / "format-1-1.yaml").write_text("title: T\nsummary: S\n", "utf-8")
    fresh = facts_index.facts_many(Index(index_path), found)
    assert sorted(Path(p).name for p in fresh) == ["broken.yaml"]  # its article changed too


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data(), json_values)
def test_any_damaged_column_is_a_miss_never_an_error(
    library: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, value: Any
) -> None:
    index_path = tmp_path_factory.mktemp("damage") / "index.sqlite3"
    written = Index(index_path)
    open_catalog([library], index=written)
    written.close()  # each example's own: 150 examples would hold 900 descriptors
    column = data.draw(st.sampled_from(["facts", *COLUMNS]))
    with sqlite_file(index_path) as db:
        path, text = db.execute(
            f"SELECT path, {column} FROM facts WHERE path LIKE '%niger%'"
        ).fetchone()
        if column == "texts":  # one string of the items' texts: fewer, more, or other
            parts = text.split(TEXTS_SEPARATOR)
            cut = data.draw(st.integers(0, len(parts)))
            damaged = TEXTS_SEPARATOR.join(
                parts[:cut] + [str(value)] * data.draw(st.integers(0, 2))
            )
        else:
            # Damage as a disk or another program makes it: the checksum is left as it was.
            checksum, stored = text[:8], json.loads(unseal(text))
            if data.draw(st.booleans()) and isinstance(stored, list) and stored:
                at = data.draw(st.integers(0, len(stored) - 1))
                stored[at] = value
                damaged = checksum + json.dumps(stored)
            else:
                damaged = json.dumps(value) if data.draw(st.booleans()) else "not json ["
        db.execute(f"UPDATE facts SET {column} = ? WHERE path = ?", (damaged, path))
    index = Index(index_path)
    catalog = open_catalog([library], index=index)  # must not raise
    for wanted in COLUMNS:
        catalog.prepare(wanted)  # a damaged column: that brief is read whole instead
    index.close()
    shipped = catalog.get("niger-russia-trainers")
    assert shipped is not None and shipped.title == "Russian military trainers arrive in Niger"
    assert len(shipped.actors) == 32 and len(shipped.timeline or ()) == 11


def test_decoding_a_column_raises_only_what_the_reader_catches() -> None:
    for column in ("actors", "timeline"):
        for bad in ([1], [[1, 2]], [None], [[None] * 10]):
            with pytest.raises((ValueError, TypeError, LookupError)):
                decode_column(column, seal(json.dumps(bad)))
        with pytest.raises(ValueError):
            decode_column(column, seal("not json ["))
        with pytest.raises(ValueError):  # well-formed, but not what was stored
            decode_column(column, "[]")
    with pytest.raises(ValueError):
        decode_column("texts", 5)  # type: ignore[arg-type]
    assert decode_column("texts", seal(f"a{TEXTS_SEPARATOR}b c")) == ("a", "b c")
    assert decode_column("texts", seal("")) == ()


def test_a_seal_tells_any_change_from_the_stored_text() -> None:
    sealed = seal('[[], true, "Russian military trainers arrive in Niger"]')
    assert unseal(sealed) == '[[], true, "Russian military trainers arrive in Niger"]'
    for damaged in (
        sealed.replace("Niger", "Nigeria"),  # still a string: only the checksum can tell
        sealed.replace("Russian military trainers arrive in Niger", ""),
        sealed.replace("true", "false"),
        sealed[8:],  # no checksum
        sealed[:7],
        "",
    ):
        with pytest.raises(ValueError):
            unseal(damaged)


def test_entities_are_stored_and_linked_again_when_the_library_changes(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_path = tmp_path / "index.sqlite3"
    first = open_catalog([library], index=Index(index_path)).entities
    linked: list[int] = []
    from briefing.catalog import entities as module

    real = module.Entities._build

    def counting(self: Any) -> None:
        linked.append(1)
        real(self)

    monkeypatch.setattr(module.Entities, "_build", counting)
    again = open_catalog([library], index=Index(index_path)).entities
    assert linked == []  # unchanged library: read back as stored
    assert [(e.key, e.mentions, e.said) for e in again] == [
        (e.key, e.mentions, e.said) for e in first
    ]
    (library / "format-1-1.yaml").write_text(
        (library / "format-1-1.yaml").read_text("utf-8").replace("Gen. Michael", "General Mike"),
        "utf-8",
    )
    changed = open_catalog([library], index=Index(index_path)).entities
    assert linked == [1]
    assert "General Mike E. Langley" in {n for e in changed for n in e.names}


def test_briefs_with_the_same_outlets_and_quote_counts_share_those_tuples() -> None:
    """A library repeats its outlets and its counts: the catalog holds each tuple once."""
    from briefing.brief.model import Actor, Brief, Quote, Source
    from briefing.store.facts import facts_of

    def brief(ident: str) -> Brief:
        return Brief(
            ident,
            Path(f"/lib/{ident}.yaml"),
            "Title",
            "Summary.",
            sources=(Source("s0", "Deutsche Welle"), Source("s1", "Reuters")),
            actors=(Actor("a", "Ann Lee", "person"), Actor("b", "Mali", "state")),
            quotes=(Quote("a", "Words.", "s0"), Quote("a", "More.", "s1")),
        )

    first, second = (facts_of(i, f"/lib/{i}.yaml", brief(i), [], "", 0) for i in "xy")
    assert first.outlets == ("Deutsche Welle", "Reuters") and first.actor_quotes == (2, 0)
    assert first.outlets is second.outlets
    assert first.actor_quotes is second.actor_quotes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=6))
def test_folding_texts_joined_folds_each_on_its_own(texts: list[str]) -> None:
    """What ``folded_joined`` relies on: the separator folds to itself and no character's
    folding depends on its neighbours, whatever script (and so whichever path of ``fold``)
    the other texts take."""
    from briefing.search.matching import fold

    texts = [t.replace(TEXTS_SEPARATOR, "") for t in texts]
    assert fold(TEXTS_SEPARATOR.join(texts)) == TEXTS_SEPARATOR.join(map(fold, texts))


def test_the_texts_column_is_the_join_of_every_items_folded_text(tmp_path: Path) -> None:
    """Latin with accents, another script, and plain ASCII in one brief: each item folded as
    ``folded_texts`` folds it on its own."""
    from briefing.brief.loader import load_text
    from briefing.search.items import folded_joined, folded_texts
    from briefing.store.facts import encode

    text = (
        "title: Élysée Talks in Łódź\n"
        "date: 2024-03-01\n"
        "summary: The ПРЕЗИДЕНТ met “Søren” — STRASSE and Straße.\n"
        "actors:\n"
        "  - {id: a, name: Ærøskøbing Mayor, role: HOST}\n"
        "  - {id: b, name: 北京 Official}\n"
        "open_questions:\n"
        "  - question: WHY NOW?\n"
    )
    brief = load_text(text, tmp_path / "b.yaml").brief
    assert brief is not None
    joined = folded_joined(brief, TEXTS_SEPARATOR)
    assert joined == TEXTS_SEPARATOR.join(folded_texts(brief))
    assert "президент" in joined
    assert "soren" in joined and "why now?" in joined and "北京 official" in joined
    assert unseal(encode(brief, [], "d", [])[3]) == joined
