"""Batch mode: a topic's stories are its well-separated groups of articles.

One similarity threshold cannot serve both kinds of gold story measured: ECB+ events
(two similar events of one topic must come apart) and MultiLing topics (an event and its
aftermath over months must stay together, though its articles are less alike than two
ECB+ events are). What does tell them apart is structure: the two events of an ECB+
topic form two groups with a clear gap between them, while a long-running story is a
continuum. So batch mode splits each topic by its own structure instead of by a
threshold:

- the topic's articles are clustered by average link (the similarity of
  :mod:`.features`; exact, one dendrogram per topic);
- walking down from the root, a group is split into its two sub-groups when the split
  is well supported: both sides have at least ``MIN_SIDE`` articles and the split's mean
  silhouette reaches ``FIRST_SPLIT`` for a whole topic, ``DEEPER_SPLIT`` below that (a
  group that is already one side of a clear split needs stronger evidence to split
  again; one constant at every depth over-splits single events);
- every group that is not split is one story.

A topic of fewer than ``2 * MIN_SIDE`` articles is one story; one of more than
``MAX_ARTICLES`` keeps the stories of the online pass (the exact pass is quadratic in
topic size). Constants chosen on ECB+ topics 1-22 (story BCubed F1 0.896 there); on the
held-out topics 23-45 story F1 went from 0.836 to 0.899 and on MultiLing from 0.649 to
0.966 (docs/stories-clustering-notes.md). Incremental mode does not do this: it never
renames a story, and a split needs the whole topic.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.cluster.hierarchy import linkage, to_tree
from scipy.spatial.distance import squareform

from .features import FloatArray

FIRST_SPLIT = 0.20
DEEPER_SPLIT = 0.30
MIN_SIDE = 3
MAX_ARTICLES = 2000

Index = npt.NDArray[np.int64]


def silhouette(distances: npt.NDArray[np.float64], left: Index, right: Index) -> float:
    """Mean silhouette of a two-way split (``left``/``right`` index ``distances``' rows)."""
    scores = []
    for own, other in ((left, right), (right, left)):
        if len(own) < 2:
            scores.append(np.zeros(len(own)))
            continue
        inside = distances[np.ix_(own, own)].sum(axis=1) / (len(own) - 1)
        outside = distances[np.ix_(own, other)].mean(axis=1)
        spread = np.maximum(inside, outside)
        scores.append(np.where(spread > 0, (outside - inside) / np.maximum(spread, 1e-12), 0.0))
    return float(np.concatenate(scores).mean())


def split_topic(vectors: FloatArray) -> list[Index]:
    """Groups of row indices of ``vectors`` (one topic's article vectors), each a story.

    Rows whose dot products are similarities (:func:`.features.vectorize`). The groups
    are in dendrogram order; every row is in exactly one."""
    count = len(vectors)
    if count < 2 * MIN_SIDE:
        return [np.arange(count)]
    similarity = vectors @ vectors.T
    distances = np.clip(1.0 - similarity.astype(np.float64), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    root = to_tree(linkage(squareform(distances, checks=False), method="average"))
    groups: list[Index] = []
    pending = [(root, True)]
    while pending:
        node, whole = pending.pop()
        members = np.asarray(node.pre_order(), dtype=np.int64)
        if node.is_leaf() or len(members) < 2 * MIN_SIDE:
            groups.append(np.sort(members))
            continue
        left = np.asarray(node.get_left().pre_order(), dtype=np.int64)
        right = np.asarray(node.get_right().pre_order(), dtype=np.int64)
        if min(len(left), len(right)) >= MIN_SIDE:
            local = distances[np.ix_(members, members)]
            position = {int(m): i for i, m in enumerate(members)}
            score = silhouette(
                local,
                np.array([position[int(m)] for m in left], dtype=np.int64),
                np.array([position[int(m)] for m in right], dtype=np.int64),
            )
            if score >= (FIRST_SPLIT if whole else DEEPER_SPLIT):
                pending.append((node.get_right(), False))
                pending.append((node.get_left(), False))
                continue
        groups.append(np.sort(members))
    return groups
