"""A learned carrier test beside the hand rule of restatement (issue 15; tried, not shipped).

Reads the pairs ``benchmarks/carrier_pairs.py`` wrote (every judged top fact's text
against every other article of its story, labelled carrier, partial or not; a partial
counts as not carrying) and fits a logistic model over three features of the article's
best candidate sentence (MiniLM cosine of at least ``FLOOR``, no veto: :func:`vetoed`):

- the MiniLM cosine of the two sentences;
- the share of the text's claim lemmas the sentence has (``propositions.coverage``);
- how rare in the story the rarest claim lemma it lacks is (one minus the share of the
  story's other articles that use it): a sentence that lacks only the story's common
  words may say them otherwise, one that lacks a word few articles use leaves out a
  detail.

The best sentence per article is found in two passes (first the most similar, then the
best by the first fit). The threshold is the lowest on the grid whose out-of-fold
precision (leave one story out) on the pairs the model adds to the hand rule
(``facts.STATES_COSINE`` and ``propositions.restates`` at ``facts.CARRIES_COVERAGE``) is
at least ``MIN_PRECISION``. Fitted and chosen on tuning data only: the tuned ECB+ round
and, when dumped, the independent readers' DUC rounds (``carrier_pairs.py --reader``);
``--report heldout`` prints the held-out round's figures with that model, never used to
choose anything. Figures and why it is not shipped: benchmarks/README.md, "Facts and
citations".

    .venv/bin/python benchmarks/carrier_pairs.py --part tuned      # ~2 min each
    .venv/bin/python benchmarks/carrier_pairs.py --part heldout
    .venv/bin/python benchmarks/carrier_pairs.py --reader /work/read12 --reader /work/read13
    .venv/bin/python benchmarks/carriers_learned.py --report heldout
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

if TYPE_CHECKING:
    from storyline.analyze.propositions import Proposition

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "data" / "carrier_pairs"
C = 1.0
FLOOR = 0.45
MIN_PRECISION = 0.97
THRESHOLDS = tuple(round(0.5 + 0.025 * i, 3) for i in range(19))
FEATURES = ("cosine", "coverage", "rarest_missing")

Item = tuple[dict[str, Any], list[tuple[float, ...]], bool]


def vetoed(line: Proposition, other: Proposition) -> bool:
    """What no wording makes up for: figures that clash or carry other bounds, another
    polarity or negation, another source, time frame or hedging, a denial or "whether"
    the line lacks, the line's time words, focus words or adverbial clauses left out."""
    from storyline.analyze import propositions as p

    return (
        p.numbers_clash(line, other)
        or not p.bounds_agree(line, other)
        or not p.polarity_agrees(line, other)
        or (other.negated and not line.negated)
        or bool(line.sources and other.sources and not line.sources & other.sources)
        or not p.same_time_frame(line, other)
        or line.hedged != other.hedged
        or bool((p.DENIALS & other.lemmas) - line.lemmas)
        or bool((p.QUESTIONS & other.forms) - line.forms)
        or not p.FOCUS & line.forms <= other.forms
        or not line.times <= other.forms
        or not all(side & other.lemmas for side in line.sides)
    )


def rarity(lemma: str, used: Sequence[frozenset[str]], own: int) -> float:
    """One minus the share of the story's articles but ``own`` (``used``: each
    article's lemmas) that use ``lemma``."""
    others = [lemmas for k, lemmas in enumerate(used) if k != own]
    return 1.0 - sum(lemma in lemmas for lemmas in others) / len(others) if others else 1.0


def pair_features(
    line: Proposition, other: Proposition, cosine: float, used: Sequence[frozenset[str]], own: int
) -> tuple[float, ...]:
    from storyline.analyze.propositions import coverage

    wanted = line.claim or line.content
    lacking = wanted - ((other.lemmas - other.framed) | other.referents)
    rarest = max((rarity(lemma, used, own) for lemma in lacking), default=0.0)
    return (cosine, coverage(line, other), rarest)


