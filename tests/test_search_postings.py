"""The search index's postings: arrays for most words, bitmaps for the common ones.

Whatever form a word's ids take, and however briefs are added, replaced, grown and removed,
the index must answer exactly what reading every text answers (``brute_force``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_search_index import VOCABULARY, brute_force, index_of, make_brief, where

from briefing.brief.model import Actor, Brief, Quote
from briefing.search import index as search_module
from briefing.search import postings as postings_module
from briefing.search.index import SearchIndex
from briefing.search.postings import Bitmap, Ids, bits_of, gather, intersect, iter_bits


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bitmaps from a few ids, so small libraries have them; no time limit on reading."""
    monkeypatch.setattr(postings_module, "_DENSE_MIN", 4)
    monkeypatch.setattr(search_module, "_VERIFY_SECONDS", 60.0)


def form(index: SearchIndex, word: str) -> str:
    ids = index._postings.get(word)
    return "missing" if ids is None else "bitmap" if isinstance(ids, Bitmap) else "array"


def ids_of(index: SearchIndex, word: str) -> list[int]:
    ids = index._postings.get(word)
    assert ids is not None
    return list(iter_bits(ids.bits)) if isinstance(ids, Bitmap) else list(ids)


def assert_answers(index: SearchIndex, briefs: list[Brief], *queries: str) -> None:
    for typed in queries:
        expected = brute_force(briefs, typed)
        result = index.search(typed, limit=10_000)
        assert where(result) == expected, typed
        assert (result.count, result.capped) == (len(expected), False), typed


def library(count: int) -> list[Brief]:
    """Every brief says "niger" twice (title and summary); each has a word of its own."""
    return [
        make_brief(f"b{n:02d}", title=f"Niger report {n}", summary=f"Niger and unique{n}")
        for n in range(count)
    ]


# ---------------------------------------------------------------------------- bitmaps


def test_a_word_in_many_items_is_a_bitmap_and_a_rare_one_an_array() -> None:
    briefs = library(20)
    index = index_of(*briefs)
    assert form(index, "niger") == "bitmap" and len(index._postings.get("niger") or ()) == 40
    assert form(index, "unique3") == "array"
    assert_answers(index, briefs, "niger", "nig", "niger unique3", "unique3 niger", "n", "u")
    assert where(index.search("niger unique3")) == [("b03", "summary", 0)]


def test_replacing_and_removing_briefs_keeps_a_bitmap_exact() -> None:
    briefs = library(20)
    index = index_of(*briefs)
    briefs[5] = briefs[5].replace(title="Report 5", summary="Nothing else")
    index.set_brief(briefs[5])
    index.remove(briefs[9].id)
    del briefs[9]
    assert form(index, "niger") == "bitmap" and len(index._postings.get("niger") or ()) == 36
    assert ids_of(index, "niger") == sorted(ids_of(index, "niger"))
    assert form(index, "unique9") == "missing" and form(index, "unique5") == "missing"
    assert_answers(index, briefs, "niger", "niger report", "report", "nothing", "unique")


def test_edits_move_a_word_between_array_and_bitmap() -> None:
    briefs = library(20)
    index = index_of(*briefs)
    assert form(index, "sahel") == "missing"
    for n in range(12):  # "sahel" in 12 titles of 120 item ids: common
        briefs[n] = briefs[n].replace(title=f"Sahel report {n}")
        index.set_brief(briefs[n])
        assert_answers(index, briefs, "sahel", "sahel report", "niger")
    assert form(index, "sahel") == "bitmap"
    for n in range(11):  # back to one title: rare again
        briefs[n] = library(20)[n]
        index.set_brief(briefs[n])
    assert form(index, "sahel") == "array" and len(ids_of(index, "sahel")) == 1
    assert_answers(index, briefs, "sahel", "sahel report", "s", "niger", "report 11")


def test_a_brief_that_grows_moves_to_new_ids_that_every_bitmap_covers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    briefs = library(20)
    index = index_of(*briefs)
    index.search("niger")
    size = index._postings.size
    grown = briefs[0].replace(tags=tuple(f"niger tag{k}" for k in range(30)))
    briefs[0] = grown
    index.set_brief(grown)  # 30 items more: out of library order now
    assert index._postings.size > size
    assert all(len(ids.bits) == index._postings.size for ids in bitmaps(index))
    queries = ("niger", "niger tag", "niger tag2", "tag1 niger", "niger report")
    assert_answers(index, briefs, *queries)
    assert where(index.search("niger tag", limit=3)) == brute_force(briefs, "niger tag")[:3]
    monkeypatch.setattr(search_module, "_SORT_MAX", 0)  # walk the briefs in order instead
    assert_answers(index, briefs, *queries)
    assert where(index.search("niger tag", limit=3)) == brute_force(briefs, "niger tag")[:3]


def bitmaps(index: SearchIndex) -> Iterator[Bitmap]:
    return (ids for ids in index._postings.values() if isinstance(ids, Bitmap))


