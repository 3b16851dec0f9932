"""Sentence selection as concept coverage, solved exactly as an integer program.

The concept model of Gillick & Favre (2009), the kind of selector the strongest extractive
multi-document summarizers of the DUC/TAC newswire tasks are: a story's *concepts* are its
word bigrams (lower-cased, Porter-stemmed; a bigram of two stop words is no concept), each
weighted by the logarithm of how many of the story's articles use it, more when an article
uses it in its first sentences (news puts its point first: the one weak position signal).
The logarithm prices a bigram every article repeats (the story's name, its place) below
two that half of them use: the brief covers more of what is shared, not the same thing
twice over. A brief is worth the summed weight of the concepts it covers, each counted
once, so a second sentence saying the same thing adds nothing: redundancy is priced in,
not patched on.
A bigram is a concept when two or more articles use it, whatever their number (a share
of the articles, 30% as the ICSI summarizer's three of ten, left too few concepts in
stories of many articles: DUC 2006's 25, tuning half).

    w_c = ln(articles using c) + LEAD_BONUS * (articles using c in their first sentences)

    maximise   sum_c w_c * z_c
    subject to sum_s len_s * x_s <= budget
               z_c <= sum_{s contains c} x_s            (a concept counts once covered)
               sum_{s in fact f} x_s <= 1                (one voice per fact)
               x_s + x_t <= 1 for near-repeats s, t      (embedding cosine >= repeat)
               x, z binary

solved with HiGHS (``scipy.optimize.milp``), within a node limit (deterministic, unlike a
time limit on a loaded machine). A story of one article has no cross-article
frequency; its concepts are weighted by how often the article repeats them.

When no sentence left adds a concept but the budget has room (stories of few, short
articles share few bigrams), :func:`fill` spends the slack: while a sentence still fits,
the one that adds the most of the story's content words not yet in the brief, each
weighted by how many articles use it, words of one article alone not counted (no
constant: the budget, or no sentence adding a shared word, decides when it stops).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

Concept = tuple[str, str]

LEAD_SENTENCES = 3
"""An article's first sentences: a concept used there weighs more."""

LEAD_BONUS = 0.25
"""Extra weight per article that uses a concept in its first sentences (beside the
logarithm of the count of articles using it)."""

ONE_ARTICLE_LEAD_BONUS = 0.5
"""A story of one article: extra weight of a concept its first sentences use (beside how
often the article repeats it)."""


SOLVER_NODES = 1000
"""HiGHS branch-and-bound node limit per story; the best solution found by then is used.
A count of nodes, not of seconds, so that a loaded machine gets the brief an idle one
does (the same input, the same brief). DUC 2006's 25-article stories solve at 1-9 nodes."""

SOLVER_SECONDS = 120.0
"""A wall-clock guard behind ``SOLVER_NODES`` for a pathological program."""

_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer  # type: ignore[import-untyped, unused-ignore]

    return snowballstemmer.stemmer("porter")


def concepts(text: str) -> set[Concept]:
    """The bigram concepts of ``text``: adjacent stemmed tokens, not both stop words."""
    tokens = _TOKEN.findall(text.lower())
    stops = _stopwords()
    return {
        (_stem(a), _stem(b))
        for a, b in itertools.pairwise(tokens)
        if not (a in stops and b in stops)
    }


def terms(text: str) -> frozenset[str]:
    """The stemmed content words of ``text`` (no stop words)."""
    stops = _stopwords()
    return frozenset(_stem(w) for w in _TOKEN.findall(text.lower()) if w not in stops)


def term_weights(articles: Sequence[Sequence[str]]) -> dict[str, float]:
    """Content word -> how many of the articles use it; with two or more articles, only
    the words two or more use (as concepts): a word of one article alone is no sign the
    sentence is about the story (a newsletter's "breaking news alerts", an unrelated
    article pooled in)."""
    df: Counter[str] = Counter()
    for sentences in articles:
        df.update(set().union(*(terms(s) for s in sentences)) if sentences else set())
    least = 2 if len(articles) > 1 else 1
    return {t: float(n) for t, n in df.items() if n >= least}


