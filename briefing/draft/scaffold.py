"""Scaffold a brief from an article, so distilling starts from the article's own words.

Everything in a draft is a guess for the author to check, so the file says so in
TODO comments rather than pretending to understand the article. Articles come from
anywhere: nothing here raises on odd text, and every value is written double-quoted
with escapes, so no article can break the YAML or change a value's type.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from briefing import say
from briefing.brief.reading import Unread, read_bounded
from briefing.brief.sanitize import clean as sanitize
from briefing.draft.cast import CastMember, one_line, slug
from briefing.draft.quotes import Quotation, context
from briefing.draft.speakers import read

_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_UNSAFE = re.compile(
    '[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|["\\\\]'
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def _yaml_str(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``value``, whatever it holds.

    Only printable characters outside the escapes stay literal, so no value can end
    the line, start a comment or change type (``no``, ``2024-04-11``, ``~``).
    """
    return '"' + _UNSAFE.sub(_escape, value) + '"'


def _headline(text: str) -> str:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    first = one_line(first)
    if (
        not first
        or len(first) > 150
        or len(first.split()) > 20
        or first[0] in "“\"\u2018'«"
        or re.search(r"[.:;,]\W*$", first)
        or not re.search(r"[^\W\d_]", first)
    ):
        return ""
    return first


def _assign_ids(actors: list[CastMember], taken: set[str]) -> None:
    counters: dict[str, int] = {}
    for actor in actors:
        base = slug(actor.surname if actor.kind == "person" and actor.surname else actor.name)
        candidate = base
        while candidate in taken:
            counters[base] = counters.get(base, 1) + 1
            candidate = f"{base}-{counters[base]}"
        actor.id = candidate
        taken.add(candidate)


def _speaker_note(quotation: Quotation) -> str:
    """The comment beside a speaker: who the draft considered when it could not tell,
    and the pronoun it read the speaker from, the weakest guess it makes."""
    if quotation.speaker is not None:
        return f'  # from "{quotation.pronoun}": check who that is' if quotation.pronoun else ""
    if not quotation.candidates:
        return "  # TODO: no attribution found: who said it?"
    names = one_line(", ".join(quotation.candidates))
    return f"  # TODO: who said it? considered: {names}"


def _draft(text: str, rel_path: str, source_id: str) -> tuple[str, int, int]:
    text = _BREAKS.sub("\n", text.removeprefix("\ufeff"))
    text = sanitize(text)[0].replace("\t", " ")
    article, cast = read(text)
    source_id = slug(source_id) if source_id.strip() else "article"
    actors = sorted(cast.actors.values(), key=lambda a: a.first)
    _assign_ids(actors, {"todo"})
    title = _headline(text)
    q = _yaml_str
    out = [
        "# A draft brief written by `briefing draft`. Every value is a guess from the article's",
        "# text: check each against the article, fill in the TODOs, delete what does not belong,",
        "# then run `briefing check` on this file.",
        f"title: {q(title or 'TODO')}" + ("" if title else "  # TODO: the brief's headline"),
        "# date: YYYY-MM-DD  # TODO: the date of the events",
        "# tags: [TODO]",
        "summary: "
        + q("TODO: what happened, who is involved and why it matters, in a few sentences."),
        "sources:",
        f"  - id: {q(source_id)}",
        f"    file: {q(rel_path)}",
        *([f"    title: {q(title)}"] if title else []),
        "    # outlet: TODO  # who published it",
        "    # date: YYYY-MM-DD  # TODO: when it was published",
        "    # url: https://TODO",
        "# TODO: check every actor: merge duplicates, correct kind (person, organization, state,",
        "# group, other) and role, add affiliations; delete the ones the brief does not need.",
    ]
    needs_todo = any(quotation.speaker is None for quotation in article.quotations)
    out.append("actors:" if actors or needs_todo else "actors: []")
    for actor in actors:
        out += [
            f"  - id: {q(actor.id)}",
            f"    name: {q(actor.name)}",
            f"    kind: {q(actor.kind)}",
        ]
        out += [f"    role: {q(actor.role)}"] if actor.role else []
        out += [f"    aliases: [{', '.join(q(a) for a in actor.aliases)}]"] if actor.aliases else []
    if needs_todo:
        out += [
            '  - id: "todo"  # TODO: the speaker of the quotes marked TODO; replace, then delete',
            '    name: "TODO"',
        ]
    out += [
        "# TODO: candidate quotes: every passage in quotation marks. Check each speaker, keep",
        "# the quotes that matter, and keep their text verbatim (shorten with ...).",
        "quotes:" if article.quotations else "quotes: []",
    ]
    for quotation in article.quotations:
        speaker = quotation.speaker.id if quotation.speaker else "todo"
        note = _speaker_note(quotation)
        parts = (one_line(text[start:end]) for start, end in quotation.parts)
        words = " ... ".join(part for part in parts if part).rstrip(" ,")
        out += [
            f"  - speaker: {q(speaker)}{note}",
            f"    source: {q(source_id)}",
            f"    text: {q(words)}",
            f"    context: {q(context(article, quotation))}",
        ]
    out += [
        "open_questions:",
        f"  - question: {q('TODO: what does the article leave open?')}",
        "# timeline:  # TODO: dated events, e.g.",
        "#   - date: YYYY-MM-DD",
        "#     event: TODO",
        f"#     source: {source_id}",
    ]
    return "\n".join(out) + "\n", len(article.quotations), len(actors)


def draft_brief(article_text: str, *, article_rel_path: str, source_id: str = "article") -> str:
    """A draft brief for the article, as YAML text that `briefing check` reads."""
    return _draft(article_text, article_rel_path, source_id)[0]


# -- the command ------------------------------------------------------------------------

MAX_ARTICLE_BYTES = 5_000_000


def _shown(path: Path) -> str:
    return one_line(os.fsdecode(path)).encode("utf-8", "backslashreplace").decode("utf-8")


def _relative(article: Path, base: Path | None) -> str:
    try:
        folder = os.path.abspath(base if base is not None else os.getcwd())
        return Path(os.path.relpath(os.path.abspath(article), folder)).as_posix()
    except (OSError, ValueError):
        return Path(os.path.abspath(article)).as_posix()


def _fail(message: str) -> int:
    say.error(message)
    return 1


def _print(text: str) -> int:
    try:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def draft_main(article: Path, output: Path | None) -> int:
    """``briefing draft ARTICLE [-o FILE]``: print the draft, or write it to a new FILE."""
    data = read_bounded(article, MAX_ARTICLE_BYTES)
    if isinstance(data, Unread):
        if data.too_large is not None:
            return _fail(f"{_shown(article)} is over the limit for an article ({data.reason})")
        return _fail(f"cannot read {_shown(article)}: {data.reason}")
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex().upper()
        return _fail(
            f"{_shown(article)} is not UTF-8 text (byte 0x{byte} at offset {error.start}); "
            "save it as UTF-8 first"
        )
    base = output.parent if output is not None else None
    draft, quotes, actors = _draft(text, _relative(article, base), "article")
    if output is None:
        return _print(draft)
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(draft)
    except FileExistsError:
        return _fail(f"{_shown(output)} already exists; choose another name or delete it first")
    except OSError as error:
        return _fail(f"cannot write {_shown(output)}: {error.strerror or error}")
    print(
        f"wrote {_shown(output)}: {quotes} candidate quote(s), {actors} actor(s); "
        f"fill in the TODOs, then run: briefing check {_shown(output)}",
        file=sys.stderr,
    )
    return 0
