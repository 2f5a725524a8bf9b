"""``briefing show`` formats and ``briefing list``: content, order, and safety with hostile data."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.brief.dates import PartialDate
from briefing.brief.loader import load_file
from briefing.brief.model import (
    Account,
    Actor,
    Brief,
    Discrepancy,
    Question,
    Quote,
    Related,
    Source,
    TimelineEntry,
    Verification,
)
from briefing.brief.problems import Problem
from briefing.commands.library import list_main
from briefing.commands.show import close_matches, show_main
from briefing.export import FORMATS, renderer
from briefing.export.html import anchor
from briefing.export.jsonout import to_data
from briefing.export.markdown import contain, escape
from briefing.export.table import format_json, format_table, list_row
from briefing.store.facts import facts_of

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted((REPO / "briefs").glob("*.yaml"))

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '" onmouseover="x'
JS_URL = "javascript:alert(1)"
ESCAPES = "\x1b[31mred\x1b[0m\x07\x9b2J"
HOSTILE = f"{SCRIPT} {BREAKOUT} [bold]x[/] [link=https://e.vil]y[/link] $name a|b {ESCAPES}"
HOSTILE_CELL = "".join(c for c in HOSTILE if c >= " " and not "\x7f" <= c <= "\x9f")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def h(label: str) -> str:
    """A hostile value that still says which field it came from."""
    return f"{label} {HOSTILE}"


def clean_brief() -> Brief:
    return Brief(
        id="clean",
        path=Path("clean.yaml"),
        title="Trainers arrive",
        summary="First *paragraph*.\n\nSee [the report](https://example.org/r).",
        date=dt.date(2024, 4, 11),
        tags=("niger", "russia"),
        sources=(
            Source(id="ap", outlet="Associated Press", url="https://apnews.com/x", line=5),
            Source(id="report", file="../seeds/a.txt", line=8),
        ),
        actors=(
            Actor(id="langley", name="Gen. Langley", kind="person", role="Commander", line=11),
            Actor(id="cnsp", name="CNSP", kind="organization", affiliation="Niger", line=14),
        ),
        quotes=(
            Quote(
                speaker="langley",
                text="active watching and warning",
                source="report",
                verification=Verification("verified", span=(10, 37)),
                line=20,
            ),
            Quote(
                speaker="cnsp",
                text="we never said this",
                source="ap",
                verification=Verification("not_found", closest="we said that"),
                line=24,
            ),
            Quote(speaker="cnsp", text="no article for this", line=28),
        ),
        open_questions=(Question("Will the U.S. leave?", actors=("cnsp",), line=30),),
        timeline=(
            TimelineEntry(PartialDate(2024, 3), "Delegation visits", line=32),
            TimelineEntry(dt.date(2024, 4, 10), "Plane lands", source="ap", line=33),
        ),
        discrepancies=(
            Discrepancy(
                "Troop numbers",
                (Account("report", "about 1,000"), Account("ap", "some 600")),
                line=36,
            ),
        ),
    )


def hostile_brief() -> Brief:
    """Every text field hostile, ids included; urls and Markdown links that must not link."""
    actor_id = f'a{BREAKOUT}<b>"'
    source_id = f"s {SCRIPT}"
    summary = (
        f"# Evil heading\n\n{HOSTILE}\n\n[click]({JS_URL}) [d](data:text/html,x) "
        f"[f](file:///etc/passwd) <{JS_URL}> ![img](https://e.vil/pixel.png)\n\n"
        f'<img src=x onerror="alert(1)"> <a href="{JS_URL}">a</a>\n\n'
        "[ftp](ftp://e.vil/x) [rel](../secret.html) [ok](https://example.org/ok)\n\n"
        "```\nunclosed fence\n## Not a section"
    )
    return Brief(
        id=h("id"),
        path=Path("hostile.yaml"),
        title=h("title"),
        summary=summary,
        date=dt.date(2024, 1, 2),
        tags=(h("tag"), "|"),
        sources=(
            Source(id=source_id, outlet=h("outlet"), title=h("stitle"), url=JS_URL, line=3),
            Source(id="web", outlet="Web", url=f'https://e.vil/"{BREAKOUT}', line=4),
            Source(id="ok", outlet="OK", url="https://example.org/article?a=1&b=2", line=5),
        ),
        actors=(
            Actor(
                id=actor_id,
                name=h("name"),
                role=h("role") + "\nsecond | line",
                affiliation=h("affiliation"),
                aliases=(h("alias"),),
                notes=f"{HOSTILE}\n\n[x]({JS_URL})\n\n# Notes heading",
                line=7,
                entity=h("entity"),
            ),
        ),
        quotes=(
            Quote(
                speaker=actor_id,
                text=h("quote"),
                source=source_id,
                context=h("context"),
                verification=Verification("not_found", closest=h("closest")),
                line=9,
            ),
            Quote(speaker="ghost", text=h("orphan"), source="nowhere", line=12),
        ),
        open_questions=(
            Question(h("question"), notes=f"{HOSTILE} [y]({JS_URL})", actors=(actor_id,)),
        ),
        timeline=(TimelineEntry(dt.date(2024, 1, 1), h("event"), source=source_id),),
        discrepancies=(
            Discrepancy(h("topic"), (Account(source_id, h("says")), Account("ok", "fine"))),
        ),
        related=(Related(h("related"), 40, 3),),
    )


def shipped_briefs() -> list[Brief]:
    briefs = []
    for path in SHIPPED:
        result = load_file(path, brief_id=path.stem)
        assert result.brief is not None, [p.format() for p in result.problems]
        briefs.append(result.brief)
    return briefs


ALL_BRIEFS = pytest.mark.parametrize(
    "make",
    [clean_brief, hostile_brief, *[lambda b=b: b for b in shipped_briefs()]],
    ids=["clean", "hostile", *[p.stem for p in SHIPPED]],
)


# -- HTML -----------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every tag, attribute, id and bit of text of a page, as a browser would parse it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def attr(self, name: str) -> list[str]:
        return [a[name] or "" for _, a in self.tags if name in a]


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "nav", "ul", "ol", "li",
    "a", "section", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "table", "thead", "tbody",
    "tr", "th", "td", "figure", "blockquote", "figcaption", "span", "strong", "em", "code", "pre",
    "br", "cite", "time", "dl", "dt", "dd", "hr",
}  # fmt: skip


@ALL_BRIEFS
def test_html_is_structurally_safe(make: object) -> None:
    brief = make()  # type: ignore[operator]
    html = renderer("html")(brief)
    page = Page(html)
    tags = {tag for tag, _ in page.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert "<script" not in html.lower()
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert "src" not in attrs  # no external asset, nor any inline one
    for href in page.attr("href"):
        assert re.match(r"(#|https?://|mailto:)", href), href
    ids = page.attr("id")
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids), ids
    assert len(ids) == len(set(ids))
    # Every in-page link (speaker, source, quote, section) lands somewhere.
    assert {href[1:] for href in page.attr("href") if href.startswith("#")} <= set(ids)
    csp = [a["content"] for tag, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0] or "")
    assert not CONTROL.search(html.replace("\n", ""))


def test_html_keeps_hostile_text_visible_as_text() -> None:
    brief = hostile_brief()
    page = Page(renderer("html")(brief))
    text = "".join(page.text)
    for label in ("title", "name", "role", "quote", "context", "closest", "event", "says"):
        assert f"{label} {SCRIPT} {BREAKOUT} [bold]x[/]" in text
    assert "[click](javascript:alert(1))" in text  # shown, not linked
    assert '<img src=x onerror="alert(1)">' in text
    assert JS_URL in text  # the source url, as text


def test_html_links_quotes_to_speakers_and_sources() -> None:
    brief = clean_brief()
    page = Page(renderer("html")(brief))
    figure_links = [a for tag, a in page.tags if tag == "a"]
    hrefs = [a["href"] for a in figure_links]
    assert hrefs.count("#actor-langley") == 1  # the quote's attribution
    assert "#source-report" in hrefs and "#source-ap" in hrefs
    assert ("tr", {"id": "actor-langley"}) in page.tags
    assert ("li", {"id": "source-report"}) in page.tags
    classes = page.attr("class")
    for status in ("verified", "not_found", "no_source"):
        assert f"mark {status}" in classes
    text = "".join(page.text)
    assert "\u2713 verified" in text and "not found in source" in text
    assert "Closest passage in the source: \u201cwe said that\u201d" in text
    assert "https://example.org/r" in hrefs and "https://apnews.com/x" in hrefs


def test_html_markdown_fields_render_with_links_limited() -> None:
    html = renderer("html")(hostile_brief())
    page = Page(html)
    assert "https://example.org/ok" in page.attr("href")
    assert ("h3", {}) in page.tags  # "# Evil heading" nested under the Summary h2
    assert [t for t, _ in page.tags].count("h1") == 1
    assert "https://example.org/article?a=1&amp;b=2" in html  # escaped in the attribute
    assert not [href for href in page.attr("href") if re.search(r'[\s"<>]', href)]


def test_html_anchor_ids_are_safe_and_distinct() -> None:
    assert anchor("actor", "langley") == "actor-langley"
    raw = ["a b", "a-b", "a_b", 'a"b', "", "ünï"]
    made = [anchor("actor", r) for r in raw]
    assert len(set(made)) == len(raw)
    assert all(re.fullmatch(r"actor-[A-Za-z0-9_-]+", m) for m in made)


def test_html_has_dark_and_light_styles() -> None:
    html = renderer("html")(clean_brief())
    assert "prefers-color-scheme: dark" in html
    assert '<meta name="color-scheme" content="light dark">' in html


# -- Markdown -------------------------------------------------------------------------------


def md_tokens(text: str) -> list[Token]:
    """Parsed as a permissive renderer would (raw HTML on, tables on), to catch leaks."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    flat = []
    for token in tokens:
        flat.append(token)
        flat.extend(token.children or ())
    return flat


