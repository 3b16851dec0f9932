"""Facts: sentences of different articles that state the same thing, aligned into one.

Every candidate sentence (``MIN_WORDS``+ words, the first ``MAX_SENTENCES`` of each
article) is embedded with the MiniLM model the stories stage uses, and scored against
the sentences of the other articles by cosine. Pairs above ``FACT_THRESHOLD`` are merged
best-first, average-link, under one constraint: a fact has at most one mention per
article (an article does not corroborate itself).

The threshold was chosen on ECB+ topics 1-11 (``storyline.evaluation.facts``): pairwise
precision stays 0.85-0.87 from 0.35 to 0.6 while recall falls from 0.32 to 0.27, and
blending in shared-rare-word overlap lowered both (0.25 weight: F1 0.40 -> 0.29 at 0.6).

A sentence no other article matches is a fact of its own, with one article: the raw
material of single-source details.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from storyline.types import Article, Sentence

FACT_THRESHOLD = 0.55
"""Least combined similarity for two sentences (or two facts, average-link) to merge."""

MIN_WORDS = 5
"""Shorter sentences (captions, datelines, "Read more") are not facts."""

MAX_SENTENCES = 80
"""Sentences per article considered: bounds time on very long articles."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class FactMention:
    article: str
    sentence: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Fact:
    """One statement and every article sentence that makes it."""

    id: str
    text: str
    mentions: tuple[FactMention, ...]
    articles: tuple[str, ...]
    outlets: int
    outlet_names: tuple[str, ...]
    origins: tuple[str, ...] = ()
    independent_origins: int = 0
    similarity: float = 1.0  # mean pairwise similarity of the mentions
    position: float = 0.0  # mean relative position of the mentions in their articles
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "articles": list(self.articles),
            "outlets": self.outlets,
            "independent_origins": self.independent_origins,
            "origins": list(self.origins),
            "mentions": [m.to_dict() for m in self.mentions],
            "outlet_names": list(self.outlet_names),
        }


def outlet_of(article: Article) -> str:
    """The outlet an article counts as: its outlet name, else its URL's host, else itself."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return f"article {article.id}"


def candidate_sentences(article: Article) -> list[Sentence]:
    chosen = [s for s in article.sentences if len(_WORD.findall(s.text)) >= MIN_WORDS]
    return chosen[:MAX_SENTENCES]


@dataclass(frozen=True)
class Candidates:
    """A story's candidate sentences and their unit-length MiniLM vectors (one row each)."""

    sentences: tuple[Sentence, ...]
    positions: tuple[float, ...]  # relative position of each sentence in its article
    owner: tuple[int, ...]  # index of each sentence's article
    vectors: npt.NDArray[np.float32]

    def vector_of(self) -> dict[tuple[str, int], npt.NDArray[np.float32]]:
        """(article id, sentence index) -> vector."""
        return {(s.article_id, s.index): self.vectors[i] for i, s in enumerate(self.sentences)}


def embed_candidates(articles: Sequence[Article]) -> Candidates:
    """The candidate sentences of every article, embedded in one batch."""
    sentences: list[Sentence] = []
    positions: list[float] = []
    owner: list[int] = []
    for a, article in enumerate(articles):
        chosen = candidate_sentences(article)
        sentences.extend(chosen)
        positions.extend(s.index / max(len(article.sentences), 1) for s in chosen)
        owner.extend([a] * len(chosen))
    if sentences:
        from storyline.cluster.embed import get_embedder

        vectors = get_embedder().embed([s.text for s in sentences], max_tokens=128)
    else:
        vectors = np.zeros((0, 384), dtype=np.float32)
    return Candidates(tuple(sentences), tuple(positions), tuple(owner), vectors)


def align_facts(
    articles: Sequence[Article],
    *,
    threshold: float = FACT_THRESHOLD,
    candidates: Candidates | None = None,
) -> list[Fact]:
    """Facts of a story, the most corroborated first (then in reading order).

    ``candidates`` (from :func:`embed_candidates` on the same articles) saves embedding
    the sentences again when the caller needs the vectors too.
    """
    if candidates is None:
        candidates = embed_candidates(articles)
    sentences, positions, owner = (
        list(candidates.sentences),
        list(candidates.positions),
        list(candidates.owner),
    )
    if not sentences:
        return []
    similarity: npt.NDArray[np.float32] = candidates.vectors @ candidates.vectors.T
    groups = _merge(similarity, np.array(owner), threshold)
    outlets = [outlet_of(article) for article in articles]
    facts = []
    for members in groups:
        facts.append(_fact(members, sentences, positions, owner, outlets, articles, similarity))
    facts.sort(key=lambda f: (-f.outlets, -len(f.mentions), f.position, f.id))
    return facts


def content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)}
    return {w for w in words if w not in STOP_WORDS and (len(w) > 2 or w.isdigit())}


def _merge(
    similarity: npt.NDArray[np.float32], owner: npt.NDArray[np.int64], threshold: float
) -> list[list[int]]:
    """Best-first average-link merging; a group never holds two sentences of one article."""
    n = len(owner)
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[int]] = {i: {int(owner[i])} for i in range(n)}
    cross = owner[:, None] != owner[None, :]
    rows, cols = np.nonzero(np.triu(cross & (similarity >= threshold), k=1))
    order = np.argsort(-similarity[rows, cols], kind="stable")
    for k in order.tolist():
        a, b = group[int(rows[k])], group[int(cols[k])]
        if a == b or articles[a] & articles[b]:
            continue
        if float(similarity[np.ix_(members[a], members[b])].mean()) < threshold:
            continue
        for i in members[b]:
            group[i] = a
        members[a].extend(members.pop(b))
        articles[a] |= articles.pop(b)
    return [sorted(m) for m in members.values()]


def _fact(
    members: list[int],
    sentences: list[Sentence],
    positions: list[float],
    owner: list[int],
    outlets: list[str],
    articles: Sequence[Article],
    similarity: npt.NDArray[np.float32],
) -> Fact:
    mentions = tuple(
        FactMention(s.article_id, s.index, s.start, s.end, s.text)
        for s in (sentences[i] for i in members)
    )
    sub = similarity[np.ix_(members, members)]
    centrality = sub.mean(axis=1)
    best = max(range(len(members)), key=lambda k: (float(centrality[k]), -k))
    pair_mean = (
        float((sub.sum() - np.trace(sub)) / (len(members) * (len(members) - 1)))
        if len(members) > 1
        else 1.0
    )
    names = sorted({outlets[owner[i]] for i in members})
    key = "|".join(f"{m.article}:{m.sentence}" for m in sorted(mentions, key=_mention_key))
    return Fact(
        id="f" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest(),
        text=sentences[members[best]].text,
        mentions=tuple(sorted(mentions, key=_mention_key)),
        articles=tuple(sorted({articles[owner[i]].id for i in members})),
        outlets=len(names),
        outlet_names=tuple(names),
        similarity=pair_mean,
        position=float(np.mean([positions[i] for i in members])),
    )


def _mention_key(mention: FactMention) -> tuple[str, int]:
    return (mention.article, mention.sentence)


def with_origins(fact: Fact, origins: Sequence[str], independent: int) -> Fact:
    return replace(fact, origins=tuple(origins), independent_origins=independent)