def items_of(part: str) -> list[Item]:
    from storyline.analyze.facts import CARRIES_COVERAGE, STATES_COSINE
    from storyline.analyze.propositions import restates

    rows = pickle.loads((PAIRS / f"{part}.pkl").read_bytes())
    out = []
    for r in rows:
        line = r["line_prop"]
        feats = [
            pair_features(line, other, cos, r["used"], r["own"])
            for other, cos in r["others"]
            if cos >= FLOOR and not vetoed(line, other)
        ]
        rule = any(
            cos >= STATES_COSINE and restates(line, other, r["aliases"], CARRIES_COVERAGE)
            for other, cos in r["others"]
        )
        out.append((r, feats, rule))
    return out


def _z(w: list[float], x: tuple[float, ...]) -> float:
    return w[0] + sum(a * b for a, b in zip(w[1:], x, strict=True))


def fit(items: list[Item]) -> list[float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    w: list[float] | None = None
    for _ in range(2):
        xs, ys = [], []
        for r, feats, _ in items:
            if feats:
                xs.append(max(feats, key=lambda f: f[0] if w is None else _z(w, f)))
                ys.append(int(r["label"] == 1))
        model = LogisticRegression(C=C, max_iter=1000).fit(np.array(xs), ys)
        w = [float(model.intercept_[0]), *map(float, model.coef_[0])]
    assert w is not None
    return w


def score(w: list[float], feats: list[tuple[float, ...]]) -> float:
    return 1.0 / (1.0 + math.exp(-max(_z(w, f) for f in feats))) if feats else 0.0


def counts(scored: list[tuple[float, float, bool]], threshold: float) -> dict[str, Any]:
    """What the model adds to the hand rule at ``threshold``, and the two together."""
    added = [label for s, label, rule in scored if s >= threshold and not rule]
    true = added.count(1)
    both = [label for s, label, rule in scored if s >= threshold or rule]
    return {"added": len(added), "added_carriers": true, "added_partial": added.count(0.5),
            "precision": round(true / len(added), 3) if added else 1.0,
            "with_rule": len(both), "with_rule_carriers": both.count(1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", choices=("heldout",), help="also print this part")
    args = parser.parse_args()
    items = items_of("tuned")
    if (PAIRS / "reader.pkl").is_file():
        items += items_of("reader")
    stories = sorted({r["story"] for r, _, _ in items})
    oof: list[tuple[float, float, bool]] = []
    for story in stories:
        w = fit([it for it in items if it[0]["story"] != story])
        oof += [(score(w, f), r["label"], rule) for r, f, rule in items if r["story"] == story]

    def summary(part: str, chosen: list[Item]) -> dict[str, Any]:
        rule = [r["label"] for r, _, ok in chosen if ok]
        return {"part": part, "pairs": len(chosen),
                "carriers": sum(r["label"] == 1 for r, _, _ in chosen),
                "rule": len(rule), "rule_carriers": rule.count(1)}  # fmt: skip

    print(json.dumps(summary("tuning", items)))
    for t in THRESHOLDS:
        print(json.dumps({"threshold": t, **counts(oof, t)}))
    ok = [t for t in THRESHOLDS if counts(oof, t)["precision"] >= MIN_PRECISION]
    chosen = min(ok, default=THRESHOLDS[-1])
    w = fit(items)
    print(json.dumps({"bias": round(w[0], 4),
                      "weights": dict(zip(FEATURES, (round(v, 4) for v in w[1:]), strict=True)),
                      "threshold": chosen, "out_of_fold": counts(oof, chosen)}))  # fmt: skip
    if args.report:
        held = items_of(args.report)
        scored = [(score(w, f), r["label"], rule) for r, f, rule in held]
        print(json.dumps({**summary(args.report, held), **counts(scored, chosen)}))


if __name__ == "__main__":
    main()
