"""Fit the attribution-cue model (storyline/analyze/cue_model.json) on PolNeAR train.

Needs PolNeAR's train split in data/polnear/ (git-ignored; see
storyline.evaluation.polnear). Only the train split is read: the regularisation and the
threshold are chosen on out-of-fold predictions over its articles (5 folds), the
threshold as the one with the best source F1 (overlap) whose false-attribution rate
stays at or under ``MAX_FALSE_RATE``. The dev split is reported by
benchmarks/attributions_polnear.py, never used here.

    .venv/bin/python benchmarks/train_cue_model.py            # fit, print figures, write
    .venv/bin/python benchmarks/train_cue_model.py --dry-run  # fit and print only

A candidate is labelled an attribution when it is one of the article's annotated ones
(its content shares a token with theirs and the sources overlap, or the cues overlap:
an attribution whose source phrase is cut otherwise is still one); a candidate whose cue
lies inside an annotated attribution, and is not one, is labelled not one (PolNeAR
marks each token once, so a quote inside a quote is not annotated, and storyline keeps
only the outer one for origins as well).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from storyline.evaluation.attributions import Scored
    from storyline.evaluation.polnear import GoldArticle

    Row = tuple[GoldArticle, list[Scored], list[list[str]], list[bool]]
    Probabilities = npt.NDArray[np.float64]

FOLDS = 5
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.3 + 0.025 * i, 3) for i in range(17))
MAX_FALSE_RATE = 0.045
MIN_WEIGHT = 0.02
MIN_COUNT = 3
"""A feature seen on fewer candidates than this is left out of the model."""
OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "analyze" / "cue_model.json"


def main() -> None:
    import numpy as np

    from storyline.evaluation.polnear import polnear_missing

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="do not write the model")
    args = parser.parse_args()
    if (missing := polnear_missing("train")) is not None:
        sys.exit(missing)
    start = time.perf_counter()
    rows = _rows()
    print(f"{len(rows)} train articles, {sum(len(r[2]) for r in rows)} candidates", end="")
    print(f" ({time.perf_counter() - start:.0f} s)")
    best: tuple[float, float, float] | None = None  # (F1, C, threshold)
    for c in C_GRID:
        oof: list[Probabilities] = [np.zeros(0)] * len(rows)
        for fold in range(FOLDS):
            fitted = _fit([r for i, r in enumerate(rows) if i % FOLDS != fold], c)
            for i in range(fold, len(rows), FOLDS):
                oof[i] = _probabilities(fitted, rows[i][2])
        for threshold in THRESHOLDS:
            figures = _evaluate(rows, oof, threshold)
            f1, rate = figures["source_overlap_f1"], figures["false_attribution_rate"]
            print(f"C={c} threshold={threshold:.3f} source F1 {f1:.3f} false rate {rate:.3f}")
            if rate <= MAX_FALSE_RATE and (best is None or f1 > best[0]):
                best = (f1, c, threshold)
    if best is None:
        sys.exit("no threshold keeps the false-attribution rate under its bound")
    f1, c, threshold = best
    print(f"chosen: C={c}, threshold={threshold} (out-of-fold source F1 {f1:.3f})")
    weights, bias = _fit(rows, c)
    model = {
        "_doc": "Attribution-cue model: logistic weights over storyline.analyze.cue_model "
        "features, fitted by benchmarks/train_cue_model.py on PolNeAR train only.",
        "C": c,
        "threshold": threshold,
        "bias": round(bias, 4),
        "weights": {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= MIN_WEIGHT},
    }
    if not args.dry_run:
        OUT.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({len(model['weights'])} weights)")


def _rows() -> list[Row]:
    from storyline.analyze.cue_model import features
    from storyline.analyze.cues import find_cues
    from storyline.evaluation.attributions import Scored, attributed, tokens
    from storyline.evaluation.polnear import parsed_split

    rows: list[Row] = []
    for gold, item in parsed_split("train"):
        text = gold.text
        annotated = list(gold.attributions)
        inside = frozenset().union(*(tokens(text, g.content) for g in annotated))
        found: list[Scored] = []
        feats: list[list[str]] = []
        labels: list[bool] = []
        for cue in find_cues(item.doc):
            scored = Scored((cue.source_span,) if cue.source_span else (), (cue.cue,), cue.content)
            label = attributed(text, scored, annotated) or _same_cue(text, scored, annotated)
            if not label and tokens(text, scored.cue) & inside:
                label = False  # a cue inside an annotated content: not marked, not kept
            found.append(scored)
            feats.append(features(cue))
            labels.append(label)
        rows.append((gold, found, feats, labels))
    return rows


def _same_cue(text: str, scored: Scored, annotated: list[Scored]) -> bool:
    """The candidate has an annotated attribution's cue and shares its content (its
    source phrase may be cut otherwise: it is still an attribution)."""
    from storyline.evaluation.attributions import overlaps, tokens

    cue, content = tokens(text, scored.cue), tokens(text, scored.content)
    return any(
        overlaps(cue, tokens(text, g.cue)) and content & tokens(text, g.content) and g.source
        for g in annotated
    )


def _fit(rows: list[Row], c: float) -> tuple[dict[str, float], float]:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in rows for f in row[2] for name in f)
    samples = [{n: 1 for n in f if counts[n] >= MIN_COUNT} for row in rows for f in row[2]]
    labels = [label for row in rows for label in row[3]]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(samples).tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=c, max_iter=5000, solver="liblinear").fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    return dict(zip(names, map(float, model.coef_[0]), strict=True)), float(model.intercept_[0])


def _probabilities(fitted: tuple[dict[str, float], float], feats: list[list[str]]) -> Probabilities:
    import numpy as np

    weights, bias = fitted
    scores = np.array([bias + sum(weights.get(f, 0.0) for f in fs) for fs in feats])
    return 1.0 / (1.0 + np.exp(-scores))


def _evaluate(
    rows: list[Row], probabilities: list[Probabilities], threshold: float
) -> dict[str, float]:
    from storyline.evaluation.attributions import Report, outermost, score_article
    from storyline.evaluation.polnear import as_article

    report = Report()
    for (gold, found, _, _), p in zip(rows, probabilities, strict=True):
        kept = outermost([f for f, q in zip(found, p, strict=True) if q >= threshold])
        annotated = list(gold.attributions)
        score_article(report, gold.text, as_article(gold).sentences, annotated, kept)
    return report.figures()


if __name__ == "__main__":
    main()
