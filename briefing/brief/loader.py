"""Turn one file into a brief, problems, or both, whatever the file holds.

The pipeline is ordered so that the cheap, total checks (size, encoding, raw
control bytes) run before YAML parsing, and nothing past parsing ever sees a
construct that could expand, recurse or execute.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from briefing.brief.model import Brief, Quote, Source
from briefing.brief.outcome import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES  # re-exported for callers
from briefing.brief.outcome import LoadResult as LoadResult
from briefing.brief.positions import Positions, clamp, editor_lines
from briefing.brief.problems import Problem
from briefing.brief.provenance import Article, ArticleCache, verify_or_no_source
from briefing.brief.reading import Unread, read_bounded
from briefing.brief.sanitize import clean_source, visible

try:  # the BLAKE2 hashlib gives, without hashlib: that loads OpenSSL, which a parse never needs
    from _blake2 import blake2b as _blake2b
except ImportError:  # an interpreter without CPython's own module
    from hashlib import blake2b as _blake2b

_TREE_INTACT = {"duplicate-key"}
"""Parse errors after which the tree is still whole (only the repeated key was left
out), so validation runs too and the author sees every other problem in the same pass."""


def _line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    before = data[:offset]
    newline: bytes | str = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(newline) + 1  # type: ignore[arg-type]
    start = before.rfind(newline) + 1  # type: ignore[arg-type]
    segment = before[start:]
    col = (
        len(segment.decode("utf-8", "replace")) if isinstance(segment, bytes) else len(segment)
    ) + 1
    return line, col


def decode(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 only (a BOM is fine); anything else is named at the line it breaks on."""

    def problem(offset: int, message: str, code: str, hint: str | None) -> Problem:
        line, col = _line_col(data, offset)
        return Problem(display, line, col, "error", message, hint, code)

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            problem(0, "the file is UTF-16, not UTF-8", "not-utf8", "save the file as UTF-8")
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [
            problem(
                nul,
                "the file contains NUL bytes; is it a binary file?",
                "nul-byte",
                "briefs are plain UTF-8 text",
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
        return None, [
            problem(
                error.start,
                f"byte 0x{bad} is not valid UTF-8",
                "not-utf8",
                "save the file as UTF-8",
            )
        ]


def load_text(
    data: str | bytes,
    path: Path,
    *,
    brief_id: str | None = None,
    display: str | None = None,
    articles: ArticleCache | None = None,
) -> LoadResult:
    """Load a brief from text already read; never raises for any input."""
    result = _load_text(data, path, brief_id=brief_id, display=display, articles=articles)
    if result.problems:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        lines = editor_lines(text.removeprefix("\ufeff"))
        result.problems = [_printable(_inside(problem, lines)) for problem in result.problems]
    result.digest = content_digest(data)
    return result


def content_digest(data: str | bytes) -> str:
    """Identifies a file's content (not its name or time): 32 hex digits."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    return _blake2b(raw, digest_size=16).hexdigest()


def _inside(problem: Problem, lines: list[str]) -> Problem:
    """No problem points past the last line of the file, or past the end of its line."""
    line, col = clamp(lines, problem.line, problem.col)
    if (line, col) == (problem.line, problem.col):
        return problem
    return problem.replace(line=line, col=col)


def _printable(problem: Problem) -> Problem:
    """Messages quote the brief (keys, values, article passages), so they are hostile too.

    ``briefing check`` prints them straight to a terminal, one per line: an escape
    sequence or a line break in a duplicate key or an invalid date must not reach it.
    """
    message = visible(problem.message)
    hint = visible(problem.hint) if problem.hint else problem.hint
    if message == problem.message and hint == problem.hint:
        return problem
    return problem.replace(message=message, hint=hint)


def _load_text(
    data: str | bytes,
    path: Path,
    *,
    brief_id: str | None,
    display: str | None,
    articles: ArticleCache | None,
) -> LoadResult:
    from briefing.brief.build import build_brief
    from briefing.brief.yamlnodes import parse_nodes

    shown = display if display is not None else str(path)
    if isinstance(data, bytes):
        text, problems = decode(data, shown)
        if text is None:
            return LoadResult(None, problems)
    else:
        text, problems = data.removeprefix("\ufeff"), []
    original = text
    text, removed = clean_source(text, data if isinstance(data, bytes) else None)
    positions = Positions(text, original, removed) if Positions.needed(text, removed) else None
    if removed:
        line, col = Positions(original, original).offset(removed[0][0])
        problems.append(
            Problem(
                shown,
                line,
                col,
                "warning",
                f"{len(removed)} control character(s) or terminal escape sequence(s) removed",
                None,
                "control-chars",
            )
        )
    root, found = parse_nodes(text, shown, positions)
    problems.extend(found)
    parse_failed = any(p.is_error for p in found)
    if root is None or any(p.is_error and p.code not in _TREE_INTACT for p in found):
        if root is None and not found:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "error",
                    "the file is empty",
                    "a brief needs at least a title and a summary",
                    "empty-file",
                )
            )
        return LoadResult(None, problems)
    brief, found = build_brief(root, path, shown, brief_id or path.stem)
    problems.extend(found)
    if parse_failed:
        return LoadResult(None, problems)
    if brief is not None:
        brief, found = _verify_quotes(brief, shown, articles or ArticleCache())
        problems.extend(found)
    return LoadResult(brief, problems)


def _article_problem(display: str, source: Source, failure: Unread, limit: int) -> Problem:
    """A source whose article was not read: missing (perhaps a wrong path) or unreadable.

    Only the first is a verdict the index may keep: the others are read failures
    (``source-file-unreadable``), tried again on every load.
    """
    name = f"source '{source.id}': article file '{source.file}'"
    if failure.missing:
        return Problem(
            display,
            source.line,
            1,
            "warning",
            f"{name} cannot be read",
            "paths are relative to the brief file",
            "source-file-missing",
        )
    if failure.too_large is not None:
        size = failure.reason.removeprefix("it is ")
        message = f"{name} is {size}, over the {limit:,}-byte limit for articles"
    else:
        message = f"{name} cannot be read: {failure.reason}"
    return Problem(
        display,
        source.line,
        1,
        "warning",
        message,
        "quotes from it are not verified",
        "source-file-unreadable",
    )


def _verify_quotes(
    brief: Brief, display: str, articles: ArticleCache
) -> tuple[Brief, list[Problem]]:
    problems: list[Problem] = []
    # Each source's article (None when it has none, or it was not read), looked up once
    # rather than once per quote.
    read: dict[str, Article | None] = {}
    for source in brief.sources:
        if source.path is None:
            read.setdefault(source.id, None)
            continue
        failure = articles.failure(source.path)
        if failure is not None:
            problems.append(_article_problem(display, source, failure, articles.limit))
        read.setdefault(source.id, articles.get(source.path))
    quotes: list[Quote] = []
    for quote in brief.quotes:
        article = read.get(quote.source) if quote.source else None
        verification = verify_or_no_source(quote.text, article)
        if verification.status == "not_found":
            closest = verification.closest
            problems.append(
                Problem(
                    display,
                    quote.line,
                    1,
                    "warning",
                    f"quote not found in source '{quote.source}'",
                    f"closest passage: \u201c{closest}\u201d" if closest else None,
                    "quote-not-found",
                )
            )
        # A quote is made unverified (NO_SOURCE): most keep that, and need no copy.
        changed = verification is not quote.verification
        quotes.append(quote.replace(verification=verification) if changed else quote)
    if all(new is old for new, old in zip(quotes, brief.quotes, strict=True)):
        return brief, problems
    return brief.replace(quotes=tuple(quotes)), problems


def load_file(
    path: Path,
    *,
    brief_id: str | None = None,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    articles: ArticleCache | None = None,
) -> LoadResult:
    """Load a brief file; a file that cannot be read is a problem like any other."""
    shown = display if display is not None else str(path)
    data = read_brief(path, shown, max_bytes)
    if isinstance(data, LoadResult):
        return data
    return load_text(data, path, brief_id=brief_id, display=shown, articles=articles)


def read_brief(path: Path, shown: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | LoadResult:
    """The file's bytes, or the problem that stops them being read.

    Only regular files are opened (a FIFO would block, ``/dev/zero`` never ends),
    and never more than ``max_bytes`` + 1 bytes are read, even from a file that
    grows after its size was checked.
    """

    def failed(message: str, hint: str | None, code: str) -> LoadResult:
        return LoadResult(None, [Problem(shown, 1, 1, "error", message, hint, code)])

    data = read_bounded(path, max_bytes)
    if isinstance(data, Unread):
        if data.too_large is not None:
            size = data.reason.removeprefix("it is ").removesuffix(" bytes")
            return _too_large(shown, "the file", size, max_bytes)
        return failed(f"cannot read the file: {data.reason}", None, "unreadable")
    return data


def _too_large(shown: str, what: str, size: str, max_bytes: int) -> LoadResult:
    problem = Problem(
        shown,
        1,
        1,
        "error",
        f"{what} is {size} bytes, over the {max_bytes:,}-byte limit",
        "split it, or raise the limit with --max-bytes",
        "file-too-large",
    )
    return LoadResult(None, [problem])


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, in chunks: ``read(limit)`` allocates ``limit`` bytes at once,
    and ``--max-bytes 100000000000`` is a number anyone can type."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = stream.read(min(limit - size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def load_stream(
    stream: BinaryIO,
    path: Path,
    *,
    display: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Load a brief from a stream (standard input), reading at most ``max_bytes`` + 1 bytes.

    ``path`` need not exist: its folder is where the brief's article files are looked for.
    """
    try:
        data = _read_at_most(stream, max_bytes + 1)
    except OSError as error:
        problem = Problem(
            display, 1, 1, "error", f"cannot read: {error.strerror or error}", None, "unreadable"
        )
        return LoadResult(None, [problem])
    if len(data) > max_bytes:
        return _too_large(display, "the input", f"more than {max_bytes:,}", max_bytes)
    return load_text(data, path, brief_id=path.stem, display=display)
