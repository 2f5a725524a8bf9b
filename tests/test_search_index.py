"""Search across briefs: folding, word prefixes, AND within one item, phrases, highlights.

Every hit's highlight is checked against the text the user sees: the highlighted part of the
snippet must fold to what was typed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.brief.model import (
    Account,
    Actor,
    Brief,
    Discrepancy,
    Question,
    Quote,
    Source,
    TimelineEntry,
)
from briefing.search import index as search_module
from briefing.search.index import Hit, Query, SearchIndex, SearchResult
from briefing.search.items import KINDS, Hits, item_specs, item_text
from briefing.search.matching import SEPARATOR, Folded, fold, parse_query, tokens


def make_brief(brief_id: str = "niger", **fields: object) -> Brief:
    values: dict[str, object] = {
        "id": brief_id,
        "path": Path(f"/library/{brief_id}.yaml"),
        "title": "Russian military trainers arrive in Niger",
        "summary": "Trainers landed in Niamey.",
    }
    values.update(fields)
    return Brief(**values)  # type: ignore[arg-type]


def full_brief() -> Brief:
    """One item of every kind, each with words found nowhere else, at known lines."""
    return make_brief(
        title="Juntas and partners",
        summary="The summary mentions Valparaíso and a “curly” apostrophe\u2019s use.\nNext line.",
        tags=("sahel", "drones"),
        lines={"title": 1, "tags": 2, "summary": 3},
        sources=(
            Source(id="ap", outlet="Associated Press", title="Wirestory headline", line=8),
            Source(id="nyt", outlet="New York Times", line=12),
        ),
        actors=(
            Actor(id="cnsp", name="CNSP", kind="group", line=16),
            Actor(
                id="langley",
                name="Gen. Michael E. Langley",
                role="Head of Africom",
                affiliation="United States",
                aliases=("Mike",),
                notes="Testified before the Senate.",
                line=20,
            ),
        ),
        quotes=(
            Quote(speaker="cnsp", text="We choose our partners", context="Communiqué", line=30),
            Quote(
                speaker="langley",
                text="active watching and warning",
                context="On the Agadez drone base",
                line=34,
            ),
        ),
        open_questions=(
            Question(question="Will troops withdraw?", notes="Pentagon silent", line=40),
        ),
        timeline=(
            TimelineEntry(date=dt.date(2024, 4, 10), event="Airlift lands in Niamey", line=45),
        ),
        discrepancies=(
            Discrepancy(
                topic="Size of the presence",
                accounts=(
                    Account("ap", "about 1,000 soldiers", line=51),
                    Account("nyt", "some 600 contractors", line=53),
                ),
                line=49,
            ),
        ),
    )


def index_of(*briefs: Brief) -> SearchIndex:
    index = SearchIndex()
    for brief in briefs:
        index.set_brief(brief)
    return index


def where(result: SearchResult) -> list[tuple[str, str, int]]:
    return [(hit.brief_id, hit.kind, hit.index) for hit in result.hits]


def highlighted(hit: Hit) -> list[str]:
    return [hit.snippet[s:e] for s, e in hit.spans]


def assert_highlights_fold_to(hit: Hit, *typed: str) -> None:
    """Each highlight folds to one of the typed words (as a prefix of what it covers)."""
    assert hit.spans, hit
    for part in highlighted(hit):
        assert any(fold(part).startswith(fold(word)) for word in typed), (part, typed)


# ---------------------------------------------------------------------------- folding


def test_fold_drops_accents_and_case_and_straightens_punctuation() -> None:
    assert fold("Valparaíso") == "valparaiso"
    assert fold("ÉCOLE Straße") == "ecole strasse"
    assert fold("Valparai\u0301so") == "valparaiso"  # decomposed accent
    assert fold("Niger\u2019s “junta” — 2024\u201325") == 'niger\'s "junta" - 2024-25'
    assert fold("ΟΔΥΣΣΕΥΣ") == fold("οδυσσευς") == fold("Οδυσσεύς")


@given(st.text())
def test_fold_is_idempotent_and_works_one_character_at_a_time(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text) == "".join(fold(ch) for ch in text)  # so offsets can be mapped back


@given(st.text(alphabet=st.sampled_from("aZé\u0301ßﬁ½İ北 -\u2019\n")))
def test_folded_offsets_map_each_character_back(text: str) -> None:
    folded = Folded(text)
    position = 0
    for original, ch in enumerate(text):
        size = len(fold(ch))
        for f in range(position, position + size):
            assert folded.to_original(f) == original
        assert folded.to_folded(original) == position
        position += size
    assert position == len(folded.folded)


def test_tokens_make_each_character_of_scripts_without_spaces_a_word() -> None:
    assert tokens(fold("北京大学 in Beijing")) == ["北", "京", "大", "学", "in", "beijing"]
    assert tokens("snake_case u.s. 2024-04-10") == ["snake", "case", "u", "s", "2024", "04", "10"]


def test_parse_query_splits_words_phrases_and_an_open_phrase() -> None:
    q = parse_query('Lang  "Military   TRAINERS" “curly phrase” niger\u2019s - "open phr')
    assert q == Query(
        words=("lang", "niger's"),  # the lone dash cannot be looked up
        phrases=("military trainers", "curly phrase"),
        open_phrase="open phr",
    )
    assert not parse_query("   ") and not parse_query('"" - —')


# ---------------------------------------------------------------------------- matching


def test_accents_match_both_ways_and_highlight_the_accented_text() -> None:
    index = index_of(
        make_brief("a", title="Strike in Valparaíso"),
        make_brief("b", title="Strike in Valparaiso"),
        make_brief("c", title="Strike in Valparai\u0301so"),
    )
    for typed in ("Valparaiso", "valparaíso", "VALPARAÍSO"):
        result = index.search(typed)
        assert [h.brief_id for h in result.hits] == ["a", "b", "c"]
        for hit in result.hits:
            assert_highlights_fold_to(hit, typed)
    decomposed = index.search("valparaiso").hits[2]
    assert highlighted(decomposed) == ["Valparai\u0301so"]  # the mark is inside the highlight


def test_words_match_at_word_starts_only() -> None:
    index = index_of(full_brief())
    assert where(index.search("lang")) == [("niger", "actor", 1)]
    assert where(index.search("LANGLEY")) == [("niger", "actor", 1)]
    assert index.search("ley").count == 0  # inside a word
    assert index.search("angley").count == 0


def test_every_word_must_match_in_the_same_item() -> None:
    index = index_of(full_brief())
    assert where(index.search("langley africom")) == [("niger", "actor", 1)]
    assert where(index.search("africom langley")) == [("niger", "actor", 1)]
    # "Langley" is an actor, "drone" is in his quote: no single item has both.
    assert index.search("langley drone").count == 0
    hit = index.search("agadez warn").hits[0]
    assert (hit.kind, hit.index) == ("quote", 1)
    assert sorted(highlighted(hit)) == ["Agadez", "warn"]


def test_a_quoted_phrase_must_be_contiguous() -> None:
    index = index_of(
        make_brief("a", summary="Russian military\n  trainers arrived."),  # a line break
        make_brief("b", summary="Military and trainers arrived."),
        make_brief("c", summary="Trainers of the military arrived."),
    )
    result = index.search('"military trainers"')
    assert [h.brief_id for h in result.hits if h.kind == "summary"] == ["a"]
    hit = next(h for h in result.hits if h.brief_id == "a" and h.kind == "summary")
    assert highlighted(hit) == ["military trainers"]  # whitespace collapsed in the snippet
    assert "\n" not in hit.snippet
    # Both words are in b and c, just not side by side.
    assert index.search("military trainers").count == 6  # three summaries, three titles


def test_a_closed_phrase_ends_on_a_word_end_and_an_open_one_does_not() -> None:
    index = index_of(make_brief(summary="Russian military trainers."))
    assert index.search('"military train"').count == 0
    assert where(index.search('"military train')) == [
        ("niger", "title", 0),
        ("niger", "summary", 0),
    ]
    assert index.search('"military trainers"').count == 2
    assert index.search('"trainers"').count == 2 and index.search('"train"').count == 0


def test_a_phrase_cannot_cross_from_one_field_into_the_next() -> None:
    index = index_of(full_brief())
    assert index.search('"langley head"').count == 0  # name, then role
    hit = index.search("head africom").hits[0]
    fields = "Gen. Michael E. Langley · Head of Africom · United States · Mike · Testified"
    assert hit.snippet == fields + " before the Senate."
    assert highlighted(hit) == ["Head", "Africom"]


def test_each_kind_of_item_is_found_with_its_index_and_line() -> None:
    index = index_of(full_brief())
    expected = {
        "juntas": ("title", 0, 1),
        "sahel": ("tag", 0, 2),
        "drones": ("tag", 1, 2),
        "valparaiso": ("summary", 0, 3),
        "wirestory": ("source", 0, 8),
        "associated": ("source", 0, 8),
        "york": ("source", 1, 12),
        "cnsp": ("actor", 0, 16),
        "michael": ("actor", 1, 20),
        "africom": ("actor", 1, 20),
        "united": ("actor", 1, 20),
        "mike": ("actor", 1, 20),
        "senate": ("actor", 1, 20),
        "choose": ("quote", 0, 30),
        "communique": ("quote", 0, 30),
        "watching": ("quote", 1, 34),
        "agadez": ("quote", 1, 34),
        "withdraw": ("question", 0, 40),
        "pentagon": ("question", 0, 40),
        "airlift": ("timeline", 0, 45),
        "2024-04-10": ("timeline", 0, 45),
        "presence": ("discrepancy", 0, 49),
        "soldiers": ("discrepancy", 0, 49),
        "contractors": ("discrepancy", 0, 49),
    }
    for typed, (kind, item, line) in expected.items():
        result = index.search(typed)
        assert [(h.kind, h.index, h.line) for h in result.hits] == [(kind, item, line)], typed
        assert_highlights_fold_to(result.hits[0], typed)


def test_labels_say_what_each_hit_is() -> None:
    index = index_of(full_brief())
    labels = {typed: index.search(typed).hits[0].label for typed in ("watching", "africom")}
    assert labels == {
        "watching": "Quote by Gen. Michael E. Langley",
        "africom": "Gen. Michael E. Langley",
    }
    assert index.search("airlift").hits[0].label == "Timeline 2024-04-10"
    assert index.search("wirestory").hits[0].label == "Source: Associated Press"


def test_hits_follow_brief_id_then_the_order_of_the_file() -> None:
    briefs = [
        make_brief(name, title=f"Niger {name}", summary="Niger again", lines={"summary": 9})
        for name in ("c", "a", "b")
    ]
    index = index_of(*briefs)  # added out of order
    assert where(index.search("niger")) == [
        ("a", "title", 0),
        ("a", "summary", 0),
        ("b", "title", 0),
        ("b", "summary", 0),
        ("c", "title", 0),
        ("c", "summary", 0),
    ]


def test_limit_lists_the_first_hits_and_counts_them_all() -> None:
    index = index_of(*(make_brief(f"b{i}", title=f"Juntas and partners {i}") for i in range(5)))
    for typed in ("juntas", "junt", "juntas part", '"and partners"'):
        result = index.search(typed, limit=2)
        assert where(result) == [("b0", "title", 0), ("b1", "title", 0)]
        assert (result.count, result.capped) == (5, False)


def test_hits_within_some_briefs_keep_their_order_and_count_them_all() -> None:
    index = index_of(*(make_brief(f"b{i}", title=f"Juntas and partners {i}") for i in range(5)))
    hits = index.search("juntas").hits
    assert isinstance(hits, Hits)
    kept, count = hits.within(lambda brief_id: brief_id in {"b1", "b3", "b4"}, 2)
    assert [(h.brief_id, h.kind) for h in kept] == [("b1", "title"), ("b3", "title")]
    assert count == 3
    assert kept[0] == hits[1]  # the same hit, made the same way


def test_library_order_holds_when_a_brief_grows_in_place() -> None:
    index = index_of(make_brief("b", title="Niger b"), make_brief("a", title="Niger a"))
    index.search("niger")  # orders the library as it is now
    index.set_brief(make_brief("a", title="Niger a", tags=("niger", "sahel")))  # 2 items more
    assert where(index.search("niger")) == [
        ("a", "title", 0),
        ("a", "tag", 0),
        ("b", "title", 0),
    ]


def test_snippets_are_a_window_of_long_text_around_the_first_match() -> None:
    words = [f"w{i}" for i in range(400)]
    words[300] = "Needle"
    index = index_of(make_brief(summary=" ".join(words)))
    hit = index.search("needle").hits[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 130
    assert highlighted(hit) == ["Needle"]


def test_empty_and_punctuation_only_queries_find_nothing() -> None:
    index = index_of(full_brief())
    for typed in ("", "   ", '""', "-", "—", "..."):
        result = index.search(typed)
        assert (result.count, list(result.hits), result.capped) == (0, [], False)


def test_hostile_strings_are_found_and_returned_verbatim() -> None:
    index = index_of(
        make_brief(summary="Payload [bold]red[/] [link=http://x]y[/link] $name [@click=app.quit]")
    )
    hit = index.search("[bold]").hits[0]
    assert highlighted(hit) == ["[bold]"]
    assert "[link=http://x]y[/link] $name [@click=app.quit]" in hit.snippet
    assert highlighted(index.search("$name").hits[0]) == ["$name"]
    assert index.search("[@click").count == 1


def test_greek_and_scripts_without_spaces() -> None:
    index = index_of(
        make_brief("el", title="\u0397 Αθήνα και η Θεσσαλονίκη"),
        make_brief("zh", title="北京大学的学生在東京都"),
        make_brief("ja", title="東京都とニジェール"),
    )
    hit = index.search("αθηνα").hits[0]
    assert (hit.brief_id, highlighted(hit)) == ("el", ["Αθήνα"])
    assert index.search("θεσ").count == 1 and index.search("ηνα").count == 0
    # Han and kana: every character is a word, so a query matches anywhere, as a substring.
    assert [h.brief_id for h in index.search("京大").hits] == ["zh"]
    assert highlighted(index.search("京大").hits[0]) == ["京大"]
    assert [h.brief_id for h in index.search("東京").hits] == ["ja", "zh"]
    assert highlighted(index.search("ジェー").hits[0]) == ["ジェー"]
    assert index.search("京北").count == 0  # the characters must be contiguous


def test_latin_words_beside_han_start_words() -> None:
    index = index_of(make_brief(title="北京Olympics在2008年"))
    assert highlighted(index.search("olymp").hits[0]) == ["Olymp"]
    assert highlighted(index.search('"olympics"').hits[0]) == ["Olympics"]
    assert highlighted(index.search("2008").hits[0]) == ["2008"]


# ---------------------------------------------------------------------------- updates


def test_set_brief_replaces_the_old_version() -> None:
    index = index_of(full_brief(), make_brief("other", title="Other brief"))
    edited = full_brief().replace(title="Coup leaders and partners")
    index.set_brief(edited)
    assert index.search("juntas").count == 0
    assert where(index.search("coup")) == [("niger", "title", 0)]
    assert len(index) == 2
    # Growing far past the old item count moves the brief to new ids; shrinking keeps them.
    many = tuple(Question(question=f"Question {i} about coups", line=60 + i) for i in range(40))
    index.set_brief(edited.replace(open_questions=many))
    assert index.search("coups").count == 40
    assert index.search("withdraw").count == 0
    index.set_brief(edited.replace(open_questions=many[:3]))
    assert index.search("coups").count == 3
    assert where(index.search("other")) == [("other", "title", 0)]


def test_texts_read_for_one_keystroke_are_not_trusted_after_an_edit() -> None:
    brief = make_brief(summary="Russian military trainers.")
    index = index_of(brief)
    assert index.search('"military trainers"').count == 2  # phrases read the texts
    index.set_brief(brief.replace(title="Trainers", summary="Military and trainers."))
    assert index.search('"military trainers"').count == 0
    assert index.search('"military and').count == 1


def test_remove_drops_every_hit_of_the_brief() -> None:
    index = index_of(full_brief(), make_brief("b", title="Langley in Niger"))
    index.remove("niger")
    assert where(index.search("langley")) == [("b", "title", 0)]
    assert "niger" not in index and "b" in index
    index.remove("niger")  # twice: nothing to do
    index.remove("b")
    assert index.search("langley").count == 0 and len(index) == 0


def test_hits_already_returned_keep_the_version_they_were_found_in() -> None:
    index = index_of(full_brief())
    result = index.search("juntas")
    index.set_brief(full_brief().replace(title="Something else entirely"))
    assert highlighted(result.hits[0]) == ["Juntas"]


# ---------------------------------------------------------------------------- at scale

VOCABULARY = [
    "niger", "nigeria", "niamey", "junta", "juntas", "russia", "russian", "trainers",
    "training", "drone", "drones", "base", "valparaíso", "zürich", "café", "security",
    "council", "sahel", "wagner", "langley", "agadez", "troops", "troop", "north", "note",
]  # fmt: skip


def random_library(rng: random.Random, count: int) -> list[Brief]:
    def text(n: int) -> str:
        return " ".join(rng.choice(VOCABULARY) for _ in range(n)).capitalize()

    return [
        make_brief(
            f"b{rng.randrange(10**6):06d}-{i}",
            title=text(4),
            summary=text(25),
            actors=tuple(Actor(id=f"a{k}", name=text(2), notes=text(6)) for k in range(3)),
            quotes=tuple(Quote(speaker="a0", text=text(8), context=text(3)) for _ in range(3)),
        )
        for i in range(count)
    ]


def brute_force(briefs: list[Brief], typed: str) -> list[tuple[str, str, int]]:
    """What the index must answer, found by reading every field of every item."""
    q = parse_query(typed)
    phrases = [(p.split(), False) for p in q.phrases]
    phrases += [(q.open_phrase.split(), True)] if q.open_phrase else []

    def has_phrase(words: list[str], words_typed: list[str], open_end: bool) -> bool:
        *whole, last = words_typed
        for i in range(len(words) - len(whole)):
            end = words[i + len(whole)]
            if words[i : i + len(whole)] == whole and (
                end == last or (open_end and end.startswith(last))
            ):
                return True
        return False

    found: list[tuple[str, str, int]] = []
    for brief in sorted(briefs, key=lambda b: b.id):
        for kind, item, _ in item_specs(brief):
            fields = [tokens(fold(f)) for f in item_text(brief, kind, item).split(SEPARATOR)]
            if all(any(t.startswith(w) for f in fields for t in f) for w in q.words) and all(
                any(has_phrase(f, ws, open_end) for f in fields) for ws, open_end in phrases
            ):
                found.append((brief.id, KINDS[kind], item))
    return found


QUERIES = (
    "n", "ni", "nig", "niger", "t", "tr", "troops", "s c", "dr ba", "z", "caf", "nort",
    '"drone base"', '"drone ba', '"security council" n', 'troops "russian t',
)  # fmt: skip


@pytest.mark.parametrize("common", [60_000, 150, 0])
def test_every_strategy_finds_what_reading_every_text_finds(
    common: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same answers whichever way the index takes, after edits and removals: postings
    alone, postings then texts (words with more than ``common`` postings are checked in the
    texts), or reading the whole library in order."""
    monkeypatch.setattr(search_module, "_EXACT_MAX_POSTINGS", common)
    monkeypatch.setattr(search_module, "_VERIFY_SECONDS", 60.0)  # no time limit in tests
    rng = random.Random(4)
    briefs = random_library(rng, 60)
    index = index_of(*briefs)
    for n, old in enumerate(briefs[:10]):  # edits: new text under the same id
        briefs[n] = random_library(rng, 1)[0].replace(id=old.id, path=old.path)
        index.set_brief(briefs[n])
    for gone in briefs[10:15]:
        index.remove(gone.id)
    briefs = briefs[:10] + briefs[15:]
    for typed in QUERIES:
        expected = brute_force(briefs, typed)
        result = index.search(typed, limit=10_000)
        assert where(result) == expected, typed
        assert (result.count, result.capped) == (len(expected), False)
        limited = index.search(typed, limit=7)
        assert where(limited) == expected[:7]
        assert limited.count == len(expected) or (limited.capped and limited.count == 7)


def test_a_broad_query_over_a_big_library_is_capped_but_ordered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search_module, "_EXACT_MAX_POSTINGS", 50)
    monkeypatch.setattr(search_module, "_VERIFY_SECONDS", 60.0)
    briefs = random_library(random.Random(9), 40)
    index = index_of(*briefs)
    result = index.search("n", limit=20)
    assert result.capped and result.count == 20 == len(result.hits)
    assert where(result) == brute_force(briefs, "n")[:20]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ré", "e\u0301", "ß", "ﬁne", "İstanbul", "Zoë", "naïve", "—", "\u2019s"]),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["re", "e", "ss", "fi", "fine", "istan", "zoe", "naive", "s"]),
)
def test_highlights_land_on_the_matched_text(parts: list[str], typed: str) -> None:
    index = index_of(make_brief(summary=" ".join(parts), title="x"))
    for hit in index.search(typed).hits:
        assert_highlights_fold_to(hit, typed)
