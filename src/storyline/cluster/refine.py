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
- a group (first the whole topic) is cut into the 2 to ``MAX_PARTS`` parts of its
  dendrogram, each of at least ``MIN_SIDE`` articles, with the best mean silhouette;
  the cut is made when that silhouette reaches ``FIRST_SPLIT`` for a whole topic,
  ``DEEPER_SPLIT`` below that (a part of a clear cut needs stronger evidence to be cut
  again; one constant at every depth over-splits single events), and each part is
  looked at the same way. Several parts at once, because a topic of five events cut in
  two has a low silhouette (each half still holds several events). Parts that are on
  average ``SAME_STORY`` alike are never cut apart (two wire versions of one event);
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
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .features import FloatArray

FIRST_SPLIT = 0.20
DEEPER_SPLIT = 0.30
MIN_SIDE = 3
MAX_PARTS = 32
SAME_STORY = 0.40
"""Parts whose articles are this alike on average (the average link between two parts,
well above the story threshold) are one story told in different words, such as two wire
versions of one event: a cut between them is never made."""
MAX_ARTICLES = 2000

Index = npt.NDArray[np.int64]


def _membership(
    labels: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Each row's group number (0, 1, ...) and the rows x groups 0/1 matrix."""
    groups, position = np.unique(labels, return_inverse=True)
    onehot = np.zeros((len(labels), len(groups)))
    onehot[np.arange(len(labels)), position] = 1.0
    return position, onehot


def silhouette(distances: npt.NDArray[np.float64], labels: npt.NDArray[np.int64]) -> float:
    """Mean silhouette of a partition (``labels``, one per row of ``distances``; a point
    alone in its group scores 0)."""
    position, onehot = _membership(labels)
    sizes = onehot.sum(axis=0)
    totals = distances @ onehot  # each point's summed distance to each group
    own = totals[np.arange(len(labels)), position]
    mine = sizes[position]
    inside = np.divide(own, mine - 1, out=np.zeros_like(own), where=mine > 1)
    means = totals / sizes
    means[np.arange(len(labels)), position] = np.inf
    outside = means.min(axis=1)
    spread = np.maximum(inside, outside)
    scores = np.where((mine > 1) & (spread > 0), (outside - inside) / np.maximum(spread, 1e-12), 0)
    return float(scores.mean())


def _best_cut(distances: npt.NDArray[np.float64], bar: float) -> list[Index] | None:
    """The cut of the group's dendrogram into 2 to ``MAX_PARTS`` parts of at least
    ``MIN_SIDE`` articles with the best silhouette, if that reaches ``bar``."""
    count = len(distances)
    if count < 2 * MIN_SIDE:
        return None
    tree = linkage(squareform(distances, checks=False), method="average")
    best: tuple[float, npt.NDArray[np.int64]] | None = None
    for parts in range(2, min(MAX_PARTS, count // MIN_SIDE) + 1):
        labels = np.asarray(fcluster(tree, parts, criterion="maxclust"), dtype=np.int64)
        sizes = np.bincount(labels)[1:]
        if len(sizes) < 2 or sizes.min() < MIN_SIDE:
            continue
        score = silhouette(distances, labels)
        if score >= bar and (best is None or score > best[0]) and _apart(distances, labels):
            best = (score, labels)
    if best is None:
        return None
    labels = best[1]
    return [np.flatnonzero(labels == label) for label in np.unique(labels)]


def _apart(distances: npt.NDArray[np.float64], labels: npt.NDArray[np.int64]) -> bool:
    """Whether every two parts are less alike on average than ``SAME_STORY``."""
    _position, onehot = _membership(labels)
    sizes = onehot.sum(axis=0)
    link = 1.0 - (onehot.T @ distances @ onehot) / np.outer(sizes, sizes)
    np.fill_diagonal(link, -np.inf)
    return bool(link.max() < SAME_STORY)


def split_topic(vectors: FloatArray) -> list[Index]:
    """Groups of row indices of ``vectors`` (one topic's article vectors), each a story.

    Rows whose dot products are similarities (:func:`.features.vectorize`). Every row is
    in exactly one group; groups come in a fixed order for a given input."""
    count = len(vectors)
    similarity = vectors @ vectors.T
    distances = np.clip(1.0 - similarity.astype(np.float64), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    groups: list[Index] = []
    pending: list[tuple[Index, bool]] = [(np.arange(count, dtype=np.int64), True)]
    while pending:
        members, whole = pending.pop()
        local = distances[np.ix_(members, members)]
        parts = _best_cut(local, FIRST_SPLIT if whole else DEEPER_SPLIT)
        if parts is None:
            groups.append(members)
            continue
        pending.extend((members[part], False) for part in reversed(parts))
    return groups
