"""The same-fact decision on MRPC, beside a TF-IDF cosine baseline (issue 15).

Needs the MRPC files in data/mrpc/ (git-ignored; see storyline.evaluation.mrpc). Every
constant is chosen on the train split; the test split is only reported.

    .venv/bin/python benchmarks/mrpc_same_fact.py          # test P/R/F1, recall at P 0.90/0.95
    .venv/bin/python benchmarks/mrpc_same_fact.py --fit    # refit the weights on train
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from storyline.analyze import propositions
    from storyline.evaluation.mrpc import (
        best_f1_threshold,
        mrpc_available,
        mrpc_dir,
        prf,
        recall_at_precision,
        score_split,
        threshold_at_precision,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fit", action="store_true", help="fit the weights on train and print them"
    )
    args = parser.parse_args()
    if not mrpc_available():
        sys.exit(f"MRPC is not in {mrpc_dir()}: see storyline/evaluation/mrpc.py")
    start = time.perf_counter()
    train, test = score_split("train"), score_split("test")
    if args.fit:
        model = LogisticRegression(C=1.0, max_iter=5000).fit(train.features(), train.labels)
        weights = [float(model.intercept_[0]), *map(float, model.coef_[0])]
        print(json.dumps({"weights": [round(w, 2) for w in weights]}))
        propositions.WEIGHTS = tuple(round(w, 2) for w in weights)
    threshold = threshold_at_precision(train.scores(), train.labels, 0.90)
    print(json.dumps({"train_threshold_at_p090": round(threshold, 4),
                      "in_use": propositions.SAME_FACT_SCORE}))  # fmt: skip

    tfidf = TfidfVectorizer().fit([t for p in train.pairs for t in (p.a, p.b)])

    def cosines(pairs: object) -> list[float]:
        a = tfidf.transform([p.a for p in pairs])  # type: ignore[attr-defined]
        b = tfidf.transform([p.b for p in pairs])  # type: ignore[attr-defined]
        return [float(x) for x in a.multiply(b).sum(axis=1).A1]

    base_train, base_test = cosines(train.pairs), cosines(test.pairs)
    ours_train, ours_test = train.scores(), test.scores()
    labels = train.labels
    rows = {
        # the decision fact alignment uses: score >= SAME_FACT_SCORE, polarity, numbers
        "same_fact": (test.decisions(), ours_test, propositions.SAME_FACT_SCORE),
        # the pair test between a fact's text and a mention (adds "states", drops length)
        "alignment_pair_test": (test.alignments(), ours_test, propositions.SAME_FACT_SCORE),
        "same_fact_score_best_f1": _at(ours_test, best_f1_threshold(ours_train, labels)),
        "tfidf_cosine_best_f1": _at(base_test, best_f1_threshold(base_train, labels)),
        "tfidf_cosine_p090": _at(base_test, threshold_at_precision(base_train, labels, 0.90)),
    }
    for name, (decided, scores, chosen) in rows.items():
        score = prf(decided, test.labels)
        print(json.dumps({
            "split": "test", "method": name, "threshold": round(chosen, 4),
            "precision": round(score.precision, 3), "recall": round(score.recall, 3),
            "f1": round(score.f1, 3),
            "recall_at_p090": round(recall_at_precision(scores, test.labels, 0.90), 3),
            "recall_at_p095": round(recall_at_precision(scores, test.labels, 0.95), 3),
        }))  # fmt: skip
    print(json.dumps({"seconds": round(time.perf_counter() - start, 1)}))


def _at(test: list[float], threshold: float) -> tuple[list[bool], list[float], float]:
    """Decisions on test at a threshold chosen on train."""
    return [s >= threshold for s in test], test, threshold


if __name__ == "__main__":
    main()