@ALL_BRIEFS
def test_markdown_structure_survives_the_data(make: object) -> None:
    brief: Brief = make()  # type: ignore[operator]
    text = renderer("markdown")(brief)
    tokens = md_tokens(text)
    types = [t.type for t in tokens]
    assert "html_block" not in types and "html_inline" not in types
    assert types.count("blockquote_open") == len(brief.quotes)
    h1 = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 1
    h2 = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    expected = ["Summary"]
    expected += ["Sources"] if brief.sources else []
    expected += ["Actors"] if brief.actors else []
    expected += ["Quotes"] if brief.quotes else []
    expected += ["Open questions"] if brief.open_questions else []
    expected += ["Timeline"] if brief.timeline else []
    expected += ["Discrepancies"] if brief.discrepancies else []
    expected += ["Related"] if brief.related else []
    assert h2 == expected
    for token in tokens:
        if token.type == "link_open":
            assert re.match(r"(https?://|mailto:)", str(token.attrs["href"])), token.attrs
    if brief.actors:
        rows = [t for t in tokens if t.type == "tr_open"]
        cells = [t for t in tokens if t.type in ("td_open", "th_open")]
        assert len(rows) == len(brief.actors) + 1
        assert len(cells) == 4 * len(rows)
    assert not CONTROL.search(text.replace("\n", ""))