def test_a_large_library_keeps_arrays_until_a_word_is_common(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(postings_module, "_DENSE_MIN", 256)
    briefs = library(100)  # "niger" in 200 items: not enough for a bitmap
    index = index_of(*briefs)
    assert form(index, "niger") == "array"
    assert_answers(index, briefs, "niger", "niger unique7")


def test_items_past_the_first_256_of_a_kind_keep_their_index() -> None:
    """Item indexes take one byte until a brief needs more (the huge brief has 500 quotes)."""
    said = tuple(Quote(speaker="a0", text=f"Statement number{n}", line=n) for n in range(70_000))
    index = index_of(library(3)[0], make_brief("big", title="Big", quotes=said[:300]))
    assert where(index.search('"number299"')) == [("big", "quote", 299)]
    index.set_brief(make_brief("huge", title="Huge", quotes=said))
    assert where(index.search('"number299"')) == [("big", "quote", 299), ("huge", "quote", 299)]
    assert where(index.search('"number69999"')) == [("huge", "quote", 69_999)]


# ---------------------------------------------------------------------------- candidates


def as_set(found: set[int] | int) -> set[int]:
    return found if isinstance(found, set) else set(iter_bits(found.to_bytes(64, "little")))


def posted(ids: list[int], dense: bool) -> Ids:
    return Bitmap(sorted(ids), 64) if dense else array("I", sorted(ids))


id_sets = st.lists(
    st.tuples(st.sets(st.integers(0, 511), max_size=60), st.booleans()), min_size=1, max_size=4
)


@given(id_sets, id_sets)
def test_gather_and_intersect_are_union_and_intersection_in_any_form(
    first: list[tuple[set[int], bool]], second: list[tuple[set[int], bool]]
) -> None:
    found = [posted(sorted(ids), dense) for ids, dense in first]
    other = [posted(sorted(ids), dense) for ids, dense in second]
    union = set().union(*(ids for ids, _ in first))
    candidates = gather(found, 64)
    assert as_set(candidates) == union
    both = union & set().union(*(ids for ids, _ in second))
    assert as_set(intersect(candidates, other, 64)) == both
    as_int = bits_of(union, 64)  # the same candidates in the other form
    assert as_set(intersect(as_int, other, 64)) == both
    assert as_set(intersect(set(union), other, 64)) == both


@given(st.sets(st.integers(0, 4095)))
def test_iter_bits_lists_every_set_bit_in_order(ids: set[int]) -> None:
    assert list(iter_bits(bits_of(ids, 512).to_bytes(512, "little"))) == sorted(ids)


# ---------------------------------------------------------------------------- property

texts = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5).map(" ".join)
briefs = st.builds(
    lambda name, title, summary, tags, notes, said: make_brief(
        name,
        title=title,
        summary=summary,
        tags=tuple(tags),
        actors=tuple(Actor(id=f"a{k}", name=n, line=10 + k) for k, n in enumerate(notes)),
        quotes=tuple(Quote(speaker="a0", text=q, line=40 + k) for k, q in enumerate(said)),
    ),
    st.sampled_from("abcdefgh"),
    texts,
    texts,
    st.lists(st.sampled_from(VOCABULARY), max_size=3),
    st.lists(texts, max_size=3),
    st.lists(texts, max_size=12),  # up to 12 quotes: an edit can outgrow the brief's ids
)
operations = st.lists(st.one_of(briefs, st.sampled_from("abcdefgh")), min_size=1, max_size=30)
queries = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(lambda w: w[:2]),
    st.sampled_from(VOCABULARY).map(lambda w: w[:1]),
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY)).map(" ".join),
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY)).map(
        lambda p: f'"{p[0]} {p[1][:3]}'
    ),
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY)).map(
        lambda p: f'"{p[0]} {p[1]}" {p[0][:1]}'
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    operations,
    st.lists(queries, min_size=1, max_size=8),
    st.sampled_from([0, 4, 10**9]),  # bitmaps: for every word, common words, none
    st.sampled_from([60_000, 30, 0]),  # answer from postings / then texts / read in order
    st.sampled_from([8_192, 0]),  # out of library order: sort, or walk the briefs
    st.sampled_from([10_000, 3]),
)
def test_the_index_answers_what_reading_every_text_answers(
    steps: list[Brief | str],
    typed: list[str],
    dense_min: int,
    exact_max: int,
    sort_max: int,
    limit: int,
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postings_module, "_DENSE_MIN", dense_min)
        patch.setattr(search_module, "_EXACT_MAX_POSTINGS", exact_max)
        patch.setattr(search_module, "_SORT_MAX", sort_max)
        kept: dict[str, Brief] = {}
        index = SearchIndex()
        for step in steps:
            if isinstance(step, str):
                kept.pop(step, None)
                index.remove(step)
            else:
                kept[step.id] = step
                index.set_brief(step)
            index.search(typed[0])  # a search between edits: ids move out of library order
        for query in typed:
            expected = brute_force(list(kept.values()), query)
            result = index.search(query, limit=limit)
            assert where(result) == expected[:limit], query
            if result.capped:  # a lower bound
                assert len(result.hits) <= result.count <= len(expected), query
            else:
                assert result.count == len(expected), query
        assert len(index) == len(kept)
