"""Who the article says spoke each quotation, read the way a careful reader reads it.

A reader looks for the attribution around a quotation ("said Smith", "Smith, a
lawyer, said", "Smith called it", "according to Smith", a colon after "Smith said",
"― Smith" under a quote, a transcript's "SMITH:"), takes the subject of its verb
rather than the first name in the sentence, reads "he said" as the person the text
has just been about, and lets a quotation with no attribution of its own continue
the one before it. Where none of that settles it, the speaker is left to the author
with the names the draft considered, because a wrong name costs more than a TODO.

Everything is read from a copy of the text with quoted words blanked, so no word
inside a quotation is taken for an attribution. This module decides the order in which
the cues (cues.py) are trusted; referents.py says who each phrase means.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.draft.cast import Cast, CastMember, find_candidates
from briefing.draft.cues import Cues
from briefing.draft.people import core_words, is_org, split_role, surname
from briefing.draft.quotes import Article, Quotation
from briefing.draft.referents import Referents
from briefing.draft.words import name_run_forward, name_word, org_tail

# -- reading an article ---------------------------------------------------------------------------


def read(text: str) -> tuple[Article, Cast]:
    """The article's quotations with their speakers, and the people it names.

    A passage in quotation marks that makes up its paragraphs alone and that nobody is
    said to have said (no attribution before, after or around it, no speaker it
    continues) is something the article shows rather than reports: an epigraph, a
    caption, an embedded post, a line of a block quotation. It is not offered as a
    quote. When its mark is never closed, the mark was not a quotation mark at all but
    the leading mark of a block of reproduced text, and the passages quoted inside it
    are quotations: the article is read again without that mark.
    """
    article, cast = _attributed(text, frozenset())
    shown = [q for q in article.quotations if _shown(article, q)]
    leading = frozenset(q.start for q in shown if not q.closed)
    if leading:
        article, cast = _attributed(text, leading)
        shown = [q for q in article.quotations if _shown(article, q)]
    article.quotations = [q for q in article.quotations if all(q is not s for s in shown)]
    return article, cast


def _attributed(text: str, ignored: frozenset[int]) -> tuple[Article, Cast]:
    article = Article(text, ignored)
    cast = Cast()
    find_candidates(article.masked, cast)
    Attribution(article, cast).attribute_all()
    return article, cast


def _shown(article: Article, quote: Quotation) -> bool:
    """A quotation alone in its paragraphs, with no speaker found."""
    return quote.speaker is None and article.alone(quote)


# -- attribution ---------------------------------------------------------------------------------


@dataclass
class Found:
    """A speaker found for a quotation, or the names considered when none was."""

    actor: CastMember | None
    candidates: list[str] = field(default_factory=list)
    basis: str = ""
    """How the speaker was read: "after" ("..., said X"), "before" ("X said ..."),
    "pronoun:..." when through "he" or "she", "continued" and so on."""
    pronoun: str = ""
    """The pronoun the speaker was read from ("he"), for the author to check."""


class Attribution:
    """Guesses each quotation's speaker from the words around it, as a reader would."""

    def __init__(self, article: Article, cast: Cast) -> None:
        self.article = article
        self.refer = Referents(article, cast)
        self.cues = Cues(article, self.refer)

    # -- the entry point ------------------------------------------------------------------

    def attribute_all(self) -> None:
        for index, quotation in enumerate(self.article.quotations):
            found = self.attribute(index)
            quotation.speaker = found.actor
            quotation.candidates = found.candidates
            quotation.pronoun = found.pronoun

    def attribute(self, index: int) -> Found:
        self.refer.via_pronoun = ""
        found = self._attribute(index)
        if found.actor is not None and self.refer.via_pronoun:
            found.basis = "pronoun:" + found.basis
            found.pronoun = self.refer.via_pronoun
        return found

    def _attribute(self, index: int) -> Found:
        quote = self.article.quotations[index]
        label = self._label(quote)
        if label is not None:
            return Found(label, basis="label")
        words = self.article.text[quote.parts[-1][0] : quote.end].rstrip().rstrip("'\u2019")
        after_first = words.endswith((",", "?", "!", "—", "-", "…")) or self.article.masked[
            quote.end + 1 : quote.end + 2
        ] in (",", "—")
        if after_first:
            actor = self.cues.after(quote)
            if actor is not None:
                return Found(actor, basis="after")
        before, weak = self.cues.before(quote)
        if before is not None and not weak:
            return Found(before, basis="before")
        attempts: list[tuple[str, Callable[[], CastMember | None]]] = [
            ("after", lambda: None if after_first else self.cues.after(quote, inverted=False)),
            ("dash", lambda: self.cues.dash(quote)),
            ("according", lambda: self.cues.according_after(quote)),
            ("tag", lambda: self.cues.tag(quote)),
            ("clause", lambda: before),
            ("continued", lambda: self._continued(index)),
            ("introduced", lambda: self.cues.introduced(quote)),
            ("turn", lambda: self._label(quote, inside=True)),
        ]
        for basis, attempt in attempts:
            actor = attempt()
            if actor is not None:
                return Found(actor, basis=basis)
        return Found(None, self._candidates(index))

    def _label(self, quote: Quotation, *, inside: bool = False) -> CastMember | None:
        """A transcript's speaker label: the one of the turn a paragraph continues, or one
        at the start of the quoted words ("PENCE: ..."). With ``inside``: the turn's, for
        a passage quoted inside it that nothing else attributes (its speaker is quoting)."""
        opens = quote.start == self.article.paragraphs[quote.first_para][0]
        if quote.label is not None and opens != inside:
            start, end = quote.label
            words = self.article.text[start:end]
            person = self.refer.people.lookup([words.split()[-1]], start)
            name = person.name if person else words.title()
            return self.refer.cast.add(name, "person", start, end)
        if inside:
            return None
        start, end = quote.parts[0]
        label = re.match(
            r"\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2}):\s",
            self.article.text[start:end],
        )
        if not label:
            return None
        words = label.group(1)
        person = self.refer.people.lookup([words.split()[-1]], start)
        if (
            person is None
            and sum(
                1
                for q in self.article.quotations
                if self.article.text[q.parts[0][0] : q.parts[0][0] + len(words) + 1] == words + ":"
            )
            < 2
        ):
            return None
        name = person.name if person else words.title()
        return self.refer.cast.add(name, "person", start, start + len(words))

    def _continued(self, index: int) -> CastMember | None:
        """A quotation with no attribution of its own continues the one before it in its
        paragraph, or the previous paragraph's when it opens its own."""
        quote = self.article.quotations[index]
        if index == 0:
            return None
        previous = self.article.quotations[index - 1]
        if previous.speaker is None or self._someone_else(previous, quote):
            return None
        if previous.last_para == quote.first_para:
            return previous.speaker
        opens = quote.start == self.article.paragraphs[quote.first_para][0]
        if opens and previous.last_para == quote.first_para - 1:
            para = self.article.paragraphs[previous.last_para]
            tail = self.article.masked[previous.end + 1 : para[1]]
            _, sentence_end = self.article.sentence(max(previous.end - 1, previous.start))
            if (
                not re.search(r"[^\W\d_]{2,}", tail.replace("X", ""))
                or len(tail.split()) <= 12
                or sentence_end >= para[1]
            ):
                return previous.speaker
        return None

    def _someone_else(self, previous: Quotation, quote: Quotation) -> bool:
        """Whether the sentences between two quotations name a person other than the first
        quotation's speaker ("... the Latvian journalist Dainis Ivans to fear a ..."). The
        first quotation's own sentence holds its attribution, and does not count."""
        _, after = self.article.sentence(max(previous.end - 1, previous.start))
        toks = self.refer.tokens(max(after, previous.end + 1), quote.start)
        speaker = previous.speaker
        for i, tok in enumerate(toks):
            if not name_word(tok) or (i > 0 and name_word(toks[i - 1])):
                continue
            run = toks[i : name_run_forward(toks, i)]
            name = split_role(run)[1]
            words = core_words(name)
            if not words or speaker is None:
                continue
            person = self.refer.people.lookup(words, tok.start)
            if person is None and (len(words) < 2 or is_org(words) or org_tail(name)):
                continue
            full = person.name if person else " ".join(words)
            if surname(full.split()) != surname(speaker.name.split()):
                return True
        return False

    # -- when nothing settles it ----------------------------------------------------------

    def _candidates(self, index: int) -> list[str]:
        """Who the draft considered: the speaker of the quotation before (in this
        paragraph or the one before) and the people named in the quotation's sentence
        and the one before it."""
        names: list[str] = []
        quote = self.article.quotations[index]
        if index > 0:
            previous = self.article.quotations[index - 1]
            if previous.speaker is not None and previous.last_para >= quote.first_para - 1:
                names.append(previous.speaker.name)
        first, last = self.article.sentence(quote.start)
        sentence = self.article.sentence_index(quote.start)
        if sentence > 0:
            first = self.article.sentences[sentence - 1][0]
        mentions = self.refer.people.mentions
        for start, _, key in mentions[bisect.bisect_left(mentions, (first, -1, "")) :]:
            if start >= max(last, quote.end + 1) or len(names) == 4:
                break
            person = self.refer.people.lookup([key], start)
            if person is not None and not any(
                surname(n.split()) == surname(person.name.split()) for n in names
            ):
                names.append(person.name)
        return names[:4]