def test_markdown_shows_hostile_text_literally() -> None:
    brief = hostile_brief()
    tokens = md_tokens(renderer("markdown")(brief))
    text = "".join(t.content for t in tokens if t.type in ("text", "code_inline"))
    assert f"title {SCRIPT} {BREAKOUT} [bold]x[/]" in text
    assert "a|b" in text
    cells = []
    for i, token in enumerate(tokens):
        if token.type == "td_open":
            inline = next(t for t in tokens[i:] if t.type == "inline")
            cells.append("".join(c.content for c in inline.children or ()))
    assert cells[1:4] == [
        "other",
        f"role {HOSTILE_CELL} second | line",
        f"affiliation {HOSTILE_CELL}",
    ]
    assert "[click](javascript:alert(1))" in text
    assert "## Not a section" in "".join(t.content for t in tokens if t.type == "fence")


def test_markdown_content_and_attribution() -> None:
    text = renderer("markdown")(clean_brief())
    assert text.startswith("# Trainers arrive\n")
    assert "> active watching and warning\n>\n> \u2014 **Gen. Langley**, *report* (verified)" in (
        text
    )
    assert "(not found in source)" in text and "(no source text)" in text
    assert "| Gen. Langley | person | Commander |   |" in text
    assert "- **2024-04-10** \u2014 Plane lands (*Associated Press*)" in text
    assert "- **report:** about 1,000" in text
    assert "[the report](https://example.org/r)" in text


