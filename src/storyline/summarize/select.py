"""Which sentences make the brief, and in what order.

The units are the story's facts (``storyline.analyze.facts``): one statement and every
article sentence that makes it. Each fact is scored on

- **centrality**: cosine between the fact's vector (the mean of its mentions' MiniLM
  vectors) and the story's centroid (the mean of the articles' mean vectors, so a long
  article does not outweigh the others);
- **corroboration**: the share of the story's outlets that state it, and of its
  independent origins (five outlets relaying one newspaper count as one);
- **lead**: how early it comes in the articles that state it (news puts the point
  first);
- **shared vocabulary**: the mean, over its content words, of the share of the story's
  articles that use the word (SumBasic's insight: what many articles say in the same
  words is what the story is about).

Selection is maximal marginal relevance within the word budget: the next sentence is the
one whose score minus its greatest similarity to a sentence already chosen is highest,
and a near-repeat of a chosen sentence is never taken. Each fact is voiced by one of its
mentions: a self-contained one where there is a choice (not opening with a pronoun,
a connective or "the newspaper said", which need a sentence before them).

Order: the lead (the first chosen, the best-scored) first, then the rest by the date of
the earliest article that states them and their position in the articles: chronology
across days, reading order within one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..analyze.facts import Fact, FactMention, content_words
from ..dedupe.canonical import published_timestamp
from ..types import Article

Vector = npt.NDArray[np.float32]

CENTRALITY_WEIGHT = 1.0
CORROBORATION_WEIGHT = 0.35
INDEPENDENCE_WEIGHT = 0.15
LEAD_WEIGHT = 3.0
"""Weights of the fact score (centrality is a cosine, the others are shares in 0..1).

Lead and redundancy were chosen on MultiLing 2011 English topics M000-M004 by ROUGE-1 +
ROUGE-2 (``benchmarks/summary_multiling.py``; lead 0 -> 3 raised R-2 there from 0.168
to 0.200, a plateau from 2 to 4); M005-M009 are the held-out half. News puts its point
first: with this weight the brief is mostly the articles' leads, ranked by centrality
and corroboration, with near-repeats dropped."""

VOCABULARY_WEIGHT = 2.0
"""Weight of the shared-vocabulary share (chosen on M000-M004 as the lead weight was:
R-1 + R-2 0.700 -> 0.704 there, 0.655 -> 0.671 on the held-out M005-M009)."""

REDUNDANCY_WEIGHT = 1.0
"""MMR: how much a sentence's similarity to one already chosen counts against it."""

REPEAT_SIMILARITY = 0.8
"""A sentence this similar to one already chosen is a repeat, never taken."""

MIN_WORDS = 6
MAX_WORDS = 60
"""Sentences outside this length (captions, run-on lists) are not brief material."""

