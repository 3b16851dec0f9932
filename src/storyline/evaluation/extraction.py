"""Article-body extraction quality: the metric of the Zyte article-extraction-benchmark.

The benchmark (``../shared/eval/article-extraction-benchmark``, see its MANIFEST.md) pairs
181 HTML pages with a human-verified ``articleBody``. A prediction is scored per document
on multisets of 4-token shingles, and the per-document precision and recall are averaged
over documents, so a long article weighs no more than a short one. This module implements
that metric so that scoring the saved outputs of other extractors reproduces the published
table (checked in ``tests/eval/test_extraction_metric.py``), plus loaders for the data.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "BENCHMARK_NAME",
    "DocumentScore",
    "ExtractionScores",
    "GroundTruthItem",
    "benchmark_dir",
    "evaluate",
    "load_ground_truth",
    "load_html",
    "load_system_output",
    "saved_systems",
    "score_document",
    "score_documents",
    "shared_dir",
    "shingles",
    "tokenize",
]

BENCHMARK_NAME = "article-extraction-benchmark"
SHINGLE_SIZE = 4
N_BOOTSTRAP = 1000
BOOTSTRAP_SEED = 20191127

# The benchmark's tokenizer is ``\w+`` with re.IGNORECASE, which changes nothing for ``\w``:
# tokens keep their case. Lowercasing is offered only to show it does not match the table.
_TOKEN_RE = re.compile(r"\w+")

Shingle = tuple[str, ...]


# --- the metric -------------------------------------------------------------------------


def tokenize(text: str, *, lowercase: bool = False) -> list[str]:
    """Split text into ``\\w+`` tokens, case kept unless ``lowercase``."""
    tokens: list[str] = _TOKEN_RE.findall(text or "")
    return [token.lower() for token in tokens] if lowercase else tokens


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """Multiset of ``size``-token shingles; fewer than ``size`` tokens give one shingle."""
    if not tokens:
        return Counter()
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(count))


@dataclass(frozen=True)
class DocumentScore:
    """One document's shingle TP/FP/FN, normalised to sum to 1 (all 0 when both are empty)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """TP/(TP+FP); None when the prediction has no shingles (skipped in the mean)."""
        if self.tp + self.fp == 0:
            return None
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """TP/(TP+FN); None when the truth has no shingles (skipped in the mean)."""
        if self.tp + self.fn == 0:
            return None
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """This document's own F1 (0 when undefined); for ranking documents, not the metric."""
        precision, recall = self.precision or 0.0, self.recall or 0.0
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)


