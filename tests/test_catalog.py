"""The catalog: filters equal a brute-force evaluation, orders, facets, links, timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.brief.dates import PartialDate, date_key, period
from briefing.brief.model import Actor, Brief, Related, Source, TimelineEntry
from briefing.catalog.facets import facets
from briefing.catalog.links import referenced_by, related
from briefing.catalog.selection import Catalog
from briefing.catalog.timeline import library_timeline
from briefing.search.index import SearchIndex
from briefing.search.items import folded_texts, item_specs
from briefing.search.matching import fold, terms_of, tokens
from briefing.search.query import Filter, ParsedQuery, parse
from briefing.store.facts import COLUMNS, BriefFacts, facts_of

if TYPE_CHECKING:
    from conftest import Loader

TAGS = ["sahel", "Sahél", "niger", "security", "United States", "draft"]
OUTLETS = ["Associated Press", "Reuters", "Agence France-Presse", "Le Monde"]
NAMES = ["Gen. Michael E. Langley", "Michael Langley", "Molly Phee", "Niger", "Wagner Group"]
WORDS = ["junta", "drone", "base", "Valparaíso", "trainers", "russian", "military"]
DATED: list[dt.date] = [
    dt.date(2024, 3, 11),
    dt.date(2024, 3, 31),
    dt.date(2024, 4, 1),
    PartialDate(2024, 3),
    PartialDate(2024),
    dt.date(2023, 12, 31),
    PartialDate(2025, 1),
]
DATES: list[dt.date | None] = [None, *DATED]


class Seen:
    def __init__(self, opened: dict[str, str]) -> None:
        self.opened = opened
        self.version = 0

    def is_new(self, brief: BriefFacts) -> bool:
        return self.opened.get(brief.path) != brief.digest


@st.composite
def briefs(draw: st.DrawFn, number: int) -> Brief:
    actors = tuple(
        Actor(f"a{i}", name, "state" if name == "Niger" else "person", line=i + 10)
        for i, name in enumerate(draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True)))
    )
    outlets = draw(st.lists(st.sampled_from(OUTLETS), max_size=2, unique=True))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    return Brief(
        id=f"b{number:02d}",
        path=Path(f"/lib/b{number:02d}.yaml"),
        title=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))),
        summary=" ".join(words),
        date=draw(st.sampled_from(DATES)),
        tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True))),
        sources=tuple(Source(f"s{i}", outlet=o) for i, o in enumerate(outlets)),
        actors=actors,
        timeline=tuple(
            TimelineEntry(d, f"{w} happened", line=30 + i)
            for i, (d, w) in enumerate(
                draw(st.lists(st.tuples(st.sampled_from(DATED), st.sampled_from(WORDS))))
            )
        ),
    )


@st.composite
def libraries(draw: st.DrawFn) -> list[Brief]:
    count = draw(st.integers(0, 10))
    return [draw(briefs(n)) for n in range(count)]


def facts(brief: Brief, digest: str = "d", mtime: int = 0) -> BriefFacts:
    return facts_of(brief.id, str(brief.path), brief, [], digest, mtime, columns=COLUMNS)


FILTERS = st.one_of(
    st.sampled_from(["sahel", "sah*", '"united states"', "draft", "nig*"]).map(
        lambda v: f"tag:{v}"
    ),
    st.sampled_from(["langley", '"michael langley"', "mol", "niger", "wagner"]).map(
        lambda v: f"actor:{v}"
    ),
    st.sampled_from(["associated", '"associated press"', "reuters", "monde"]).map(
        lambda v: f"outlet:{v}"
    ),
    st.sampled_from(["2024", "2024-03", "2024-03-15", "2024-04"]).map(lambda v: f"after:{v}"),
    st.sampled_from(["2024", "2024-03", "2024-03-15", "2023-12"]).map(lambda v: f"before:{v}"),
    st.just("is:new"),
    st.sampled_from(["junta", "dro", '"russian military"', "valparaiso", "trainers happ"]),
)
QUERIES = st.lists(st.tuples(st.booleans(), FILTERS), max_size=4).map(
    lambda parts: " ".join(("-" if neg else "") + part for neg, part in parts)
)


def _words_in(groups: list[list[str]], wanted: tuple[str, ...]) -> bool:
    return any(all(any(w.startswith(p) for w in group) for p in wanted) for group in groups)


def passes(brief: Brief, item: Filter, seen: Seen) -> bool:
    """One filter on one brief, straight from its definition."""
    if item.field == "tag":
        tags = [" ".join(fold(t).split()) for t in brief.tags]
        return any(t.startswith(item.words[0]) if item.prefix else t == item.words[0] for t in tags)
    if item.field == "actor":
        groups = [
            [w for text in (a.name, *a.aliases, a.entity) for w in tokens(fold(text))]
            for a in brief.actors
        ]
        return _words_in(groups, item.words)
    if item.field == "outlet":
        groups = [tokens(fold(s.outlet)) for s in brief.sources if s.outlet]
        return _words_in(groups, item.words)
    if item.field == "is":
        return seen.opened.get(str(brief.path)) != "d"  # as opened, with the facts' digest
    assert item.date is not None
    if brief.date is None:
        return False
    first, last = period(brief.date)
    start, end = period(item.date)
    return last >= start if item.field == "after" else first <= end


def brute_force(library: list[Brief], parsed: ParsedQuery, seen: Seen) -> set[str]:
    kept = set()
    for brief in library:
        if not all(passes(brief, f, seen) != f.negated for f in parsed.filters):
            continue
        texts = folded_texts(brief)
        wanted = terms_of(parsed.words)
        if wanted and not any(all(t.search(x) for t in wanted) for x in texts):
            continue
        if any(any(all(t.search(x) for t in terms_of(q)) for x in texts) for q in parsed.excluded):
            continue
        kept.add(brief.id)
    return kept


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries(), st.lists(QUERIES, min_size=1, max_size=4), st.data())
def test_a_selection_equals_a_brute_force_evaluation(
    library: list[Brief], queries: list[str], data: st.DataObject
) -> None:
    opened = {str(b.path): "d" for b in library if data.draw(st.booleans())}
    seen = Seen(opened)
    catalog = Catalog([facts(b) for b in library], seen=seen)
    for text in queries:  # several in a row: the cached bitmaps must not go stale
        parsed = parse(text)
        assert parsed.errors == ()
        selection = catalog.select(parsed)
        chosen = {catalog.at(n).id for n in catalog.numbers(selection.mask)}
        assert chosen == brute_force(library, parsed, seen), text
        assert selection.count == len(chosen) and selection.total == len(library)


@settings(max_examples=100, deadline=None)
@given(libraries(), libraries(), st.lists(QUERIES, min_size=1, max_size=3))
def test_changes_keep_every_index_current(
    before: list[Brief], after: list[Brief], queries: list[str]
) -> None:
    seen = Seen({})
    catalog = Catalog([facts(b) for b in before], seen=seen)
    for text in queries:
        catalog.select(text)  # builds the fields and bitmaps that the changes must update
    catalog.order("date")
    kept = {b.id for b in after}
    for brief in before:
        if brief.id not in kept:
            catalog.remove(brief.id)
    for brief in after:
        catalog.set(facts(brief))
    fresh = Catalog([facts(b) for b in after], seen=seen)
    for text in queries:
        mine, theirs = catalog.select(text), fresh.select(text)
        assert catalog.order("date", mine) == fresh.order("date", theirs)
    assert catalog.order("title") == fresh.order("title")


@settings(max_examples=100, deadline=None)
@given(libraries(), libraries(), st.lists(QUERIES, min_size=1, max_size=3))
def test_a_selection_in_order_is_the_whole_order_kept_to_it(
    before: list[Brief], after: list[Brief], queries: list[str]
) -> None:
    """Selected ids are picked out of the whole order by bytes (``Catalog.order``); here
    one by one, the obvious way, with slots freed by removals among the numbers."""
    catalog = Catalog([facts(b) for b in before], seen=Seen({}))
    for brief in before[::2]:
        catalog.remove(brief.id)
    for brief in after:
        catalog.set(facts(brief))
    for text in queries:
        selection = catalog.select(text)
        for sort in ("date", "title", "changed", "id"):
            whole = catalog.order(sort)
            kept = [i for i in whole if catalog.number(i) in selection]
            assert catalog.order(sort, selection) == kept


EXCLUDED = st.sampled_from(
    [
        *("junta", "jun", "v", "valparaiso", '"drone base"', '"base drone"', "lang"),
        *('"michael langley"', "happened", "zzz", '"russian military', "drone -base"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(libraries(), st.lists(EXCLUDED, min_size=1, max_size=3), st.booleans())
def test_the_search_index_finds_what_a_minus_word_leaves_out_by_the_catalogs_rule(
    library: list[Brief], excluded: list[str], replaced: bool
) -> None:
    """The reader asks its search index which briefs a ``-word`` leaves out; the command
    line asks the catalog, reading every brief's texts. Both must name the same briefs."""
    catalog = Catalog([facts(b) for b in library], seen=Seen({}))
    index = SearchIndex()
    for brief in library:
        index.set_brief(brief)
    if replaced and library:  # a brief edited in place: its items posted again
        index.set_brief(library[0])
    every = {b.id for b in library}
    for text in excluded:
        parsed = parse(f"-{text}")
        kept = catalog.select(parsed, words=False, excluded=True)
        left = {catalog.at(n).id for n in catalog.numbers(kept.mask)}
        out = set().union(*map(index.briefs_matching, parsed.excluded))
        assert out == every - left, text


