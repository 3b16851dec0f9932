"""Fit the plain-text line model (src/storyline/clean/line_model.json) on the tune halves.

Input: every page of the boilerplate sets and the Zyte benchmark as ``visible_text``
(the plain-text path's input), cached in ``data/plain_lines/pages.pkl`` on the first
run. Each non-blank line is labelled *article* when at least half of its tokens sit in
a 4-token shingle of the gold text (the metric's unit), and weighed by its tokens over
the gold text's, so every page counts about the same. Only the lines the model judges
are fitted (not metadata: title, byline, timestamp; not removed by a firm rule), and
only on ``tune`` pages (even positions of Dragnet, CleanEval and Zyte). The cleaner keeps
the lines that maximise each page's expected F1 (``line_model.expected_f1_keep``); the
one constant of that decision, the probability floor under which no line is kept, is
chosen on out-of-fold predictions of the tune pages (two folds by page).
The report gives the benchmark's F1 (of mean per-page P and R) of the model, the rules
alone and no cleaning, per set and part, as the cleaner decides.

    nice .venv/bin/python benchmarks/train_line_model.py            # fit, write, report
    nice .venv/bin/python benchmarks/train_line_model.py --no-write  # report only
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from storyline.clean.line_model import (
    FEATURES,
    MODEL_FILE,
    expected_f1_keep,
    model_from_dict,
    probability_context,
)
from storyline.clean.plaintext import pass_features, rule_pass
from storyline.evaluation.extraction import (
    SHINGLE_SIZE,
    DocumentScore,
    score_document,
    score_documents,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[1]
Row = dict[str, Any]
CACHE = ROOT / "data" / "plain_lines"
MODEL_PATH = ROOT / "src" / "storyline" / "clean" / MODEL_FILE
# Boosting settings (chosen on the tune pages' out-of-fold F1)
TREES = 200
DEPTH = 5
LEARNING_RATE = 0.1
MIN_LEAF = 50
LABEL_SHARE = 0.5
# a furniture rule whose tune lines are article less often than this always drops its line
DROP_SHARE = 0.02
DROP_MIN_LINES = 30


def _pages() -> list[tuple[str, str, str, str, str]]:
    path = CACHE / "pages.pkl"
    if path.is_file():
        pages: list[tuple[str, str, str, str, str]] = pickle.loads(path.read_bytes())
        return pages
    from extraction_sets import _zyte_pages

    from storyline.evaluation.boilerplate import DATASETS, load_pages
    from storyline.evaluation.visible_text import visible_text

    out = []
    for name in (*DATASETS, "zyte"):
        for page in _zyte_pages() if name == "zyte" else load_pages(name):
            out.append((page.dataset, page.id, page.part, visible_text(page.html), page.truth))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def _labels(line_texts: list[str], truth: str) -> tuple[np.ndarray, np.ndarray]:
    """Share of each line's tokens covered by a gold shingle, and its token count."""
    gold_tokens = tokenize(truth)
    size = min(SHINGLE_SIZE, max(1, len(gold_tokens)))
    gold = {tuple(gold_tokens[i : i + size]) for i in range(len(gold_tokens) - size + 1)}
    per_line = [tokenize(text) for text in line_texts]
    tokens = [t for line in per_line for t in line]
    covered = np.zeros(len(tokens), dtype=bool)
    for i in range(len(tokens) - size + 1):
        if tuple(tokens[i : i + size]) in gold:
            covered[i : i + size] = True
    shares, counts, at = [], [], 0
    for line in per_line:
        n = len(line)
        shares.append(float(covered[at : at + n].mean()) if n else 0.0)
        counts.append(n)
        at += n
    return np.array(shares), np.array(counts, dtype=float)


