"""Propositions: what a sentence states, and whether two sentences state the same thing.

Two sentences of a story state the same fact when

1. their **same-fact score** reaches ``SAME_FACT_SCORE``: a logistic function of the
   MiniLM cosine, the overlap of content lemmas, how many numbers one has that the other
   lacks, a negation in one only, and the difference in length (a much longer sentence
   adds something). Weights and threshold were fitted on the MRPC train split
   (``benchmarks/mrpc_same_fact.py``: news sentence pairs from different outlets
   labelled equivalent or not);
2. they agree in **polarity** (a negation in one only is never support);
3. their **numbers do not clash**: when each has a number the other lacks, they report
   other figures (a conflict when they count the same thing, else another fact).

Which sentence a fact's text is, and which sentences may back it, is decided by key
terms on top (:mod:`.terms`): every number and name of the text must be in each mention.

Only news can be a proposition (:func:`is_news`): a caption, a credit, a byline, a
headline, a contact line or a sentence with a phone number, e-mail address or web
address states nothing the brief should repeat.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .terms import KeyTerms, NameAliases, key_terms, word_bag

if TYPE_CHECKING:
    from spacy.tokens import Span

# Logistic weights (intercept, cosine, content overlap, numbers one side lacks, negation
# mismatch, length difference) fitted on MRPC train by benchmarks/mrpc_same_fact.py.
WEIGHTS = (-3.0, 4.18, 2.54, -0.21, -1.26, -3.55)
SAME_FACT_SCORE = 0.77
"""Least same-fact score (0-1) for two sentences to state one fact: precision 0.90 on
MRPC train."""

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor"})

_PHONE = re.compile(
    r"(?<![\w.])(?:\+\d[\d ()-]{7,}\d|\(?0\d{2,4}\)?[ -]?\d{3}[ -]?\d{3,4})(?![\w])"
)
_CONTACT = re.compile(r"https?://|www\.|\S+@\S+\.\w|\bhotline\b|\bhelpline\b", re.I)
_CREDIT = re.compile(
    r"\b(?:photo|image|picture|video|graphic|map)\s*(?:credit|courtesy)?\s*:|\bcredit\s*:"
    r"|\((?:AP|AFP|Reuters)?\s*Photo\b|\bfile\s+photo\b|\bgetty\s+images\b|\|",
    re.I,
)
_BYLINE = re.compile(r"\A\s*(?:By|BY|Written by|Reporting by|Editing by)\s+[A-Z]")
_END = re.compile(r"[.!?][\"'”’)\]]*\s*\Z")


def is_news(text: str, span: Span | None = None) -> bool:
    """Whether a sentence can state a fact: it ends like a sentence, has a verb (from the
    parse ``span`` when given), and is no caption, credit, byline, contact line or list
    of phone numbers or addresses."""
    if not _END.search(text) or text.isupper():
        return False
    if _PHONE.search(text) or _CONTACT.search(text) or _CREDIT.search(text):
        return False
    if _BYLINE.match(text):
        return False
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


@dataclass(frozen=True)
class Proposition:
    """What the same-fact decision reads from one sentence."""

    text: str
    content: frozenset[str]  # content lemmas
    length: int  # words (no punctuation)
    negated: bool
    terms: KeyTerms
    bag: frozenset[str]  # every word, folded as key terms are

    @property
    def numbers(self) -> frozenset[str]:
        return self.terms.numbers


def proposition(span: Span, aliases: NameAliases | None = None) -> Proposition:
    """The proposition of a parsed sentence."""
    text = str(span.text)
    words = [t for t in span if not (t.is_punct or t.is_space)]
    content = frozenset(t.lemma_.lower() for t in words if t.pos_ in CONTENT_POS and not t.is_stop)
    return Proposition(
        text, content, len(words), _negated(span), key_terms(text, aliases), word_bag(text)
    )


def _negated(span: Span) -> bool:
    """A negation of the main clause (of what is reported, past "X said that"), not of a
    side clause ("..., though the ministry has not confirmed it")."""
    main = [t for t in span if t.dep_ == "ROOT"]
    for token in list(main):
        main.extend(c for c in token.children if c.dep_ in ("ccomp", "xcomp"))
    heads = {t.i for t in main}
    for token in span:
        if token.dep_ == "neg" and token.head.i in heads:
            return True
        words = token.lower_ in NEGATIONS and token.dep_ in ("det", "advmod", "nsubj", "dobj")
        if words and (token.head.i in heads or token.head.head.i in heads):
            return True
    return False


def features(a: Proposition, b: Proposition, cosine: float) -> tuple[float, ...]:
    """The same-fact features of a pair (the order of ``WEIGHTS`` after the intercept)."""
    union = a.content | b.content
    overlap = len(a.content & b.content) / len(union) if union else 0.0
    numbers = len(a.numbers ^ b.numbers)
    longest = max(a.length, b.length, 1)
    return (cosine, overlap, float(numbers), float(a.negated != b.negated),
            abs(a.length - b.length) / longest)  # fmt: skip


def same_fact_score(
    a: Proposition, b: Proposition, cosine: float, *, numbers: bool = True, length: bool = True
) -> float:
    """Probability-like score (0-1) that two sentences state the same fact.

    ``numbers=False`` leaves the numbers out (do they state it but for the figures?);
    ``length=False`` leaves the length difference out (does one state the other and say
    more?): fact alignment asks that, and key terms then decide the direction."""
    values = list(features(a, b, cosine))
    if not numbers:
        values[2] = 0.0
    if not length:
        values[4] = 0.0
    z = WEIGHTS[0] + sum(w * x for w, x in zip(WEIGHTS[1:], values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def numbers_clash(a: Proposition, b: Proposition) -> bool:
    """Each sentence has a number the other does not: they report different figures."""
    return bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)


def same_fact(
    a: Proposition, b: Proposition, cosine: float, threshold: float = SAME_FACT_SCORE
) -> bool:
    """The same-fact decision: score, polarity, and no clash of numbers."""
    if a.negated != b.negated or numbers_clash(a, b):
        return False
    return same_fact_score(a, b, cosine) >= threshold