@pytest.mark.parametrize(
    ("raw", "rendered_text"),
    [
        ("1. not a list", "1. not a list"),
        ("# not a heading", "# not a heading"),
        ("- not an item", "- not an item"),
        ("*not em* _nor_ `code` <b>", "*not em* _nor_ `code` <b>"),
        ("&amp; stays", "&amp; stays"),
        ("line one\nline two", "line one line two"),
    ],
)
def test_markdown_escape_round_trips_to_the_same_text(raw: str, rendered_text: str) -> None:
    tokens = md_tokens(escape(raw))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "text", "paragraph_close"]
    assert tokens[2].content == rendered_text


def test_markdown_fields_are_contained() -> None:
    out = contain("# Top\n\nText <b>x</b>\n`<code>`\n\n```\nopen", 2)
    tokens = md_tokens(out)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h3"]
    assert out.endswith("```")  # the unclosed fence is closed
    assert "html_inline" not in [t.type for t in tokens]
    assert any(t.type == "code_inline" and t.content == "<code>" for t in tokens)
    assert contain("<https://ok.example/x>", 2) == "<https://ok.example/x>"


# -- text -----------------------------------------------------------------------------------


@ALL_BRIEFS
def test_text_has_no_control_characters(make: object) -> None:
    text = renderer("text")(make())  # type: ignore[operator]
    assert not CONTROL.search(text.replace("\n", "").replace("\t", ""))
    assert "\x1b" not in text


def test_text_is_complete_and_ordered() -> None:
    brief = clean_brief()
    text = renderer("text")(brief)
    headings = [line for line in text.splitlines() if line and line == line.upper()]
    assert headings == [
        "SOURCES", "SUMMARY", "ACTORS", "QUOTES", "OPEN QUESTIONS", "TIMELINE", "DISCREPANCIES",
    ]  # fmt: skip
    assert text.startswith("Trainers arrive\nDate: 2024-04-11\nTags: niger, russia\n")
    assert (
        "- Gen. Langley: \u201cactive watching and warning\u201d\n  Source: report (verified)"
        in (text)
    )
    assert "- CNSP: \u201cwe never said this\u201d\n  Source: Associated Press (not found" in text
    assert "Closest passage in source: we said that" in text
    assert "Source: none given (no source text)" in text
    assert "- Gen. Langley - Commander (person)" in text
    assert "- 2024-04-10: Plane lands (source: Associated Press)" in text
    assert "  report: about 1,000\n  Associated Press: some 600" in text
    assert "   Actors: CNSP" in text


def test_text_keeps_markup_literal_and_names_speakers() -> None:
    text = renderer("text")(hostile_brief())
    assert f"title {SCRIPT} {BREAKOUT} [bold]x[/] [link=https://e.vil]y[/link] $name a|b" in text
    assert "red[0m" in text  # the ESC is gone, the harmless rest stays
    assert "name <script>" in text.split("QUOTES", 1)[1]  # speaker name, not the id
    assert "ghost: \u201corphan" in text  # an unknown speaker falls back to the id


@pytest.mark.parametrize("brief", shipped_briefs(), ids=[p.stem for p in SHIPPED])
def test_text_names_every_speaker_of_shipped_briefs(brief: Brief) -> None:
    text = renderer("text")(brief)
    for quote in brief.quotes:
        assert f"{brief.speaker_name(quote)}: \u201c" in text