def test_a_minus_word_common_enough_to_be_a_bitmap_names_the_same_briefs() -> None:
    """Words in hundreds of items are kept as bitmaps, read brief by brief."""
    library = [
        Brief(
            f"b{n:03d}",
            Path(f"/lib/b{n:03d}.yaml"),
            "junta news" if n % 3 else "news",
            "drone base" if n % 5 == 0 else "base and drone",
            timeline=(TimelineEntry(dt.date(2024, 3, 11), "junta happened", line=30),)
            if n % 7 == 0
            else (),
        )
        for n in range(600)
    ]
    catalog = Catalog([facts(b) for b in library], seen=Seen({}))
    index = SearchIndex()
    for brief in library:
        index.set_brief(brief)
    every = {b.id for b in library}
    for text in ("junta", "j", "news", '"drone base"', "drone", "base", "happ"):
        parsed = parse(f"-{text}")
        kept = catalog.select(parsed, words=False, excluded=True)
        left = {catalog.at(n).id for n in catalog.numbers(kept.mask)}
        out = set().union(*map(index.briefs_matching, parsed.excluded))
        assert out == every - left, text
        assert out  # each leaves some out


def test_orders() -> None:
    dates = [
        dt.date(2024, 3, 11),
        None,
        PartialDate(2024, 3),
        dt.date(2023, 1, 1),
        PartialDate(2024),
    ]
    library = [
        Brief(f"b{i}", Path(f"/b{i}.yaml"), title, "s", date=date)
        for i, (title, date) in enumerate(
            zip(["zulu", "Alpha", "émile", "", "beta"], dates, strict=True)
        )
    ]
    catalog = Catalog([facts(b, mtime=m) for b, m in zip(library, [5, 3, 9, 1, 7], strict=True)])
    # Newest first, a partial date after the days of its period, undated last.
    assert catalog.order("date") == ["b0", "b2", "b4", "b3", "b1"]
    assert catalog.order("title") == ["b1", "b4", "b2", "b0", "b3"]  # accents folded, empty last
    assert catalog.order("changed") == ["b2", "b4", "b0", "b1", "b3"]
    assert catalog.order("id") == ["b0", "b1", "b2", "b3", "b4"]
    selection = catalog.select("before:2024-02")
    assert catalog.order("date", selection) == ["b4", "b3"]  # 2024 may be January: kept
    # Every brief selected: the order listed once, handed out as a copy the caller may change.
    everything = catalog.order("date", catalog.select(""))
    assert everything == catalog.order("date") == ["b0", "b2", "b4", "b3", "b1"]
    everything.clear()
    assert catalog.order("date", catalog.all) == ["b0", "b2", "b4", "b3", "b1"]
    catalog.remove("b2")
    assert catalog.order("date", catalog.all) == ["b0", "b4", "b3", "b1"]  # not kept stale


