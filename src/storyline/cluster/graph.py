"""Average-link clustering of article vectors, exact and in linear memory per component.

Stories and topics are two cuts of one average-link dendrogram over the articles'
cosine similarities (:mod:`.features`): a story is a group whose articles are on average
at least ``story_threshold`` alike, a topic one whose articles are on average at least
``topic_threshold`` alike (lower), so every story lies inside one topic.

Average link never joins two groups unless some pair across them is at least as similar
as the cut, so every group of a cut at ``t`` lies inside one connected component of the
graph whose edges are the pairs at ``t`` or more. The clustering therefore runs in
three steps:

1. **candidate pairs** (:func:`similar_pairs`): a sparse product of the vectors in row
   blocks, leaving out terms that more than ``COMMON_SHARE`` of the articles have (their
   postings would make the product dense), then the exact cosine of each candidate pair;
2. **components** of the pairs at ``topic_threshold`` or more;
3. **exact average link** inside each component (scipy, on the component's dense
   similarity matrix), cut at both thresholds.

Pairs that may never share a story get similarity ``FORBIDDEN``: articles of different
known languages. A component
larger than ``MAX_COMPONENT`` is cut along its weakest edges first (its pairs at
successively higher similarity), which bounds memory and time; this only happens when
thousands of articles chain together, and can only split, never merge.

Nothing here depends on the order of the articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

IntArray = npt.NDArray[np.int64]

FORBIDDEN = -1000.0
"""Similarity of a pair that may not share a story: average link then cannot join their
groups unless thousands of other pairs outweigh it."""
COMMON_SHARE = 0.02
COMMON_MIN = 64
"""Terms in more than ``max(COMMON_MIN, COMMON_SHARE * n)`` articles are left out of the
candidate search (their weight is small, but they would pair every article with every
other); the exact similarity of each candidate still counts them."""
CANDIDATE_SHARE = 0.5
"""A pair is a candidate when its similarity without the common terms reaches this share
of the topic threshold."""
BLOCK_ROWS = 1024
MAX_COMPONENT = 6000
STEP = 0.02


@dataclass(frozen=True)
class Constraints:
    """What may never share a story: articles of different known languages (per article a
    language code, -1 when unknown: an unknown language joins any)."""

    languages: IntArray

    @classmethod
    def of(cls, languages: Sequence[str | None]) -> Constraints:
        codes: dict[str, int] = {}
        lang = np.array(
            [-1 if x is None else codes.setdefault(x, len(codes)) for x in languages],
            dtype=np.int64,
        )
        return cls(lang)

    def allowed(self, rows: IntArray, cols: IntArray) -> npt.NDArray[np.bool_]:
        la, lb = self.languages[rows], self.languages[cols]
        result: npt.NDArray[np.bool_] = (la < 0) | (lb < 0) | (la == lb)
        return result

    def take(self, members: IntArray) -> Constraints:
        return Constraints(self.languages[members])


def common_terms(
    df: npt.NDArray[np.integer[Any]] | npt.NDArray[np.floating[Any]], documents: int
) -> npt.NDArray[np.bool_]:
    """The columns left out of the candidate search, from each column's document count."""
    result: npt.NDArray[np.bool_] = df > max(COMMON_MIN, COMMON_SHARE * documents)
    return result


def similar_pairs(
    vectors: sparse.csr_matrix,
    threshold: float,
    common: npt.NDArray[np.bool_] | None = None,
) -> tuple[IntArray, IntArray, npt.NDArray[np.float32]]:
    """Every pair ``i < j`` whose cosine reaches ``threshold``, with its cosine.

    ``common``: the columns to leave out of the candidate search (default: those of more
    than ``COMMON_SHARE`` of the rows); pass the corpus's when the rows are a part of it,
    so that the answer does not depend on how the corpus is cut."""
    count = vectors.shape[0]
    if count < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    if common is None:
        present = vectors.copy()
        present.data[:] = 1.0
        common = common_terms(np.asarray(present.sum(axis=0)).ravel(), count)
    data = np.where(common[vectors.indices], 0.0, vectors.data).astype(np.float32)
    rare = sparse.csr_matrix(
        (data, vectors.indices.copy(), vectors.indptr.copy()), shape=vectors.shape
    )
    rare.eliminate_zeros()  # in place: hence the copies above
    rare_t = rare.T.tocsr()
    floor = CANDIDATE_SHARE * threshold
    rows_out: list[IntArray] = []
    cols_out: list[IntArray] = []
    for start in range(0, count, BLOCK_ROWS):
        block = (rare[start : start + BLOCK_ROWS] @ rare_t).tocoo()
        rows = block.row.astype(np.int64) + start
        cols = block.col.astype(np.int64)
        chosen = (cols > rows) & (block.data >= floor)
        rows_out.append(rows[chosen])
        cols_out.append(cols[chosen])
    rows = np.concatenate(rows_out)
    cols = np.concatenate(cols_out)
    sims = pair_similarities(vectors, rows, cols)
    chosen = sims >= threshold
    return rows[chosen], cols[chosen], sims[chosen]


