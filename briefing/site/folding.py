"""Search in the site folds letters as the reader's search does.

Pagefind already ignores accents that Unicode decomposes (it finds "Valparaíso" for
"valparaiso"), but not the letters that do not decompose, which the reader's search
flattens (``briefing.search.matching``): "Søren" for "soren", "Łódź" for "lodz", "Æsir"
for "aesir". For those words alone, a brief's page carries their folded spelling in a
hidden paragraph that Pagefind indexes; nothing else is added.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from briefing.brief.model import Brief
from briefing.search.matching import fold

_WORD = re.compile(r"\w+")


def _pagefind_form(word: str) -> str:
    """What Pagefind compares: decomposed, combining marks removed, lower case."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def _special() -> re.Pattern[str]:
    """The letters of the Latin blocks that the two foldings treat differently: a text
    without any is skipped whole (most are)."""
    letters = [
        chr(code)
        for low, high in ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
        for code in range(low, high + 1)
        if fold(chr(code)) != _pagefind_form(chr(code))
    ]
    return re.compile("[" + re.escape("".join(letters)) + "]")


def brief_texts(brief: Brief) -> list[str]:
    """Every text of a brief that its page shows and Pagefind indexes."""
    texts = [brief.title, brief.summary, *brief.tags]
    for actor in brief.actors:
        texts += [actor.name, actor.role, actor.affiliation, actor.notes, *actor.aliases]
    for quote in brief.quotes:
        texts += [quote.text, quote.context]
    for question in brief.open_questions:
        texts += [question.question, question.notes]
    texts += [entry.event for entry in brief.timeline]
    for discrepancy in brief.discrepancies:
        texts += [discrepancy.topic, *(account.says for account in discrepancy.accounts)]
    texts += [f"{source.outlet} {source.title}" for source in brief.sources]
    return texts


def extra_words(brief: Brief) -> str:
    """The folded spellings Pagefind would not find by itself, space-separated, sorted."""
    extra: set[str] = set()
    for text in brief_texts(brief):
        if text.isascii() or not _special().search(text):
            continue
        for word in _WORD.findall(text):
            if word.isascii():
                continue
            folded = fold(word)
            if folded != _pagefind_form(word):
                extra.add(folded)
    return " ".join(sorted(extra))
