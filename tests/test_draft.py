"""`briefing draft`: every quotation found, speakers guessed, valid YAML whatever the article."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.draft.scaffold import draft_brief, draft_main

ROOT = Path(__file__).resolve().parent.parent
NYT = ROOT / "seeds" / "000_b12468ef608dcbd7.txt"
AP = ROOT / "seeds" / "001_5907ff9c6a8e08f3.txt"
SEEDS = [NYT, AP]
BRIEF_KEYS = {"title", "summary", "sources", "actors", "quotes", "open_questions"}

FUZZ = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def draft(text: str, **options: str) -> dict[str, Any]:
    """The draft, parsed, after checking what must hold for every draft of every article."""
    options.setdefault("article_rel_path", "article.txt")
    out = draft_brief(text, **options)
    data = yaml.safe_load(out)
    assert isinstance(data, dict) and set(data) == BRIEF_KEYS, out
    assert all(isinstance(leaf, str) for leaf in _leaves(data)), "every value reads as text"
    assert "\x1b" not in out
    assert data["title"].strip()
    (source,) = data["sources"]
    ids = [actor["id"] for actor in data["actors"]]
    assert len(ids) == len(set(ids)), ids
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids), ids
    for quote in data["quotes"]:
        assert quote["speaker"] in ids, quote
        assert quote["source"] == source["id"]
        assert quote["text"].strip()
    assert ("todo" in ids) == any(q["speaker"] == "todo" for q in data["quotes"])
    return data


def speaker_of(data: dict[str, Any], words: str) -> str:
    """The name of the actor the draft gives as the speaker of the one quote holding ``words``."""
    names = {actor["id"]: actor["name"] for actor in data["actors"]}
    (speaker,) = [names[q["speaker"]] for q in data["quotes"] if words in q["text"]]
    return str(speaker)


def actor_named(data: dict[str, Any], name: str) -> dict[str, Any]:
    (actor,) = [a for a in data["actors"] if a["name"] == name]
    return dict(actor)


def quoted_passages(text: str) -> list[str]:
    """The passages between paired marks, found without the drafter's scanner."""
    found = re.findall(r"“([^“”]*)”", text) + re.findall(r'"([^"\n]*)"', text)
    return [" ".join(passage.split()).rstrip(",") for passage in found]


# -- the two articles in seeds/ -----------------------------------------------------------


