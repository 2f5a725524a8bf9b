"""Quotes against their article: typography-tolerant, in order across elisions, never loose."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.brief.loader import load_file, load_text
from briefing.brief.provenance import (
    _FOLD,
    ARTICLE_MAX_BYTES,
    Article,
    ArticleCache,
    _fold,
    closest_passage,
    quote_parts,
    verify,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = (
    "Officials said the base was key for \u201cactive watching and warning.\u201d\n"
    "The junta\u2019s spokesman denounced \u201cwith force the condescending attitude\u201d\n"
    "of the delegation \u2014 a rare public rebuke \u2013 during the 2023\u20132024 talks.\n"
    'He said it was "a long-term plan" and that nothing\u2026 had changed.\n'
    "Such cooperation is unlikely, he added.\n"
)


@pytest.fixture
def article() -> Article:
    return Article.from_text(ARTICLE)


def _verified_passage(quote: str, article: Article) -> str:
    result = verify(quote, article)
    assert result.status == "verified", (quote, result)
    assert result.span is not None
    start, end = result.span
    return article.text[start:end]


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        # curly vs straight, both ways
        ("The junta's spokesman", "The junta\u2019s spokesman"),
        ('"with force the condescending attitude"', "with force the condescending attitude"),
        ("it was \u201ca long-term plan\u201d", 'it was "a long-term plan'),
        ("\u2018active watching\u2019", "active watching"),
        # en and em dashes vs hyphen, spaced or not, or typed as "--"
        ("the delegation - a rare public rebuke", "the delegation \u2014 a rare public rebuke"),
        ("the delegation\u2014a rare public rebuke", "the delegation \u2014 a rare public rebuke"),
        ("the delegation -- a rare public rebuke", "the delegation \u2014 a rare public rebuke"),
        ("rebuke - during the 2023-2024 talks", "rebuke \u2013 during the 2023\u20132024 talks"),
        ("a long\u2013term plan", "a long-term plan"),
        # whitespace and line breaks
        ("warning.\u201d The junta\u2019s", "warning.\u201d\nThe junta\u2019s"),
        ('attitude" of   the\n  delegation', "attitude\u201d\nof the delegation"),
    ],
)
def test_typography_is_tolerated(quote: str, passage: str, article: Article) -> None:
    assert _verified_passage(quote, article) == passage


@pytest.mark.parametrize(
    "quote",
    [
        "Officials said ... active watching and warning",
        "Officials said \u2026 active watching and warning",
        "Officials said [...] active watching and warning",
        "Officials said...the base...warning",
        "the base \u2026 the condescending attitude \u2026 unlikely",
        "nothing\u2026 had changed",  # an ellipsis in the article itself
    ],
)
def test_elisions_match_parts_in_order(quote: str, article: Article) -> None:
    result = verify(quote, article)
    assert result.status == "verified"
    assert result.span is not None
    first = quote_parts(quote)[0]
    assert article.text[result.span[0] :].startswith(first)


@pytest.mark.parametrize(
    "quote",
    [
        "active watching and warning ... Officials said",
        "unlikely \u2026 the condescending attitude",
        "warning [...] the base",
    ],
)
def test_elided_parts_out_of_order_are_not_found(quote: str, article: Article) -> None:
    result = verify(quote, article)
    assert result.status == "not_found"
    assert result.span is None


def test_quote_parts_drop_elisions_and_edge_punctuation() -> None:
    assert quote_parts("\u201cWe are here \u2026 to train,\u201d") == ["We are here", "to train"]
    assert quote_parts("...") == []


@pytest.mark.parametrize(
    "quote",
    [
        "active watching and waiting",  # one word changed
        "Active Watching And Warning",  # case matters: a quote is verbatim
        "the delegation - a rare private rebuke",
        "active warning and watching",  # words swapped
    ],
)
def test_close_but_different_is_not_found(quote: str, article: Article) -> None:
    assert verify(quote, article).status == "not_found"


def test_not_found_gives_the_closest_passage(article: Article) -> None:
    result = verify("Such cooperation is likely", article)
    assert result.status == "not_found"
    assert result.closest == "Such cooperation is unlikely,"


def test_closest_passage_is_article_text(article: Article) -> None:
    closest = closest_passage("the condescending attitude of the delegates", article)
    assert "condescending attitude" in closest
    assert " ".join(closest.split()) in " ".join(Article.from_text(ARTICLE).folded.split())


def test_empty_quote_is_not_found(article: Article) -> None:
    assert verify("\u2026", article).status == "not_found"


def test_real_article_quote_spans_the_source_text() -> None:
    text = (SEEDS / "000_b12468ef608dcbd7.txt").read_text(encoding="utf-8")
    article = Article.from_text(text)
    # Edge punctuation is not part of the match: the span is the words themselves.
    assert _verified_passage("\u201cactive watching and warning.\u201d", article) == (
        "active watching and warning"
    )
    passage = _verified_passage(
        'to "come out massively" - echoing calls that last year preceded', article
    )
    assert (
        passage == "to \u201ccome out massively\u201d \u2014 echoing calls that last year preceded"
    )


# -- through the loader ------------------------------------------------------------------


def _brief(tmp_path: Path, sources: str, quotes: str) -> Path:
    path = tmp_path / "briefs" / "b.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        "title: t\nsummary: s\nsources:\n"
        + sources
        + "actors:\n  - id: a\n    name: A\nquotes:\n"
        + quotes
    )
    return path


def test_loader_marks_each_quote(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE)
    path = _brief(
        tmp_path,
        "  - id: art\n    file: ../article.txt\n  - id: web\n    url: https://example.com\n",
        "  - speaker: a\n    text: active watching and warning\n    source: art\n"
        "  - speaker: a\n    text: Such cooperation is likely\n    source: art\n"
        "  - speaker: a\n    text: anything at all\n    source: web\n",
    )
    result = load_file(path, display="b.yaml")
    assert result.brief is not None
    statuses = [q.verification.status for q in result.brief.quotes]
    assert statuses == ["verified", "not_found", "no_source"]
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.line, problem.col) == (
        "quote-not-found",
        "warning",
        15,
        1,
    )
    assert problem.message == "quote not found in source 'art'"
    assert problem.hint == "closest passage: \u201cSuch cooperation is unlikely,\u201d"


def test_missing_article_file_is_a_warning_and_quotes_have_no_source(tmp_path: Path) -> None:
    path = _brief(
        tmp_path,
        "  - id: art\n    file: ../missing.txt\n",
        "  - speaker: a\n    text: words\n    source: art\n",
    )
    result = load_file(path, display="b.yaml")
    assert result.brief is not None
    assert result.brief.quotes[0].verification.status == "no_source"
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.line) == ("source-file-missing", "warning", 4)
    assert "'../missing.txt' cannot be read" in problem.message
    assert problem.hint == "paths are relative to the brief file"


def test_article_with_crlf_and_bad_bytes_still_verifies(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_bytes(
        ARTICLE.replace("\n", "\r\n").encode("utf-8") + b"\xff trailing junk\r\n"
    )
    path = _brief(
        tmp_path,
        "  - id: art\n    file: ../article.txt\n",
        "  - speaker: a\n    text: warning.\" The junta's spokesman\n    source: art\n",
    )
    result = load_file(path)
    assert result.problems == []
    assert result.brief is not None
    assert result.brief.quotes[0].verification.status == "verified"


def test_article_cache_reads_each_file_once(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("first version")
    cache = ArticleCache()
    first = cache.get(path)
    path.write_text("second version")
    assert cache.get(path) is first
    assert cache.get(tmp_path / "missing.txt") is None
    assert ArticleCache().get(path) is not None


def test_quote_check_uses_the_brief_folder_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE)
    path = _brief(
        tmp_path,
        "  - id: art\n    file: ../article.txt\n",
        "  - speaker: a\n    text: active watching\n    source: art\n",
    )
    monkeypatch.chdir(path.parent.parent.parent)
    result = load_text(path.read_text(), path)
    assert result.brief is not None
    assert result.brief.quotes[0].verification.status == "verified"


# -- bounded article reads ---------------------------------------------------------------


def _unread(tmp_path: Path, file: str) -> tuple[list[str], str]:
    """The quote's status and the one problem of a brief citing ``file``."""
    path = _brief(
        tmp_path,
        f"  - id: art\n    file: {file}\n",
        "  - speaker: a\n    text: active watching\n    source: art\n",
    )
    result = load_file(path, display="b.yaml")
    assert result.brief is not None
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.line, problem.col) == (
        "source-file-unreadable",
        "warning",
        4,
        1,
    )
    return [q.verification.status for q in result.brief.quotes], problem.message