def score_document(truth: str, prediction: str, *, lowercase: bool = False) -> DocumentScore:
    """Compare one predicted article body with the true one."""
    true_tokens = tokenize(truth, lowercase=lowercase)
    pred_tokens = tokenize(prediction, lowercase=lowercase)
    true_shingles, pred_shingles = shingles(true_tokens), shingles(pred_tokens)
    tp = float(sum((true_shingles & pred_shingles).values()))
    fp = float(sum((pred_shingles - true_shingles).values()))
    fn = float(sum((true_shingles - pred_shingles).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return DocumentScore(tp=tp, fp=fp, fn=fn, exact=true_tokens == pred_tokens)


@dataclass(frozen=True)
class ExtractionScores:
    """Benchmark scores over a set of documents, with bootstrap standard deviations."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_std: float
    precision_std: float
    recall_std: float
    accuracy_std: float
    n_documents: int

    def as_dict(self) -> dict[str, float | int]:
        """Plain dict, for JSON reports."""
        return {
            "f1": self.f1,
            "precision": self.precision,
            "recall": self.recall,
            "accuracy": self.accuracy,
            "f1_std": self.f1_std,
            "precision_std": self.precision_std,
            "recall_std": self.recall_std,
            "accuracy_std": self.accuracy_std,
            "n_documents": self.n_documents,
        }


def _mean(values: Iterable[float | None]) -> float:
    present = [value for value in values if value is not None]
    return statistics.fmean(present) if present else 0.0


def _f1(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _point_scores(
    precisions: Sequence[float | None],
    recalls: Sequence[float | None],
    exacts: Sequence[bool],
) -> tuple[float, float, float, float]:
    precision, recall = _mean(precisions), _mean(recalls)
    accuracy = sum(exacts) / len(exacts) if exacts else 0.0
    return _f1(precision, recall), precision, recall, accuracy


def score_documents(
    documents: Sequence[DocumentScore],
    *,
    n_bootstrap: int = N_BOOTSTRAP,
    seed: int = BOOTSTRAP_SEED,
) -> ExtractionScores:
    """Average per-document scores; std from ``n_bootstrap`` resamples with a fixed seed."""
    precisions = [document.precision for document in documents]
    recalls = [document.recall for document in documents]
    exacts = [document.exact for document in documents]
    f1, precision, recall, accuracy = _point_scores(precisions, recalls, exacts)
    samples: list[tuple[float, float, float, float]] = []
    rng = random.Random(seed)
    n = len(documents)
    for _ in range(n_bootstrap if n else 0):
        indices = [rng.randrange(n) for _ in range(n)]
        samples.append(
            _point_scores(
                [precisions[i] for i in indices],
                [recalls[i] for i in indices],
                [exacts[i] for i in indices],
            )
        )
    f1_std, precision_std, recall_std, accuracy_std = (
        statistics.stdev(sample[column] for sample in samples) if len(samples) > 1 else 0.0
        for column in range(4)
    )
    return ExtractionScores(
        f1=f1,
        precision=precision,
        recall=recall,
        accuracy=accuracy,
        f1_std=f1_std,
        precision_std=precision_std,
        recall_std=recall_std,
        accuracy_std=accuracy_std,
        n_documents=n,
    )


@dataclass(frozen=True)
class GroundTruthItem:
    """One benchmark page: its true article body and URL."""

    article_body: str
    url: str


def evaluate(
    ground_truth: Mapping[str, GroundTruthItem],
    predictions: Mapping[str, str],
    *,
    n_bootstrap: int = N_BOOTSTRAP,
    seed: int = BOOTSTRAP_SEED,
    lowercase: bool = False,
) -> tuple[ExtractionScores, dict[str, DocumentScore]]:
    """Score predicted article bodies (by document id) against the ground truth.

    Raises ValueError when the predictions do not cover exactly the ground-truth ids.
    """
    if set(ground_truth) != set(predictions):
        missing = sorted(set(ground_truth) - set(predictions))
        extra = sorted(set(predictions) - set(ground_truth))
        raise ValueError(
            f"prediction ids do not match the ground truth: {len(missing)} missing "
            f"(e.g. {missing[:3]}), {len(extra)} unknown (e.g. {extra[:3]})"
        )
    per_document = {
        doc_id: score_document(item.article_body, predictions[doc_id], lowercase=lowercase)
        for doc_id, item in sorted(ground_truth.items())
    }
    scores = score_documents(list(per_document.values()), n_bootstrap=n_bootstrap, seed=seed)
    return scores, per_document


# --- the data ---------------------------------------------------------------------------


def shared_dir() -> Path:
    """The shared data folder: ``$STORYLINE_SHARED``, else ``../shared`` beside the repo."""
    override = os.environ.get("STORYLINE_SHARED")
    if override:
        return Path(override).expanduser().resolve()
    return (Path(__file__).resolve().parents[3] / ".." / "shared").resolve()


def benchmark_dir() -> Path:
    """Where the article-extraction benchmark lives (it may be absent)."""
    return shared_dir() / "eval" / BENCHMARK_NAME


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_ground_truth(directory: Path | None = None) -> dict[str, GroundTruthItem]:
    """Read ``ground-truth.json``: document id -> true article body and URL."""
    raw = _read_json((directory or benchmark_dir()) / "ground-truth.json")
    if not isinstance(raw, dict):
        raise ValueError("ground-truth.json must hold an object keyed by document id")
    return {
        str(doc_id): GroundTruthItem(
            article_body=str(item.get("articleBody") or ""), url=str(item.get("url") or "")
        )
        for doc_id, item in raw.items()
    }


def load_system_output(path: Path) -> dict[str, str]:
    """Read an ``output/<system>.json`` file: document id -> predicted article body.

    Accepts the plain ``{id: {"articleBody": ...}}`` form and the wrapped
    ``{"version": ..., "output": {id: {...}}}`` form.
    """
    raw = _read_json(path)
    if isinstance(raw, dict) and isinstance(raw.get("output"), dict):
        raw = raw["output"]
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected an object keyed by document id")
    return {
        str(doc_id): str((item or {}).get("articleBody") or "") if isinstance(item, dict) else ""
        for doc_id, item in raw.items()
    }


def saved_systems(directory: Path | None = None) -> dict[str, Path]:
    """The saved outputs of other extractors: system name -> JSON path."""
    output_dir = (directory or benchmark_dir()) / "output"
    return {path.stem: path for path in sorted(output_dir.glob("*.json"))}


def load_html(doc_id: str, directory: Path | None = None) -> str:
    """Read one page's HTML (``html/<id>.html.gz``, UTF-8)."""
    path = (directory or benchmark_dir()) / "html" / f"{doc_id}.html.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()