def pair_similarities(
    vectors: sparse.csr_matrix, rows: IntArray, cols: IntArray, chunk: int = 200_000
) -> npt.NDArray[np.float32]:
    """Exact cosines of the given pairs of rows."""
    out = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), chunk):
        a = vectors[rows[start : start + chunk]]
        b = vectors[cols[start : start + chunk]]
        out[start : start + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def compact(
    vectors: sparse.csr_matrix, common: npt.NDArray[np.bool_] | None = None
) -> tuple[sparse.csr_matrix, npt.NDArray[np.bool_] | None]:
    """The same rows over only the columns some row uses (products and transposes over
    millions of empty hashed columns would spend their time on the empty ones), and
    ``common`` renumbered the same way."""
    present, local = np.unique(vectors.indices, return_inverse=True)
    matrix = sparse.csr_matrix(
        (vectors.data.copy(), local.astype(np.int32), vectors.indptr.copy()),
        shape=(vectors.shape[0], len(present)),
    )
    return matrix, None if common is None else common[present]


def components(
    count: int, rows: IntArray, cols: IntArray, sims: npt.NDArray[np.float32], threshold: float
) -> list[IntArray]:
    """Connected components (sorted member arrays) of the pairs at ``threshold`` or more."""
    chosen = sims >= threshold
    graph = sparse.coo_matrix(
        (np.ones(int(chosen.sum()), dtype=np.int8), (rows[chosen], cols[chosen])),
        shape=(count, count),
    )
    _n, labels = connected_components(graph, directed=False)
    return _groups(labels)


def _inside(
    members: IntArray, count: int, rows: IntArray, cols: IntArray, sims: npt.NDArray[np.float32]
) -> tuple[IntArray, IntArray, npt.NDArray[np.float32]]:
    """The pairs between ``members``, renumbered to positions in ``members``."""
    position = np.full(count, -1, dtype=np.int64)
    position[members] = np.arange(len(members))
    local_rows, local_cols = position[rows], position[cols]
    keep = (local_rows >= 0) & (local_cols >= 0)
    return local_rows[keep], local_cols[keep], sims[keep]


def _groups(labels: npt.NDArray[np.int32]) -> list[IntArray]:
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return [np.sort(part).astype(np.int64) for part in np.split(order, bounds)]


def average_link(
    vectors: sparse.csr_matrix,
    constraints: Constraints,
    thresholds: Sequence[float],
) -> list[IntArray]:
    """Per threshold, a label for each row: the cut of the exact average-link dendrogram
    at that similarity (groups numbered from 0 in order of their first row)."""
    count = vectors.shape[0]
    if count == 1:
        return [np.zeros(1, dtype=np.int64) for _ in thresholds]
    local, _common = compact(vectors)  # a transpose is as wide as the columns
    dense = (local @ local.T).toarray().astype(np.float64)
    rows, cols = np.triu_indices(count, k=1)
    allowed = constraints.allowed(rows.astype(np.int64), cols.astype(np.int64))
    dense[rows[~allowed], cols[~allowed]] = FORBIDDEN
    dense[cols[~allowed], rows[~allowed]] = FORBIDDEN
    distances = np.clip(1.0 - dense, 0.0, None)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    out = []
    for threshold in thresholds:
        labels = fcluster(tree, 1.0 - threshold, criterion="distance")
        out.append(_renumber(np.asarray(labels, dtype=np.int64)))
    return out


def _renumber(labels: IntArray) -> IntArray:
    _values, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    result: IntArray = rank[inverse].astype(np.int64)
    return result


@dataclass(frozen=True)
class Cut:
    """Story and topic group of every row: ``story[i]`` and ``topic[i]`` are group numbers
    (a story's rows always share a topic)."""

    story: IntArray
    topic: IntArray


def cluster_vectors(
    vectors: sparse.csr_matrix,
    constraints: Constraints,
    *,
    story_threshold: float,
    topic_threshold: float,
    common: npt.NDArray[np.bool_] | None = None,
) -> Cut:
    """Stories and topics of the rows of ``vectors``: the two cuts of one average-link
    dendrogram, computed per connected component (``common``: see :func:`similar_pairs`).

    A component of more than ``MAX_COMPONENT`` articles at the topic threshold is split
    into its components at the story threshold, which keeps the story cut exact (every
    story lies inside one) and cuts its topics inside those only; one still too large
    is split at successively higher similarity (``STEP``), which can only split."""
    count = vectors.shape[0]
    story = np.full(count, -1, dtype=np.int64)
    topic = np.full(count, -1, dtype=np.int64)
    vectors, common = compact(vectors, common)
    rows, cols, sims = similar_pairs(vectors, topic_threshold, common)
    allowed = constraints.allowed(rows, cols)
    rows, cols, sims = rows[allowed], cols[allowed], sims[allowed]
    counters = [0, 0]
    pending = [
        (members, topic_threshold)
        for members in components(count, rows, cols, sims, topic_threshold)
    ]
    while pending:
        members, level = pending.pop()
        if len(members) > MAX_COMPONENT:
            inner = _inside(members, count, rows, cols, sims)
            finer = max(story_threshold, level + STEP) if level < story_threshold else level + STEP
            pending.extend(
                (members[part], finer) for part in components(len(members), *inner, finer)
            )
            continue
        stories, topics = average_link(
            vectors[members], constraints.take(members), (story_threshold, topic_threshold)
        )
        story[members] = stories + counters[0]
        topic[members] = topics + counters[1]
        counters[0] += int(stories.max()) + 1
        counters[1] += int(topics.max()) + 1
    return Cut(story, topic)