# -- JSON -----------------------------------------------------------------------------------


@ALL_BRIEFS
def test_json_round_trips_exactly(make: object) -> None:
    brief: Brief = make()  # type: ignore[operator]
    text = renderer("json")(brief)
    assert text == renderer("json")(brief)  # deterministic
    data = json.loads(text)
    assert data == {"version": 1, **to_data(brief)}
    assert list(data) == [
        "version", "id", "title", "date", "tags", "summary", "sources", "actors", "quotes",
        "open_questions", "timeline", "discrepancies", "related",
    ]  # fmt: skip
    assert data["title"] == brief.title  # hostile characters survive exactly
    assert [q["verification"]["status"] for q in data["quotes"]] == [
        q.verification.status for q in brief.quotes
    ]
    assert not CONTROL.search(text.replace("\n", ""))  # escaped, never raw


def test_json_values() -> None:
    data = json.loads(renderer("json")(clean_brief()))
    assert data["date"] == "2024-04-11"
    assert data["quotes"][0] == {
        "speaker": "langley",
        "speaker_name": "Gen. Langley",
        "text": "active watching and warning",
        "source": "report",
        "context": "",
        "verification": {"status": "verified", "closest": "", "span": [10, 37]},
        "line": 20,
    }
    assert data["sources"][1]["date"] is None and data["sources"][1]["label"] == "report"
    assert [t["date"] for t in data["timeline"]] == ["2024-03", "2024-04-10"]


# -- briefing show --------------------------------------------------------------------------

