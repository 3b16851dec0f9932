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

from .entity_names import TITLE_WORDS
from .terms import KeyTerms, NameAliases, key_terms, missing_terms, word_bag

if TYPE_CHECKING:
    from spacy.tokens import Span

# Logistic weights (intercept, cosine, content overlap, numbers one side lacks, negation
# mismatch, length difference) fitted on MRPC train by benchmarks/mrpc_same_fact.py.
WEIGHTS = (-3.0, 4.18, 2.54, -0.21, -1.26, -3.55)
SAME_FACT_SCORE = 0.77
"""Least same-fact score (0-1) for two sentences to state one fact: precision 0.90 on
MRPC train."""

COVERAGE = 0.85
"""Least share of a line's claim lemmas (content words outside the reporting frame, time
expressions and titles) a sentence must have to state the line (with all its key terms):
a sentence that states one of two claims only is partial support. Chosen on the tuned
half of the judged citation set (benchmarks/citations_judged.py)."""

_FRAME_VERBS = "report say tell add note state write announce confirm claim cite quote accord"
FRAME_VERBS = frozenset(_FRAME_VERBS.split())
"""Verbs of saying whose subject, date and manner are the frame of a report, not its claim."""

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
HEDGE_MODALS = frozenset({"may", "might", "could", "would", "should"})
HEDGE_VERBS = frozenset({"expect", "negotiate", "consider", "hope", "seek", "propose", "mull"})
HEDGE_NOUNS = frozenset({"negotiation", "talk", "likely", "possible", "probably"})
"""A statement hedged by these is not the same as the plain one ("includes" vs "is
expected to include", "will direct" vs "is negotiating to direct")."""

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
    claim: frozenset[str]  # content lemmas outside the reporting frame ("X said, citing Y"),
    # time expressions and office titles (dates and names are held by the key terms)
    lemmas: frozenset[str]  # what coverage finds a claim lemma in
    length: int  # words (no punctuation)
    negated: bool
    hedged: bool  # the main clause is only possible, expected or under way ("could", "expected to")
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
    # a verb or noun counts for coverage even when spaCy lists it as a stop word ("made")
    lemmas = {
        t.i: t.lemma_.lower()
        for t in words
        if t.pos_ in CONTENT_POS and (not t.is_stop or t.pos_ in ("VERB", "NOUN"))
    }
    frame = _frame(span)
    aside = {t.i for t in words if t.ent_type_ in ("DATE", "TIME") or t.lower_ in TITLE_WORDS}
    claim = frozenset(lemma for i, lemma in lemmas.items() if i not in frame | aside)
    return Proposition(
        text,
        content,
        claim,
        frozenset(lemmas.values()),
        len(words),
        _negated(span),
        _hedged(span),
        key_terms(text, aliases),
        word_bag(text),
    )


def _frame(span: Span) -> set[int]:
    """Token positions of the reporting frame: a verb of saying with everything that hangs
    from it but what is said ("the newspaper reported on Monday, citing sources"), and
    "according to X", "citing X", "reportedly". Names in it still count as key terms."""
    out: set[int] = set()
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in FRAME_VERBS and token.pos_ in ("VERB", "AUX"):
            out.add(token.i)
            said = ("ccomp", "xcomp", "conj", "advcl") if lemma not in ("cite", "accord") else ()
            for child in token.children:
                if child.dep_ not in said:
                    out.update(t.i for t in child.subtree)
        elif token.lower_ in ("according", "reportedly", "citing"):
            out.update(t.i for t in token.subtree)
    return out


def _main_clause(span: Span) -> set[int]:
    """The root and what it says or intends (ccomp, xcomp), past "X said that"."""
    main = [t for t in span if t.dep_ == "ROOT"]
    for token in list(main):
        main.extend(c for c in token.children if c.dep_ in ("ccomp", "xcomp"))
    return {t.i for t in main}


def _hedged(span: Span) -> bool:
    """The main clause is only possible or expected: a modal ("could", "may") or a verb
    of expectation or negotiation on it ("is expected to", "is in talks to")."""
    heads = _main_clause(span)
    for token in span:
        lemma = token.lemma_.lower()
        if token.lower_ in HEDGE_MODALS and token.dep_ == "aux" and token.head.i in heads:
            return True
        if token.i in heads and lemma in HEDGE_VERBS:
            return True
        inside = token.dep_ in ("pobj", "attr", "acomp", "advmod")  # "in talks to", "likely to"
        if lemma in HEDGE_NOUNS and inside and heads & {token.head.i, token.head.head.i}:
            return True
    return False


def _negated(span: Span) -> bool:
    """A negation of the main clause (of what is reported, past "X said that"), not of a
    side clause ("..., though the ministry has not confirmed it")."""
    heads = _main_clause(span)
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


def coverage(line: Proposition, cited: Proposition) -> float:
    """Share of the line's claim lemmas (its content outside the reporting frame) that the
    cited sentence has anywhere."""
    return len(line.claim & cited.lemmas) / len(line.claim) if line.claim else 1.0


def states(line: Proposition, cited: Proposition, aliases: NameAliases | None = None) -> bool:
    """Whether ``cited`` states all of ``line`` (given that the two state one fact): every
    key term of the line, and ``COVERAGE`` of its content words."""
    return coverage(line, cited) >= COVERAGE and not missing_terms(line.terms, cited.bag, aliases)


def numbers_clash(a: Proposition, b: Proposition) -> bool:
    """Each sentence has a number the other does not: they report different figures."""
    return bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)


def aligns(
    a: Proposition, b: Proposition, cosine: float, threshold: float = SAME_FACT_SCORE
) -> bool:
    """The pair test of fact alignment: one sentence may back the other as a mention of
    its fact (same polarity and hedging, no clash of numbers, the score without the
    length and numbers features, and one states the other all)."""
    if a.negated != b.negated or a.hedged != b.hedged or numbers_clash(a, b):
        return False
    if same_fact_score(a, b, cosine, numbers=False, length=False) < threshold:
        return False
    return states(a, b) or states(b, a)


def same_fact(
    a: Proposition, b: Proposition, cosine: float, threshold: float = SAME_FACT_SCORE
) -> bool:
    """The same-fact decision: score, polarity, and no clash of numbers."""
    if a.negated != b.negated or a.hedged != b.hedged or numbers_clash(a, b):
        return False
    return same_fact_score(a, b, cosine) >= threshold
