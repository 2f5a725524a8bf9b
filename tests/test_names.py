"""Name keys: how actors' names are folded so that the ways of writing one name meet."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from briefing.search.names import (
    SUFFIXES,
    TITLES,
    UNNAMED_START,
    NameKey,
    is_unnamed,
    middles_agree,
    name_key,
)

SAME_PERSON = [
    ("Gen. Michael E. Langley", "Michael Langley"),
    ("Gen. Michael E. Langley", "michael e langley"),
    ("Michael E. Langley", "MICHAEL E. LANGLEY"),
    ("Lt. Col. Amadou Abdramane", "Amadou Abdramane"),
    ("President Mohamed Bazoum", "Mohamed Bazoum"),
    ("Sen. José Álvarez", "Jose Alvarez"),
    ("Mr. Søren Kierkegaard", "Soren Kierkegaard"),
    ("Dr. Łukasz Wiśniewski", "Lukasz Wisniewski"),
    ("Sam O'Brien", "Sam O\u2019Brien"),  # a curly apostrophe
    ("Sam O'Brien", "Sam OBrien"),
    ("Michael Edward Langley", "Michael E. Langley"),
    ("Michael Langley Jr.", "Michael E. Langley Jr"),
]

DIFFERENT_PEOPLE = [
    ("Michael Langley", "Michael Langley Jr."),  # a father and his son
    ("Michael Langley Jr.", "Michael Langley Sr."),
    ("Michael E. Langley", "Michael F. Langley"),
    ("Michael Edward Langley", "Michael Langley"),  # a full middle name is no initial
    ("Michael Edward Langley", "Michael Eric Langley"),
    ("Michael Langley", "Michelle Langley"),
    ("Michael Langley", "Michael Langly"),
]


def key(name: str, kind: str = "person") -> NameKey:
    found = name_key(name, kind)
    assert found is not None, name
    return found


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_ways_of_writing_one_name_link(a: str, b: str) -> None:
    assert key(a).links_with(key(b)) and key(b).links_with(key(a))


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_names_never_link(a: str, b: str) -> None:
    assert not key(a).links_with(key(b)) and not key(b).links_with(key(a))


@pytest.mark.parametrize(
    "name",
    [
        "Langley",  # a surname alone
        "Gen. Langley",  # a title and a surname: still one word
        "Pope Francis",
        "One top U.S. official (unnamed)",
        "A senior U.S. official",
        "An aide",
        "Two diplomats",
        "Russian military instructor (unnamed)",
        "Anonymous source",
        "the spokesman",
        "",
        "(unnamed)",
        "!!!",
    ],
)
def test_names_that_never_link_by_themselves(name: str) -> None:
    assert name_key(name, "person") is None


def test_other_kinds_link_by_their_whole_name() -> None:
    assert key("Niger", "state") == key("niger", "state")
    assert key("The Associated Press", "organization") == key("Associated Press", "organization")
    assert key("U.S. State Department", "organization") == key(
        "US State Department", "organization"
    )
    assert key("Wagner Group", "organization") != key("Wagner", "organization")
    assert not key("Niger", "state").links_with(key("Niger", "organization"))  # kinds differ
    assert name_key("One unnamed group", "group") is None
    assert key("Gen. Electric", "organization").first == "gen electric"  # titles: persons only


def test_a_person_key_has_first_last_suffix_and_middles() -> None:
    assert key("Gen. Michael E. Langley Jr.") == NameKey(
        "person", "michael", "langley", "jr", ("e",)
    )
    assert key("Michael Edward Langley").words() == ("michael", "edward", "langley")
    assert is_unnamed("A top Pentagon official (unnamed)")
    assert not is_unnamed("Amadou Abdramane")


words = st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=0, max_size=3)


@given(words, words)
def test_middle_names_agree_symmetrically(a: list[str], b: list[str]) -> None:
    assert middles_agree(tuple(a), tuple(b)) == middles_agree(tuple(b), tuple(a))
    assert middles_agree(tuple(a), tuple(a))


@given(
    st.sampled_from(["Gen.", "Mr.", "President", "Sen.", ""]),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    st.sampled_from(["", "E.", "E", "Edward"]),
)
def test_a_title_and_a_middle_initial_never_change_who_it_is(
    title: str, first: str, last: str, middle: str
) -> None:
    assume(first.lower() not in TITLES)  # a first name that is itself a title goes with it
    assume(last.lower() not in SUFFIXES)  # a last name "Jr" is read as a suffix
    written = name_key(" ".join(p for p in (title, first, middle, last) if p), "person")
    if first.lower() in UNNAMED_START:  # "An Wang", read as "an official" is: see below
        assert written is None and name_key(f"{first} {last}", "person") is None
        return
    plain = key(f"{first} {last}")
    assert written is not None
    assert written.base == plain.base
    assert written.links_with(plain) == (len(middle.rstrip(".")) <= 1)


@pytest.mark.parametrize(
    "name", ["An Wang", "Gen. An Wang", "One Direction", "An official", "Mr. a spokesman"]
)
def test_a_name_that_opens_like_a_description_never_links_by_itself(name: str) -> None:
    """Precision first: "An official" and "one top official" are unnamed, and a name that
    opens the same way ("An Wang") is taken for one; it links through ``entity`` alone."""
    assert name_key(name, "person") is None
    assert is_unnamed(name)


@given(st.text(max_size=40), st.sampled_from(["person", "organization", "state", "group"]))
def test_any_name_gives_a_key_or_none_and_keys_round_trip(name: str, kind: str) -> None:
    found = name_key(name, kind)
    if found is not None:
        assert NameKey.parse(found.text()) == found
        assert found.links_with(found)