GOOD = """title: {title}
date: {date}
summary: A summary.
actors:
  - id: a
    name: Person A
quotes:
  - speaker: a
    text: hello
open_questions:
  - question: Why?
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "briefs"
    (root / "2024").mkdir(parents=True)
    (root / "niger-russia.yaml").write_text(GOOD.format(title="Niger", date="2024-04-11"))
    (root / "mali-wagner.yaml").write_text(GOOD.format(title="alpha Mali", date="2023-01-05"))
    (root / "2024" / "burkina.yaml").write_text(GOOD.format(title="Burkina", date="2024-06-01"))
    (root / "broken.yaml").write_text("title: [\n")
    return root


def test_show_by_id_and_by_path(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert show_main("2024/burkina", None, None, [library]) == 0
    by_id = capsys.readouterr()
    assert by_id.out.startswith("Burkina\nDate: 2024-06-01\n") and by_id.err == ""
    assert show_main(str(library / "niger-russia.yaml"), "json", None, [library]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Niger"
    assert show_main("mali-wagner.yaml", "markdown", None, [library]) == 0
    assert capsys.readouterr().out.startswith("# alpha Mali\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_writes_the_output_file(
    fmt: str, library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{fmt}"
    assert show_main("niger-russia", fmt, out, [library]) == 0
    assert capsys.readouterr().out == ""
    brief = load_file(library / "niger-russia.yaml", brief_id="niger-russia").brief
    assert brief is not None
    assert out.read_text(encoding="utf-8") == renderer(fmt)(brief)


def test_show_cannot_write(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert show_main("niger-russia", "text", tmp_path / "no" / "x.txt", [library]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_show_unknown_id_lists_close_matches(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert show_main("niger-rusia", None, None, [library]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no brief 'niger-rusia'" in captured.err
    assert "did you mean: niger-russia" in captured.err
    assert show_main("burkina", None, None, [library]) == 1
    assert "did you mean: 2024/burkina" in capsys.readouterr().err
    assert show_main("zzzzzz", None, None, [library]) == 1
    assert "briefing list" in capsys.readouterr().err


def test_show_error_never_echoes_escapes(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert show_main("x\x1b[2J\x9b", None, None, [library]) == 1
    assert not CONTROL.search(capsys.readouterr().err.replace("\n", ""))


def test_show_broken_brief_prints_problems(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert show_main("broken", "html", None, [library]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.search(r"broken\.yaml:\d+:\d+: error: YAML syntax", captured.err)


def test_show_folder_is_an_error(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert show_main(str(library), None, None, [library]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_close_matches() -> None:
    ids = ["niger-russia", "2024/niger-coup", "mali-wagner"]
    assert close_matches("niger", ids)[:2] == ["niger-russia", "2024/niger-coup"]
    assert close_matches("mali-wagnr", ids) == ["mali-wagner"]
    assert close_matches("qqq", ids) == []
    # one word of a slug, misspelled, is enough
    assert close_matches("wagnr", ids) == ["mali-wagner"]
    assert close_matches("nigr", ids) == ["niger-russia", "2024/niger-coup"]


# -- briefing list --------------------------------------------------------------------------


def test_list_formats() -> None:
    facts = facts_of(
        "x|\x1b[1m", "/x.yaml", Brief("x", Path("x"), "T \x1b]0;t\x07", "s"), [], "", 0
    )
    table = format_table([list_row(facts)])
    assert table.splitlines()[0].split() == [
        "ID", "DATE", "ACTORS", "QUOTES", "QUESTIONS", "ERRORS", "WARNINGS", "TITLE",
    ]  # fmt: skip
    assert "\x1b" not in table and "\x07" not in table
    whole = json.loads(format_json([list_row(facts, new=True)]))
    assert list(whole) == ["version", "briefs"] and whole["version"] == 1
    data = whole["briefs"]
    assert data[0]["id"] == "x|\x1b[1m" and data[0]["problems"] == 0 and data[0]["new"] is True


def test_list_row_counts() -> None:
    problems = [Problem("a", 1, 1, "warning", "w"), Problem("a", 1, 1, "warning", "w")]
    row = list_row(facts_of("a", "/a.yaml", clean_brief(), problems, "", 0))
    assert (row.actors, row.quotes, row.questions, row.errors, row.warnings) == (2, 3, 1, 0, 2)
    broken = list_row(facts_of("d", "/d.yaml", None, [Problem("d", 1, 1, "error", "bad")], "", 0))
    assert (broken.loaded, broken.errors, broken.title) == (False, 1, "")
    assert "(does not load; see briefing check)" in format_table([broken])


def test_partial_dates_are_shown_as_written() -> None:
    brief = clean_brief()
    text = renderer("text")(brief)
    assert "- March 2024: Delegation visits" in text
    assert "**March 2024** \u2014 Delegation visits" in renderer("markdown")(brief)
    assert '<time datetime="2024-03">March 2024</time>' in renderer("html")(brief)
    year = brief.replace(date=PartialDate(2024))
    assert "Date: 2024\n" in renderer("text")(year)
    assert json.loads(renderer("json")(year))["date"] == "2024"


def test_entity_and_related_in_every_format() -> None:
    brief = clean_brief().replace(
        actors=(Actor("langley", "Gen. Langley", "person", line=11, entity="michael-langley"),),
        related=(Related("2024/mali-wagner", 40, 3), Related("niger-coup", 41, 3)),
    )
    text = renderer("text")(brief)
    assert "  Entity: michael-langley" in text
    assert text.endswith("RELATED\n- 2024/mali-wagner\n- niger-coup\n")
    markdown = renderer("markdown")(brief)
    assert "*Entity:* michael-langley" in markdown
    assert markdown.endswith("## Related\n\n- 2024/mali-wagner\n- niger-coup\n")
    html = renderer("html")(brief)
    assert "entity: <code>michael-langley</code>" in html
    assert "<li><code>2024/mali-wagner</code></li>" in html
    data = json.loads(renderer("json")(brief))
    assert data["related"] == ["2024/mali-wagner", "niger-coup"]
    assert data["actors"][0]["entity"] == "michael-langley"


def test_list_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert list_main([tmp_path], [], "text", "id") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no briefs" in captured.err
    assert list_main([tmp_path], [], "json", "id") == 0
    assert json.loads(capsys.readouterr().out) == {"version": 1, "briefs": []}
