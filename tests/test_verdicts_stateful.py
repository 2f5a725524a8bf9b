"""Random edits, additions and deletions of briefs and articles, and a damaged cache: after any
of them, a check that uses the verdict cache prints exactly what a cold check prints."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from briefing.commands.check import run_check

FIXTURES = Path(__file__).resolve().parent / "fixtures"

BRIEFS = ("a.yaml", "b.yaml", "sub/c.yaml", "sub/d.yml")
ARTICLES = ("one.txt", "two.txt")
SENTENCES = (
    "The minister said the talks would resume in May.",
    "Nothing was agreed, a spokesman said \u2014 not yet.",
    "\u201cWe will not leave,\u201d the colonel said.",
    "Troops arrived in Niamey on Friday.",
)
QUOTES = (
    "the talks would resume in May",
    "Nothing was agreed",
    "We will not leave",
    "Troops arrived in Niamey",
    "the talks were over",
)
BAD = sorted(p.name for p in (FIXTURES / "bad").iterdir())


def brief_text(title: str, article: str, quotes: list[str], folder_up: bool) -> str:
    """A brief citing one article (from ``sub/`` only when ``folder_up``), with some quotes."""
    where = "../../seeds" if folder_up else "../seeds"
    lines = [
        f"title: {title}",
        "summary: A brief for the cache.",
        "sources:",
        "  - id: wire",
        f"    file: {where}/{article}",
        "actors:",
        "  - id: min",
        "    name: The Minister",
    ]
    if quotes:
        lines.append("quotes:")
        for quote in quotes:
            lines += ["  - speaker: min", f'    text: "{quote}"', "    source: wire"]
    return "\n".join(lines) + "\n"


brief_texts = st.one_of(
    st.builds(
        lambda t, a, q, up: brief_text(t, a, q, up).encode(),
        st.sampled_from(["Talks", "TODO", "NO", "Niger"]),
        st.sampled_from(ARTICLES),
        st.lists(st.sampled_from(QUOTES), max_size=3),
        st.booleans(),
    ),
    st.sampled_from(BAD).map(lambda name: (FIXTURES / "bad" / name).read_bytes()),
    st.sampled_from(sorted((FIXTURES / "good").iterdir())).map(lambda p: p.read_bytes()),
    st.binary(max_size=64),
)
article_texts = st.lists(st.sampled_from(SENTENCES), max_size=4).map(" ".join)


class VerdictCacheMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="verdicts-"))
        self.library = self.base / "lib"
        (self.library / "sub").mkdir(parents=True)
        (self.base / "seeds").mkdir()
        self.cache = self.base / "cache" / "briefing" / "verdicts"
        self.runs = 0

    @initialize(
        texts=st.lists(article_texts, min_size=2, max_size=2), quotes=st.permutations(QUOTES)
    )
    def start(self, texts: list[str], quotes: list[str]) -> None:
        """Two articles, each cited by a brief, and one brief cited from a subfolder."""
        for name, text in zip(ARTICLES, texts, strict=True):
            (self.base / "seeds" / name).write_text(text + "\n")
        for number, name in enumerate(BRIEFS[:3]):
            article = ARTICLES[number % 2]
            text = brief_text("Talks", article, quotes[number : number + 2], "/" in name)
            (self.library / name).write_text(text)

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    # -- the library ----------------------------------------------------------------------

    @rule(name=st.sampled_from(BRIEFS), data=brief_texts)
    def write_brief(self, name: str, data: bytes) -> None:
        (self.library / name).write_bytes(data)

    @rule(name=st.sampled_from(BRIEFS), at=st.integers(0, 400), byte=st.integers(0, 255))
    def change_one_byte(self, name: str, at: int, byte: int) -> None:
        path = self.library / name
        if path.exists():
            data = bytearray(path.read_bytes())
            if data:
                data[at % len(data)] = byte
                path.write_bytes(bytes(data))

    @rule(name=st.sampled_from(BRIEFS))
    def delete_brief(self, name: str) -> None:
        (self.library / name).unlink(missing_ok=True)

    @rule(name=st.sampled_from(ARTICLES), text=article_texts)
    def write_article(self, name: str, text: str) -> None:
        (self.base / "seeds" / name).write_text(text + "\n")

    @rule(name=st.sampled_from(ARTICLES))
    def delete_article(self, name: str) -> None:
        (self.base / "seeds" / name).unlink(missing_ok=True)

    # -- the cache ------------------------------------------------------------------------

    @rule(at=st.integers(0, 10_000), byte=st.integers(1, 255))
    def flip_a_cache_byte(self, at: int, byte: int) -> None:
        if self.cache.is_file():
            data = bytearray(self.cache.read_bytes())
            if data:
                data[at % len(data)] ^= byte
                self.cache.write_bytes(bytes(data))

    @rule(keep=st.integers(0, 10_000))
    def truncate_the_cache(self, keep: int) -> None:
        if self.cache.is_file():
            data = self.cache.read_bytes()
            self.cache.write_bytes(data[: keep % (len(data) + 1)])

    @rule(data=st.binary(max_size=200))
    def replace_the_cache(self, data: bytes) -> None:
        self.cache.parent.mkdir(parents=True, exist_ok=True)
        self.cache.write_bytes(data)

    # -- checking -------------------------------------------------------------------------

    def check(self, cached: bool, strict: bool, fmt: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = run_check(
            [self.library],
            strict=strict,
            fmt=fmt,
            out=out,
            err=err,
            cache=cached,
            cache_file=self.cache,
        )
        return code, out.getvalue(), err.getvalue()

    def compare(self, strict: bool, fmt: str) -> None:
        code, out, err = self.check(True, strict, fmt)
        cold_code, cold_out, cold_err = self.check(False, strict, fmt)
        assert (code, out) == (cold_code, cold_out)
        assert cold_err == ""
        assert err.count("\n") <= 1  # a damaged cache: one warning at most
        self.runs += 1

    @rule(strict=st.booleans(), fmt=st.sampled_from(["text", "json"]))
    def cached_equals_cold(self, strict: bool, fmt: str) -> None:
        self.compare(strict, fmt)

    @invariant()
    def cached_equals_cold_after_every_step(self) -> None:
        self.compare(False, "text")


VerdictCacheMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestVerdictCache = VerdictCacheMachine.TestCase
