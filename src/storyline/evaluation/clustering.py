"""Story-clustering quality: BCubed precision/recall/F1 and the adjusted Rand index.

A clustering is a mapping ``item id -> cluster label``; the prediction and the gold
standard must label exactly the same items. Labels are any hashable values (strings,
integers from a clustering library), compared only for equality within one mapping.

* **BCubed** (Bagga & Baldwin 1998), item-level: for each item, precision is the share
  of its predicted cluster that shares its gold cluster, ``|pred(i) ∩ gold(i)| / |pred(i)|``,
  and recall is ``|pred(i) ∩ gold(i)| / |gold(i)|``. Both are averaged over items with
  equal weight, and F1 is the harmonic mean of the two averages (not the mean of the
  per-item F1s). Everything in one cluster gives recall 1 and precision ``Σ|g|² / n²``;
  all singletons give precision 1 and recall ``k / n`` for ``k`` gold clusters.
* **ARI** (Hubert & Arabie 1985) from the contingency table of pair counts, the same
  quantity as ``sklearn.metrics.adjusted_rand_score``: 1 for identical partitions, about
  0 for a random one, negative when worse than chance. When the expected and maximum
  index coincide (both partitions all-singletons, or both one cluster) it is 1.0, as in
  scikit-learn.

The data sets these are meant for (ECB+ sub-topics, MultiLing topics) are loaded by
:mod:`storyline.evaluation.datasets`; ``benchmarks/clustering_baseline.py`` scores the
TF-IDF + average-link anchor with them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping

__all__ = [
    "adjusted_rand_index",
    "bcubed",
    "contingency",
    "score_clustering",
]

Labels = Mapping[str, Hashable]


def _check_items(pred: Labels, gold: Labels) -> None:
    """Raise ValueError unless both mappings label the same, non-empty set of items."""
    if pred.keys() != gold.keys():
        only_pred = sorted(set(pred) - set(gold))
        only_gold = sorted(set(gold) - set(pred))
        raise ValueError(
            "the prediction and the gold standard must label the same items: "
            f"{len(only_pred)} only predicted (e.g. {only_pred[:3]}), "
            f"{len(only_gold)} only in the gold standard (e.g. {only_gold[:3]})"
        )
    if not gold:
        raise ValueError("no items to score: both clusterings are empty")


def contingency(
    pred: Labels, gold: Labels
) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable], Counter[Hashable]]:
    """Cell counts ``(pred label, gold label) -> n``, and the predicted and gold cluster sizes.

    Raises ValueError when the two mappings do not label the same items, or label none.
    """
    _check_items(pred, gold)
    cells: Counter[tuple[Hashable, Hashable]] = Counter((pred[item], gold[item]) for item in gold)
    pred_sizes: Counter[Hashable] = Counter(pred.values())
    gold_sizes: Counter[Hashable] = Counter(gold.values())
    return cells, pred_sizes, gold_sizes


def _harmonic(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def bcubed(pred: Labels, gold: Labels) -> tuple[float, float, float]:
    """BCubed (precision, recall, F1), averaged over items.

    An item in cell ``(c, g)`` of the contingency table has precision ``n_cg / |c|`` and
    recall ``n_cg / |g|``, so the averages are ``Σ n_cg² / |c| / n`` and ``Σ n_cg² / |g| / n``.
    Raises ValueError when the two mappings do not label the same items, or label none.
    """
    cells, pred_sizes, gold_sizes = contingency(pred, gold)
    n = len(gold)
    precision = sum(count * count / pred_sizes[c] for (c, _), count in cells.items()) / n
    recall = sum(count * count / gold_sizes[g] for (_, g), count in cells.items()) / n
    return precision, recall, _harmonic(precision, recall)


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def adjusted_rand_index(pred: Labels, gold: Labels) -> float:
    """Adjusted Rand index of ``pred`` against ``gold`` (symmetric in the two).

    ``(Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E)`` with
    ``E = Σ C(a_i,2) · Σ C(b_j,2) / C(n,2)``, in exact integer arithmetic up to the last
    division. 1.0 when the denominator is 0 (the partitions then agree on every pair).
    Raises ValueError when the two mappings do not label the same items, or label none.
    """
    cells, pred_sizes, gold_sizes = contingency(pred, gold)
    n = len(gold)
    index = sum(_pairs(count) for count in cells.values())
    pred_pairs = sum(_pairs(size) for size in pred_sizes.values())
    gold_pairs = sum(_pairs(size) for size in gold_sizes.values())
    total_pairs = _pairs(n)
    if total_pairs == 0:
        return 1.0
    # Multiply through by 2·C(n,2) so every term stays an integer.
    numerator = 2 * (index * total_pairs - pred_pairs * gold_pairs)
    denominator = (pred_pairs + gold_pairs) * total_pairs - 2 * pred_pairs * gold_pairs
    if denominator == 0:
        return 1.0
    return numerator / denominator


def score_clustering(pred: Labels, gold: Labels) -> dict[str, float | int]:
    """All the clustering scores of ``pred`` against ``gold``, for reports.

    Keys: ``bcubed_p``, ``bcubed_r``, ``bcubed_f1``, ``ari``, ``n_items``,
    ``n_pred_clusters``, ``n_gold_clusters``. Raises ValueError as :func:`bcubed` does.
    """
    precision, recall, f1 = bcubed(pred, gold)
    return {
        "bcubed_p": precision,
        "bcubed_r": recall,
        "bcubed_f1": f1,
        "ari": adjusted_rand_index(pred, gold),
        "n_items": len(gold),
        "n_pred_clusters": len(set(pred.values())),
        "n_gold_clusters": len(set(gold.values())),
    }