DEPENDENT_PENALTY = 0.15
"""Score taken off a sentence that leans on the one before it (see ``is_dependent``)."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUN_OPENERS = _words(
    "he she it they we i his her its their our this that these those such him them there's"
)
_CONNECTIVE_OPENERS = _words(
    "but and or so yet also however meanwhile moreover furthermore still instead "
    "besides nevertheless nonetheless thus therefore hence then likewise similarly "
    "additionally otherwise later earlier afterwards"
)
_REPORTING_VERBS = _words(
    "said says reported reports added adds noted notes stated states told wrote "
    "writes cited cites claimed claims quoted quotes explained explains continued"
)
_WORD = re.compile(r"[\w'’-]+")


def is_dependent(text: str) -> bool:
    """True for a sentence that needs the one before it to be understood.

    It opens with a pronoun or a connective ("He said...", "But...", "However, ..."), or
    with "the" + a common noun + a reporting verb ("The newspaper said ...", "The report
    states ..."): a reference back to something the article named earlier.
    """
    words = _WORD.findall(text[:80])
    if not words:
        return True
    first = words[0].lower()
    if first in _PRONOUN_OPENERS or first in _CONNECTIVE_OPENERS:
        return True
    if first == "the" and len(words) >= 3:
        noun, verb = words[1], words[2].lower()
        if noun.islower() and verb in _REPORTING_VERBS:
            return True
    return False


def _usable(text: str) -> bool:
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return False
    stripped = text.rstrip("\"'”’) ")
    return stripped.endswith((".", "!")) and "?" not in text[-3:] and "http" not in text


@dataclass(frozen=True)
class Pick:
    """One brief sentence: the fact, the mention that voices it, and its score."""

    fact: Fact
    voice: FactMention
    score: float


def _voice(fact: Fact) -> FactMention | None:
    """The mention that states the fact best on its own: the fact's own text when that
    is self-contained, else the first self-contained mention, else the fact's text."""
    usable = [m for m in fact.mentions if _usable(m.text)]
    if not usable:
        return None
    own = [m for m in usable if m.text == fact.text]
    free = [m for m in usable if not is_dependent(m.text)]
    for choice in (own and not is_dependent(own[0].text) and own, free, own, usable):
        if choice:
            return choice[0]
    return None


def _fact_vector(fact: Fact, vectors: Mapping[tuple[str, int], Vector]) -> Vector | None:
    rows = [
        vectors[(m.article, m.sentence)]
        for m in fact.mentions
        if (m.article, m.sentence) in vectors
    ]
    if not rows:
        return None
    mean = np.mean(rows, axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None


def _centroid(vectors: Mapping[tuple[str, int], Vector]) -> Vector | None:
    by_article: dict[str, list[Vector]] = {}
    for (article, _), vector in vectors.items():
        by_article.setdefault(article, []).append(vector)
    if not by_article:
        return None
    mean = np.mean([np.mean(rows, axis=0) for rows in by_article.values()], axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None


def select_sentences(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    vectors: Mapping[tuple[str, int], Vector],
    words: int,
) -> list[Pick]:
    """The brief's sentences within ``words`` words, in brief order (lead first)."""
    centroid = _centroid(vectors)
    share = _word_shares(articles)
    lengths = {a.id: max(len(a.sentences), 1) for a in articles}
    outlets = max((f.outlets for f in facts), default=1) or 1
    independent = max((f.independent_origins for f in facts), default=1) or 1
    pool: list[tuple[Pick, Vector]] = []
    for fact in facts:
        voice = _voice(fact)
        vector = _fact_vector(fact, vectors)
        if voice is None or vector is None:
            continue
        central = float(vector @ centroid) if centroid is not None else 0.0
        words_of = content_words(voice.text)
        shared = sum(share.get(w, 0.0) for w in words_of) / len(words_of) if words_of else 0.0
        lead = max(1.0 - m.sentence / lengths.get(m.article, 1) for m in fact.mentions)
        score = (
            CENTRALITY_WEIGHT * central
            + CORROBORATION_WEIGHT * (fact.outlets - 1) / max(outlets - 1, 1)
            + INDEPENDENCE_WEIGHT * (fact.independent_origins - 1) / max(independent - 1, 1)
            + LEAD_WEIGHT * lead**2
            + VOCABULARY_WEIGHT * shared
            - (DEPENDENT_PENALTY if is_dependent(voice.text) else 0.0)
        )
        pool.append((Pick(fact, voice, score), vector))
    chosen: list[tuple[Pick, Vector]] = []
    used = 0
    while pool:
        best: tuple[float, int] | None = None
        for i, (pick, vector) in enumerate(pool):
            size = len(pick.voice.text.split())
            if used + size > words:
                continue
            overlap = max((float(vector @ v) for _, v in chosen), default=0.0)
            if overlap >= REPEAT_SIMILARITY:
                continue
            value = pick.score - REDUNDANCY_WEIGHT * max(overlap, 0.0)
            if best is None or value > best[0]:
                best = (value, i)
        if best is None:
            break
        pick, vector = pool.pop(best[1])
        chosen.append((pick, vector))
        used += len(pick.voice.text.split())
    return _ordered([pick for pick, _ in chosen], articles)


def _word_shares(articles: Sequence[Article]) -> dict[str, float]:
    """Content word -> share of the articles that use it."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(content_words(article.text))
    total = max(len(articles), 1)
    return {word: n / total for word, n in counts.items()}


def _ordered(picks: list[Pick], articles: Sequence[Article]) -> list[Pick]:
    if not picks:
        return []
    day = {a.id: published_timestamp(a.published) // 86400 for a in articles}
    lengths = {a.id: max(len(a.sentences), 1) for a in articles}

    def key(pick: Pick) -> tuple[float, float, str]:
        first_day = min(day.get(m.article, 0.0) for m in pick.fact.mentions)
        position = sum(m.sentence / lengths.get(m.article, 1) for m in pick.fact.mentions)
        return (first_day, position / len(pick.fact.mentions), pick.fact.id)

    lead, rest = picks[0], sorted(picks[1:], key=key)
    return [lead, *rest]


def headline(
    picks: Sequence[Pick], articles: Sequence[Article], embed: Callable[[list[str]], Vector]
) -> str | None:
    """The article title closest in meaning to the lead sentence (ties: the earliest
    article's); the lead sentence itself when no article has a title; None when empty."""
    titled = sorted(
        (a for a in articles if a.title), key=lambda a: (published_timestamp(a.published), a.id)
    )
    if not picks:
        return titled[0].title if titled else None
    if not titled:
        return picks[0].voice.text
    titles = list(dict.fromkeys(a.title for a in titled if a.title))
    if len(titles) == 1:
        return titles[0]
    rows = embed([picks[0].voice.text, *titles])
    similarity = rows[1:] @ rows[0]
    return titles[int(np.argmax(similarity))]
