"""People and organisations across briefs: linking, precision first, dossiers, checks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.brief.model import Actor, Brief, Question, Quote, Source, TimelineEntry
from briefing.catalog.build import catalog_of_library
from briefing.catalog.checks import library_problems
from briefing.catalog.dossier import dossier, opening
from briefing.catalog.entities import Entities
from briefing.catalog.selection import Catalog
from briefing.store import packed
from briefing.store.facts import COLUMNS, facts_of
from briefing.store.library import Library, display_path

FIXTURES = Path(__file__).parent / "fixtures" / "library"


class Briefs(Catalog):
    """A catalog over briefs in memory, whole briefs included."""

    def __init__(self, briefs: list[Brief]) -> None:
        self.by_id = {b.id: b for b in briefs}
        super().__init__(
            [facts_of(b.id, f"/lib/{b.id}.yaml", b, [], "", 0, columns=COLUMNS) for b in briefs]
        )

    def brief(self, brief_id: str) -> Brief | None:
        return self.by_id.get(brief_id)


def brief(ident: str, *actors: Actor, date: dt.date | None = None, **fields: Any) -> Brief:
    return Brief(
        ident, Path(f"/lib/{ident}.yaml"), ident.title(), "s", date, actors=actors, **fields
    )


def person(name: str, entity: str = "", ident: str = "p", kind: str = "person") -> Actor:
    return Actor(ident, name, kind, entity=entity)  # type: ignore[arg-type]


def groups(catalog: Catalog) -> list[set[str]]:
    """Who is linked with whom: each entity as a set of "brief/actor-name"."""
    found = []
    for entity in catalog.entities:
        found.append({f"{catalog.at(m.number).id}/{catalog.at(m.number).actors[m.index].name}"
                      for m in entity.mentions})  # fmt: skip
    return sorted(found, key=sorted)


def test_forms_of_one_name_link_across_briefs() -> None:
    catalog = Briefs([
        brief("a", person("Gen. Michael E. Langley")),
        brief("b", person("Michael Langley")),
        brief("c", person("michael e. langley")),
        brief("d", person("Lt. Gen. Michael Langley")),
    ])  # fmt: skip
    assert len(catalog.entities) == 1
    entity = next(iter(catalog.entities))
    assert entity.key == "michael-e-langley" and len(entity.briefs) == 4
    assert entity.name == "Gen. Michael E. Langley"  # the fullest spelling when none is commoner


def test_two_people_named_john_smith_never_merge() -> None:
    """A general and a journalist, each given an entity by the author: two entities, and a
    third "John Smith" that could be either joins neither, and is reported."""
    catalog = Briefs([
        brief("general", person("Gen. John Smith", "john-smith-general")),
        brief("journalist", person("John Smith", "john-smith-journalist")),
        brief("unsure", person("John Smith")),
        brief("again", person("Mr. John Smith", "john-smith-journalist")),
    ])  # fmt: skip
    assert groups(catalog) == [
        {"again/Mr. John Smith", "journalist/John Smith"},
        {"general/Gen. John Smith"},
        {"unsure/John Smith"},
    ]
    (doubt,) = catalog.entities.ambiguous
    assert set(doubt.candidates) == {"john-smith-general", "john-smith-journalist"}


def test_a_name_joins_the_one_entity_it_agrees_with() -> None:
    catalog = Briefs([
        brief("a", person("Gen. Michael E. Langley", "michael-langley")),
        brief("b", person("Michael Langley")),
        brief("c", person("Michael E. Langley")),
        brief("d", person("Tomás K. Cissé", "tomas-k"), person("Tomás Cissé", "tomas-k", "q")),
        brief("e", person("Tomás B. Cissé")),
    ])  # fmt: skip
    assert groups(catalog) == [
        {"a/Gen. Michael E. Langley", "b/Michael Langley", "c/Michael E. Langley"},
        {"d/Tomás Cissé", "d/Tomás K. Cissé"},
        {"e/Tomás B. Cissé"},  # the entity "tomas-k" is known with K.: not B.
    ]
    assert catalog.entities.ambiguous == []


def test_father_and_son_and_two_initials_stay_apart() -> None:
    """Jr. is part of the name (decided: a father and his son share the rest of it), and
    two middle initials are two people; a name without one could be either: neither."""
    catalog = Briefs([
        brief("father", person("Michael Langley")),
        brief("son", person("Michael Langley Jr.")),
        brief("e", person("Michael E. Langley")),
        brief("f", person("Michael F. Langley")),
    ])  # fmt: skip
    assert len(groups(catalog)) == 4
    assert [catalog.at(d.mention.number).id for d in catalog.entities.ambiguous] == ["father"]


def test_names_that_never_link() -> None:
    catalog = Briefs([
        brief("a", person("One top U.S. official (unnamed)"), person("Langley", ident="l")),
        brief("b", person("One top U.S. official (unnamed)"), person("Langley", ident="l")),
        brief("c", person("Niger", kind="state"), person("Niger", ident="o", kind="organization")),
        brief("d", person("Niger", kind="state")),
    ])  # fmt: skip
    assert groups(catalog) == [
        {"a/Langley"},
        {"a/One top U.S. official (unnamed)"},
        {"b/Langley"},
        {"b/One top U.S. official (unnamed)"},
        {"c/Niger"},
        {"c/Niger", "d/Niger"},
    ]
    keys = {e.key for e in catalog.entities}
    assert {"a#p", "a#l", "niger"} <= keys  # actors alone are named by brief and actor id


def test_an_explicit_entity_links_whatever_the_names() -> None:
    catalog = Briefs([
        brief("a", person("Wagner Group", "wagner", kind="organization")),
        brief("b", person("PMC Wagner", "wagner", kind="group")),
    ])  # fmt: skip
    (entity,) = catalog.entities
    assert (entity.key, entity.explicit, entity.kinds) == (
        "wagner",
        True,
        ("group", "organization"),
    )


def test_find_by_key_by_name_and_close() -> None:
    catalog = Briefs([
        brief("a", person("Gen. Michael E. Langley")),
        brief("b", person("Molly Phee"), person("Ana Langley", ident="q")),
    ])  # fmt: skip
    entities = catalog.entities
    assert [e.key for e in entities.find("michael-e-langley")] == ["michael-e-langley"]
    assert [e.key for e in entities.find("Michael Langley")] == ["michael-e-langley"]
    assert [e.key for e in entities.find("MICHAEL E LANGLEY")] == ["michael-e-langley"]
    assert sorted(e.key for e in entities.find("langley")) == ["ana-langley", "michael-e-langley"]
    assert entities.find("Lanley") == []
    assert "michael-e-langley" in [e.key for e in entities.close("Lanley")]
    assert entities.for_actor("b", "p") is entities.get("molly-phee")


def test_entities_round_trip_through_their_stored_form() -> None:
    catalog = Briefs([
        brief("a", person("Gen. Michael E. Langley"), person("A senior official", ident="x")),
        brief("b", person("Michael Langley", "ml")),
        brief("c", person("John Smith", "js1"), person("John Smith", "js2", "y")),
        brief("d", person("John Smith")),
    ])  # fmt: skip
    built = catalog.entities
    again = Entities(catalog, built.to_data())
    assert [(e.key, e.name, e.kinds, e.mentions, e.quotes, e.briefs) for e in again] == [
        (e.key, e.name, e.kinds, e.mentions, e.quotes, e.briefs) for e in built
    ]
    assert again.ambiguous == built.ambiguous
    with pytest.raises(LookupError):
        Entities(Briefs([brief("a")]), built.to_data())  # another library: refused


NAMES = st.sampled_from([
    "Michael Langley", "Michael E. Langley", "Michael F. Langley", "Gen. Michael E. Langley",
    "Michael Langley Jr.", "Michael Edward Langley", "Langley", "John Smith", "Niger",
])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NAMES, st.sampled_from(["", "", "", "x", "y"])), max_size=8))
def test_linked_names_never_disagree(actors: list[tuple[str, str]]) -> None:
    """Precision first: within an entity formed by names (no explicit id), every two
    spellings link; and actors with different explicit entities are never together."""
    catalog = Briefs([brief(f"b{i}", person(n, e)) for i, (n, e) in enumerate(actors)])
    for entity in catalog.entities:
        actors_of = [catalog.at(m.number) for m in entity.mentions]
        explicit = {f.actors[0].entity for f in actors_of} - {""}
        assert len(explicit) <= 1
        if not explicit:
            keys = [f.keys[0] for f in actors_of]
            assert all(k is not None and k.links_with(o) for k in keys for o in keys if o) or (
                len(keys) == 1
            )


# -- dossiers ---------------------------------------------------------------------------------


def test_a_dossier_follows_one_person_in_date_order() -> None:
    ap = Source("ap", outlet="Associated Press")
    first = brief(
        "visit",
        Actor(
            "langley", "Gen. Michael E. Langley", "person", role="Commander", aliases=("Langley",)
        ),
        Actor("phee", "Molly Phee", "person"),
        date=dt.date(2024, 3, 11),
        sources=(ap,),
        quotes=(Quote("langley", "We are watching.", "ap", line=20), Quote("phee", "No.", "ap")),
        open_questions=(
            Question("Will the base close?", actors=("langley",), line=30),
            Question("What did Langley promise?", line=31),
            Question("Who else came?", line=32),
        ),
        timeline=(
            TimelineEntry(dt.date(2024, 3, 12), "Langley lands in Niamey.", "ap", line=40),
            TimelineEntry(dt.date(2024, 3, 10), "Phee lands.", line=41),
        ),
    )
    later = brief(
        "retired",
        Actor("ml", "Michael Langley", "person", role="Retired general"),
        date=dt.date(2025, 1, 5),
        timeline=(TimelineEntry(dt.date(2024, 12, 1), "Michael Langley retires.", line=9),),
    )
    catalog = Briefs([later, first])
    found = dossier(catalog, catalog.entities.find("Michael Langley")[0])
    assert [(a.place.brief_id, a.role) for a in found.appearances] == [
        ("visit", "Commander"),
        ("retired", "Retired general"),
    ]
    assert [(q.text, q.status, q.source, q.place.line) for q in found.quotes] == [
        ("We are watching.", "no_source", "Associated Press", 20)
    ]
    assert [q.place.index for q in found.questions] == [0, 1]  # by id, and by its alias
    assert [(e.event, e.source, e.place.brief_id) for e in found.events] == [
        ("Langley lands in Niamey.", "Associated Press", "visit"),
        ("Michael Langley retires.", "", "retired"),
    ]


PEOPLE = Path(__file__).parent / "ui" / "data" / "people"


@pytest.mark.parametrize("root", [PEOPLE, FIXTURES], ids=["people", "fixtures"])
def test_a_dossiers_opening_is_its_appearances_with_no_brief_decoded(root: Path) -> None:
    """The reader shows :func:`opening` before the briefs are read: it must hold exactly
    the whole dossier's appearances, with its entity's names, and decode nothing."""
    library = Library(sorted(p for p in root.iterdir() if p.is_dir()) or [root])
    library.load_all()
    catalog = catalog_of_library(library)
    entities = list(catalog.entities)
    assert any(len(e.briefs) > 1 for e in entities)  # the comparison covers several briefs
    packed.forget()
    before = packed.decoded
    openings = [opening(catalog, entity) for entity in entities]
    assert packed.decoded == before  # from the catalog's facts alone
    for entity, first in zip(entities, openings, strict=True):
        whole = dossier(catalog, entity)
        assert first.appearances == whole.appearances
        assert (first.key, first.name, first.kinds, first.names) == (
            whole.key,
            whole.name,
            whole.kinds,
            whole.names,
        )
        assert (first.quotes, first.questions, first.events) == ((), (), ())
        assert entity.quotes == len(whole.quotes)  # the count the screen shows meanwhile
    assert packed.decoded > before  # while the whole dossiers did read the briefs


def test_a_dossiers_opening_follows_the_date_order_of_facts() -> None:
    undated = brief("undated", Actor("a", "Ada Lovelace", "person", role="Countess"))
    late = brief("late", Actor("b", "Ada Lovelace", "person"), date=dt.date(2024, 5, 1))
    early = brief(
        "early",
        Actor("x", "Charles Babbage", "person"),
        Actor("c", "Ada Lovelace", "person", affiliation="Analytical Society", line=7),
        date=dt.date(2023, 1, 2),
    )
    catalog = Briefs([undated, late, early])
    entity = catalog.entities.find("Ada Lovelace")[0]
    first = opening(catalog, entity)
    assert [(a.place.brief_id, a.place.index, a.place.line) for a in first.appearances] == [
        ("early", 1, 7),
        ("late", 0, 0),
        ("undated", 0, 0),
    ]
    assert first.appearances == dossier(catalog, entity).appearances


def test_a_dossier_finds_a_name_written_with_an_apostrophe() -> None:
    # The name's words are read with the apostrophe closed up ("obrien"); a text writing
    # it with a straight or a curly one, or in the possessive, still names the person.
    found = Briefs([
        brief(
            "hearing",
            Actor("ob", "Sen. Conan O'Brien", "person"),
            Actor("ml", "Michael Langley", "person"),
            open_questions=(
                Question("Will O\u2019Brien testify?"),
                Question("What did Langley say?"),
                Question("Is O'Brien's bill dead?"),
                Question("Did Conan O'Brien vote?"),
                Question("Who is Brien?"),
            ),
            timeline=(TimelineEntry(dt.date(2024, 3, 1), "O'Brien files a bill."),),
        )
    ])  # fmt: skip
    obrien = dossier(found, found.entities.find("Conan O'Brien")[0])
    assert [q.question for q in obrien.questions] == [
        "Will O\u2019Brien testify?",
        "Is O'Brien's bill dead?",
        "Did Conan O'Brien vote?",
    ]
    assert [e.event for e in obrien.events] == ["O'Brien files a bill."]


# -- what check says across briefs ------------------------------------------------------------


def check(folder: str) -> list[str]:
    library = Library([FIXTURES / folder])
    library.load_all()
    for entry in library.entries:
        assert entry.brief is not None, [p.format() for p in entry.problems]
    problems = library_problems(catalog_of_library(library), lambda p: display_path(Path(p)))
    return sorted(re.sub(r"^.*?fixtures/library/", "", p.format()) for p in problems)


def test_check_warns_about_related_ids_not_in_the_library() -> None:
    assert check("related-unknown") == [
        "related-unknown/niger.yaml:6:5: warning: related brief 'mali-wagnr' is not in the "
        "library (hint: did you mean 'mali-wagner'?)"
    ]
    assert check("related-self") == [
        "related-self/niger.yaml:4:11: warning: a brief cannot be related to itself"
    ]


def test_check_warns_about_one_entity_of_two_kinds() -> None:
    (problem,) = check("entity-kinds")
    assert problem.startswith("entity-kinds/wagner-2024.yaml:4:1: warning: entity 'wagner-group'")
    assert "is a group here, but an organization at " in problem
    assert problem.endswith("entity-kinds/wagner-2023.yaml:5 (hint: give it the same kind "
                            "everywhere, or give one of them another entity)")  # fmt: skip


def test_check_warns_about_a_name_that_could_be_two_people() -> None:
    problems = check("entity-ambiguous")
    assert problems[0].startswith(
        "entity-ambiguous/bare.yaml:5:1: warning: 'Michael Langley' could be 'michael-e-langley' ("
    )
    assert "so it is linked to neither" in problems[0]
    assert check("two-john-smiths") == [
        "two-john-smiths/unsure.yaml:4:1: warning: 'John Smith' could be 'john-smith-general' "
        f"({display_path(FIXTURES / 'two-john-smiths' / 'general.yaml')}:4) or "
        f"'john-smith-journalist' ({display_path(FIXTURES / 'two-john-smiths' / 'journalist.yaml')}"
        ":4), so it is linked to neither (hint: give it the entity of the one it is)"
    ]


def test_check_warns_about_actors_that_look_alike_with_both_places() -> None:
    problems = check("entity-lookalike")
    reasons = sorted(re.search(r"\(([^()]*)\) \(hint", p).group(1) for p in problems)  # type: ignore[union-attr]
    assert reasons == [
        "a surname alone",
        "a surname alone",
        "a surname alone",
        "close names, one with an entity and one without",
        "the same name for an organization and a state",
        "the same name, but for a middle name or a suffix",
    ]
    alike = [p for p in problems if "Mike Langley' at" in p and "close names" in p]
    assert alike == [
        "entity-lookalike/named.yaml:4:1: warning: 'Gen. Michael E. Langley' looks like "
        f"'Mike Langley' at {display_path(FIXTURES / 'entity-lookalike' / 'alike.yaml')}:5 but is "
        "not linked to it (close names, one with an entity and one without) (hint: to link "
        "them, give both the same 'entity'; to keep them apart, give each its own)"
    ]