def _page_rows(page: tuple[str, str, str, str, str]) -> Row:
    logging.disable(logging.WARNING)
    dataset, page_id, part, text, truth = page
    found = rule_pass(text)
    lines = found.lines
    shares, counts = _labels([line.text for line in lines], truth)
    return {
        "set": dataset,
        "id": page_id,
        "part": part,
        "truth": truth,
        "texts": [line.text for line in lines],
        "meta": np.array([line.cls == "meta" for line in lines], dtype=bool),
        "rule_keep": np.array([line.keep for line in lines], dtype=bool),
        "reasons": [line.reason if line.cls in ("boiler", "meta") else None for line in lines],
        "firm": np.array([line.firm is not None for line in lines], dtype=bool),
        "x": pass_features(found),
        "share": shares,
        "tokens": counts,
        "gold_tokens": len(tokenize(truth)),
        "visible": text,
    }


def _rows(jobs: int) -> list[Row]:
    path = CACHE / "rows.pkl"
    if path.is_file():
        cached = pickle.loads(path.read_bytes())
        if cached["features"] == list(FEATURES) and "firm" in cached["rows"][0]:
            rows: list[Row] = cached["rows"]
            return rows
    pages = _pages()
    with ProcessPoolExecutor(jobs) as pool:
        rows = list(pool.map(_page_rows, pages, chunksize=16))
    path.write_bytes(pickle.dumps({"features": list(FEATURES), "rows": rows}))
    return rows


def _kept_text(row: Row, keep: np.ndarray) -> str:
    """The cleaner's output for these decisions: metadata lines never, repeats once."""
    seen: set[str] = set()
    out = []
    for text, meta, k in zip(row["texts"], row["meta"], keep, strict=True):
        if meta or not k:
            continue
        key = text.casefold()
        if key in seen and len(text.split()) >= 8:
            continue
        seen.add(key)
        out.append(text)
    return "\n\n".join(out)


def _score(row: Row, keep: np.ndarray) -> DocumentScore:
    return score_document(str(row["truth"]), _kept_text(row, keep))


def _f1(scores: list[DocumentScore]) -> float:
    """The benchmark's F1: of the mean per-page precision and recall."""
    return score_documents(scores, n_bootstrap=0).f1


def _fit(rows: list[Row], inputs: list[np.ndarray]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    # only the lines the model judges: not metadata, not removed by a firm rule
    judged = np.concatenate([~r["meta"] & ~r["firm"] for r in rows])
    y = np.concatenate([r["share"] >= LABEL_SHARE for r in rows])[judged]
    w = np.concatenate([np.maximum(r["tokens"], 1.0) / max(50, r["gold_tokens"]) for r in rows])
    w = w[judged]
    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=DEPTH,
        max_leaf_nodes=2**DEPTH,
        learning_rate=LEARNING_RATE,
        min_samples_leaf=MIN_LEAF,
        early_stopping=False,
        random_state=17,
    )
    model.fit(np.vstack(inputs)[judged], y, sample_weight=w)
    return model


def _export(model: Any) -> dict[str, Any]:
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        features = np.where(leaf, -1, nodes["feature_idx"])
        values = np.where(leaf, nodes["value"], 0.0)
        trees.append(
            {
                "feature": [int(f) for f in features],
                "threshold": [float(t) for t in nodes["num_threshold"]],
                "left": [int(c) for c in nodes["left"]],
                "right": [int(c) for c in nodes["right"]],
                "value": [round(float(v), 6) for v in values],
            }
        )
    return {"depth": DEPTH, "bias": float(model._baseline_prediction.ravel()[0]), "trees": trees}


def _always_drop(rows: list[Row]) -> list[str]:
    """Furniture reasons whose lines are almost never article on the tune pages."""
    lines: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        for reason, share in zip(r["reasons"], r["share"], strict=True):
            if reason is not None:
                lines[reason].append(bool(share >= LABEL_SHARE))
    return sorted(
        reason
        for reason, labels in lines.items()
        if len(labels) >= DROP_MIN_LINES and np.mean(labels) < DROP_SHARE
    )