@pytest.mark.parametrize("article", SEEDS, ids=lambda p: p.stem)
def test_every_quotation_in_the_seed_articles_is_a_candidate_quote(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    expected = quoted_passages(text)
    assert len(expected) == text.count("“") > 0  # every opening mark starts one passage
    found = [quote["text"] for quote in draft(text)["quotes"]]
    assert sorted(found) == sorted(expected)


def test_the_nyt_report_speakers() -> None:
    data = draft(NYT.read_text(encoding="utf-8"))
    assert speaker_of(data, "active watching and warning") == "Gen. Michael E. Langley"
    assert speaker_of(data, "with force the condescending attitude") == "Amadou Abdramane"
    trainer = speaker_of(data, "to train the Nigerien army, using the military materials")
    assert re.fullmatch(r"Russian .*(trainer|instructor)", trainer)
    assert "official" in speaker_of(data, "dynamic").lower()
    # A label ("identified as a ...") that the article gives to nobody stays for the author.
    assert speaker_of(data, "Russian military instructor") == "TODO"
    attributed = [q for q in data["quotes"] if q["speaker"] != "todo"]
    assert len(attributed) >= len(data["quotes"]) - 1


def test_the_ap_report_speakers() -> None:
    data = draft(AP.read_text(encoding="utf-8"))
    for words in ("train the Nigerien army to use", "develop military cooperation"):
        assert speaker_of(data, words) == "Russian trainer"
    for words in ("The arrival of a Russian air defense system", "Such cooperation is unlikely"):
        assert speaker_of(data, words) == "John Lechner"
    assert all(q["speaker"] != "todo" for q in data["quotes"])


def test_speakers_and_candidates_get_their_roles() -> None:
    nyt = draft(NYT.read_text(encoding="utf-8"))
    langley = actor_named(nyt, "Gen. Michael E. Langley")
    assert (langley["id"], langley["kind"]) == ("langley", "person")
    assert langley["role"] == "Head of U.S. military operations in Africa"
    assert langley["aliases"] == ["Langley"]
    assert actor_named(nyt, "Amadou Abdramane")["role"] == "Junta spokesman"
    assert "top official" in actor_named(nyt, "Molly Phee")["role"]
    assert actor_named(nyt, "Celeste Wallander")["role"].startswith("assistant secretary")
    assert actor_named(nyt, "State Department")["kind"] == "organization"
    ap = draft(AP.read_text(encoding="utf-8"))
    lechner = actor_named(ap, "John Lechner")
    assert lechner["role"] == "Africa analyst and author on the Wagner Group"
    assert actor_named(ap, "Vladimir Putin")["role"] == "Russian President"
    assert actor_named(ap, "CNSP")["kind"] == "organization"


def test_a_headline_becomes_the_title_and_a_paragraph_does_not() -> None:
    ap_text = AP.read_text(encoding="utf-8")
    ap = draft(ap_text)
    assert ap["title"] == ap["sources"][0]["title"] == ap_text.splitlines()[0]
    nyt = draft(NYT.read_text(encoding="utf-8"))
    assert nyt["title"] == "TODO" and "title" not in nyt["sources"][0]
    assert draft("“Quoted first line”\n\nBody.")["title"] == "TODO"


@pytest.mark.parametrize("article", SEEDS, ids=lambda p: p.stem)
def test_the_written_draft_loads_and_every_quote_verifies(article: Path, tmp_path: Path) -> None:
    loader = pytest.importorskip("briefing.brief.loader")
    output = tmp_path / "briefs" / "draft.yaml"
    output.parent.mkdir()
    assert draft_main(article, output) == 0
    result = loader.load_file(output)
    assert [p.format() for p in result.problems if p.is_error] == []
    assert result.brief is not None and result.brief.quotes
    assert {q.verification.status for q in result.brief.quotes} == {"verified"}


def test_every_value_is_written_double_quoted() -> None:
    out = draft_brief(NYT.read_text(encoding="utf-8"), article_rel_path="a.txt")
    values = re.findall(r"(?m)^ *(?:- )?\w+: (.+)$", out)
    assert values and all(v.startswith(('"', "[")) for v in values), values


# -- how quotations are found and attributed ----------------------------------------------

RUN_ON = (
    "Council rejects the plan\n\n"
    "Jane Doe, a spokeswoman for the council, spoke on Monday.\n\n"
    "“The first part of the statement,” said Jane Doe. “It continues\n\n"
    "“into a second paragraph, and ends here.”\n\n"
    "According to the Interior Ministry, the protest was “peaceful.”\n"
)


def test_a_quotation_that_runs_on_is_one_quote_with_an_elision() -> None:
    data = draft(RUN_ON)
    texts = [q["text"] for q in data["quotes"]]
    assert texts == [
        "The first part of the statement",
        "It continues ... into a second paragraph, and ends here.",
        "peaceful.",
    ]
    assert speaker_of(data, "It continues") == "Jane Doe"
    assert actor_named(data, "Jane Doe")["role"] == "spokeswoman for the council"
    assert speaker_of(data, "peaceful") == "Interior Ministry"
    provenance = pytest.importorskip("briefing.brief.provenance")
    article = provenance.Article.from_text(RUN_ON)
    assert all(provenance.verify(text, article).status == "verified" for text in texts)


def test_straight_quotes_colons_and_pronouns() -> None:
    text = (
        '"We will not leave," said Defense Secretary Lloyd Austin. "Not now."\n'
        'Maria Lopez, a spokeswoman for the ministry, said the talks were "slow."\n'
        'Lopez: "We are ready."\n'
        'He said: "Enough."\n'
        '"Nothing to add," one of the officials told reporters.\n'
    )
    data = draft(text)
    assert len(data["quotes"]) == len(quoted_passages(text)) == text.count('"') // 2
    assert speaker_of(data, "We will not leave") == speaker_of(data, "Not now") == "Lloyd Austin"
    assert actor_named(data, "Lloyd Austin")["role"] == "Defense Secretary"
    for words in ("slow", "We are ready", "Enough"):
        assert speaker_of(data, words) == "Maria Lopez"
    assert speaker_of(data, "Nothing to add") == "Official"


def test_no_attribution_gives_the_todo_actor() -> None:
    data = draft("The crowd chanted “out, out” all night.")
    assert [q["speaker"] for q in data["quotes"]] == ["todo"]
    assert actor_named(data, "TODO")["id"] == "todo"


# -- hostile articles ---------------------------------------------------------------------

HOSTILE = {
    "empty": "",
    "blank": " \n\n\t \r\n",
    "only quotes": '“”“”""“',
    "unbalanced": "He said “it is open.\n\n” stray close “ and “double “open” end\n\n“",
    "escapes": "\x1b[2J\x1b]0;pwned\x07Title\x1b[31m\n\n“hi,” said Gen. Foo Bar.\x00\x07\x9b",
    "markup": "[bold]Head[/]\n\n“[link=https://x]click[/link] $name,” said [red]Bob Smith[/].",
    "long line": "word " * 20_000 + "“end,” he said.",
    "long quote": "“" + "a" * 100_000 + "”",
    "long name run": "Gen. Abc Def said " * 6_000,
    "long capitals": "A." * 50_000,
    "many quotes": "“a,” said Jo Bo. " * 2_000,
    "controls": "".join(chr(c) for c in range(0x250)),
    "line separators": "x\ry\u2028z\u2029w\x85 “a\u2028b,” said Ann Lee.",
    "yaml-like quotes": "“no” “~” “2024-04-11” “- a: b” “# c” “&a *a !!python/object” “{x: [y]}”",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_articles_give_a_valid_draft(text: str) -> None:
    draft(text)


def test_hostile_text_is_kept_as_text() -> None:
    data = draft(HOSTILE["markup"])
    assert data["title"] == "[bold]Head[/]"
    assert data["quotes"][0]["text"] == "[link=https://x]click[/link] $name"
    yamlish = draft(HOSTILE["yaml-like quotes"])
    wordy = [p for p in quoted_passages(HOSTILE["yaml-like quotes"]) if re.search(r"\w", p)]
    assert [q["text"] for q in yamlish["quotes"]] == wordy  # "~" has no words to quote
    assert len(draft(HOSTILE["long quote"])["quotes"][0]["text"]) == 100_000
    assert draft(HOSTILE["escapes"])["quotes"][0]["text"] == "hi"


ANY_CHAR = st.characters(exclude_categories=())


@FUZZ
@given(st.text(ANY_CHAR, max_size=200), st.text(ANY_CHAR, max_size=40))
def test_any_path_and_source_id_round_trip(path: str, source_id: str) -> None:
    data = draft("", article_rel_path=path, source_id=source_id)
    assert data["sources"][0]["file"] == path


TOKENS = st.sampled_from(
    [
        "“", "”", '"', " said ", " says ", " told ", "according to ", " he ", "She ", ": ",
        ", ", ". ", "\n", "\n\n", "Gen. ", "John Smith", "Ann Lee, an analyst", "the official",
        "one of the trainers", "Interior Ministry", "x", "Yes", "[bold]", "$x", "\t", "\r\n",
        "\u2028", "…", "...", "'", "who heads ", "known as the ", "CNSP",
    ]
)  # fmt: skip


@FUZZ
@given(st.lists(TOKENS, max_size=60).map("".join))
def test_any_article_gives_a_valid_draft_with_verbatim_quotes(text: str) -> None:
    data = draft(text)
    provenance = pytest.importorskip("briefing.brief.provenance")
    article = provenance.Article.from_text(text)
    for quote in data["quotes"]:
        if provenance.quote_parts(quote["text"]):
            assert provenance.verify(quote["text"], article).status == "verified", quote


@FUZZ
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_draft(text: str) -> None:
    draft(text)


# -- the command --------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "report.txt"
    path.parent.mkdir()
    path.write_bytes(AP.read_bytes())
    return path


def test_the_draft_is_written_with_a_path_relative_to_it(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "briefs" / "niger.yaml"
    output.parent.mkdir()
    assert draft_main(article, output) == 0
    data = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert data["sources"][0]["file"] == "../articles/report.txt"
    assert (output.parent / data["sources"][0]["file"]).resolve() == article.resolve()
    captured = capsys.readouterr()
    assert captured.out == "" and "niger.yaml" in captured.err


def test_the_draft_is_printed_with_a_path_relative_to_the_working_folder(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    assert draft_main(article, None) == 0
    captured = capsys.readouterr()
    assert yaml.safe_load(captured.out)["sources"][0]["file"] == "articles/report.txt"
    assert captured.err == ""


def test_an_existing_file_is_never_overwritten(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "mine.yaml"
    output.write_text("title: keep me\n", encoding="utf-8")
    assert draft_main(article, output) == 1
    assert output.read_text(encoding="utf-8") == "title: keep me\n"
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("folder", "cannot read"),
        (b"caf\xe9 \xff", "is not UTF-8 text (byte 0xE9 at offset 3)"),
        (b"\xff\xfeh\x00i\x00", "is not UTF-8 text"),
    ],
    ids=["missing", "a folder", "latin-1", "utf-16"],
)
def test_an_unusable_article_is_a_clear_error(
    content: bytes | str | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.txt"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert draft_main(path, None) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("briefing: error: ") and message in captured.err
    assert "Traceback" not in captured.err


def test_an_unwritable_output_is_a_clear_error(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert draft_main(article, tmp_path / "no such folder" / "x.yaml") == 1
    assert "cannot write" in capsys.readouterr().err