@given(st.lists(st.sampled_from(DATES), max_size=12))
def test_the_date_order_is_newest_first_in_any_mix(dates: list[dt.date | None]) -> None:
    catalog = Catalog(
        [
            facts(Brief(f"b{i:02d}", Path(f"/b{i}.yaml"), "t", "s", date=d))
            for i, d in enumerate(dates)
        ]
    )
    ordered = [catalog.get(i).date for i in catalog.order("date")]  # type: ignore[union-attr]
    dated = [d for d in ordered if d is not None]
    assert dated == sorted(dated, key=date_key, reverse=True)
    assert ordered[len(dated) :] == [None] * (len(ordered) - len(dated))


def test_facets_count_briefs_and_give_the_filter() -> None:
    library = [
        Brief("a", Path("/a.yaml"), "t", "s", tags=("sahel", "niger"),
              sources=(Source("s", outlet="Associated Press"),),
              actors=(Actor("l", "Gen. Michael E. Langley", "person"),)),
        Brief("b", Path("/b.yaml"), "t", "s", tags=("Sahel",),
              sources=(Source("s", outlet="Associated Press"), Source("r", outlet="Reuters")),
              actors=(Actor("m", "Michael Langley", "person"), Actor("n", "Niger", "state"))),
    ]  # fmt: skip
    catalog = Catalog([facts(b) for b in library])
    found = facets(catalog)
    assert [(f.label, f.count, f.query) for f in found.tags] == [
        ("sahel", 2, "tag:sahel"),
        ("niger", 1, "tag:niger"),
    ]
    assert [(f.label, f.count, f.query) for f in found.outlets] == [
        ("Associated Press", 2, 'outlet:"Associated Press"'),
        ("Reuters", 1, "outlet:Reuters"),
    ]
    assert [(f.count, f.query) for f in found.actors] == [
        (2, "entity:michael-e-langley"),
        (1, "entity:niger"),
    ]
    assert catalog.select("entity:michael-e-langley").count == 2
    assert [f.count for f in facets(catalog, catalog.select("tag:niger")).outlets] == [1]