def _decide(row: Row, probabilities: np.ndarray, threshold: float, drop: list[str]) -> np.ndarray:
    """The cleaner's decision (``LineModel.keep``): the open lines (not metadata, never
    one a firm rule removed or an always-dropped reason) that maximise the page's
    expected F1, none under the floor ``threshold``."""
    dropped = np.array([reason in drop for reason in row["reasons"]], dtype=bool)
    open_lines = ~dropped & ~row["firm"] & ~row["meta"]
    words = np.rint(np.expm1(row["x"][:, FEATURES.index("log_words")]))
    return expected_f1_keep(probabilities, words, open_lines, threshold)


def _best_threshold(rows: list[Row], probs: list[np.ndarray], drop: list[str]) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(0.0, 0.41, 0.05):
        decided = zip(rows, probs, strict=True)
        f1 = _f1([_score(r, _decide(r, p, threshold, drop)) for r, p in decided])
        print(f"  floor {threshold:.2f}: out-of-fold tune F1 {f1:.4f}", flush=True)
        if f1 > best_f1:
            best, best_f1 = round(float(threshold), 2), f1
    return best


def _out_of_fold(folds: list[list[Row]], inputs: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
    """Each tune page's probabilities from a model fitted on the other fold."""
    out: dict[int, np.ndarray] = {}
    for k in (0, 1):
        other = folds[1 - k]
        fitted = _fit(other, [inputs[id(r)] for r in other])
        for r in folds[k]:
            out[id(r)] = fitted.predict_proba(inputs[id(r)])[:, 1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--stages", type=int, default=1, choices=(1, 2))
    args = parser.parse_args()
    started = time.time()
    rows = _rows(args.jobs)
    print(f"{len(rows)} pages, features in {time.time() - started:.0f} s", flush=True)
    tune = [r for r in rows if r["part"] == "tune"]
    drop = _always_drop(tune)
    print(f"always dropped: {drop}")
    folds = [tune[0::2], tune[1::2]]
    inputs = {id(r): r["x"] for r in tune}
    stages = []
    for stage in range(args.stages):
        oof = _out_of_fold(folds, inputs)
        print(f"stage {stage + 1} out of fold in {time.time() - started:.0f} s", flush=True)
        threshold = _best_threshold(tune, [oof[id(r)] for r in tune], drop)
        stages.append(_fit(tune, [inputs[id(r)] for r in tune]))
        inputs = {id(r): np.hstack([r["x"], probability_context(oof[id(r)])]) for r in tune}
    exported = {
        "_doc": "storyline.clean.line_model: boosted trees fitted by "
        "benchmarks/train_line_model.py on the tune pages (no text inside)",
        "features": list(FEATURES),
        "threshold": threshold,
        "always_drop": drop,
        "stages": [_export(stage) for stage in stages],
    }
    shipped = model_from_dict(exported)
    check = tune[0]["x"]
    expected = stages[0].predict_proba(check)[:, 1]
    if len(stages) > 1:
        expected = stages[1].predict_proba(np.hstack([check, probability_context(expected)]))[:, 1]
    gap = np.abs(shipped.probabilities(check) - expected).max()
    print(f"fitted in {time.time() - started:.0f} s; export gap {gap:.2e}; threshold {threshold}")
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(exported, separators=(",", ":")) + "\n")
    groups: dict[tuple[str, str], list[tuple[DocumentScore, ...]]] = defaultdict(list)
    for r in rows:
        keep = _decide(r, shipped.probabilities(r["x"]), threshold, drop)
        scores = (
            _score(r, keep),
            _score(r, r["rule_keep"]),
            score_document(str(r["truth"]), str(r["visible"])),
        )
        groups[(str(r["set"]), str(r["part"]))].append(scores)
        groups[("all", str(r["part"]))].append(scores)
    print(f"{'set':<16}{'part':<9}{'pages':>6}{'model':>8}{'rules':>8}{'none':>8}")
    for (dataset, part), values in sorted(groups.items(), key=lambda i: (i[0][0] == "all", i[0])):
        m = [_f1([v[k] for v in values]) for k in range(3)]
        print(f"{dataset:<16}{part:<9}{len(values):>6}{m[0]:>8.3f}{m[1]:>8.3f}{m[2]:>8.3f}")


if __name__ == "__main__":
    main()