def test_an_article_that_is_a_device_is_not_read(tmp_path: Path) -> None:
    statuses, message = _unread(tmp_path, "/dev/zero")
    assert statuses == ["no_source"]
    assert message == "source 'art': article file '/dev/zero' cannot be read: it is a device"


def test_an_article_linked_to_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    assert _unread(tmp_path, "../zero.txt")[1].endswith("cannot be read: it is a device")


def test_an_article_that_is_a_fifo_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block until a writer came
    assert _unread(tmp_path, "../pipe.txt")[1].endswith("it is a FIFO (named pipe)")


def test_an_article_that_is_a_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert _unread(tmp_path, "../folder.txt")[1].endswith("cannot be read: it is a folder")


def test_a_huge_article_is_refused_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 200 MB that cost no disk
        handle.truncate(200_000_000)
    statuses, message = _unread(tmp_path, "../huge.txt")
    assert statuses == ["no_source"]
    assert message == (
        "source 'art': article file '../huge.txt' is 200,000,000 bytes, "
        f"over the {ARTICLE_MAX_BYTES:,}-byte limit for articles"
    )


def test_the_article_limit_holds_for_a_file_that_grows_while_read(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("x" * 100)
    cache = ArticleCache(limit=10)
    failure = cache.failure(path)
    assert failure is not None and failure.too_large == 100
    assert cache.get(path) is None


def _closest_by_comparing_every_window(quote: str, article: Article) -> str:
    """The first implementation of ``closest_passage``: a difflib comparison per window."""
    wanted = _fold(quote).casefold().split()
    words = article.folded.split(" ")
    if not wanted or not words:
        return ""
    folded_words = [w.casefold() for w in words]
    size = min(len(wanted), len(words))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    scored: list[tuple[float, int]] = []
    for start in range(0, len(words) - size + 1):
        matcher.set_seq1(folded_words[start : start + size])
        scored.append((matcher.quick_ratio(), start))
    candidates = sorted(scored, reverse=True)[:8]
    target = " ".join(wanted)
    chars = difflib.SequenceMatcher(autojunk=False)
    chars.set_seq2(target)
    best, best_at = -1.0, 0
    for _, start in candidates:
        chars.set_seq1(" ".join(folded_words[start : start + size]))
        score = chars.ratio()
        if score > best:
            best, best_at = score, start
    return " ".join(words[best_at : best_at + size])


WORDS = st.lists(st.sampled_from(["a", "b", "ab", "B", "c", "the", "The", "un", "x-y"]))


@given(article=WORDS.map(" ".join), quote=WORDS.map(" ".join))
def test_the_sliding_window_finds_what_a_comparison_per_window_found(
    article: str, quote: str
) -> None:
    folded = Article.from_text(article)
    assert closest_passage(quote, folded) == _closest_by_comparing_every_window(quote, folded)


def _folded_a_character_at_a_time(text: str) -> Article:
    """The fold as first written, one character at a time: the specification of
    ``Article.from_text``, kept for the test below."""
    folded: list[str] = []
    offsets: list[int] = []
    in_space = after_dash = False
    for index, char in enumerate(text.translate(_FOLD)):
        if char == "-":
            if in_space:  # the space before a dash goes
                folded.pop()
                offsets.pop()
            in_space = False
            if after_dash:  # "--" and "- -" are one dash
                continue
            after_dash = True
        elif char.isspace():
            if in_space or after_dash or not folded:
                continue
            in_space = True
            char = " "
        else:
            in_space = after_dash = False
        folded.append(char)
        offsets.append(index)
    return Article(text, "".join(folded), tuple(offsets))


_TYPOGRAPHY = st.sampled_from(
    [
        *"ab. '\"-\t\n\r\x0b\x0c\x1c\x85\u00a0\u2009\u202f\u2028\u3000\u2013\u2014\u2212",
        *("\u2018", "\u2019", "\u201c", "\u201d", "--", " - ", " -- "),
    ]
)


@given(st.lists(_TYPOGRAPHY | st.characters(), max_size=40).map("".join))
def test_an_article_folds_as_it_would_a_character_at_a_time(text: str) -> None:
    """Blanks, dashes and their runs in every order, and any other character: the folded text
    and each kept character's offset in the article are the same."""
    assert Article.from_text(text) == _folded_a_character_at_a_time(text)


def test_an_article_folds_its_runs_of_blanks_and_dashes() -> None:
    article = Article.from_text("  Talks \u2014 ended --  today.\n\nThen\u00a0more ")
    assert article.folded == "Talks-ended-today. Then more "
    assert [article.text[i] for i in article.offsets[:7]] == list("Talks\u2014e")
