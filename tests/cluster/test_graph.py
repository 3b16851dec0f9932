"""Average link per connected component: the same stories as one exact pass over all."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from storyline.cluster import graph
from storyline.cluster.graph import Constraints, average_link, cluster_vectors, similar_pairs


def _vectors(seed: int = 5, groups: int = 12, size: int = 9) -> sparse.csr_matrix:
    """Rows in ``groups`` noisy groups sharing a few columns each, plus common columns."""
    rng = np.random.default_rng(seed)
    rows = []
    for group in range(groups):
        for _ in range(size):
            row = np.zeros(400)
            row[group * 20 : group * 20 + 20] = rng.random(20) * (rng.random(20) < 0.5)
            row[300:] = rng.random(100) * (rng.random(100) < 0.05)  # common words
            rows.append(row / np.linalg.norm(row))
    return sparse.csr_matrix(np.array(rows, dtype=np.float32))


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs_a = {(x, y) for x, y in zip(a.tolist(), b.tolist(), strict=True)}
    return len(pairs_a) == len(set(a.tolist())) == len(set(b.tolist()))


def test_candidate_search_finds_every_pair_above_the_threshold() -> None:
    vectors = _vectors()
    dense = (vectors @ vectors.T).toarray()
    rows, cols, sims = similar_pairs(vectors, 0.1)
    expected = {(i, j) for i, j in zip(*np.nonzero(np.triu(dense >= 0.1, k=1)), strict=True)}
    assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected
    assert np.allclose(sims, dense[rows, cols], atol=1e-5)


@pytest.mark.parametrize("largest", [10_000, 30])
def test_components_give_the_exact_story_cut(monkeypatch: pytest.MonkeyPatch, largest: int) -> None:
    vectors = _vectors()
    constraints = Constraints.of([None] * vectors.shape[0])
    exact_story, exact_topic = average_link(vectors, constraints, (0.3, 0.1))
    monkeypatch.setattr(graph, "MAX_COMPONENT", largest)
    cut = cluster_vectors(vectors, constraints, story_threshold=0.3, topic_threshold=0.1)
    assert _same_partition(cut.story, exact_story)
    if largest > vectors.shape[0]:
        assert _same_partition(cut.topic, exact_topic)
    # a story never spans two topics
    assert all(len(set(cut.topic[cut.story == s].tolist())) == 1 for s in set(cut.story.tolist()))


def test_other_languages_never_share_a_story() -> None:
    vectors = _vectors(groups=1, size=6)
    constraints = Constraints.of(["en", "en", "en", "fr", "fr", None])
    cut = cluster_vectors(vectors, constraints, story_threshold=0.1, topic_threshold=0.05)
    assert cut.story[0] == cut.story[1] == cut.story[2]
    assert cut.story[3] == cut.story[4] != cut.story[0]