def concept_weights(articles: Sequence[Sequence[str]]) -> dict[Concept, float]:
    """Concept -> weight, from each article's sentences in reading order."""
    if len(articles) == 1:
        counts: Counter[Concept] = Counter()
        for sentence in articles[0]:
            counts.update(concepts(sentence))
        lead = set().union(*(concepts(s) for s in articles[0][:LEAD_SENTENCES]))
        return {c: n + ONE_ARTICLE_LEAD_BONUS * (c in lead) for c, n in counts.items() if n >= 2}
    df: Counter[Concept] = Counter()
    lead_df: Counter[Concept] = Counter()
    for sentences in articles:
        used = set().union(*(concepts(s) for s in sentences)) if sentences else set()
        df.update(used)
        lead_df.update(set().union(*(concepts(s) for s in sentences[:LEAD_SENTENCES])))
    return {c: math.log(n) + LEAD_BONUS * lead_df[c] for c, n in df.items() if n >= 2}


@dataclass(frozen=True)
class Candidate:
    """One sentence that may enter the brief."""

    words: int
    concepts: frozenset[Concept]
    group: int  # candidates of one group (a fact's mentions) exclude each other
    bonus: float = 0.0  # added to the objective when chosen
    terms: frozenset[str] = frozenset()  # its content words (:func:`terms`), for :func:`fill`


def choose(
    candidates: Sequence[Candidate],
    weights: dict[Concept, float],
    budget: int,
    exclusive: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """Indices of the candidates of the best brief within ``budget`` words."""
    usable = [i for i, c in enumerate(candidates) if c.words <= budget]
    if not usable:
        return []
    covered = sorted({c for i in usable for c in candidates[i].concepts if c in weights})
    column = {c: len(usable) + k for k, c in enumerate(covered)}
    n = len(usable) + len(covered)
    objective = np.zeros(n)
    for k, i in enumerate(usable):
        objective[k] = -candidates[i].bonus
    for c, j in column.items():
        objective[j] = -weights[c]
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(entries: Sequence[tuple[int, float]], lo: float, hi: float) -> None:
        row = len(lower)
        for col, val in entries:
            rows.append(row)
            cols.append(col)
            vals.append(val)
        lower.append(lo)
        upper.append(hi)

    add([(k, float(candidates[i].words)) for k, i in enumerate(usable)], 0, budget)
    holders: dict[Concept, list[int]] = {c: [] for c in covered}
    for k, i in enumerate(usable):
        for c in candidates[i].concepts:
            if c in holders:
                holders[c].append(k)
    for c, ks in holders.items():
        add([(column[c], 1.0)] + [(k, -1.0) for k in ks], -np.inf, 0)
    groups: dict[int, list[int]] = {}
    for k, i in enumerate(usable):
        groups.setdefault(candidates[i].group, []).append(k)
    for ks in groups.values():
        if len(ks) > 1:
            add([(k, 1.0) for k in ks], 0, 1)
    position = {i: k for k, i in enumerate(usable)}
    for a, b in exclusive:
        if a in position and b in position:
            add([(position[a], 1.0), (position[b], 1.0)], 0, 1)
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(lower), n)).tocsr()
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, lower, upper),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"node_limit": SOLVER_NODES, "time_limit": SOLVER_SECONDS},
    )
    if result.x is None:
        return []
    return [i for k, i in enumerate(usable) if result.x[k] > 0.5]


def fill(
    candidates: Sequence[Candidate],
    chosen: Sequence[int],
    weights: dict[str, float],
    budget: int,
    exclusive: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """``chosen`` and, while a sentence still fits the budget (and neither shares a group
    with a chosen one nor is exclusive with one), the one whose content words not yet
    covered weigh most in ``weights`` (ties: the longer); a sentence that adds none is
    never taken."""
    picked = list(chosen)
    used = sum(candidates[i].words for i in picked)
    groups = {candidates[i].group for i in picked}
    covered: set[str] = set().union(*(candidates[i].terms for i in picked)) if picked else set()
    excluded: dict[int, set[int]] = {}
    for a, b in exclusive:
        excluded.setdefault(a, set()).add(b)
        excluded.setdefault(b, set()).add(a)
    barred = set().union(*(excluded.get(i, set()) for i in picked)) if picked else set()
    while True:
        best, best_key = -1, (0.0, 0)
        for i, c in enumerate(candidates):
            if c.group in groups or i in barred or used + c.words > budget:
                continue
            key = (sum(weights.get(t, 0.0) for t in c.terms - covered), c.words)
            if key[0] > 0 and key > best_key:
                best, best_key = i, key
        if best < 0:
            return picked
        picked.append(best)
        used += candidates[best].words
        groups.add(candidates[best].group)
        covered |= candidates[best].terms
        barred |= excluded.get(best, set())
