"""The same-fact decision against MRPC (Microsoft Research Paraphrase Corpus).

MRPC holds 5,801 pairs of news sentences from different outlets about the same story,
each labelled equivalent (1) or not (0): 4,076 train, 1,725 test. It is not shipped with
storyline; put ``msr_paraphrase_train.txt`` and ``msr_paraphrase_test.txt`` (the
original tab-separated files) in ``data/mrpc/`` (git-ignored) or point ``STORYLINE_MRPC``
at their folder.

The decision scored is :func:`storyline.analyze.propositions.same_fact`, the one fact
alignment uses; the baseline is the cosine of TF-IDF vectors (fitted on the train
sentences) at the threshold with the best train F1.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..analyze.propositions import (
    Proposition,
    aligns,
    features,
    proposition,
    same_fact,
    same_fact_score,
)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Pair:
    label: bool
    a: str
    b: str


@dataclass(frozen=True)
class Scored:
    """Propositions and MiniLM cosines of a split's pairs."""

    pairs: tuple[Pair, ...]
    props: tuple[tuple[Proposition, Proposition], ...]
    cosines: tuple[float, ...]

    @property
    def labels(self) -> list[bool]:
        return [p.label for p in self.pairs]

    def scores(self) -> list[float]:
        return [
            same_fact_score(a, b, c) for (a, b), c in zip(self.props, self.cosines, strict=True)
        ]

    def decisions(self) -> list[bool]:
        return [same_fact(a, b, c) for (a, b), c in zip(self.props, self.cosines, strict=True)]

    def alignments(self) -> list[bool]:
        """The pair test fact alignment applies between a fact's text and a mention."""
        pairs = zip(self.props, self.cosines, strict=True)
        return [aligns(a, b, c) for (a, b), c in pairs]

    def features(self) -> FloatArray:
        rows = [features(a, b, c) for (a, b), c in zip(self.props, self.cosines, strict=True)]
        return np.array(rows, dtype=np.float64)


def mrpc_dir() -> Path:
    """Where the MRPC files are: ``$STORYLINE_MRPC`` or ``data/mrpc`` of the checkout."""
    env = os.environ.get("STORYLINE_MRPC")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data" / "mrpc"


def mrpc_available(directory: Path | None = None) -> bool:
    folder = directory or mrpc_dir()
    return all((folder / f"msr_paraphrase_{s}.txt").is_file() for s in ("train", "test"))


def load_mrpc(split: str, directory: Path | None = None) -> list[Pair]:
    """The pairs of one split ("train" or "test")."""
    path = (directory or mrpc_dir()) / f"msr_paraphrase_{split}.txt"
    pairs = []
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)  # Quality, #1 ID, #2 ID, #1 String, #2 String
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) == 5:
                pairs.append(Pair(fields[0] == "1", fields[3], fields[4]))
    return pairs


def _vectors(texts: Sequence[str], cache: Path | None) -> dict[str, npt.NDArray[np.float32]]:
    """MiniLM vectors of ``texts``, kept in ``cache`` (an .npz keyed by text hash)."""
    from ..cluster.embed import get_embedder

    def key(text: str) -> str:
        return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()

    known: dict[str, npt.NDArray[np.float32]] = {}
    if cache is not None and cache.is_file():
        with np.load(cache) as stored:
            known = {k: stored[k] for k in stored.files}
    todo = [t for t in dict.fromkeys(texts) if key(t) not in known]
    if todo:
        rows = get_embedder().embed(todo, max_tokens=128)
        known.update({key(t): row for t, row in zip(todo, rows, strict=True)})
        if cache is not None:
            np.savez(cache, **known)  # type: ignore[arg-type]
    return {t: known[key(t)] for t in texts}


def score_split(split: str, directory: Path | None = None) -> Scored:
    """Parse and embed one split's sentences (vectors cached beside the data)."""
    from ..analyze.nlp import get_nlp

    folder = directory or mrpc_dir()
    pairs = load_mrpc(split, folder)
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    vectors = _vectors(texts, folder / ".minilm-cache.npz")
    docs = dict(zip(texts, get_nlp().pipe(texts, batch_size=64), strict=True))
    props = tuple((proposition(docs[p.a][:]), proposition(docs[p.b][:])) for p in pairs)
    cosines = tuple(float(vectors[p.a] @ vectors[p.b]) for p in pairs)
    return Scored(tuple(pairs), props, cosines)


@dataclass(frozen=True)
class Prf:
    precision: float
    recall: float
    f1: float


def prf(predicted: Sequence[bool], gold: Sequence[bool]) -> Prf:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Prf(precision, recall, f1)


def recall_at_precision(scores: Sequence[float], gold: Sequence[bool], floor: float) -> float:
    """The highest recall of any threshold on ``scores`` whose precision is >= ``floor``."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    positives = sum(gold)
    best, tp = 0.0, 0
    for rank, i in enumerate(order, start=1):
        tp += gold[i]
        last_of_tie = rank == len(order) or scores[order[rank]] != scores[i]
        if last_of_tie and tp / rank >= floor:
            best = max(best, tp / positives if positives else 0.0)
    return best


def threshold_at_precision(scores: Sequence[float], gold: Sequence[bool], floor: float) -> float:
    """The lowest threshold whose precision on (``scores``, ``gold``) is >= ``floor``."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    chosen, tp = math.inf, 0
    for rank, i in enumerate(order, start=1):
        tp += gold[i]
        last_of_tie = rank == len(order) or scores[order[rank]] != scores[i]
        if last_of_tie and tp / rank >= floor:
            chosen = scores[i]
    return chosen


def best_f1_threshold(scores: Sequence[float], gold: Sequence[bool]) -> float:
    """The threshold with the best F1 on (``scores``, ``gold``) (the highest on ties)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    positives = sum(gold)
    best, chosen, tp = -1.0, math.inf, 0
    for rank, i in enumerate(order, start=1):
        tp += gold[i]
        if rank < len(order) and scores[order[rank]] == scores[i]:
            continue
        f1 = 2 * tp / (rank + positives) if positives else 0.0
        if f1 > best:
            best, chosen = f1, scores[i]
    return chosen