def test_related_and_referenced_by() -> None:
    library = [
        Brief("a", Path("/a.yaml"), "A", "s", date=dt.date(2024, 1, 1),
              related=(Related("b"), Related("ghost"))),
        Brief("b", Path("/b.yaml"), "B", "s"),
        Brief("c", Path("/c.yaml"), "C", "s", date=dt.date(2024, 5, 1),
              related=(Related("b"), Related("c"))),
    ]  # fmt: skip
    catalog = Catalog([facts(b) for b in library])
    assert [(x.brief_id, x.title, x.exists) for x in related(catalog, "a")] == [
        ("b", "B", True),
        ("ghost", "", False),
    ]
    assert [x.brief_id for x in referenced_by(catalog, "b")] == ["c", "a"]  # newest first
    assert referenced_by(catalog, "c") == []  # naming itself is no back-link
    catalog.remove("c")
    assert [x.brief_id for x in referenced_by(catalog, "b")] == ["a"]


@settings(max_examples=100, deadline=None)
@given(libraries(), QUERIES)
def test_the_library_timeline_is_in_date_order_and_grouped_by_month(
    library: list[Brief], query: str
) -> None:
    catalog = Catalog([facts(b) for b in library])
    selection = catalog.select(query)
    timeline = library_timeline(catalog, selection)
    chosen = {catalog.at(n).id for n in catalog.numbers(selection.mask)}
    expected = sorted(
        (date_key(e.date), b.id, i)
        for b in library
        if b.id in chosen
        for i, e in enumerate(b.timeline)
    )
    assert [(date_key(x.date), x.brief_id, x.index) for x in timeline] == expected
    lines = list(timeline)
    assert list(timeline.lines()) == lines
    for line in lines:
        brief = next(b for b in library if b.id == line.brief_id)
        assert (line.title, line.line) == (brief.title, brief.timeline[line.index].line)
    months = timeline.months()
    assert sum(m.count for m in months) == len(lines)
    for month in months:
        group = lines[month.start : month.start + month.count]
        assert len({date_key(x.date) // 100 for x in group}) == 1


def test_timeline_months_put_a_month_before_its_days_and_a_year_apart() -> None:
    brief = Brief("a", Path("/a.yaml"), "A", "s", timeline=(
        TimelineEntry(dt.date(2024, 3, 2), "day"),
        TimelineEntry(PartialDate(2024, 3), "month"),
        TimelineEntry(PartialDate(2024), "year"),
        TimelineEntry(dt.date(2024, 1, 5), "january"),
    ))  # fmt: skip
    timeline = library_timeline(Catalog([facts(brief)]))
    assert [x.event for x in timeline] == ["year", "january", "month", "day"]
    assert [(m.label, m.count) for m in timeline.months()] == [
        ("2024", 1),
        ("January 2024", 1),
        ("March 2024", 2),
    ]


def test_an_unknown_filter_leaves_the_rest_applied() -> None:
    catalog = Catalog([facts(Brief("a", Path("/a.yaml"), "t", "s", tags=("sahel",)))])
    selection = catalog.select("tag:sahel foo:bar")
    assert selection.count == 1 and len(selection.errors) == 1
    assert catalog.select("tag:nothing").count == 0


@pytest.mark.parametrize("query", ["", "   ", "-"])
def test_an_empty_query_selects_everything(query: str) -> None:
    catalog = Catalog([facts(Brief(i, Path(f"/{i}.yaml"), "t", "s")) for i in "abc"])
    assert catalog.select(query).count == 3


def test_without_words_the_words_are_left_to_the_caller() -> None:
    """The reader's search index finds words as they are typed: select(words=False) applies
    the filters alone, and never reads a brief's texts."""
    library = [
        Brief("a", Path("/a.yaml"), "junta", "s", tags=("sahel",)),
        Brief("b", Path("/b.yaml"), "drone", "s", tags=("sahel",)),
    ]

    def unread(facts: BriefFacts) -> list[str]:
        raise AssertionError(f"read the texts of {facts.id}")

    catalog = Catalog([facts_of(b.id, str(b.path), b, [], "", 0) for b in library], texts_of=unread)
    assert catalog.select("tag:sahel junta -drone", words=False).count == 2
    with pytest.raises(AssertionError, match="read the texts"):
        catalog.select("tag:sahel junta")


@pytest.mark.parametrize("name", ["full.yaml", "minimal.yaml", "markup-is-data.yaml"])
def test_the_item_count_is_the_number_of_searchable_items(name: str, load_good: Loader) -> None:
    brief = load_good(name).brief
    assert brief is not None
    facts = facts_of(brief.id, str(brief.path), brief, [], "", 0)
    assert facts.item_count == len(item_specs(brief)) == len(folded_texts(brief))
